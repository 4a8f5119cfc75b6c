// The time-domain transport model (PHYSICS.md "What a stack compiles into", item 2; §1, §4, §6,
// §7, §8): spherical diffusion in the active particles, Butler–Volmer kinetics, ohmic drops,
// double layers, electronic leakage, Arrhenius temperature dependence, empirical ageing.

/// Numerical and modelling options of ``TransportModel``; the defaults are documented in
/// docs/models/transport.md.
public struct TransportOptions: Sendable {
    /// Finite-volume shells per particle (PHYSICS.md §6: 20–30 is enough).
    public var shells = 25
    /// Target local error of the cell voltage per step, V (backward-Euler error estimate).
    public var voltageTolerance = 1e-3
    /// Target local error of surface Li fractions per step.
    public var fractionTolerance = 3e-3
    /// Target local error of the current in a voltage hold, relative to |I|.
    public var currentTolerance = 5e-4
    /// Voltage limits are located to within this, V (0.05 mV, below the 0.1 mV requirement).
    public var eventVoltageTolerance = 5e-5
    /// First time step of every leaf step, s (resolves double-layer transients of ~1 ms).
    public var initialStep = 1e-4
    /// Largest time step, s.
    public var maxStep = 600.0
    /// Below this step (s) a failing solve is reported instead of retried.
    public var minStep = 1e-10
    /// Accepted time steps per leaf step before giving up.
    public var maxStepsPerLeaf = 2_000_000
    /// Samples recorded per leaf step before the recorder thins them out.
    public var samplesPerStep = 1000
    /// Apply the EMPIRICAL cathode-interface ageing hook when the cell has the data (PHYSICS.md §8).
    public var ageing = true
    /// β in ASR(N) = ASR₀[1 + g₁Σn^−β] (PHYSICS.md §8 default 0.5).
    public var ageingExponent = 0.5
    /// k_E in g₁ = k_E·E_s·(ε/ε_ref)²·(Δx/Δx_ref), per Pa (0.58 %/GPa, PHYSICS.md §8).
    public var ageingModulusCoefficient = 0.0058e-9
    /// ε_ref: LCO's volume change near x ≈ 0.5 (PHYSICS.md §8, about 2 %).
    public var ageingReferenceStrain = 0.02
    /// Δx_ref: LCO to 4.1 V at 90 °C and 0.05 C (PHYSICS.md §8).
    public var ageingReferenceSwing = 0.42

    public init() {}
}

/// A cell compiled into a state-space model and driven step by step by ``ProtocolRunner``.
///
/// State: the shell Li fractions of each intercalation electrode's representative particle,
/// the voltage across each interface's double layer, the Li gained by metal electrodes. Each
/// time step is backward Euler: the particle diffusion (tridiagonal, Thomas) is linear in the
/// electrode current, so the remaining algebraic system — ohmic drops, Butler–Volmer, double
/// layers, leakage and the step's control (current or voltage) — is a Newton solve in 1 + (number
/// of double layers) unknowns. Step size follows a local-error estimate on voltage and surface
/// fractions; limits are located by regula falsi on the step length, never overshot.
public struct TransportModel: CellSimulation {
    public let cell: CellModel
    public var options: TransportOptions
    var transport: TransportCell
    var solver: AlgebraicSolver
    var particles: [SphericalParticle?]
    /// Voltage across each branch (V).
    var branchVoltages: [Double]
    /// Newton start: [j, j_f of each capacitive branch].
    var guess: [Double]
    /// Li gained by each metal electrode since the start, mol.
    var metalGain = [0.0, 0.0]
    var lastSurface = [Double.nan, Double.nan]
    var acceptedSteps = 0
    /// The control and last step length of the previous leaf step (continued without a jump).
    var lastControl: StepControl?
    var lastStep = 0.0
    var traces = TransportTraces()
    var layerASRCache: (temperature: Double, values: [String: Double])?
    /// Which electrodes intercalate, and 1/Q of each (1/C), cached for the stepping loop.
    let isIntercalation: [Bool]
    let perCharge: [Double]
    var lastRecordedASR = Double.nan
    /// Cumulative |charge| passed, C (for inherited charge limits).
    var totalCharge = 0.0
    var origins: [Int: (limit: StepLimit, time: Double, charge: Double)] = [:]
    // ageing
    var agedCycles = 0
    var cycleSwing = (low: Double.infinity, high: -Double.infinity)
    var ageingDamage = 0.0

