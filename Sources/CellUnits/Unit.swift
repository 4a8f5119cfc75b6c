/// For dimensionless fractions: what the fraction is of. `10 wt%` and `10 vol%` are both 0.1
/// but mean different compositions; plain `%` and bare numbers have no basis.
public enum FractionBasis: String, Sendable, Hashable {
    case none, mass, volume
}

/// A unit: value_SI = value · scale + offset. Only `degC` has an offset (absolute temperature).
public struct Unit: Hashable, Sendable {
    /// The unit as written (`mA/cm^2`, `Ω·cm²`), used in messages and printing.
    public var symbol: String
    public var scale: Double
    public var offset: Double
    public var dimension: Dimension
    public var basis: FractionBasis

    public init(symbol: String, scale: Double, offset: Double = 0, dimension: Dimension,
                basis: FractionBasis = .none) {
        self.symbol = symbol
        self.scale = scale
        self.offset = offset
        self.dimension = dimension
        self.basis = basis
    }

    /// True for a unit with an offset (`degC`): its values are absolute temperatures.
    public var isAbsoluteTemperature: Bool { offset != 0 }

    /// The SI value of `number` in this unit: number · scale + offset.
    public func toSI(_ number: Double) -> Double { number * scale + offset }

    /// The number in this unit of an SI value: (value − offset) / scale.
    public func fromSI(_ value: Double) -> Double { (value - offset) / scale }
}
