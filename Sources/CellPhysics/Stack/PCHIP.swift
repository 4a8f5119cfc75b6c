/// Shape-preserving piecewise-cubic Hermite interpolation (Fritsch & Carlson, SIAM J. Numer.
/// Anal. 17, 238 (1980)): monotone data give a monotone interpolant, so a tabulated OCP never
/// gains spurious wiggles. Slopes are recomputed per call from the neighbouring secants, which
/// keeps the table a plain pair of arrays.
public enum PCHIP {
    /// Value and derivative at `x`; outside [x₀, xₙ] the end value is held with zero slope.
    /// `xs` must be strictly increasing with at least two points (one point: constant).
    public static func evaluate(_ xs: [Double], _ ys: [Double], at x: Double) -> (value: Double, slope: Double) {
        let n = xs.count
        guard n >= 2 else { return (ys.first ?? .nan, 0) }
        if x <= xs[0] { return (ys[0], 0) }
        if x >= xs[n - 1] { return (ys[n - 1], 0) }
        var lo = 0, hi = n - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if xs[mid] <= x { lo = mid } else { hi = mid }
        }
        let h = xs[hi] - xs[lo]
        let d0 = slope(xs, ys, at: lo), d1 = slope(xs, ys, at: hi)
        let t = (x - xs[lo]) / h
        let t2 = t * t, t3 = t2 * t
        let h00 = 2 * t3 - 3 * t2 + 1, h10 = t3 - 2 * t2 + t, h01 = -2 * t3 + 3 * t2, h11 = t3 - t2
        let value = h00 * ys[lo] + h10 * h * d0 + h01 * ys[hi] + h11 * h * d1
        let dh00 = 6 * t2 - 6 * t, dh10 = 3 * t2 - 4 * t + 1, dh01 = -6 * t2 + 6 * t, dh11 = 3 * t2 - 2 * t
        let derivative = (dh00 * ys[lo] + dh01 * ys[hi]) / h + dh10 * d0 + dh11 * d1
        return (value, derivative)
    }

    /// Fritsch–Carlson derivative at knot i: weighted harmonic mean of the adjacent secants,
    /// zero at local extrema; one-sided three-point formula at the ends.
    static func slope(_ xs: [Double], _ ys: [Double], at i: Int) -> Double {
        let n = xs.count
        func secant(_ k: Int) -> Double { (ys[k + 1] - ys[k]) / (xs[k + 1] - xs[k]) }
        if n == 2 { return secant(0) }
        if i == 0 || i == n - 1 {
            let k = i == 0 ? 0 : n - 2
            let h0 = xs[k + 1] - xs[k]
            let h1 = i == 0 ? xs[2] - xs[1] : xs[n - 2] - xs[n - 3]
            let d0 = secant(k), d1 = i == 0 ? secant(1) : secant(n - 3)
            var d = ((2 * h0 + h1) * d0 - h0 * d1) / (h0 + h1)
            if d * d0 <= 0 { d = 0 } else if d0 * d1 < 0, abs(d) > abs(3 * d0) { d = 3 * d0 }
            return d
        }
        let d0 = secant(i - 1), d1 = secant(i)
        if d0 * d1 <= 0 { return 0 }
        let h0 = xs[i] - xs[i - 1], h1 = xs[i + 1] - xs[i]
        let w1 = 2 * h1 + h0, w2 = h1 + 2 * h0
        return (w1 + w2) / (w1 / d0 + w2 / d1)
    }
}
