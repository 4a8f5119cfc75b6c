// HTML escaping, the report's style sheet and SVG inlining.

enum HTML {
    /// Escapes text for element content and double-quoted attributes.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// Source text escaped, each line in a `<span class="line">` so the style sheet can number
    /// the lines (matching the `file:line:column` positions) without the numbers being copied.
    static func numberedLines(_ source: String) -> String {
        // "\r\n" is one Character in Swift, so both line ends are matched explicitly.
        var lines = source.split(omittingEmptySubsequences: false,
                                 whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines.map { "<span class=\"line\">\(escape($0))</span>" }.joined(separator: "\n") + "\n"
    }

    /// SVG markup ready to sit inside HTML: anything before `<svg` (an XML declaration or
    /// doctype, which HTML does not allow there) is dropped. Text without an `<svg` element is
    /// shown escaped instead of being injected.
    static func inlineSVG(_ svg: String) -> String {
        guard let start = svg.range(of: "<svg") else {
            return "<pre>\(escape(svg))</pre>\n"
        }
        let body = svg[start.lowerBound...]
        return body.hasSuffix("\n") ? String(body) : String(body) + "\n"
    }

    static func head(title: String) -> String {
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            + "<title>\(escape(title))</title>\n<style>\n\(styleSheet)</style>\n</head>\n<body>\n"
    }

    /// A small, print-friendly style sheet (no external fonts or scripts).
    static let styleSheet = """
        body { font-family: sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
               color: #222; line-height: 1.45; }
        h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
        h2 { font-size: 1.2rem; border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; margin-top: 2rem; }
        .meta { color: #555; font-size: 0.9rem; }
        code, pre { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.85rem; }
        pre { background: #f6f6f6; border: 1px solid #e2e2e2; padding: 0.6rem 0.8rem; overflow-x: auto; }
        pre.recipe { counter-reset: line; }
        pre.recipe .line { counter-increment: line; }
        pre.recipe .line::before { content: counter(line); display: inline-block; width: 2.5em; margin-right: 0.8em;
                                   text-align: right; color: #999; user-select: none; }
        figure { margin: 1.2rem 0; text-align: center; }
        figure svg { max-width: 100%; height: auto; }
        figcaption { color: #444; font-size: 0.9rem; }
        table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
        th, td { border: 1px solid #ddd; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
        th { background: #f0f0f0; }
        tr.pass td.verdict { color: #1b7837; font-weight: bold; }
        tr.fail td.verdict { color: #b2182b; font-weight: bold; }
        tr.fail { background: #fdf0f0; }
        .summary { font-weight: bold; padding: 0.4rem 0.6rem; border-radius: 4px; display: inline-block; }
        .summary.pass { background: #e7f4ea; color: #1b7837; }
        .summary.fail { background: #fbe6e6; color: #b2182b; }
        footer { margin-top: 2.5rem; color: #666; font-size: 0.8rem; border-top: 1px solid #ddd; padding-top: 0.6rem; }

        """
}
