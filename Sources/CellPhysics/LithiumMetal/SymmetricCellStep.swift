import RealModule

// One constant-current (or rest) step of the symmetric cell, integrated in closed form:
// void volumes from LithiumInterface.voidVolume, the criterion clock of the plating electrode,
// the short circuit, step limits (duration, charge, voltage by bisection), samples and the
// half-cycle statistics.

/// The closed-form course of one step, as a function of the time τ since the step began.
struct SymmetricStepPlan {
    let density: Double
    let conditions: SymmetricCellConditions
    let parameters: LithiumMetalParameters
    let startVoids: [Double]
    /// Index of the stripping electrode (nil at rest).
    let stripping: Int?
    /// The ionic current stopped at this τ (a short), or before the step (`0`).
    let frozenAfter: Double
    let shortedAt: Double

    func voids(at tau: Double) -> [Double] {
        let t = min(tau, frozenAfter)
        return (0..<2).map {
            LithiumInterface.voidVolume(from: startVoids[$0], stripping: $0 == stripping, density: abs(density), after: t,
                                        conditions: conditions.sides[$0], parameters: parameters)
        }
    }

    func contacts(at tau: Double) -> [Double] {
        voids(at: tau).map { LithiumInterface.contactFraction(voidVolume: $0, parameters: parameters) }
    }

    func isShorted(at tau: Double) -> Bool { tau >= shortedAt }
}

extension SymmetricCellModel {
    /// Runs one step at current density `j` (A/m², signed; 0 is a rest) until the first of its
    /// limits or the enclosing loops' limits. With `stopOnShort` a short ends the step.
    mutating func runStep(density j: Double, limits: [StepLimit], context: StepContext,
                          stopOnShort: Bool) throws -> StepEnd {
        let c = try conditions()
        let startVoids = electrodes.map(\.voidVolume)
        let stripping: Int? = j > 0 ? 1 : (j < 0 ? 0 : nil)
        let plating: Int? = stripping.map { 1 - $0 }
        let alreadyShorted = shortCircuitTime != nil

        // The criterion clock of the plating electrode: holds on [0, τ_c) because f_c only rises
        // while plating (PHYSICS.md §5: after t_prop of holding the cell shorts).
        var shortTau = Double.infinity
        var holdLength = 0.0
        if !alreadyShorted, let p = plating, abs(j) > 0 {
            holdLength = criterionHoldLength(density: abs(j), electrode: p, startVoid: startVoids[p], conditions: c)
            if holdLength > 0 {
                let remaining = max(0, parameters.propagationTime - electrodes[p].criterionHeldTime)
                if remaining <= holdLength { shortTau = remaining }
            }
        }
        let plan = SymmetricStepPlan(density: j, conditions: c, parameters: parameters, startVoids: startVoids,
                                     stripping: alreadyShorted ? nil : stripping,
                                     frozenAfter: alreadyShorted ? 0 : shortTau, shortedAt: alreadyShorted ? 0 : shortTau)
        let shortASR = parameters.shortCircuitASR   // the closure must not copy `self` (its traces would be copied on write)
        let volt: (Double) -> Double = { tau in
            Self.cellVoltage(density: j, contact: plan.contacts(at: tau), conditions: c, shorted: plan.isShorted(at: tau),
                             shortCircuitASR: shortASR)
        }

        // Where the step ends.
        var end = try stepEnd(density: j, limits: limits, inherited: context.inheritedLimits, voltage: volt)
        if stopOnShort, shortTau < end.tau { end = (shortTau, .modelEvent("short circuit")) }
        let tauEnd = end.tau

        // Samples: a uniform grid plus the moment of the short (before and after).
        let recorder = context.recorder
        let current = j * area
        let sampleCount = tauEnd > 0 ? parameters.samplesPerHalfCycle : 0
        var taus = (0...sampleCount).map { tauEnd * Double($0) / Double(max(1, sampleCount)) }
        if shortTau <= tauEnd {
            taus += [shortTau, shortTau]   // the voltage just before and just after the short
            taus.sort()
        }
        for (i, tau) in taus.enumerated() {
            let contacts = plan.contacts(at: tau)
            let beforeShort = tau == shortTau && !(i > 0 && taus[i - 1] == tau)
            let shorted = plan.isShorted(at: tau) && !beforeShort
            let v = cellVoltage(density: j, contact: contacts, conditions: c, shorted: shorted)
            recorder.sample(time: time + tau, voltage: v, current: current, temperature: temperature)
            traces.append(index: recorder.result.series.count - 1,
                          asr: cellASR(contact: contacts, conditions: c, shorted: shorted), contacts: contacts)
        }

        // Half-cycle statistics (trapezoid on a finer grid; the course is closed-form).
        if tauEnd > 0 {
            let n = parameters.statisticsPoints
            var sum = 0.0, peak = 0.0, previous = 0.0
            for i in 0...n {
                let value = abs(volt(tauEnd * Double(i) / Double(n)) - (alreadyShorted ? 0 : c.openCircuitVoltage))
                if i > 0 { sum += 0.5 * (value + previous) }
                peak = max(peak, value)
                previous = value
            }
            let record = HalfCycleRecord(index: halfCycles.count, startTime: time, duration: tauEnd, currentDensity: j,
                                         meanOverpotential: sum / Double(n), maxOverpotential: peak,
                                         contactFraction: plan.contacts(at: tauEnd).min() ?? 1)
            halfCycles.append(record)
            if j != 0 {
                recorder.addScalar(Scalar("overpotential", record.meanOverpotential, unit: "V",
                                          summary: "mean |V| of the last half-cycle"))
            }
        }

        // Advance the state.
        let endVoids = plan.voids(at: tauEnd)
        for k in 0..<2 { electrodes[k].setVoidVolume(endVoids[k]) }
        if let p = plating, !alreadyShorted {
            if shortTau <= tauEnd {
                shortCircuitTime = time + shortTau
                shortCriterion = c.criteria[p].criticalCurrentDensity(contactFraction: plan.contacts(at: shortTau)[p]).criterion
                recorder.addScalar(Scalar("short_at", time + shortTau, unit: "s", summary: "time of the short circuit"))
                recorder.note("short circuit at t = \(((time + shortTau) / 3600 * 1000).rounded() / 1000) h " +
                              "(\(shortCriterion?.rawValue ?? "criterion")); the electrolyte is replaced by an electronic shunt")
            } else if holdLength >= tauEnd {
                electrodes[p].criterionHeldTime += tauEnd
            } else {
                electrodes[p].criterionHeldTime = 0
            }
        }
        time += tauEnd
        voltage = volt(tauEnd)
        guard time <= SimulationLimits.maxSimulatedTime else {
            throw ModelError.limitExceeded(what: "simulated time", limit: "10 years")
        }
        return end.reason
    }

