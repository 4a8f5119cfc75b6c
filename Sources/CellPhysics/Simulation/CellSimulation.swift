// The contract between the protocol runner and a time-domain model. A model (the
// intercalation transport model, the Li-metal symmetric-cell model, the blocking-electrode
// polarization model) implements the leaf steps; the runner does loops, limits, cycles,
// temperature/pressure changes and EIS bookkeeping.

/// Why a leaf step ended.
public enum StepEnd: Sendable, Equatable {
    /// One of the step's own limits (index into the limits passed in).
    case ownLimit(Int)
    /// A limit inherited from an enclosing `repeat until` (index into the inherited limits).
    case inheritedLimit(Int)
    /// The model ended the step itself (e.g. a short circuit in a CCD test).
    case modelEvent(String)
}

/// Everything a leaf step needs besides its own parameters.
public struct StepContext {
    /// Limits of enclosing `repeat until` loops: the step must also stop when one is reached.
    public var inheritedLimits: [StepLimit]
    /// Where samples go.
    public var recorder: Recorder
    public init(inheritedLimits: [StepLimit], recorder: Recorder) {
        self.inheritedLimits = inheritedLimits
        self.recorder = recorder
    }
}

/// A time-domain cell model driven by ``ProtocolRunner``.
public protocol CellSimulation {
    /// Current state as seen from outside (V, K, Pa, s).
    var voltage: Double { get }
    var time: Double { get }
    var temperature: Double { get set }
    var pressure: Double { get set }
    /// Mass of active material (kg) for capacities per gram; 0 when the cell has none.
    var activeMass: Double { get }
    /// The current (A) that 1 C means for this cell; nil when undefined (no active material).
    var oneC: Double? { get }
    /// Electrode area (m²).
    var area: Double { get }

    /// Constant current in a direction until a limit (event-located).
    mutating func runCurrent(_ direction: CurrentDirection, _ setpoint: CurrentSetpoint, limits: [StepLimit],
                             context: StepContext) throws -> StepEnd
    /// Open circuit until a limit (usually a duration).
    mutating func runRest(limits: [StepLimit], context: StepContext) throws -> StepEnd
    /// Constant voltage until a limit (usually a current threshold or a duration).
    mutating func runHold(voltage: Double, limits: [StepLimit], context: StepContext) throws -> StepEnd
    /// DC polarization at a voltage (blocking or Hebb–Wagner cells).
    mutating func runPolarize(voltage: Double, limits: [StepLimit], context: StepContext) throws -> StepEnd
    /// Critical-current staircase; returns its result scalars/tables through the recorder.
    mutating func runCCD(from: Double, to: Double, step: Double, duration: Double, perHalfCycle: Bool,
                         context: StepContext) throws -> StepEnd
    /// The cell in its present state (grown ASRs, lost contact, temperature) for an EIS step.
    func impedanceCell() -> CellModel
}

extension CellSimulation {
    public mutating func runPolarize(voltage: Double, limits: [StepLimit], context: StepContext) throws -> StepEnd {
        throw ModelError.unsupported("`polarize` needs blocking electrodes or a Li | electrolyte | blocking cell")
    }
    public mutating func runCCD(from: Double, to: Double, step: Double, duration: Double, perHalfCycle: Bool,
                                context: StepContext) throws -> StepEnd {
        throw ModelError.unsupported("`ccd` needs a symmetric cell with Li-metal electrodes")
    }
}

/// Converts a current setpoint to amperes for a cell.
public func amperes(_ setpoint: CurrentSetpoint, area: Double, oneC: Double?) throws -> Double {
    switch setpoint {
    case .amperes(let a): return a
    case .density(let j): return j * area
    case .cRate(let c):
        guard let oneC else {
            throw ModelError.unsupported("a C-rate needs an active material with `rate_basis` (or `capacity`) and a `loading`")
        }
        return c * oneC
    }
}
