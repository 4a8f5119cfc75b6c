import RealModule

/// Integration method of ``TimeStepper``.
public enum TimeSteppingMethod: String, Sendable, CaseIterable {
    /// First order, L-stable; every step is independent of older history.
    case backwardEuler
    /// Variable-step BDF2 (second order, A-stable), started with two backward-Euler steps.
    case bdf2
}

/// Options for ``TimeStepper``. Tolerances act on the estimated local error of each component:
/// a step is accepted when RMSᵢ(errᵢ/(atolᵢ + rtol·|yᵢ|)) ≤ 1.
public struct TimeStepperOptions: Sendable {
    public var method: TimeSteppingMethod = .bdf2
    public var relativeTolerance = 1e-6
    /// Absolute tolerance for every component (units of y).
    public var absoluteTolerance = 1e-9
    /// Per-component absolute tolerances; overrides ``absoluteTolerance`` when set.
    public var absoluteTolerances: [Double]?
    /// First step (s); nil picks 1e-6 of the first interval, at most ``maxStep``.
    public var initialStep: Double?
    /// Below this step (s) a failing step throws instead of shrinking further.
    public var minStep = 1e-12
    public var maxStep = Double.infinity
    /// Limit on attempted steps within one ``TimeStepper/step(to:)`` call.
    public var maxSteps = 100_000
    /// Events are located to within this time (s).
    public var eventTimeTolerance = 1e-9
    /// Newton stops when the weighted norm of its update falls below this.
    public var newtonTolerance = 1e-3
    public var maxNewtonIterations = 8

    public init() {}
}

/// Errors of ``TimeStepper``; integration state is left at the last accepted point.
public enum TimeSteppingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The error test kept failing until the step fell below `minStep`.
    case stepTooSmall(t: Double, step: Double)
    /// Newton iterations kept failing (or the system threw) until the step fell below `minStep`.
    case nonConvergence(t: Double, step: Double, reason: String)
    /// `maxSteps` attempts within one `step(to:)` call.
    case tooManySteps(t: Double, limit: Int)
    /// The target time is NaN or behind the current time.
    case invalidTarget(t: Double, target: Double)
    /// State or options have the wrong size.
    case dimensionMismatch(expected: Int, given: Int)
    /// The initial state or its derivative is not finite.
    case invalidState(t: Double, message: String)

    public var description: String {
        switch self {
        case .stepTooSmall(let t, let step):
            return "time step fell to \(step) s at t = \(t) s without meeting the error tolerance"
        case .nonConvergence(let t, let step, let reason):
            return "implicit solve did not converge at t = \(t) s (step \(step) s): \(reason)"
        case .tooManySteps(let t, let limit): return "more than \(limit) steps before reaching the target (at t = \(t) s)"
        case .invalidTarget(let t, let target): return "cannot step from t = \(t) s to \(target) s"
        case .dimensionMismatch(let expected, let given): return "state has \(given) components, system has \(expected)"
        case .invalidState(let t, let message): return "invalid state at t = \(t) s: \(message)"
        }
    }
}

/// How a ``TimeStepper/step(to:)`` call ended.
public enum StepOutcome: Sendable, Equatable {
    /// The target time was reached exactly.
    case reached(t: Double)
    /// Event `index` changed sign; the state is just past the root (within `eventTimeTolerance`).
    case event(index: Int, t: Double)
}

/// Counters for diagnostics and benchmarks.
public struct TimeStepperStatistics: Sendable, Equatable {
    public var acceptedSteps = 0
    public var rejectedSteps = 0
    public var newtonIterations = 0
    public var jacobianEvaluations = 0
    public var eventSearchSteps = 0
}

