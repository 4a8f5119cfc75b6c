import ComplexModule
import RealModule

/// Errors from building frequency grids and impedance tables.
public enum EISTableError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A frequency bound is zero, negative, infinite or NaN.
    case invalidFrequency(name: String, value: Double)
    /// Points per decade below 1.
    case invalidPointsPerDecade(Int)
    /// The grid would exceed ``EISTable/maximumPointCount``.
    case tooManyPoints(Int)

    public var description: String {
        switch self {
        case .invalidFrequency(let name, let value):
            return "`\(name)` is \(value) Hz; frequencies must be positive and finite"
        case .invalidPointsPerDecade(let value):
            return "points per decade must be at least 1, got \(value)"
        case .tooManyPoints(let count):
            return "frequency grid would have \(count) points (limit \(EISTable.maximumPointCount))"
        }
    }
}

/// Frequency grids and CSV impedance tables for `cell eis` and friends.
public enum EISTable {
    /// Upper limit on grid size: far beyond any instrument sweep, small enough to never exhaust memory.
    public static let maximumPointCount = 10_000_000

    /// Relative slack when deciding that the span is a whole number of grid steps (absorbs the
    /// rounding of log10 of decimal inputs such as 1e7 → 1e-2).
    static let gridSnapTolerance = 1e-9

    /// Log-spaced frequencies (Hz) from `from` to `to` in the given order (high → low if
    /// `from > to`), `perDecade` points per decade, both ends included: 1e7 → 1e-2 at 10 per decade
    /// gives 91 points. Points are `from·10^(±k/perDecade)`; if the span is not a whole number of
    /// steps, the grid stops at the last step inside the span and `to` is appended. `from == to`
    /// gives one point.
    public static func frequencies(from: Double, to: Double, perDecade: Int) throws(EISTableError) -> [Double] {
        guard from > 0, from.isFinite else { throw .invalidFrequency(name: "from", value: from) }
        guard to > 0, to.isFinite else { throw .invalidFrequency(name: "to", value: to) }
        guard perDecade >= 1 else { throw .invalidPointsPerDecade(perDecade) }
        let steps = abs(Double.log10(to) - Double.log10(from)) * Double(perDecade)
        guard steps < Double(maximumPointCount) else { throw .tooManyPoints(Int(min(steps, 1e18))) }
        let direction: Double = to >= from ? 1 : -1
        let rounded = steps.rounded()
        let whole = abs(steps - rounded) <= gridSnapTolerance * max(1, steps)
        let intervalCount = whole ? Int(rounded) : Int(steps.rounded(.down))
        var grid: [Double] = []
        grid.reserveCapacity(intervalCount + 2)
        grid.append(from)
        if intervalCount >= 1 {
            for k in 1..<max(intervalCount, 1) {
                grid.append(from * Double.pow(10, direction * Double(k) / Double(perDecade)))
            }
        }
        if whole {
            if intervalCount >= 1 { grid.append(to) }
        } else {
            if intervalCount >= 1 {
                grid.append(from * Double.pow(10, direction * Double(intervalCount) / Double(perDecade)))
            }
            grid.append(to)
        }
        return grid
    }

    /// CSV with header `frequency_Hz,Zre_ohm,Zim_ohm` and one row per frequency; Zim is signed
    /// (negative for capacitive behaviour). Numbers use Swift's shortest round-trip form.
    /// Throws ``CircuitSyntaxError`` for a bad circuit string and ``CircuitEvaluationError`` for
    /// a wrong parameter count (naming expected and given) or bad frequencies.
    public static func csv(circuit: String, parameters: [Double], frequencies: [Double]) throws -> String {
        let parsed = try Circuit(parsing: circuit)
        let impedance = try parsed.impedance(parameters: parameters, frequencies: frequencies)
        return csv(frequencies: frequencies, impedance: impedance)
    }

    /// CSV text for a spectrum already computed; same format as ``csv(circuit:parameters:frequencies:)``.
    public static func csv(frequencies: [Double], impedance: [Complex<Double>]) -> String {
        var text = "frequency_Hz,Zre_ohm,Zim_ohm\n"
        for (frequency, z) in zip(frequencies, impedance) {
            text += "\(frequency),\(z.real),\(z.imaginary)\n"
        }
        return text
    }
}
