// The public description of a plot: axes, series, reference lines.

/// Linear or base-10 logarithmic axis. On a log axis, non-positive values are skipped.
public enum AxisScale: String, Sendable {
    case linear, log
}

/// One axis: its label (with unit, e.g. `"t / h"`), scale, and optional fixed range.
public struct Axis: Sendable, Equatable {
    public var label: String
    public var scale: AxisScale
    /// Fixed bounds in data units; nil means "fit the data" (widened to whole ticks).
    public var range: ClosedRange<Double>?
    /// Ticks at whole numbers only (cycle numbers, counts).
    public var integerTicks: Bool

    public init(_ label: String, scale: AxisScale = .linear, range: ClosedRange<Double>? = nil,
                integerTicks: Bool = false) {
        self.label = label
        self.scale = scale
        self.range = range
        self.integerTicks = integerTicks
    }
}

/// How a series is drawn.
public enum SeriesStyle: String, Sendable {
    case line, markers, lineAndMarkers

    var drawsLine: Bool { self != .markers }
    var drawsMarkers: Bool { self != .line }
}

/// One data series: x and y values (same length; pairs with a non-finite member are
/// skipped, and a line is broken there), a legend label (empty: not in the legend).
public struct PlotSeries: Sendable, Equatable {
    public var label: String
    public var x: [Double]
    public var y: [Double]
    public var style: SeriesStyle
    /// Palette index; nil means the series' position in the plot.
    public var colourIndex: Int?
    /// Marker shape; nil means the shape cycled with the position.
    public var marker: MarkerShape?
    /// Dashed line (e.g. for model curves or fits beside measured data).
    public var dashed: Bool

    public init(_ label: String, x: [Double], y: [Double], style: SeriesStyle = .line,
                colourIndex: Int? = nil, marker: MarkerShape? = nil, dashed: Bool = false) {
        self.label = label
        self.x = x
        self.y = y
        self.style = style
        self.colourIndex = colourIndex
        self.marker = marker
        self.dashed = dashed
    }

    /// The (x, y) pairs that can be drawn on the given scales: both finite, positive on log axes.
    func drawablePairs(xScale: AxisScale, yScale: AxisScale) -> [(Double, Double)?] {
        (0..<min(x.count, y.count)).map { i in
            let (u, v) = (x[i], y[i])
            guard u.isFinite, v.isFinite else { return nil }
            if xScale == .log && u <= 0 { return nil }
            if yScale == .log && v <= 0 { return nil }
            return (u, v)
        }
    }
}

/// A labelled vertical reference line at `x` (data units), e.g. "short at 0.7 mA/cm²".
public struct VerticalMarker: Sendable, Equatable {
    public var x: Double
    public var label: String

    public init(x: Double, label: String) {
        self.x = x
        self.label = label
    }
}

/// Default canvas size of single-panel plots, in px (the viewBox).
public enum PlotCanvas {
    public static let width = 640.0
    public static let height = 480.0
    /// Sizes outside this range (or non-finite) fall back to the defaults: below it nothing
    /// fits, above it coordinates lose their meaning.
    static let sizeLimits = 160.0...20_000.0

    /// The canvas size to use for a requested one.
    static func sanitized(_ width: Double, _ height: Double,
                          defaultHeight: Double = PlotCanvas.height) -> (Double, Double) {
        (sizeLimits.contains(width) ? width : PlotCanvas.width,
         sizeLimits.contains(height) ? height : defaultHeight)
    }
}
