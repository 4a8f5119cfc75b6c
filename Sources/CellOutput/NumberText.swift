// Text forms of numbers for data files: shortest round-trip, no locale, no surprises.

/// Number formatting shared by CSV and JSON.
public enum NumberText {
    /// The shortest decimal text that reads back as exactly the same `Double`
    /// (Swift's round-trip `description`), tidied for data files:
    /// `1.0` → `1`, `1e-05` → `1e-5`, `1e+16` → `1e16`, `-0.0` → `-0`.
    ///
    /// The result is valid both as a CSV field read by pandas/numpy and as a JSON number.
    /// Returns nil for NaN and ±infinity: callers must refuse those (they have no JSON form,
    /// and in a CSV they would pass silently into an analysis).
    public static func shortest(_ value: Double) -> String? {
        guard value.isFinite else { return nil }
        let text = value.description
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else {
            return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
        }
        var mantissa = String(text[..<e])
        if mantissa.hasSuffix(".0") { mantissa.removeLast(2) }
        var exponent = text[text.index(after: e)...]
        var negative = false
        if exponent.hasPrefix("+") {
            exponent = exponent.dropFirst()
        } else if exponent.hasPrefix("-") {
            negative = true
            exponent = exponent.dropFirst()
        }
        let digits = exponent.drop(while: { $0 == "0" })
        return mantissa + "e" + (negative ? "-" : "") + (digits.isEmpty ? "0" : String(digits))
    }
}
