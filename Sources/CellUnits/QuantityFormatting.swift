import Foundation

/// Printing quantities in units researchers read at a glance, and `x in UNIT` conversion.
extension Quantity {
    /// The value as a number in `unit`: (SI value − offset) / scale, so `363.15 K` in `degC`
    /// is 90. Throws `incompatibleDimensions` for another dimension and `mixedFractionBases`
    /// for wt% ↔ vol% (a plain fraction converts to either, and either converts to `%`).
    public func value(in unit: Unit) throws(UnitError) -> Double {
        guard dimension == unit.dimension else {
            throw UnitError.incompatibleDimensions(operation: .convert, left: dimension,
                                                   leftUnit: unitText, right: unit.dimension,
                                                   rightUnit: unit.symbol)
        }
        if basis != .none, unit.basis != .none, basis != unit.basis {
            throw UnitError.mixedFractionBases(operation: .convert, left: basis, right: unit.basis)
        }
        return unit.fromSI(value)
    }

    /// `x in UNIT`: the number in `unit` followed by a space and the unit as written,
    /// e.g. `0.886 in %` → `88.6 %`, `386 ohm*cm^2`. Errors as for `value(in:)`.
    public func formatted(in unit: Unit, significantDigits: Int = 4) throws(UnitError) -> String {
        let number = NumberFormat.format(try value(in: unit), significantDigits: significantDigits)
        return unit.symbol.isEmpty ? number : "\(number) \(unit.symbol)"
    }

    /// As `formatted(in:)` with a unit expression (`"mA/cm^2"`); also throws parse errors.
    public func formatted(in unitText: String, significantDigits: Int = 4) throws(UnitError) -> String {
        try formatted(in: Unit.parse(unitText), significantDigits: significantDigits)
    }

    /// The value in a unit chosen for its dimension and magnitude (see `displayUnit`), e.g.
    /// `20 nm`, `6.8e-5 S/cm`, `386 ohm*cm^2`, `90 degC`, `10 wt%`, a bare `0.1`. Up to
    /// `significantDigits` significant digits, no trailing zeros, exponent notation when the
    /// number is below 1e-3 or at least 1e6 in that unit. Output is ASCII except `µ`.
    public func formatted(significantDigits: Int = 4) -> String {
        let unit = displayUnit
        let number = NumberFormat.format(unit.fromSI(value), significantDigits: significantDigits)
        return unit.symbol.isEmpty ? number : "\(number) \(unit.symbol)"
    }

    /// The unit `formatted()` prints this quantity in.
    public var displayUnit: Unit {
        Quantity.displayUnit(for: dimension, magnitude: value, basis: basis,
                             isAbsoluteTemperature: isAbsoluteTemperature)
    }

    /// The display unit for a dimension and a magnitude in SI (use a typical value to pick one
    /// unit for a whole column). Fractions: wt% (mass), vol% (volume), none → the empty unit.
    /// Absolute temperatures → `degC`, other temperatures → `K`. Dimensions without a display
    /// rule → the SI base symbols (`m^2*kg*s^-2*K^-1`), which `Unit.parse` reads back.
    public static func displayUnit(for dimension: Dimension, magnitude: Double,
                                   basis: FractionBasis = .none,
                                   isAbsoluteTemperature: Bool = false) -> Unit {
        if dimension.isDimensionless {
            switch basis {
            case .mass: return Unit(symbol: "wt%", scale: 0.01, dimension: .none, basis: .mass)
            case .volume: return Unit(symbol: "vol%", scale: 0.01, dimension: .none, basis: .volume)
            case .none: return .one
            }
        }
        if dimension == .temperature, isAbsoluteTemperature {
            return Unit(symbol: "degC", scale: 1, offset: 273.15, dimension: .temperature)
        }
        guard let ladder = DisplayLadder.ladders[dimension] else {
            return Unit(symbol: dimension.baseSymbolText(separator: "*"), scale: 1, dimension: dimension)
        }
        let step = ladder.step(for: magnitude)
        return Unit(symbol: step.symbol, scale: step.scale, dimension: dimension)
    }
}

/// Units to print one dimension in, each used from a magnitude upward (SI, inclusive).
struct DisplayLadder: Sendable {
    struct Step: Sendable {
        let symbol: String
        /// SI value of one of this unit.
        let scale: Double
        /// Smallest |SI value| printed in this unit (the first step takes everything smaller).
        let from: Double
    }
    let steps: [Step]
    /// Symbol used for zero, infinities and NaN.
    let zeroSymbol: String

    func step(for magnitude: Double) -> Step {
        let a = abs(magnitude)
        guard a > 0, a.isFinite else {
            return steps.first { $0.symbol == zeroSymbol } ?? steps[0]
        }
        return steps.last { $0.from <= a } ?? steps[0]
    }

    private static func ladder(_ zero: String, _ steps: [(String, Double, Double)]) -> DisplayLadder {
        DisplayLadder(steps: steps.map { Step(symbol: $0.0, scale: $0.1, from: $0.2) }, zeroSymbol: zero)
    }
    private static func single(_ symbol: String, _ scale: Double) -> DisplayLadder {
        ladder(symbol, [(symbol, scale, 0)])
    }

    /// 1 eV in J (exact, SI 2019).
    static let electronvolt = 1.602176634e-19

