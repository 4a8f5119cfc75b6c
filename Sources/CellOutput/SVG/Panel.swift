// One plotting panel: frame, grid, series, ticks, labels, reference lines and legend.
import Foundation

/// A secondary axis along the top edge, e.g. °C above a 1000/T axis.
struct TopAxis {
    /// Tick positions in bottom-axis data units, with their labels.
    var ticks: [(position: Double, label: String)]
    var label: String
}

/// Everything one panel shows, in resolved form.
struct Panel {
    var frame: Rect
    var x: ResolvedAxis
    var y: ResolvedAxis
    var series: [PlotSeries]
    var verticalMarkers: [VerticalMarker] = []
    /// A thin horizontal line at y = 0 (residual plots).
    var zeroLine = false
    var showXTickLabels = true
    var showXLabel = true
    var topAxis: TopAxis?
    var showLegend = true
    /// Small labels at data points (x, y in data units), e.g. frequencies on a Nyquist plot.
    var annotations: [(x: Double, y: Double, text: String)] = []

    // MARK: Layout

    /// Horizontal gap between tick labels and the rotated y label, and similar small gaps.
    static let gap = 6.0
    /// Distance of the outermost text from the canvas edge.
    static let edge = 10.0
    /// Height reserved for the title line.
    static let titleBand = 36.0

    /// Space left of the frame for ticks, tick labels and the y label.
    static func leftMargin(for y: ResolvedAxis) -> Double {
        (edge + PlotStyle.labelSize + gap + y.widestTickLabel + 4 + PlotStyle.majorTick).rounded(.up)
    }

    /// Below the frame: tick, tick labels, gap, x label and edge (without labels: ticks only).
    static let labelledBottom = 54.0
    static let unlabelledBottom = 12.0
    /// Above the frame without a title: room for the top tick label's upper half.
    static let untitledTop = 14.0
    /// A top axis needs its ticks, tick labels and its own label line.
    static let topAxisBand = 42.0

    /// Space below the frame for ticks, tick labels and the x label.
    static func bottomMargin(showXLabel: Bool) -> Double {
        showXLabel ? labelledBottom : unlabelledBottom
    }

    /// Space above the frame: the title band and a top axis if any.
    static func topMargin(hasTitle: Bool, hasTopAxis: Bool) -> Double {
        (hasTitle ? titleBand : untitledTop) + (hasTopAxis ? topAxisBand : 0)
    }

    /// Space right of the frame (room for the last x tick label).
    static let rightMargin = 24.0

    // MARK: Mapping

    func point(_ u: Double, _ v: Double) -> Point? {
        guard let fx = x.fraction(u), let fy = y.fraction(v) else { return nil }
        let p = Point(x: frame.x + fx * frame.width, y: frame.maxY - fy * frame.height)
        return p.x.isFinite && p.y.isFinite ? p : nil
    }

    func pixelX(_ u: Double) -> Double? {
        x.fraction(u).map { frame.x + $0 * frame.width }
    }

    func pixelY(_ v: Double) -> Double? {
        y.fraction(v).map { frame.maxY - $0 * frame.height }
    }

    /// Whether any series has at least one drawable point.
    var hasData: Bool {
        series.contains { s in
            s.drawablePairs(xScale: x.scale, yScale: y.scale).contains { pair in
                pair.flatMap { point($0.0, $0.1) } != nil
            }
        }
    }

    // MARK: Drawing

