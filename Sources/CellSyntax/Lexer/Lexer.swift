import CellDiagnostics

/// Turns the UTF-8 bytes of a source file into tokens (LANGUAGE.md §1).
///
/// The lexer never stops at an error: it reports a positioned diagnostic, emits an `.invalid`
/// token where something unreadable stood (so the parser can stay quiet about it), and goes
/// on. The token list always ends with exactly one `.endOfFile`.
public struct Lexer {
    let file: SourceFile
    let bytes: [UInt8]
    let diagnostics: DiagnosticBag
    var position = 0
    var tokens: [Token] = []
    /// Whether a line break was skipped since the last token.
    var sawNewline = true

    public init(file: SourceFile, diagnostics: DiagnosticBag) {
        self.file = file
        self.bytes = file.bytes
        self.diagnostics = diagnostics
    }

    /// All tokens of `file`, ending with `.endOfFile`; lexical errors go to `diagnostics`.
    public static func tokenize(_ file: SourceFile, diagnostics: DiagnosticBag) -> [Token] {
        var lexer = Lexer(file: file, diagnostics: diagnostics)
        return lexer.tokenize()
    }

    public mutating func tokenize() -> [Token] {
        position = 0
        tokens = []
        sawNewline = true
        let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
        if bytes.starts(with: byteOrderMark) { position = byteOrderMark.count }
        while true {
            let before = position
            skipTrivia()
            guard position < bytes.count else { break }
            scanToken()
            // Progress: every scan consumes at least one byte.
            assert(position > before, "lexer made no progress")
        }
        tokens.append(Token(kind: .endOfFile, text: "", span: span(bytes.count, bytes.count),
                            precededByNewline: true))
        return tokens
    }

    // MARK: - Helpers

    func span(_ start: Int, _ end: Int) -> Span { Span(file: file, start: start, end: end) }

    func byte(at offset: Int) -> UInt8? { offset < bytes.count ? bytes[offset] : nil }

    /// The Unicode scalar starting at `offset` and its length in bytes. The text came from a
    /// Swift `String`, so it is valid UTF-8; a truncated sequence still reads as U+FFFD.
    func scalar(at offset: Int) -> (Unicode.Scalar, Int) {
        let lead = bytes[offset]
        let length: Int
        switch lead {
        case 0..<0x80: return (Unicode.Scalar(lead), 1)
        case 0xC0..<0xE0: length = 2
        case 0xE0..<0xF0: length = 3
        case 0xF0..<0xF8: length = 4
        default: return (Unicode.Scalar(0xFFFD)!, 1)
        }
        guard offset + length <= bytes.count else { return (Unicode.Scalar(0xFFFD)!, 1) }
        var value = UInt32(lead) & (0xFF >> (length + 1))
        for i in 1..<length {
            let b = bytes[offset + i]
            guard b & 0xC0 == 0x80 else { return (Unicode.Scalar(0xFFFD)!, 1) }
            value = value << 6 | UInt32(b & 0x3F)
        }
        return (Unicode.Scalar(value) ?? Unicode.Scalar(0xFFFD)!, length)
    }

    mutating func add(_ kind: TokenKind, from start: Int, text: String? = nil,
                      number: Double = 0, exponent: Int = 0, isQuoted: Bool = false) {
        let s = span(start, position)
        tokens.append(Token(kind: kind, text: text ?? s.text, span: s, precededByNewline: sawNewline,
                            number: number, exponent: exponent, isQuoted: isQuoted))
        sawNewline = false
    }

    func error(_ message: SyntaxMessage, _ start: Int, _ end: Int) {
        diagnostics.error(message, at: span(start, end))
    }

    // MARK: - Trivia

