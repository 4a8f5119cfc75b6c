import CellNumerics
import CellUnits
import ComplexModule

/// A circuit parameter as a language value. CellNumerics names units as impedance.py does
/// (`Ohm`, `F`, `H`, `sec`, `Ohm^-1 sec^a`); CPE and Warburg coefficients have no fixed SI
/// dimension and stay plain numbers (their unit is printed beside them).
private func parameterValue(_ value: Double, unit: String) -> Value {
    switch unit {
    case "Ohm": return Values.quantity(value, .resistance)
    case "F": return Values.quantity(value, .capacitance)
    case "H": return Values.quantity(value, .inductance)
    case "sec": return Values.quantity(value, .time)
    default: return .number(value)
    }
}

private func format(_ value: Double, unit: String) -> String {
    Interpreter.describe(parameterValue(value, unit: unit)) + (parameterValue(value, unit: unit).quantity?.isPlainNumber == true && !unit.isEmpty ? " \(unit)" : "")
}

/// An equivalent circuit, optionally with parameter values (a compiled stack has them).
public final class CircuitObject: RuntimeObject {
    public let circuit: Circuit
    public let parameters: [Double]?
    /// Model notes (defaults used, EMPIRICAL models), printed with the circuit.
    public let notes: [String]

    public init(circuit: Circuit, parameters: [Double]? = nil, notes: [String] = []) {
        self.circuit = circuit
        self.parameters = parameters
        self.notes = notes
    }

    public var typeName: String { "circuit" }
    public var memberNames: [String] { ["text", "parameters", "names", "elements"] }

    public func member(_ name: String) -> Value? {
        switch name {
        case "text": return .string(circuit.description)
        case "names": return .list(circuit.parameterNames.map { .string($0) })
        case "parameters":
            guard let parameters else { return .none }
            return .record(Record(zip(zip(circuit.parameterNames, circuit.parameterUnits), parameters).map {
                (name: $0.0.0, value: parameterValue($0.1, unit: $0.0.1))
            }))
        case "elements":
            return .list(circuit.elements.map { e in
                .record(Record([(name: "label", value: .string(e.label)), (name: "kind", value: .string(e.kind.rawValue)),
                                (name: "origin", value: e.origin.map { .string($0) } ?? .none)]))
            })
        default: return nil
        }
    }

    public var summary: String {
        var lines = [circuit.description]
        var index = 0
        for e in circuit.elements {
            let names = e.parameterNames, units = e.kind.parameterUnits
            var parts: [String] = []
            for (k, n) in names.enumerated() {
                if let parameters, index + k < parameters.count {
                    parts.append("\(n) = \(format(parameters[index + k], unit: k < units.count ? units[k] : ""))")
                } else {
                    parts.append(n)
                }
            }
            index += names.count
            lines.append("  " + parts.joined(separator: ", ") + (e.origin.map { "  (\($0))" } ?? ""))
        }
        lines += notes.map { "  note: \($0)" }
        return lines.joined(separator: "\n")
    }
}

/// `fit CIRCUIT to DATA`: parameters with 95 % intervals and χ².
public final class FitObject: RuntimeObject {
    public let result: FitResult
    public let data: ImpedanceSpectrum
    public let label: String
    /// Parameters pinned at a bound, named, for the warning printed with the fit.
    public let warnings: [String]

    public init(result: FitResult, data: ImpedanceSpectrum, label: String, warnings: [String]) {
        self.result = result
        self.data = data
        self.label = label
        self.warnings = warnings
    }

    public var typeName: String { "fit" }
    public var memberNames: [String] { ["parameters", "stderr", "chi2", "circuit", "spectrum", "converged", "names"] }

    public var fittedSpectrum: ImpedanceSpectrum? {
        guard let z = try? result.circuit.impedance(parameters: result.parameters, frequencies: data.frequencies) else { return nil }
        return ImpedanceSpectrum(frequencies: data.frequencies, impedance: z)
    }

    public func member(_ name: String) -> Value? {
        switch name {
        case "parameters":
            return .record(Record(zip(zip(result.names, result.units), result.parameters).map {
                (name: $0.0.0, value: parameterValue($0.1, unit: $0.0.1))
            }))
        case "stderr":
            return .record(Record(zip(zip(result.names, result.units), result.standardErrors).map {
                (name: $0.0.0, value: parameterValue($0.1, unit: $0.0.1))
            }))
        case "names": return .list(result.names.map { .string($0) })
        case "chi2": return .number(result.chi2)
        case "converged": return .bool(result.converged)
        case "circuit": return .object(CircuitObject(circuit: result.circuit, parameters: result.parameters))
        case "spectrum": return fittedSpectrum.map { .object(SpectrumObject(label: "fit of \(label)", spectrum: $0)) } ?? .none
        default: return nil
        }
    }

    public var summary: String {
        var lines = ["fit \(result.circuit.description) to \(label): chi2 = \(NumberFormat.format(result.chi2)), \(result.converged ? "converged" : "NOT converged") after \(result.starts) start\(result.starts == 1 ? "" : "s")"]
        let ci = result.confidence95
        for (i, n) in result.names.enumerated() {
            let unit = i < result.units.count ? result.units[i] : ""
            lines.append("  \(n) = \(format(result.parameters[i], unit: unit))  (95 % CI \(NumberFormat.format(ci[i].lower)) to \(NumberFormat.format(ci[i].upper)))")
        }
        lines += warnings.map { "  warning: \($0)" }
        return lines.joined(separator: "\n")
    }
}

/// `kk(data)`: the linear Kramers–Kronig test (PHYSICS.md §7).
public final class KKObject: RuntimeObject {
    public let result: KKResult
    public let label: String

    public init(result: KKResult, label: String) {
        self.result = result
        self.label = label
    }

    public var typeName: String { "kk" }
    public var memberNames: [String] { ["valid", "mu", "m", "max_residual", "residuals_re", "residuals_im", "verdict", "outliers"] }

    public func member(_ name: String) -> Value? {
        switch name {
        case "valid": return .bool(result.isValid)
        case "mu": return .number(result.mu)
        case "m": return .number(Double(result.m))
        case "max_residual": return .number(result.maxResidual)
        case "residuals_re": return .list(result.residualsReal.map { .number($0) })
        case "residuals_im": return .list(result.residualsImaginary.map { .number($0) })
        case "verdict": return .string(result.verdict)
        case "outliers": return .list(result.outliers.map { .number(Double($0)) })
        default: return nil
        }
    }

    public var summary: String {
        "Kramers–Kronig (lin-KK) of \(label): \(result.verdict); M = \(result.m), mu = \(NumberFormat.format(result.mu)), max |residual| = \(NumberFormat.format(result.maxResidual * 100)) %"
    }
}
