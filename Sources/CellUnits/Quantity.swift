import Foundation

/// A number with a dimension, stored in SI base units (kg, not g; K, not degC).
///
/// Add, subtract and compare check dimensions and throw `UnitError`; multiply and divide always
/// combine dimensions (throwing only when an exponent exceeds `Dimension.maxExponent`).
/// Division by zero and powers of negative numbers follow IEEE 754 (±inf, NaN); nothing traps.
public struct Quantity: Sendable, CustomStringConvertible {
    /// The value in SI base units.
    public var value: Double
    public var dimension: Dimension
    /// What a dimensionless fraction is of (wt%, vol%); `.none` for everything else.
    public var basis: FractionBasis
    /// Set only by `degC` literals (stored in K): an absolute temperature, so that
    /// `90 degC + 10 degC` can be refused and `90 degC - 25 degC` becomes a difference.
    public var isAbsoluteTemperature: Bool
    /// The unit as written in the source (`mm`, `mA/cm^2`), kept for error messages only;
    /// arithmetic keeps it when both operands agree. Ignored by `==`.
    public var unitText: String?

    /// A quantity from its SI value.
    public init(si value: Double, dimension: Dimension, basis: FractionBasis = .none,
                isAbsoluteTemperature: Bool = false, unitText: String? = nil) {
        self.value = value
        self.dimension = dimension
        self.basis = basis
        self.isAbsoluteTemperature = isAbsoluteTemperature
        self.unitText = unitText
    }

    /// A number written with a unit: SI value = number · scale + offset. A `degC` unit makes an
    /// absolute temperature; `K` makes a plain temperature (usable as a difference).
    public init(_ number: Double, _ unit: Unit) {
        self.init(si: unit.toSI(number), dimension: unit.dimension, basis: unit.basis,
                  isAbsoluteTemperature: unit.isAbsoluteTemperature,
                  unitText: unit.symbol.isEmpty ? nil : unit.symbol)
    }

    /// A number written with a unit symbol or expression (`"mA/cm^2"`); throws for unknown units.
    public init(_ number: Double, unit text: String) throws(UnitError) {
        self.init(number, try Unit.parse(text))
    }

    /// A bare number: dimensionless, no basis.
    public static func number(_ x: Double) -> Quantity { Quantity(si: x, dimension: .none) }

    public var isDimensionless: Bool { dimension.isDimensionless }

    /// A dimensionless quantity without a fraction basis (a bare number or a plain `%`).
    public var isPlainNumber: Bool { dimension.isDimensionless && basis == .none }

    public var description: String { formatted() }

    // MARK: Add and subtract

    /// The sum. Throws `incompatibleDimensions`, `mixedFractionBases` (wt% with vol%) and
    /// `twoAbsoluteTemperatures`. A basis meets none → the basis (`100 % - 10 wt%` is wt%);
    /// absolute ± difference stays absolute.
    public func adding(_ other: Quantity) throws(UnitError) -> Quantity {
        try checkSameKind(other, .add)
        if isAbsoluteTemperature && other.isAbsoluteTemperature {
            throw UnitError.twoAbsoluteTemperatures
        }
        return combined(value + other.value, other,
                        absolute: isAbsoluteTemperature || other.isAbsoluteTemperature)
    }

    /// The difference. As `adding`, except that absolute − absolute is a difference (plain K)
    /// and difference − absolute throws `absoluteFromDifference`.
    public func subtracting(_ other: Quantity) throws(UnitError) -> Quantity {
        try checkSameKind(other, .subtract)
        if other.isAbsoluteTemperature && !isAbsoluteTemperature {
            throw UnitError.absoluteFromDifference
        }
        return combined(value - other.value, other,
                        absolute: isAbsoluteTemperature && !other.isAbsoluteTemperature)
    }

    /// The result of add/subtract: basis of whichever side has one, unit text when both agree.
    private func combined(_ sum: Double, _ other: Quantity, absolute: Bool) -> Quantity {
        let basis = self.basis != .none ? self.basis : other.basis
        let text = unitText == other.unitText ? unitText : nil
        return Quantity(si: sum, dimension: dimension, basis: basis,
                        isAbsoluteTemperature: absolute, unitText: text)
    }

    /// Throws unless both sides have one dimension and compatible bases.
    private func checkSameKind(_ other: Quantity, _ operation: UnitError.Operation) throws(UnitError) {
        guard dimension == other.dimension else {
            throw UnitError.incompatibleDimensions(operation: operation, left: dimension,
                                                   leftUnit: unitText, right: other.dimension,
                                                   rightUnit: other.unitText)
        }
        if basis != .none, other.basis != .none, basis != other.basis {
            throw UnitError.mixedFractionBases(operation: operation, left: basis, right: other.basis)
        }
    }

    /// The negation; an absolute temperature becomes a plain one (in K, without unit text).
    public func negated() -> Quantity {
        Quantity(si: -value, dimension: dimension, basis: basis,
                 unitText: isAbsoluteTemperature ? nil : unitText)
    }

    // MARK: Multiply, divide, power

