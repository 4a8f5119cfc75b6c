/// Human names for the dimensions battery researchers know, and base-symbol spelling for the rest.
extension Dimension: CustomStringConvertible {
    /// The name researchers use (`conductivity`, `area-specific resistance`, ...), or nil.
    /// `pressure` also covers Young's modulus and hardness (all Pa).
    public var name: String? { Dimension.names[self] }

    /// `name` when there is one, else `description` (e.g. `m^2·kg·s^-2·K^-1`).
    public var displayName: String { name ?? description }

    /// The dimension in base symbols in SI order m, kg, s, A, K, mol, C (C-rate), joined by `·`,
    /// e.g. `m^2·kg·s^-3·A^-2`; `1` when dimensionless.
    public var description: String { baseSymbolText(separator: "·") }

    /// As `description` but with a chosen separator; `*` gives text `Unit.parse` reads back.
    public func baseSymbolText(separator: String) -> String {
        let parts = zip(Dimension.baseSymbols, exponents).compactMap { symbol, e -> String? in
            switch e {
            case 0: nil
            case 1: symbol
            default: "\(symbol)^\(e)"
            }
        }
        return parts.isEmpty ? "1" : parts.joined(separator: separator)
    }

    /// Base unit symbols in the order of `exponents` (kg is the SI base unit of mass).
    static let baseSymbols = ["m", "kg", "s", "A", "K", "mol", "C"]

    // MARK: Named dimensions (public so other modules can say `Dimension.conductivity`)
    public static let length = Dimension(length: 1)
    public static let area = Dimension(length: 2)
    public static let volume = Dimension(length: 3)
    public static let mass = Dimension(mass: 1)
    public static let time = Dimension(time: 1)
    public static let frequency = Dimension(time: -1)
    public static let current = Dimension(current: 1)
    public static let currentDensity = Dimension(length: -2, current: 1)
    public static let charge = Dimension(time: 1, current: 1)
    public static let specificCapacity = Dimension(mass: -1, time: 1, current: 1)
    public static let arealCapacity = Dimension(length: -2, time: 1, current: 1)
    public static let arealLoading = Dimension(length: -2, mass: 1)
    public static let voltage = Dimension(length: 2, mass: 1, time: -3, current: -1)
    public static let resistance = Dimension(length: 2, mass: 1, time: -3, current: -2)
    public static let areaSpecificResistance = Dimension(length: 4, mass: 1, time: -3, current: -2)
    public static let resistivity = Dimension(length: 3, mass: 1, time: -3, current: -2)
    public static let conductance = Dimension(length: -2, mass: -1, time: 3, current: 2)
    public static let conductivity = Dimension(length: -3, mass: -1, time: 3, current: 2)
    public static let capacitance = Dimension(length: -2, mass: -1, time: 4, current: 2)
    public static let arealCapacitance = Dimension(length: -4, mass: -1, time: 4, current: 2)
    public static let inductance = Dimension(length: 2, mass: 1, time: -2, current: -2)
    public static let energy = Dimension(length: 2, mass: 1, time: -2)
    public static let power = Dimension(length: 2, mass: 1, time: -3)
    public static let force = Dimension(length: 1, mass: 1, time: -2)
    public static let pressure = Dimension(length: -1, mass: 1, time: -2)
    public static let temperature = Dimension(temperature: 1)
    public static let amount = Dimension(amount: 1)
    public static let concentration = Dimension(length: -3, amount: 1)
    public static let diffusivity = Dimension(length: 2, time: -1)
    public static let density = Dimension(length: -3, mass: 1)
    public static let molarMass = Dimension(mass: 1, amount: -1)
    public static let cRate = Dimension(cRate: 1)
    /// J/K (Boltzmann constant), J/(mol·K) (gas constant), C/mol (Faraday), F/m (permittivity), 1/mol (Avogadro).
    public static let entropy = Dimension(length: 2, mass: 1, time: -2, temperature: -1)
    public static let molarEntropy = Dimension(length: 2, mass: 1, time: -2, temperature: -1, amount: -1)
    public static let molarCharge = Dimension(time: 1, current: 1, amount: -1)
    public static let permittivity = Dimension(length: -3, mass: -1, time: 4, current: 2)
    public static let perAmount = Dimension(amount: -1)

    static let names: [Dimension: String] = [
        .length: "length", .area: "area", .volume: "volume", .mass: "mass", .time: "time",
        .frequency: "frequency", .current: "current", .currentDensity: "current density",
        .charge: "charge", .specificCapacity: "specific capacity",
        .arealCapacity: "areal capacity", .arealLoading: "areal loading", .voltage: "voltage",
        .resistance: "resistance", .areaSpecificResistance: "area-specific resistance",
        .resistivity: "resistivity", .conductance: "conductance", .conductivity: "conductivity",
        .capacitance: "capacitance", .arealCapacitance: "areal capacitance",
        .inductance: "inductance", .energy: "energy", .power: "power", .force: "force",
        .pressure: "pressure", .temperature: "temperature", .amount: "amount",
        .concentration: "concentration", .diffusivity: "diffusivity", .density: "density",
        .molarMass: "molar mass", .cRate: "C-rate", .none: "dimensionless",
    ]
}
