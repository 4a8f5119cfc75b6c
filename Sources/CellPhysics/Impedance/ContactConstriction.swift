import RealModule

/// Constriction (contact) resistance of a soft metal pressed onto a solid electrolyte
/// (PHYSICS.md §4, after Holm/Slade as quoted in [seed-002] eq. 1).
public enum ContactConstriction {
    /// Holm's law for n plastic contact spots sharing the force F = P·A, as an ASR (Ω·m²):
    /// ASR = (ρ/2)·√(πHA/(nP)) with ρ in Ω·m, H and P in Pa, A in m² (PHYSICS.md §4).
    /// ρ = 20 Ω·m, H = 5 MPa, A = 1 cm², n = 1, P = 1 MPa give 0.396 Ω·m² (3960 Ω·cm²).
    public static func holmASR(resistivity rho: Double, hardness: Double, area: Double, spots: Double,
                               pressure: Double) -> Double {
        rho / 2 * (Double.pi * hardness * area / (spots * pressure)).squareRoot()
    }

    /// Default areal density of contact spots, m⁻² (one per 80 µm square), for surfaces whose
    /// material sets no `contact_density`. ASSUMED, shared with the Li-metal model
    /// (`LithiumMetalParameters.defaultContactSpotDensity`): Li on LLZTO (ρ ≈ 5.3 Ω·m, H = 5 MPa)
    /// at the 5 kPa attachment pressure of [seed-000] gives 118 Ω·cm² (measured 113 per interface).
    public static let spotDensity = 1.6e8

    /// Floor of the interface ASR at full contact, Ω·m² (0.5 Ω·cm²): the Li|LLZO charge-transfer
    /// ASR modelled by Eckhardt et al. (2023), PHYSICS.md §4; the measured "<1 Ω·cm² at 400 MPa".
    public static let minimumASR = 0.5e-4
    /// Activation energy of ``minimumASR``, eV (Eckhardt et al. 2023, PHYSICS.md §4).
    public static let minimumASRActivation = 0.43
    /// Reference temperature of ``minimumASR``, K.
    public static let minimumASRTemperature = 298.15

    /// Printed with every spectrum that used the constriction law.
    public static let note = "EMPIRICAL constriction law ASR = max(ASR_min, K P^-1/2) (PHYSICS.md §4): "
        + "K = (rho/2) sqrt(pi H / N_s) with N_s from `contact_density` (default 1.6e8 m^-2, assumed), ASR_min = 0.5 ohm*cm^2 (Eckhardt 2023); "
        + "full contact at P >= H"

    /// The constriction-law ASR (Ω·m²) at stack pressure `pressure` (Pa > 0) and temperature `t` (K):
    /// ASR_c(P) = max(ASR_min(T), K·P^−½) with K = (ρ(T)/2)·√(πH/N_s) (Holm per unit area with
    /// ``spotDensity`` spots per m²), and ASR_min(T) once P ≥ H (full contact).
    /// `electrolyteConductivity` is σ of the electrolyte at `t` (S/m), `hardness` the metal's H (Pa).
    public static func asr(pressure: Double, hardness: Double, electrolyteConductivity sigma: Double,
                           temperature t: Double, spots: Double = spotDensity) -> Double {
        let floor = ArrheniusLaw.resistance.scale(minimumASR, from: minimumASRTemperature, to: t,
                                                   activationEV: minimumASRActivation)
        guard pressure < hardness else { return floor }
        let perArea = holmASR(resistivity: 1 / sigma, hardness: hardness, area: 1, spots: spots,
                              pressure: pressure)
        return max(floor, perArea)
    }
}
