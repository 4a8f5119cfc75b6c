import RealModule

// DC polarization on ion-blocking electrodes (PHYSICS.md §7): after a step to U the ionic
// current charges the double layers and decays with τ = R_bulk·C_dl; what remains is electronic.
//   blocking (Au | SE | Au):        I_e = σ_e·U·A/L
//   Hebb–Wagner (Li | SE | Au):     I_e = (A R T/(F L))·[σ_n⁰(1 − e^(−FU/RT)) + σ_p⁰(e^(FU/RT) − 1)]
// `sigma_e` comes from the slope of I_ss against U over the polarize steps ([seed-000] 0.4–0.8 V).

/// One finished polarize step: the voltage and the current at its end.
public struct PolarizationPoint: Sendable, Equatable {
    /// V
    public var voltage: Double
    /// A
    public var steadyCurrent: Double
}

public struct BlockingPolarizationModel: CellSimulation {
    public static let modelName = "DC polarization model"

    public enum Configuration: String, Sendable {
        /// Two ion-blocking electrodes (Au | SE | Au).
        case blocking
        /// One reversible Li electrode and one blocking electrode (Hebb–Wagner).
        case hebbWagner
    }

    public let cell: CellModel
    public let parameters: LithiumMetalParameters
    public let configuration: Configuration
    public let area: Double
    public internal(set) var time = 0.0
    public internal(set) var voltage = 0.0
    public var temperature: Double
    public var pressure: Double
    public var activeMass: Double { 0 }
    public var oneC: Double? { nil }
    /// The current at the end of each polarize step.
    public internal(set) var points: [PolarizationPoint] = []
    /// Voltage across the double layers (V); the next step's ionic transient starts from it.
    var doubleLayerVoltage = 0.0
    let electrolyte: [LayerModel]
    let blockingInterface: InterfaceModel?

    /// Builds the model; throws ``ModelError/unsupported`` unless the first and last layers are
    /// metals with at most one of them a Li electrode (a `metal` with `ocp`).
    public init(cell: CellModel, parameters: LithiumMetalParameters = LithiumMetalParameters()) throws {
        try parameters.validate()
        let layers = cell.layers
        guard layers.count >= 3, let first = layers.first, let last = layers.last,
              first.material.kind == .metal, last.material.kind == .metal else {
            throw ModelError.unsupported(
                "`polarize` needs metal electrodes on both sides (Au | SE | Au or Li | SE | Au); `\(cell.name)` is `\(cell.stackNotation)`")
        }
        switch (first.material.ocp != nil, last.material.ocp != nil) {
        case (false, false): configuration = .blocking
        case (true, false), (false, true): configuration = .hebbWagner
        case (true, true):
            throw ModelError.unsupported(
                "`polarize` needs at least one ion-blocking electrode; `\(cell.name)` has two Li electrodes (use `plate`/`strip`)")
        }
        let middle = layers[1..<(layers.count - 1)].filter { !$0.isInterlayer }
        guard !middle.isEmpty else {
            throw ModelError.unsupported("`\(cell.name)` has no electrolyte between its electrodes")
        }
        for layer in middle where !(layer.material.kind == .electrolyte || layer.isComposite) {
            throw ModelError.unsupported("layer `\(layer.name)` (`\(layer.material.identifier)`) between the electrodes is not an electrolyte")
        }
        guard let area = cell.area else {
            throw ModelError.missingField(field: "area", owner: "cell `\(cell.name)`", model: Self.modelName)
        }
        guard area > 0, area.isFinite else {
            throw ModelError.outOfRange(what: "the area of `\(cell.name)`", value: "\(area) m^2", allowed: "positive")
        }
        guard let temperature = cell.temperature else {
            throw ModelError.missingField(field: "temperature", owner: "cell `\(cell.name)`", model: Self.modelName)
        }
        let blockingElectrode = first.material.ocp == nil ? first : last
        self.cell = cell
        self.parameters = parameters
        self.area = area
        self.temperature = temperature
        self.pressure = cell.pressure ?? 0
        self.electrolyte = Array(middle)
        self.blockingInterface = cell.interfaces.first { $0.left == blockingElectrode.name || $0.right == blockingElectrode.name }
        _ = try constants()
    }