    public internal(set) var time = 0.0
    public var temperature: Double
    public var pressure: Double
    public internal(set) var voltage = 0.0
    /// External current of the last accepted state, A (positive on charge).
    public internal(set) var current = 0.0
    public let activeMass: Double
    public let oneC: Double?
    public var area: Double { transport.area }
    /// Model notes (assumptions, ignored fields), copied into results by ``simulate``.
    public private(set) var notes: [String]

    /// Builds the model. `temperature` (K) overrides the cell's; the default is 298.15 K.
    /// Throws ``ModelError`` for missing or out-of-range fields.
    public init(cell: CellModel, temperature: Double? = nil, options: TransportOptions = TransportOptions()) throws {
        self.cell = cell
        self.options = options
        transport = try TransportCell(cell: cell)
        let t = temperature ?? cell.temperature ?? 298.15
        guard t > 0, t.isFinite else {
            throw ModelError.outOfRange(what: "the temperature", value: "\(t) K", allowed: "positive")
        }
        guard options.shells >= 2 else {
            throw ModelError.outOfRange(what: "`shells`", value: "\(options.shells)", allowed: "at least 2")
        }
        self.temperature = t
        pressure = cell.pressure ?? 0
        solver = AlgebraicSolver(cell: transport)
        particles = transport.electrodes.map { e in
            e.isMetal ? nil : SphericalParticle(shells: options.shells, initialFraction: e.initialFraction)
        }
        isIntercalation = transport.electrodes.map { !$0.isMetal }
        perCharge = transport.electrodes.map { 1 / $0.chargePerFraction }
        branchVoltages = [Double](repeating: 0, count: transport.branches.count)
        guess = [Double](repeating: 0, count: solver.unknownCount)
        let working = transport.electrodes[transport.workingElectrode]
        activeMass = working.activeMass
        notes = transport.notes
        if let basis = working.rateBasis {
            oneC = basis.value * working.activeMass / 3600
            if basis.field == "capacity" {
                notes.append("1 C is taken from the `capacity` of `\(working.materialName)` (no `rate_basis`)")
            }
        } else {
            oneC = nil
        }
        if transport.ageing != nil && options.ageing {
            notes.append("EMPIRICAL ageing: cathode-interface ASR(N) = ASR0·[1 + g1·Σ n^-β] with g1 = k_E·E_s·(ε/ε_ref)²·(Δx/Δx_ref), k_E = 0.58 %/GPa, β = \(options.ageingExponent) (PHYSICS.md §8)")
        }
        let coefficients = currentCoefficients()
        let start = try instant(control: .current(0), coefficients: coefficients)
        voltage = start.voltage
        lastSurface = [start.surface[0], start.surface[1]]
        guess[0] = start.ionic
    }

    // MARK: observables

    /// Li in the cell, mol: particles, metal gains and the ionic charge on the electrode double
    /// layers. Constant to round-off over any protocol (PHYSICS.md §6).
    public var lithiumInventory: Double {
        var n = 0.0
        for e in 0..<2 {
            if let p = particles[e] {
                n += transport.electrodes[e].chargePerFraction * p.meanFraction / Constants.faraday
            } else {
                n += metalGain[e]
            }
        }
        for (index, branch) in transport.branches.enumerated() {
            guard let e = branch.electrode, branch.capacitance > 0 else { continue }
            let q = branch.capacitance * transport.area * branchVoltages[index]
            n += (e == 1 ? -q : q) / Constants.faraday
        }
        return n
    }

    /// Volume-averaged Li fraction of the negative (0) or positive (1) electrode; nil for a metal.
    public func meanLiFraction(electrode: Int) -> Double? {
        guard electrode == 0 || electrode == 1 else { return nil }
        return particles[electrode]?.meanFraction
    }

    /// Surface Li fraction of an electrode at the last accepted state; nil for a metal.
    public func surfaceLiFraction(electrode: Int) -> Double? {
        guard (electrode == 0 || electrode == 1), particles[electrode] != nil else { return nil }
        return lastSurface[electrode]
    }

    /// Σ ohmic + interface ASR at the present temperature (Ω·m², kinetics excluded): the `asr` trace.
    public var seriesASR: Double {
        Coefficients(cell: transport, temperature: temperature, layerASRs: transport.impedanceLayerASRs(at: temperature)).totalASR
    }

    /// Coefficients at the present temperature, with the impedance model's layer ASRs cached per
    /// temperature.
    mutating func currentCoefficients() -> Coefficients {
        if layerASRCache?.temperature != temperature {
            layerASRCache = (temperature, transport.impedanceLayerASRs(at: temperature))
        }
        return Coefficients(cell: transport, temperature: temperature, layerASRs: layerASRCache?.values ?? [:])
    }

