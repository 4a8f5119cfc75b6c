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
    /// `C` (C-rate), `degC`, `min`, `h` and the fractions take no prefix: `mC` is unknown.
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

    /// The unit a symbol names, or `unknownUnit` with a did-you-mean suggestion.
    public static func require(_ symbol: String) throws(UnitError) -> Unit {
        guard let unit = lookup(symbol) else {
            throw UnitError.unknownUnit(symbol: symbol, suggestion: suggestion(for: symbol))
        }
        return unit
    }

    /// Prefixed spellings common enough to offer in tab completion and suggestions.
    static let commonPrefixed = [
        "pm", "nm", "um", "µm", "mm", "cm", "km", "µg", "mg", "kg", "ns", "µs", "ms",
        "nA", "µA", "uA", "mA", "kA", "µAh", "mAh", "µV", "mV", "kV", "mohm", "kohm", "Mohm",
        "kΩ", "MΩ", "nS", "µS", "mS", "pF", "nF", "µF", "uF", "mF", "µH", "mH", "mHz", "kHz",
        "MHz", "GHz", "kPa", "MPa", "GPa", "mJ", "kJ", "meV", "keV", "µW", "mW", "kW", "mWh",
        "kWh", "µL", "mL", "µmol", "mmol", "mK",
    ]

    /// Base symbols and common prefixed ones, sorted, for tab completion (`:units`).
    /// Every entry resolves with `lookup`.
    public static let allSymbols: [String] = {
        let all = Set(plain.keys).union(prefixable.keys).union(commonPrefixed)
        return all.sorted()
    }()

    /// Spellings people type that are not unit symbols here, mapped to the symbol meant.
    static let aliases: [String: String] = [
        "sec": "s", "secs": "s", "second": "s", "seconds": "s", "hr": "h", "hrs": "h",
        "hour": "h", "hours": "h", "mins": "min", "minute": "min", "minutes": "min",
        "Ohm": "ohm", "ohms": "ohm", "Ohms": "ohm", "celsius": "degC", "Celsius": "degC",
        "degree": "degC", "deg": "degC", "C°": "degC", "kelvin": "K", "Coulomb": "coulomb",
        "coulombs": "coulomb", "wt": "wt%", "vol": "vol%", "gram": "g", "liter": "L",
        "litre": "L", "l": "L", "µ": "µm", "micron": "µm", "microns": "µm",
    ]

    /// A close known symbol for an unknown one: a common alias, a case-insensitive match,
    /// or the nearest symbol of `allSymbols` within edit distance 2 (ties: first in order).
    public static func suggestion(for symbol: String) -> String? {
        if let alias = aliases[symbol] { return alias }
        // `C` is the C-rate and takes no prefix: a prefixed `C` meant coulombs.
        if symbol.count > 1, symbol.hasSuffix("C") {
            let coulombs = String(symbol.dropLast()) + "coulomb"
            if lookup(coulombs) != nil { return coulombs }
        }
        let lower = symbol.lowercased()
        if let match = allSymbols.first(where: { $0.lowercased() == lower }) { return match }
        let maxDistance = symbol.count <= 2 ? 1 : 2  // short symbols: distance 2 matches anything
        var best: (symbol: String, distance: Int)?
        for candidate in allSymbols {
            let d = editDistance(symbol, candidate)
            if d <= maxDistance, d < (best?.distance ?? Int.max) { best = (candidate, d) }
        }
        return best?.symbol
    }

    /// Levenshtein distance over characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        for i in 1...x.count {
            var current = [i] + Array(repeating: 0, count: y.count)
            for j in 1...y.count {
                let substitution = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            previous = current
        }
        return previous[y.count]
    }
}
