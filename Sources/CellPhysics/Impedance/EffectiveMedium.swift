import RealModule

/// Effective-medium formulas for the conductivity (or permittivity) of a mixture of phases
/// (PHYSICS.md §3). Fractions are volume fractions; conductivities are in any one unit.
public enum EffectiveMedium {
    /// Volume fraction of phase `s` in a two-phase mixture from its mass fraction `w`, with
    /// densities `rhoS` and `rhoHost` (same unit): φ_s = (w/ρ_s)/[w/ρ_s + (1−w)/ρ_g] (PHYSICS.md §3).
    public static func volumeFraction(massFraction w: Double, density rhoS: Double, hostDensity rhoHost: Double)
        -> Double
    {
        let solder = w / rhoS
        return solder / (solder + (1 - w) / rhoHost)
    }

    /// Volume fractions of N phases from mass fractions and densities, normalised to sum to 1.
    /// Returns nil when a density is not positive or every fraction is zero.
    public static func volumeFractions(massFractions: [Double], densities: [Double]) -> [Double]? {
        guard massFractions.count == densities.count, densities.allSatisfy({ $0 > 0 }) else { return nil }
        let volumes = zip(massFractions, densities).map { $0 / $1 }
        let total = volumes.reduce(0, +)
        guard total > 0 else { return nil }
        return volumes.map { $0 / total }
    }

    /// Series (lower, Wiener) bound: 1/σ = Σφᵢ/σᵢ. A zero-conductivity phase with φ > 0 gives 0.
    public static func seriesBound(fractions: [Double], conductivities: [Double]) -> Double {
        var resistivity = 0.0
        for (phi, sigma) in zip(fractions, conductivities) where phi > 0 {
            guard sigma > 0 else { return 0 }
            resistivity += phi / sigma
        }
        return resistivity > 0 ? 1 / resistivity : 0
    }

    /// Parallel (upper, Wiener) bound: σ = Σφᵢσᵢ.
    public static func parallelBound(fractions: [Double], conductivities: [Double]) -> Double {
        zip(fractions, conductivities).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// Maxwell-Garnett: inclusions of conductivity `inclusion` at volume fraction `phi` in a
    /// continuous `matrix` (PHYSICS.md §3):
    /// σ = σ_m [σ_i + 2σ_m + 2φ(σ_i − σ_m)] / [σ_i + 2σ_m − φ(σ_i − σ_m)].
    /// Exact for dilute spheres; lies on the Hashin–Shtrikman bound of the matrix side.
    public static func maxwellGarnett(matrix: Double, inclusion: Double, inclusionFraction phi: Double) -> Double {
        let difference = inclusion - matrix
        return matrix * (inclusion + 2 * matrix + 2 * phi * difference)
            / (inclusion + 2 * matrix - phi * difference)
    }

    /// Symmetric Bruggeman for two phases in closed form (PHYSICS.md §3):
    /// σ = [b + √(b² + 8σ₁σ₂)]/4, b = (3φ₁−1)σ₁ + (3φ₂−1)σ₂, with φ₂ = 1 − φ₁.
    /// With σ₂ = 0 conduction vanishes for φ₁ ≤ 1/3 (the percolation threshold).
    public static func bruggeman(_ sigma1: Double, fraction phi1: Double, _ sigma2: Double) -> Double {
        let phi2 = 1 - phi1
        let b = (3 * phi1 - 1) * sigma1 + (3 * phi2 - 1) * sigma2
        let discriminant = b * b + 8 * sigma1 * sigma2
        return max(0, (b + discriminant.squareRoot()) / 4)
    }

    /// Relative tolerance of the N-phase Bruggeman root.
    static let bruggemanTolerance = 1e-13

    /// Symmetric Bruggeman for N phases: the root σ > 0 of Σφᵢ(σᵢ − σ)/(σᵢ + 2σ) = 0, found by
    /// bisection in log σ between the series and parallel bounds (the sum decreases monotonically
    /// in σ). Fractions are normalised. Returns 0 when the conducting phases do not percolate
    /// (their fraction ≤ 1/3 with the others insulating); two phases agree with ``bruggeman(_:fraction:_:)``.
    public static func bruggeman(fractions: [Double], conductivities: [Double]) -> Double {
        let total = fractions.reduce(0, +)
        guard total > 0, fractions.count == conductivities.count else { return 0 }
        let phis = fractions.map { $0 / total }
        if phis.count == 2 { return bruggeman(conductivities[0], fraction: phis[0], conductivities[1]) }
        func residual(_ sigma: Double) -> Double {
            var sum = 0.0
            for (phi, s) in zip(phis, conductivities) { sum += phi * (s - sigma) / (s + 2 * sigma) }
            return sum
        }
        let upper = parallelBound(fractions: phis, conductivities: conductivities)
        guard upper > 0 else { return 0 }
        // At σ → 0⁺ the sum is (fraction of conductors) − (insulators)/2: non-positive means no path.
        let conducting = zip(phis, conductivities).filter { $0.1 > 0 }.reduce(0) { $0 + $1.0 }
        guard conducting - (1 - conducting) / 2 > 0 else { return 0 }
        var lo = Double.log(max(seriesBound(fractions: phis, conductivities: conductivities), upper * 1e-300))
        var hi = Double.log(upper)
        if residual(Double.exp(lo)) <= 0 { lo = Double.log(upper * 1e-300) }
        for _ in 0..<400 {
            let mid = (lo + hi) / 2
            if residual(Double.exp(mid)) > 0 { lo = mid } else { hi = mid }
            if hi - lo <= bruggemanTolerance { break }
        }
        return Double.exp((lo + hi) / 2)
    }

    /// Porosity/tortuosity correction σ_eff = σ·ε^exponent (Bruggeman: τ = ε^−½, exponent 1.5;
    /// PHYSICS.md §3); `solidFraction` is the conducting volume fraction ε.
    public static func tortuosityFactor(solidFraction: Double, exponent: Double = 1.5) -> Double {
        Double.pow(max(solidFraction, 0), exponent)
    }
}
