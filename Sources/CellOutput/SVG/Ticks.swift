// Axis ticks: 1-2-5 steps on linear axes, decades on logarithmic ones, and their labels.
import Foundation

/// The ticks of one axis: its (possibly widened) bounds, major and minor tick values.
public struct TickSet: Sendable, Equatable {
    /// Axis bounds in data units (for log axes still in data units, not exponents).
    public var lower: Double
    public var upper: Double
    /// Major tick values, ascending, all within `lower...upper`.
    public var major: [Double]
    /// Minor tick values (2…9 × 10ⁿ on log axes; empty on linear axes).
    public var minor: [Double]
    /// Spacing of major ticks: in data units on linear axes, in decades on log axes.
    public var step: Double
}

/// Tick generation and tick-label formatting.
public enum Ticks {
    /// Preferred number of major ticks on a linear axis (5–7 reads well at 640 px).
    public static let defaultTargetCount = 6
    /// More decades than this get labels on every 2nd (3rd, ...) decade only.
    static let maximumLabelledDecades = 7
    /// Decades whose powers of ten are finite, non-zero doubles (10³⁰⁸ is the last finite one;
    /// 10⁻³²³ the last non-zero subnormal).
    static let lowestDecade = -323
    static let highestDecade = 308

    /// The 1-2-5 step (1, 2, 5 × 10ⁿ) giving about `targetCount` intervals over `span`: the
    /// candidate closest to `span / targetCount` on a log scale. Returns 1 for a non-positive
    /// or non-finite span.
    public static func niceStep(span: Double, targetCount: Int = defaultTargetCount) -> Double {
        guard span.isFinite, span > 0 else { return 1 }
        let rough = span / Double(max(1, targetCount))
        let magnitude = pow(10, (log10(rough)).rounded(.down))
        let residual = rough / magnitude
        let factor = [1.0, 2, 5, 10].min { abs(log($0 / residual)) < abs(log($1 / residual)) } ?? 1
        return factor * magnitude
    }

    /// Linear ticks covering `low...high`, widened outward to whole steps. A zero-width range
    /// is widened to a sensible one around its value; non-finite input gives `0...1`.
    /// - Parameter integerOnly: steps of at least 1 (cycle numbers and other counts).
    public static func linear(from low: Double, to high: Double, targetCount: Int = defaultTargetCount,
                              integerOnly: Bool = false) -> TickSet {
        guard low.isFinite, high.isFinite else { return linear(from: 0, to: 1, targetCount: targetCount) }
        var (a, b) = (min(low, high), max(low, high))
        if a == b {
            let half = a == 0 ? 1 : abs(a) * 0.1
            (a, b) = (a - half, b + half)
        }
        var step = niceStep(span: b - a, targetCount: targetCount)
        if integerOnly { step = max(1, step.rounded()) }
        let lower = (a / step).rounded(.down) * step
        let upper = (b / step).rounded(.up) * step
        return TickSet(lower: lower, upper: upper, major: multiples(of: step, from: lower, to: upper),
                       minor: [], step: step)
    }

    /// Linear ticks inside fixed bounds (no widening): the multiples of a 1-2-5 step.
    public static func linear(within low: Double, _ high: Double, targetCount: Int = defaultTargetCount,
                              integerOnly: Bool = false) -> TickSet {
        guard low.isFinite, high.isFinite, high > low else {
            return linear(from: low, to: high, targetCount: targetCount, integerOnly: integerOnly)
        }
        var step = niceStep(span: high - low, targetCount: targetCount)
        if integerOnly { step = max(1, step.rounded()) }
        return TickSet(lower: low, upper: high, major: multiples(of: step, from: low, to: high),
                       minor: [], step: step)
    }

