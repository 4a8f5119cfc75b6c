// The general x–y plot (voltage vs capacity, CCD ramps, ...) and the single-panel figure frame.

/// An x–y plot with any number of series, a legend, optional log axes and labelled vertical
/// reference lines. `svg()` never fails: non-finite points are skipped (lines break there),
/// points outside fixed ranges are clipped, and a plot without drawable data shows "no data".
public struct LinePlot: Sendable, Equatable {
    public var title: String
    public var x: Axis
    public var y: Axis
    public var series: [PlotSeries]
    public var verticalMarkers: [VerticalMarker]
    /// A thin line at y = 0.
    public var zeroLine: Bool
    /// Canvas size in px (the SVG viewBox).
    public var width: Double
    public var height: Double

    public init(title: String, x: Axis, y: Axis, series: [PlotSeries],
                verticalMarkers: [VerticalMarker] = [], zeroLine: Bool = false,
                width: Double = PlotCanvas.width, height: Double = PlotCanvas.height) {
        self.title = title
        self.x = x
        self.y = y
        self.series = series
        self.verticalMarkers = verticalMarkers
        self.zeroLine = zeroLine
        self.width = width
        self.height = height
    }

    /// The plot as a standalone SVG document (no XML declaration; also valid inline in HTML).
    public func svg() -> String {
        let (width, height) = PlotCanvas.sanitized(self.width, self.height)
        var panel = SinglePanelLayout.panel(title: title, x: x, y: y, series: series,
                                            extraXValues: verticalMarkers.map(\.x),
                                            width: width, height: height, topAxis: nil)
        panel.verticalMarkers = verticalMarkers
        panel.zeroLine = zeroLine
        return SinglePanelLayout.document(title: title, panels: [panel], width: width, height: height)
    }
}

/// Layout shared by the single-panel plots.
enum SinglePanelLayout {
    /// Target pixel distance between major ticks; sets how many ticks an axis gets.
    static let xTickSpacing = 90.0
    static let yTickSpacing = 64.0
    /// Baseline of the title, from the top of the canvas.
    static let titleBaseline = 24.0
    /// Bold text runs about this much wider than the regular-weight estimate.
    static let titleBoldFactor = 1.1

    /// Resolves axes from the drawable data (plus `extraXValues`, e.g. vertical markers, so
    /// they stay in view) and fits the frame inside the canvas margins.
    static func panel(title: String, x: Axis, y: Axis, series: [PlotSeries], extraXValues: [Double],
                      width: Double, height: Double, topAxis: TopAxis?) -> Panel {
        var xs: [Double] = []
        var ys: [Double] = []
        for s in series {
            for case let (u, v)? in s.drawablePairs(xScale: x.scale, yScale: y.scale) {
                xs.append(u)
                ys.append(v)
            }
        }
        if !xs.isEmpty {
            xs += extraXValues.filter { $0.isFinite && (x.scale == .linear || $0 > 0) }
        }
        let markers = series.contains { $0.style.drawsMarkers }
        let top = Panel.topMargin(hasTitle: !title.isEmpty, hasTopAxis: topAxis != nil)
        let bottom = Panel.bottomMargin(showXLabel: true)
        let frameHeight = max(40, height - top - bottom)
        let yAxis = ResolvedAxis.resolve(y, values: ys, padForMarkers: markers,
                                         targetCount: max(3, Int(frameHeight / yTickSpacing)))
        let left = Panel.leftMargin(for: yAxis)
        let frameWidth = max(40, width - left - Panel.rightMargin)
        let xAxis = ResolvedAxis.resolve(x, values: xs, padForMarkers: markers,
                                         targetCount: max(3, Int(frameWidth / xTickSpacing)))
        return Panel(frame: Rect(x: left, y: top, width: frameWidth, height: frameHeight),
                     x: xAxis, y: yAxis, series: series, topAxis: topAxis)
    }

    /// A white canvas with the title and the panels.
    static func document(title: String, panels: [Panel], width: Double, height: Double) -> String {
        var svg = SVGWriter(width: width, height: height)
        svg.rect(x: 0, y: 0, width: width, height: height, fill: "#FFFFFF")
        if !title.isEmpty {
            let centre = panels.first.map { $0.frame.x + $0.frame.width / 2 } ?? width / 2
            // A long title shrinks (down to the tick-label size) rather than running off the canvas.
            let room = width - 2 * Panel.edge
            let natural = PlotStyle.textWidth(title, size: PlotStyle.titleSize) * titleBoldFactor
            let size = natural > room
                ? max(PlotStyle.tickLabelSize, PlotStyle.titleSize * room / natural) : PlotStyle.titleSize
            let x = natural * size / PlotStyle.titleSize > 2 * min(centre, width - centre) ? width / 2 : centre
            svg.text(title, x: x, y: titleBaseline, size: size, anchor: .middle, bold: true)
        }
        for panel in panels { panel.draw(into: &svg) }
        return svg.document(title: title.isEmpty ? "plot" : title)
    }
}
