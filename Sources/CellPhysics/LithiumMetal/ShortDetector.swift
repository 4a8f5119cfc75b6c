// Short-circuit detection on voltage–time traces, simulated or measured (PHYSICS.md §5 output 3):
// within a constant-current step, |V| falling by more than 50 % below the step's running
// maximum, or |V| below 5 mV, is a short when it persists; brief dips that recover are the
// noisy "soft shorts" of Li filaments that burn open again.

/// A short found in a trace.
public struct ShortDetection: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// The voltage collapsed and stayed collapsed.
        case hard
        /// Repeated dips that recover (a filament that forms and burns open).
        case soft
    }
    public var kind: Kind
    /// Time of the first collapsed sample, in the trace's time unit (s for simulated traces).
    public var time: Double
    /// Index of that sample.
    public var index: Int
    /// Which rule fired, for reports.
    public var reason: String
}

public enum ShortDetector {
    /// The detection thresholds; the defaults are PHYSICS.md §5's rule.
    public struct Settings: Sendable {
        /// A drop below (1 − dropFraction) × the step's running max |V| counts.
        public var dropFraction = 0.5
        /// |V| below this (V) counts.
        public var floorVoltage = 0.005
        /// Consecutive collapsed samples that make a hard short (a shorter run that recovers is a dip).
        public var confirmSamples = 3
        /// Relative current change that starts a new constant-current step.
        public var currentTolerance = 0.02
        /// Samples at the start of each step skipped while the voltage settles after the switch.
        public var settleSamples = 1
        /// Recovered dips needed to flag a soft short (one isolated glitch is instrument noise).
        public var softDips = 2
        public init() {}
    }

    /// Looks for a short in a trace. `current` (any unit, signed) splits it into constant-current
    /// steps; without it the steps are the runs of constant voltage sign. Samples whose current is
    /// zero (rests) are never a short. Non-finite samples are skipped. Throws
    /// ``ModelError/outOfRange`` when the arrays differ in length or the settings are invalid.
    public static func detect(time: [Double], voltage: [Double], current: [Double]?,
                              settings: Settings = Settings()) throws -> ShortDetection? {
        guard time.count == voltage.count, current.map({ $0.count == time.count }) ?? true else {
            throw ModelError.outOfRange(what: "the trace lengths", value: "\(time.count), \(voltage.count), \(current?.count ?? time.count)",
                                        allowed: "equal for `time`, `voltage` and `current`")
        }
        guard settings.dropFraction > 0, settings.dropFraction < 1, settings.floorVoltage >= 0,
              settings.confirmSamples >= 1, settings.currentTolerance >= 0, settings.settleSamples >= 0,
              settings.softDips >= 1 else {
            throw ModelError.outOfRange(what: "the short-detection settings", value: "\(settings)",
                                        allowed: "0 < drop < 1, floor ≥ 0, confirm ≥ 1, soft dips ≥ 1")
        }
        let valid = time.indices.filter { i in
            time[i].isFinite && voltage[i].isFinite && (current.map { $0[i].isFinite } ?? true)
        }
        let segments = constantCurrentSegments(valid, voltage: voltage, current: current, tolerance: settings.currentTolerance,
                                               floor: settings.floorVoltage)
        var dips: [(index: Int, reason: String)] = []
        for segment in segments {
            var runningMax = 0.0
            var run: [Int] = []
            var runReason = ""
            func closeRun(recovered: Bool) -> ShortDetection? {
                defer { run = [] }
                guard let first = run.first else { return nil }
                if run.count >= settings.confirmSamples || (!recovered && segment.last == valid.last) {
                    return ShortDetection(kind: .hard, time: time[first], index: first, reason: runReason)
                }
                if recovered { dips.append((first, runReason)) }
                return nil
            }
            for (position, i) in segment.enumerated() where position >= settings.settleSamples {
                let magnitude = abs(voltage[i])
                var reason: String?
                if magnitude < settings.floorVoltage {
                    reason = "|V| below \(settings.floorVoltage * 1000) mV"
                } else if runningMax > 0, magnitude < (1 - settings.dropFraction) * runningMax {
                    reason = "|V| fell by more than \(Int(settings.dropFraction * 100)) % within a constant-current step"
                }
                if let reason {
                    if run.isEmpty { runReason = reason }
                    run.append(i)
                    if run.count >= settings.confirmSamples, let hit = closeRun(recovered: false) { return hit }
                } else {
                    if let hit = closeRun(recovered: true) { return hit }
                    runningMax = max(runningMax, magnitude)
                }
            }
            if let hit = closeRun(recovered: false) { return hit }
        }
        if dips.count >= settings.softDips, let first = dips.first {
            return ShortDetection(kind: .soft, time: time[first.index], index: first.index,
                                  reason: "\(dips.count) recovered voltage dips (\(first.reason))")
        }
        return nil
    }

    /// Runs of sample indices at one constant, non-zero current. Without a current the runs are
    /// those of one voltage sign; samples below `floor` stay in the run they interrupt.
    static func constantCurrentSegments(_ indices: [Int], voltage: [Double], current: [Double]?,
                                        tolerance: Double, floor: Double) -> [[Int]] {
        var segments: [[Int]] = []
        var present: [Int] = []
        var reference = 0.0
        for i in indices {
            if current == nil, abs(voltage[i]) < floor, !present.isEmpty {
                present.append(i)
                continue
            }
            let level = current?[i] ?? (voltage[i] >= 0 ? 1 : -1)
            if level == 0 {
                if !present.isEmpty { segments.append(present); present = [] }
                continue
            }
            let same = !present.isEmpty && (level > 0) == (reference > 0)
                && abs(level - reference) <= tolerance * abs(reference)
            if !same {
                if !present.isEmpty { segments.append(present) }
                present = []
                reference = level
            }
            present.append(i)
        }
        if !present.isEmpty { segments.append(present) }
        return segments
    }
}
