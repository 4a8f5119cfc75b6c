import XCTest
@testable import CellUnits

final class UnitExpressionTests: XCTestCase {
    /// Every quantity literal of LANGUAGE.md §1 and the Unicode spellings, with the SI value
    /// worked out by hand (PHYSICS.md §0 conversions).
    func testLanguageQuantityLiteralsHaveTheirSIValues() {
        let cases: [(String, Double, Dimension)] = [
            ("20 nm", 20e-9, .length),
            ("6.8e-5 S/cm", 6.8e-3, .conductivity),             // 1 S/cm = 100 S/m
            ("386 ohm*cm^2", 386e-4, .areaSpecificResistance),  // 1 Ω·cm² = 1e-4 Ω·m²
            ("0.1 mA/cm^2", 1.0, .currentDensity),              // 1 mA/cm² = 10 A/m²
            ("90 degC", 363.15, .temperature),
            ("7 MHz", 7e6, .frequency),
            ("10 min", 600, .time),
            ("1.85 mg/cm^2", 1.85e-2, .arealLoading),           // 1 mg/cm² = 1e-2 kg/m²
            ("0.05 C", 0.05, .cRate),
            ("4.1 V", 4.1, .voltage),
            ("50 MPa", 50e6, .pressure),
            ("0.51 eV", 0.51 * 1.602176634e-19, .energy),
            ("7.8 GPa", 7.8e9, .pressure),
            ("10 wt%", 0.1, .none),
            ("30 vol%", 0.3, .none),
            ("1 Ω·cm²", 1e-4, .areaSpecificResistance),
            ("5 µm", 5e-6, .length),                            // U+00B5 micro sign
            ("5 μm", 5e-6, .length),                            // U+03BC Greek mu
            ("25 °C", 298.15, .temperature),
            ("1 mAh/g", 3600, .specificCapacity),               // 1 mAh/g = 3.6 C/g
            ("208 Ω*cm^2", 208e-4, .areaSpecificResistance),
            ("1 mAh/cm^2", 3.6e4, .arealCapacity),               // 3.6 C per 1e-4 m²
            ("450 um", 450e-6, .length),
            ("50 mV", 0.05, .voltage),
            ("1 h", 3600, .time),
            ("2.5 mA/cm²", 25, .currentDensity),
        ]
        for (text, si, dimension) in cases {
            let quantity = q(text)
            assertClose(quantity.value, si, text)
            XCTAssertEqual(quantity.dimension, dimension, text)
        }
        XCTAssertEqual(q("10 wt%").basis, .mass)
        XCTAssertEqual(q("30 vol%").basis, .volume)
        XCTAssertTrue(q("90 degC").isAbsoluteTemperature)
        XCTAssertTrue(q("25 °C").isAbsoluteTemperature)
        XCTAssertFalse(q("300 K").isAbsoluteTemperature)
    }

    /// Unicode look-alikes that are canonically equivalent resolve too (U+2126 OHM SIGN,
    /// U+212A KELVIN SIGN), and `⋅`/`×` multiply like `·`.
    func testUnicodeSpellings() throws {
        XCTAssertEqual(try Unit.parse("\u{2126}").dimension, .resistance)
        XCTAssertEqual(try Unit.parse("\u{212A}").dimension, .temperature)
        XCTAssertEqual(try Unit.parse("Ω⋅cm²").dimension, .areaSpecificResistance)
        XCTAssertEqual(try Unit.parse("Ω×cm²").dimension, .areaSpecificResistance)
        XCTAssertEqual(try Unit.parse("m·s⁻²").dimension, Dimension(length: 1, time: -2))
        assertClose(try Unit.parse("kΩ").scale, 1e3)
        assertClose(try Unit.parse("µS/cm").scale, 1e-4)
    }

    func testProductFromParserFactors() throws {
        let currentDensity = try Unit.product([("mA", 1), ("cm", -2)])
        XCTAssertEqual(currentDensity.symbol, "mA/cm^2")
        XCTAssertEqual(currentDensity.dimension, .currentDensity)
        assertClose(currentDensity.scale, 10)
        let asr = try Unit.product([("Ω", 1), ("cm", 2)])
        XCTAssertEqual(asr.symbol, "Ω*cm^2")
        assertClose(asr.scale, 1e-4)
        let perKelvinMole = try Unit.product([("J", 1), ("mol", -1), ("K", -1)])
        XCTAssertEqual(perKelvinMole.symbol, "J/mol/K")
        let inverse = try Unit.product([("s", -1)])
        XCTAssertEqual(inverse.symbol, "1/s")
        XCTAssertEqual(inverse.dimension, .frequency)
        XCTAssertEqual(try Unit.product([("wt%", 1)]).basis, .mass)
        XCTAssertEqual(try Unit.product([("wt%", 2)]).basis, FractionBasis.none)
        XCTAssertEqual(try Unit.product([("degC", 1)]).offset, 273.15)
    }

