import Foundation

/// Compound units: products of powers of unit symbols (`mA/cm^2`, `Ω·cm²`, `J/(mol*K)`).
extension Unit {
    /// The dimensionless unit 1 (what a bare number carries).
    public static let one = Unit(symbol: "", scale: 1, dimension: .none)

    /// Combines unit symbols with signed exponents, as the parser folds a unit expression:
    /// `mA/cm^2` is `[("mA", 1), ("cm", -2)]`, `Ω·cm²` is `[("Ω", 1), ("cm", 2)]`.
    ///
    /// The symbol of the result is written back in ASCII operators (`mA/cm^2`, `Ω*cm^2`).
    /// A fraction basis (wt%, vol%) survives only for a lone factor with exponent 1.
    /// Throws `unknownUnit` (with a suggestion), `exponentTooLarge` beyond
    /// `Dimension.maxExponent`, `offsetUnitInCompound` for `degC` anywhere but alone with
    /// exponent 1, and `malformedUnit` for an empty list.
    public static func product(_ factors: [(symbol: String, exponent: Int)]) throws(UnitError) -> Unit {
        guard !factors.isEmpty else {
            throw UnitError.malformedUnit(text: "", reason: "expected a unit symbol")
        }
        var scale = 1.0
        var dimension = Dimension.none
        for factor in factors {
            let unit = try UnitTable.require(factor.symbol)
            guard factor.exponent.magnitude <= Dimension.maxExponent.magnitude else {
                throw UnitError.exponentTooLarge(exponent: factor.exponent)
            }
            if unit.isAbsoluteTemperature, factors.count != 1 || factor.exponent != 1 {
                throw UnitError.offsetUnitInCompound(symbol: factor.symbol)
            }
            scale *= pow(unit.scale, Double(factor.exponent))
            dimension = try dimension.multiplied(by: unit.dimension.raised(to: factor.exponent))
        }
        guard scale.isFinite, scale > 0 else {
            throw UnitError.malformedUnit(text: compose(factors), reason: "the unit's size is out of range")
        }
        if factors.count == 1, factors[0].exponent == 1, let only = UnitTable.lookup(factors[0].symbol) {
            return only
        }
        return Unit(symbol: compose(factors), scale: scale, dimension: dimension)
    }

    /// Writes factors back as text: numerators joined by `*`, then `/` before each
    /// denominator (`J/mol/K` means J·mol⁻¹·K⁻¹); `1/s` when there is no numerator.
    static func compose(_ factors: [(symbol: String, exponent: Int)]) -> String {
        func power(_ symbol: String, _ e: Int) -> String { e == 1 ? symbol : "\(symbol)^\(e)" }
        let numerator = factors.filter { $0.exponent > 0 }.map { power($0.symbol, $0.exponent) }
        let denominator = factors.filter { $0.exponent < 0 }.map { power($0.symbol, -$0.exponent) }
        var text = numerator.isEmpty ? "1" : numerator.joined(separator: "*")
        for d in denominator { text += "/" + d }
        return text
    }

    /// Reads a unit expression such as `mA/cm^2`, `ohm*cm^2`, `Ω·cm²`, `S/cm`, `mAh/g`,
    /// `J/(mol*K)`, `s^-1`, `s⁻¹`, `1/s`. `*`, `·` and `⋅` multiply; `/` divides by the next
    /// factor (or parenthesised group) only. The symbol of the result is the trimmed text.
    ///
    /// A number is not a unit: `10MHz` throws `malformedUnit` (use `Quantity.parse`).
    /// Other errors as for `product(_:)`.
    public static func parse(_ text: String) throws(UnitError) -> Unit {
        let trimmed = text.trimmingWhitespace()
        var reader = UnitExpressionReader(text: trimmed)
        let factors = try reader.readAll()
        if factors.isEmpty { return Unit(symbol: trimmed, scale: 1, dimension: .none) }
        let unit = try product(factors.map { (symbol: $0.symbol, exponent: $0.exponent) })
        var result = unit
        result.symbol = trimmed
        return result
    }
}

/// A small recursive-descent reader for unit expressions (see `Unit.parse`).
struct UnitExpressionReader {
    let text: String
    private let chars: [Character]
    private var index = 0

    init(text: String) {
        self.text = text
        self.chars = Array(text)
    }

    /// Superscript characters and the digit they stand for (`⁻` handled apart).
    static let superscriptDigits: [Character: Int] = [
        "⁰": 0, "¹": 1, "²": 2, "³": 3, "⁴": 4, "⁵": 5, "⁶": 6, "⁷": 7, "⁸": 8, "⁹": 9,
    ]
    static let multiply: Set<Character> = ["*", "·", "⋅", "×"]

    /// Parenthesis depth limit: deeper nesting is never meant and would recurse without bound.
    static let maxDepth = 16

    mutating func readAll() throws(UnitError) -> [(symbol: String, exponent: Int)] {
        skipSpaces()
        guard index < chars.count else { throw fail("expected a unit symbol") }
        let factors = try readProduct(depth: 0)
        skipSpaces()
        if index < chars.count {
            if UnitExpressionReader.isSymbolCharacter(chars[index]) {
                throw fail("expected `*` or `/` between unit symbols")
            }
            throw fail("unexpected `\(chars[index])`")
        }
        return factors
    }

