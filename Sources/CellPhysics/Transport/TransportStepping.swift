import RealModule

// The leaf-step driver of the transport model: adaptive backward Euler, limits located by
// regula falsi on the step length, sampling into the recorder, caps on time and steps.

/// A limit being watched in a leaf step, as a function φ that becomes ≥ 0 when reached.
struct WatchedLimit {
    enum Origin { case own(Int), inherited(Int), range(String), inventory(String) }
    var origin: Origin
    var limit: StepLimit?
    /// Voltage limits: +1 if φ = V − lim, −1 if φ = lim − V.
    var orientation = 1.0
    /// Time and charge at which duration/charge limits started counting.
    var startTime = 0.0
    var startCharge = 0.0
    /// Absolute amount in the limit's own unit (s, C, A, V).
    var target = 0.0
    /// Range limits: electrode, bound, orientation of x.
    var electrode = 0
}

/// Where a trial ends up, for limit functions.
struct TrialOutcome {
    var trial: Trial
    var time: Double
    /// Cumulative |charge| (C) after the trial.
    var charge: Double
    var metalGain: [Double]
}

/// V per max-length step below which a step counts as steady (1 nV).
private let steadyVoltage = 1e-9
/// Relative current change per max-length step below which a step counts as steady.
private let steadyCurrent = 1e-9
/// First step as a fraction of the one-shell diffusion time when no double layer is faster.
private let shellFraction = 0.01
/// Consecutive steady max-length steps before a step that cannot end is reported.
private let steadyStepCount = 50

extension TransportModel {
    /// Regula falsi stops when the located step is this close (s) to the bracket's far end.
    private static let eventTimeResolution = 1e-9
    /// Surface Li fractions are kept this far inside the OCP range.
    private static let rangeMargin = 1e-9
    /// How far past its present surface fraction an electrode already at its range end may move
    /// before the range limit fires again (Li fraction).
    private static let rangeRearmMargin = 1e-6

    /// Solves the instantaneous response (capacitor voltages and particles held) to `control`.
    mutating func instant(control: StepControl, coefficients: Coefficients) throws -> Trial {
        do {
            return try attempt(0, control: control, coefficients: coefficients)
        } catch let failure as SolveFailure {
            throw ModelError.solverFailed(reason: failure.reason, reached: reached)
        }
    }

    /// "t = 1.23 h" for messages.
    var reached: String {
        time < 3600 ? "t = \(formatted(time)) s" : "t = \(formatted(time / 3600)) h"
    }

    private func formatted(_ x: Double) -> String {
        let r = (x * 1000).rounded() / 1000
        return "\(r)"
    }

    /// One backward-Euler trial of length dt from the accepted state (dt = 0: instantaneous).
    mutating func attempt(_ dt: Double, control: StepControl, coefficients k: Coefficients) throws -> Trial {
        var a = SIMD2<Double>(.nan, .nan), b = SIMD2<Double>(0, 0)
        for e in 0..<2 where isIntercalation[e] {
            let perCharge = perCharge[e]
            particles[e]?.prepare(dt: dt, rate: k.diffusionRate[e], perCharge: perCharge)
            let offset = SphericalParticle.surfaceOffset(current: 1, shells: options.shells, rate: k.diffusionRate[e],
                                                         perCharge: perCharge)
            a[e] = particles[e]?.outerBase ?? .nan
            b[e] = (e == 1 ? 1 : -1) * transport.area * ((particles[e]?.outerUnit ?? 0) - offset)
        }
        return try solver.solve(dt: dt, control: control, previous: branchVoltages, a: a, b: b,
                                coefficients: k, guess: guess)
    }

    /// Makes `trial` (which must be the last attempt) the new state.
    mutating func accept(_ trial: Trial) {
        for e in 0..<2 {
            if isIntercalation[e] {
                particles[e]?.accept(current: trial.lithiumOut[e])
            } else {
                metalGain[e] -= trial.lithiumOut[e] * trial.dt / Constants.faraday
            }
        }
        for index in solver.capacitive { branchVoltages[index] = solver.branchVoltageOut[index] }
        guess[0] = trial.ionic
        for (k, b) in solver.capacitive.enumerated() { guess[k + 1] = solver.faradaicOut[b] }
        time += trial.dt
        totalCharge += abs(trial.external) * transport.area * trial.dt
        voltage = trial.voltage
        current = trial.external * transport.area
        lastSurface = [trial.surface[0], trial.surface[1]]
        if isIntercalation[transport.workingElectrode], let x = particles[transport.workingElectrode]?.meanFraction {
            cycleSwing = (min(cycleSwing.low, x), max(cycleSwing.high, x))
        }
    }