    /// Bulk ionic resistance (Ω), double-layer capacitance in the ionic path (F), electrolyte
    /// thickness (m) and the electronic resistance at small U (Ω).
    func constants() throws -> (ionicResistance: Double, capacitance: Double, thickness: Double, electronicResistance: Double) {
        guard temperature > 0, temperature.isFinite else {
            throw ModelError.outOfRange(what: "the temperature", value: "\(temperature) K", allowed: "positive")
        }
        var ionic = 0.0, electronic = 0.0, thickness = 0.0
        for layer in electrolyte {
            ionic += try ElectrolyteConduction.ionicASR(of: layer, at: temperature, model: Self.modelName)
            let l = try ElectrolyteConduction.requireThickness(layer, model: Self.modelName)
            thickness += l
            electronic += l / (try ElectrolyteConduction.electronicConductivity(of: layer, at: temperature, model: Self.modelName))
        }
        let perArea = blockingInterface?.capacitance ?? parameters.doubleLayerCapacitance
        guard perArea > 0, perArea.isFinite else {
            throw ModelError.outOfRange(what: "the interface capacitance", value: "\(perArea) F/m^2", allowed: "positive")
        }
        // Two blocking double layers in series halve the capacitance; Hebb–Wagner has one.
        let capacitance = perArea * area / (configuration == .blocking ? 2 : 1)
        return (ionic / area, capacitance, thickness, electronic / area)
    }

    /// Steady electronic current (A) at polarization `u` (V) (PHYSICS.md §7).
    public func electronicCurrent(at u: Double) throws -> Double {
        let k = try constants()
        switch configuration {
        case .blocking:
            return u / k.electronicResistance
        case .hebbWagner:
            let (n, p) = try carrierConductivities()
            let thermal = Constants.gas * temperature / Constants.faraday
            return area * thermal / k.thickness * (n * (1 - Double.exp(-u / thermal)) + p * (Double.exp(u / thermal) - 1))
        }
    }

    /// σ_n⁰ and σ_p⁰ (S/m) of the electrolyte for Hebb–Wagner: the `sigma_n0`/`sigma_p0` fields
    /// when set, else σ_n⁰ = the effective `sigma_e` and σ_p⁰ = 0 (electrons only).
    func carrierConductivities() throws -> (Double, Double) {
        let k = try constants()
        let material = electrolyte[0].material
        let n = parameters.extra("sigma_n0", of: material) ?? k.thickness / (k.electronicResistance * area)
        let p = parameters.extra("sigma_p0", of: material) ?? 0
        return (n, p)
    }

    public mutating func runPolarize(voltage u: Double, limits: [StepLimit], context: StepContext) throws -> StepEnd {
        guard u.isFinite else { throw ModelError.outOfRange(what: "the polarization voltage", value: "\(u) V", allowed: "finite") }
        let k = try constants()
        let tau = k.ionicResistance * k.capacitance
        let electronic = try electronicCurrent(at: u)
        let ionic0 = (u - doubleLayerVoltage) / k.ionicResistance
        let current: (Double) -> Double = { t in electronic + ionic0 * Double.exp(-t / tau) }

        var end: (t: Double, reason: StepEnd)?
        let tagged = limits.enumerated().map { ($1, StepEnd.ownLimit($0)) }
            + context.inheritedLimits.enumerated().map { ($1, StepEnd.inheritedLimit($0)) }
        for (limit, reason) in tagged {
            var t: Double?
            switch limit {
            case .duration(let d):
                guard d >= 0, d.isFinite else { throw ModelError.outOfRange(what: "a step duration", value: "\(d) s", allowed: "non-negative") }
                t = d
            case .current(let setpoint):
                let threshold = try amperes(setpoint, area: area, oneC: nil)
                let excess = abs(ionic0) > 0 ? (threshold - abs(electronic)) / abs(ionic0) : 0
                if excess >= 1 { t = 0 } else if excess > 0 { t = -tau * Double.log(excess) }
            default:
                throw ModelError.unsupported("a `polarize` step ends after a duration or when the current falls to a value")
            }
            if let t, t < (end?.t ?? .infinity) { end = (t, reason) }
        }
        guard let end else {
            throw ModelError.unsupported("a `polarize` step needs a duration (or a current limit it reaches)")
        }
        // Samples: the switch, then log-spaced through the transient to the end.
        let recorder = context.recorder
        let n = parameters.samplesPerHalfCycle
        var times = [0.0]
        if end.t > 0 {
            let first = min(tau / 10, end.t / Double(n))
            let ratio = Double.pow(end.t / first, 1 / Double(n - 1))
            times += (0..<n).map { first * Double.pow(ratio, Double($0)) }
            times[times.count - 1] = end.t
        }
        for t in times {
            recorder.sample(time: time + t, voltage: u, current: current(t), temperature: temperature)
        }
        doubleLayerVoltage = u - (u - doubleLayerVoltage) * Double.exp(-end.t / tau)
        time += end.t
        voltage = u
        points.append(PolarizationPoint(voltage: u, steadyCurrent: current(end.t)))
        recordConductivities(recorder, thickness: k.thickness)
        return end.reason
    }

