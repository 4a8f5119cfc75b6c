import CellNumerics
import CellPhysics
import CellUnits

/// `fit CELL to DATA vary [...]`: fitted physical fields with 95 % intervals and χ².
public final class StackFitObject: RuntimeObject {
    public let result: StackFitResult
    public let data: SpectrumObject

    public init(result: StackFitResult, data: SpectrumObject) {
        self.result = result
        self.data = data
    }

    public var typeName: String { "fit" }
    public var memberNames: [String] { ["parameters", "stderr", "chi2", "converged", "circuit", "spectrum"] }

    public func member(_ name: String) -> Value? {
        switch name {
        case "parameters":
            return .record(Record(zip(result.paths, result.values).map { (name: $0.0.description, value: Values.quantity($0.1, unit: $0.0.unit)) }))
        case "stderr":
            return .record(Record(zip(result.paths, result.standardErrors).map { (name: $0.0.description, value: Values.quantity($0.1, unit: $0.0.unit)) }))
        case "chi2": return .number(result.chi2)
        case "converged": return .bool(result.converged)
        case "circuit": return .object(CircuitObject(circuit: result.compiled.circuit, parameters: result.compiled.parameters, notes: result.compiled.notes))
        case "spectrum": return fitted.map { .object($0) } ?? .none
        default: return nil
        }
    }

    var fitted: SpectrumObject? {
        guard let z = try? result.compiled.impedance(at: data.spectrum.frequencies) else { return nil }
        return SpectrumObject(label: "fit of \(data.label)", spectrum: ImpedanceSpectrum(frequencies: data.spectrum.frequencies, impedance: z))
    }

    public var summary: String {
        var lines = ["fit of the stack to \(data.label): chi2 = \(NumberFormat.format(result.chi2)), \(result.converged ? "converged" : "NOT converged")"]
        let ci = result.confidence95
        for (i, p) in result.paths.enumerated() {
            let v = Interpreter.describe(Values.quantity(result.values[i], unit: p.unit))
            let lo = Interpreter.describe(Values.quantity(ci[i].lower, unit: p.unit)), hi = Interpreter.describe(Values.quantity(ci[i].upper, unit: p.unit))
            lines.append("  \(p.description) = \(v)  (95 % CI \(lo) to \(hi))")
        }
        return lines.joined(separator: "\n")
    }
}
