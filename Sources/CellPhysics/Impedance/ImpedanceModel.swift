import CellNumerics

/// The `eis` step: the stack's circuit evaluated at the requested frequencies only (so a
/// 7 MHz upper limit truncates a 30 MHz bulk arc exactly as the instrument does, PHYSICS.md §2),
/// with its arcs and the apparent conductivity of each electrolyte layer.
public enum ImpedanceModel {
    /// A spectrum of `cell` at `temperature` (K) and `frequencies` (Hz, positive and finite).
    /// Matches ``ProtocolRunner/ImpedanceFunction`` once `label` is bound:
    /// `ProtocolRunner(impedance: { try ImpedanceModel.spectrum(cell: $0, temperature: $1, frequencies: $2) })`.
    public static func spectrum(cell: CellModel, temperature: Double, frequencies: [Double], label: String = "eis")
        throws -> SpectrumRecord
    {
        let compiled = try StackCircuit.compile(cell, temperature: temperature)
        return try spectrum(of: compiled, frequencies: frequencies, label: label)
    }

    /// A spectrum of an already compiled circuit.
    public static func spectrum(of compiled: CompiledCircuit, frequencies: [Double], label: String = "eis") throws
        -> SpectrumRecord
    {
        let impedance = try compiled.impedance(at: frequencies)
        return SpectrumRecord(
            label: label, temperature: compiled.temperature, time: 0,
            spectrum: ImpedanceSpectrum(frequencies: frequencies, impedance: impedance),
            arcs: arcs(of: compiled), circuit: compiled.circuit, parameters: compiled.parameters,
            apparentConductivities: compiled.layerResistances.map { ($0.layer, $0.apparentConductivity) })
    }

    /// One ``Arc`` per R‖C or R‖CPE pair: origin, R, C_eff = Q^{1/n}R^{(1−n)/n}, f₀ = 1/[2π(RQ)^{1/n}]
    /// and ASR = R·A (PHYSICS.md §2).
    public static func arcs(of compiled: CompiledCircuit) -> [Arc] {
        compiled.arcs.map {
            Arc(origin: $0.origin, resistance: $0.resistance, capacitance: $0.effectiveCapacitance,
                peakFrequency: $0.peakFrequency, areaSpecificResistance: $0.resistance * compiled.area)
        }
    }
}
