/// Every error CellUnits throws. CellUnits depends on nothing, so this is not a
/// `DiagnosticMessage` itself, but it has the same shape (`text`, `id`) and the runtime wraps it
/// with a position.
public enum UnitError: Error, Sendable, Equatable {
    /// The operation whose operands did not fit together.
    public enum Operation: String, Sendable, Equatable {
        case add, subtract, compare, convert
    }

    /// A symbol that names no unit, with a close known symbol when there is one.
    case unknownUnit(symbol: String, suggestion: String?)
    /// A unit expression that cannot be read, e.g. `mA//cm` or `10MHz`.
    case malformedUnit(text: String, reason: String)
    /// A text that is not a number optionally followed by a unit (`Quantity.parse`).
    case malformedQuantity(text: String)
    /// `degC` inside a compound unit or raised to a power.
    case offsetUnitInCompound(symbol: String)
    /// A dimension exponent beyond `Dimension.maxExponent`.
    case exponentTooLarge(exponent: Int)
    /// Add, subtract, compare or convert across different dimensions. The units are the ones
    /// written in the source when known.
    case incompatibleDimensions(operation: Operation, left: Dimension, leftUnit: String?,
                                right: Dimension, rightUnit: String?)
    /// A mass fraction (wt%) met a volume fraction (vol%) in add, subtract, compare or convert.
    case mixedFractionBases(operation: Operation, left: FractionBasis, right: FractionBasis)
    /// `90 degC + 10 degC`.
    case twoAbsoluteTemperatures
    /// `10 K - 90 degC`.
    case absoluteFromDifference
    /// A dimensional quantity raised to a power that leaves a fractional exponent, e.g.
    /// `(2 m)^0.5`.
    case fractionalDimension(dimension: Dimension, exponent: Double)
    /// An exponent that is NaN or infinite.
    case nonFiniteExponent(exponent: Double)

    /// A stable identifier for tests and tools.
    public var id: String {
        switch self {
        case .unknownUnit: "units.unknownUnit"
        case .malformedUnit: "units.malformedUnit"
        case .malformedQuantity: "units.malformedQuantity"
        case .offsetUnitInCompound: "units.offsetUnitInCompound"
        case .exponentTooLarge: "units.exponentTooLarge"
        case .incompatibleDimensions: "units.incompatibleDimensions"
        case .mixedFractionBases: "units.mixedFractionBases"
        case .twoAbsoluteTemperatures: "units.twoAbsoluteTemperatures"
        case .absoluteFromDifference: "units.absoluteFromDifference"
        case .fractionalDimension: "units.fractionalDimension"
        case .nonFiniteExponent: "units.nonFiniteExponent"
        }
    }

    /// The message: lowercase, no final period, identifiers in backticks.
    public var text: String {
        switch self {
        case let .unknownUnit(symbol, suggestion):
            let hint = suggestion.map { " (did you mean `\($0)`?)" } ?? ""
            return "unknown unit `\(symbol)`\(hint)"
        case let .malformedUnit(text, reason):
            return "cannot read unit `\(text)`: \(reason)"
        case let .malformedQuantity(text):
            return "cannot read `\(text)` as a number with an optional unit"
        case let .offsetUnitInCompound(symbol):
            return "`\(symbol)` is an absolute temperature and cannot be part of a compound unit "
                + "or raised to a power; use `K` for temperature differences and compound units"
        case let .exponentTooLarge(exponent):
            return "unit exponent \(exponent) is too large (at most \(Dimension.maxExponent))"
        case let .incompatibleDimensions(operation, left, leftUnit, right, rightUnit):
            let l = UnitError.describe(left, leftUnit), r = UnitError.describe(right, rightUnit)
            switch operation {
            case .add: return "cannot add \(l) and \(r)"
            case .subtract: return "cannot subtract \(r) from \(l)"
            case .compare: return "cannot compare \(l) and \(r)"
            case .convert: return "cannot convert \(l) to \(r)"
            }
        case let .mixedFractionBases(operation, left, right):
            let l = UnitError.describe(left), r = UnitError.describe(right)
            switch operation {
            case .add: return "cannot add \(l) and \(r)"
            case .subtract: return "cannot subtract \(r) from \(l)"
            case .compare: return "cannot compare \(l) and \(r)"
            case .convert: return "cannot convert \(l) to \(r)"
            }
        case .twoAbsoluteTemperatures:
            return "cannot add two absolute temperatures; write a temperature difference in `K`"
        case .absoluteFromDifference:
            return "cannot subtract an absolute temperature (`degC`) from a temperature difference; "
                + "write both in `degC` or both in `K`"
        case let .fractionalDimension(dimension, exponent):
            return "cannot raise \(UnitError.describe(dimension, nil)) to the power "
                + "\(NumberFormat.format(exponent, significantDigits: 6)): "
                + "the result would have a fractional dimension"
        case let .nonFiniteExponent(exponent):
            return "exponent `\(exponent)` is not a finite number"
        }
    }

    /// "`length` (mm)", or "`m^2·kg·s^-2·K^-1` (J/K)" for a dimension without a name.
    static func describe(_ dimension: Dimension, _ unit: String?) -> String {
        let name = "`\(dimension.displayName)`"
        guard let unit, !unit.isEmpty else { return name }
        return "\(name) (\(unit))"
    }

    static func describe(_ basis: FractionBasis) -> String {
        switch basis {
        case .mass: "a mass fraction (wt%)"
        case .volume: "a volume fraction (vol%)"
        case .none: "a plain fraction"
        }
    }
}

extension UnitError: CustomStringConvertible {
    public var description: String { text }
}
