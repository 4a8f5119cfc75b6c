// Colours, marker shapes, type sizes and a text-width estimate shared by every plot.

/// Visual constants of all plots.
enum PlotStyle {
    /// Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"), distinguishable with
    /// the common colour-vision deficiencies; yellow is left out (too faint on white).
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
    /// Text and frame colour (near-black reads softer than pure black in print).
    static let ink = "#222222"
    /// Major grid lines: light enough to stay behind the data.
    static let grid = "#E3E3E3"
    /// Minor grid lines of logarithmic axes.
    static let minorGrid = "#F1F1F1"
    /// Reference lines (zero line, vertical markers).
    static let reference = "#666666"
    /// Notes such as "no data".
    static let muted = "#888888"

    static let titleSize = 16.0
    static let labelSize = 14.0
    static let tickLabelSize = 12.0
    static let legendSize = 12.0
    static let noteSize = 11.0
    /// Tick lengths in px (major outward ticks, minor ticks of log axes).
    static let majorTick = 5.0
    static let minorTick = 3.0
    /// Line width of data series in px.
    static let lineWidth = 1.8
    /// Marker half-size in px.
    static let markerRadius = 3.4

    static func colour(_ index: Int) -> String {
        palette[((index % palette.count) + palette.count) % palette.count]
    }

    /// Estimated advance width of `text` in px at `size`, for layout decisions (label spacing,
    /// margins, legend boxes). Uses DejaVu Sans-like proportions (the usual `sans-serif` on
    /// Linux, the widest of the common ones), so estimates err on the generous side.
    static func textWidth(_ text: String, size: Double) -> Double {
        var em = 0.0
        for character in text {
            switch character {
            case "i", "l", "j", "I", ".", ",", ":", ";", "'", "|", "!": em += 0.30
            case " ", "f", "t", "r", "(", ")", "[", "]", "/": em += 0.40
            case "m", "w", "M", "W": em += 0.90
            case "A"..."Z", "Ω": em += 0.72
            case "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹", "⁻", "′", "″": em += 0.40
            default: em += 0.62
            }
        }
        return em * size
    }
}

/// Marker shapes; cycled together with colours so series stay distinguishable in grey print.
public enum MarkerShape: String, Sendable, CaseIterable {
    case circle, square, triangle, diamond, invertedTriangle

    static func cycled(_ index: Int) -> MarkerShape {
        allCases[((index % allCases.count) + allCases.count) % allCases.count]
    }
}

extension SVGWriter {
    /// Draws one marker centred on `center`, filled with `colour` and a thin white outline so
    /// overlapping markers stay readable.
    mutating func marker(_ shape: MarkerShape, at center: Point, colour: String,
                         radius: Double = PlotStyle.markerRadius, hollow: Bool = false) {
        let fill = hollow ? "#FFFFFF" : colour
        let stroke = hollow ? colour : "#FFFFFF"
        let strokeWidth = hollow ? 1.3 : 0.6
        let r = radius
        switch shape {
        case .circle:
            circle(center, radius: r, fill: fill, stroke: stroke, strokeWidth: strokeWidth)
        case .square:
            let s = r * 0.9
            polygon([Point(x: center.x - s, y: center.y - s), Point(x: center.x + s, y: center.y - s),
                     Point(x: center.x + s, y: center.y + s), Point(x: center.x - s, y: center.y + s)],
                    fill: fill, stroke: stroke, strokeWidth: strokeWidth)
        case .triangle:
            let s = r * 1.2
            polygon([Point(x: center.x, y: center.y - s), Point(x: center.x + s * 0.94, y: center.y + s * 0.62),
                     Point(x: center.x - s * 0.94, y: center.y + s * 0.62)],
                    fill: fill, stroke: stroke, strokeWidth: strokeWidth)
        case .invertedTriangle:
            let s = r * 1.2
            polygon([Point(x: center.x, y: center.y + s), Point(x: center.x + s * 0.94, y: center.y - s * 0.62),
                     Point(x: center.x - s * 0.94, y: center.y - s * 0.62)],
                    fill: fill, stroke: stroke, strokeWidth: strokeWidth)
        case .diamond:
            let s = r * 1.25
            polygon([Point(x: center.x, y: center.y - s), Point(x: center.x + s, y: center.y),
                     Point(x: center.x, y: center.y + s), Point(x: center.x - s, y: center.y)],
                    fill: fill, stroke: stroke, strokeWidth: strokeWidth)
        }
    }
}