    // product = factor { ("*" | "·" | "/") factor }
    private mutating func readProduct(depth: Int) throws(UnitError) -> [(symbol: String, exponent: Int)] {
        var factors = try readFactor(depth: depth)
        while true {
            skipSpaces()
            guard index < chars.count else { break }
            let c = chars[index]
            if UnitExpressionReader.multiply.contains(c) {
                index += 1
                factors += try readFactor(depth: depth)
            } else if c == "/" {
                index += 1
                factors += try readFactor(depth: depth).map { ($0.symbol, -$0.exponent) }
            } else {
                break
            }
        }
        return factors
    }

    // factor = ( SYMBOL | "1" | "(" product ")" ) [ exponent ]
    private mutating func readFactor(depth: Int) throws(UnitError) -> [(symbol: String, exponent: Int)] {
        skipSpaces()
        guard index < chars.count else { throw fail("expected a unit symbol at the end") }
        let c = chars[index]
        var group: [(symbol: String, exponent: Int)]
        if c == "(" {
            guard depth < UnitExpressionReader.maxDepth else { throw fail("too deeply nested") }
            index += 1
            group = try readProduct(depth: depth + 1)
            skipSpaces()
            guard index < chars.count, chars[index] == ")" else { throw fail("expected `)`") }
            index += 1
        } else if c.isNumber || c == "." {
            let start = index
            while index < chars.count, chars[index].isNumber || chars[index] == "." { index += 1 }
            let number = String(chars[start..<index])
            guard number == "1" else {
                throw fail("a unit cannot contain the number `\(number)`; "
                    + "write the number before the unit, as in `10 MHz`")
            }
            group = []
        } else if UnitExpressionReader.isSymbolCharacter(c) {
            let start = index
            while index < chars.count, UnitExpressionReader.isSymbolCharacter(chars[index]) { index += 1 }
            let symbol = String(chars[start..<index])
            if index < chars.count, chars[index].isNumber, chars[index].isASCII {
                throw fail("write the exponent with `^`, as in `\(symbol)^\(chars[index])`")
            }
            group = [(symbol, 1)]
        } else {
            throw fail("unexpected `\(c)`")
        }
        let exponent = try readExponent()
        guard exponent != 1 else { return group }
        var powered: [(symbol: String, exponent: Int)] = []
        for factor in group {
            let e = factor.exponent * exponent  // both at most maxExponent: cannot overflow
            guard e.magnitude <= Dimension.maxExponent.magnitude else {
                throw UnitError.exponentTooLarge(exponent: e)
            }
            powered.append((factor.symbol, e))
        }
        return powered
    }

    // exponent = "^" ["-" | "+"] DIGITS | "^(" ["-"] DIGITS ")" | ["⁻"] SUPERSCRIPT_DIGITS
    private mutating func readExponent() throws(UnitError) -> Int {
        var caret = index
        while caret < chars.count, chars[caret].isWhitespace { caret += 1 }
        if caret < chars.count, chars[caret] == "^" {
            index = caret + 1
            skipSpaces()
            let parenthesised = index < chars.count && chars[index] == "("
            if parenthesised { index += 1 }
            var sign = 1
            if index < chars.count, chars[index] == "-" || chars[index] == "+" || chars[index] == "−" {
                sign = chars[index] == "+" ? 1 : -1
                index += 1
            }
            let start = index
            while index < chars.count, chars[index].isASCII, chars[index].isNumber { index += 1 }
            guard index > start else { throw fail("expected an integer exponent after `^`") }
            if index < chars.count, chars[index] == "." {
                throw fail("a unit exponent must be a whole number")
            }
            let value = try bounded(String(chars[start..<index]))
            if parenthesised {
                guard index < chars.count, chars[index] == ")" else { throw fail("expected `)`") }
                index += 1
            }
            return sign * value
        }
        guard index < chars.count else { return 1 }
        var sign = 1
        if chars[index] == "⁻" {
            sign = -1
            index += 1
        }
        let start = index
        var digits = ""
        while index < chars.count, let d = UnitExpressionReader.superscriptDigits[chars[index]] {
            digits += String(d)
            index += 1
        }
        if index == start {
            guard sign == 1 else { throw fail("expected a superscript digit after `⁻`") }
            return 1
        }
        return sign * (try bounded(digits))
    }

    /// An exponent's digits as an Int no larger than `Dimension.maxExponent` (never overflows).
    private func bounded(_ digits: String) throws(UnitError) -> Int {
        guard digits.count <= 4, let value = Int(digits) else {
            throw UnitError.exponentTooLarge(exponent: Int(digits.prefix(18)) ?? Int.max)
        }
        guard value <= Dimension.maxExponent else { throw UnitError.exponentTooLarge(exponent: value) }
        return value
    }

    static func isSymbolCharacter(_ c: Character) -> Bool {
        c.isLetter || c == "%" || c == "°" || c == "_"
    }

    private mutating func skipSpaces() {
        while index < chars.count, chars[index].isWhitespace { index += 1 }
    }

    private func fail(_ reason: String) -> UnitError {
        UnitError.malformedUnit(text: text, reason: reason)
    }
}

extension String {
    /// The string without leading and trailing whitespace (no Foundation needed).
    func trimmingWhitespace() -> String {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? start
        return start < end ? String(self[start..<end]) : ""
    }
}
