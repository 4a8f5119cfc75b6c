/// The built-in constants of the language (LANGUAGE.md §3), as quantities in SI.
/// Exact values are the SI 2019 definitions; ε₀ is CODATA 2018. PHYSICS.md §0 quotes rounded
/// values (and k_B in eV/K: 8.617333e-5 eV/K is the same constant).
public enum PhysicalConstants {
    /// Elementary charge, C (exact).
    public static let q_e = Quantity(si: 1.602176634e-19, dimension: .charge, unitText: "C")
    /// Avogadro constant, 1/mol (exact).
    public static let N_A = Quantity(si: 6.02214076e23, dimension: Dimension(amount: -1),
                                     unitText: "1/mol")
    /// Boltzmann constant, J/K (exact).
    public static let k_B = Quantity(si: 1.380649e-23,
                                     dimension: Dimension(length: 2, mass: 1, time: -2, temperature: -1),
                                     unitText: "J/K")
    /// Faraday constant F = N_A·e, C/mol (exact: 96485.33212...).
    public static let faraday = Quantity(si: 6.02214076e23 * 1.602176634e-19,
                                         dimension: Dimension(time: 1, current: 1, amount: -1),
                                         unitText: "C/mol")
    /// Molar gas constant R = N_A·k_B, J/(mol·K) (exact: 8.314462618...).
    public static let R_gas = Quantity(si: 6.02214076e23 * 1.380649e-23,
                                       dimension: Dimension(length: 2, mass: 1, time: -2,
                                                            temperature: -1, amount: -1),
                                       unitText: "J/mol/K")
    /// Vacuum permittivity, F/m (CODATA 2018).
    public static let eps0 = Quantity(si: 8.8541878128e-12,
                                      dimension: Dimension(length: -3, mass: -1, time: 4, current: 2),
                                      unitText: "F/m")
    /// π, dimensionless.
    public static let pi = Quantity.number(Double.pi)

    /// The constants by their names in the language, in a fixed order.
    public static let all: [(name: String, value: Quantity)] = [
        ("pi", pi), ("k_B", k_B), ("q_e", q_e), ("faraday", faraday), ("R_gas", R_gas),
        ("N_A", N_A), ("eps0", eps0),
    ]

    /// The constant a language name refers to, or nil.
    public static func named(_ name: String) -> Quantity? {
        all.first { $0.name == name }?.value
    }
}
