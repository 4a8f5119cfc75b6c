// Nyquist plot: −Z'' against Z' with equal scales on both axes.
import CellNumerics
import Foundation

/// An impedance spectrum with its legend label.
public struct LabeledSpectrum: Sendable, Equatable {
    public var label: String
    public var spectrum: ImpedanceSpectrum

    public init(_ label: String, _ spectrum: ImpedanceSpectrum) {
        self.label = label
        self.spectrum = spectrum
    }
}

/// Nyquist plot of one or more spectra: Z′ to the right, −Z″ upward (capacitive arcs above
/// the axis), markers for data, lines for fits (fit *i* takes the colour of spectrum *i*).
///
/// Both axes use the same scale: 1 Ω along x is as long as 1 Ω along y, so a parallel RC
/// arc is a true semicircle. The frame fills the canvas; the axis with room to spare is
/// extended. When values reach 10⁴ the unit becomes k(unit), at 10⁷ M(unit).
public struct NyquistPlot: Sendable, Equatable {
    public var title: String
    public var spectra: [LabeledSpectrum]
    public var fits: [LabeledSpectrum]
    /// Unit of impedance as printed in the axis labels (`Ω`, or `Ω cm²` for area-specific).
    public var unit: String
    /// Label the points of the first spectrum nearest to each decade of frequency (`1 MHz`,
    /// `1 kHz`, `1 Hz`, ...), as is usual in EIS figures.
    public var annotateDecades: Bool
    public var width: Double
    public var height: Double

    public init(title: String, spectra: [LabeledSpectrum], fits: [LabeledSpectrum] = [],
                unit: String = "Ω", annotateDecades: Bool = false,
                width: Double = PlotCanvas.width, height: Double = PlotCanvas.height) {
        self.title = title
        self.spectra = spectra
        self.fits = fits
        self.unit = unit
        self.annotateDecades = annotateDecades
        self.width = width
        self.height = height
    }

    /// Fraction of the larger data span left free around the data.
    static let padding = 0.05
    /// Target pixel distance between ticks (same on both axes).
    static let tickSpacing = 80.0
    /// Values from here on are shown in k(unit) (and from `prefixThreshold × 1000` in M(unit)).
    static let prefixThreshold = 1e4

    public func svg() -> String {
        let (width, height) = PlotCanvas.sanitized(self.width, self.height)
        let (factor, prefix) = unitPrefix()
        var series: [PlotSeries] = []
        for (i, item) in spectra.enumerated() {
            series.append(PlotSeries(item.label, x: item.spectrum.real.map { $0 / factor },
                                     y: item.spectrum.imaginary.map { -$0 / factor },
                                     style: .markers, colourIndex: i))
        }
        for (i, item) in fits.enumerated() {
            let order = item.spectrum.frequencies.indices.sorted {
                item.spectrum.frequencies[$0] > item.spectrum.frequencies[$1]
            }
            series.append(PlotSeries(item.label, x: order.map { item.spectrum.impedance[$0].real / factor },
                                     y: order.map { -item.spectrum.impedance[$0].imaginary / factor },
                                     style: .line, colourIndex: i))
        }
        let xLabel = "Z′ / " + prefix + unit
        let yLabel = "−Z″ / " + prefix + unit
        var panel = equalScalePanel(series: series, xLabel: xLabel, yLabel: yLabel, width: width, height: height)
        if annotateDecades, let first = spectra.first {
            panel.annotations = Self.decadePoints(first.spectrum).map { index in
                (first.spectrum.impedance[index].real / factor, -first.spectrum.impedance[index].imaginary / factor,
                 Self.frequencyText(first.spectrum.frequencies[index]))
            }
        }
        return SinglePanelLayout.document(title: title, panels: [panel], width: width, height: height)
    }

    /// The divisor and prefix that keep tick labels short (Ω, kΩ, MΩ).
    private func unitPrefix() -> (Double, String) {
        let largest = (spectra + fits).flatMap { $0.spectrum.impedance }
            .flatMap { [abs($0.real), abs($0.imaginary)] }.filter(\.isFinite).max() ?? 0
        if largest >= Self.prefixThreshold * 1e3 { return (1e6, "M") }
        if largest >= Self.prefixThreshold { return (1e3, "k") }
        return (1, "")
    }

