import RealModule

/// A bound on one fit parameter (either side may be infinite).
public struct ParameterBound: Sendable, Equatable {
    public var lower: Double
    public var upper: Double

    public init(lower: Double = -.infinity, upper: Double = .infinity) {
        self.lower = lower
        self.upper = upper
    }

    /// (0, ∞): positive scale quantities (resistances, capacitances, time constants).
    public static let positive = ParameterBound(lower: 0, upper: .infinity)
    /// (0, 1]: CPE-like exponents, as impedance.py's default bounds.
    public static let exponent = ParameterBound(lower: 0, upper: 1)
}

/// How the optimiser sees one parameter: u = x (linear) or u = ln x (log-parameterisation of a
/// positive quantity), with the bound mapped into a box on u that the optimiser projects onto.
public struct ParameterScaling: Sendable, Equatable {
    public var isLogarithmic: Bool
    /// Box on u (−∞/∞ for open sides). A log parameter with lower bound 0 has no lower box.
    public var lowerU: Double
    public var upperU: Double

    /// Log scaling needs a non-negative lower bound; otherwise linear scaling is used.
    public init(bound: ParameterBound, logarithmic: Bool) {
        isLogarithmic = logarithmic && bound.lower >= 0
        if isLogarithmic {
            lowerU = bound.lower > 0 ? Double.log(bound.lower) : -.infinity
            upperU = bound.upper.isFinite ? Double.log(bound.upper) : .infinity
        } else {
            lowerU = bound.lower
            upperU = bound.upper
        }
    }

    /// Smallest start value used for a log parameter given as zero or negative: keeps ln finite.
    static let logFloor = 1e-300

    /// x(u).
    @inlinable
    public func value(_ u: Double) -> Double { isLogarithmic ? Double.exp(u) : u }

    /// dx/du at u.
    @inlinable
    public func derivative(_ u: Double) -> Double { isLogarithmic ? Double.exp(u) : 1 }

    /// u(x), clamped into the box.
    public func inverse(_ x: Double) -> Double {
        let u = isLogarithmic ? Double.log(max(x, Self.logFloor)) : x
        return clamp(u)
    }

    /// Projects u onto the box.
    @inlinable
    public func clamp(_ u: Double) -> Double { min(max(u, lowerU), upperU) }
}
