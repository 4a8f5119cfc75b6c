/// Chooses the model for a protocol on a cell and runs it (PHYSICS.md "What a stack compiles
/// into"): EIS steps use the stack's equivalent circuit; time-domain steps use the transport
/// model (intercalation electrodes), the symmetric Li-metal model, or the blocking-electrode
/// polarization model, depending on what the cell's electrodes are.
public enum Simulator {
    /// Runs `protocolModel` on `cell`; `temperature` (K) overrides the cell's own.
    public static func run(_ protocolModel: ProtocolModel, on cell: CellModel, temperature: Double? = nil) throws -> SimulationResult {
        var cell = cell
        if let temperature { cell.temperature = temperature }
        var runner = ProtocolRunner(impedance: impedanceFunction)
        runner.protocolName = protocolModel.name
        if protocolModel.steps.allSatisfy(\.isStatic) {
            var model = StaticCellSimulation(cell: cell)
            return try runner.run(protocolModel, on: &model)
        }
        switch classify(cell) {
        case .intercalation:
            // simulate() adds the model notes and the GITT analysis when the protocol titrates.
            return try TransportModel.simulate(cell: cell, protocol: protocolModel, temperature: temperature,
                                               impedance: impedanceFunction)
        case .symmetricLithium:
            return try SymmetricCellModel.simulate(protocolModel, on: cell, runner: runner, parameters: lithiumParameters(cell))
        case .blockingElectrodes:
            var model = try BlockingPolarizationModel(cell: cell, parameters: lithiumParameters(cell))
            return try runner.run(protocolModel, on: &model)
        }
    }

    /// Li-metal model parameters with the per-material fields the cell sets (`contact_density`,
    /// `sigma_n0`, `sigma_p0`), so interlayers change behaviour through their material fields.
    static func lithiumParameters(_ cell: CellModel) -> LithiumMetalParameters {
        var p = LithiumMetalParameters()
        let materials = cell.layers.flatMap { [$0.material] + $0.components.map(\.material) }
        for m in materials {
            var fields: [String: Double] = [:]
            if let v = m.contactDensity { fields["contact_density"] = v }
            if let v = m.hebbWagnerElectronConductivity { fields["sigma_n0"] = v }
            if let v = m.hebbWagnerHoleConductivity { fields["sigma_p0"] = v }
            if !fields.isEmpty { p.materialExtras[m.identifier, default: [:]].merge(fields) { a, _ in a } }
        }
        return p
    }

    /// Which time-domain model a cell needs, from what its electrodes are made of.
    public enum CellClass: String, Sendable {
        /// At least one intercalation electrode (an `active` material, alone or in a composite).
        case intercalation
        /// Li-metal (or Li-alloy) electrodes on both sides: plating, stripping, CCD.
        case symmetricLithium
        /// At least one ion-blocking metal (Au | SE | Au, Li | SE | Au): DC polarization.
        case blockingElectrodes
    }

    public static func classify(_ cell: CellModel) -> CellClass {
        let hasActive = cell.layers.contains { layer in
            layer.material.kind == .active || layer.components.contains { $0.material.kind == .active }
        }
        if hasActive { return .intercalation }
        let electrodes = [cell.layers.first, cell.layers.last].compactMap { $0 }
        if electrodes.count == 2, electrodes.allSatisfy({ $0.material.kind == .metal && $0.material.ocp != nil }) {
            return .symmetricLithium
        }
        return .blockingElectrodes
    }

    /// The impedance model used by `eis` steps: the stack's equivalent circuit (Impedance/).
    static var impedanceFunction: ProtocolRunner.ImpedanceFunction? {
        { cell, temperature, frequencies in
            try ImpedanceModel.spectrum(cell: cell, temperature: temperature, frequencies: frequencies)
        }
    }
}

extension StepModel {
    /// Steps that need no time-domain model: EIS, temperature and pressure changes, and loops of them.
    var isStatic: Bool {
        switch self {
        case .eis, .setTemperature, .setPressure: return true
        case .repeatCount(_, let body), .repeatUntil(_, let body), .label(_, let body): return body.allSatisfy(\.isStatic)
        default: return false
        }
    }
}

/// A cell that does not evolve in time: enough for protocols made of EIS and set steps.
struct StaticCellSimulation: CellSimulation {
    let cell: CellModel
    var temperature: Double
    var pressure: Double
    var voltage: Double { 0 }
    var time: Double { 0 }
    var activeMass: Double { 0 }
    var oneC: Double? { nil }
    var area: Double { cell.area ?? 1e-4 }

    init(cell: CellModel) {
        self.cell = cell
        self.temperature = cell.temperature ?? 298.15
        self.pressure = cell.pressure ?? 0
    }

    func unsupported() -> ModelError { .unsupported("this protocol needs a time-domain model") }
    mutating func runCurrent(_ direction: CurrentDirection, _ setpoint: CurrentSetpoint, limits: [StepLimit], context: StepContext) throws -> StepEnd { throw unsupported() }
    mutating func runRest(limits: [StepLimit], context: StepContext) throws -> StepEnd { throw unsupported() }
    mutating func runHold(voltage: Double, limits: [StepLimit], context: StepContext) throws -> StepEnd { throw unsupported() }

    func impedanceCell() -> CellModel {
        var c = cell
        c.temperature = temperature
        c.pressure = pressure
        return c
    }
}