    /// The product. A fraction basis survives when the other side is a plain number
    /// (`0.5 * 10 wt%` is 5 wt%), else it is dropped; the absolute-temperature flag is dropped
    /// (`T * k_B` uses T in K). Throws only `exponentTooLarge`.
    public func multiplied(by other: Quantity) throws(UnitError) -> Quantity {
        let d = try dimension.multiplied(by: other.dimension)
        let basis: FractionBasis = other.isPlainNumber ? self.basis : (isPlainNumber ? other.basis : .none)
        return Quantity(si: value * other.value, dimension: d, basis: basis,
                        unitText: Quantity.scaledText(self, other))
    }

    /// The quotient. The basis of the numerator survives when the denominator is a plain
    /// number; otherwise it is dropped. Throws only `exponentTooLarge`; x/0 is ±inf or NaN.
    public func divided(by other: Quantity) throws(UnitError) -> Quantity {
        let d = try dimension.divided(by: other.dimension)
        let basis: FractionBasis = other.isPlainNumber ? self.basis : .none
        let text = other.isPlainNumber && other.unitText == nil ? unitText : nil
        return Quantity(si: value / other.value, dimension: d, basis: basis, unitText: text)
    }

    /// Unit text kept through scaling by a bare number (`2 * (3 mm)` still reads `mm`).
    private static func scaledText(_ a: Quantity, _ b: Quantity) -> String? {
        if b.isPlainNumber && b.unitText == nil { return a.unitText }
        if a.isPlainNumber && a.unitText == nil { return b.unitText }
        return nil
    }

    /// The power. A dimensionless base takes any real exponent; a dimensional base takes an
    /// exponent that leaves whole dimension exponents (`(4 m^2)^0.5` is 2 m, `(2 m)^0.5`
    /// throws `fractionalDimension`). Throws `nonFiniteExponent` for NaN/inf and
    /// `exponentTooLarge` beyond `Dimension.maxExponent`. The basis survives only exponent 1.
    /// A negative base with a fractional exponent gives NaN (IEEE 754).
    public func raised(to exponent: Double) throws(UnitError) -> Quantity {
        guard exponent.isFinite else { throw UnitError.nonFiniteExponent(exponent: exponent) }
        let basis = exponent == 1 ? self.basis : .none
        let absolute = exponent == 1 && isAbsoluteTemperature
        if isDimensionless {
            return Quantity(si: pow(value, exponent), dimension: .none, basis: basis)
        }
        var exponents: [Int] = []
        for e in dimension.exponents {
            let scaled = Double(e) * exponent
            guard abs(scaled) <= Double(Dimension.maxExponent) else {
                let reported = Int(exactly: scaled.rounded()) ?? (scaled > 0 ? Int.max : Int.min)
                throw UnitError.exponentTooLarge(exponent: reported)
            }
            let whole = scaled.rounded()
            guard abs(scaled - whole) <= Quantity.exponentTolerance else {
                throw UnitError.fractionalDimension(dimension: dimension, exponent: exponent)
            }
            exponents.append(Int(whole))
        }
        let d = try Dimension(checkedExponents: exponents)
        return Quantity(si: pow(value, exponent), dimension: d, basis: basis,
                        isAbsoluteTemperature: absolute)
    }

    /// How far e·p may sit from a whole number and still count as one: covers `^(1/3)` written
    /// as 0.3333333333333333 while refusing any real fractional exponent.
    static let exponentTolerance = 1e-9

    /// The square root (`sqrt` in the language); see `raised(to:)`.
    public func squareRoot() throws(UnitError) -> Quantity { try raised(to: 0.5) }

    // MARK: Compare

    /// The order of two quantities of one dimension; throws `incompatibleDimensions` or
    /// `mixedFractionBases`. `unordered` when either value is NaN.
    public func compare(_ other: Quantity) throws(UnitError) -> QuantityOrder {
        try checkSameKind(other, .compare)
        if value < other.value { return .ascending }
        if value > other.value { return .descending }
        if value == other.value { return .same }
        return .unordered
    }

    public func isLess(than other: Quantity) throws(UnitError) -> Bool {
        try compare(other) == .ascending
    }

    public func isEqual(to other: Quantity) throws(UnitError) -> Bool {
        try compare(other) == .same
    }

    // MARK: Operators (throwing, for convenience)

    public static func + (a: Quantity, b: Quantity) throws(UnitError) -> Quantity { try a.adding(b) }
    public static func - (a: Quantity, b: Quantity) throws(UnitError) -> Quantity { try a.subtracting(b) }
    public static func * (a: Quantity, b: Quantity) throws(UnitError) -> Quantity { try a.multiplied(by: b) }
    public static func / (a: Quantity, b: Quantity) throws(UnitError) -> Quantity { try a.divided(by: b) }
    public static prefix func - (a: Quantity) -> Quantity { a.negated() }
}

/// The result of `Quantity.compare`.
public enum QuantityOrder: Sendable, Equatable {
    case ascending, same, descending
    /// One side is NaN.
    case unordered
}

extension Quantity: Equatable {
    /// Same SI value (exactly), dimension, basis and absolute flag; `unitText` is ignored, so
    /// `1000 mm == 1 m` holds when the doubles agree.
    public static func == (a: Quantity, b: Quantity) -> Bool {
        a.value == b.value && a.dimension == b.dimension && a.basis == b.basis
            && a.isAbsoluteTemperature == b.isAbsoluteTemperature
    }
}