    /// How long, from the start of plating electrode `k` at |j|, a criterion holds (s; 0 when it
    /// does not hold at the start, ∞ when it holds throughout).
    func criterionHoldLength(density j: Double, electrode k: Int, startVoid v0: Double,
                             conditions c: SymmetricCellConditions) -> Double {
        let criteria = c.criteria[k]
        if let a = criteria.nucleationLimit, j > a { return .infinity }
        if let e = criteria.electronicLimit, j > e { return .infinity }
        // St Venant with voids: holds while f_c < j/j_A′, i.e. while v > v_ok.
        let needed = j / criteria.focusingLimit
        if needed >= 1 { return .infinity }
        if needed <= 1 - parameters.maxVoidCoverage { return 0 }
        let vOK = parameters.voidDepth * (1 - needed)
        guard v0 > vOK else { return 0 }
        let rate = parameters.molarVolume / Constants.faraday * (parameters.refillFraction * j + c.sides[k].creepSupply)
        return rate > 0 ? (v0 - vOK) / rate : .infinity
    }

    /// The step's end: the earliest time-like limit, or the first voltage crossing before it.
    func stepEnd(density j: Double, limits: [StepLimit], inherited: [StepLimit],
                 voltage: (Double) -> Double) throws -> (tau: Double, reason: StepEnd) {
        var best: (tau: Double, reason: StepEnd)?
        var voltageLimits: [(value: Double, reason: StepEnd)] = []
        let tagged = limits.enumerated().map { ($1, StepEnd.ownLimit($0), true) }
            + inherited.enumerated().map { ($1, StepEnd.inheritedLimit($0), false) }
        for (limit, reason, own) in tagged {
            var tau: Double?
            switch limit {
            case .duration(let d):
                guard d >= 0, d.isFinite else {
                    throw ModelError.outOfRange(what: "a step duration", value: "\(d) s", allowed: "non-negative")
                }
                tau = d
            case .charge(let q):
                guard q >= 0 else { throw ModelError.outOfRange(what: "a charge limit", value: "\(q) C", allowed: "non-negative") }
                if j != 0 { tau = q / (abs(j) * area) }
            case .arealCharge(let q):
                guard q >= 0 else {
                    throw ModelError.outOfRange(what: "a charge limit", value: "\(q) C/m^2", allowed: "non-negative")
                }
                if j != 0 { tau = q / abs(j) }
            case .voltage(let v):
                guard v.isFinite else { throw ModelError.outOfRange(what: "a voltage limit", value: "\(v) V", allowed: "finite") }
                voltageLimits.append((v, reason))
            case .specificCharge:
                throw ModelError.unsupported("a capacity per gram needs active material; a symmetric Li cell has none (use mAh/cm^2)")
            case .current:
                if own { throw ModelError.unsupported("a current limit needs a `hold` step") }
            }
            if let tau, tau < (best?.tau ?? .infinity) { best = (tau, reason) }
        }
        guard !voltageLimits.isEmpty else {
            guard let best else {
                throw ModelError.unsupported("a step on a symmetric Li cell needs a duration, charge or voltage limit")
            }
            return best
        }
        // Scan for the first crossing on a grid, then bisect; unbounded steps scan growing windows.
        var start = 0.0
        var window = best.map { $0.tau } ?? Self.firstScanWindow
        while true {
            let stop = best.map { $0.tau } ?? start + window
            let n = parameters.statisticsPoints
            var previousTau = start
            var previous = voltageLimits.map { voltage(start) - $0.value }
            if start == 0, let hit = previous.firstIndex(where: { $0 == 0 }) { return (0, voltageLimits[hit].reason) }
            for i in 1...n {
                let tau = start + (stop - start) * Double(i) / Double(n)
                let now = voltageLimits.map { voltage(tau) - $0.value }
                var first: (tau: Double, reason: StepEnd)?
                for (k, limit) in voltageLimits.enumerated() where previous[k] * now[k] <= 0 && previous[k] != 0 {
                    let crossing = bisect(previousTau, tau) { voltage($0) - limit.value }
                    if crossing < (first?.tau ?? .infinity) { first = (crossing, limit.reason) }
                }
                if let first { return first }
                previousTau = tau
                previous = now
            }
            if let best { return best }
            start = stop
            window *= Self.scanGrowth
            guard time + start <= SimulationLimits.maxSimulatedTime else {
                throw ModelError.limitExceeded(what: "a step whose voltage limit is never reached (simulated time)",
                                               limit: "10 years")
            }
        }
    }

