import CellPhysics
import CellUnits

/// The field vocabulary of LANGUAGE.md §4: every field a material, layer, interface or cell may
/// set, with the dimension its value must have. The checker uses it to reject `thickness = 5 V`
/// and to suggest `sigma_ion` for `sigma_ionic`. Documented in docs/fields.md.
public enum FieldCatalog {
    /// What a field's value must be.
    public enum Expected: Sendable {
        case quantity(CellUnits.Dimension)
        case string
        /// A material kind word (`electrolyte`, `active`, `metal`, `coating`).
        case kind
        /// A voltage window written as a range: `1.7 V to 2.1 V`.
        case voltageRange
        /// An open-circuit potential: a constant voltage (metals) or a function of the Li fraction.
        case potential
    }

    public struct Field: Sendable {
        public var name: String
        public var expected: Expected
        public var summary: String
        /// For temperature-dependent fields: the activation-energy field and the Arrhenius law.
        public var activation: (field: String, law: ArrheniusLaw)?
    }

    public enum Owner: String, Sendable {
        case material, layer, interface, cell
    }

    private static let energy = Dimension.energy
    private static let fraction = Dimension.none
    /// i0 = k0·sqrt(c_s(c_max − c_s)) (PyBaMM convention with c_e folded in): A/m² per mol/m³.
    private static let rateConstant = Dimension.currentDensity / Dimension.concentration

    public static let materialFields: [Field] = [
        Field(name: "name", expected: .string, summary: "chemical name, e.g. \"Li2.985B0.005OCl\""),
        Field(name: "kind", expected: .kind, summary: "electrolyte, active, metal or coating"),
        Field(name: "source", expected: .string, summary: "where the parameters come from"),
        Field(name: "process", expected: .string, summary: "processing history (reported, not simulated)"),
        Field(name: "density", expected: .quantity(.density), summary: "mass density"),
        Field(name: "molar_mass", expected: .quantity(.molarMass), summary: "molar mass"),
        Field(name: "E", expected: .quantity(.pressure), summary: "Young's modulus"),
        Field(name: "G_shear", expected: .quantity(.pressure), summary: "shear modulus"),
        Field(name: "H", expected: .quantity(.pressure), summary: "hardness (Vickers)"),
        Field(name: "eps_r", expected: .quantity(fraction), summary: "relative permittivity"),
        Field(name: "T_melt", expected: .quantity(.temperature), summary: "melting point"),
        // electrolyte
        Field(name: "sigma_ion", expected: .quantity(.conductivity), summary: "bulk ionic conductivity",
              activation: ("Ea", .conductivity)),
        Field(name: "Ea", expected: .quantity(energy), summary: "activation energy of sigma_ion"),
        Field(name: "sigma_gb", expected: .quantity(.conductivity), summary: "specific grain-boundary conductivity",
              activation: ("Ea_gb", .conductivity)),
        Field(name: "Ea_gb", expected: .quantity(energy), summary: "activation energy of sigma_gb"),
        Field(name: "gb_thickness", expected: .quantity(.length), summary: "grain-boundary thickness δ"),
        Field(name: "grain_size", expected: .quantity(.length), summary: "grain size d"),
        Field(name: "sigma_e", expected: .quantity(.conductivity), summary: "electronic conductivity",
              activation: ("Ea_e", .conductivity)),
        Field(name: "Ea_e", expected: .quantity(energy), summary: "activation energy of sigma_e"),
        Field(name: "window", expected: .voltageRange, summary: "electrochemical stability window vs Li"),
        Field(name: "n_gb", expected: .quantity(fraction), summary: "CPE exponent of the grain-boundary arc"),
        // active
        Field(name: "capacity", expected: .quantity(.specificCapacity), summary: "theoretical capacity"),
        Field(name: "rate_basis", expected: .quantity(.specificCapacity), summary: "what 1 C means (mAh/g)"),
        Field(name: "ocp", expected: .potential, summary: "open-circuit potential vs Li"),
        Field(name: "x_init", expected: .quantity(fraction), summary: "initial Li fraction"),
        Field(name: "x_min", expected: .quantity(fraction), summary: "lowest Li fraction where the OCP is valid"),
        Field(name: "x_max", expected: .quantity(fraction), summary: "highest Li fraction where the OCP is valid"),
        Field(name: "c_max", expected: .quantity(.concentration), summary: "maximum Li concentration"),
        Field(name: "D", expected: .quantity(.diffusivity), summary: "solid diffusivity", activation: ("Ea_D", .simple)),
        Field(name: "Ea_D", expected: .quantity(energy), summary: "activation energy of D"),
        Field(name: "particle_radius", expected: .quantity(.length), summary: "particle radius"),
        Field(name: "i0", expected: .quantity(.currentDensity), summary: "exchange current density at x = 0.5",
              activation: ("Ea_i0", .simple)),
        Field(name: "Ea_i0", expected: .quantity(energy), summary: "activation energy of i0"),
        Field(name: "k0", expected: .quantity(rateConstant), summary: "reaction rate constant (PyBaMM convention)",
              activation: ("Ea_i0", .simple)),
        Field(name: "volume_change", expected: .quantity(fraction), summary: "volume change over the cycle"),
        // metal and Li interfaces
        Field(name: "D_vacancy", expected: .quantity(.diffusivity), summary: "vacancy diffusivity in the metal"),
        Field(name: "contact_density", expected: .quantity(Dimension(length: -2)),
              summary: "density of Li contact spots on the surface this material presents to Li"),
        Field(name: "sigma_n0", expected: .quantity(.conductivity), summary: "Hebb–Wagner electron conductivity at unit Li activity"),
        Field(name: "sigma_p0", expected: .quantity(.conductivity), summary: "Hebb–Wagner hole conductivity at unit Li activity"),
    ]

