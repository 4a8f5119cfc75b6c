import ComplexModule
import RealModule

/// How residuals are weighted in χ² (impedance.py-compatible where impedance.py has the option).
///
/// χ² = Σᵢ [(Z'ᵢ,fit − Z'ᵢ)/σ'ᵢ]² + [(Z''ᵢ,fit − Z''ᵢ)/σ''ᵢ]² with
/// - ``modulus``: σ' = σ'' = |Zᵢ| (impedance.py `weight_by_modulus=True`; default here),
/// - ``unit``: σ' = σ'' = 1 (impedance.py's default, `weight_by_modulus=False`),
/// - ``proportional``: σ' = |Z'ᵢ|, σ'' = |Z''ᵢ| (Boukamp's proportional weighting; points where
///   a component is zero fall back to |Zᵢ|).
public enum FitWeighting: String, Sendable, CaseIterable {
    case modulus, unit, proportional
}

/// Options for ``CircuitFitter``.
public struct CircuitFitOptions: Sendable {
    /// Number of starts (given guess, automatic guess, then alternately a log-space perturbation
    /// of the best point and a wide one of the automatic guess).
    public var maxStarts = 24
    /// Stop early once this many starts agree on the best χ² (relative 1e-6).
    public var agreeingStarts = 3
    /// Seed of the deterministic perturbation sequence.
    public var seed: UInt64 = 0x5EED_CE11
    /// Spread of log-space perturbations (natural-log units; 1.5 ≈ ×4.5).
    public var logSpread = 1.5
    /// Spread of the wide perturbations of the automatic guess (3 ≈ ×20).
    public var wideLogSpread = 3.0
    public var leastSquares = LevenbergMarquardtOptions()

    public init() {}
}

/// Errors from ``CircuitFitter/fit(circuit:data:initialGuess:weighting:bounds:options:)``.
public enum CircuitFitError: Error, Sendable, Equatable, CustomStringConvertible {
    case syntax(CircuitSyntaxError)
    case guessCount(expected: Int, given: Int)
    case boundsCount(expected: Int, given: Int)
    case invalidBound(name: String, lower: Double, upper: Double)
    case tooFewPoints(points: Int, parameters: Int)
    case invalidData(index: Int)
    case invalidFrequency(index: Int, value: Double)

    public var description: String {
        switch self {
        case .syntax(let error): return error.message
        case .guessCount(let expected, let given):
            return "initial guess has \(given) values; the circuit has \(expected) parameters"
        case .boundsCount(let expected, let given):
            return "\(given) bounds given; the circuit has \(expected) parameters"
        case .invalidBound(let name, let lower, let upper):
            return "bounds of `\(name)` are empty or invalid (\(lower) … \(upper))"
        case .tooFewPoints(let points, let parameters):
            return "\(points) data points cannot determine \(parameters) parameters (need 2·points > parameters)"
        case .invalidData(let index): return "data point #\(index + 1) has a non-finite impedance"
        case .invalidFrequency(let index, let value):
            return "data point #\(index + 1) has frequency \(value) Hz; frequencies must be positive and finite"
        }
    }
}

/// Fits equivalent circuits to impedance spectra: Levenberg–Marquardt in log space for positive
/// quantities, sine-bounded exponents, analytic Jacobian, multi-start from automatic guesses.
public enum CircuitFitter {
    /// Fits `circuit` (impedance.py notation) to `data`.
    ///
    /// Default bounds: (0, ∞) for every parameter (fitted in log space), (0, 1] for CPE n, La α
    /// and Zarc γ, as impedance.py. `initialGuess`, if given, is the first start; the automatic
    /// guess (``InitialGuess``) is always tried too, then perturbations of the best point so far.
    public static func fit(
        circuit circuitText: String, data: ImpedanceSpectrum, initialGuess: [Double]? = nil,
        weighting: FitWeighting = .modulus, bounds: [ParameterBound]? = nil,
        options: CircuitFitOptions = .init()
    ) throws(CircuitFitError) -> FitResult {
        let circuit: Circuit
        do { circuit = try Circuit(parsing: circuitText) } catch { throw .syntax(error) }
        return try fit(circuit: circuit, data: data, initialGuess: initialGuess, weighting: weighting,
                       bounds: bounds, options: options)
    }

