// The legend: placed in the frame corner that hides the least data.

extension Panel {
    /// Inset of the legend box from the frame, in px.
    static let legendInset = 8.0
    /// Height of one legend row, in px.
    static let legendRow = 18.0
    /// Width of the line/marker sample in a legend row, in px.
    static let legendSample = 26.0
    /// Data this close to a candidate legend box (px) counts as covered, so the legend keeps
    /// some air around it.
    static let legendClearance = 10.0

    /// Draws the legend (if any series has a label) in the least crowded corner.
    func drawLegend(into svg: inout SVGWriter, obstacles: [Rect]) {
        let entries = series.indices.filter { !series[$0].label.isEmpty }
        guard !entries.isEmpty else { return }
        let textWidth = entries.map { PlotStyle.textWidth(series[$0].label, size: PlotStyle.legendSize) }.max() ?? 0
        let width = (8 + Self.legendSample + 6 + textWidth + 10).rounded(.up)
        let height = 6 + Double(entries.count) * Self.legendRow + 4
        let box = bestLegendBox(width: width, height: height, obstacles: obstacles)

        svg.rect(x: box.x, y: box.y, width: box.width, height: box.height, fill: "#FFFFFF",
                 stroke: "#BBBBBB", strokeWidth: 0.8, opacity: 0.9)
        for (row, index) in entries.enumerated() {
            let s = series[index]
            let (colour, shape) = appearance(of: index)
            let centreY = box.y + 6 + (Double(row) + 0.5) * Self.legendRow
            let sampleLeft = box.x + 8
            if s.style.drawsLine {
                svg.line(sampleLeft, centreY, sampleLeft + Self.legendSample, centreY, stroke: colour,
                         width: PlotStyle.lineWidth, dash: s.dashed ? "6 4" : nil)
            }
            if s.style.drawsMarkers {
                svg.marker(shape, at: Point(x: sampleLeft + Self.legendSample / 2, y: centreY), colour: colour)
            }
            svg.text(s.label, x: sampleLeft + Self.legendSample + 6, y: centreY + 4, size: PlotStyle.legendSize)
        }
    }

    /// The box overlapping the fewest data points and none of the obstacles if possible; ties
    /// go to top right, top left, bottom right, bottom left, then the edge midpoints.
    private func bestLegendBox(width: Double, height: Double, obstacles: [Rect]) -> Rect {
        let inset = Self.legendInset
        let left = frame.x + inset, right = frame.maxX - inset - width
        let top = frame.y + inset, bottom = frame.maxY - inset - height
        let centreX = frame.x + (frame.width - width) / 2, centreY = frame.y + (frame.height - height) / 2
        // Corners first (the usual places), then edge midpoints; the first best one wins.
        let origins = [(right, top), (left, top), (right, bottom), (left, bottom),
                       (centreX, top), (centreX, bottom), (right, centreY), (left, centreY)]
        let candidates = origins.map { Rect(x: $0.0, y: $0.1, width: width, height: height) }
        let samples = occupiedPoints()
        var best = candidates[0]
        var bestScore = Double.infinity
        for candidate in candidates {
            var score = 0.0
            for p in samples where candidate.contains(p, tolerance: Self.legendClearance) { score += 1 }
            for obstacle in obstacles where candidate.intersects(obstacle) { score += 1_000 }
            if score < bestScore {
                bestScore = score
                best = candidate
            }
        }
        return best
    }

    /// Pixel points covered by data: every marker, and line segments sampled every few px.
    func occupiedPoints() -> [Point] {
        let spacing = 4.0
        var out: [Point] = []
        for s in series {
            let points = s.drawablePairs(xScale: x.scale, yScale: y.scale).map { pair in
                pair.flatMap { point($0.0, $0.1) }
            }
            if s.style.drawsMarkers {
                for case let p? in points { out += [p, p, p] }
            }
            guard s.style.drawsLine else { continue }
            for run in Clipping.runs(points, in: frame) {
                for (a, b) in zip(run, run.dropFirst()) {
                    let length = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
                    let steps = max(1, min(200, Int(length / spacing)))
                    for k in 0...steps {
                        let t = Double(k) / Double(steps)
                        out.append(Point(x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y)))
                    }
                }
            }
        }
        return out
    }
}
