/// Reading a quantity from text, for the command line (`--from "10 MHz"`) and tests.
extension Quantity {
    /// Reads a number optionally followed by a unit: `10 MHz`, `10MHz`, `-5 mV`, `1e7`,
    /// `6.8e-5 S/cm`, `1_000 h`, `90 degC`. A plain number is dimensionless. Throws
    /// `malformedQuantity` when the text does not start with a number, and the errors of
    /// `Unit.parse` for the unit. `1eV` reads as 1 electronvolt (an exponent needs digits).
    public static func parse(_ text: String) throws(UnitError) -> Quantity {
        let chars = Array(text.trimmingWhitespace())
        var i = 0
        func digits() -> Int {
            let start = i
            while i < chars.count, chars[i].isASCII, chars[i].isNumber || (chars[i] == "_" && i > start) {
                i += 1
            }
            return i - start
        }
        if i < chars.count, chars[i] == "-" || chars[i] == "+" { i += 1 }
        var mantissaDigits = digits()
        if i < chars.count, chars[i] == "." {
            i += 1
            mantissaDigits += digits()
        }
        guard mantissaDigits > 0 else { throw UnitError.malformedQuantity(text: text) }
        if i < chars.count, chars[i] == "e" || chars[i] == "E" {
            let save = i
            i += 1
            if i < chars.count, chars[i] == "-" || chars[i] == "+" { i += 1 }
            if digits() == 0 { i = save }
        }
        let numberText = String(chars[..<i]).filter { $0 != "_" }
        guard let number = Double(numberText) else { throw UnitError.malformedQuantity(text: text) }
        let rest = String(chars[i...]).trimmingWhitespace()
        if rest.isEmpty { return .number(number) }
        guard let first = rest.first, UnitExpressionReader.isSymbolCharacter(first) || first == "(" else {
            throw UnitError.malformedQuantity(text: text)
        }
        return Quantity(number, try Unit.parse(rest))
    }
}