    public static let layerFields: [Field] = [
        Field(name: "thickness", expected: .quantity(.length), summary: "layer thickness"),
        Field(name: "grain_size", expected: .quantity(.length), summary: "grain size d"),
        Field(name: "loading", expected: .quantity(.arealLoading), summary: "composite mass per area"),
        Field(name: "active_fraction", expected: .quantity(fraction), summary: "active-material volume fraction"),
        Field(name: "porosity", expected: .quantity(fraction), summary: "porosity"),
        Field(name: "density_rel", expected: .quantity(fraction), summary: "relative density"),
        Field(name: "process", expected: .string, summary: "processing history (reported, not simulated)"),
    ]

    public static let interfaceFields: [Field] = [
        Field(name: "asr", expected: .quantity(.areaSpecificResistance), summary: "area-specific resistance",
              activation: ("Ea", .resistance)),
        Field(name: "Ea", expected: .quantity(energy), summary: "activation energy of asr"),
        Field(name: "capacitance", expected: .quantity(.arealCapacitance), summary: "capacitance per area"),
        Field(name: "n", expected: .quantity(fraction), summary: "CPE exponent"),
        Field(name: "i0", expected: .quantity(.currentDensity), summary: "exchange current density"),
        Field(name: "process", expected: .string, summary: "processing history (reported, not simulated)"),
    ]

    public static let cellFields: [Field] = [
        Field(name: "area", expected: .quantity(.area), summary: "electrode area"),
        Field(name: "temperature", expected: .quantity(.temperature), summary: "cell temperature"),
        Field(name: "pressure", expected: .quantity(.pressure), summary: "stack pressure"),
        Field(name: "process", expected: .string, summary: "processing history (reported, not simulated)"),
    ]

    public static func fields(of owner: Owner) -> [Field] {
        switch owner {
        case .material: return materialFields
        case .layer: return layerFields
        case .interface: return interfaceFields
        case .cell: return cellFields
        }
    }

    public static func lookup(_ name: String, in owner: Owner) -> Field? {
        fields(of: owner).first { $0.name == name }
    }

    /// Reference temperature assumed when a temperature-dependent field is written without `at`.
    public static let defaultReferenceTemperature = 298.15
}