    func draw(into svg: inout SVGWriter) {
        svg.openGroup("class=\"panel\" data-frame=\"\(exact(frame.x)) \(exact(frame.y)) "
            + "\(exact(frame.width)) \(exact(frame.height))\" data-x-range=\"\(exact(x.lower)) "
            + "\(exact(x.upper))\" data-y-range=\"\(exact(y.lower)) \(exact(y.upper))\" "
            + "data-x-scale=\"\(x.scale.rawValue)\" data-y-scale=\"\(y.scale.rawValue)\"")
        svg.rect(x: frame.x, y: frame.y, width: frame.width, height: frame.height, fill: "#FFFFFF")
        drawGrid(into: &svg)
        if zeroLine, let zero = pixelY(0), zero > frame.y, zero < frame.maxY {
            svg.line(frame.x, zero, frame.maxX, zero, stroke: PlotStyle.reference, width: 1)
        }
        drawVerticalMarkerLines(into: &svg)
        drawSeries(into: &svg)
        var obstacles = drawVerticalMarkerLabels(into: &svg)
        obstacles += drawAnnotations(into: &svg)
        svg.rect(x: frame.x, y: frame.y, width: frame.width, height: frame.height, fill: "none",
                 stroke: PlotStyle.ink, strokeWidth: 1)
        drawXAxis(into: &svg)
        drawYAxis(into: &svg)
        if let topAxis { drawTopAxis(topAxis, into: &svg) }
        if !hasData {
            svg.text("no data", x: frame.x + frame.width / 2, y: frame.y + frame.height / 2 + 5,
                     size: PlotStyle.labelSize, anchor: .middle, fill: PlotStyle.muted, italic: true)
        } else if showLegend {
            drawLegend(into: &svg, obstacles: obstacles)
        }
        svg.closeGroup()
    }

    private func drawGrid(into svg: inout SVGWriter) {
        for value in x.ticks.minor {
            if let px = pixelX(value) { svg.line(px, frame.y, px, frame.maxY, stroke: PlotStyle.minorGrid) }
        }
        for value in y.ticks.minor {
            if let py = pixelY(value) { svg.line(frame.x, py, frame.maxX, py, stroke: PlotStyle.minorGrid) }
        }
        for value in x.ticks.major {
            if let px = pixelX(value) { svg.line(px, frame.y, px, frame.maxY, stroke: PlotStyle.grid) }
        }
        for value in y.ticks.major {
            if let py = pixelY(value) { svg.line(frame.x, py, frame.maxX, py, stroke: PlotStyle.grid) }
        }
    }

    /// Colour and marker of the series at `index`.
    func appearance(of index: Int) -> (colour: String, marker: MarkerShape) {
        let s = series[index]
        return (PlotStyle.colour(s.colourIndex ?? index), s.marker ?? MarkerShape.cycled(s.colourIndex ?? index))
    }

    private func drawSeries(into svg: inout SVGWriter) {
        for (index, s) in series.enumerated() {
            let (colour, shape) = appearance(of: index)
            let pairs = s.drawablePairs(xScale: x.scale, yScale: y.scale)
            let points = pairs.map { pair in pair.flatMap { point($0.0, $0.1) } }
            if s.style.drawsLine {
                for run in Clipping.runs(points, in: frame) {
                    svg.polyline(run, stroke: colour, width: PlotStyle.lineWidth, dash: s.dashed ? "6 4" : nil)
                }
            }
            if s.style.drawsMarkers {
                for case let p? in points where frame.contains(p, tolerance: 0.5) {
                    svg.marker(shape, at: p, colour: colour)
                }
            }
        }
    }

    private func drawXAxis(into svg: inout SVGWriter) {
        for value in x.ticks.minor {
            if let px = pixelX(value) {
                svg.line(px, frame.maxY, px, frame.maxY + PlotStyle.minorTick, stroke: PlotStyle.ink)
            }
        }
        let positions = x.ticks.major.map { pixelX($0) }
        for case let px? in positions {
            svg.line(px, frame.maxY, px, frame.maxY + PlotStyle.majorTick, stroke: PlotStyle.ink)
        }
        let baseline = frame.maxY + PlotStyle.majorTick + 3 + PlotStyle.tickLabelSize * 0.85
        if showXTickLabels {
            let every = labelStride(positions: positions.compactMap { $0 }, labels: x.tickLabels)
            for (i, px) in positions.enumerated() where i % every == 0 {
                guard let px, i < x.tickLabels.count else { continue }
                svg.text(x.tickLabels[i], x: px, y: baseline, size: PlotStyle.tickLabelSize, anchor: .middle)
            }
        }
        let labelBaseline = baseline + PlotStyle.labelSize + 9
        if showXLabel {
            svg.text(x.label, x: frame.x + frame.width / 2, y: labelBaseline, size: PlotStyle.labelSize,
                     anchor: .middle)
        }
        if let multiplier = x.multiplier, showXTickLabels {
            svg.text(multiplier, x: frame.maxX, y: labelBaseline, size: PlotStyle.noteSize, anchor: .end)
        }
    }

