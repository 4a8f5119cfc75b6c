import CellDiagnostics

/// Every message the lexer and the parser can produce. Unit tests assert the case; golden
/// files assert the rendered `text`. Texts are lowercase, with no final period, and quote
/// source text in backticks.
public enum SyntaxMessage: DiagnosticMessage, Equatable {
    // Lexical errors.
    /// A character that starts no token, e.g. `?` or `$`.
    case unexpectedCharacter(String)
    /// A U+FFFD replacement character: the file was not valid UTF-8 at this point.
    case invalidEncoding
    /// A NUL byte in the source.
    case nulCharacter
    /// A `"` with no closing `"` on the same line.
    case unterminatedString
    /// A `/*` with no matching `*/`.
    case unterminatedComment
    /// A `` ` `` with no closing backtick on the same line, or an empty quoted name.
    case unterminatedQuotedIdentifier
    case emptyQuotedIdentifier
    /// A backslash escape other than `\n \t \" \\`.
    case invalidEscape(String)
    /// A malformed number: `1_`, `1e+`, `1e999`.
    case invalidNumber(String)
    /// A superscript minus with no superscript digits after it.
    case invalidSuperscript

    // Syntax errors.
    /// `expected \(expected), found \(found)`: `expected` is already phrased (`` `=` ``, `a name`).
    case expectedToken(expected: String, found: String)
    /// A bracket or brace that was never closed; the diagnostic's note points at the opener.
    case unclosedDelimiter(closing: String, opening: String, line: Int)
    /// A closing bracket with nothing to close.
    case unexpectedClosingDelimiter(String)
    case expectedExpression(found: String)
    case expectedStatement(found: String)
    /// Two statements on one line without `;` between them.
    case missingSeparator
    /// `a < b < c`: comparisons do not chain.
    case chainedComparison
    /// `x in foo` where `foo` is not a unit symbol.
    case unknownUnit(name: String, suggestion: String?)
    case expectedUnit(found: String)
    /// `cm2` after a number or in `mA/cm2`: a unit power needs `^` or a superscript.
    case unitPowerWithoutCaret(written: String, suggestion: String)
    /// A word in a protocol that is not a step.
    case unknownStep(name: String, suggestion: String?)
    case expectedStep(found: String)
    /// A word after a step where only a limit (`until`, `for`) or the end of the step fits.
    case unknownLimit(name: String, suggestion: String?)
    /// Something in a `cell { }` body that is not a field, layer, interlayer, interface or let.
    case expectedCellItem(found: String)
    /// Something in a `material { }` or layer `{ }` body that is not `name = value`.
    case expectedField(found: String)
    /// More nested brackets, blocks or prefix operators than `Parser.maxNestingDepth`.
    case nestingTooDeep(limit: Int)

    public var text: String {
        switch self {
        case .unexpectedCharacter(let c): return "unexpected character \(Self.visible(c))" + Self.characterHint(c)
        case .invalidEncoding: return "invalid UTF-8 byte sequence"
        case .nulCharacter: return "NUL character in source"
        case .unterminatedString: return "unterminated string literal"
        case .unterminatedComment: return "unterminated block comment (missing `*/`)"
        case .unterminatedQuotedIdentifier: return "unterminated quoted name (missing closing backtick)"
        case .emptyQuotedIdentifier: return "empty quoted name"
        case .invalidEscape(let e): return "invalid escape sequence `\(e)` (use \\n, \\t, \\\" or \\\\)"
        case .invalidNumber(let n): return "invalid number `\(n)`"
        case .invalidSuperscript: return "superscript minus must be followed by superscript digits"
        case .expectedToken(let expected, let found): return "expected \(expected), found \(found)"
        case .unclosedDelimiter(let closing, let opening, let line):
            return "`\(closing)` expected (to close `\(opening)` at line \(line))"
        case .unexpectedClosingDelimiter(let d): return "unexpected `\(d)` with nothing to close"
        case .expectedExpression(let found): return "expected expression, found \(found)"
        case .expectedStatement(let found): return "expected statement, found \(found)"
        case .missingSeparator: return "expected newline or `;` after statement"
        case .chainedComparison: return "comparisons cannot be chained; use `and`"
        case .unknownUnit(let name, let suggestion):
            return "unknown unit `\(name)`" + Self.hint(suggestion)
        case .expectedUnit(let found): return "expected unit, found \(found)"
        case .unitPowerWithoutCaret(let written, let suggestion):
            return "unit powers need `^`: write `\(suggestion)` (or a superscript), not `\(written)`"
        case .unknownStep(let name, let suggestion):
            return "unknown protocol step `\(name)`" + Self.hint(suggestion)
                + "; steps are " + Self.stepList
        case .unknownLimit(let name, let suggestion):
            return "unexpected `\(name)` after step" + Self.hint(suggestion)
                + "; a step ends at a line break or `;`, its limits are `until` and `for`"
        case .expectedStep(let found): return "expected protocol step, found \(found); steps are " + Self.stepList
        case .expectedCellItem(let found):
            return "expected field, `layer`, `interlayer`, `interface` or `let` in cell, found \(found)"
        case .expectedField(let found): return "expected field (`name = value`), found \(found)"
        case .nestingTooDeep(let limit):
            return "nesting too deep (more than \(limit) levels of brackets, blocks and operators)"
        }
    }

