// Bode plot (|Z| and phase against log f, two stacked panels) and EIS residual plot.
import CellNumerics
import Foundation

/// Bode plot: |Z| (log) above, −φ in degrees below, both against log f. Data as markers,
/// fits as lines in the colour of the spectrum with the same index. The legend sits in the
/// upper panel.
public struct BodePlot: Sendable, Equatable {
    public var title: String
    public var spectra: [LabeledSpectrum]
    public var fits: [LabeledSpectrum]
    /// Unit of |Z| in the axis label (`Ω` or `Ω cm²`).
    public var unit: String
    public var width: Double
    public var height: Double

    /// Default canvas height: taller than single plots so each panel keeps a readable height.
    public static let defaultHeight = 560.0
    /// Vertical gap between the two panels, px.
    static let panelGap = 14.0
    /// Share of the plotting height given to the |Z| panel.
    static let upperShare = 0.55

    public init(title: String, spectra: [LabeledSpectrum], fits: [LabeledSpectrum] = [],
                unit: String = "Ω", width: Double = PlotCanvas.width, height: Double = BodePlot.defaultHeight) {
        self.title = title
        self.spectra = spectra
        self.fits = fits
        self.unit = unit
        self.width = width
        self.height = height
    }

    public func svg() -> String {
        let (width, height) = PlotCanvas.sanitized(self.width, self.height, defaultHeight: Self.defaultHeight)
        var magnitude: [PlotSeries] = []
        var phase: [PlotSeries] = []
        for (group, style) in [(spectra, SeriesStyle.markers), (fits, SeriesStyle.line)] {
            for (i, item) in group.enumerated() {
                let order = item.spectrum.frequencies.indices.sorted {
                    item.spectrum.frequencies[$0] < item.spectrum.frequencies[$1]
                }
                let f = order.map { item.spectrum.frequencies[$0] }
                let z = order.map { item.spectrum.impedance[$0] }
                magnitude.append(PlotSeries(item.label, x: f, y: z.map { $0.length }, style: style, colourIndex: i))
                phase.append(PlotSeries(item.label, x: f, y: z.map { -atan2($0.imaginary, $0.real) * 180 / .pi },
                                        style: style, colourIndex: i))
            }
        }
        let top = Panel.topMargin(hasTitle: !title.isEmpty, hasTopAxis: false)
        let available = max(80, height - top - Panel.bottomMargin(showXLabel: true) - Self.panelGap)
        let upperHeight = (available * Self.upperShare).rounded()
        let lowerHeight = available - upperHeight

        let frequencies = (magnitude + phase).flatMap { s in
            s.drawablePairs(xScale: .log, yScale: .linear).compactMap { $0?.0 }
        }
        let xAxis = ResolvedAxis.resolve(Axis("f / Hz", scale: .log), values: frequencies, padForMarkers: false)
        let magnitudes = magnitude.flatMap { s in s.drawablePairs(xScale: .log, yScale: .log).compactMap { $0?.1 } }
        let phases = phase.flatMap { s in s.drawablePairs(xScale: .log, yScale: .linear).compactMap { $0?.1 } }
        let upperY = ResolvedAxis.resolve(Axis("|Z| / " + unit, scale: .log), values: magnitudes, padForMarkers: false)
        let lowerY = ResolvedAxis.resolve(Axis("−φ / °"), values: phases, padForMarkers: true,
                                          targetCount: max(3, Int(lowerHeight / 45)))
        let left = max(Panel.leftMargin(for: upperY), Panel.leftMargin(for: lowerY))
        let frameWidth = max(40, width - left - Panel.rightMargin)

        var upper = Panel(frame: Rect(x: left, y: top, width: frameWidth, height: upperHeight),
                          x: xAxis, y: upperY, series: magnitude)
        upper.showXTickLabels = false
        upper.showXLabel = false
        var lower = Panel(frame: Rect(x: left, y: top + upperHeight + Self.panelGap, width: frameWidth,
                                      height: lowerHeight), x: xAxis, y: lowerY, series: phase)
        lower.showLegend = false
        return SinglePanelLayout.document(title: title, panels: [upper, lower], width: width, height: height)
    }
}

/// Residuals of a fit or a Kramers–Kronig test against log f: Δ′ = (Z′ − Ẑ′)/|Z| and
/// Δ″ = (Z″ − Ẑ″)/|Z| in percent (the Lin-KK convention, Schönleber et al. 2014), with a
/// zero line and a y range symmetric about zero.
public struct ResidualPlot: Sendable, Equatable {
    public var title: String
    /// Frequencies in Hz.
    public var frequencies: [Double]
    /// Δ′ in percent, one per frequency.
    public var realResiduals: [Double]
    /// Δ″ in percent, one per frequency.
    public var imaginaryResiduals: [Double]
    public var width: Double
    public var height: Double

    public init(title: String, frequencies: [Double], realResiduals: [Double], imaginaryResiduals: [Double],
                width: Double = PlotCanvas.width, height: Double = PlotCanvas.height) {
        self.title = title
        self.frequencies = frequencies
        self.realResiduals = realResiduals
        self.imaginaryResiduals = imaginaryResiduals
        self.width = width
        self.height = height
    }

    /// Smallest half-range of the y axis, in percent, so tiny residuals do not look large.
    static let minimumHalfRange = 0.5

    public func svg() -> String {
        let (width, height) = PlotCanvas.sanitized(self.width, self.height)
        let series = [PlotSeries("Δ′", x: frequencies, y: realResiduals, style: .lineAndMarkers, colourIndex: 0,
                                 marker: .circle),
                      PlotSeries("Δ″", x: frequencies, y: imaginaryResiduals, style: .lineAndMarkers,
                                 colourIndex: 1, marker: .square)]
        let largest = series.flatMap { s in s.drawablePairs(xScale: .log, yScale: .linear).compactMap { $0?.1 } }
            .map(abs).max() ?? 0
        let half = Ticks.linear(from: -max(largest * 1.1, Self.minimumHalfRange),
                                to: max(largest * 1.1, Self.minimumHalfRange)).upper
        let plot = LinePlot(title: title, x: Axis("f / Hz", scale: .log),
                            y: Axis("residual / %", range: -half...half), series: series,
                            zeroLine: true, width: width, height: height)
        return plot.svg()
    }
}
