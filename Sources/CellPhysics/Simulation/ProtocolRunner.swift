import CellNumerics

/// Walks a protocol's step tree on a model: loops, `repeat until`, temperature and pressure
/// changes, EIS steps (through the stack's equivalent circuit) and cycle bookkeeping.
public struct ProtocolRunner {
    /// Computes a spectrum for the cell in its present state (the impedance model, issue 4).
    public typealias ImpedanceFunction = (CellModel, _ temperature: Double, _ frequencies: [Double]) throws -> SpectrumRecord

    public var impedance: ImpedanceFunction?
    /// Shown in progress lines.
    public var protocolName = "protocol"

    static func hours(_ seconds: Double) -> String {
        seconds >= 7200 ? String(format: "%.1f h", seconds / 3600) : String(format: "%.0f s", seconds)
    }

    public init(impedance: ImpedanceFunction?) {
        self.impedance = impedance
    }

    /// Runs `protocol` on `model` and returns everything recorded.
    public func run<M: CellSimulation>(_ protocolModel: ProtocolModel, on model: inout M) throws -> SimulationResult {
        let recorder = Recorder(activeMass: model.activeMass)
        recorder.sample(time: model.time, voltage: model.voltage, current: 0, temperature: model.temperature)
        _ = try run(protocolModel.steps, on: &model, inherited: [], recorder: recorder)
        return recorder.finish()
    }

    /// Runs a list of steps; returns the inherited-limit index that stopped it, if any.
    private func run<M: CellSimulation>(_ steps: [StepModel], on model: inout M, inherited: [StepLimit],
                                        recorder: Recorder) throws -> Int? {
        for step in steps {
            if let hit = try run(step, on: &model, inherited: inherited, recorder: recorder) { return hit }
            guard model.time <= SimulationLimits.maxSimulatedTime else {
                throw ModelError.limitExceeded(what: "simulated time", limit: "10 years")
            }
        }
        return nil
    }

    private func run<M: CellSimulation>(_ step: StepModel, on model: inout M, inherited: [StepLimit],
                                        recorder: Recorder) throws -> Int? {
        let context = StepContext(inheritedLimits: inherited, recorder: recorder)
        let activity = Activity.shared
        try activity.checkCancelled(reached: "t = \(Self.hours(model.time))")
        activity.report("\(protocolName): t = \(Self.hours(model.time)), V = \(String(format: "%.3f", model.voltage)) V")
        func ended(_ end: StepEnd) -> Int? {
            if case .inheritedLimit(let i) = end { return i }
            return nil
        }
        switch step {
        case .current(let direction, let setpoint, let limits):
            recorder.beginStep(direction)
            return ended(try model.runCurrent(direction, setpoint, limits: limits, context: context))
        case .rest(let limits):
            recorder.beginStep(nil)
            return ended(try model.runRest(limits: limits, context: context))
        case .hold(let v, let limits):
            recorder.beginStep(nil)
            return ended(try model.runHold(voltage: v, limits: limits, context: context))
        case .polarize(let v, let limits):
            recorder.beginStep(nil)
            return ended(try model.runPolarize(voltage: v, limits: limits, context: context))
        case .ccd(let from, let to, let stepSize, let duration, let perHalf):
            recorder.beginStep(nil)
            return ended(try model.runCCD(from: from, to: to, step: stepSize, duration: duration, perHalfCycle: perHalf,
                                          context: context))
        case .eis(let from, let to, let perDecade, _):
            guard let impedance else { throw ModelError.unsupported("no impedance model is available for `eis`") }
            let frequencies = try EISTable.frequencies(from: from, to: to, perDecade: perDecade)
            var record = try impedance(model.impedanceCell(), model.temperature, frequencies)
            record.time = model.time
            recorder.addSpectrum(record)
            return nil
        case .setTemperature(let t):
            model.temperature = t
            return nil
        case .setPressure(let p):
            model.pressure = p
            return nil
        case .repeatCount(let n, let body):
            for _ in 0..<max(0, n) {
                if let hit = try run(body, on: &model, inherited: inherited, recorder: recorder) { return hit }
            }
            return nil
        case .repeatUntil(let limit, let body):
            let mine = inherited.count
            for _ in 0..<SimulationLimits.maxRepeatUntil {
                let startTime = model.time
                if let hit = try run(body, on: &model, inherited: inherited + [limit], recorder: recorder) {
                    return hit == mine ? nil : hit
                }
                if model.time == startTime {
                    throw ModelError.limitExceeded(what: "`repeat until` (its body takes no time)", limit: "progress")
                }
            }
            throw ModelError.limitExceeded(what: "rounds of `repeat until` (the condition was never met)",
                                           limit: "\(SimulationLimits.maxRepeatUntil)")
        case .label(_, let body):
            return try run(body, on: &model, inherited: inherited, recorder: recorder)
        }
    }
}
