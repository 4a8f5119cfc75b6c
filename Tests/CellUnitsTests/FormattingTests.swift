import XCTest
@testable import CellUnits

final class FormattingTests: XCTestCase {
    func testNumberFormat() {
        let cases: [(Double, Int, String)] = [
            (6.8e-5, 4, "6.8e-5"), (386, 4, "386"), (0.1, 4, "0.1"), (1.0, 4, "1"),
            (123456, 4, "123500"), (999999.6, 4, "1e6"), (1.23456e7, 4, "1.235e7"),
            (0.001, 4, "0.001"), (0.00099996, 4, "0.001"), (0.000999, 4, "9.99e-4"),
            (-2.5e-9, 4, "-2.5e-9"), (3.14159265, 3, "3.14"), (9.99995, 4, "10"),
            (0, 4, "0"), (-0.0, 4, "0"), (42, 0, "40"), (1.5, 99, "1.5"),
            (.infinity, 4, "inf"), (-.infinity, 4, "-inf"), (.nan, 4, "nan"),
        ]
        for (x, digits, expected) in cases {
            XCTAssertEqual(NumberFormat.format(x, significantDigits: digits), expected, "\(x)")
        }
    }

    /// The unit `formatted()` picks for each dimension and magnitude.
    func testFormattedPicksASensibleUnit() {
        let cases: [(String, String)] = [
            ("20 nm", "20 nm"), ("450 um", "450 µm"), ("1.0 mm", "1 mm"), ("1.5 cm", "1.5 cm"),
            ("2 m", "2 m"), ("0 m", "0 m"),
            ("1 cm^2", "1 cm^2"), ("0.5 mm^2", "0.5 mm^2"), ("78.54 mm^2", "0.7854 cm^2"),
            ("6.8e-5 S/cm", "6.8e-5 S/cm"), ("386 ohm*cm^2", "386 ohm*cm^2"),
            ("1 Ω·cm²", "1 ohm*cm^2"),
            ("0.5 ohm", "0.5 ohm"), ("12 kohm", "12 kohm"), ("3.3 Mohm", "3.3 Mohm"),
            ("0.1 mA/cm^2", "0.1 mA/cm^2"), ("0.005 mA/cm^2", "5 µA/cm^2"), ("0 mA/cm^2", "0 mA/cm^2"),
            ("0.2 mA", "200 µA"), ("3 mA", "3 mA"), ("2 A", "2 A"),
            ("4.1 V", "4.1 V"), ("0.05 V", "50 mV"), ("0.1 V", "0.1 V"),
            ("1 mAh", "1 mAh"), ("2 Ah", "2000 mAh"), ("140 mAh/g", "140 mAh/g"),
            ("1.85 mg/cm^2", "1.85 mg/cm^2"), ("2 mAh/cm^2", "2 mAh/cm^2"),
            ("10 min", "10 min"), ("90 s", "90 s"), ("3 h", "3 h"), ("1 h", "60 min"),
            ("0.5 s", "500 ms"), ("119 s", "119 s"),
            ("7 MHz", "7 MHz"), ("1 Hz", "1 Hz"), ("10 kHz", "10 kHz"), ("0.01 Hz", "10 mHz"),
            ("300 K", "300 K"), ("90 degC", "90 degC"), ("25 °C", "25 degC"),
            ("50 MPa", "50 MPa"), ("7.8 GPa", "7.8 GPa"), ("5 kPa", "5 kPa"), ("0 MPa", "0 MPa"),
            ("0.51 eV", "0.51 eV"), ("1 J", "1 J"),
            ("10 pF", "10 pF"), ("2.2 uF", "2.2 µF"), ("1 uF/cm^2", "1 µF/cm^2"),
            ("1e-12 m^2/s", "1e-12 m^2/s"), ("5 g/cm^3", "5 g/cm^3"), ("97.87 g/mol", "97.87 g/mol"),
            ("77000 mol/m^3", "77000 mol/m^3"), ("0.05 C", "0.05 C"),
            ("10 wt%", "10 wt%"), ("30 vol%", "30 vol%"), ("10 %", "0.1"), ("0.1", "0.1"),
            ("5.2e-9 S/cm", "5.2e-9 S/cm"), ("1 mS", "1 mS"), ("1 mW", "1 mW"), ("2 N", "2 N"),
        ]
        for (input, expected) in cases {
            XCTAssertEqual(q(input).formatted(), expected, input)
        }
    }