    private func equalScalePanel(series: [PlotSeries], xLabel: String, yLabel: String,
                                 width: Double, height: Double) -> Panel {
        var xs: [Double] = []
        var ys: [Double] = []
        for s in series {
            for case let (u, v)? in s.drawablePairs(xScale: .linear, yScale: .linear) {
                xs.append(u)
                ys.append(v)
            }
        }
        guard let xMin = xs.min(), let xMax = xs.max(), let yMax = ys.max(), let yMin = ys.min() else {
            return SinglePanelLayout.panel(title: title, x: Axis(xLabel), y: Axis(yLabel), series: series,
                                           extraXValues: [], width: width, height: height, topAxis: nil)
        }
        let yLow = min(0, yMin), yHigh = max(0, yMax)
        let pad = max(xMax - xMin, yHigh - yLow, Self.tinySpan(xMax, yHigh)) * Self.padding
        // Z′ is rarely negative: do not pad into negative values when the data has none.
        let dataX = (xMin >= 0 ? max(0, xMin - pad) : xMin - pad, xMax + pad)
        let dataY = (yLow - pad, yHigh + pad)

        let top = Panel.topMargin(hasTitle: !title.isEmpty, hasTopAxis: false)
        let frameHeight = max(40, height - top - Panel.bottomMargin(showXLabel: true))
        var left = 72.0
        var panel: Panel?
        // Tick labels set the left margin, which sets the frame, which sets the ticks: two
        // passes settle it (the second pass only ever changes label widths by a digit).
        for _ in 0..<2 {
            let frameWidth = max(40, width - left - Panel.rightMargin)
            let scale = min(frameWidth / (dataX.1 - dataX.0), frameHeight / (dataY.1 - dataY.0))
            let xUpper = dataX.0 + frameWidth / scale
            let yUpper = dataY.0 + frameHeight / scale
            let step = Ticks.niceStep(span: max(frameWidth, frameHeight) / scale,
                                      targetCount: max(3, Int(max(frameWidth, frameHeight) / Self.tickSpacing)))
            let xTicks = TickSet(lower: dataX.0, upper: xUpper,
                                 major: Ticks.multiples(of: step, from: dataX.0, to: xUpper), minor: [], step: step)
            let yTicks = TickSet(lower: dataY.0, upper: yUpper,
                                 major: Ticks.multiples(of: step, from: dataY.0, to: yUpper), minor: [], step: step)
            let xAxis = ResolvedAxis.labelled(label: xLabel, scale: .linear, ticks: xTicks)
            let yAxis = ResolvedAxis.labelled(label: yLabel, scale: .linear, ticks: yTicks)
            panel = Panel(frame: Rect(x: left, y: top, width: frameWidth, height: frameHeight),
                          x: xAxis, y: yAxis, series: series)
            left = Panel.leftMargin(for: yAxis)
        }
        return panel ?? SinglePanelLayout.panel(title: title, x: Axis(xLabel), y: Axis(yLabel), series: series,
                                                extraXValues: [], width: width, height: height, topAxis: nil)
    }

    /// How far (in decades) a point may be from a decade to be labelled as it (0.02 decade ≈ 5 %).
    static let decadeTolerance = 0.02

    /// Indices of the points nearest to each whole decade of frequency, highest first.
    static func decadePoints(_ spectrum: ImpedanceSpectrum) -> [Int] {
        var best: [Int: (index: Int, distance: Double)] = [:]
        for (index, f) in spectrum.frequencies.enumerated() where f > 0 && f.isFinite {
            let exponent = log10(f).rounded()
            let distance = abs(log10(f) - exponent)
            guard distance <= decadeTolerance, abs(exponent) < 30 else { continue }
            let key = Int(exponent)
            if best[key].map({ distance < $0.distance }) ?? true { best[key] = (index, distance) }
        }
        return best.sorted { $0.key > $1.key }.map(\.value.index)
    }

    /// A decade frequency with an SI prefix: `1 MHz`, `100 kHz`, `1 Hz`, `10 mHz`.
    static func frequencyText(_ frequency: Double) -> String {
        guard frequency > 0, frequency.isFinite else { return "" }
        let exponent = Int(log10(frequency).rounded())
        let prefixes: [(Int, String)] = [(9, "GHz"), (6, "MHz"), (3, "kHz"), (0, "Hz"), (-3, "mHz"), (-6, "µHz")]
        let (base, unit) = prefixes.first { exponent >= $0.0 } ?? (-6, "µHz")
        let mantissa = Int(pow(10, Double(exponent - base)).rounded())
        return "\(mantissa) \(unit)"
    }

    /// A span for single-point data, so the view is never zero wide.
    private static func tinySpan(_ x: Double, _ y: Double) -> Double {
        let size = max(abs(x), abs(y))
        return size > 0 ? size * 0.2 : 1
    }
}
