import RealModule

// Li | (interlayers) | electrolyte | (interlayers) | Li cells under galvanostatic plating and
// stripping, critical-current staircases and long cycling (PHYSICS.md §4–§5):
//   V(t) = U₂ − U₁ + s·j·[ASR_SE + Σₖ (ASR_c,k/f_c,k + ASR_il,k)] + Σₖ (2RT/F)·asinh(s·j/2i0,k)
// The state (two void volumes, two criterion clocks) is integrated exactly per step, so a
// 2000 h test is a few thousand closed-form evaluations.

/// One constant-current (or rest) step of a symmetric cell, for the `half_cycles` table.
public struct HalfCycleRecord: Sendable, Equatable {
    public var index: Int
    /// s, at the step's start.
    public var startTime: Double
    /// s
    public var duration: Double
    /// A/m², positive when Li is plated on the first electrode.
    public var currentDensity: Double
    /// Mean and largest |V − U_ocv| over the step, V.
    public var meanOverpotential: Double
    public var maxOverpotential: Double
    /// Smallest contact fraction of the two electrodes at the end of the step.
    public var contactFraction: Double
}

/// Everything at the present temperature and pressure that does not depend on the void state.
struct SymmetricCellConditions {
    var temperature: Double
    /// Ω·m²
    var separatorASR: Double
    /// U_last − U_first, V.
    var openCircuitVoltage: Double
    var sides: [LithiumInterfaceConditions]
    var criteria: [DendriteCriteria]
}

/// The time-domain model of a symmetric Li-metal cell (issue 6).
public struct SymmetricCellModel: CellSimulation {
    public static let modelName = "symmetric Li-metal cell model"

    public let cell: CellModel
    public let parameters: LithiumMetalParameters
    public let area: Double
    public internal(set) var time = 0.0
    public internal(set) var voltage = 0.0
    public var temperature: Double
    public var pressure: Double
    public var activeMass: Double { 0 }
    public var oneC: Double? { nil }
    /// The first and the last electrode's interface state.
    public internal(set) var electrodes: [LithiumInterface]
    /// When the cell shorted (s), nil while it has not.
    public internal(set) var shortCircuitTime: Double?
    /// Which criterion shorted the cell.
    public internal(set) var shortCriterion: DendriteCriterion?
    /// One record per constant-current or rest step.
    public internal(set) var halfCycles: [HalfCycleRecord] = []

    let separator: [LayerModel]
    var traces = SymmetricCellTraces()

