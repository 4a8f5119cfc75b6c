// A test protocol as the simulators see it: SI numbers and a step tree (LANGUAGE.md §6).
// The runtime evaluates the recipe's expressions and `for` loops and hands over this tree.

/// How much current a step draws.
public enum CurrentSetpoint: Sendable, Equatable {
    /// Amperes (magnitude; the step's direction gives the sign).
    case amperes(Double)
    /// A/m² of electrode area.
    case density(Double)
    /// C-rate: multiples of the current that (dis)charges the nominal capacity in one hour,
    /// with the nominal capacity from the active material's `rate_basis`.
    case cRate(Double)
}

/// When a step ends.
public enum StepLimit: Sendable, Equatable {
    /// Cell voltage reaches this value (V), from either side.
    case voltage(Double)
    /// |current| falls to this value (CV holds); same setpoint forms as a current step.
    case current(CurrentSetpoint)
    /// Duration of the step (s).
    case duration(Double)
    /// Charge passed in the step: coulombs.
    case charge(Double)
    /// Charge passed per mass of active material: C/kg (`until 150 mAh/g`).
    case specificCharge(Double)
    /// Charge passed per area: C/m² (`until 1 mAh/cm^2`).
    case arealCharge(Double)
}

public enum CurrentDirection: String, Sendable {
    /// Li from the positive to the negative electrode (cell voltage rises).
    case charge
    case discharge
    /// Symmetric Li cells: Li deposited on the first (negative-side) electrode, stripped from the other.
    case plate
    /// Li stripped from the first electrode.
    case strip
}

public indirect enum StepModel: Sendable {
    case current(CurrentDirection, CurrentSetpoint, limits: [StepLimit])
    case rest(limits: [StepLimit])
    /// Constant voltage (V).
    case hold(voltage: Double, limits: [StepLimit])
    /// DC polarization at a voltage (V), e.g. on blocking electrodes.
    case polarize(voltage: Double, limits: [StepLimit])
    /// Impedance spectrum from `from` to `to` (Hz), `perDecade` points per decade, amplitude (V).
    case eis(from: Double, to: Double, perDecade: Int, amplitude: Double)
    /// Critical-current staircase: current densities (A/m²) from `from` to `to` by `step`,
    /// each held `duration` seconds per half-cycle (or per whole cycle).
    case ccd(from: Double, to: Double, step: Double, duration: Double, perHalfCycle: Bool)
    /// K
    case setTemperature(Double)
    /// Pa
    case setPressure(Double)
    case repeatCount(Int, [StepModel])
    case repeatUntil(StepLimit, [StepModel])
    /// Marks the start of a cycle for bookkeeping (the runtime inserts one per `repeat` iteration).
    case label(String, [StepModel])
}

public struct ProtocolModel: Sendable {
    public var name: String
    public var steps: [StepModel]
    public init(name: String, steps: [StepModel]) {
        self.name = name
        self.steps = steps
    }
}

/// Hard caps on a simulation so that a recipe from a stranger cannot run forever
/// (issue "Robustness"); each is reported as ``ModelError/limitExceeded`` with the time reached.
public enum SimulationLimits {
    /// Ten years of simulated time is beyond any lab protocol.
    public static let maxSimulatedTime = 10 * 365.25 * 86400.0
    /// Accepted time steps over a whole run.
    public static let maxSteps = 20_000_000
    /// Iterations of one `repeat until` (a limit the cell never reaches). GITT or cycling to a
    /// cut-off takes hundreds to a few thousand rounds; 100 000 rounds of a one-minute rest took
    /// ~50 s (debug build) before the error, which a user takes for a hang.
    public static let maxRepeatUntil = 10_000
}
