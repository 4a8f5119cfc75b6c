import RealModule

// Dendrite / short criteria as named models (PHYSICS.md §5). Each gives a limiting current
// density in A/m²; the combined predictor is CCD = min(j_A, j_A′·f_c, CCD_C).

/// The named criteria, for reports (`ccd` notes say which one failed the cell).
public enum DendriteCriterion: String, Sendable, CaseIterable {
    /// Model A: Raj–Wolfenstine nucleation at a grain boundary ([seed-002] eq. 3).
    case nucleation = "Raj–Wolfenstine nucleation (model A)"
    /// Model A′: St Venant current focusing at a protrusion ([seed-002] eqs. 4–5), with j → j/f_c.
    case focusing = "St Venant current focusing (model A′)"
    /// Model C: electronic conductivity of the grain boundaries (Han et al. 2019), EMPIRICAL.
    case electronic = "electronic-conductivity criterion (model C)"
}

/// The three limits for one plating electrode at the present temperature and pressure.
public struct DendriteCriteria: Sendable, Equatable {
    /// j_A, A/m²; nil when the electrolyte's grain size is unknown (the model is then not used).
    public var nucleationLimit: Double?
    /// j_A′ at full contact, A/m².
    public var focusingLimit: Double
    /// CCD_C, A/m²; nil when no material sets `sigma_e`.
    public var electronicLimit: Double?

    public init(nucleationLimit: Double?, focusingLimit: Double, electronicLimit: Double?) {
        self.nucleationLimit = nucleationLimit
        self.focusingLimit = focusingLimit
        self.electronicLimit = electronicLimit
    }

    /// The combined predictor min(j_A, j_A′·f_c, CCD_C) at contact fraction `f` (A/m²) and the
    /// criterion that sets it (PHYSICS.md §5).
    public func criticalCurrentDensity(contactFraction f: Double) -> (value: Double, criterion: DendriteCriterion) {
        var best = (value: focusingLimit * f, criterion: DendriteCriterion.focusing)
        if let a = nucleationLimit, a < best.value { best = (a, .nucleation) }
        if let c = electronicLimit, c < best.value { best = (c, .electronic) }
        return best
    }

    /// True when plating at `j` (A/m², magnitude) with contact fraction `f` trips a criterion
    /// (strictly above the limit: at the threshold itself the cell survives).
    public func holds(density j: Double, contactFraction f: Double) -> Bool {
        j > criticalCurrentDensity(contactFraction: f).value
    }

    /// Model A (Raj–Wolfenstine, [seed-002] eq. 3 with PHYSICS.md §5's corrected symbols):
    /// j_A = (2γΩ/r_c + σ_FΩ) / (|e|·k_nuc), k_nuc = ρ·d·(1 − α)·f, A/m².
    /// `resistivity` in Ω·m, `grainSize` in m.
    public static func nucleationLimit(resistivity: Double, grainSize: Double, parameters p: LithiumMetalParameters) -> Double {
        let energy = 2 * p.interfacialEnergy * p.atomicVolume / p.criticalEmbryoRadius + p.fractureStrength * p.atomicVolume
        return energy / (Constants.elementaryCharge * resistivity * grainSize * p.nucleationFactor)
    }

    /// Model A′ (St Venant focusing, [seed-002] eqs. 4–5): j_A′ = σ_FΩ/(|e|·k_int·(h/w)), with
    /// σ_FΩ/(|e|·h/w) the calibrated `focusingVoltage` (V) and k_int the interface ASR at full
    /// contact (Ω·m²); A/m².
    public static func focusingLimit(interfaceASR: Double, parameters p: LithiumMetalParameters) -> Double {
        interfaceASR > 0 ? p.focusingVoltage / interfaceASR : .infinity
    }

    /// Model C (EMPIRICAL): CCD_C = CCD_ref·(σ_e,ref/σ_e,GB)^β·σ_ion(T)/σ_ion(T_ref), A/m².
    /// `electronicConductivity` (S/m) is the smaller of the grain-boundary phase's and any
    /// blocking interlayer's; `ionicRatio` is σ_ion(T)/σ_ion(T_ref) of the electrolyte (the
    /// potential that drives Li nucleation inside the electrolyte scales with its resistivity).
    public static func electronicLimit(electronicConductivity: Double, ionicRatio: Double,
                                       parameters p: LithiumMetalParameters) -> Double {
        let ratio = p.electronicReferenceConductivity / electronicConductivity
        return p.electronicReferenceCCD * Double.pow(ratio, p.electronicExponent) * ionicRatio
    }
}