    /// Builds the model; throws ``ModelError/unsupported`` unless the first and last layers are
    /// Li-metal electrodes (kind `metal` with an `ocp`) around at least one electrolyte layer.
    public init(cell: CellModel, parameters: LithiumMetalParameters = LithiumMetalParameters()) throws {
        try parameters.validate()
        let layers = cell.layers
        func isLithiumElectrode(_ layer: LayerModel) -> Bool {
            layer.material.kind == .metal && layer.material.ocp != nil && !layer.isInterlayer
        }
        guard layers.count >= 3, let first = layers.first, let last = layers.last,
              isLithiumElectrode(first), isLithiumElectrode(last) else {
            throw ModelError.unsupported(
                "plating, stripping and `ccd` need a cell whose first and last layers are Li-metal electrodes " +
                "(a `metal` with `ocp`); `\(cell.name)` is `\(cell.stackNotation)`")
        }
        var lo = 1, hi = layers.count - 2
        while lo <= hi, layers[lo].isInterlayer { lo += 1 }
        while hi >= lo, layers[hi].isInterlayer { hi -= 1 }
        guard lo <= hi else {
            throw ModelError.unsupported("`\(cell.name)` has no electrolyte between its Li electrodes")
        }
        let middle = Array(layers[lo...hi])
        for layer in middle where !layer.isInterlayer {
            guard layer.material.kind == .electrolyte || layer.isComposite else {
                throw ModelError.unsupported(
                    "layer `\(layer.name)` (`\(layer.material.identifier)`) between the Li electrodes is not an electrolyte")
            }
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
        let firstSeparator = middle.first { !$0.isInterlayer } ?? middle[0]
        let lastSeparator = middle.last { !$0.isInterlayer } ?? middle[middle.count - 1]
        func side(_ electrode: LayerModel, _ interlayers: [LayerModel], _ electrolyte: LayerModel) -> LithiumInterfaceSetup {
            let contact = interlayers.first ?? electrolyte
            let interface = cell.interface(between: electrode.name, and: contact.name)
                ?? cell.interface(between: electrode.name, and: electrolyte.name)
            return LithiumInterfaceSetup(electrode: electrode, interlayers: interlayers, contactLayer: contact,
                                         interface: interface)
        }
        let left = side(first, Array(layers[1..<lo]), firstSeparator)
        let right = side(last, Array(layers[(hi + 1)..<(layers.count - 1)].reversed()), lastSeparator)
        let v0 = (1 - parameters.initialContactFraction) * parameters.voidDepth
        self.cell = cell
        self.parameters = parameters
        self.area = area
        self.temperature = temperature
        self.pressure = cell.pressure ?? 0
        self.separator = middle
        self.electrodes = [LithiumInterface(setup: left, initialVoidVolume: v0),
                           LithiumInterface(setup: right, initialVoidVolume: v0)]
        _ = try conditions()
        self.voltage = try conditions().openCircuitVoltage
    }

    // MARK: conditions

    func conditions() throws -> SymmetricCellConditions {
        guard temperature > 0, temperature.isFinite else {
            throw ModelError.outOfRange(what: "the temperature", value: "\(temperature) K", allowed: "positive")
        }
        guard pressure >= 0, pressure.isFinite else {
            throw ModelError.outOfRange(what: "the stack pressure", value: "\(pressure) Pa", allowed: "non-negative")
        }
        let t = temperature
        var asr = 0.0, thickness = 0.0
        for layer in separator where layer.material.ionicConductivity != nil || layer.isComposite || !layer.isInterlayer {
            asr += try ElectrolyteConduction.ionicASR(of: layer, at: t, model: Self.modelName)
            thickness += try ElectrolyteConduction.requireThickness(layer, model: Self.modelName)
        }
        let rho = asr / thickness
        var referenceASR = 0.0
        for layer in separator where layer.material.ionicConductivity != nil || layer.isComposite || !layer.isInterlayer {
            referenceASR += try ElectrolyteConduction.ionicASR(of: layer, at: parameters.electronicReferenceTemperature,
                                                               model: Self.modelName)
        }
        let ionicRatio = referenceASR / asr
        let electrolyteLayers = [separator.first { !$0.isInterlayer }, separator.last { !$0.isInterlayer }]
        var sides: [LithiumInterfaceConditions] = []
        var criteria: [DendriteCriteria] = []
        for (k, electrode) in electrodes.enumerated() {
            let side = try electrode.setup.conditions(temperature: t, pressure: pressure, electrolyteResistivity: rho,
                                                      parameters: parameters)
            sides.append(side)
            let nucleation = electrolyteLayers[k].flatMap(ElectrolyteConduction.grainSize(of:)).map {
                DendriteCriteria.nucleationLimit(resistivity: rho, grainSize: $0, parameters: parameters)
            }
            var sigmaE = try electrolyteLayers[k].flatMap { try ElectrolyteConduction.grainBoundaryElectronicConductivity(of: $0, at: t) }
            if let blocking = side.interlayerElectronicConductivity { sigmaE = min(sigmaE ?? blocking, blocking) }
            let electronic = sigmaE.map {
                DendriteCriteria.electronicLimit(electronicConductivity: $0, ionicRatio: ionicRatio, parameters: parameters)
            }
            criteria.append(DendriteCriteria(
                nucleationLimit: nucleation,
                focusingLimit: DendriteCriteria.focusingLimit(interfaceASR: side.fullContactASR, parameters: parameters),
                electronicLimit: electronic))
        }
        let u1 = electrodes[0].setup.electrode.material.ocp?.value(at: 0.5) ?? 0
        let u2 = electrodes[1].setup.electrode.material.ocp?.value(at: 0.5) ?? 0
        return SymmetricCellConditions(temperature: t, separatorASR: asr, openCircuitVoltage: u2 - u1, sides: sides,
                                       criteria: criteria)
    }

    /// Cell voltage (V) at current density `j` (A/m², positive when plating the first electrode)
    /// with contact fractions `f`; after a short the electronic shunt carries the current.
    func cellVoltage(density j: Double, contact f: [Double], conditions c: SymmetricCellConditions,
                     shorted: Bool) -> Double {
        Self.cellVoltage(density: j, contact: f, conditions: c, shorted: shorted, shortCircuitASR: parameters.shortCircuitASR)
    }

    static func cellVoltage(density j: Double, contact f: [Double], conditions c: SymmetricCellConditions,
                            shorted: Bool, shortCircuitASR: Double) -> Double {
        if shorted { return j * shortCircuitASR }
        let thermal = Constants.gas * c.temperature / Constants.faraday
        var v = c.openCircuitVoltage + j * c.separatorASR
        for k in 0..<2 {
            let side = c.sides[k]
            v += j * (side.constrictionASR / f[k] + side.interlayerASR)
            v += 2 * thermal * Double.asinh(j / (2 * side.exchangeCurrentDensity))
        }
        return v
    }

    /// Small-signal cell ASR (Ω·m²) with contact fractions `f`.
    func cellASR(contact f: [Double], conditions c: SymmetricCellConditions, shorted: Bool) -> Double {
        if shorted { return parameters.shortCircuitASR }
        return c.separatorASR + (0..<2).reduce(0) { $0 + LithiumInterface.areaSpecificResistance(c.sides[$1], contactFraction: f[$1]) }
    }

    /// The combined CCD predictor at the present state: the smaller over the two electrodes of
    /// min(j_A, j_A′·f_c, CCD_C), A/m², and the criterion that sets it (PHYSICS.md §5).
    public func predictedCriticalCurrentDensity() throws -> (value: Double, criterion: DendriteCriterion) {
        let c = try conditions()
        let candidates = (0..<2).map { c.criteria[$0].criticalCurrentDensity(contactFraction: electrodes[$0].contactFraction(parameters)) }
        return candidates.min { $0.value < $1.value } ?? candidates[0]
    }

    /// Present interface ASR of each electrode, Ω·m² (ASR_ct + ASR_c/f_c + interlayers).
    public func interfaceASRs() throws -> [Double] {
        let c = try conditions()
        return (0..<2).map { LithiumInterface.areaSpecificResistance(c.sides[$0], contactFraction: electrodes[$0].contactFraction(parameters)) }
    }

    // MARK: CellSimulation

    public mutating func runCurrent(_ direction: CurrentDirection, _ setpoint: CurrentSetpoint, limits: [StepLimit],
                                    context: StepContext) throws -> StepEnd {
        let amps = try amperes(setpoint, area: area, oneC: nil)
        guard amps >= 0, amps.isFinite else {
            throw ModelError.outOfRange(what: "the current of a `\(direction.rawValue)` step", value: "\(amps) A",
                                        allowed: "a positive magnitude (the direction gives the sign)")
        }
        let sign: Double = (direction == .plate || direction == .charge) ? 1 : -1
        return try runStep(density: sign * amps / area, limits: limits, context: context, stopOnShort: false)
    }

    public mutating func runRest(limits: [StepLimit], context: StepContext) throws -> StepEnd {
        try runStep(density: 0, limits: limits, context: context, stopOnShort: false)
    }

    public mutating func runHold(voltage: Double, limits: [StepLimit], context: StepContext) throws -> StepEnd {
        throw ModelError.unsupported("`hold` on a symmetric Li cell is not modelled; use `plate` or `strip` at a current")
    }

    public mutating func runPolarize(voltage: Double, limits: [StepLimit], context: StepContext) throws -> StepEnd {
        throw ModelError.unsupported(
            "`polarize` needs blocking electrodes (Au | SE | Au) or a Li | SE | blocking cell; `\(cell.name)` has two Li electrodes")
    }

    /// The staircase of PHYSICS.md §5: j_k = from + k·step up to `to`, each step one plating and
    /// one stripping half-cycle of `duration` (or `duration`/2 when `perHalfCycle` is false).
    /// Records `ccd` (last step completed, A/m²), `ccd_fail` and `short_at` when the cell shorts,
    /// and `ccd_predicted` (the combined predictor before the test).
    public mutating func runCCD(from: Double, to: Double, step: Double, duration: Double, perHalfCycle: Bool,
                                context: StepContext) throws -> StepEnd {
        guard from > 0, from.isFinite else {
            throw ModelError.outOfRange(what: "the first `ccd` current density", value: "\(from) A/m^2", allowed: "positive")
        }
        guard step > 0, step.isFinite else {
            throw ModelError.outOfRange(what: "the `ccd` step", value: "\(step) A/m^2", allowed: "positive")
        }
        guard to >= from, to.isFinite else {
            throw ModelError.outOfRange(what: "the last `ccd` current density", value: "\(to) A/m^2",
                                        allowed: "at least the first (\(from) A/m^2)")
        }
        guard duration > 0, duration.isFinite else {
            throw ModelError.outOfRange(what: "the `ccd` step duration", value: "\(duration) s", allowed: "positive")
        }
        let steps = ((to - from) / step * (1 + 1e-12)).rounded(.down) + 1
        guard steps <= Double(Self.maxCCDSteps) else {
            throw ModelError.limitExceeded(what: "`ccd` steps", limit: "\(Self.maxCCDSteps)")
        }
        let count = Int(steps)
        let half = perHalfCycle ? duration : duration / 2
        let recorder = context.recorder
        let predicted = try predictedCriticalCurrentDensity()
        recorder.addScalar(Scalar("ccd_predicted", predicted.value, unit: "A/m^2",
                                  summary: "combined predictor min(j_A, j_A′·f_c, CCD_C); set by \(predicted.criterion.rawValue)"))
        recorder.note("CCD criteria: St Venant focusing (A′), Raj–Wolfenstine (A), EMPIRICAL electronic criterion (C); " +
                      "void/contact state RECONSTRUCTED (docs/models/lithium-metal.md)")
        var passed = 0.0
        for k in 0..<count {
            let j = from + Double(k) * step
            for sign in [1.0, -1.0] {
                recorder.beginStep(sign > 0 ? .plate : .strip)
                let end = try runStep(density: sign * j, limits: [.duration(half)], context: context, stopOnShort: true)
                if shortCircuitTime != nil {
                    recorder.addScalar(Scalar("ccd", passed, unit: "A/m^2", summary: "last current density completed"))
                    recorder.addScalar(Scalar("ccd_fail", j, unit: "A/m^2", summary: "current density of the step that shorted"))
                    return .modelEvent("short circuit")
                }
                if case .inheritedLimit = end { return end }
            }
            passed = j
        }
        recorder.addScalar(Scalar("ccd", passed, unit: "A/m^2", summary: "last current density completed (no short)"))
        recorder.note("the cell did not short up to the last `ccd` step")
        return .ownLimit(0)
    }

    /// More staircase steps than any lab protocol (0.01 → 100 mA/cm² by 0.01 is 10⁴).
    public static let maxCCDSteps = 100_000

    /// The cell as the impedance model should see it now: each Li-side interface carries its
    /// present ASR (contact loss included) at the present temperature.
    public func impedanceCell() -> CellModel {
        guard shortCircuitTime == nil, let asrs = try? interfaceASRs() else { return cell }
        var copy = cell
        copy.temperature = temperature
        copy.pressure = pressure
        for (k, electrode) in electrodes.enumerated() {
            let setup = electrode.setup
            let value = ThermalParameter(asrs[k], at: temperature, activationEnergy: nil, law: .resistance)
            if let i = copy.interfaces.firstIndex(where: {
                ($0.left == setup.electrode.name || $0.right == setup.electrode.name)
                    && ($0.left == setup.contactLayer.name || $0.right == setup.contactLayer.name)
            }) {
                copy.interfaces[i].areaSpecificResistance = value
            } else {
                var interface = InterfaceModel(left: k == 0 ? setup.electrode.name : setup.contactLayer.name,
                                               right: k == 0 ? setup.contactLayer.name : setup.electrode.name)
                interface.areaSpecificResistance = value
                copy.interfaces.append(interface)
            }
        }
        return copy
    }

    /// The `half_cycles` table (index, start time, current density, mean and max |V − U_ocv|,
    /// contact fraction); the runtime appends it to the result after the run.
    public func halfCycleTable() -> ResultTable {
        ResultTable(name: "half_cycles", columns: [
            ("index", "", halfCycles.map { Double($0.index) }),
            ("time", "s", halfCycles.map(\.startTime)),
            ("duration", "s", halfCycles.map(\.duration)),
            ("current_density", "A/m^2", halfCycles.map(\.currentDensity)),
            ("mean_overpotential", "V", halfCycles.map(\.meanOverpotential)),
            ("max_overpotential", "V", halfCycles.map(\.maxOverpotential)),
            ("contact_fraction", "", halfCycles.map(\.contactFraction)),
        ])
    }

    /// Adds what only the finished run knows to `result` (call once after `ProtocolRunner.run`):
    /// the `half_cycles` table and the extra traces `asr` (Ω·m²), `contact_fraction_1` and
    /// `contact_fraction_2`, aligned with the samples this model recorded.
    public func appendResults(to result: inout SimulationResult) {
        result.tables.removeAll { $0.name == "half_cycles" }
        result.tables.append(halfCycleTable())
        traces.merge(into: &result.series)
    }
}

extension SymmetricCellModel {
    /// Builds the model, runs `protocolModel` with `runner` and appends what only the finished
    /// run knows (``appendResults(to:)``): the one call a simulator needs.
    public static func simulate(_ protocolModel: ProtocolModel, on cell: CellModel, runner: ProtocolRunner,
                                parameters: LithiumMetalParameters = LithiumMetalParameters()) throws -> SimulationResult {
        var model = try SymmetricCellModel(cell: cell, parameters: parameters)
        var result = try runner.run(protocolModel, on: &model)
        model.appendResults(to: &result)
        return result
    }
}
