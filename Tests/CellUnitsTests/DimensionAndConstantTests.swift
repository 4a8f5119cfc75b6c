import XCTest
@testable import CellUnits

final class DimensionAndConstantTests: XCTestCase {
    func testNamesOfTheDimensionsResearchersKnow() throws {
        let cases: [(String, String)] = [
            ("m", "length"), ("cm^2", "area"), ("L", "volume"), ("g", "mass"), ("h", "time"),
            ("Hz", "frequency"), ("mA", "current"), ("mA/cm^2", "current density"),
            ("coulomb", "charge"), ("mAh", "charge"), ("mAh/g", "specific capacity"),
            ("mAh/cm^2", "areal capacity"), ("mg/cm^2", "areal loading"), ("V", "voltage"),
            ("ohm", "resistance"), ("ohm*cm^2", "area-specific resistance"), ("S", "conductance"),
            ("S/cm", "conductivity"), ("F", "capacitance"), ("µF/cm^2", "areal capacitance"),
            ("J", "energy"), ("eV", "energy"), ("Wh", "energy"), ("W", "power"), ("GPa", "pressure"),
            ("K", "temperature"), ("mol", "amount"), ("mol/m^3", "concentration"),
            ("m^2/s", "diffusivity"), ("g/cm^3", "density"), ("g/mol", "molar mass"),
            ("C", "C-rate"), ("wt%", "dimensionless"), ("V/A", "resistance"), ("A*s", "charge"),
            ("1/ohm", "conductance"), ("J/s", "power"), ("N/m^2", "pressure"), ("ohm*cm", "resistivity"),
        ]
        for (unit, name) in cases {
            XCTAssertEqual(try Unit.parse(unit).dimension.name, name, unit)
        }
        XCTAssertNil(PhysicalConstants.k_B.dimension.name)
    }

    func testDescriptionInBaseSymbols() throws {
        XCTAssertEqual(try Unit.parse("ohm").dimension.description, "m^2·kg·s^-3·A^-2")
        XCTAssertEqual(Dimension.none.description, "1")
        XCTAssertEqual(Dimension(cRate: 1).description, "C")
        XCTAssertEqual(PhysicalConstants.k_B.dimension.displayName, "m^2·kg·s^-2·K^-1")
        XCTAssertEqual(Dimension.conductivity.displayName, "conductivity")
        XCTAssertEqual(try Unit.parse("J/mol/K").dimension.baseSymbolText(separator: "*"),
                       "m^2*kg*s^-2*K^-1*mol^-1")
    }

    func testCheckedDimensionArithmetic() throws {
        XCTAssertEqual(try Dimension.length.multiplied(by: .length), .area)
        XCTAssertEqual(try Dimension.charge.divided(by: .mass), .specificCapacity)
        XCTAssertEqual(try Dimension.length.raised(to: -3), Dimension(length: -3))
        XCTAssertEqual(try Dimension.none.raised(to: Int.max), .none)
        XCTAssertThrowsError(try Dimension.length.raised(to: Int.min))
        XCTAssertThrowsError(try Dimension(length: 30).multiplied(by: Dimension(length: 3)))
        XCTAssertThrowsError(try Dimension(checkedExponents: [Int.min]))
    }

    /// Values against CODATA 2018 / SI 2019 and PHYSICS.md §0.
    func testPhysicalConstants() throws {
        assertClose(PhysicalConstants.faraday.value, 96485.33212, relative: 1e-10, "F")
        assertClose(PhysicalConstants.R_gas.value, 8.314462618, relative: 1e-10, "R")
        assertClose(PhysicalConstants.k_B.value, 1.380649e-23, relative: 1e-15, "k_B")
        assertClose(PhysicalConstants.q_e.value, 1.602176634e-19, relative: 1e-15, "e")
        assertClose(PhysicalConstants.N_A.value, 6.02214076e23, relative: 1e-15, "N_A")
        assertClose(PhysicalConstants.eps0.value, 8.8541878128e-12, relative: 1e-15, "eps0")
        assertClose(PhysicalConstants.pi.value, Double.pi, relative: 1e-15, "pi")
        // k_B in eV/K as PHYSICS.md §0 quotes it.
        assertClose(try PhysicalConstants.k_B.value(in: Unit.parse("eV/K")), 8.617333e-5,
                    relative: 1e-6, "k_B in eV/K")
        // F = N_A·e and R = N_A·k_B, with the dimensions checked through the algebra.
        let faraday = try PhysicalConstants.N_A * PhysicalConstants.q_e
        XCTAssertEqual(faraday.dimension, PhysicalConstants.faraday.dimension)
        XCTAssertEqual(PhysicalConstants.faraday.dimension, try Unit.parse("coulomb/mol").dimension)
        XCTAssertEqual(PhysicalConstants.R_gas.dimension, try Unit.parse("J/(mol*K)").dimension)
        XCTAssertEqual(PhysicalConstants.eps0.dimension, try Unit.parse("F/m").dimension)
        // 0.51 eV ≙ 5918 K (PHYSICS.md §1).
        let activation = try q("0.51 eV") / PhysicalConstants.k_B
        XCTAssertEqual(activation.dimension, .temperature)
        assertClose(activation.value, 5918, relative: 1e-3, "Ea/k_B")
        // 1 eV per particle = 96.485 kJ/mol (PHYSICS.md §1).
        let molar = try q("1 eV") * PhysicalConstants.N_A
        assertClose(molar.value, 96485.33, relative: 1e-6, "eV per particle in J/mol")
        XCTAssertEqual(PhysicalConstants.all.map(\.name), ["pi", "k_B", "q_e", "faraday", "R_gas", "N_A", "eps0"])
        XCTAssertNotNil(PhysicalConstants.named("faraday"))
        XCTAssertNil(PhysicalConstants.named("F"))
    }

    /// A worked example that chains everything: 1 mAh/cm² of Li plating is 4.85 µm
    /// (PHYSICS.md §0: V_m = 13.0 cm³/mol).
    func testLithiumThicknessPerArealCapacity() throws {
        let molarVolume = q("13.0 cm^3/mol")
        let thickness = try q("1 mAh/cm^2") / PhysicalConstants.faraday * molarVolume
        XCTAssertEqual(thickness.dimension, .length)
        assertClose(try thickness.value(in: Unit.parse("µm")), 4.85, relative: 2e-3, "Li thickness")
        XCTAssertEqual(thickness.formatted(significantDigits: 3), "4.85 µm")
    }
}