    /// Skips spaces, tabs, carriage returns, Unicode spaces, line breaks and comments.
    mutating func skipTrivia() {
        while position < bytes.count {
            let b = bytes[position]
            switch b {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), 0x0B, 0x0C:
                position += 1
            case UInt8(ascii: "\n"):
                sawNewline = true
                position += 1
            case UInt8(ascii: "/") where byte(at: position + 1) == UInt8(ascii: "/"):
                while position < bytes.count, bytes[position] != UInt8(ascii: "\n") { position += 1 }
            case UInt8(ascii: "/") where byte(at: position + 1) == UInt8(ascii: "*"):
                skipBlockComment()
            case 0x80...:
                let (s, length) = scalar(at: position)
                guard s.properties.isWhitespace else { return }
                if s == "\u{2028}" || s == "\u{2029}" || s == "\u{85}" { sawNewline = true }
                position += length
            default:
                return
            }
        }
    }

    /// `/* ... */`, nestable. An unterminated comment is reported at its opening `/*`.
    mutating func skipBlockComment() {
        let start = position
        var depth = 0
        while position < bytes.count {
            if bytes[position] == UInt8(ascii: "/"), byte(at: position + 1) == UInt8(ascii: "*") {
                depth += 1
                position += 2
            } else if bytes[position] == UInt8(ascii: "*"), byte(at: position + 1) == UInt8(ascii: "/") {
                depth -= 1
                position += 2
                if depth == 0 { return }
            } else {
                if bytes[position] == UInt8(ascii: "\n") { sawNewline = true }
                position += 1
            }
        }
        error(.unterminatedComment, start, start + 2)
    }

    // MARK: - Tokens

    mutating func scanToken() {
        let start = position
        let b = bytes[position]
        if isIdentifierStart(b) { return scanIdentifier() }
        if isDigit(b) { return scanNumber() }
        position += 1
        let next = byte(at: position)
        switch b {
        case UInt8(ascii: "("): add(.leftParen, from: start)
        case UInt8(ascii: ")"): add(.rightParen, from: start)
        case UInt8(ascii: "["): add(.leftBracket, from: start)
        case UInt8(ascii: "]"): add(.rightBracket, from: start)
        case UInt8(ascii: "{"): add(.leftBrace, from: start)
        case UInt8(ascii: "}"): add(.rightBrace, from: start)
        case UInt8(ascii: ","): add(.comma, from: start)
        case UInt8(ascii: ":"): add(.colon, from: start)
        case UInt8(ascii: ";"): add(.semicolon, from: start)
        case UInt8(ascii: "."): add(.dot, from: start)
        case UInt8(ascii: "+"): add(.plus, from: start)
        case UInt8(ascii: "-"): add(.minus, from: start)
        case UInt8(ascii: "*"): add(.star, from: start)
        case UInt8(ascii: "/"): add(.slash, from: start)
        case UInt8(ascii: "^"): add(.caret, from: start)
        case UInt8(ascii: "%"): add(.percent, from: start)
        case UInt8(ascii: "|"): add(.pipe, from: start)
        case UInt8(ascii: "="): addPair(next == UInt8(ascii: "="), .equalEqual, .equal, start)
        case UInt8(ascii: "<"): addPair(next == UInt8(ascii: "="), .lessEqual, .less, start)
        case UInt8(ascii: ">"): addPair(next == UInt8(ascii: "="), .greaterEqual, .greater, start)
        case UInt8(ascii: "!") where next == UInt8(ascii: "="): addPair(true, .bangEqual, .bangEqual, start)
        case UInt8(ascii: "~") where next == UInt8(ascii: "="): addPair(true, .approx, .approx, start)
        case UInt8(ascii: "\""): scanString(from: start)
        case UInt8(ascii: "`"): scanQuotedIdentifier(from: start)
        case 0:
            error(.nulCharacter, start, position)
            add(.invalid, from: start)
        case 0x80...:
            position = start
            scanNonASCII()
        default:
            error(.unexpectedCharacter(String(UnicodeScalar(b))), start, position)
            add(.invalid, from: start)
        }
    }

    /// Adds the two-character token when `long` (consuming the second byte), else the short one.
    mutating func addPair(_ long: Bool, _ longKind: TokenKind, _ shortKind: TokenKind, _ start: Int) {
        if long { position += 1 }
        add(long ? longKind : shortKind, from: start)
    }

    /// Unicode spellings (LANGUAGE.md §1): `·`/`⋅` for `*`, `≈`, `°C`, superscripts, letters.
    mutating func scanNonASCII() {
        let start = position
        let (s, length) = scalar(at: position)
        position += length
        switch s {
        case "·", "⋅": add(.star, from: start)
        case "≈": add(.approx, from: start)
        case "−": add(.minus, from: start)
        case "≤": add(.lessEqual, from: start)
        case "≥": add(.greaterEqual, from: start)
        case "≠": add(.bangEqual, from: start)
        case "℃": add(.identifier, from: start, text: "degC")
        case "°" where byte(at: position) == UInt8(ascii: "C"):
            position += 1
            add(.identifier, from: start, text: "degC")
        case "\u{FFFD}":
            error(.invalidEncoding, start, position)
            add(.invalid, from: start)
        default:
            if Self.superscriptDigits[s] != nil || s == "⁻" || s == "⁺" {
                position = start
                scanSuperscript()
            } else if s.properties.isAlphabetic {
                position = start
                scanIdentifier()
            } else {
                error(.unexpectedCharacter(String(s)), start, position)
                add(.invalid, from: start)
            }
        }
    }
}
