import CellNumerics
import ComplexModule
import RealModule

/// Why a stack fit cannot run.
public enum StackFitError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path names a layer, component or interface the cell does not have.
    case noSuchPath(path: String, reason: String)
    /// The field exists but is not set, so there is no starting value.
    case unsetField(path: String)
    /// The same path is listed twice, or no path at all.
    case invalidVary(String)
    case boundsCount(expected: Int, given: Int)
    case tooFewPoints(points: Int, parameters: Int)
    /// The data contain a non-positive frequency or a non-finite impedance.
    case invalidData(String)

    public var description: String {
        switch self {
        case .noSuchPath(let path, let reason): return "cannot vary `\(path)`: \(reason)"
        case .unsetField(let path): return "cannot vary `\(path)`: the field is not set, so there is no starting value"
        case .invalidVary(let text): return text
        case .boundsCount(let expected, let given): return "\(given) bounds given for \(expected) varied fields"
        case .tooFewPoints(let points, let parameters):
            return "\(points) data points cannot determine \(parameters) fields (need 2·points > fields)"
        case .invalidData(let text): return text
        }
    }
}

/// Options of ``StackFit``.
public struct StackFitOptions: Sendable {
    /// Relative step of the finite differences ∂(circuit parameters)/∂(field), in log space.
    public var differenceStep = 1e-6
    public var leastSquares = LevenbergMarquardtOptions()
    public init() {}
}

/// The outcome of fitting physical fields of a stack to a spectrum.
public struct StackFitResult: Sendable {
    public var paths: [ParameterPath]
    /// Fitted values (SI; thermal fields at their reference temperature).
    public var values: [Double]
    public var standardErrors: [Double]
    /// ν = 2N − P
    public var degreesOfFreedom: Int
    /// Weighted sum of squares at the optimum (CellNumerics ``FitWeighting``).
    public var chi2: Double
    public var weighting: FitWeighting
    public var iterations: Int
    public var converged: Bool
    /// The cell with the fitted values and its compiled circuit.
    public var cell: CellModel
    public var compiled: CompiledCircuit

    public var names: [String] { paths.map(\.description) }
    public var units: [String] { paths.map(\.unit) }
    public var reducedChi2: Double { degreesOfFreedom > 0 ? chi2 / Double(degreesOfFreedom) : .nan }

    /// 95 % intervals value ± t_{0.975,ν}·stderr (linearised, as ``FitResult``).
    public var confidence95: [(lower: Double, upper: Double)] {
        let t = StudentT.quantile975(degreesOfFreedom: degreesOfFreedom)
        return zip(values, standardErrors).map { ($0 - t * $1, $0 + t * $1) }
    }

    /// name, value ± stderr, 95 % interval, unit; then χ².
    public func table() -> String {
        let width = names.map(\.count).max() ?? 0
        var lines = zip(names.indices, names).map { index, name in
            name.padding(toLength: width, withPad: " ", startingAt: 0)
                + "  \(values[index]) ± \(standardErrors[index])  [\(confidence95[index].lower), "
                + "\(confidence95[index].upper)]  \(units[index])"
        }
        lines.append("chi2 = \(chi2) (\(weighting.rawValue) weighting, dof \(degreesOfFreedom))"
            + (converged ? "" : ", not converged"))
        return lines.joined(separator: "\n")
    }
}

