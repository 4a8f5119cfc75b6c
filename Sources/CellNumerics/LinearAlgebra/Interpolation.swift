/// Errors from building interpolants.
public enum InterpolationError: Error, Sendable, Equatable, CustomStringConvertible {
    case tooFewPoints(Int)
    case lengthMismatch(x: Int, y: Int)
    /// Abscissae must be finite and strictly increasing.
    case notIncreasing(index: Int)
    case nonFinite(index: Int)

    public var description: String {
        switch self {
        case .tooFewPoints(let count): return "interpolation needs at least 2 points, got \(count)"
        case .lengthMismatch(let x, let y): return "\(x) abscissae but \(y) values"
        case .notIncreasing(let index): return "abscissae must be strictly increasing (at point #\(index + 1))"
        case .nonFinite(let index): return "point #\(index + 1) is not finite"
        }
    }
}

/// Piecewise interpolation of tabulated y(x), e.g. open-circuit-potential tables.
///
/// - ``Method/linear``: continuous, exact at the nodes.
/// - ``Method/monotoneCubic``: Fritsch–Carlson monotone cubic Hermite (Fritsch & Carlson, SIAM J.
///   Numer. Anal. 17, 238, 1980): C¹, never overshoots monotone data (important for OCV curves,
///   whose derivative must keep its sign).
///
/// Outside [x₀, x_last] the value is clamped to the end values (no extrapolation); check
/// ``domain`` first if that matters.
public struct Interpolator: Sendable, Equatable {
    public enum Method: String, Sendable, CaseIterable { case linear, monotoneCubic }

    public let x: [Double]
    public let y: [Double]
    public let method: Method
    private let slopes: [Double]

    public init(x: [Double], y: [Double], method: Method = .monotoneCubic) throws(InterpolationError) {
        guard x.count == y.count else { throw .lengthMismatch(x: x.count, y: y.count) }
        guard x.count >= 2 else { throw .tooFewPoints(x.count) }
        for i in x.indices where !(x[i].isFinite && y[i].isFinite) { throw .nonFinite(index: i) }
        for i in 1..<x.count where !(x[i] > x[i - 1]) { throw .notIncreasing(index: i) }
        self.x = x
        self.y = y
        self.method = method
        let n = x.count
        var secants = [Double](repeating: 0, count: n - 1)
        for i in 0..<(n - 1) { secants[i] = (y[i + 1] - y[i]) / (x[i + 1] - x[i]) }
        var m = [Double](repeating: 0, count: n)
        if method == .monotoneCubic {
            m[0] = secants[0]
            m[n - 1] = secants[n - 2]
            for i in 1..<max(n - 1, 1) {
                m[i] = secants[i - 1] * secants[i] <= 0 ? 0 : (secants[i - 1] + secants[i]) / 2
            }
            // Fritsch–Carlson limiter: keep (α, β) inside the circle of radius 3.
            for i in 0..<(n - 1) {
                if secants[i] == 0 {
                    m[i] = 0
                    m[i + 1] = 0
                    continue
                }
                let alpha = m[i] / secants[i]
                let beta = m[i + 1] / secants[i]
                let radius = alpha * alpha + beta * beta
                if radius > 9 {
                    let scale = 3 / radius.squareRoot()
                    m[i] = scale * alpha * secants[i]
                    m[i + 1] = scale * beta * secants[i]
                }
            }
        }
        slopes = m
    }

    /// [x₀, x_last].
    public var domain: ClosedRange<Double> { x[0]...x[x.count - 1] }

    /// Interpolated value; clamped to the end values outside the domain.
    public func value(at point: Double) -> Double {
        guard point > x[0] else { return y[0] }
        guard point < x[x.count - 1] else { return y[y.count - 1] }
        // Binary search for the interval [x_i, x_{i+1}] containing the point.
        var low = 0
        var high = x.count - 1
        while high - low > 1 {
            let mid = (low + high) / 2
            if x[mid] <= point { low = mid } else { high = mid }
        }
        let h = x[high] - x[low]
        let s = (point - x[low]) / h
        switch method {
        case .linear:
            return y[low] + s * (y[high] - y[low])
        case .monotoneCubic:
            let s2 = s * s, s3 = s2 * s
            let h00 = 2 * s3 - 3 * s2 + 1
            let h10 = s3 - 2 * s2 + s
            let h01 = -2 * s3 + 3 * s2
            let h11 = s3 - s2
            return h00 * y[low] + h10 * h * slopes[low] + h01 * y[high] + h11 * h * slopes[high]
        }
    }
}
