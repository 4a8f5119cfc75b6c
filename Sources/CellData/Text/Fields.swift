/// How the fields of a delimited line are separated.
enum FieldSeparator: Sendable, Equatable {
    case comma, semicolon, tab, whitespace

    /// The separator of a line, by precedence: tab, then semicolon, then comma, then runs of
    /// spaces. Tab and semicolon come first because files that use them often write decimal
    /// commas (`1,5;2,25`).
    static func detect(in line: String) -> FieldSeparator {
        if line.contains("\t") { return .tab }
        if line.contains(";") { return .semicolon }
        if line.contains(",") { return .comma }
        return .whitespace
    }

    /// Whether a comma inside a field may be a decimal comma (`1,5` → 1.5): only when the
    /// comma is not itself the separator.
    var allowsDecimalComma: Bool { self != .comma }

    /// Human name for messages and docs.
    var name: String {
        switch self {
        case .comma: return "comma"
        case .semicolon: return "semicolon"
        case .tab: return "tab"
        case .whitespace: return "whitespace"
        }
    }

    /// Fields of `line`, each trimmed and stripped of one pair of surrounding double quotes.
    /// Trailing empty fields (a line ending in a separator, as BioLogic and Parstat write) are
    /// dropped; empty fields elsewhere are kept so that column positions stay right.
    func split(_ line: String) -> [Substring] {
        var fields: [Substring]
        switch self {
        case .comma: fields = FieldSeparator.split(line, at: UInt8(ascii: ","))
        case .semicolon: fields = FieldSeparator.split(line, at: UInt8(ascii: ";"))
        case .tab:
            fields = FieldSeparator.split(line, at: UInt8(ascii: "\t"))
            // A tab-separated line that begins with a tab (Gamry tables) has an empty lead field.
            if let first = fields.first, first.trimmed.isEmpty, fields.count > 1 {
                fields.removeFirst()
            }
        case .whitespace:
            fields = FieldSeparator.split(line, at: UInt8(ascii: " "), orTab: true).filter { !$0.isEmpty }
        }
        fields = fields.map { FieldSeparator.unquote($0.trimmed) }
        while let last = fields.last, last.isEmpty { fields.removeLast() }
        return fields
    }

    /// Pieces of `line` between ASCII `separator` bytes (and tabs, if `orTab`), found on the
    /// UTF-8 view so that no grapheme breaking is needed; empty pieces are kept.
    private static func split(_ line: String, at separator: UInt8, orTab: Bool = false) -> [Substring] {
        var fields: [Substring] = []
        let bytes = line.utf8
        var start = bytes.startIndex
        var index = start
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == separator || (orTab && byte == 0x09) {
                fields.append(Substring(line.unicodeScalars[start..<index]))
                start = bytes.index(after: index)
            }
            index = bytes.index(after: index)
        }
        fields.append(Substring(line.unicodeScalars[start..<bytes.endIndex]))
        return fields
    }

    private static func unquote(_ field: Substring) -> Substring {
        if field.count >= 2, field.first == "\"", field.last == "\"" {
            return field.dropFirst().dropLast().trimmed
        }
        return field
    }
}

/// The outcome of reading one field as a number.
enum ParsedNumber: Equatable {
    case value(Double)
    /// Written as a number but NaN or infinite (`nan`, `inf`, `1e400`).
    case nonFinite
    /// Not a number at all.
    case notANumber
}

/// Strict decimal number parsing: `[+-]digits[.digits][(e|E)[+-]digits]`, with a Unicode minus
/// accepted as `-` and, where allowed, one decimal comma. Hexadecimal floats, thousands
/// separators and embedded spaces are rejected so that a shifted column never parses silently.
enum NumberParser {
    static func parse(_ field: Substring, decimalComma: Bool) -> ParsedNumber {
        // Fast path: a plain ASCII literal needs no copy or rewriting.
        if isDecimalLiteral(field.utf8) {
            guard let value = Double(field) else { return .notANumber }
            return value.isFinite ? .value(value) : .nonFinite
        }
        var text = String(field)
        if text.contains("\u{2212}") { text = text.replacingAll("\u{2212}", with: "-") }
        let lower = text.lowercased()
        let unsigned = lower.hasPrefix("-") || lower.hasPrefix("+") ? String(lower.dropFirst()) : lower
        if unsigned == "nan" || unsigned == "inf" || unsigned == "infinity" { return .nonFinite }
        if decimalComma, !text.contains("."), text.filter({ $0 == "," }).count == 1 {
            text = text.replacingAll(",", with: ".")
        }
        guard isDecimalLiteral(text.utf8), let value = Double(text) else { return .notANumber }
        return value.isFinite ? .value(value) : .nonFinite
    }

    /// Whether `text` is a plain decimal literal (ASCII only).
    static func isDecimalLiteral<Bytes: Collection>(_ text: Bytes) -> Bool where Bytes.Element == UInt8 {
        var bytes = text[...]
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            bytes = bytes.dropFirst()
        }
        var mantissaDigits = 0
        while let byte = bytes.first, isDigit(byte) { mantissaDigits += 1; bytes = bytes.dropFirst() }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            while let byte = bytes.first, isDigit(byte) { mantissaDigits += 1; bytes = bytes.dropFirst() }
        }
        guard mantissaDigits > 0 else { return false }
        if let byte = bytes.first, byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                bytes = bytes.dropFirst()
            }
            var exponentDigits = 0
            while let byte = bytes.first, isDigit(byte) { exponentDigits += 1; bytes = bytes.dropFirst() }
            guard exponentDigits > 0 else { return false }
        }
        return bytes.isEmpty
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}

/// The fields of one data line with its 1-based line number.
struct DataRow: Sendable {
    let line: Int
    let fields: [Substring]

    /// Field `index` (0-based) as a finite number, or a positioned error naming the 1-based
    /// column. A row too short to have the field is an inconsistent row length.
    func number(_ index: Int, decimalComma: Bool, expectedFields: Int) throws -> Double {
        guard index >= 0, index < fields.count else {
            throw DataError.inconsistentRowLength(expected: expectedFields, found: fields.count, line: line)
        }
        let field = fields[index]
        switch NumberParser.parse(field, decimalComma: decimalComma) {
        case .value(let value): return value
        case .nonFinite: throw DataError.nonFinite(text: String(field), line: line, column: index + 1)
        case .notANumber: throw DataError.nonNumeric(text: String(field), line: line, column: index + 1)
        }
    }

    /// Whether every field is written as a number (and there is at least one field). `nan`
    /// and `inf` count as numbers here, so a data row holding them is reported as non-finite
    /// rather than mistaken for a header.
    func isNumeric(decimalComma: Bool) -> Bool {
        !fields.isEmpty && fields.allSatisfy {
            NumberParser.parse($0, decimalComma: decimalComma) != .notANumber
        }
    }
}

extension String {
    /// Every occurrence of `target` replaced by `replacement` (no Foundation needed).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        return split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
