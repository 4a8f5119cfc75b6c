// An axis with its final bounds, ticks and tick labels, and the data → fraction mapping.
import Foundation

/// An axis ready to draw: bounds, ticks, labels.
struct ResolvedAxis {
    var label: String
    var scale: AxisScale
    var ticks: TickSet
    /// One label per major tick ("" where a label is left out to avoid crowding).
    var tickLabels: [String]
    /// A common factor taken out of the tick labels, e.g. `×10⁵`, shown at the axis end.
    var multiplier: String?

    var lower: Double { ticks.lower }
    var upper: Double { ticks.upper }

    /// Tick values this large or larger (or this small and non-zero) get a common `×10ⁿ` factor.
    static let largeTickValue = 1e5
    static let smallTickValue = 1e-3
    /// Fraction of the data span added on both sides when markers are drawn, so markers at the
    /// extremes do not sit on the frame.
    static let markerPadding = 0.03

    /// Position of `value` along the axis, 0 at `lower` and 1 at `upper`; nil when the value
    /// cannot be shown (non-finite, or non-positive on a log axis).
    func fraction(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        switch scale {
        case .linear:
            let span = upper - lower
            return span > 0 ? (value - lower) / span : nil
        case .log:
            guard value > 0, lower > 0, upper > lower else { return nil }
            return (log10(value) - log10(lower)) / (log10(upper) - log10(lower))
        }
    }

    /// Resolves an axis for the given data values (already filtered to drawable ones).
    static func resolve(_ axis: Axis, values: [Double], padForMarkers: Bool,
                        targetCount: Int = Ticks.defaultTargetCount) -> ResolvedAxis {
        let ticks: TickSet
        switch axis.scale {
        case .log:
            if let range = axis.range, range.lowerBound > 0 {
                var set = Ticks.logarithmic(from: range.lowerBound, to: range.upperBound)
                set.major = set.major.filter { range.contains($0) }
                set.minor = set.minor.filter { range.contains($0) }
                (set.lower, set.upper) = (range.lowerBound, range.upperBound)
                ticks = set
            } else {
                let positive = values.filter { $0 > 0 && $0.isFinite }
                ticks = Ticks.logarithmic(from: positive.min() ?? 1, to: positive.max() ?? 10)
            }
        case .linear:
            if let range = axis.range, range.upperBound > range.lowerBound {
                ticks = Ticks.linear(within: range.lowerBound, range.upperBound, targetCount: targetCount,
                                     integerOnly: axis.integerTicks)
            } else {
                var (low, high) = (values.min() ?? 0, values.max() ?? 1)
                if padForMarkers && high > low {
                    // Markers: a small margin instead of widening to whole ticks, which can
                    // waste a whole step (1…50 would become 0…60).
                    let pad = (high - low) * markerPadding
                    low = (low >= 0 && low - pad < 0) ? 0 : low - pad
                    high += pad
                    ticks = Ticks.linear(within: low, high, targetCount: targetCount,
                                         integerOnly: axis.integerTicks)
                } else {
                    ticks = Ticks.linear(from: low, to: high, targetCount: targetCount,
                                         integerOnly: axis.integerTicks)
                }
            }
        }
        return labelled(label: axis.label, scale: axis.scale, ticks: ticks)
    }

    /// Attaches tick labels: decades as `10ⁿ` on log axes; on linear axes decimals to suit
    /// the step, with a common `×10ⁿ` factor for very large or very small values.
    static func labelled(label: String, scale: AxisScale, ticks: TickSet) -> ResolvedAxis {
        switch scale {
        case .log:
            let labels = ticks.major.map { $0 > 0 && $0.isFinite ? Ticks.decadeLabel(Int(log10($0).rounded())) : "" }
            return ResolvedAxis(label: label, scale: scale, ticks: ticks, tickLabels: labels, multiplier: nil)
        case .linear:
            let largest = ticks.major.map(abs).max() ?? 0
            if largest >= largeTickValue || (largest > 0 && largest < smallTickValue) {
                let exponent = Int(log10(largest).rounded(.down))
                let factor = pow(10, Double(exponent))
                let labels = ticks.major.map { Ticks.label($0 / factor, step: ticks.step / factor) }
                return ResolvedAxis(label: label, scale: scale, ticks: ticks, tickLabels: labels,
                                    multiplier: "×" + Ticks.decadeLabel(exponent))
            }
            let labels = ticks.major.map { Ticks.label($0, step: ticks.step) }
            return ResolvedAxis(label: label, scale: scale, ticks: ticks, tickLabels: labels, multiplier: nil)
        }
    }

    /// Width in px of the widest tick label.
    var widestTickLabel: Double {
        tickLabels.map { PlotStyle.textWidth($0, size: PlotStyle.tickLabelSize) }.max() ?? 0
    }
}