/// Implicit integrator (backward Euler or variable-step BDF2) with local-error step control and
/// event location, for stiff systems M·dy/dt = f(t, y) (see ``ImplicitSystem``, PHYSICS.md
/// "What a stack compiles into").
///
/// Each step solves the implicit equations by Newton's method with the Jacobian evaluated once
/// per step (analytic or by finite differences, banded-aware). The local error is estimated by
/// comparing the corrector with an explicit polynomial predictor (Milne's device); the step
/// grows or shrinks by the usual 0.9·err^(−1/(p+1)) rule, limited to ×0.2…×5. Events are located
/// by re-solving the step with shortened sizes (Illinois method on the step length), so the
/// reported state is an actual integrator state, not an interpolant.
///
/// After a discontinuity (a change of current, say) call ``restart()`` so BDF2 does not use history
/// from across it.
public struct TimeStepper<System: ImplicitSystem> {
    public var system: System
    public var options: TimeStepperOptions
    public private(set) var t: Double
    public private(set) var y: [Double]
    public private(set) var statistics = TimeStepperStatistics()
    /// Step size to try next (s).
    public private(set) var nextStep: Double?

    /// Accepted past points, newest last (at most two besides the current one).
    private var history: [(t: Double, y: [Double])] = []
    private var currentEvents: [Double]

    public init(system: System, t0: Double, y0: [Double], options: TimeStepperOptions = .init()) throws(TimeSteppingError) {
        guard y0.count == system.dimension else { throw .dimensionMismatch(expected: system.dimension, given: y0.count) }
        if let tolerances = options.absoluteTolerances, tolerances.count != system.dimension {
            throw .dimensionMismatch(expected: system.dimension, given: tolerances.count)
        }
        if let mass = system.massDiagonal, mass.count != system.dimension {
            throw .dimensionMismatch(expected: system.dimension, given: mass.count)
        }
        guard system.eventDirections.count == system.eventCount else {
            throw .dimensionMismatch(expected: system.eventCount, given: system.eventDirections.count)
        }
        guard t0.isFinite, y0.allSatisfy(\.isFinite) else { throw .invalidState(t: t0, message: "non-finite initial state") }
        self.system = system
        self.options = options
        t = t0
        y = y0
        nextStep = options.initialStep
        currentEvents = [Double](repeating: 0, count: system.eventCount)
        system.eventValues(t: t0, y: y0, into: &currentEvents)
    }

    /// Drops the step history (next step is backward Euler from a small step) and re-reads events.
    public mutating func restart() {
        history.removeAll()
        nextStep = options.initialStep
        currentEvents = [Double](repeating: 0, count: system.eventCount)
        system.eventValues(t: t, y: y, into: &currentEvents)
    }

    /// Replaces the state (e.g. after a protocol change) and restarts.
    public mutating func setState(t newT: Double, y newY: [Double]) throws(TimeSteppingError) {
        guard newY.count == system.dimension else { throw .dimensionMismatch(expected: system.dimension, given: newY.count) }
        t = newT
        y = newY
        restart()
    }

    /// Integrates to `target` (s), stopping early at the first event. Throws with the state left
    /// at the last accepted step.
    public mutating func step(to target: Double) throws(TimeSteppingError) -> StepOutcome {
        guard target.isFinite, target >= t else { throw .invalidTarget(t: t, target: target) }
        if target == t { return .reached(t: t) }
        var h = min(nextStep ?? max(1e-6 * (target - t), options.minStep), options.maxStep)
        var attempts = 0
        while t < target {
            attempts += 1
            if attempts > options.maxSteps { throw .tooManySteps(t: t, limit: options.maxSteps) }
            let remaining = target - t
            // Land exactly on the target; stretch a step that would leave a sliver.
            if h >= remaining || remaining - h < options.minStep { h = remaining }
            let attempt = attemptStep(h)
            switch attempt {
            case .failedNewton(let reason):
                statistics.rejectedSteps += 1
                h /= 4
                if h < options.minStep { throw .nonConvergence(t: t, step: h * 4, reason: reason) }
                continue
            case .tooLargeError(let error):
                statistics.rejectedSteps += 1
                h *= max(0.2, 0.9 * Double.pow(error, -1 / Double(order + 1)))
                if h < options.minStep { throw .stepTooSmall(t: t, step: h) }
                continue
            case .accepted(let newY, let error):
                var newEvents = [Double](repeating: 0, count: system.eventCount)
                system.eventValues(t: t + h, y: newY, into: &newEvents)
                if let index = firstTriggered(old: currentEvents, new: newEvents) {
                    let located = locateEvent(index, step: h, rightY: newY, rightEvents: newEvents)
                    accept(step: located.step, y: located.y, events: located.events)
                    nextStep = max(located.step, options.minStep)
                    return .event(index: located.index, t: t)
                }
                accept(step: h, y: newY, events: newEvents)
                let factor = error > 0 ? min(5, max(0.2, 0.9 * Double.pow(error, -1 / Double(order + 1)))) : 5
                h = min(h * factor, options.maxStep)
                nextStep = h
            }
        }
        return .reached(t: t)
    }

