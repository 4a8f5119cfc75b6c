import RealModule

/// Student's t distribution: the quantile used for 95 % confidence intervals of fit parameters.
public enum StudentT {
    /// Two-sided 95 % quantile t_{0.975, ν}; ν ≤ 0 or non-finite gives 1.96 (the normal limit),
    /// as does ν > 1e7.
    public static func quantile975(degreesOfFreedom nu: Int) -> Double {
        quantile(0.975, degreesOfFreedom: nu)
    }

    /// Beyond this many degrees of freedom the normal quantile is used (difference < 1e-7).
    static let normalLimit = 10_000_000

    /// Quantile t_p for 0.5 < p < 1, by bisection on the CDF to 1e-12 relative.
    public static func quantile(_ p: Double, degreesOfFreedom nu: Int) -> Double {
        guard nu > 0, nu < normalLimit, p > 0.5, p < 1 else { return 1.959963984540054 }
        var lo = 0.0
        var hi = 1.0
        while cdf(hi, degreesOfFreedom: nu) < p { hi *= 2 }
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if cdf(mid, degreesOfFreedom: nu) < p { lo = mid } else { hi = mid }
            if hi - lo <= 1e-12 * hi { break }
        }
        return (lo + hi) / 2
    }

    /// CDF of t with ν degrees of freedom: 1 − I_{ν/(ν+t²)}(ν/2, 1/2)/2 for t ≥ 0.
    public static func cdf(_ t: Double, degreesOfFreedom nu: Int) -> Double {
        let v = Double(nu)
        let x = v / (v + t * t)
        let tail = regularizedIncompleteBeta(x, a: v / 2, b: 0.5) / 2
        return t >= 0 ? 1 - tail : tail
    }

    /// Regularised incomplete beta I_x(a, b) by Lentz's continued fraction (Numerical Recipes §6.4).
    static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logFront = Double.logGamma(a + b) - Double.logGamma(a) - Double.logGamma(b)
            + a * Double.log(x) + b * Double.log(1 - x)
        let front = Double.exp(logFront)
        if x < (a + 1) / (a + b + 2) {
            return front * betaContinuedFraction(x, a: a, b: b) / a
        }
        return 1 - front * betaContinuedFraction(1 - x, a: b, b: a) / b
    }

    private static func betaContinuedFraction(_ x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...300 {
            let mm = Double(m)
            var numerator = mm * (b - mm) * x / ((a + 2 * mm - 1) * (a + 2 * mm))
            d = 1 + numerator * d
            if abs(d) < tiny { d = tiny }
            c = 1 + numerator / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            numerator = -(a + mm) * (a + b + mm) * x / ((a + 2 * mm) * (a + 2 * mm + 1))
            d = 1 + numerator * d
            if abs(d) < tiny { d = tiny }
            c = 1 + numerator / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return h
    }
}