    /// Same as the string form, for a circuit already built (keeps element origins).
    public static func fit(
        circuit: Circuit, data: ImpedanceSpectrum, initialGuess: [Double]? = nil,
        weighting: FitWeighting = .modulus, bounds: [ParameterBound]? = nil,
        options: CircuitFitOptions = .init()
    ) throws(CircuitFitError) -> FitResult {
        let program = CircuitProgram(circuit)
        let p = program.parameterCount
        let names = circuit.parameterNames
        let n = data.count
        for (index, frequency) in data.frequencies.enumerated() where !(frequency > 0 && frequency.isFinite) {
            throw .invalidFrequency(index: index, value: frequency)
        }
        for (index, z) in data.impedance.enumerated() where !z.isFinite { throw .invalidData(index: index) }
        guard 2 * n > p else { throw .tooFewPoints(points: n, parameters: p) }
        if let guess = initialGuess, guess.count != p { throw .guessCount(expected: p, given: guess.count) }
        let exponentFlags = circuit.elements.flatMap(\.kind.isExponent)
        let parameterBounds = bounds ?? exponentFlags.map { $0 ? .exponent : .positive }
        guard parameterBounds.count == p else { throw .boundsCount(expected: p, given: parameterBounds.count) }
        for (index, bound) in parameterBounds.enumerated() where !(bound.lower < bound.upper) || bound.lower.isNaN {
            throw .invalidBound(name: names[index], lower: bound.lower, upper: bound.upper)
        }
        let scalings = zip(parameterBounds, exponentFlags).map {
            ParameterScaling(bound: $0, logarithmic: !$1)
        }
        let (sigmaRe, sigmaIm) = weights(data, weighting)
        let evaluator = ResidualEvaluator(program: program, data: data, sigmaRe: sigmaRe, sigmaIm: sigmaIm)

        var starts: [[Double]] = []
        if let guess = initialGuess { starts.append(guess) }
        let automatic = InitialGuess.guess(circuit: circuit, spectrum: data)
        starts.append(automatic)
        starts += InitialGuess.alternativeGuesses(circuit: circuit, spectrum: data)
        var generator = SplitMix64(seed: options.seed)
        var best: LeastSquaresResult?
        var agreeing = 0
        var totalIterations = 0
        var startsUsed = 0
        while startsUsed < max(options.maxStarts, starts.count) {
            let start: [Double]
            if startsUsed < starts.count {
                start = starts[startsUsed]
            } else {
                // Alternate: a local perturbation of the best point, a wide one of the automatic guess.
                let local = (startsUsed - starts.count) % 2 == 0
                let center = local ? (best?.parameters ?? automatic) : automatic
                start = perturb(center, exponentFlags: exponentFlags,
                                spread: local ? options.logSpread : options.wideLogSpread, generator: &generator)
            }
            startsUsed += 1
            let result = LevenbergMarquardt.minimize(
                initial: start, scalings: scalings, residualCount: 2 * n, options: options.leastSquares,
                model: evaluator.evaluate)
            totalIterations += result.iterations
            guard result.cost.isFinite else { continue }
            if let current = best {
                let relative = abs(result.cost - current.cost) / max(current.cost, Double.leastNormalMagnitude)
                if relative <= 1e-6 || abs(result.cost - current.cost) <= 1e-24 {
                    // Same minimum (or an equivalent one, e.g. two identical blocks swapped):
                    // keep the earlier start's labelling, which follows the circuit string.
                    agreeing += 1
                } else if result.cost < current.cost {
                    best = result
                    agreeing = 1
                }
            } else {
                best = result
                agreeing = 1
            }
            if agreeing >= options.agreeingStarts && startsUsed >= starts.count { break }
        }
        guard let solution = best else {
            let fallback = starts[0]
            return FitResult(circuit: circuit, names: names, units: circuit.parameterUnits, parameters: fallback,
                             standardErrors: Array(repeating: .nan, count: p), degreesOfFreedom: 2 * n - p,
                             chi2: .infinity, iterations: totalIterations, starts: startsUsed, converged: false,
                             weighting: weighting)
        }
        let covariance = LevenbergMarquardt.covariance(jacobian: solution.jacobian, cost: solution.cost)
        let errors = (0..<p).map { k -> Double in
            guard let c = covariance, c[k, k] >= 0 else { return .nan }
            return c[k, k].squareRoot()
        }
        let order = canonicalOrder(circuit: circuit, parameters: solution.parameters)
        return FitResult(circuit: circuit, names: names, units: circuit.parameterUnits,
                         parameters: order.map { solution.parameters[$0] }, standardErrors: order.map { errors[$0] },
                         degreesOfFreedom: 2 * n - p,
                         chi2: solution.cost, iterations: totalIterations, starts: startsUsed,
                         converged: solution.converged, weighting: weighting)
    }