    func testParseAgreesWithProduct() throws {
        let pairs: [(String, [(symbol: String, exponent: Int)])] = [
            ("mA/cm^2", [("mA", 1), ("cm", -2)]),
            ("ohm*cm^2", [("ohm", 1), ("cm", 2)]),
            ("Ω·cm²", [("Ω", 1), ("cm", 2)]),
            ("S/cm", [("S", 1), ("cm", -1)]),
            ("mAh/g", [("mAh", 1), ("g", -1)]),
            ("J/(mol*K)", [("J", 1), ("mol", -1), ("K", -1)]),
            ("J/mol/K", [("J", 1), ("mol", -1), ("K", -1)]),
            ("s^-1", [("s", -1)]),
            ("s⁻¹", [("s", -1)]),
            ("1/s", [("s", -1)]),
            ("m^(-2)", [("m", -2)]),
            ("(m/s)^2", [("m", 2), ("s", -2)]),
            ("kg * m ^ 2 / s ^ 2", [("kg", 1), ("m", 2), ("s", -2)]),
            ("cm³", [("cm", 3)]),
        ]
        for (text, factors) in pairs {
            let parsed = try Unit.parse(text)
            let built = try Unit.product(factors)
            XCTAssertEqual(parsed.dimension, built.dimension, text)
            assertClose(parsed.scale, built.scale, text)
            XCTAssertEqual(parsed.symbol, text.trimmingWhitespace(), text)
        }
    }

    func testMalformedUnits() {
        assertUnitError("cannot read unit `10MHz`: a unit cannot contain the number `10`; "
                        + "write the number before the unit, as in `10 MHz`") { try Unit.parse("10MHz") }
        assertUnitError("cannot read unit `mA//cm`: unexpected `/`") { try Unit.parse("mA//cm") }
        assertUnitError("cannot read unit `mA/`: expected a unit symbol at the end") { try Unit.parse("mA/") }
        assertUnitError("cannot read unit ``: expected a unit symbol") { try Unit.parse("  ") }
        assertUnitError("cannot read unit `cm2`: write the exponent with `^`, as in `cm^2`") {
            try Unit.parse("cm2")
        }
        assertUnitError("cannot read unit `m^`: expected an integer exponent after `^`") { try Unit.parse("m^") }
        assertUnitError("cannot read unit `m^0.5`: a unit exponent must be a whole number") {
            try Unit.parse("m^0.5")
        }
        assertUnitError("cannot read unit `(m*s`: expected `)`") { try Unit.parse("(m*s") }
        assertUnitError("cannot read unit `ohm cm`: expected `*` or `/` between unit symbols") {
            try Unit.parse("ohm cm")
        }
        assertUnitError("unknown unit `Mpa` (did you mean `MPa`?)") { try Unit.parse("Mpa") }
        assertUnitError("unknown unit `mC` (did you mean `mcoulomb`?)") { try Unit.parse("mC/s") }
        assertUnitError("cannot read unit ``: expected a unit symbol") { try Unit.product([]) }
    }

    func testAbsoluteTemperatureOnlyAlone() {
        let message = "`degC` is an absolute temperature and cannot be part of a compound unit or "
            + "raised to a power; use `K` for temperature differences and compound units"
        assertUnitError(message) { try Unit.parse("J/degC") }
        assertUnitError(message) { try Unit.product([("degC", 2)]) }
        assertUnitError(message) { try Unit.product([("degC", 1), ("s", -1)]) }
        assertUnitError(message.replacingOccurrences(of: "`degC`", with: "`°C`")) {
            try Unit.parse("°C^2")
        }
        XCTAssertNoThrow(try Unit.parse("degC"))
        XCTAssertNoThrow(try Unit.parse("J/K"))
    }

    /// Huge exponents must throw, never trap on Int8 (or Int) overflow.
    func testExponentOverflowThrows() {
        assertUnitError("unit exponent 200 is too large (at most 32)") { try Unit.parse("m^200") }
        assertUnitError("unit exponent 200 is too large (at most 32)") { try Unit.product([("m", 200)]) }
        assertUnitError("unit exponent -200 is too large (at most 32)") { try Unit.product([("m", -200)]) }
        XCTAssertThrowsError(try Unit.parse("m^99999999999999999999999"))
        XCTAssertThrowsError(try Unit.product([("m", Int.max)]))
        XCTAssertThrowsError(try Unit.product([("m", Int.min)]))
        assertUnitError("unit exponent 40 is too large (at most 32)") {
            try Unit.product([("m", 20), ("m", 20)])
        }
        assertUnitError("unit exponent 64 is too large (at most 32)") { try Unit.parse("(m^8)^8") }
        XCTAssertThrowsError(try Unit.parse(String(repeating: "(", count: 40) + "m"
                                            + String(repeating: ")", count: 40)))
        XCTAssertEqual(try Unit.parse("m^32").dimension, Dimension(length: 32))
    }

    func testQuantityParse() throws {
        assertClose(try Quantity.parse("10 MHz").value, 1e7)
        assertClose(try Quantity.parse("10MHz").value, 1e7)
        let plain = try Quantity.parse("1e7")
        assertClose(plain.value, 1e7)
        XCTAssertTrue(plain.isPlainNumber)
        assertClose(try Quantity.parse("-5 mV").value, -5e-3)
        assertClose(try Quantity.parse("1_000 h").value, 3.6e6)
        assertClose(try Quantity.parse("1eV").value, 1.602176634e-19)
        assertClose(try Quantity.parse(".5 V").value, 0.5)
        assertClose(try Quantity.parse("  2.5e+3 Hz ").value, 2500)
        assertUnitError("cannot read `MHz` as a number with an optional unit") { try Quantity.parse("MHz") }
        assertUnitError("cannot read `` as a number with an optional unit") { try Quantity.parse("") }
        assertUnitError("cannot read `1.2.3` as a number with an optional unit") { try Quantity.parse("1.2.3") }
        assertUnitError("unknown unit `furlong`") { try Quantity.parse("3 furlong") }
    }
}