/// Fits physical fields of a stack (thickness, grain size, σ, interface ASR ...) to an impedance
/// spectrum: every trial cell is compiled to its circuit (``StackCircuit``) and compared with the
/// data; Levenberg–Marquardt in log space for positive fields, linear within (0, 1] for exponents.
/// The Jacobian is the circuit's analytic ∂Z/∂p times central differences ∂p/∂field.
public enum StackFit {
    public static func fit(cell: CellModel, temperature: Double, data: ImpedanceSpectrum, vary: [ParameterPath],
                           bounds: [ParameterBound]? = nil, weighting: FitWeighting = .modulus,
                           options: StackFitOptions = .init()) throws -> StackFitResult {
        guard !vary.isEmpty else { throw StackFitError.invalidVary("`vary` lists no fields") }
        guard Set(vary).count == vary.count else { throw StackFitError.invalidVary("`vary` lists a field twice") }
        let n = data.count
        let p = vary.count
        guard 2 * n > p else { throw StackFitError.tooFewPoints(points: n, parameters: p) }
        for (index, f) in data.frequencies.enumerated() where !(f > 0 && f.isFinite) {
            throw StackFitError.invalidData("data point #\(index + 1) has frequency \(f) Hz")
        }
        for (index, z) in data.impedance.enumerated() where !z.isFinite {
            throw StackFitError.invalidData("data point #\(index + 1) has a non-finite impedance")
        }
        let initial = try vary.map { path -> Double in
            do {
                return try path.value(in: cell)
            } catch StackFitError.unsetField(let name) {
                guard let start = path.modelDefault else { throw StackFitError.unsetField(path: name) }
                return start
            }
        }
        let parameterBounds = bounds ?? vary.map { $0.isExponent ? .exponent : .positive }
        guard parameterBounds.count == p else { throw StackFitError.boundsCount(expected: p, given: parameterBounds.count) }
        let scalings = zip(parameterBounds, vary).map { ParameterScaling(bound: $0, logarithmic: !$1.isExponent) }
        let reference = try StackCircuit.compile(cell, temperature: temperature)
        let structure = reference.text

        func cellWith(_ x: [Double]) throws -> CellModel {
            var trial = cell
            for (path, value) in zip(vary, x) { trial = try path.setting(value, in: trial) }
            return trial
        }
        func circuitParameters(_ x: [Double]) -> [Double]? {
            guard let trial = try? cellWith(x),
                  let compiled = try? StackCircuit.compile(trial, temperature: temperature, keepingShapeOf: reference),
                  compiled.text == structure else { return nil }
            return compiled.parameters
        }
        let program = CircuitProgram(reference.circuit)
        let weights = Self.weights(data, weighting)
        let model: LevenbergMarquardt.Model = { x, residuals, jacobian in
            guard let circuitP = circuitParameters(x),
                  let (z, dz) = try? program.impedanceAndJacobian(parameters: circuitP, frequencies: data.frequencies)
            else { return false }
            let q = circuitP.count
            // ∂p/∂x_k by central differences in log x (linear for exponents).
            var dp = [[Double]](repeating: [Double](repeating: 0, count: q), count: p)
            for k in 0..<p {
                let isLog = scalings[k].isLogarithmic
                let h = isLog ? options.differenceStep : options.differenceStep * max(abs(x[k]), 1e-3)
                var up = x, down = x
                up[k] = isLog ? x[k] * Double.exp(h) : x[k] + h
                down[k] = isLog ? x[k] * Double.exp(-h) : x[k] - h
                guard let pu = circuitParameters(up), let pd = circuitParameters(down) else { return false }
                let span = isLog ? 2 * h * x[k] : 2 * h
                for j in 0..<q { dp[k][j] = (pu[j] - pd[j]) / span }
            }
            for i in 0..<n {
                residuals[i] = (z[i].real - data.impedance[i].real) / weights.re[i]
                residuals[n + i] = (z[i].imaginary - data.impedance[i].imaginary) / weights.im[i]
                for k in 0..<p {
                    var d = Complex<Double>.zero
                    for j in 0..<q where dp[k][j] != 0 { d += dz[i * q + j] * Complex(dp[k][j]) }
                    jacobian[i, k] = d.real / weights.re[i]
                    jacobian[n + i, k] = d.imaginary / weights.im[i]
                }
            }
            return true
        }
        let solution = LevenbergMarquardt.minimize(initial: initial, scalings: scalings, residualCount: 2 * n,
                                                   options: options.leastSquares, model: model)
        let covariance = LevenbergMarquardt.covariance(jacobian: solution.jacobian, cost: solution.cost)
        let errors = (0..<p).map { k -> Double in
            guard let c = covariance, c[k, k] >= 0 else { return .nan }
            return c[k, k].squareRoot()
        }
        let fitted = try cellWith(solution.parameters)
        return StackFitResult(
            paths: vary, values: solution.parameters, standardErrors: errors, degreesOfFreedom: 2 * n - p,
            chi2: solution.cost, weighting: weighting, iterations: solution.iterations, converged: solution.converged,
            cell: fitted, compiled: try StackCircuit.compile(fitted, temperature: temperature, keepingShapeOf: reference))
    }

    /// Residual scales, the same definitions as ``CircuitFitter`` (``FitWeighting``).
    static func weights(_ data: ImpedanceSpectrum, _ weighting: FitWeighting) -> (re: [Double], im: [Double]) {
        let modulus = data.impedance.map { max($0.length, Double.leastNormalMagnitude) }
        switch weighting {
        case .modulus: return (modulus, modulus)
        case .unit: return (Array(repeating: 1, count: data.count), Array(repeating: 1, count: data.count))
        case .proportional:
            return (zip(data.impedance, modulus).map { $0.real != 0 ? abs($0.real) : $1 },
                    zip(data.impedance, modulus).map { $0.imaginary != 0 ? abs($0.imaginary) : $1 })
        }
    }
}
