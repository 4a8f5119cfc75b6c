/// For dimensionless fractions: what the fraction is of. `10 wt%` and `10 vol%` are both 0.1
/// but mean different compositions; plain `%` and bare numbers have no basis.
public enum FractionBasis: String, Sendable, Hashable {
    case none, mass, volume
}

/// A unit: value_SI = value · scale + offset. Only `degC` has an offset (absolute temperature).
public struct Unit: Hashable, Sendable {
    public var symbol: String
    public var scale: Double
    public var offset: Double
    public var dimension: Dimension
    public var basis: FractionBasis

    public init(symbol: String, scale: Double, offset: Double = 0, dimension: Dimension,
                basis: FractionBasis = .none) {
        self.symbol = symbol
        self.scale = scale
        self.offset = offset
        self.dimension = dimension
        self.basis = basis
    }
}

/// The unit symbols the language knows: SI units with prefixes and the non-SI units of
/// LANGUAGE.md §2. Symbols are case-sensitive (`mS` is millisiemens, `Ms` megasecond).
public enum UnitTable {
    private static let L = Dimension(length: 1), M = Dimension(mass: 1), T = Dimension(time: 1)
    private static let I = Dimension(current: 1), K = Dimension(temperature: 1), N = Dimension(amount: 1)

    /// Units that take SI prefixes (p n u µ μ m c k M G).
    static let prefixable: [String: Unit] = {
        let volt = Dimension(length: 2, mass: 1, time: -3, current: -1)
        let ohm = volt / I
        let list: [Unit] = [
            Unit(symbol: "m", scale: 1, dimension: L),
            Unit(symbol: "g", scale: 1e-3, dimension: M),
            Unit(symbol: "s", scale: 1, dimension: T),
            Unit(symbol: "A", scale: 1, dimension: I),
            Unit(symbol: "K", scale: 1, dimension: K),
            Unit(symbol: "mol", scale: 1, dimension: N),
            Unit(symbol: "V", scale: 1, dimension: volt),
            Unit(symbol: "ohm", scale: 1, dimension: ohm),
            Unit(symbol: "Ω", scale: 1, dimension: ohm),
            Unit(symbol: "S", scale: 1, dimension: Dimension.none / ohm),
            Unit(symbol: "F", scale: 1, dimension: Dimension(length: -2, mass: -1, time: 4, current: 2)),
            Unit(symbol: "H", scale: 1, dimension: ohm * T),
            Unit(symbol: "Hz", scale: 1, dimension: Dimension(time: -1)),
            Unit(symbol: "Pa", scale: 1, dimension: Dimension(length: -1, mass: 1, time: -2)),
            Unit(symbol: "N", scale: 1, dimension: Dimension(length: 1, mass: 1, time: -2)),
            Unit(symbol: "J", scale: 1, dimension: Dimension(length: 2, mass: 1, time: -2)),
            Unit(symbol: "W", scale: 1, dimension: Dimension(length: 2, mass: 1, time: -3)),
            Unit(symbol: "eV", scale: 1.602176634e-19, dimension: Dimension(length: 2, mass: 1, time: -2)),
            Unit(symbol: "Ah", scale: 3600, dimension: I * T),
            Unit(symbol: "Wh", scale: 3600, dimension: Dimension(length: 2, mass: 1, time: -2)),
            Unit(symbol: "L", scale: 1e-3, dimension: L.power(3)),
            Unit(symbol: "coulomb", scale: 1, dimension: I * T),
        ]
        return Dictionary(uniqueKeysWithValues: list.map { ($0.symbol, $0) })
    }()

    /// Units that take no prefix.
    static let plain: [String: Unit] = {
        let list: [Unit] = [
            Unit(symbol: "min", scale: 60, dimension: T),
            Unit(symbol: "h", scale: 3600, dimension: T),
            Unit(symbol: "degC", scale: 1, offset: 273.15, dimension: K),
            Unit(symbol: "°C", scale: 1, offset: 273.15, dimension: K),
            Unit(symbol: "C", scale: 1, dimension: Dimension(cRate: 1)),
            Unit(symbol: "%", scale: 0.01, dimension: .none),
            Unit(symbol: "wt%", scale: 0.01, dimension: .none, basis: .mass),
            Unit(symbol: "vol%", scale: 0.01, dimension: .none, basis: .volume),
        ]
        return Dictionary(uniqueKeysWithValues: list.map { ($0.symbol, $0) })
    }()

    static let prefixes: [(String, Double)] = [
        ("p", 1e-12), ("n", 1e-9), ("u", 1e-6), ("µ", 1e-6), ("μ", 1e-6), ("m", 1e-3),
        ("c", 1e-2), ("k", 1e3), ("M", 1e6), ("G", 1e9),
    ]

    /// The unit a symbol names, with prefixes resolved (`mA`, `µm`, `kPa`), or nil.
    /// Exact symbols win over prefix readings (`min` is minutes, `mol` moles, `Pa` pascal).
    public static func lookup(_ symbol: String) -> Unit? {
        if let u = plain[symbol] ?? prefixable[symbol] { return u }
        for (p, factor) in prefixes where symbol.hasPrefix(p) {
            let rest = String(symbol.dropFirst(p.count))
            if let base = prefixable[rest] {
                var u = base
                u.symbol = symbol
                u.scale *= factor
                u.offset = 0
                return u
            }
        }
        return nil
    }

    /// True when `symbol` names a unit (used by the parser after a number).
    public static func isUnitSymbol(_ symbol: String) -> Bool { lookup(symbol) != nil }
}
