// Constants of the Li-metal interface, void and dendrite models (PHYSICS.md §4, §5, §7), gathered
// in one place with their sources. Labels: SOURCE (a paper or handbook), RECONSTRUCTED (a model
// form PHYSICS.md proposes), EMPIRICAL (a fitted law), FITTED (a number chosen so the seed data
// come out; see docs/models/lithium-metal.md), ASSUMPTION (a plausible value no seed gives).

/// Every constant the Li-metal models use, in SI. The defaults are the documented parameter set
/// of docs/models/lithium-metal.md; tests and recipes may override single values.
public struct LithiumMetalParameters: Sendable {
    // MARK: Li metal (PHYSICS.md §0)

    /// Molar volume of Li, m³/mol (13.0 cm³/mol). SOURCE: PHYSICS.md §0.
    public var molarVolume = 13.0e-6
    /// Atomic volume of Li Ω_Li, m³. SOURCE: PHYSICS.md §0.
    public var atomicVolume = 2.16e-29
    /// Li atom concentration in the metal, mol/m³. SOURCE: PHYSICS.md §0.
    public var lithiumConcentration = 7.7e4

    // MARK: charge transfer (PHYSICS.md §4)

    /// Exchange current density of a Li | electrolyte contact when neither the interface nor the
    /// contacting material sets `i0`, A/m² (50 mA/cm²). SOURCE: Eckhardt et al. 2023.
    public var defaultExchangeCurrentDensity = 500.0
    /// Activation energy of that default i0, eV. SOURCE: Eckhardt et al. 2023.
    public var exchangeCurrentActivationEnergy = 0.43

    // MARK: constriction (PHYSICS.md §4, Holm via [seed-002] eq. 1)

    /// Contact-spot density of a surface whose material sets no `contact_density`, 1/m² (one spot
    /// per 80 µm × 80 µm). FITTED: at the assembly pressure it gives 118 Ω·cm² for Li | LLZTO
    /// ([seed-000]: 113 per interface) and 296 Ω·cm² for Li | LLZ, i.e. the bare-LLZ CCD of
    /// 0.2 mA/cm² ([seed-001]); see docs/models/lithium-metal.md §7.
    public var defaultContactSpotDensity = 1.6e8
    /// Stack pressure assumed when the cell sets a lower one (or none), Pa. SOURCE: [seed-000]
    /// attached Li at ~5 kPa.
    public var assemblyPressure = 5.0e3
    /// Constriction ASR at full contact (pressure above the Li hardness), Ω·m² (0.5 Ω·cm²).
    /// SOURCE: [seed-002] Table 1 (<1 Ω·cm² at 400 MPa, 1 Ω·cm² with an ALD layer).
    public var minimumConstrictionASR = 0.5e-4

    // MARK: voids and Li supply (PHYSICS.md §4, RECONSTRUCTED)

    /// Characteristic void depth h_v, m: f_c = 1 − min(θ_max, v/h_v). SOURCE: PHYSICS.md §4.
    public var voidDepth = 1.0e-6
    /// Largest void coverage θ_max (the interface never loses all contact). ASSUMPTION.
    public var maxVoidCoverage = 0.95
    /// Fraction r_fill of the plated Li that refills voids, 0...1. ASSUMPTION (PHYSICS.md §4).
    public var refillFraction = 0.5
    /// Vacancy supersaturation Δc* at which pores nucleate, mol/m³. FITTED so that pure Li
    /// (D_V = `lithiumVacancyDiffusivity`) gives Π = 2.9e-4 mol m⁻² s⁻½, i.e. 0.1 mA/cm² at
    /// 10 min half-cycles (PHYSICS.md §4 example).
    public var vacancySupersaturation = 4100.0
    /// Vacancy diffusivity of Li when the electrode material sets no `D_vacancy`, m²/s at 298.15 K.
    /// ASSUMPTION: the Li self-diffusion value of PHYSICS.md §4 (5×10⁻¹¹ cm²/s).
    public var lithiumVacancyDiffusivity = 5.0e-15
    /// Activation energy of every vacancy diffusivity and of creep, eV. SOURCE: PHYSICS.md §4 (≈0.55 eV).
    public var vacancyActivationEnergy = 0.55
    /// Li tracer self-diffusivity D*_Li for diffusional creep, m²/s at 298.15 K. SOURCE: PHYSICS.md §4.
    public var creepSelfDiffusivity = 5.0e-15
    /// Spacing ℓ of contact spots that creep feeds, m. SOURCE: PHYSICS.md §4 (order of magnitude).
    public var creepSpacing = 1.0e-6
    /// Pressure exponent m ≥ 1 of the creep supply k_P·P^m. RECONSTRUCTED (m = 1: diffusional creep).
    public var creepExponent = 1.0
    /// Pressure at which k_P is defined (j_creep = k_P·P_ref·(P/P_ref)^m), Pa.
    public var creepReferencePressure = 1.0e6
    /// Contact fraction of a fresh interface, (0, 1]. ASSUMPTION: full contact as assembled.
    public var initialContactFraction = 1.0

