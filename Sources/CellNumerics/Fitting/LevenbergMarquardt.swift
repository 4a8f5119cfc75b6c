import RealModule

/// Options for ``LevenbergMarquardt``.
public struct LevenbergMarquardtOptions: Sendable, Equatable {
    /// Maximum accepted-or-rejected iterations.
    public var maxIterations = 500
    /// Stop when an accepted step lowers the cost by less than this fraction.
    public var relativeCostTolerance = 1e-15
    /// Stop when the step in u is below this relative size.
    public var stepTolerance = 1e-12
    /// Stop when the scaled gradient ‖Jᵀr‖∞ falls below this (cost units).
    public var gradientTolerance = 1e-30
    /// Initial damping relative to max diag(JᵀJ) (Nielsen's τ).
    public var initialDamping = 1e-3

    public init() {}
}

/// Why a minimisation stopped.
public enum LeastSquaresStop: String, Sendable, Equatable {
    case costReduction = "relative cost reduction below tolerance"
    case smallStep = "step below tolerance"
    case smallGradient = "gradient below tolerance"
    case zeroCost = "cost reached zero"
    case maxIterations = "iteration limit reached"
    case stalled = "damping grew without finding a better point"
    case invalidModel = "model returned non-finite values"

    /// Whether this stop counts as convergence.
    public var converged: Bool {
        switch self {
        case .costReduction, .smallStep, .smallGradient, .zeroCost: return true
        case .maxIterations, .stalled, .invalidModel: return false
        }
    }
}

/// Result of a nonlinear least-squares minimisation.
public struct LeastSquaresResult: Sendable {
    /// Parameters x at the minimum (model space, within bounds).
    public var parameters: [Double]
    /// Σ r² at the minimum.
    public var cost: Double
    /// Residuals at the minimum.
    public var residuals: [Double]
    /// ∂r/∂x at the minimum (model space), m × n.
    public var jacobian: Matrix
    public var iterations: Int
    public var stop: LeastSquaresStop
    public var converged: Bool { stop.converged }
}

/// Levenberg–Marquardt for min Σ r_i(x)² with simple bounds.
///
/// Positive quantities can be fitted in log space (``ParameterScaling``); bounds become a box on
/// the optimiser variable u, handled by projection with an active set (a variable at a bound whose
/// gradient points outward is frozen for that step). Damping uses Marquardt's diagonal scaling
/// (running maximum of diag JᵀJ, as MINPACK) and Nielsen's update; the gain ratio uses the
/// projected step, so clipped steps are judged honestly.
///
/// The model callback fills the residuals and the Jacobian ∂r/∂x in model space; it returns
/// `false` if it could not evaluate (the step is then rejected as if uphill).
public enum LevenbergMarquardt {
    public typealias Model = (_ x: [Double], _ residuals: inout [Double], _ jacobian: inout Matrix) -> Bool