    /// φ of a watched limit for an outcome (≥ 0: reached).
    func phi(_ w: WatchedLimit, _ o: TrialOutcome) -> Double {
        switch w.origin {
        case .range:
            return w.orientation * (o.trial.surface[w.electrode] - w.target)
        case .inventory:
            // Li left in a metal electrode (mol) below zero: stripped out.
            return -(w.target + o.metalGain[w.electrode])
        case .own, .inherited: break
        }
        guard let limit = w.limit else { return -1 }
        switch limit {
        case .voltage: return w.orientation * (o.trial.voltage - w.target)
        case .current: return w.target - abs(o.trial.external * transport.area)
        case .duration: return (o.time - w.startTime) - w.target + 1e-9 * max(1, w.target)
        case .charge, .specificCharge, .arealCharge: return (o.charge - w.startCharge) - w.target
        }
    }

    /// The limits of a leaf step as φ functions. `preVoltage` is the voltage before the step
    /// (crossing semantics for rests, holds and inherited limits); `direction` is ±1 for current
    /// steps (an own voltage limit ends a charge at V ≥ lim, a discharge at V ≤ lim).
    mutating func watch(_ limits: [StepLimit], inherited: [StepLimit], direction: Double,
                        preVoltage: Double) throws -> [WatchedLimit] {
        var watched: [WatchedLimit] = []
        // Inherited duration/charge limits count from the first step that saw them.
        for key in origins.keys where key >= inherited.count { origins[key] = nil }
        for (i, limit) in inherited.enumerated() {
            if let o = origins[i], o.limit == limit { continue }
            origins[i] = (limit, time, totalCharge)
        }
        let all = limits.enumerated().map { (WatchedLimit.Origin.own($0.offset), $0.element, true) }
            + inherited.enumerated().map { (WatchedLimit.Origin.inherited($0.offset), $0.element, false) }
        for (origin, limit, own) in all {
            var w = WatchedLimit(origin: origin, limit: limit, startTime: time, startCharge: totalCharge)
            if case .inherited(let i) = origin, let o = origins[i] {
                w.startTime = o.time
                w.startCharge = o.charge
            }
            switch limit {
            case .voltage(let v):
                w.target = v
                if own && direction != 0 {
                    w.orientation = direction
                } else {
                    let side = preVoltage - v
                    w.orientation = side > 0 ? -1 : (side < 0 ? 1 : 0)
                }
            case .current(let setpoint): w.target = try amperes(setpoint, area: area, oneC: oneC)
            case .duration(let d): w.target = d
            case .charge(let q): w.target = q
            case .specificCharge(let q):
                guard activeMass > 0 else {
                    throw ModelError.unsupported("a capacity limit per gram needs an active material with a mass")
                }
                w.target = q * activeMass
            case .arealCharge(let q): w.target = q * area
            }
            watched.append(w)
        }
        for e in 0..<2 where particles[e] != nil {
            let range = transport.electrodes[e].validRange
            let name = "`\(transport.electrodes[e].materialName)` reached the end of its OCP range"
            watched.append(WatchedLimit(origin: .range(name), limit: nil, orientation: -1,
                                        target: range.lowerBound + Self.rangeMargin, electrode: e))
            watched.append(WatchedLimit(origin: .range(name), limit: nil, orientation: 1,
                                        target: range.upperBound - Self.rangeMargin, electrode: e))
        }
        for e in 0..<2 where !isIntercalation[e] {
            guard let inventory = transport.electrodes[e].metalInventory else { continue }
            let name = "`\(transport.electrodes[e].materialName)` in `\(transport.electrodes[e].layerName)` has no Li left to strip"
            watched.append(WatchedLimit(origin: .inventory(name), limit: nil, target: inventory, electrode: e))
        }
        return watched
    }