    // MARK: - One step

    private enum Attempt {
        case accepted(y: [Double], error: Double)
        case tooLargeError(Double)
        case failedNewton(String)
    }

    /// Order of the next step's formula (BDF2 needs two past points besides the current one).
    private var order: Int { options.method == .bdf2 && history.count >= 2 ? 2 : 1 }

    private mutating func accept(step h: Double, y newY: [Double], events: [Double]) {
        history.append((t, y))
        if history.count > 2 { history.removeFirst() }
        t += h
        y = newY
        currentEvents = events
        statistics.acceptedSteps += 1
    }

    /// Error weights 1/(atol + rtol·|y|).
    private func weights(_ reference: [Double]) -> [Double] {
        reference.indices.map { i in
            let atol = options.absoluteTolerances?[i] ?? options.absoluteTolerance
            return 1 / (atol + options.relativeTolerance * abs(reference[i]))
        }
    }

    private func weightedRMS(_ v: [Double], _ w: [Double]) -> Double {
        guard !v.isEmpty else { return 0 }
        var sum = 0.0
        for i in v.indices { sum += (v[i] * w[i]) * (v[i] * w[i]) }
        return (sum / Double(v.count)).squareRoot()
    }

    private mutating func attemptStep(_ h: Double, errorTest: Bool = true) -> Attempt {
        let n = y.count
        let useBDF2 = order == 2
        // Formula a0·y_{n+1} + rest = h·f(y_{n+1}); predictor and its error constant.
        var a0 = 1.0
        var rest = y.map { -$0 }
        var predictor = y
        var correctorConstant: Double
        var predictorConstant: Double
        if useBDF2, let previous = history.last, history.count >= 2 {
            let older = history[history.count - 2]
            let h1 = t - previous.t
            let h2 = previous.t - older.t
            let omega = h / h1
            a0 = (1 + 2 * omega) / (1 + omega)
            let a1 = -(1 + omega)
            let a2 = omega * omega / (1 + omega)
            for i in 0..<n { rest[i] = a1 * y[i] + a2 * previous.y[i] }
            // Quadratic extrapolation through (older, previous, current).
            let t0 = older.t, t1 = previous.t, t2 = t, tn = t + h
            let l0 = (tn - t1) * (tn - t2) / ((t0 - t1) * (t0 - t2))
            let l1 = (tn - t0) * (tn - t2) / ((t1 - t0) * (t1 - t2))
            let l2 = (tn - t0) * (tn - t1) / ((t2 - t0) * (t2 - t1))
            for i in 0..<n { predictor[i] = l0 * older.y[i] + l1 * previous.y[i] + l2 * y[i] }
            // τ for y''' = 1: [a1(−h)³ + a2(−(h+h1))³]/6; local error c = −τ/a0.
            let tau = (a1 * -h * h * h + a2 * -Double.pow(h + h1, 3)) / 6
            correctorConstant = -tau / a0
            predictorConstant = h * (h + h1) * (h + h1 + h2) / 6
        } else if let previous = history.last {
            let h1 = t - previous.t
            for i in 0..<n { predictor[i] = y[i] + h * (y[i] - previous.y[i]) / h1 }
            correctorConstant = h * h / 2
            predictorConstant = h * (h + h1) / 2
        } else {
            // First step: explicit Euler predictor from f (algebraic components kept).
            var f = [Double](repeating: 0, count: n)
            do { try system.derivative(t: t, y: y, into: &f) } catch { return .failedNewton("\(error)") }
            let mass = system.massDiagonal
            for i in 0..<n {
                let m = mass?[i] ?? 1
                if m != 0 { predictor[i] = y[i] + h * f[i] / m }
            }
            correctorConstant = h * h / 2
            predictorConstant = h * h / 2
        }
        guard let corrected = newtonSolve(h: h, a0: a0, rest: rest, start: predictor) else {
            return .failedNewton(lastNewtonFailure)
        }
        let factor = correctorConstant / (predictorConstant + correctorConstant)
        let w = weights(y)
        var difference = [Double](repeating: 0, count: n)
        for i in 0..<n { difference[i] = factor * (corrected[i] - predictor[i]) }
        let error = weightedRMS(difference, w)
        if !errorTest { return .accepted(y: corrected, error: error) }
        guard error.isFinite else { return .tooLargeError(1e6) }
        return error <= 1 ? .accepted(y: corrected, error: error) : .tooLargeError(error)
    }

