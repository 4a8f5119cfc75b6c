/// A column header split into a recognisable base name and an optional unit.
///
/// Normalisation (see docs/data-formats.md, "Header names"): surrounding quotes and all
/// whitespace are removed, the base is lowercased, typographic primes (′ ″ ’) become `'`, `''`,
/// `'`, and a Unicode minus becomes `-`. The unit keeps its case, so `mHz` and `MHz` differ.
struct ColumnName: Sendable, Equatable {
    /// Normalised base, e.g. `-im(z)` for `-Im(Z)/Ohm`.
    let base: String
    /// Unit as written, e.g. `Ohm`; nil when the header carries none.
    let unit: String?

    /// The readings of a header, most literal first: the whole name, then the name split at
    /// the first `/` (`freq/Hz`), then a trailing `(unit)` or `[unit]` (`Zre (ohms)`), then a
    /// trailing `_unit` (`time_s`). A reader takes the first reading whose base it knows.
    static func readings(of raw: String) -> [ColumnName] {
        let cleaned = normalise(raw)
        var readings = [ColumnName(base: cleaned.lowercased(), unit: nil)]
        if let slash = cleaned.firstIndex(of: "/"), slash != cleaned.startIndex {
            let unit = String(cleaned[cleaned.index(after: slash)...])
            readings.append(ColumnName(base: cleaned[..<slash].lowercased(), unit: unit))
        }
        for (open, close) in [("(", ")"), ("[", "]")] where cleaned.hasSuffix(close) {
            if let openIndex = cleaned.lastIndex(of: Character(open)), openIndex != cleaned.startIndex {
                let unit = String(cleaned[cleaned.index(after: openIndex)..<cleaned.index(before: cleaned.endIndex)])
                readings.append(ColumnName(base: cleaned[..<openIndex].lowercased(), unit: unit))
            }
        }
        if let underscore = cleaned.lastIndex(of: "_"), underscore != cleaned.startIndex {
            let unit = String(cleaned[cleaned.index(after: underscore)...])
            if !unit.isEmpty {
                readings.append(ColumnName(base: cleaned[..<underscore].lowercased(), unit: unit))
            }
        }
        return readings
    }

    /// Quotes and whitespace removed, primes and minus signs unified; case kept. A double
    /// quote right after `Z` is the one-character spelling of a double prime (`Z"` = `Z''`).
    static func normalise(_ raw: String) -> String {
        var out = ""
        for character in raw {
            switch character {
            case "\"":
                if out.last == "Z" || out.last == "z" { out.append("''") }
            case " ", "\t", "\u{00A0}": continue
            case "\u{2032}", "\u{2019}", "\u{00B4}", "`": out.append("'")
            case "\u{2033}": out.append("''")
            case "\u{2212}", "\u{2013}": out.append("-")
            default: out.append(character)
            }
        }
        return out
    }
}

/// Unit conversion factors to SI for the quantities the readers return.
enum UnitScale {
    /// Factor to hertz, or nil when `unit` is not a frequency unit. nil unit means hertz.
    static func frequency(_ unit: String?) -> Double? {
        guard let unit, !unit.isEmpty else { return 1 }
        switch unit {
        case "Hz", "hz", "HZ", "1/s", "s-1": return 1
        case "mHz": return 1e-3
        case "kHz", "KHz", "khz": return 1e3
        case "MHz": return 1e6
        case "GHz": return 1e9
        default: return nil
        }
    }

    /// Factor to ohm, or nil when `unit` is not an impedance unit. nil unit means ohm; the
    /// ZPlot axis labels `a` and `b` (`Z'(a)`, `Z''(b)`) also mean ohm. Area-specific units
    /// (`ohm cm2`) are rejected: the spectrum holds ohm and the area is not known here.
    static func impedance(_ unit: String?) -> Double? {
        guard let unit, !unit.isEmpty else { return 1 }
        if unit == "a" || unit == "b" { return 1 }
        var body = Substring(unit)
        var factor = 1.0
        if !isOhm(body), let prefix = body.first {
            switch prefix {
            case "m": factor = 1e-3
            case "k", "K": factor = 1e3
            case "M": factor = 1e6
            case "G": factor = 1e9
            case "µ", "μ", "u": factor = 1e-6
            default: return nil
            }
            body = body.dropFirst()
        }
        return isOhm(body) ? factor : nil
    }

    private static func isOhm(_ text: Substring) -> Bool {
        let lower = text.lowercased()
        return lower == "ohm" || lower == "ohms" || lower == "Ω" || lower == "ω" || lower == "\u{2126}"
    }

    /// Factor to radians for a phase unit, or nil when unknown. nil unit means degrees, the
    /// unit every instrument in docs/data-formats.md writes.
    static func phase(_ unit: String?) -> Double? {
        guard let unit, !unit.isEmpty else { return Double.pi / 180 }
        switch unit.lowercased() {
        case "deg", "degree", "degrees", "°", "º", "\u{FFFD}": return Double.pi / 180
        case "rad", "radian", "radians": return 1
        default: return nil
        }
    }

    /// Factor to seconds, or nil when unknown. nil unit means seconds.
    static func time(_ unit: String?) -> Double? {
        guard let unit, !unit.isEmpty else { return 1 }
        switch unit {
        case "s", "S", "sec", "Sec", "secs", "second", "seconds": return 1
        case "ms": return 1e-3
        case "min", "mins", "minute", "minutes": return 60
        case "h", "hr", "hrs", "hour", "hours", "H": return 3600
        case "d", "day", "days": return 86_400
        default: return nil
        }
    }

    /// Factor to volts, or nil when unknown. nil unit means volts.
    static func voltage(_ unit: String?) -> Double? {
        guard let unit, !unit.isEmpty else { return 1 }
        switch unit {
        case "V", "v": return 1
        case "mV": return 1e-3
        case "µV", "μV", "uV": return 1e-6
        case "kV": return 1e3
        default: return nil
        }
    }

    /// Factor to amperes, or nil when unknown. nil unit means amperes.
    static func current(_ unit: String?) -> Double? {
        guard let unit, !unit.isEmpty else { return 1 }
        switch unit {
        case "A", "a": return 1
        case "mA": return 1e-3
        case "µA", "μA", "uA": return 1e-6
        case "nA": return 1e-9
        case "pA": return 1e-12
        case "kA": return 1e3
        default: return nil
        }
    }
}