    public mutating func runHold(voltage: Double, limits: [StepLimit], context: StepContext) throws -> StepEnd {
        try runPolarize(voltage: voltage, limits: limits, context: context)
    }

    /// Open circuit: the double layers discharge through the electronic resistance.
    public mutating func runRest(limits: [StepLimit], context: StepContext) throws -> StepEnd {
        let k = try constants()
        var end: (t: Double, reason: StepEnd)?
        for (i, limit) in (limits + context.inheritedLimits).enumerated() {
            if case .duration(let d) = limit, d >= 0, d < (end?.t ?? .infinity) {
                end = (d, i < limits.count ? .ownLimit(i) : .inheritedLimit(i - limits.count))
            }
        }
        guard let end else { throw ModelError.unsupported("a `rest` on a blocking cell needs a duration") }
        let tauE = k.electronicResistance * k.capacitance
        let n = parameters.samplesPerHalfCycle
        for i in 0...n {
            let t = end.t * Double(i) / Double(n)
            recorder(context).sample(time: time + t, voltage: doubleLayerVoltage * Double.exp(-t / tauE), current: 0,
                                     temperature: temperature)
        }
        doubleLayerVoltage *= Double.exp(-end.t / tauE)
        voltage = doubleLayerVoltage
        time += end.t
        return end.reason
    }

    public mutating func runCurrent(_ direction: CurrentDirection, _ setpoint: CurrentSetpoint, limits: [StepLimit],
                                    context: StepContext) throws -> StepEnd {
        throw ModelError.unsupported("ion-blocking electrodes pass no steady ionic current; use `polarize at ... V`")
    }

    public func impedanceCell() -> CellModel {
        var copy = cell
        copy.temperature = temperature
        return copy
    }

    /// `sigma_e` = (L/A)·dI_ss/dU over the polarize steps (one step: L·I/(U·A)); for Hebb–Wagner
    /// also σ_n⁰ and σ_p⁰ by linear least squares when two or more voltages were applied.
    func recordConductivities(_ recorder: Recorder, thickness: Double) {
        let used = points.filter { $0.voltage != 0 }
        guard let last = used.last else { return }
        var sigma = thickness * last.steadyCurrent / (last.voltage * area)
        let distinct = Set(used.map(\.voltage))
        if distinct.count >= 2 {
            let n = Double(used.count)
            let mu = used.reduce(0) { $0 + $1.voltage } / n
            let mi = used.reduce(0) { $0 + $1.steadyCurrent } / n
            let sxy = used.reduce(0) { $0 + ($1.voltage - mu) * ($1.steadyCurrent - mi) }
            let sxx = used.reduce(0) { $0 + ($1.voltage - mu) * ($1.voltage - mu) }
            sigma = thickness / area * sxy / sxx
        }
        recorder.addScalar(Scalar("sigma_e", sigma, unit: "S/m", summary: "electronic conductivity from I_ss vs U"))
        guard configuration == .hebbWagner, distinct.count >= 2 else { return }
        // I_k = (A R T/(F L))·[σ_n a_k + σ_p b_k]: two-parameter normal equations.
        let thermal = Constants.gas * temperature / Constants.faraday
        let scale = area * thermal / thickness
        var saa = 0.0, sab = 0.0, sbb = 0.0, sai = 0.0, sbi = 0.0
        for point in used {
            let a = scale * (1 - Double.exp(-point.voltage / thermal))
            let b = scale * (Double.exp(point.voltage / thermal) - 1)
            saa += a * a; sab += a * b; sbb += b * b
            sai += a * point.steadyCurrent; sbi += b * point.steadyCurrent
        }
        let det = saa * sbb - sab * sab
        guard abs(det) > 1e-300 * max(1, saa * sbb) else { return }
        recorder.addScalar(Scalar("sigma_n0", (sai * sbb - sbi * sab) / det, unit: "S/m", summary: "Hebb–Wagner electron conductivity"))
        recorder.addScalar(Scalar("sigma_p0", (saa * sbi - sab * sai) / det, unit: "S/m", summary: "Hebb–Wagner hole conductivity"))
    }

    private func recorder(_ context: StepContext) -> Recorder { context.recorder }
}