    /// Series blocks with the same structure (two `p(R,CPE)`, say) commute: swapping their values
    /// gives the same impedance. So that a fit's labels do not depend on which start won, such
    /// blocks are put in order of rising time constant — the highest-frequency arc first, the
    /// convention of impedance.py users. Returns the parameter permutation (identity otherwise).
    static func canonicalOrder(circuit: Circuit, parameters: [Double]) -> [Int] {
        var order = Array(parameters.indices)
        guard case .series(let blocks) = circuit.root else { return order }
        var offsets: [Int] = [], offset = 0
        for b in blocks {
            offsets.append(offset)
            offset += Circuit(b).parameterCount
        }
        func shape(_ node: Circuit.Node) -> String {
            switch node {
            case .element(let e): return e.kind.rawValue
            case .series(let ns): return "s(" + ns.map(shape).joined(separator: ",") + ")"
            case .parallel(let ns): return "p(" + ns.map(shape).joined(separator: ",") + ")"
            }
        }
        /// τ of an R‖C or R‖CPE block: R·C or (R·Q)^{1/n}; nil for other shapes.
        func timeConstant(_ node: Circuit.Node, at start: Int) -> Double? {
            guard case .parallel(let pair) = node, pair.count == 2,
                  case .element(let a) = pair[0], case .element(let b) = pair[1], a.kind == .resistor else { return nil }
            let r = parameters[start]
            switch b.kind {
            case .capacitor: return r * parameters[start + 1]
            case .constantPhase: return Double.pow(r * parameters[start + 1], 1 / parameters[start + 2])
            default: return nil
            }
        }
        var groups: [String: [Int]] = [:]
        var tau: [Int: Double] = [:]
        for (i, b) in blocks.enumerated() {
            guard let t = timeConstant(b, at: offsets[i]), t.isFinite else { continue }
            tau[i] = t
            groups[shape(b), default: []].append(i)
        }
        for (_, members) in groups where members.count > 1 {
            let sorted = members.sorted { (tau[$0] ?? 0) < (tau[$1] ?? 0) }
            for (slot, source) in zip(members, sorted) {
                let width = Circuit(blocks[slot]).parameterCount
                for k in 0..<width { order[offsets[slot] + k] = offsets[source] + k }
            }
        }
        return order
    }