    // MARK: dendrite criteria (PHYSICS.md §5)

    /// σ_F·Ω_Li/(|e|·h/w) of St Venant focusing (Model A′), V. FITTED on [seed-000]: the staircase
    /// passes 0.6 and fails 0.7 mA/cm² at 113 Ω·cm², so the threshold is taken at the midpoint
    /// 0.65 mA/cm² (PHYSICS.md §5 takes 0.6, i.e. 68 mV).
    public var focusingVoltage = 0.65e1 * 113e-4
    /// Fracture strength σ_F of the electrolyte for Raj–Wolfenstine (Model A), Pa. SOURCE: PHYSICS.md §5.
    public var fractureStrength = 150e6
    /// Li | electrolyte interfacial energy γ, J/m². SOURCE: PHYSICS.md §5 (0.5–1 J/m²).
    public var interfacialEnergy = 0.75
    /// Critical Li embryo radius r_c, m. SOURCE: PHYSICS.md §5 (10–50 nm).
    public var criticalEmbryoRadius = 30e-9
    /// (1 − α)·f of Raj–Wolfenstine: k_nuc = ρ·d·(1 − α)·f. EMPIRICAL, fitted; 1 is the bulk bound.
    public var nucleationFactor = 1.0
    /// CCD_ref of the electronic criterion (Model C), A/m². FITTED on [seed-000] LLZTO (midpoint
    /// 0.65 mA/cm² of the 0.6/0.7 staircase bracket).
    public var electronicReferenceCCD = 6.5
    /// σ_e,ref of Model C, S/m (9.6×10⁻⁸ S/cm, LLZTO). SOURCE: [seed-000].
    public var electronicReferenceConductivity = 9.6e-6
    /// Exponent β of Model C. FITTED on [seed-000] (0.6 → 0.8 mA/cm²): 0.10.
    public var electronicExponent = 0.10
    /// Temperature at which CCD_ref holds, K; CCD_C scales with σ_ion(T)/σ_ion(T_ref). EMPIRICAL.
    public var electronicReferenceTemperature = 298.15
    /// Time a criterion must hold before the cell shorts, s. ASSUMPTION: a filament crossing
    /// ~0.5 mm at ~10 µm/s.
    public var propagationTime = 60.0
    /// ASR of the electronic shunt that replaces the electrolyte after a short, Ω·m² (0.01 Ω·cm²). ASSUMPTION.
    public var shortCircuitASR = 1.0e-6

    // MARK: blocking electrodes (PHYSICS.md §2, §7)

    /// Double-layer capacitance of a blocking contact when the interface sets none, F/m²
    /// (10 µF/cm²). SOURCE: PHYSICS.md §2 (1–10 µF/cm²).
    public var doubleLayerCapacitance = 0.1

    // MARK: sampling

