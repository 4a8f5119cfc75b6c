import CellNumerics
import RealModule
import ComplexModule
import Foundation

/// One relaxation of a compiled stack: an R in parallel with a capacitor (n = 1) or a CPE.
public struct CircuitArc: Sendable, Equatable {
    /// Layer or interface path (`separator.bulk`, `anode|separator`, `cathode.charge_transfer`).
    public var origin: String
    /// Ω
    public var resistance: Double
    /// CPE Q in S·sⁿ (the capacitance in F when n = 1).
    public var q: Double
    /// CPE exponent, 0 < n ≤ 1.
    public var n: Double

    public init(origin: String, resistance: Double, q: Double, n: Double) {
        self.origin = origin
        self.resistance = resistance
        self.q = q
        self.n = n
    }

    /// Effective capacitance C_eff = Q^{1/n}·R^{(1−n)/n}, F (PHYSICS.md §2).
    public var effectiveCapacitance: Double { Double.pow(q, 1 / n) * Double.pow(resistance, (1 - n) / n) }

    /// Apex frequency f₀ = 1/[2π(RQ)^{1/n}], Hz (PHYSICS.md §2).
    public var peakFrequency: Double { 1 / (2 * Double.pi * Double.pow(resistance * q, 1 / n)) }
}

/// Ionic resistance of one electrolyte layer in the compiled circuit (bulk + grain boundaries).
public struct LayerResistance: Sendable, Equatable {
    public var layer: String
    /// m
    public var thickness: Double
    /// Ω
    public var resistance: Double
    /// Apparent conductivity σ = L/(R·A), S/m.
    public var apparentConductivity: Double
}

/// A stack compiled into its equivalent circuit at one temperature (PHYSICS.md "What a stack
/// compiles into", item 1). Parameters are in circuit order, impedance.py's parameter order.
public struct CompiledCircuit: Sendable {
    /// Elements numbered impedance.py-style, each with its origin.
    public var circuit: Circuit
    public var parameters: [Double]
    /// m²
    public var area: Double
    /// K
    public var temperature: Double
    /// One entry per R‖C or R‖CPE pair, in circuit order.
    public var arcs: [CircuitArc]
    /// One entry per ionic (electrolyte, interlayer or composite-electrolyte) layer.
    public var layerResistances: [LayerResistance]
    /// Whether a blocking electrode makes the DC impedance infinite.
    public var isBlocking: Bool
    /// Defaults used and EMPIRICAL models applied, one line each, no duplicates.
    public var notes: [String]

    /// The circuit in impedance.py notation, e.g. `p(R0,C0)-p(R1,C1)-CPE2`.
    public var text: String { circuit.description }

    /// One line per element: label, value(s) with units, origin.
    public func legend() -> String {
        var rows: [(String, String, String)] = []
        var offset = 0
        for element in circuit.elements {
            let count = element.kind.parameterCount
            let values = Array(parameters[offset..<min(offset + count, parameters.count)])
            offset += count
            let units = element.kind.parameterUnits
            let symbols = element.kind.parameterSymbols
            let text: String
            if count == 1, let value = values.first {
                text = "\(Self.format(value)) \(units[0])"
            } else {
                text = zip(symbols, zip(values, units)).map { symbol, pair in
                    "\(symbol) = \(Self.format(pair.0))" + (pair.1.isEmpty ? "" : " \(pair.1)")
                }.joined(separator: ", ")
            }
            rows.append((element.label, text, element.origin ?? ""))
        }
        let labelWidth = rows.map(\.0.count).max() ?? 0
        let valueWidth = rows.map(\.1.count).max() ?? 0
        return rows.map { label, value, origin in
            label.padding(toLength: labelWidth, withPad: " ", startingAt: 0) + "  "
                + value.padding(toLength: valueWidth, withPad: " ", startingAt: 0) + "  " + origin
        }.joined(separator: "\n")
    }

    /// The string, the legend and the notes, as `print cell.circuit` shows them.
    public var report: String {
        ([text, legend()] + notes.map { "note: \($0)" }).joined(separator: "\n")
    }

    /// Impedance (Ω) at each frequency (Hz, positive and finite).
    public func impedance(at frequencies: [Double]) throws -> [Complex<Double>] {
        do {
            return try circuit.impedance(parameters: parameters, frequencies: frequencies)
        } catch {
            throw ModelError.outOfRange(what: "the impedance evaluation", value: error.description,
                                        allowed: "positive finite frequencies and parameters")
        }
    }

    /// Sum of the arcs' and series resistors' resistances, Ω: the DC limit of a non-blocking
    /// stack (nil when blocking).
    public var dcResistance: Double? {
        isBlocking ? nil : dcLimit
    }

    var dcLimit: Double = 0

    /// Ionic-path segments of each composite electrode by layer name: 0 for a series resistor
    /// L/(3σ_eff A), N for an N-segment transmission line (PHYSICS.md §6).
    public internal(set) var ionicSegments: [String: Int] = [:]

    static func format(_ value: Double) -> String { String(format: "%.4g", value) }
}
