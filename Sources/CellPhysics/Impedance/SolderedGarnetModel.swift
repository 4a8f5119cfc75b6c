import RealModule

/// **EMPIRICAL** model of a garnet pellet hot-pressed with a low-melting solder (LLZTO + x wt%
/// Li2.985B0.005OCl), PHYSICS.md §3, fitted by log least squares to Table S1 of Feng et al.,
/// iScience 23, 101071 (2020) [seed-000]. Three fitted constants; replace the model, not the
/// numbers, when better data exist.
///
/// With φ the solder volume fraction, L the thickness and σ_g, σ_s the garnet and solder bulk
/// conductivities (each with its own Arrhenius law):
/// - bulk: ASR_b = (L/σ_g)(1−φ)^−1.5 (garnet grains diluted by the solder, Bruggeman penalty);
/// - voids: ASR_v = A_v·(L/L_fit)·(σ_g(T_fit)/σ_g(T))·e^(−φ/φ_v) (contact removed by densification);
/// - solder shells: ASR_s = L/(3σ_s,eff)·φ(1−φ)^−1.5 with σ_s,eff = f_s·σ_s (a shell t ≈ φd/6 per
///   grain gives Lφ/3 of solder in series);
/// and ASR_gb = ASR_v + ASR_s. At L = 1 mm, 25 °C, σ_g = 1.89×10⁻³ S/cm the bulk term is 53 Ω·cm².
public enum SolderedGarnetModel {
    /// A_v, Ω·m² (3055 Ω·cm²): void term at φ = 0, fitted to Table S1 (PHYSICS.md §3).
    public static let voidASR = 3055e-4
    /// φ_v: solder fraction over which voids close, fitted to Table S1 (PHYSICS.md §3).
    public static let voidDecayFraction = 0.056
    /// f_s = σ_s,eff/σ_s: the fit's 3.4×10⁻⁵ S/cm is half the pellet value 6.8×10⁻⁵ S/cm
    /// (thin amorphous shells), PHYSICS.md §3.
    public static let shellConductivityFactor = 0.5
    /// Thickness of the pellets the constants were fitted to, m: L ≈ 1.00 mm inferred from
    /// Table S1 (PHYSICS.md §3). The void term is taken to scale with L (voids fill the volume).
    public static let fitThickness = 1.0e-3
    /// Temperature of Table S1, K (room temperature, 25 °C).
    public static let fitTemperature = 298.15
    /// Bruggeman-type dilution exponent of both the bulk and shell terms (PHYSICS.md §3).
    public static let dilutionExponent = 1.5
    /// Printed with every spectrum that used this model.
    public static let note = "EMPIRICAL soldered-garnet model (PHYSICS.md §3; A_v = 3055 ohm*cm^2, "
        + "phi_v = 0.056, sigma_s,eff = 0.5 sigma_s, fitted to Feng 2020 Table S1)"

    /// Area-specific resistances of one layer, Ω·m², and its total conductivity, S/m.
    public struct Result: Sendable, Equatable {
        public var bulkASR: Double
        public var voidASR: Double
        public var shellASR: Double
        public var grainBoundaryASR: Double { voidASR + shellASR }
        public var totalASR: Double { bulkASR + grainBoundaryASR }
        /// σ = L/(ASR_b + ASR_gb), S/m.
        public var conductivity: Double
    }

    /// Evaluates the model. `garnetConductivity` and `solderConductivity` are at temperature
    /// `t` (S/m); `garnetConductivityAtFit` is the garnet's σ at ``fitTemperature`` (scales the void
    /// term with the garnet's Arrhenius law). `solderFraction` is φ by volume, 0 ≤ φ < 1.
    public static func evaluate(thickness: Double, solderFraction phi: Double, garnetConductivity: Double,
                                garnetConductivityAtFit: Double, solderConductivity: Double) -> Result {
        let dilution = Double.pow(1 - phi, -dilutionExponent)
        let bulk = thickness / garnetConductivity * dilution
        let voids = voidASR * (thickness / fitThickness) * (garnetConductivityAtFit / garnetConductivity)
            * Double.exp(-phi / voidDecayFraction)
        let shellSigma = shellConductivityFactor * solderConductivity
        let shell = phi > 0 ? thickness / (3 * shellSigma) * phi * dilution : 0
        let total = bulk + voids + shell
        return Result(bulkASR: bulk, voidASR: voids, shellASR: shell, conductivity: thickness / total)
    }

    /// Whether a composite layer is a garnet with a solder: exactly two ionic components, one a
    /// garnet (identifier or name containing `LLZ` or `La3Zr`) and the other not. Other composites
    /// use the Bruggeman effective medium.
    static func garnetAndSolder(_ layer: LayerModel) -> (garnet: Int, solder: Int)? {
        guard layer.components.count == 2 else { return nil }
        let ionic = layer.components.allSatisfy { $0.material.kind == .electrolyte || $0.material.kind == .coating }
        guard ionic else { return nil }
        let flags = layer.components.map { isGarnet($0.material) }
        switch (flags[0], flags[1]) {
        case (true, false): return (0, 1)
        case (false, true): return (1, 0)
        default: return nil
        }
    }

    static func isGarnet(_ material: MaterialModel) -> Bool {
        for text in [material.identifier, material.name] where text.contains("LLZ") || text.contains("La3Zr") {
            return true
        }
        return false
    }
}
