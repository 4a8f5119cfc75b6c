/// Renders diagnostics as `file:line:col: error: message`, the source line, and a caret
/// underline. Independent of the parser: it needs only spans and source files.
public struct DiagnosticRenderer: Sendable {
    /// Use ANSI colours (only when writing to a terminal).
    public var color: Bool

    public init(color: Bool = false) { self.color = color }

    public func render(_ d: Diagnostic) -> String {
        var out = header(severity: d.severity, text: d.message.text, span: d.span)
        if let span = d.span { out += excerpt(span) }
        for note in d.notes {
            out += header(severity: .note, text: note.text, span: note.span)
            if let span = note.span { out += excerpt(span) }
        }
        return out
    }

    public func render(_ ds: [Diagnostic]) -> String {
        ds.map(render).joined()
    }

    private func header(severity: Severity, text: String, span: Span?) -> String {
        var prefix = ""
        if let span {
            let (line, col) = span.file.location(of: span.start)
            prefix = "\(span.file.path):\(line):\(col): "
        }
        let label = severity.rawValue
        let coloredLabel: String
        if color {
            let code = severity == .error ? "31" : severity == .warning ? "33" : "36"
            coloredLabel = "\u{1B}[1;\(code)m\(label):\u{1B}[0m"
        } else {
            coloredLabel = "\(label):"
        }
        return "\(prefix)\(coloredLabel) \(text)\n"
    }

    /// The source line with a gutter and a `^~~~` marker under the span (first line only).
    private func excerpt(_ span: Span) -> String {
        let file = span.file
        let (line, fullCol) = file.location(of: span.start)
        let fullText = file.lineText(line)
        let scalars = fullText.unicodeScalars
        let count = scalars.count
        let (endLine, endCol) = file.location(of: span.end)
        var width: Int
        if endLine == line {
            width = max(1, endCol - fullCol)
        } else {
            width = max(1, count - fullCol + 1)
        }
        // A long line is cut to a window around the caret, marked with `…` on each cut side.
        var col = fullCol
        var shown = fullText
        if count > Self.maxExcerptWidth {
            let start = max(0, min(col - 1 - Self.maxExcerptWidth / 2, count - Self.maxExcerptWidth))
            let end = min(count, start + Self.maxExcerptWidth)
            let from = scalars.index(scalars.startIndex, offsetBy: start)
            let to = scalars.index(from, offsetBy: end - start)
            shown = (start > 0 ? "…" : "") + String(scalars[from..<to]) + (end < count ? "…" : "")
            let caret = col - 1  // 0-based position of the caret in the whole line
            width = max(1, min(caret + width, end) - caret)
            col = caret - start + 1 + (start > 0 ? 1 : 0)
        }
        let lineText = shown.replacingTabs()
        let gutter = String(line)
        let pad = String(repeating: " ", count: gutter.count)
        var marker = String(repeating: " ", count: max(0, col - 1)) + "^"
        if width > 1 { marker += String(repeating: "~", count: width - 1) }
        if color { marker = "\u{1B}[1;32m" + marker + "\u{1B}[0m" }
        return " \(gutter) | \(lineText)\n \(pad) | \(marker)\n"
    }

    /// Widest excerpt of a source line, in characters: a recipe written as one huge line
    /// must not be printed whole under every error.
    public static let maxExcerptWidth = 160
}

extension String {
    /// Tabs become single spaces so that the caret column stays right; other control
    /// characters become their visible pictures (NUL as `␀`, ESC as `␛`), one column each, so
    /// a stranger's recipe cannot send raw control bytes or escape sequences to the terminal.
    fileprivate func replacingTabs() -> String {
        guard utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 }) else { return self }
        var result = ""
        result.unicodeScalars.append(contentsOf: unicodeScalars.map { scalar -> Unicode.Scalar in
            switch scalar.value {
            case 0x09: return " "
            case 0x00..<0x20: return Unicode.Scalar(0x2400 + scalar.value) ?? "\u{FFFD}"
            case 0x7F: return "\u{2421}"
            case 0x80..<0xA0: return "\u{FFFD}"
            default: return scalar
            }
        })
        return result
    }
}

/// "Did you mean" support: the closest candidate by edit distance, if it is close enough.
public enum Suggestions {
    /// Returns the candidate with the smallest Damerau–Levenshtein distance, provided the
    /// distance is at most a third of the name's length (at least 1, at most 3).
    public static func closest(to name: String, in candidates: [String]) -> String? {
        let limit = min(3, max(1, name.count / 3))
        var best: (String, Int)?
        for c in candidates where c != name {
            let d = distance(name.lowercased(), c.lowercased())
            if d <= limit, d < (best?.1 ?? Int.max) { best = (c, d) }
        }
        return best?.0
    }

    /// Optimal-string-alignment distance (insert, delete, substitute, transpose adjacent).
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = Swift.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = Swift.min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
