import RealModule

/// The outcome of a circuit fit.
///
/// Standard errors come from the covariance s²(JᵀWJ)⁻¹ with s² = χ²/(2N − P), as scipy's
/// `curve_fit` (impedance.py) computes them. 95 % intervals are value ± t_{0.975,ν}·stderr with
/// ν = 2N − P degrees of freedom (Student t; tends to 1.96 for large ν). For log-parameterised
/// quantities the interval is still the symmetric linearised one, and may cross zero.
public struct FitResult: Sendable {
    public var circuit: Circuit
    /// impedance.py parameter names, circuit order.
    public var names: [String]
    public var units: [String]
    /// Best-fit values, circuit order.
    public var parameters: [Double]
    /// One standard error per parameter; NaN when the covariance is singular.
    public var standardErrors: [Double]
    /// ν = 2N − P.
    public var degreesOfFreedom: Int
    /// Weighted sum of squares at the optimum (see ``FitWeighting``).
    public var chi2: Double
    /// Levenberg–Marquardt iterations summed over all starts.
    public var iterations: Int
    /// Number of starts run.
    public var starts: Int
    /// Whether the best start met a convergence criterion.
    public var converged: Bool
    public var weighting: FitWeighting

    /// χ²/ν.
    public var reducedChi2: Double { degreesOfFreedom > 0 ? chi2 / Double(degreesOfFreedom) : .nan }

    /// t_{0.975,ν} used for the intervals.
    public var tQuantile: Double { StudentT.quantile975(degreesOfFreedom: degreesOfFreedom) }

    /// 95 % confidence intervals (lower, upper), NaN where the standard error is unavailable.
    public var confidence95: [(lower: Double, upper: Double)] {
        let t = tQuantile
        return zip(parameters, standardErrors).map { ($0 - t * $1, $0 + t * $1) }
    }

    /// JSON: `{"circuit":..., "names":[...], "parameters":[...], "stderr":[...], "ci95_lower":[...],
    /// "ci95_upper":[...], "units":[...], "chi2":..., "reduced_chi2":..., "dof":..., "weighting":...,
    /// "iterations":..., "starts":..., "converged":...}`; NaN/infinity are written as `null`.
    public func json() -> String {
        let intervals = confidence95
        let fields: [(String, String)] = [
            ("circuit", Self.quote(circuit.description)),
            ("names", "[" + names.map(Self.quote).joined(separator: ",") + "]"),
            ("parameters", Self.numbers(parameters)),
            ("stderr", Self.numbers(standardErrors)),
            ("ci95_lower", Self.numbers(intervals.map(\.lower))),
            ("ci95_upper", Self.numbers(intervals.map(\.upper))),
            ("units", "[" + units.map(Self.quote).joined(separator: ",") + "]"),
            ("chi2", Self.number(chi2)),
            ("reduced_chi2", Self.number(reducedChi2)),
            ("dof", "\(degreesOfFreedom)"),
            ("weighting", Self.quote(weighting.rawValue)),
            ("iterations", "\(iterations)"),
            ("starts", "\(starts)"),
            ("converged", converged ? "true" : "false"),
        ]
        return "{" + fields.map { "\(Self.quote($0.0)):\($0.1)" }.joined(separator: ",") + "}"
    }

    /// Human-readable table: name, value, stderr, 95 % interval, unit; then χ².
    public func table() -> String {
        let width = max(names.map(\.count).max() ?? 4, 4)
        var lines: [String] = []
        for (index, name) in names.enumerated() {
            let pad = String(repeating: " ", count: width - name.count)
            let interval = confidence95[index]
            lines.append("\(name)\(pad)  \(parameters[index]) ± \(standardErrors[index])  "
                + "[\(interval.lower), \(interval.upper)]  \(units[index])")
        }
        lines.append("chi2 = \(chi2) (\(weighting.rawValue) weighting, dof \(degreesOfFreedom))"
            + (converged ? "" : ", not converged"))
        return lines.joined(separator: "\n")
    }

    static func number(_ value: Double) -> String { value.isFinite ? "\(value)" : "null" }

    static func numbers(_ values: [Double]) -> String { "[" + values.map(number).joined(separator: ",") + "]" }

    static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