    /// Samples recorded per constant-current half-cycle (the state is analytic in between).
    public var samplesPerHalfCycle = 20
    /// Points per half-cycle for the mean and max |V| of the `half_cycles` table.
    public var statisticsPoints = 64

    /// Material fields the language does not have yet, by material identifier then field name
    /// (snake_case as in recipes, SI values): `contact_density` (1/m²), `sigma_n0`, `sigma_p0` (S/m).
    public var materialExtras: [String: [String: Double]] = [:]

    public init() {}

    /// A material field from ``materialExtras`` (nil when not set).
    public func extra(_ field: String, of material: MaterialModel) -> Double? {
        materialExtras[material.identifier]?[field]
    }

    /// Throws ``ModelError/outOfRange`` for any constant outside its physical range.
    public func validate() throws {
        func positive(_ name: String, _ value: Double) throws {
            guard value > 0, value.isFinite else {
                throw ModelError.outOfRange(what: "`\(name)`", value: "\(value)", allowed: "positive and finite")
            }
        }
        func fraction(_ name: String, _ value: Double, openLow: Bool = false, openHigh: Bool = false) throws {
            let lowOK = openLow ? value > 0 : value >= 0
            let highOK = openHigh ? value < 1 : value <= 1
            guard lowOK, highOK else {
                let allowed = "in \(openLow ? "(" : "[")0, 1\(openHigh ? ")" : "]")"
                throw ModelError.outOfRange(what: "`\(name)`", value: "\(value)", allowed: allowed)
            }
        }
        try positive("molar_volume", molarVolume)
        try positive("atomic_volume", atomicVolume)
        try positive("lithium_concentration", lithiumConcentration)
        try positive("i0", defaultExchangeCurrentDensity)
        try positive("contact_density", defaultContactSpotDensity)
        try positive("assembly_pressure", assemblyPressure)
        try positive("min_constriction_asr", minimumConstrictionASR)
        try positive("void_depth", voidDepth)
        try fraction("max_void_coverage", maxVoidCoverage, openHigh: true)
        try fraction("refill_fraction", refillFraction)
        try positive("vacancy_supersaturation", vacancySupersaturation)
        try positive("D_vacancy", lithiumVacancyDiffusivity)
        try positive("creep_self_diffusivity", creepSelfDiffusivity)
        try positive("creep_spacing", creepSpacing)
        guard creepExponent >= 1, creepExponent.isFinite else {
            throw ModelError.outOfRange(what: "`creep_exponent`", value: "\(creepExponent)", allowed: "at least 1")
        }
        try positive("creep_reference_pressure", creepReferencePressure)
        try fraction("contact_fraction", initialContactFraction, openLow: true)
        try positive("focusing_voltage", focusingVoltage)
        try positive("fracture_strength", fractureStrength)
        try positive("interfacial_energy", interfacialEnergy)
        try positive("critical_radius", criticalEmbryoRadius)
        try positive("nucleation_factor", nucleationFactor)
        try positive("ccd_ref", electronicReferenceCCD)
        try positive("sigma_e_ref", electronicReferenceConductivity)
        try positive("beta", electronicExponent)
        try positive("reference_temperature", electronicReferenceTemperature)
        guard propagationTime >= 0, propagationTime.isFinite else {
            throw ModelError.outOfRange(what: "`propagation_time`", value: "\(propagationTime)", allowed: "non-negative")
        }
        try positive("short_asr", shortCircuitASR)
        try positive("double_layer_capacitance", doubleLayerCapacitance)
        guard samplesPerHalfCycle >= 2, statisticsPoints >= 2 else {
            throw ModelError.outOfRange(what: "samples per half-cycle", value: "\(samplesPerHalfCycle)",
                                        allowed: "at least 2")
        }
        for (material, fields) in materialExtras {
            for (name, value) in fields {
                guard value.isFinite, value >= 0 else {
                    throw ModelError.outOfRange(what: "`\(name)` of `\(material)`", value: "\(value)",
                                                allowed: "non-negative")
                }
            }
        }
    }
}