    /// Runs one leaf step to its first limit.
    mutating func runLeaf(_ control: StepControl, direction: Double, limits: [StepLimit],
                          context: StepContext) throws -> StepEnd {
        applyAgeing(completedCycles: context.recorder.result.cycles.count)
        guard !(limits.isEmpty && context.inheritedLimits.isEmpty) else {
            throw ModelError.unsupported("a step without a limit (`until`, `for`) would never end (at \(reached))")
        }
        let k = currentCoefficients()
        var watched = try watch(limits, inherited: context.inheritedLimits, direction: direction, preVoltage: voltage)
        let duration = watched.compactMap { w -> Double? in
            if case .duration = w.limit { return w.startTime + w.target } else { return nil }
        }.min()

        // Instantaneous response: the ohmic jump (and kinetics without a double layer).
        let start = try instant(control: control, coefficients: k)
        accept(start)
        let recorder = context.recorder
        record(recorder, k: k)
        var outcome = TrialOutcome(trial: start, time: time, charge: totalCharge, metalGain: metalGain)
        // An electrode that already sits at the end of its OCP range (the previous step stopped
        // there) must not end every later step at once: its range limit now fires only if this
        // step pushes it further out, so a discharge after a charge that hit the range proceeds.
        for i in watched.indices {
            guard case .range = watched[i].origin, phi(watched[i], outcome) >= 0 else { continue }
            watched[i].target = start.surface[watched[i].electrode] + watched[i].orientation * Self.rangeRearmMargin
        }
        if let end = reachedLimit(watched, outcome, recorder: recorder) { return end }

        // Restart from a small step only where the control jumps (new current or a hold).
        // Without double layers the fastest process is diffusion across one shell, Δr²/D.
        var firstStep = options.initialStep
        if solver.capacitive.isEmpty {
            let shells = Double(options.shells)
            let shellTimes = (0..<2).filter { isIntercalation[$0] }.map { 1 / (shells * shells * k.diffusionRate[$0]) }
            if let fastest = shellTimes.min() { firstStep = max(firstStep, shellFraction * fastest) }
        }
        var dt = control == lastControl ? max(lastStep, firstStep) : firstStep
        lastControl = control
        var history: [(t: Double, v: Double, x: SIMD2<Double>, i: Double)] = [(time, voltage, start.surface, current)]
        let holding: Bool
        if case .voltage = control { holding = true } else { holding = false }
        var stepsHere = 0, sinceSample = 0, steadySteps = 0
        let canSettle = duration == nil
        defer { lastStep = dt }
        while true {
            if let stop = duration { dt = min(dt, max(stop - time, 0)) }
            dt = min(dt, options.maxStep)
            let trial: Trial
            do {
                trial = try attempt(dt, control: control, coefficients: k)
            } catch let failure as SolveFailure {
                dt /= 4
                guard dt >= options.minStep else {
                    throw ModelError.solverFailed(reason: failure.reason, reached: reached)
                }
                continue
            }
            // Local error of backward Euler against a linear predictor (first-order LTE estimate).
            var ratio = 0.0
            if history.count >= 2 {
                let (t1, v1, x1, i1) = history[history.count - 1], (t0, v0, x0, i0) = history[history.count - 2]
                let h0 = t1 - t0
                if h0 > 0 {
                    let w = dt / (dt + h0)
                    let vPred = v1 + dt * (v1 - v0) / h0
                    ratio = w * abs(trial.voltage - vPred) / options.voltageTolerance
                    if holding {
                        // The current is the output of a hold: control its error so the charge
                        // integrated from the samples is right too.
                        let iPred = i1 + dt * (i1 - i0) / h0
                        let scale = options.currentTolerance * max(abs(i1), abs(i0)) + 1e-15
                        ratio = max(ratio, w * abs(trial.external * area - iPred) / scale)
                    }
                    for e in 0..<2 where isIntercalation[e] {
                        let xPred = x1[e] + dt * (x1[e] - x0[e]) / h0
                        ratio = max(ratio, w * abs(trial.surface[e] - xPred) / options.fractionTolerance)
                    }
                }
            }
            if ratio > 1 && dt > options.minStep * 10 {
                dt *= max(0.2, 0.9 / ratio.squareRoot())
                continue
            }
            outcome = TrialOutcome(trial: trial, time: time + dt, charge: totalCharge + abs(trial.external) * area * dt,
                                   metalGain: metalGainAfter(trial))
            let hits = watched.indices.filter { phi(watched[$0], outcome) >= 0 }
            if !hits.isEmpty {
                let final = try locate(watched, hits: hits, maxStep: dt, control: control, coefficients: k)
                accept(final)
                record(recorder, k: k)
                outcome = TrialOutcome(trial: final, time: time, charge: totalCharge, metalGain: metalGain)
                if let end = reachedLimit(watched, outcome, recorder: recorder) { return end }
                // Numerically at the limit but φ slightly negative: fall through and continue.
                history = [(time, voltage, final.surface, current)]
                dt = max(final.dt, options.initialStep)
                continue
            }
            let previousCurrent = current
            accept(trial)
            stepsHere += 1
            sinceSample += 1
            let stride = max(1, stepsHere / options.samplesPerStep)
            if sinceSample >= stride {
                record(recorder, k: k)
                sinceSample = 0
            }
            // A step whose state no longer changes can never reach its limits.
            if canSettle, dt >= 0.99 * options.maxStep, let previous = history.last,
               abs(voltage - previous.v) < steadyVoltage,
               abs(current - previousCurrent) <= steadyCurrent * abs(current) + 1e-18,
               (0..<2).allSatisfy({ !isIntercalation[$0] || abs(trial.surface[$0] - previous.x[$0]) < steadyVoltage }) {
                steadySteps += 1
                if steadySteps >= steadyStepCount {
                    throw ModelError.limitExceeded(
                        what: "a step whose limits the cell never reaches (steady at \(voltage) V, \(current) A; reached \(reached))",
                        limit: "\(steadyStepCount) steps of \(options.maxStep) s without change")
                }
            } else {
                steadySteps = 0
            }
            history.append((time, voltage, trial.surface, current))
            if history.count > 2 { history.removeFirst() }
            try checkCaps(stepsHere)
            let growth = ratio > 0 ? min(2, 0.9 / ratio.squareRoot()) : 2
            dt *= max(growth, 0.2)
        }
    }