    /// Present ASR of each interface branch (`left|right`, Ω·m²), after ageing.
    public var interfaceASRs: [(name: String, value: Double)] {
        transport.branches.map { ($0.name, $0.ohmicASR(at: temperature)) }
    }

    /// Charge (C) per unit Li fraction of an electrode: (x_end − x_start)·Q is the capacity.
    public func chargePerLiFraction(electrode: Int) -> Double? {
        guard electrode == 0 || electrode == 1, !transport.electrodes[electrode].isMetal else { return nil }
        return transport.electrodes[electrode].chargePerFraction
    }

    // MARK: CellSimulation

    public mutating func runCurrent(_ direction: CurrentDirection, _ setpoint: CurrentSetpoint, limits: [StepLimit],
                                    context: StepContext) throws -> StepEnd {
        let magnitude = try amperes(setpoint, area: area, oneC: oneC)
        guard magnitude.isFinite, magnitude >= 0 else {
            throw ModelError.outOfRange(what: "the step current", value: "\(magnitude) A", allowed: "finite and non-negative")
        }
        let sign: Double = (direction == .charge || direction == .plate) ? 1 : -1
        return try runLeaf(.current(sign * magnitude / area), direction: sign, limits: limits, context: context)
    }

    public mutating func runRest(limits: [StepLimit], context: StepContext) throws -> StepEnd {
        try runLeaf(.current(0), direction: 0, limits: limits, context: context)
    }

    public mutating func runHold(voltage v: Double, limits: [StepLimit], context: StepContext) throws -> StepEnd {
        guard v.isFinite else { throw ModelError.outOfRange(what: "the hold voltage", value: "\(v) V", allowed: "finite") }
        return try runLeaf(.voltage(v), direction: 0, limits: limits, context: context)
    }

    public func impedanceCell() -> CellModel {
        var copy = cell
        copy.temperature = temperature
        copy.pressure = pressure
        if let ageing = transport.ageing {
            let branch = transport.branches[ageing.branch]
            if let i = copy.interfaces.firstIndex(where: { "\($0.left)|\($0.right)" == branch.name || "\($0.right)|\($0.left)" == branch.name }),
               let asr = copy.interfaces[i].areaSpecificResistance {
                copy.interfaces[i].areaSpecificResistance = asr.scaled(by: branch.asrFactor)
            }
        }
        return copy
    }

    /// Adds what only the model knows to a finished run: the `x_surface_positive`,
    /// `x_surface_negative` and `asr` traces, the model notes and, when the protocol has current
    /// pulses followed by rests, the GITT table and scalars (PHYSICS.md §7).
    public func appendResults(to result: inout SimulationResult) {
        traces.merge(into: &result.series, positive: particles[1] != nil, negative: particles[0] != nil)
        for note in notes where !result.notes.contains(note) { result.notes.append(note) }
        let radius = transport.electrodes[transport.workingElectrode].particleRadius
        result.tables.removeAll { $0.name == "gitt" }
        if let gitt = GITTAnalysis.analyse(series: result.series, particleRadius: radius) {
            result.tables.append(gitt.table)
            for s in gitt.scalars {
                result.scalars.removeAll { $0.name == s.name }
                result.scalars.append(s)
            }
        }
    }
}

extension TransportModel {
    /// Builds the model, runs `protocolModel` with `runner` and appends what only the finished
    /// run knows (``appendResults(to:)``): the one call a simulator needs.
    public static func simulate(_ protocolModel: ProtocolModel, on cell: CellModel, runner: ProtocolRunner,
                                temperature: Double? = nil,
                                options: TransportOptions = TransportOptions()) throws -> SimulationResult {
        var model = try TransportModel(cell: cell, temperature: temperature, options: options)
        var result = try runner.run(protocolModel, on: &model)
        model.appendResults(to: &result)
        return result
    }

    /// The same with a fresh runner whose `eis` steps use `impedance`.
    public static func simulate(cell: CellModel, protocol protocolModel: ProtocolModel, temperature: Double? = nil,
                                options: TransportOptions = TransportOptions(),
                                impedance: ProtocolRunner.ImpedanceFunction? = nil) throws -> SimulationResult {
        var runner = ProtocolRunner(impedance: impedance)
        runner.protocolName = protocolModel.name
        return try simulate(protocolModel, on: cell, runner: runner, temperature: temperature, options: options)
    }
}