    private var lastNewtonFailure = ""

    /// Solves M(a0·y + rest)/h − f(t+h, y) = 0 from `start`.
    private mutating func newtonSolve(h: Double, a0: Double, rest: [Double], start: [Double]) -> [Double]? {
        let n = start.count
        let tNew = t + h
        let mass = system.massDiagonal
        var current = start
        var f = [Double](repeating: 0, count: n)
        var matrix = SystemMatrix(size: n, structure: system.jacobianStructure)
        do {
            try jacobian(t: tNew, y: current, into: &matrix)
        } catch {
            lastNewtonFailure = "jacobian: \(error)"
            return nil
        }
        statistics.jacobianEvaluations += 1
        // Iteration matrix (a0/h)M − J over the stored pattern.
        for i in 0..<n {
            let columns: ClosedRange<Int>
            switch system.jacobianStructure {
            case .dense: columns = 0...(n - 1)
            case .banded(let lower, let upper): columns = max(0, i - lower)...min(n - 1, i + upper)
            }
            for j in columns { matrix[i, j] = -matrix[i, j] }
            matrix[i, i] += a0 / h * (mass?[i] ?? 1)
        }
        let w = weights(y)
        var previousNorm = Double.infinity
        for _ in 0..<options.maxNewtonIterations {
            statistics.newtonIterations += 1
            do { try system.derivative(t: tNew, y: current, into: &f) } catch {
                lastNewtonFailure = "\(error)"
                return nil
            }
            var residual = [Double](repeating: 0, count: n)
            for i in 0..<n { residual[i] = -((mass?[i] ?? 1) * (a0 * current[i] + rest[i]) / h - f[i]) }
            let delta: [Double]
            do { delta = try matrix.solve(residual) } catch {
                lastNewtonFailure = "\(error)"
                return nil
            }
            for i in 0..<n { current[i] += delta[i] }
            let norm = weightedRMS(delta, w)
            guard norm.isFinite, current.allSatisfy(\.isFinite) else {
                lastNewtonFailure = "newton iterates became non-finite"
                return nil
            }
            if norm <= options.newtonTolerance { return current }
            if norm > 2 * previousNorm {
                lastNewtonFailure = "newton iterations diverged"
                return nil
            }
            previousNorm = norm
        }
        lastNewtonFailure = "newton did not converge in \(options.maxNewtonIterations) iterations"
        return nil
    }