    /// First window scanned for a voltage limit of an open-ended step (s).
    static var firstScanWindow: Double { 3600 }
    /// Growth of successive scan windows (bounded work up to the 10-year cap).
    static var scanGrowth: Double { 1.5 }

    private func bisect(_ a: Double, _ b: Double, _ f: (Double) -> Double) -> Double {
        var lo = a, hi = b
        let fLo = f(lo)
        for _ in 0..<80 where hi - lo > 1e-9 * max(1, hi) {
            let mid = 0.5 * (lo + hi)
            if (f(mid) > 0) == (fLo > 0), f(mid) != 0 { lo = mid } else { hi = mid }
        }
        return hi
    }
}

/// The model's extra traces (`asr`, `contact_fraction_1/2`), kept beside the recorder's series and
/// merged into the result by ``SymmetricCellModel/appendResults(to:)``: `Recorder.sampleExtra`
/// copies the whole trace on every call, which makes 40 000 samples quadratic.
struct SymmetricCellTraces: Sendable {
    var indices: [Int] = []
    var asr: [Double] = []
    var contact1: [Double] = []
    var contact2: [Double] = []

    mutating func append(index: Int, asr value: Double, contacts: [Double]) {
        indices.append(index)
        asr.append(value)
        contact1.append(contacts[0])
        contact2.append(contacts[1])
    }

    /// Writes the traces into `series`, aligned by sample index; other samples get NaN.
    func merge(into series: inout TimeSeries) {
        for (name, unit, values) in [("asr", "ohm*m^2", asr), ("contact_fraction_1", "", contact1),
                                     ("contact_fraction_2", "", contact2)] {
            var column = [Double](repeating: .nan, count: series.count)
            for (k, index) in indices.enumerated() where index >= 0 && index < column.count { column[index] = values[k] }
            series.extra[name] = (unit: unit, values: column)
        }
    }
}
