import CellDiagnostics

extension Lexer {
    static let keywords: [String: Keyword] = Dictionary(
        uniqueKeysWithValues: Keyword.allCases.map { ($0.rawValue, $0) })

    /// Superscript digits and their values (`²` is U+00B2, `⁴` is U+2074, ...).
    static let superscriptDigits: [Unicode.Scalar: Int] = [
        "⁰": 0, "¹": 1, "²": 2, "³": 3, "⁴": 4, "⁵": 5, "⁶": 6, "⁷": 7, "⁸": 8, "⁹": 9,
    ]

    /// Largest superscript exponent accepted; unit powers beyond this are surely typos.
    static let maxSuperscriptDigits = 3

    func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    func isASCIILetter(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
    }

    func isIdentifierStart(_ b: UInt8) -> Bool { isASCIILetter(b) || b == UInt8(ascii: "_") }

    /// Length in bytes of the identifier character at `offset`, or nil if there is none:
    /// ASCII letters, digits, `_`, and any alphabetic Unicode scalar (`Ω`, `µ`, `σ`).
    func identifierCharacterLength(at offset: Int) -> Int? {
        guard let b = byte(at: offset) else { return nil }
        if b < 0x80 { return isIdentifierStart(b) || isDigit(b) ? 1 : nil }
        let (s, length) = scalar(at: offset)
        return s.properties.isAlphabetic && s != "\u{FFFD}" ? length : nil
    }

    /// `IDENT = letter { letter | digit | "_" }`; `wt%` and `vol%` (no space) are one name.
    mutating func scanIdentifier() {
        let start = position
        while let length = identifierCharacterLength(at: position) { position += length }
        var text = span(start, position).text
        if (text == "wt" || text == "vol"), byte(at: position) == UInt8(ascii: "%") {
            position += 1
            text += "%"
        }
        if let keyword = Self.keywords[text] {
            add(.keyword(keyword), from: start, text: text)
        } else {
            add(.identifier, from: start, text: text)
        }
    }

    /// `` QUOTED = "`" { any character but "`" and line break } "`" `` — a name that may
    /// contain digits, dots and dashes: `` `Li2.985B0.005OCl` ``. Never a keyword.
    mutating func scanQuotedIdentifier(from start: Int) {
        let contentStart = position
        while let b = byte(at: position), b != UInt8(ascii: "`"), b != UInt8(ascii: "\n") {
            position += 1
        }
        guard byte(at: position) == UInt8(ascii: "`") else {
            error(.unterminatedQuotedIdentifier, start, start + 1)
            add(.invalid, from: start)
            return
        }
        let text = span(contentStart, position).text
        position += 1
        if text.isEmpty {
            error(.emptyQuotedIdentifier, start, position)
            add(.invalid, from: start)
        } else {
            add(.identifier, from: start, text: text, isQuoted: true)
        }
    }

    /// `NUMBER = digits [ "." digits ] [ ("e" | "E") [ "+" | "-" ] digits ]`,
    /// `digits = digit { [ "_" ] digit }`: `12`, `0.5`, `6.8e-5`, `1_000`.
    mutating func scanNumber() {
        let start = position
        var valid = scanDigits()
        if byte(at: position) == UInt8(ascii: "."), let d = byte(at: position + 1), isDigit(d) {
            position += 1
            valid = scanDigits() && valid
        }
        if let e = byte(at: position), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            let afterE = byte(at: position + 1)
            let signed = afterE == UInt8(ascii: "+") || afterE == UInt8(ascii: "-")
            let firstDigit = byte(at: position + (signed ? 2 : 1))
            if let d = firstDigit, isDigit(d) {
                position += signed ? 2 : 1
                valid = scanDigits() && valid
            } else if signed {
                // `1e-` with no digits: not a unit (`e` is not one), so a broken exponent.
                position += 2
                valid = false
            }
        }
        let lexeme = span(start, position).text
        let value = Double(String(lexeme.filter { $0 != "_" }))
        guard valid, let value, value.isFinite else {
            error(.invalidNumber(lexeme), start, position)
            add(.invalid, from: start)
            return
        }
        add(.number, from: start, number: value)
    }

    /// Digits with single `_` separators between them; false on a trailing or doubled `_`.
    mutating func scanDigits() -> Bool {
        var valid = true
        while let b = byte(at: position) {
            if isDigit(b) {
                position += 1
            } else if b == UInt8(ascii: "_") {
                position += 1
                if !(byte(at: position).map(isDigit) ?? false) {
                    valid = false
                    while byte(at: position) == UInt8(ascii: "_") { position += 1 }
                }
            } else {
                break
            }
        }
        return valid
    }

    /// `STRING = '"' { char | escape } '"'`, on one line; escapes `\n \t \" \\`.
    /// Errors: an unknown escape (reported at the escape, kept literally) and a missing
    /// closing quote (reported at the opening quote).
    mutating func scanString(from start: Int) {
        var value: [UInt8] = []
        while true {
            guard let b = byte(at: position), b != UInt8(ascii: "\n") else {
                error(.unterminatedString, start, start + 1)
                add(.invalid, from: start)
                return
            }
            switch b {
            case UInt8(ascii: "\""):
                position += 1
                add(.string, from: start, text: String(decoding: value, as: UTF8.self))
                return
            case UInt8(ascii: "\\"):
                let escapeStart = position
                position += 1
                switch byte(at: position) {
                case UInt8(ascii: "n"): value.append(UInt8(ascii: "\n")); position += 1
                case UInt8(ascii: "t"): value.append(UInt8(ascii: "\t")); position += 1
                case UInt8(ascii: "\""): value.append(UInt8(ascii: "\"")); position += 1
                case UInt8(ascii: "\\"): value.append(UInt8(ascii: "\\")); position += 1
                case nil, UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                    error(.invalidEscape("\\"), escapeStart, position)
                default:
                    let (_, length) = scalar(at: position)
                    position += length
                    error(.invalidEscape(span(escapeStart, position).text), escapeStart, position)
                    value.append(contentsOf: bytes[(escapeStart + 1)..<position])
                }
            case 0:
                error(.nulCharacter, position, position + 1)
                position += 1
            case UInt8(ascii: "\r") where byte(at: position + 1) == UInt8(ascii: "\n"):
                position += 1  // the `\n` ends the (unterminated) string next time round
            default:
                let (s, length) = scalar(at: position)
                if s == "\u{FFFD}" { error(.invalidEncoding, position, position + length) }
                value.append(contentsOf: bytes[position..<(position + length)])
                position += length
            }
        }
    }

    /// `SUPERSCRIPT = [ "⁻" | "⁺" ] supDigit { supDigit }`: `²` → 2, `⁻¹` → -1.
    mutating func scanSuperscript() {
        let start = position
        var sign = 1
        let (first, firstLength) = scalar(at: position)
        if first == "⁻" || first == "⁺" {
            sign = first == "⁻" ? -1 : 1
            position += firstLength
        }
        var value = 0
        var digits = 0
        while position < bytes.count {
            let (s, length) = scalar(at: position)
            guard let d = Self.superscriptDigits[s] else { break }
            value = value * 10 + d
            digits += 1
            position += length
            if digits > Self.maxSuperscriptDigits { break }
        }
        guard digits > 0, digits <= Self.maxSuperscriptDigits else {
            error(digits == 0 ? .invalidSuperscript : .invalidNumber(span(start, position).text),
                  start, position)
            add(.invalid, from: start)
            return
        }
        add(.superscript, from: start, exponent: sign * value)
    }
}
