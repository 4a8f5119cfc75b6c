import CellDiagnostics

/// The reserved words of the language. Every other word (the step words `charge`, `rest`,
/// `until`, the connectives `on`, `vs`, `vary`, `per`, `step`, and `load`, `circuit`,
/// `interface`, ...) is a contextual keyword: an identifier whose text the parser checks
/// only where it has a meaning, so `step` or `rest` remain usable as variable names.
public enum Keyword: String, Sendable, CaseIterable {
    case `let`, fn, print, expect, within, `for`, `in`, `if`, `else`, use, `return`
    case material, from, cell, layer, interlayer, `protocol`, run, fit, export, plot, table
    case and, or, not, `true`, `false`, to, at
}

/// The kind of a token. Payloads (names, numbers, exponents) live on `Token`.
public enum TokenKind: Hashable, Sendable {
    /// A name: `sigma_ion`, `Ω`, `degC` (from `°C`), `wt%`, or a backtick-quoted name.
    case identifier
    case keyword(Keyword)
    /// A number literal; the value is `Token.number`.
    case number
    /// A string literal; the decoded text is `Token.text`.
    case string
    /// A run of superscript digits such as `²` or `⁻¹`; the value is `Token.exponent`.
    case superscript
    case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
    case comma, colon, semicolon, dot, equal
    /// `*` and its synonym `·`.
    case star
    case plus, minus, slash, caret, percent, pipe
    case less, lessEqual, greater, greaterEqual, equalEqual, bangEqual
    /// `≈` and its ASCII spelling `~=`.
    case approx
    /// Something the lexer could not read; it has already reported why.
    case invalid
    case endOfFile
}

/// One lexeme with its byte span and whether a line break came before it.
public struct Token: Sendable {
    public var kind: TokenKind
    /// Identifier name (normalised: `°C` → `degC`, backticks removed), decoded string
    /// contents, or the source lexeme for every other kind.
    public var text: String
    /// The value of a `.number` token (0 otherwise).
    public var number: Double
    /// The value of a `.superscript` token (0 otherwise).
    public var exponent: Int
    public var span: Span
    /// True when at least one line break separates this token from the previous one
    /// (or when it is the first token of the file). Newlines end statements.
    public var precededByNewline: Bool
    /// True for a backtick-quoted identifier, which is never read as a contextual keyword.
    public var isQuoted: Bool

    public init(kind: TokenKind, text: String, span: Span, precededByNewline: Bool,
                number: Double = 0, exponent: Int = 0, isQuoted: Bool = false) {
        self.kind = kind
        self.text = text
        self.number = number
        self.exponent = exponent
        self.span = span
        self.precededByNewline = precededByNewline
        self.isQuoted = isQuoted
    }

    /// True for an unquoted identifier spelled `word` (a contextual keyword in that position).
    public func isWord(_ word: String) -> Bool {
        kind == .identifier && !isQuoted && text == word
    }

    /// How the token reads in a message: `` `x` ``, `end of file`, `string "a"`.
    public var description: String {
        switch kind {
        case .endOfFile: return "end of file"
        case .string: return "string \"\(text)\""
        case .number: return "number `\(span.text)`"
        case .identifier: return "`\(text)`"
        case .keyword(let k): return "keyword `\(k.rawValue)`"
        default: return "`\(span.text)`"
        }
    }
}