    /// The multiples of `step` within `low...high` (with a little slack for rounding), each
    /// computed as `k × step` so errors do not accumulate, and cleaned of `-0`.
    public static func multiples(of step: Double, from low: Double, to high: Double) -> [Double] {
        guard step > 0, step.isFinite, low.isFinite, high.isFinite, high >= low else { return [] }
        let slack = step * 1e-9
        let first = ((low - slack) / step).rounded(.up)
        let last = ((high + slack) / step).rounded(.down)
        guard last - first < 1000 else { return [] }
        return stride(from: first, through: last, by: 1).map { k in
            let value = clean(k * step, step: step)
            return value == 0 ? 0 : value
        }
    }

    /// Logarithmic ticks: the axis spans whole decades around `low...high` (both must be
    /// positive; anything else gives `1...10`). Major ticks at 10ⁿ (every `step`-th decade
    /// when there are many), minor ticks at 2…9 × 10ⁿ when there are at most
    /// `maximumLabelledDecades` decades.
    public static func logarithmic(from low: Double, to high: Double) -> TickSet {
        guard low.isFinite, high.isFinite, low > 0, high > 0 else { return logarithmic(from: 1, to: 10) }
        let (a, b) = (min(low, high), max(low, high))
        var first = Int(log10(a).rounded(.down))
        var last = Int(log10(b).rounded(.up))
        if last == first { (first, last) = (first - (a == pow(10, Double(first)) ? 1 : 0), last + 1) }
        if last == first { last += 1 }
        // Keep every decade a finite, non-zero double.
        (first, last) = (max(first, lowestDecade), min(last, highestDecade))
        if last <= first { (first, last) = (highestDecade - 1, highestDecade) }
        let decades = last - first
        let every = max(1, Int((Double(decades) / Double(maximumLabelledDecades)).rounded(.up)))
        var major: [Double] = []
        var minor: [Double] = []
        for exponent in first...last {
            let decade = pow(10, Double(exponent))
            if (exponent - first) % every == 0 { major.append(decade) } else { minor.append(decade) }
            if decades <= maximumLabelledDecades && exponent < last {
                minor += (2...9).map { Double($0) * decade }
            }
        }
        return TickSet(lower: pow(10, Double(first)), upper: pow(10, Double(last)), major: major,
                       minor: minor, step: Double(every))
    }

    /// A tick label with just enough decimals for `step` (`0.5`, `1.25` when the step is 0.25),
    /// a true minus sign (U+2212) and never `−0`.
    public static func label(_ value: Double, step: Double) -> String {
        guard value.isFinite else { return "" }
        let decimals = decimalsFor(step: step)
        var text = String(format: "%.\(decimals)f", value)
        if Double(text) == 0 { text = String(format: "%.\(decimals)f", 0.0) }
        return text.hasPrefix("-") ? "\u{2212}" + text.dropFirst() : text
    }

    /// `10ⁿ` with superscript digits (`10⁻³`, `10⁰`, `10⁶`).
    public static func decadeLabel(_ exponent: Int) -> String {
        "10" + superscript(exponent)
    }

    /// Decimal digits needed to write multiples of `step` exactly (0 for steps ≥ 1).
    static func decimalsFor(step: Double) -> Int {
        guard step.isFinite, step > 0 else { return 0 }
        for decimals in 0...12 {
            let scaled = step * pow(10, Double(decimals))
            if abs(scaled - scaled.rounded()) < 1e-6 * max(1, scaled) { return decimals }
        }
        return 12
    }

    /// Integer in Unicode superscript digits, with U+207B for the minus sign.
    static func superscript(_ value: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        let body = String(abs(value)).compactMap { $0.wholeNumberValue.map { digits[$0] } }
        return (value < 0 ? "⁻" : "") + String(body)
    }

    /// `k × step` rounded to the step's own decimals, so `3 × 0.1` is `0.3`, not `0.30000000000000004`.
    private static func clean(_ value: Double, step: Double) -> Double {
        let decimals = decimalsFor(step: step)
        let scale = pow(10, Double(decimals))
        let rounded = (value * scale).rounded() / scale
        return abs(rounded - value) <= step * 1e-6 ? rounded : value
    }
}
