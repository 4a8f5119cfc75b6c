import CellDiagnostics

/// Canonical layout for `cell fmt`: two spaces per open bracket or block, no trailing
/// whitespace, at most one blank line in a row, one final newline. It never changes tokens
/// (comments, spelling of units, `;`-separated steps stay as written), so the result parses to
/// the same tree; `format` checks that and is idempotent by construction.
public enum RecipeFormatter {
    public static let indent = "  "

    public enum Failure: Error, Equatable {
        /// The input has syntax errors; formatting needs a recipe that parses.
        case syntaxErrors(count: Int)
        /// Internal safety net: the layout changed the meaning (never expected).
        case changedMeaning
    }

    /// The canonically laid-out text of `source`, or why it cannot be formatted.
    public static func format(_ source: String, path: String = "<input>") throws(Failure) -> String {
        let before = DiagnosticBag()
        let original = Parser.parse(SourceFile(path: path, text: source), diagnostics: before)
        guard !before.hasErrors else { throw .syntaxErrors(count: before.errors.count) }
        let formatted = layout(source)
        let after = DiagnosticBag()
        let reparsed = Parser.parse(SourceFile(path: path, text: formatted), diagnostics: after)
        guard !after.hasErrors,
              original.statements.map(\.sExpression) == reparsed.statements.map(\.sExpression) else {
            throw .changedMeaning
        }
        return formatted
    }

    /// The layout pass alone (no parsing).
    public static func layout(_ source: String) -> String {
        var text = source.replacingOccurrences(of: "\r\n", with: "\n")
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var out: [String] = []
        var depth = 0
        var scanner = BracketScanner()
        var blankRun = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            if scanner.inBlockComment {
                // Inside a multi-line comment the text is the author's: keep it as written.
                out.append(String(line.reversed().drop { $0 == " " || $0 == "\t" }.reversed()))
                depth = max(0, depth + scanner.scan(line))
                continue
            }
            let body = line.trimmingWhitespace()
            if body.isEmpty {
                blankRun += 1
                if blankRun == 1, !out.isEmpty { out.append("") }
                continue
            }
            blankRun = 0
            let leadingClosers = body.prefix { $0 == "}" || $0 == ")" || $0 == "]" }.count
            let level = max(0, depth - leadingClosers)
            out.append(String(repeating: indent, count: level) + body)
            depth = max(0, depth + scanner.scan(body))
        }
        while out.last == "" { out.removeLast() }
        return out.joined(separator: "\n") + "\n"
    }
}

/// Counts bracket depth changes on a line, ignoring brackets in strings and comments.
struct BracketScanner {
    private(set) var commentDepth = 0
    var inBlockComment: Bool { commentDepth > 0 }

    /// Net change in open `(`, `[`, `{` on the line; updates the block-comment state.
    mutating func scan(_ line: String) -> Int {
        let chars = Array(line.unicodeScalars)
        var delta = 0
        var i = 0
        var inString = false
        while i < chars.count {
            let c = chars[i], next: Unicode.Scalar? = i + 1 < chars.count ? chars[i + 1] : nil
            if commentDepth > 0 {
                if c == "*", next == "/" { commentDepth -= 1; i += 2; continue }
                if c == "/", next == "*" { commentDepth += 1; i += 2; continue }
                i += 1
                continue
            }
            if inString {
                if c == "\\" { i += 2; continue }
                if c == "\"" { inString = false }
                i += 1
                continue
            }
            switch c {
            case "\"": inString = true
            case "/" where next == "/": return delta
            case "/" where next == "*":
                commentDepth += 1
                i += 2
                continue
            case "`":
                // A quoted name: skip to the closing backtick.
                i += 1
                while i < chars.count, chars[i] != "`" { i += 1 }
            case "(", "[", "{": delta += 1
            case ")", "]", "}": delta -= 1
            default: break
            }
            i += 1
        }
        return delta
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
              let end = scalars.lastIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        return String(scalars[start...end])
    }
}
