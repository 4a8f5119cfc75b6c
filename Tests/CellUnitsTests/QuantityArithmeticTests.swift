import XCTest
@testable import CellUnits

final class QuantityArithmeticTests: XCTestCase {
    func testAddingLengthsOfDifferentUnits() throws {
        let sum = try q("1 mm") + q("2 nm")
        assertClose(sum.value, 1.000002e-3)
        XCTAssertEqual(sum.dimension, .length)
        XCTAssertEqual(sum.formatted(significantDigits: 7), "1.000002 mm")
        let difference = try q("1 mm") - q("2 nm")
        assertClose(difference.value, 0.999998e-3)
    }

    func testDimensionErrorsNameBothDimensionsAndUnits() {
        assertUnitError("cannot add `length` (mm) and `conductance` (S)") { try q("1 mm") + q("2 S") }
        assertUnitError("cannot subtract `voltage` (V) from `current` (mA)") { try q("1 mA") - q("4.1 V") }
        assertUnitError("cannot compare `time` (min) and `C-rate` (C)") { try q("10 min").compare(q("0.05 C")) }
        assertUnitError("cannot add `conductivity` (S/cm) and `area-specific resistance` (ohm*cm^2)") {
            try q("6.8e-5 S/cm") + q("386 ohm*cm^2")
        }
        // Derived values carry no unit text; unnamed dimensions show their base symbols.
        assertUnitError("cannot add `m^2·kg·s^-2·K^-1` and `energy` (eV)") {
            try PhysicalConstants.k_B.withoutUnitText() + q("0.51 eV")
        }
        let area = (try? q("5 mm") * q("5 mm")) ?? .number(.nan)
        assertUnitError("cannot add `area` and `length` (mm)") { try area + q("1 mm") }
        let error = assertUnitError("cannot add `length` (mm) and `conductance` (S)") { try q("1 mm") + q("2 S") }
        XCTAssertEqual(error?.id, "units.incompatibleDimensions")
    }

    func testAbsoluteTemperatureRules() throws {
        assertUnitError("cannot add two absolute temperatures; write a temperature difference in `K`") {
            try q("90 degC") + q("10 degC")
        }
        let difference = try q("90 degC") - q("25 degC")
        assertClose(difference.value, 65, relative: 1e-12)
        XCTAssertFalse(difference.isAbsoluteTemperature)
        XCTAssertEqual(difference.formatted(), "65 K")
        let warmer = try q("25 degC") + q("10 K")
        XCTAssertTrue(warmer.isAbsoluteTemperature)
        XCTAssertEqual(warmer.formatted(), "35 degC")
        let warmerLeft = try q("10 K") + q("25 degC")
        XCTAssertTrue(warmerLeft.isAbsoluteTemperature)
        let cooler = try q("90 degC") - q("5 K")
        XCTAssertTrue(cooler.isAbsoluteTemperature)
        XCTAssertEqual(cooler.formatted(), "85 degC")
        assertUnitError("cannot subtract an absolute temperature (`degC`) from a temperature difference; "
                        + "write both in `degC` or both in `K`") { try q("10 K") - q("25 degC") }
        let kelvinSum = try q("300 K") + q("10 K")
        XCTAssertFalse(kelvinSum.isAbsoluteTemperature)
        // Products use the absolute value in K and drop the flag (k_B·T).
        let thermal = try PhysicalConstants.k_B * q("25 degC")
        assertClose(thermal.value, 1.380649e-23 * 298.15)
        XCTAssertEqual(thermal.dimension, .energy)
        XCTAssertTrue(try q("90 degC").isLess(than: q("400 K")))
    }

    func testFractionBasisRules() throws {
        let rest = try q("100 %") - q("10 wt%")
        assertClose(rest.value, 0.9)
        XCTAssertEqual(rest.basis, .mass)
        let sum = try q("10 wt%") + q("0.2")
        XCTAssertEqual(sum.basis, .mass)
        XCTAssertEqual(try (q("10 vol%") + q("20 vol%")).basis, .volume)
        assertUnitError("cannot add a mass fraction (wt%) and a volume fraction (vol%)") {
            try q("10 wt%") + q("30 vol%")
        }
        assertUnitError("cannot subtract a volume fraction (vol%) from a mass fraction (wt%)") {
            try q("10 wt%") - q("30 vol%")
        }
        assertUnitError("cannot compare a mass fraction (wt%) and a volume fraction (vol%)") {
            try q("10 wt%").compare(q("30 vol%"))
        }
        let error = assertUnitError("cannot add a mass fraction (wt%) and a volume fraction (vol%)") {
            try q("10 wt%") + q("30 vol%")
        }
        XCTAssertEqual(error?.id, "units.mixedFractionBases")
        // Scaling by a plain number keeps the basis; anything else drops it.
        XCTAssertEqual(try (q("0.5") * q("10 wt%")).basis, .mass)
        XCTAssertEqual(try (q("10 wt%") * q("2")).basis, .mass)
        XCTAssertEqual(try (q("10 wt%") / q("2")).basis, .mass)
        XCTAssertEqual(try (q("2") / q("10 wt%")).basis, FractionBasis.none)
        XCTAssertEqual(try (q("10 wt%") * q("20 wt%")).basis, FractionBasis.none)
        let mass = try q("10 wt%") * q("1.85 mg/cm^2")
        XCTAssertEqual(mass.basis, FractionBasis.none)
        assertClose(mass.value, 1.85e-3)
        XCTAssertEqual(try q("10 wt%").raised(to: 2).basis, FractionBasis.none)
    }

