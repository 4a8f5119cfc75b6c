/// Collects what a run produces: samples, per-cycle capacities, scalars, tables, notes.
/// Models call `sample` at accepted time steps; the runner tells it where steps and cycles begin.
public final class Recorder {
    public private(set) var result = SimulationResult()
    /// Charge passed in the current step (C, magnitude).
    public private(set) var stepCharge = 0.0
    private var lastTime: Double?
    private var lastCurrent = 0.0

    // cycle accounting
    private var cycleCharge = 0.0, cycleDischarge = 0.0
    private var chargeEnergy = 0.0, dischargeEnergy = 0.0
    private var sawDischarge = false
    private var lastASR = Double.nan
    private let activeMass: Double

    public init(activeMass: Double) { self.activeMass = activeMass }

    /// A new leaf step starts: step capacity restarts at zero. A charge (or plate) step that
    /// follows a discharge (or strip) closes the previous cycle.
    public func beginStep(_ direction: CurrentDirection?) {
        stepCharge = 0
        lastTime = nil
        if let direction, direction == .charge || direction == .plate, sawDischarge { closeCycle() }
    }

    /// Records one sample. `current` is signed: positive on charge/plating (A).
    public func sample(time: Double, voltage: Double, current: Double, temperature: Double) {
        if let t0 = lastTime, time > t0 {
            let dt = time - t0
            let q = 0.5 * (abs(current) + abs(lastCurrent)) * dt
            stepCharge += q
            if current > 0 || lastCurrent > 0 {
                cycleCharge += q
                chargeEnergy += q * voltage
            } else if current < 0 || lastCurrent < 0 {
                cycleDischarge += q
                dischargeEnergy += q * voltage
                sawDischarge = true
            }
        }
        lastTime = time
        lastCurrent = current
        result.series.append(time: time, voltage: voltage, current: current, capacity: stepCharge / 3600,
                             temperature: temperature)
    }

    /// An extra trace sample (`asr`, `contact_fraction` ...), aligned with the last `sample`.
    public func sampleExtra(_ name: String, unit: String, _ value: Double) {
        // Appended in place: copying the trace on every sample made long runs quadratic.
        let target = result.series.count - 1
        result.series.extra[name, default: (unit: unit, values: [])].values.reserveCapacity(target + 1)
        while (result.series.extra[name]?.values.count ?? 0) < target {
            result.series.extra[name, default: (unit: unit, values: [])].values.append(.nan)
        }
        result.series.extra[name, default: (unit: unit, values: [])].values.append(value)
        if name == "asr" { lastASR = value }
    }

    public func addScalar(_ s: Scalar) {
        result.scalars.removeAll { $0.name == s.name }
        result.scalars.append(s)
    }
    public func addTable(_ t: ResultTable) { result.tables.append(t) }
    public func addSpectrum(_ s: SpectrumRecord) { result.spectra.append(s) }
    public func note(_ text: String) { if !result.notes.contains(text) { result.notes.append(text) } }

    /// Ends the run: closes an open cycle and pads extra traces.
    public func finish() -> SimulationResult {
        if cycleCharge > 0 || cycleDischarge > 0 { closeCycle() }
        for (k, var v) in result.series.extra {
            while v.values.count < result.series.count { v.values.append(.nan) }
            result.series.extra[k] = v
        }
        return result
    }

    private func closeCycle() {
        let perMass = activeMass > 0 ? 1 / activeMass : 0
        result.cycles.append(CycleRecord(
            index: result.cycles.count,
            chargeCapacity: cycleCharge * perMass,
            dischargeCapacity: cycleDischarge * perMass,
            coulombicEfficiency: cycleCharge > 0 ? cycleDischarge / cycleCharge : .nan,
            meanChargeVoltage: cycleCharge > 0 ? chargeEnergy / cycleCharge : .nan,
            meanDischargeVoltage: cycleDischarge > 0 ? dischargeEnergy / cycleDischarge : .nan,
            endASR: lastASR))
        cycleCharge = 0
        cycleDischarge = 0
        chargeEnergy = 0
        dischargeEnergy = 0
        sawDischarge = false
    }
}