    /// Minimises from `initial`; `scalings[i]` says how parameter i is bounded and scaled.
    public static func minimize(
        initial: [Double], scalings: [ParameterScaling], residualCount: Int,
        options: LevenbergMarquardtOptions = .init(), model: Model
    ) -> LeastSquaresResult {
        let n = initial.count
        let m = residualCount
        var u = zip(initial, scalings).map { $1.inverse($0) }
        var x = zip(u, scalings).map { $1.value($0) }
        var residuals = [Double](repeating: 0, count: m)
        var jacobian = Matrix(rows: m, columns: n)
        guard model(x, &residuals, &jacobian), residuals.allSatisfy(\.isFinite) else {
            return LeastSquaresResult(parameters: x, cost: .infinity, residuals: residuals, jacobian: jacobian,
                                      iterations: 0, stop: .invalidModel)
        }
        var cost = dot(residuals, residuals)
        var normal = Matrix(rows: n, columns: n)
        var gradient = [Double](repeating: 0, count: n)
        var scaleDiagonal = [Double](repeating: 0, count: n)
        var trialResiduals = residuals
        var trialJacobian = jacobian
        var trialX = x
        var trialU = u
        var chain = [Double](repeating: 0, count: n)
        var step = [Double](repeating: 0, count: n)

        func buildNormalEquations() {
            for k in 0..<n { chain[k] = scalings[k].derivative(u[k]) }
            for a in 0..<n {
                var g = 0.0
                for i in 0..<m { g += jacobian[i, a] * residuals[i] }
                gradient[a] = g * chain[a]
                for b in a..<n {
                    var s = 0.0
                    for i in 0..<m { s += jacobian[i, a] * jacobian[i, b] }
                    let value = s * chain[a] * chain[b]
                    normal[a, b] = value
                    normal[b, a] = value
                }
            }
            for k in 0..<n { scaleDiagonal[k] = max(scaleDiagonal[k], normal[k, k]) }
        }

        /// Variables at a bound with the descent direction pointing out of the box.
        func isFrozen(_ k: Int) -> Bool {
            (u[k] <= scalings[k].lowerU && gradient[k] > 0) || (u[k] >= scalings[k].upperU && gradient[k] < 0)
        }

        buildNormalEquations()
        var damping = options.initialDamping * max(scaleDiagonal.max() ?? 1, Double.leastNormalMagnitude)
        var growth = 2.0
        var iteration = 0
        var stop = LeastSquaresStop.maxIterations
        while iteration < options.maxIterations {
            iteration += 1
            if cost <= Double.leastNormalMagnitude { stop = .zeroCost; break }
            let frozen = (0..<n).map(isFrozen)
            var gradientNorm = 0.0
            for k in 0..<n where !frozen[k] { gradientNorm = max(gradientNorm, abs(gradient[k])) }
            if gradientNorm <= options.gradientTolerance { stop = .smallGradient; break }
            var system = normal
            var rhs = gradient.map { -$0 }
            for k in 0..<n {
                if frozen[k] {
                    for j in 0..<n { system[k, j] = 0; system[j, k] = 0 }
                    system[k, k] = 1
                    rhs[k] = 0
                } else {
                    system[k, k] += damping * max(scaleDiagonal[k], Double.leastNormalMagnitude)
                }
            }
            let solved: [Double]
            do {
                solved = try LUDecomposition(system).solve(rhs)
            } catch {
                damping *= growth
                growth *= 2
                if !damping.isFinite || damping > 1e300 { stop = .stalled; break }
                continue
            }
            for k in 0..<n {
                trialU[k] = scalings[k].clamp(u[k] + solved[k])
                step[k] = trialU[k] - u[k]
                trialX[k] = scalings[k].value(trialU[k])
            }
            // Predicted reduction of Σr² for the projected step s: −(2gᵀs + sᵀ(JᵀJ)s).
            var predicted = 0.0
            for a in 0..<n {
                var row = 0.0
                for b in 0..<n { row += normal[a, b] * step[b] }
                predicted -= 2 * gradient[a] * step[a] + step[a] * row
            }
            let evaluated = model(trialX, &trialResiduals, &trialJacobian) && trialResiduals.allSatisfy(\.isFinite)
            let trialCost = evaluated ? dot(trialResiduals, trialResiduals) : .infinity
            let actual = cost - trialCost
            if evaluated, actual > 0, predicted > 0 {
                let rho = actual / predicted
                let stepNorm = step.reduce(0) { max($0, abs($1)) }
                let uNorm = u.reduce(0) { max($0, abs($1)) }
                swap(&u, &trialU)
                swap(&x, &trialX)
                swap(&residuals, &trialResiduals)
                swap(&jacobian, &trialJacobian)
                let previousCost = cost
                cost = trialCost
                buildNormalEquations()
                damping *= max(1.0 / 3.0, 1 - Double.pow(2 * min(rho, 1) - 1, 3))
                growth = 2
                if actual <= options.relativeCostTolerance * previousCost { stop = .costReduction; break }
                if stepNorm <= options.stepTolerance * (uNorm + options.stepTolerance) { stop = .smallStep; break }
            } else {
                let stepNorm = step.reduce(0) { max($0, abs($1)) }
                let uNorm = u.reduce(0) { max($0, abs($1)) }
                if evaluated, stepNorm <= options.stepTolerance * (uNorm + options.stepTolerance) {
                    stop = .smallStep
                    break
                }
                damping *= growth
                growth *= 2
                if !damping.isFinite || damping > 1e300 { stop = .stalled; break }
            }
        }
        return LeastSquaresResult(parameters: x, cost: cost, residuals: residuals, jacobian: jacobian,
                                  iterations: iteration, stop: stop)
    }

    @inlinable
    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for i in a.indices { sum += a[i] * b[i] }
        return sum
    }

    /// Covariance s²(JᵀJ)⁻¹ with s² = cost/(m − n) (scipy `curve_fit` with `absolute_sigma=False`,
    /// as impedance.py). Returns nil when m ≤ n or JᵀJ is singular.
    public static func covariance(jacobian: Matrix, cost: Double) -> Matrix? {
        let m = jacobian.rows, n = jacobian.columns
        guard m > n else { return nil }
        var normal = Matrix(rows: n, columns: n)
        for a in 0..<n {
            for b in a..<n {
                var s = 0.0
                for i in 0..<m { s += jacobian[i, a] * jacobian[i, b] }
                normal[a, b] = s
                normal[b, a] = s
            }
        }
        // Scale to unit diagonal so the singularity test is relative to each column.
        var scale = [Double](repeating: 1, count: n)
        for k in 0..<n where normal[k, k] > 0 { scale[k] = 1 / normal[k, k].squareRoot() }
        for a in 0..<n { for b in 0..<n { normal[a, b] *= scale[a] * scale[b] } }
        guard let inverse = try? LUDecomposition(normal).inverse() else { return nil }
        let s2 = cost / Double(m - n)
        var result = Matrix(rows: n, columns: n)
        for a in 0..<n { for b in 0..<n { result[a, b] = inverse[a, b] * scale[a] * scale[b] * s2 } }
        return result
    }
}
