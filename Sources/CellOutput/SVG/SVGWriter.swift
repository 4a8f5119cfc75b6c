// A tiny SVG emitter: escaped text, finite coordinates only, deterministic number text.

/// Text anchoring of an SVG `<text>` element.
enum TextAnchor: String {
    case start, middle, end
}

/// Builds one SVG document. Every element whose coordinates are not all finite is dropped,
/// so no `NaN` or `inf` can reach the output.
struct SVGWriter {
    let width: Double
    let height: Double
    private var body: [String] = []

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// The whole document, without an XML declaration (so it can also be inlined in HTML).
    func document(title: String) -> String {
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
        out += "width=\"\(Self.number(width))\" height=\"\(Self.number(height))\" "
        out += "viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\" "
        out += "font-family=\"sans-serif\" role=\"img\">\n"
        out += "<title>\(Self.escape(title))</title>\n"
        out += body.joined(separator: "\n")
        return out + "\n</svg>\n"
    }

    mutating func raw(_ element: String) {
        body.append(element)
    }

    mutating func openGroup(_ attributes: String) {
        body.append("<g \(attributes)>")
    }

    mutating func closeGroup() {
        body.append("</g>")
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String,
                       stroke: String? = nil, strokeWidth: Double = 1, opacity: Double? = nil) {
        guard Self.finite(x, y, width, height) else { return }
        var element = "<rect x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" "
        element += "width=\"\(Self.number(width))\" height=\"\(Self.number(height))\" fill=\"\(fill)\""
        if let opacity { element += " fill-opacity=\"\(Self.number(opacity))\"" }
        if let stroke { element += " stroke=\"\(stroke)\" stroke-width=\"\(Self.number(strokeWidth))\"" }
        body.append(element + "/>")
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String,
                       width: Double = 1, dash: String? = nil) {
        guard Self.finite(x1, y1, x2, y2) else { return }
        var element = "<line x1=\"\(Self.number(x1))\" y1=\"\(Self.number(y1))\" "
        element += "x2=\"\(Self.number(x2))\" y2=\"\(Self.number(y2))\" stroke=\"\(stroke)\" "
        element += "stroke-width=\"\(Self.number(width))\""
        if let dash { element += " stroke-dasharray=\"\(dash)\"" }
        body.append(element + "/>")
    }

    mutating func polyline(_ points: [Point], stroke: String, width: Double, dash: String? = nil) {
        let finitePoints = points.filter { Self.finite($0.x, $0.y) }
        guard finitePoints.count >= 2 else { return }
        let list = finitePoints.map { Self.number($0.x) + "," + Self.number($0.y) }.joined(separator: " ")
        var element = "<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" "
        element += "stroke-width=\"\(Self.number(width))\" stroke-linejoin=\"round\" stroke-linecap=\"round\""
        if let dash { element += " stroke-dasharray=\"\(dash)\"" }
        body.append(element + "/>")
    }

    /// A closed path through `points` (used for marker shapes).
    mutating func polygon(_ points: [Point], fill: String, stroke: String, strokeWidth: Double) {
        guard points.count >= 3, points.allSatisfy({ Self.finite($0.x, $0.y) }) else { return }
        let list = points.map { Self.number($0.x) + "," + Self.number($0.y) }.joined(separator: " ")
        body.append("<polygon points=\"\(list)\" fill=\"\(fill)\" stroke=\"\(stroke)\" "
            + "stroke-width=\"\(Self.number(strokeWidth))\"/>")
    }

    mutating func circle(_ center: Point, radius: Double, fill: String, stroke: String, strokeWidth: Double) {
        guard Self.finite(center.x, center.y, radius) else { return }
        body.append("<circle cx=\"\(Self.number(center.x))\" cy=\"\(Self.number(center.y))\" "
            + "r=\"\(Self.number(radius))\" fill=\"\(fill)\" stroke=\"\(stroke)\" "
            + "stroke-width=\"\(Self.number(strokeWidth))\"/>")
    }

    /// Text at a baseline point; `rotation` in degrees (clockwise, about the point).
    mutating func text(_ string: String, x: Double, y: Double, size: Double,
                       anchor: TextAnchor = .start, fill: String = PlotStyle.ink,
                       bold: Bool = false, italic: Bool = false, rotation: Double? = nil) {
        guard Self.finite(x, y, size), !string.isEmpty else { return }
        var element = "<text x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" "
        element += "font-size=\"\(Self.number(size))\""
        if anchor != .start { element += " text-anchor=\"\(anchor.rawValue)\"" }
        if fill != PlotStyle.ink { element += " fill=\"\(fill)\"" }
        if bold { element += " font-weight=\"bold\"" }
        if italic { element += " font-style=\"italic\"" }
        if let rotation, rotation.isFinite {
            element += " transform=\"rotate(\(Self.number(rotation)) \(Self.number(x)) \(Self.number(y)))\""
        }
        body.append(element + ">" + Self.escape(string) + "</text>")
    }

    // MARK: - Text of numbers and strings

    /// Coordinates rounded to 0.01 px, shortest text, never `-0`.
    static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        let clean = rounded == 0 ? 0 : rounded
        return NumberText.shortest(clean) ?? "0"
    }

    /// XML text/attribute escaping; control characters other than tab and newline (which XML
    /// 1.0 cannot carry) become U+FFFD.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func finite(_ values: Double...) -> Bool {
        values.allSatisfy(\.isFinite)
    }
}

/// A point in SVG pixel coordinates (y grows downward).
struct Point: Equatable {
    var x: Double
    var y: Double
}

/// An axis-aligned rectangle in SVG pixel coordinates.
struct Rect: Equatable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    var maxX: Double { x + width }
    var maxY: Double { y + height }

    func contains(_ p: Point, tolerance: Double = 0) -> Bool {
        p.x >= x - tolerance && p.x <= maxX + tolerance && p.y >= y - tolerance && p.y <= maxY + tolerance
    }

    func intersects(_ other: Rect) -> Bool {
        x < other.maxX && other.x < maxX && y < other.maxY && other.y < maxY
    }
}