    /// Label every n-th tick so neighbouring labels keep at least a small gap.
    private func labelStride(positions: [Double], labels: [String]) -> Int {
        guard positions.count >= 2 else { return 1 }
        let spacing = zip(positions.dropFirst(), positions).map { abs($0 - $1) }.min() ?? .infinity
        let widest = labels.map { PlotStyle.textWidth($0, size: PlotStyle.tickLabelSize) }.max() ?? 0
        let needed = widest + 10
        return spacing >= needed ? 1 : Int((needed / max(spacing, 1)).rounded(.up))
    }

    private func drawYAxis(into svg: inout SVGWriter) {
        for value in y.ticks.minor {
            if let py = pixelY(value) {
                svg.line(frame.x - PlotStyle.minorTick, py, frame.x, py, stroke: PlotStyle.ink)
            }
        }
        for (i, value) in y.ticks.major.enumerated() {
            guard let py = pixelY(value) else { continue }
            svg.line(frame.x - PlotStyle.majorTick, py, frame.x, py, stroke: PlotStyle.ink)
            if i < y.tickLabels.count {
                svg.text(y.tickLabels[i], x: frame.x - PlotStyle.majorTick - 4, y: py + 4,
                         size: PlotStyle.tickLabelSize, anchor: .end)
            }
        }
        let labelX = frame.x - PlotStyle.majorTick - 4 - y.widestTickLabel - Self.gap - 3
        svg.text(y.label, x: labelX, y: frame.y + frame.height / 2, size: PlotStyle.labelSize,
                 anchor: .middle, rotation: -90)
        if let multiplier = y.multiplier {
            svg.text(multiplier, x: frame.x, y: frame.y - 5, size: PlotStyle.noteSize)
        }
    }

    private func drawTopAxis(_ axis: TopAxis, into svg: inout SVGWriter) {
        var lastRight = -Double.infinity
        let placed = axis.ticks.compactMap { tick in pixelX(tick.position).map { (px: $0, label: tick.label) } }
        for tick in placed.sorted(by: { $0.px < $1.px }) {
            let px = tick.px
            guard px >= frame.x - 0.5, px <= frame.maxX + 0.5 else { continue }
            svg.line(px, frame.y - PlotStyle.majorTick, px, frame.y, stroke: PlotStyle.ink)
            let width = PlotStyle.textWidth(tick.label, size: PlotStyle.tickLabelSize)
            guard px - width / 2 > lastRight + 6 else { continue }
            svg.text(tick.label, x: px, y: frame.y - PlotStyle.majorTick - 4, size: PlotStyle.tickLabelSize,
                     anchor: .middle)
            lastRight = px + width / 2
        }
        svg.text(axis.label, x: frame.x + frame.width / 2, y: frame.y - PlotStyle.majorTick - 24,
                 size: PlotStyle.labelSize, anchor: .middle)
    }

    /// Draws the dashed reference lines (under the data).
    private func drawVerticalMarkerLines(into svg: inout SVGWriter) {
        for marker in verticalMarkers {
            guard let px = pixelX(marker.x), px >= frame.x, px <= frame.maxX else { continue }
            svg.line(px, frame.y, px, frame.maxY, stroke: PlotStyle.reference, width: 1.2, dash: "5 3")
        }
    }

    /// Draws the reference-line labels on a light backing (over the data, staggered in rows so
    /// neighbouring labels do not collide); returns their boxes so the legend can avoid them.
    private func drawVerticalMarkerLabels(into svg: inout SVGWriter) -> [Rect] {
        var boxes: [Rect] = []
        for (row, marker) in verticalMarkers.enumerated() {
            guard let px = pixelX(marker.x), px >= frame.x, px <= frame.maxX, !marker.label.isEmpty else { continue }
            let width = PlotStyle.textWidth(marker.label, size: PlotStyle.legendSize)
            let baseline = frame.y + 16 + Double(row % 4) * 17
            let fitsRight = px + 5 + width <= frame.maxX - 4
            let left = fitsRight ? px + 5 : px - 5 - width
            let box = Rect(x: left - 2, y: baseline - 12, width: width + 4, height: 16)
            svg.rect(x: box.x, y: box.y, width: box.width, height: box.height, fill: "#FFFFFF", opacity: 0.85)
            svg.text(marker.label, x: fitsRight ? px + 5 : px - 5, y: baseline, size: PlotStyle.legendSize,
                     anchor: fitsRight ? .start : .end, fill: PlotStyle.reference)
            boxes.append(box)
        }
        return boxes
    }