    func testMultiplyDivideCombineDimensions() throws {
        // ASR = L/σ: 1 mm / (1e-3 S/cm) = 1e-3 m / (0.1 S/m) = 0.01 Ω·m² = 100 Ω·cm² (PHYSICS.md §1).
        let asr = try q("1 mm") / q("1e-3 S/cm")
        XCTAssertEqual(asr.dimension, .areaSpecificResistance)
        assertClose(asr.value, 0.01)
        // R = ASR / A: 386 Ω·cm² over 1 cm² is 386 Ω.
        let r = try q("386 ohm*cm^2") / q("1 cm^2")
        XCTAssertEqual(r.dimension, .resistance)
        assertClose(r.value, 386)
        // Q = I·t: 1 mA for 1 h is 3.6 C = 1 mAh.
        let charge = try q("1 mA") * q("1 h")
        XCTAssertEqual(charge.dimension, .charge)
        assertClose(charge.value, 3.6)
        let zeroDivision = try q("1 V") / q("0 A")
        XCTAssertEqual(zeroDivision.value, .infinity)
        XCTAssertEqual(zeroDivision.dimension, .resistance)
        let negated = -q("90 degC")
        XCTAssertFalse(negated.isAbsoluteTemperature)
        assertClose(negated.value, -363.15)
    }

    func testMultiplyOverflowThrows() throws {
        var x = try q("2 m").raised(to: 32)
        XCTAssertEqual(x.dimension, Dimension(length: 32))
        assertUnitError("unit exponent 33 is too large (at most 32)") { try x * q("1 m") }
        x = q("1 m^-32")
        assertUnitError("unit exponent -33 is too large (at most 32)") { try x / q("1 m") }
        XCTAssertThrowsError(try q("2 m").raised(to: 200))
        XCTAssertThrowsError(try q("2 m").raised(to: 1e300))
        XCTAssertThrowsError(try q("2 m").raised(to: -1e300))
        // The unchecked operators clamp instead of trapping.
        let clamped = Dimension(length: 100).power(200)
        XCTAssertEqual(clamped.length, Int8.max)
        XCTAssertEqual((Dimension(length: 100) * Dimension(length: 100)).length, Int8.max)
        XCTAssertEqual((Dimension(length: -100) / Dimension(length: 100)).length, Int8.min)
    }

    func testPowers() throws {
        let side = try q("4 m^2").squareRoot()
        XCTAssertEqual(side.dimension, .length)
        assertClose(side.value, 2)
        let cube = try q("27 cm^3").raised(to: 1.0 / 3.0)
        XCTAssertEqual(cube.dimension, .length)
        assertClose(cube.value, 0.03, relative: 1e-12)
        let inverse = try q("2 s").raised(to: -1)
        XCTAssertEqual(inverse.dimension, .frequency)
        assertClose(inverse.value, 0.5)
        assertClose(try q("2").raised(to: 0.5).value, 2.0.squareRoot())
        XCTAssertEqual(try q("5 m").raised(to: 0).dimension, Dimension.none)
        assertUnitError("cannot raise `length` to the power 0.5: the result would have a fractional dimension") {
            try q("2 m").raised(to: 0.5)
        }
        assertUnitError("cannot raise `area` to the power 0.25: the result would have a fractional dimension") {
            try q("2 m^2").raised(to: 0.25)
        }
        assertUnitError("exponent `nan` is not a finite number") { try q("2 m").raised(to: .nan) }
        assertUnitError("exponent `inf` is not a finite number") { try q("2").raised(to: .infinity) }
        XCTAssertTrue(try q("-4 m^2").squareRoot().value.isNaN)
        // The area of a 10 mm diameter pellet (LANGUAGE.md §5).
        let area = try PhysicalConstants.pi * q("5 mm").raised(to: 2)
        assertClose(area.value, Double.pi * 25e-6)
        XCTAssertEqual(area.dimension, .area)
    }

    func testComparison() throws {
        XCTAssertEqual(try q("1 mm").compare(q("2 nm")), .descending)
        XCTAssertEqual(try q("2 nm").compare(q("1 mm")), .ascending)
        XCTAssertTrue(try q("1000 mm").isEqual(to: q("1 m")))
        XCTAssertEqual(try Quantity.number(.nan).compare(q("1")), .unordered)
        XCTAssertTrue(try q("0.5 mA/cm^2").isLess(than: q("5 A/m^2").adding(q("1 µA/cm^2"))))
        XCTAssertEqual(q("1000 mm"), q("1 m"))
        XCTAssertNotEqual(q("1 m"), q("1 S"))
    }
}

extension Quantity {
    /// The same quantity as if computed rather than written (no unit text).
    func withoutUnitText() -> Quantity {
        var copy = self
        copy.unitText = nil
        return copy
    }
}
