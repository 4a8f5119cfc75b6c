// Arrhenius plot (log σ or log σT against 1000/T, °C on top) and capacity against cycle.
import Foundation

/// What an Arrhenius plot puts on its y axis.
public enum ArrheniusQuantity: String, Sendable {
    /// log₁₀(σ / S cm⁻¹).
    case conductivity
    /// log₁₀(σT / S K cm⁻¹), the form whose slope is exactly −Ea/(k_B ln 10) for hopping
    /// conduction (σT = A·exp(−Ea/k_B T)).
    case conductivityTimesTemperature
}

/// One Arrhenius series: temperatures in K and conductivities in S/cm (non-positive or
/// non-finite values are skipped). Measured points usually as `.markers`, model curves as `.line`.
public struct ArrheniusSeries: Sendable, Equatable {
    public var label: String
    public var temperatures: [Double]
    public var conductivities: [Double]
    public var style: SeriesStyle

    public init(_ label: String, temperatures: [Double], conductivities: [Double], style: SeriesStyle = .markers) {
        self.label = label
        self.temperatures = temperatures
        self.conductivities = conductivities
        self.style = style
    }
}

/// Arrhenius plot: log₁₀ σ (or σT) against 1000/T in K⁻¹, with an optional top axis in °C.
public struct ArrheniusPlot: Sendable, Equatable {
    public var title: String
    public var series: [ArrheniusSeries]
    public var quantity: ArrheniusQuantity
    public var showCelsiusAxis: Bool
    public var width: Double
    public var height: Double

    /// 0 °C in kelvin.
    static let zeroCelsius = 273.15

    public init(title: String, series: [ArrheniusSeries], quantity: ArrheniusQuantity = .conductivity,
                showCelsiusAxis: Bool = true, width: Double = PlotCanvas.width, height: Double = PlotCanvas.height) {
        self.title = title
        self.series = series
        self.quantity = quantity
        self.showCelsiusAxis = showCelsiusAxis
        self.width = width
        self.height = height
    }

    public func svg() -> String {
        let (width, height) = PlotCanvas.sanitized(self.width, self.height)
        let plotted = series.enumerated().map { i, s -> PlotSeries in
            var x: [Double] = []
            var y: [Double] = []
            for (t, sigma) in zip(s.temperatures, s.conductivities) {
                guard t.isFinite, sigma.isFinite, t > 0, sigma > 0 else { continue }
                x.append(1000 / t)
                y.append(log10(quantity == .conductivity ? sigma : sigma * t))
            }
            return PlotSeries(s.label, x: x, y: y, style: s.style, colourIndex: i)
        }
        let yLabel = quantity == .conductivity ? "log₁₀(σ / S cm⁻¹)" : "log₁₀(σT / S K cm⁻¹)"
        var panel = SinglePanelLayout.panel(title: title, x: Axis("1000 / T / K⁻¹"), y: Axis(yLabel),
                                            series: plotted, extraXValues: [], width: width, height: height,
                                            topAxis: showCelsiusAxis ? TopAxis(ticks: [], label: "T / °C") : nil)
        if showCelsiusAxis, panel.hasData {
            panel.topAxis = celsiusAxis(for: panel)
        } else {
            panel.topAxis = nil
        }
        return SinglePanelLayout.document(title: title, panels: [panel], width: width, height: height)
    }

    /// °C ticks at 1-2-5 steps, placed at 1000/(θ + 273.15) on the bottom axis.
    private func celsiusAxis(for panel: Panel) -> TopAxis {
        let (lo, hi) = (panel.x.lower, panel.x.upper)
        guard lo > 0, hi > lo else { return TopAxis(ticks: [], label: "T / °C") }
        let hottest = 1000 / lo - Self.zeroCelsius
        let coldest = 1000 / hi - Self.zeroCelsius
        let ticks = Ticks.linear(within: coldest, hottest, targetCount: max(3, Int(panel.frame.width / 90)))
        return TopAxis(ticks: ticks.major.map { (1000 / ($0 + Self.zeroCelsius), Ticks.label($0, step: ticks.step)) },
                       label: "T / °C")
    }
}

/// One capacity series: one value per cycle, cycles numbered from `firstCycle`.
public struct CapacitySeries: Sendable, Equatable {
    public var label: String
    public var values: [Double]
    public var firstCycle: Int

    public init(_ label: String, values: [Double], firstCycle: Int = 1) {
        self.label = label
        self.values = values
        self.firstCycle = firstCycle
    }
}

/// Capacity (or any per-cycle quantity) against cycle number: markers, whole-number cycle
/// ticks, y axis from zero so fading is seen in proportion.
public struct CapacityPlot: Sendable, Equatable {
    public var title: String
    public var yLabel: String
    public var series: [CapacitySeries]
    public var width: Double
    public var height: Double

    public init(title: String, yLabel: String = "discharge capacity / mAh g⁻¹", series: [CapacitySeries],
                width: Double = PlotCanvas.width, height: Double = PlotCanvas.height) {
        self.title = title
        self.yLabel = yLabel
        self.series = series
        self.width = width
        self.height = height
    }

    public func svg() -> String {
        let (width, height) = PlotCanvas.sanitized(self.width, self.height)
        let plotted = series.enumerated().map { i, s in
            PlotSeries(s.label, x: s.values.indices.map { Double(s.firstCycle + $0) }, y: s.values,
                       style: .markers, colourIndex: i)
        }
        let values = plotted.flatMap { s in s.drawablePairs(xScale: .linear, yScale: .linear).compactMap { $0?.1 } }
        var yAxis = Axis(yLabel)
        if let top = values.max(), let bottom = values.min(), bottom >= 0, top > 0 {
            let ticks = Ticks.linear(from: 0, to: top * 1.05)
            yAxis.range = 0...ticks.upper
        }
        return LinePlot(title: title, x: Axis("cycle", integerTicks: true), y: yAxis, series: plotted,
                        width: width, height: height).svg()
    }
}