    /// Draws point annotations next to their points, each point ringed: the label takes the first
    /// of several positions around the point that covers no data and no earlier label; a note
    /// with no free position is left out.
    /// Returns the label boxes.
    private func drawAnnotations(into svg: inout SVGWriter) -> [Rect] {
        guard !annotations.isEmpty else { return [] }
        let occupied = occupiedPoints()
        var boxes: [Rect] = []
        for note in annotations {
            guard let p = point(note.x, note.y), frame.contains(p) else { continue }
            let width = PlotStyle.textWidth(note.text, size: PlotStyle.noteSize) + 2
            let height = 13.0
            // Candidate boxes: above, above-right, above-left, right, left, below.
            let candidates = [Rect(x: p.x - width / 2, y: p.y - 8 - height, width: width, height: height),
                              Rect(x: p.x + 5, y: p.y - 5 - height, width: width, height: height),
                              Rect(x: p.x - 5 - width, y: p.y - 5 - height, width: width, height: height),
                              Rect(x: p.x + 7, y: p.y - height / 2, width: width, height: height),
                              Rect(x: p.x - 7 - width, y: p.y - height / 2, width: width, height: height),
                              Rect(x: p.x - width / 2, y: p.y + 8, width: width, height: height)]
            let free = candidates.first { box in
                box.x > frame.x && box.maxX < frame.maxX && box.y > frame.y && box.maxY < frame.maxY
                    && !boxes.contains { $0.intersects(box) }
                    && !occupied.contains { box.contains($0, tolerance: 2) }
            }
            guard let box = free else { continue }
            svg.circle(p, radius: PlotStyle.markerRadius + 2.2, fill: "none", stroke: PlotStyle.muted, strokeWidth: 0.9)
            svg.text(note.text, x: box.x + 1, y: box.maxY - 3, size: PlotStyle.noteSize, fill: PlotStyle.muted)
            boxes.append(box)
        }
        return boxes
    }

    /// Exact (unrounded) number text for the data attributes tests and tools read.
    private func exact(_ value: Double) -> String {
        NumberText.shortest(value) ?? "0"
    }
}

/// Clipping of polylines to the frame (Liang–Barsky per segment).
enum Clipping {
    /// Splits a point sequence (nil = gap) into drawable runs clipped to `rect`.
    static func runs(_ points: [Point?], in rect: Rect) -> [[Point]] {
        var runs: [[Point]] = []
        var current: [Point] = []
        var previous: Point?
        for point in points {
            guard let point else {
                if current.count >= 2 { runs.append(current) }
                current = []
                previous = nil
                continue
            }
            defer { previous = point }
            guard let start = previous else { continue }
            guard let (a, b) = clip(start, point, to: rect) else {
                if current.count >= 2 { runs.append(current) }
                current = []
                continue
            }
            if let last = current.last, last == a {
                current.append(b)
            } else {
                if current.count >= 2 { runs.append(current) }
                current = [a, b]
            }
        }
        if current.count >= 2 { runs.append(current) }
        return runs
    }

    /// The part of segment a→b inside `rect`, or nil if none.
    static func clip(_ a: Point, _ b: Point, to rect: Rect) -> (Point, Point)? {
        let dx = b.x - a.x, dy = b.y - a.y
        var t0 = 0.0, t1 = 1.0
        let checks = [(-dx, a.x - rect.x), (dx, rect.maxX - a.x), (-dy, a.y - rect.y), (dy, rect.maxY - a.y)]
        for (p, q) in checks {
            if p == 0 {
                if q < 0 { return nil }
            } else {
                let r = q / p
                if p < 0 { t0 = max(t0, r) } else { t1 = min(t1, r) }
                if t0 > t1 { return nil }
            }
        }
        let start = t0 == 0 ? a : Point(x: a.x + t0 * dx, y: a.y + t0 * dy)
        let end = t1 == 1 ? b : Point(x: a.x + t1 * dx, y: a.y + t1 * dy)
        return (start, end)
    }
}