    /// Li gains of metal electrodes after a trial (for the inventory limit).
    private func metalGainAfter(_ trial: Trial) -> [Double] {
        (0..<2).map { metalGain[$0] - (isIntercalation[$0] ? 0 : trial.lithiumOut[$0] * trial.dt / Constants.faraday) }
    }

    /// Ends the step if a watched limit is reached in the accepted state.
    private mutating func reachedLimit(_ watched: [WatchedLimit], _ o: TrialOutcome, recorder: Recorder) -> StepEnd? {
        for w in watched where phi(w, o) >= 0 {
            switch w.origin {
            case .own(let i): return .ownLimit(i)
            case .inherited(let i):
                for key in origins.keys where key >= i { origins[key] = nil }
                return .inheritedLimit(i)
            case .range(let text), .inventory(let text):
                let warning = "warning: step ended early: \(text) at \(reached)"
                recorder.note(warning)
                return .modelEvent(text)
            }
        }
        return nil
    }

    /// Finds the shortest step (≤ maxStep) at which one of the `hits` limits is reached, by
    /// regula falsi (Illinois) on the step length, ending just past the limit (φ ≥ 0).
    private mutating func locate(_ watched: [WatchedLimit], hits: [Int], maxStep: Double, control: StepControl,
                                 coefficients k: Coefficients) throws -> Trial {
        let startOutcome = TrialOutcome(trial: lastTrialPlaceholder(), time: time, charge: totalCharge, metalGain: metalGain)
        var best: Trial?
        var limitStep = maxStep
        var pending = hits
        while let index = pending.first {
            pending.removeFirst()
            let w = watched[index]
            var lo = 0.0, hi = limitStep
            var fLo = phi(w, startOutcome)
            var hiTrial = try attempt(hi, control: control, coefficients: k)
            var fHi = phi(w, outcome(hiTrial))
            if fHi < 0 { continue }   // not reached within the shortened step
            if fLo >= 0 { fLo = -Double.leastNonzeroMagnitude }
            var side = 0
            let tolerance = tolerance(w)
            for _ in 0..<200 {
                if fHi <= tolerance || hi - lo <= Self.eventTimeResolution * max(1, time) { break }
                var mid = (lo * fHi - hi * fLo) / (fHi - fLo)
                if !(mid > lo && mid < hi) { mid = 0.5 * (lo + hi) }
                let midTrial: Trial
                do { midTrial = try attempt(mid, control: control, coefficients: k) } catch is SolveFailure {
                    hi = mid; hiTrial = try attempt(hi, control: control, coefficients: k); fHi = phi(w, outcome(hiTrial)); continue
                }
                let f = phi(w, outcome(midTrial))
                if f >= 0 {
                    hi = mid; fHi = f; hiTrial = midTrial
                    if side == 1 { fLo /= 2 }
                    side = 1
                } else {
                    lo = mid; fLo = f
                    if side == -1 { fHi /= 2 }
                    side = -1
                }
            }
            best = hiTrial
            limitStep = hi
            // Another limit may be reached even earlier: check the others at the shorter step.
            let o = outcome(hiTrial)
            pending = pending.filter { phi(watched[$0], o) >= 0 }
        }
        guard let chosen = best else {
            return try attempt(maxStep, control: control, coefficients: k)
        }
        // The particles must hold the preparation of the chosen step before it is accepted.
        return try attempt(chosen.dt, control: control, coefficients: k)
    }