    func testFallbackUsesBaseSymbolsThatParseBack() throws {
        // J/(K·A) has no display unit, so it prints in base symbols that parse back.
        let odd = try PhysicalConstants.k_B.divided(by: Quantity(1, UnitTable.require("A")))
        XCTAssertEqual(odd.formatted(), "1.381e-23 m^2*kg*s^-2*A^-1*K^-1")
        let back = try Quantity.parse(odd.formatted(significantDigits: 10))
        XCTAssertEqual(back.dimension, odd.dimension)
        assertClose(back.value, 1.380649e-23, relative: 1e-9)
    }

    func testPhysicalConstantsPrintInTheirUnits() {
        XCTAssertEqual(PhysicalConstants.k_B.formatted(), "1.381e-23 J/K")
        XCTAssertEqual(PhysicalConstants.q_e.formatted(), "1.602e-19 coulomb")
        XCTAssertEqual(PhysicalConstants.R_gas.formatted(), "8.314 J/(mol*K)")
    }

    /// Printing then reading back gives the same quantity (to the printed digits).
    func testFormattedRoundTrips() throws {
        let inputs = ["20 nm", "6.8e-5 S/cm", "386 ohm*cm^2", "0.1 mA/cm^2", "7 MHz", "10 min",
                      "1.85 mg/cm^2", "0.05 C", "4.1 V", "50 MPa", "0.51 eV", "7.8 GPa", "10 wt%",
                      "30 vol%", "0.7854 cm^2", "3 h", "12 kohm", "2.2 uF", "140 mAh/g", "90 degC",
                      "3.3e-7 A", "1.23456789e-3 m"]
        for input in inputs {
            let original = q(input)
            let printed = original.formatted(significantDigits: 12)
            let back = try Quantity.parse(printed)
            XCTAssertEqual(back.dimension, original.dimension, "\(input) → \(printed)")
            XCTAssertEqual(back.basis, original.basis, "\(input) → \(printed)")
            XCTAssertEqual(back.isAbsoluteTemperature, original.isAbsoluteTemperature, input)
            assertClose(back.value, original.value, relative: 1e-11, "\(input) → \(printed)")
        }
    }

    func testFormattedInAUnit() throws {
        XCTAssertEqual(try q("0.886").formatted(in: "%"), "88.6 %")
        XCTAssertEqual(try q("10 wt%").formatted(in: "%"), "10 %")
        XCTAssertEqual(try q("0.1").formatted(in: "wt%"), "10 wt%")
        XCTAssertEqual(try q("386 ohm*cm^2").formatted(in: "ohm*m^2"), "0.0386 ohm*m^2")
        XCTAssertEqual(try q("0.0386 ohm*m^2").formatted(in: "Ω·cm²"), "386 Ω·cm²")
        XCTAssertEqual(try q("363.15 K").formatted(in: "degC"), "90 degC")
        XCTAssertEqual(try q("90 degC").formatted(in: "K"), "363.1 K")
        XCTAssertEqual(try q("90 degC").formatted(in: "K", significantDigits: 6), "363.15 K")
        XCTAssertEqual(try q("1 mAh/g").formatted(in: "coulomb/g"), "3.6 coulomb/g")
        XCTAssertEqual(try q("1e-3 S/cm").formatted(in: "mS/cm"), "1 mS/cm")
        assertClose(try q("1 mA/cm^2").value(in: Unit.parse("A/m^2")), 10)
        assertClose(try q("1 mg/cm^2").value(in: Unit.parse("kg/m^2")), 1e-2)
        assertClose(try q("1 S/cm").value(in: Unit.parse("S/m")), 100)
        assertClose(try q("25 degC").value(in: Unit.parse("°C")), 25, relative: 1e-12)
        assertUnitError("cannot convert `length` (mm) to `conductance` (S)") { try q("1 mm").formatted(in: "S") }
        assertUnitError("cannot convert a mass fraction (wt%) to a volume fraction (vol%)") {
            try q("10 wt%").formatted(in: "vol%")
        }
        assertUnitError("cannot convert `C-rate` (C) to `current` (mA)") { try q("0.05 C").value(in: Unit.parse("mA")) }
        assertUnitError("unknown unit `gram` (did you mean `g`?)") { try q("1 mAh/g").formatted(in: "mAh/gram") }
    }

    func testDisplayUnitForAColumn() {
        let unit = Quantity.displayUnit(for: .currentDensity, magnitude: 5)
        XCTAssertEqual(unit.symbol, "mA/cm^2")
        assertClose(unit.fromSI(5), 0.5)
        XCTAssertEqual(Quantity.displayUnit(for: .none, magnitude: 0.3, basis: .volume).symbol, "vol%")
        XCTAssertEqual(Quantity.displayUnit(for: .temperature, magnitude: 300,
                                            isAbsoluteTemperature: true).symbol, "degC")
        XCTAssertEqual(q("1 mm").description, "1 mm")
    }
}
