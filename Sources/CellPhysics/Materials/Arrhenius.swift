import RealModule

/// Physical constants in SI (PHYSICS.md §0, CODATA 2018 exact values where defined).
public enum Constants {
    /// Boltzmann constant in eV/K.
    public static let boltzmannEV = 8.617333262e-5
    /// Faraday constant, C/mol.
    public static let faraday = 96485.33212
    /// Molar gas constant, J/(mol·K).
    public static let gas = 8.314462618
    /// Elementary charge, C.
    public static let elementaryCharge = 1.602176634e-19
    /// Vacuum permittivity, F/m.
    public static let vacuumPermittivity = 8.8541878128e-12
}

/// How a transport parameter depends on temperature (PHYSICS.md §1).
public enum ArrheniusLaw: String, Sendable, CaseIterable {
    /// σ(T) = σ_ref·(T_ref/T)·exp[−E_a/k_B·(1/T − 1/T_ref)] — form (a), the solid-state-ionics
    /// convention from Nernst–Einstein (plot ln σT vs 1/T). The default for conductivities.
    case conductivity
    /// σ(T) = σ_ref·exp[−E_a/k_B·(1/T − 1/T_ref)] — form (b), used by many battery papers;
    /// also the law for rates and diffusivities (D, i0, k0).
    case simple
    /// ASR(T) = ASR_ref·(T/T_ref)·exp[+E_a/k_B·(1/T − 1/T_ref)] — the inverse of form (a), for
    /// area-specific resistances that are the reciprocal of an ionic conductance.
    case resistance

    /// Scales a value known at `reference` (K) to `temperature` (K) with activation energy
    /// `activationEV` (eV). Non-positive temperatures give NaN; callers validate first.
    public func scale(_ value: Double, from reference: Double, to temperature: Double,
                      activationEV: Double) -> Double {
        let exponent = -activationEV / Constants.boltzmannEV * (1 / temperature - 1 / reference)
        switch self {
        case .conductivity: return value * (reference / temperature) * Double.exp(exponent)
        case .simple: return value * Double.exp(exponent)
        case .resistance: return value * (temperature / reference) * Double.exp(-exponent)
        }
    }
}