    private func outcome(_ t: Trial) -> TrialOutcome {
        TrialOutcome(trial: t, time: time + t.dt, charge: totalCharge + abs(t.external) * area * t.dt,
                     metalGain: metalGainAfter(t))
    }

    /// The accepted state as a trial of length 0 (for φ at the bracket's near end).
    private func lastTrialPlaceholder() -> Trial {
        Trial(dt: 0, ionic: guess[0], external: current / area, voltage: voltage,
              surface: SIMD2(lastSurface[0], lastSurface[1]), lithiumOut: SIMD2(0, 0))
    }

    /// How far past a limit the located state may be (in φ's unit).
    private func tolerance(_ w: WatchedLimit) -> Double {
        if case .range = w.origin { return 1e-7 }
        if case .inventory = w.origin { return 1e-9 * max(w.target, 1e-30) }
        switch w.limit {
        case .voltage: return options.eventVoltageTolerance
        case .current: return max(1e-4 * w.target, 1e-12)
        case .duration: return 1e-9 * max(1, w.target)
        case .charge, .specificCharge, .arealCharge: return 1e-9 * max(w.target, 1e-12)
        case nil: return 0
        }
    }

    /// Records the accepted state.
    /// The `asr` trace goes to the recorder only when it changes (the cycle table's end-of-cycle
    /// ASR reads it); the full traces are merged by ``appendResults(to:)``.
    private mutating func record(_ recorder: Recorder, k: Coefficients) {
        recorder.sample(time: time, voltage: voltage, current: current, temperature: temperature)
        let asr = k.totalASR
        if asr != lastRecordedASR {
            recorder.sampleExtra("asr", unit: "ohm*m^2", asr)
            lastRecordedASR = asr
        }
        traces.append(index: recorder.result.series.count - 1, surface: lastSurface, asr: asr)
    }

    /// Hard caps on steps and simulated time (issue "Bad input").
    private mutating func checkCaps(_ stepsHere: Int) throws {
        acceptedSteps += 1
        if stepsHere > options.maxStepsPerLeaf {
            throw ModelError.limitExceeded(what: "time steps in one protocol step (reached \(reached))", limit: "\(options.maxStepsPerLeaf)")
        }
        if acceptedSteps > SimulationLimits.maxSteps {
            throw ModelError.limitExceeded(what: "time steps in the run (reached \(reached))", limit: "\(SimulationLimits.maxSteps)")
        }
        if time > SimulationLimits.maxSimulatedTime {
            throw ModelError.limitExceeded(what: "simulated time (reached \(reached))", limit: "10 years")
        }
    }
}