    // Thresholds follow the brief: length by magnitude; mm^2 below 0.01 cm^2; µA/cm^2 below
    // 0.01 mA/cm^2; mV below 0.1 V; min from 2 min and h from 2 h; eV below 1e-17 J.
    static let ladders: [Dimension: DisplayLadder] = [
        .length: ladder("m", [("nm", 1e-9, 0), ("µm", 1e-6, 1e-6), ("mm", 1e-3, 1e-3),
                              ("cm", 1e-2, 1e-2), ("m", 1, 1)]),
        .area: ladder("cm^2", [("mm^2", 1e-6, 0), ("cm^2", 1e-4, 1e-6), ("m^2", 1, 1)]),
        .volume: ladder("cm^3", [("mm^3", 1e-9, 0), ("cm^3", 1e-6, 1e-9), ("m^3", 1, 1)]),
        .mass: ladder("g", [("µg", 1e-9, 0), ("mg", 1e-6, 1e-6), ("g", 1e-3, 1e-3), ("kg", 1, 1)]),
        .time: ladder("s", [("µs", 1e-6, 0), ("ms", 1e-3, 1e-3), ("s", 1, 1), ("min", 60, 120),
                            ("h", 3600, 7200)]),
        .frequency: ladder("Hz", [("mHz", 1e-3, 0), ("Hz", 1, 1), ("kHz", 1e3, 1e3), ("MHz", 1e6, 1e6)]),
        .current: ladder("mA", [("nA", 1e-9, 0), ("µA", 1e-6, 1e-6), ("mA", 1e-3, 1e-3), ("A", 1, 1)]),
        .currentDensity: ladder("mA/cm^2", [("µA/cm^2", 1e-2, 0), ("mA/cm^2", 10, 0.1)]),
        // Elementary charges and other sub-nC amounts print in coulombs, cell charges in mAh.
        .charge: ladder("mAh", [("coulomb", 1, 0), ("µAh", 3.6e-3, 3.6e-9), ("mAh", 3.6, 3.6e-3)]),
        .specificCapacity: single("mAh/g", 3600),
        .arealCapacity: single("mAh/cm^2", 3.6e4),
        .arealLoading: single("mg/cm^2", 1e-2),
        .voltage: ladder("V", [("µV", 1e-6, 0), ("mV", 1e-3, 1e-4), ("V", 1, 0.1), ("kV", 1e3, 1e3)]),
        .resistance: ladder("ohm", [("mohm", 1e-3, 0), ("ohm", 1, 1e-3), ("kohm", 1e3, 1e3),
                                    ("Mohm", 1e6, 1e6), ("Gohm", 1e9, 1e9)]),
        .areaSpecificResistance: single("ohm*cm^2", 1e-4),
        .resistivity: single("ohm*cm", 1e-2),
        .conductance: ladder("S", [("nS", 1e-9, 0), ("µS", 1e-6, 1e-6), ("mS", 1e-3, 1e-3), ("S", 1, 1)]),
        .conductivity: single("S/cm", 100),
        .capacitance: ladder("F", [("pF", 1e-12, 0), ("nF", 1e-9, 1e-9), ("µF", 1e-6, 1e-6),
                                   ("mF", 1e-3, 1e-3), ("F", 1, 1)]),
        .arealCapacitance: single("µF/cm^2", 1e-2),
        .inductance: ladder("H", [("nH", 1e-9, 0), ("µH", 1e-6, 1e-6), ("mH", 1e-3, 1e-3), ("H", 1, 1)]),
        .energy: ladder("J", [("eV", electronvolt, 0), ("J", 1, 1e-17)]),
        .power: ladder("W", [("µW", 1e-6, 0), ("mW", 1e-3, 1e-3), ("W", 1, 1), ("kW", 1e3, 1e3)]),
        .force: single("N", 1),
        .pressure: ladder("MPa", [("Pa", 1, 0), ("kPa", 1e3, 1e3), ("MPa", 1e6, 1e6), ("GPa", 1e9, 1e9)]),
        .temperature: single("K", 1),
        .amount: ladder("mol", [("µmol", 1e-6, 0), ("mmol", 1e-3, 1e-3), ("mol", 1, 1)]),
        .concentration: single("mol/m^3", 1),
        .diffusivity: single("m^2/s", 1),
        .density: single("g/cm^3", 1e3),
        .molarMass: single("g/mol", 1e-3),
        .cRate: single("C", 1),
        // The units of the physical constants (`k_B`, `R_gas`, `faraday`, `eps0`, `N_A`).
        .entropy: single("J/K", 1),
        .molarEntropy: single("J/(mol*K)", 1),
        .molarCharge: single("coulomb/mol", 1),
        .permittivity: single("F/m", 1),
        .perAmount: single("1/mol", 1),
    ]
}

/// Number text for printing: up to N significant digits, no trailing zeros, exponent notation
/// (`6.8e-5`, `1.2e7`) when |x| < 1e-3 or |x| ≥ 1e6; `0` for ±0, `nan`, `inf`, `-inf`.
public enum NumberFormat {
    /// Significant digits are clamped to 1...17 (a Double holds at most 17).
    public static func format(_ x: Double, significantDigits: Int = 4) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        if x == 0 { return "0" }
        let digits = min(max(significantDigits, 1), 17)
        let scientific = String(format: "%.\(digits - 1)e", x)
        guard let e = scientific.firstIndex(where: { $0 == "e" || $0 == "E" }),
              let exponent = Int(scientific[scientific.index(after: e)...]) else {
            return scientific
        }
        if exponent < -3 || exponent >= 6 {
            return stripZeros(String(scientific[..<e])) + "e\(exponent)"
        }
        let rounded = Double(scientific) ?? x
        let decimals = max(0, digits - 1 - exponent)
        return stripZeros(String(format: "%.\(decimals)f", rounded))
    }

    /// Removes trailing zeros after a decimal point, and the point if nothing follows it.
    static func stripZeros(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var t = Substring(text)
        while t.hasSuffix("0") { t = t.dropLast() }
        if t.hasSuffix(".") { t = t.dropLast() }
        return String(t)
    }
}