    /// χ² of given parameters against data with the given weighting (same definition as fits).
    public static func chiSquared(
        circuit: Circuit, parameters: [Double], data: ImpedanceSpectrum, weighting: FitWeighting = .modulus
    ) throws(CircuitEvaluationError) -> Double {
        let model = try circuit.impedance(parameters: parameters, frequencies: data.frequencies)
        let (sigmaRe, sigmaIm) = weights(data, weighting)
        var sum = 0.0
        for i in 0..<data.count {
            let re = (model[i].real - data.impedance[i].real) / sigmaRe[i]
            let im = (model[i].imaginary - data.impedance[i].imaginary) / sigmaIm[i]
            sum += re * re + im * im
        }
        return sum
    }

    static func weights(_ data: ImpedanceSpectrum, _ weighting: FitWeighting) -> ([Double], [Double]) {
        let modulus = data.impedance.map { max($0.length, Double.leastNormalMagnitude) }
        switch weighting {
        case .modulus: return (modulus, modulus)
        case .unit: return (Array(repeating: 1, count: data.count), Array(repeating: 1, count: data.count))
        case .proportional:
            let re = zip(data.impedance, modulus).map { $0.real != 0 ? abs($0.real) : $1 }
            let im = zip(data.impedance, modulus).map { $0.imaginary != 0 ? abs($0.imaginary) : $1 }
            return (re, im)
        }
    }

    private static func perturb(
        _ center: [Double], exponentFlags: [Bool], spread: Double, generator: inout SplitMix64
    ) -> [Double] {
        zip(center, exponentFlags).map { value, isExponent in
            if isExponent { return 0.5 + 0.5 * generator.nextUnit() }
            return value * Double.exp(spread * (2 * generator.nextUnit() - 1))
        }
    }
}

/// Weighted residuals and Jacobian of a circuit against data; buffers allocated once per fit.
final class ResidualEvaluator {
    let program: CircuitProgram
    let frequencies: [Double]
    let dataRe: [Double]
    let dataIm: [Double]
    let inverseSigmaRe: [Double]
    let inverseSigmaIm: [Double]
    private var values: [Complex<Double>]
    private var jacobian: [Complex<Double>]
    private var workspace: [Complex<Double>]

    init(program: CircuitProgram, data: ImpedanceSpectrum, sigmaRe: [Double], sigmaIm: [Double]) {
        self.program = program
        frequencies = data.frequencies
        dataRe = data.impedance.map(\.real)
        dataIm = data.impedance.map(\.imaginary)
        inverseSigmaRe = sigmaRe.map { 1 / $0 }
        inverseSigmaIm = sigmaIm.map { 1 / $0 }
        values = Array(repeating: .zero, count: data.count)
        jacobian = Array(repeating: .zero, count: data.count * program.parameterCount)
        workspace = Array(repeating: .zero, count: program.workspaceSizeForJacobian)
    }

    /// Fills residuals r (first the n real parts, then the n imaginary parts) and ∂r/∂x.
    func evaluate(_ x: [Double], _ residuals: inout [Double], _ matrix: inout Matrix) -> Bool {
        let n = frequencies.count
        let p = program.parameterCount
        x.withUnsafeBufferPointer { px in
            frequencies.withUnsafeBufferPointer { f in
                values.withUnsafeMutableBufferPointer { out in
                    jacobian.withUnsafeMutableBufferPointer { jac in
                        workspace.withUnsafeMutableBufferPointer { work in
                            program.evaluateWithJacobian(parameters: px, frequencies: f, into: out, jacobian: jac, workspace: work)
                        }
                    }
                }
            }
        }
        for i in 0..<n {
            residuals[i] = (values[i].real - dataRe[i]) * inverseSigmaRe[i]
            residuals[n + i] = (values[i].imaginary - dataIm[i]) * inverseSigmaIm[i]
            for k in 0..<p {
                let d = jacobian[i * p + k]
                matrix[i, k] = d.real * inverseSigmaRe[i]
                matrix[n + i, k] = d.imaginary * inverseSigmaIm[i]
            }
        }
        return true
    }
}

/// Deterministic 64-bit generator (SplitMix64) for reproducible multi-starts.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1.0p-53 }
}