    public var id: String {
        let name: String
        switch self {
        case .unexpectedCharacter: name = "unexpectedCharacter"
        case .invalidEncoding: name = "invalidEncoding"
        case .nulCharacter: name = "nulCharacter"
        case .unterminatedString: name = "unterminatedString"
        case .unterminatedComment: name = "unterminatedComment"
        case .unterminatedQuotedIdentifier: name = "unterminatedQuotedIdentifier"
        case .emptyQuotedIdentifier: name = "emptyQuotedIdentifier"
        case .invalidEscape: name = "invalidEscape"
        case .invalidNumber: name = "invalidNumber"
        case .invalidSuperscript: name = "invalidSuperscript"
        case .expectedToken: name = "expectedToken"
        case .unclosedDelimiter: name = "unclosedDelimiter"
        case .unexpectedClosingDelimiter: name = "unexpectedClosingDelimiter"
        case .expectedExpression: name = "expectedExpression"
        case .expectedStatement: name = "expectedStatement"
        case .missingSeparator: name = "missingSeparator"
        case .chainedComparison: name = "chainedComparison"
        case .unknownUnit: name = "unknownUnit"
        case .expectedUnit: name = "expectedUnit"
        case .unitPowerWithoutCaret: name = "unitPowerWithoutCaret"
        case .unknownStep: name = "unknownStep"
        case .expectedStep: name = "expectedStep"
        case .unknownLimit: name = "unknownLimit"
        case .expectedCellItem: name = "expectedCellItem"
        case .expectedField: name = "expectedField"
        case .nestingTooDeep: name = "nestingTooDeep"
        }
        return "syntax." + name
    }

    /// The step words of LANGUAGE.md §6, in the order the error lists them.
    public static let stepWords = [
        "charge", "discharge", "rest", "hold", "polarize", "plate", "strip", "eis", "ccd",
        "set", "repeat", "for",
    ]

    private static var stepList: String {
        stepWords.map { "`\($0)`" }.joined(separator: ", ")
    }

    /// What a stray character usually meant, for habits from other languages.
    /// A character as a message shows it: in backticks, or as `U+FEFF` when it would be
    /// invisible (control, format and space characters, such as a stray byte-order mark).
    private static func visible(_ c: String) -> String {
        let invisible = c.unicodeScalars.contains {
            $0.properties.generalCategory == .control || $0.properties.generalCategory == .format
                || $0.properties.isWhitespace
        }
        guard invisible else { return "`\(c)`" }
        return c.unicodeScalars.map { scalar -> String in
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }.joined(separator: " ")
    }

    private static func characterHint(_ c: String) -> String {
        switch c {
        case "'": return " (strings use double quotes)"
        case "#": return " (comments start with `//`)"
        case "&": return " (use `and`)"
        case "!": return " (use `not`, or `!=`)"
        case "~": return " (use `≈` or `~=`)"
        case "@": return " (write `at` before a temperature)"
        case "°": return " (write `°C` or `degC`; other degree units do not exist)"
        default: return ""
        }
    }

    private static func hint(_ suggestion: String?) -> String {
        suggestion.map { " (did you mean `\($0)`?)" } ?? ""
    }
}