    /// ∂f/∂y, analytic or by (banded-aware) forward differences.
    private func jacobian(t: Double, y: [Double], into matrix: inout SystemMatrix) throws {
        matrix.setZero()
        if system.providesJacobian {
            try system.jacobian(t: t, y: y, into: &matrix)
            return
        }
        let n = y.count
        var base = [Double](repeating: 0, count: n)
        try system.derivative(t: t, y: y, into: &base)
        var shifted = y
        var f = base
        let (lower, upper, stride): (Int, Int, Int)
        switch system.jacobianStructure {
        case .dense: (lower, upper, stride) = (n, n, n)
        case .banded(let l, let u): (lower, upper, stride) = (l, u, min(l + u + 1, n))
        }
        for group in 0..<max(stride, 1) {
            var steps = [Double](repeating: 0, count: n)
            var column = group
            while column < n {
                let atol = options.absoluteTolerances?[column] ?? options.absoluteTolerance
                let step = Double.ulpOfOne.squareRoot() * max(abs(y[column]), 1e3 * atol)
                steps[column] = step
                shifted[column] = y[column] + step
                column += stride
            }
            try system.derivative(t: t, y: shifted, into: &f)
            column = group
            while column < n {
                for row in max(0, column - upper)...min(n - 1, column + lower) {
                    matrix[row, column] = (f[row] - base[row]) / steps[column]
                }
                shifted[column] = y[column]
                column += stride
            }
        }
    }

    // MARK: - Events

    private func triggered(_ index: Int, old: Double, new: Double) -> Bool {
        guard old != 0, old.isFinite, new.isFinite else { return false }
        switch system.eventDirections[index] {
        case .rising: return old < 0 && new >= 0
        case .falling: return old > 0 && new <= 0
        case .either: return (old < 0 && new >= 0) || (old > 0 && new <= 0)
        }
    }

    private func firstTriggered(old: [Double], new: [Double]) -> Int? {
        old.indices.first { triggered($0, old: old[$0], new: new[$0]) }
    }

    /// Illinois search on the step length for the earliest triggered event.
    private mutating func locateEvent(
        _ first: Int, step h: Double, rightY: [Double], rightEvents: [Double]
    ) -> (index: Int, step: Double, y: [Double], events: [Double]) {
        var index = first
        var right = (step: h, y: rightY, events: rightEvents)
        while true {
            var leftStep = 0.0
            var leftValue = currentEvents[index]
            var rightValue = right.events[index]
            var side = 0
            var iterations = 0
            while right.step - leftStep > options.eventTimeTolerance && iterations < 100 {
                iterations += 1
                statistics.eventSearchSteps += 1
                var trial = right.step - rightValue * (right.step - leftStep) / (rightValue - leftValue)
                // Keep the trial well inside the bracket (fallback to bisection).
                let width = right.step - leftStep
                if !(trial > leftStep + 0.01 * width && trial < right.step - 0.01 * width) {
                    trial = leftStep + width / 2
                }
                guard case .accepted(let trialY, _) = attemptStepIgnoringError(trial) else {
                    // The solver failed inside the bracket: keep the right end found so far.
                    break
                }
                var values = [Double](repeating: 0, count: system.eventCount)
                system.eventValues(t: t + trial, y: trialY, into: &values)
                if triggered(index, old: currentEvents[index], new: values[index]) {
                    right = (trial, trialY, values)
                    rightValue = values[index]
                    if side == 1 { leftValue /= 2 }
                    side = 1
                } else {
                    leftStep = trial
                    leftValue = values[index]
                    if side == -1 { rightValue /= 2 }
                    side = -1
                }
            }
            // Another event may have crossed earlier within the narrowed step.
            if let other = right.events.indices.first(where: {
                $0 != index && triggered($0, old: currentEvents[$0], new: right.events[$0])
            }) {
                index = other
                continue
            }
            return (index, right.step, right.y, right.events)
        }
    }

    /// A step whose result is used for event location; the error test is not applied (the step
    /// is shorter than one that already passed it).
    private mutating func attemptStepIgnoringError(_ h: Double) -> Attempt {
        attemptStep(h, errorTest: false)
    }
}
