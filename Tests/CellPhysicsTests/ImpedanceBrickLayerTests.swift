import XCTest
@testable import CellPhysics
import CellNumerics

/// Au | pellet | Au: the brick-layer formulas of PHYSICS.md §2 are the oracles.
final class ImpedanceBrickLayerTests: XCTestCase {
    typealias F = ImpedanceFixtures
    let eps0 = 8.8541878128e-12

    func testCircuitStringAndOrigins() throws {
        let compiled = try StackCircuit.compile(F.blockingCell(), temperature: F.t25)
        XCTAssertEqual(compiled.text, "CPE0-p(R1,C1)-p(R2,C2)-CPE3")
        XCTAssertEqual(compiled.circuit.elements.map { $0.origin ?? "" }, [
            "anode.double_layer", "separator.bulk", "separator.bulk", "separator.grain_boundary",
            "separator.grain_boundary", "cathode.double_layer",
        ])
        XCTAssertTrue(compiled.isBlocking)
        XCTAssertNil(compiled.dcResistance)
        let legend = compiled.legend()
        XCTAssertTrue(legend.contains("R1") && legend.contains("Ohm") && legend.contains("separator.grain_boundary"),
                      legend)
        XCTAssertTrue(compiled.report.hasPrefix("CPE0-p(R1,C1)-p(R2,C2)-CPE3\n"), compiled.report)
    }

    func testBulkAndGrainBoundaryArcsFollowTheBrickLayerFormulas() throws {
        let area = 1e-4, length = 1e-3, d = 5e-6, delta = 5e-9
        let record = try ImpedanceModel.spectrum(cell: F.blockingCell(), temperature: F.t25,
                                                 frequencies: [1e6, 1e3, 1])
        XCTAssertEqual(record.arcs.map(\.origin), ["separator.bulk", "separator.grain_boundary"])
        let rb = length / (0.189 * area)                      // R_b = L/(σA) = 52.9 Ω
        let cb = eps0 * 100 * area / length                   // C_b = ε0 εr A/L = 88.5 pF
        let rgb = (length / d) * (delta / 2e-5) / area        // R_gb = (L/d)(δ/σ_gb)/A = 500 Ω
        let cgb = eps0 * 100 * area * d / (length * delta)    // C_gb = 1000 C_b
        let bulk = record.arcs[0], gb = record.arcs[1]
        eisAssertClose(bulk.resistance, rb, relative: 1e-12, "R_b")
        eisAssertClose(bulk.capacitance, cb, relative: 1e-12, "C_b")
        eisAssertClose(gb.resistance, rgb, relative: 1e-12, "R_gb")
        eisAssertClose(gb.capacitance, cgb, relative: 1e-12, "C_gb")
        eisAssertClose(gb.capacitance / bulk.capacitance, 1000, relative: 1e-12, "C_gb/C_b")
        eisAssertClose(bulk.peakFrequency, 1 / (2 * Double.pi * rb * cb), relative: 1e-12, "f0 bulk")
        eisAssertClose(gb.peakFrequency, 1 / (2 * Double.pi * rgb * cgb), relative: 1e-12, "f0 gb")
        eisAssertClose(bulk.areaSpecificResistance, rb * area, relative: 1e-12, "ASR_b")
        // The bulk apex (≈ 34 MHz) lies above a 7 MHz instrument limit, as PHYSICS.md §2 warns.
        XCTAssertGreaterThan(bulk.peakFrequency, 7e6)
        // Apparent conductivity σ = L/((R_b + R_gb)A).
        XCTAssertEqual(record.apparentConductivities.count, 1)
        eisAssertClose(record.apparentConductivities[0].value, length / ((rb + rgb) * area), relative: 1e-12, "σ_app")
    }

    func testSpectrumEqualsTheSumOfElementImpedancesAtTheRequestedFrequencies() throws {
        let frequencies = [7e6, 1e5, 3e3, 10, 0.1]
        let record = try ImpedanceModel.spectrum(cell: F.blockingCell(), temperature: F.t25, frequencies: frequencies)
        XCTAssertEqual(record.spectrum.frequencies, frequencies)
        let arcs = record.arcs
        let q = 5e-2 * 1e-4
        for (index, f) in frequencies.enumerated() {
            let b = F.parallelRC(arcs[0].resistance, arcs[0].capacitance, f)
            let g = F.parallelRC(arcs[1].resistance, arcs[1].capacitance, f)
            let dl = F.cpe(q, 0.9, f)
            let re = b.0 + g.0 + 2 * dl.0, im = b.1 + g.1 + 2 * dl.1
            eisAssertClose(record.spectrum.impedance[index].real, re, relative: 1e-10, "Z' at \(f) Hz")
            eisAssertClose(record.spectrum.impedance[index].imaginary, im, relative: 1e-10, "Z'' at \(f) Hz")
        }
    }

    /// Arcs shrink with temperature exactly as the ThermalParameter ratio says (PHYSICS.md §1).
    func testArcsShrinkWithTemperatureByTheArrheniusRatio() throws {
        let cold = try StackCircuit.compile(F.blockingCell(), temperature: F.t25)
        let hot = try StackCircuit.compile(F.blockingCell(), temperature: F.t90)
        let material = F.pellet()
        let bulkRatio = try XCTUnwrap(material.ionicConductivity).value(at: F.t90)
            / XCTUnwrap(material.ionicConductivity).value(at: F.t25)
        let gbRatio = try XCTUnwrap(material.grainBoundaryConductivity).value(at: F.t90)
            / XCTUnwrap(material.grainBoundaryConductivity).value(at: F.t25)
        eisAssertClose(cold.arcs[0].resistance / hot.arcs[0].resistance, bulkRatio, relative: 1e-12, "R_b(25)/R_b(90)")
        eisAssertClose(cold.arcs[1].resistance / hot.arcs[1].resistance, gbRatio, relative: 1e-12, "R_gb(25)/R_gb(90)")
        XCTAssertGreaterThan(bulkRatio, 5)   // 0.36 eV form (a): ×10 from 25 to 90 °C
        // Capacitances do not depend on temperature, so the apex frequencies rise by the same ratio.
        eisAssertClose(hot.arcs[1].peakFrequency / cold.arcs[1].peakFrequency, gbRatio, relative: 1e-12, "f_gb ratio")
    }

    func testGrainBoundaryCPEWhenNgbIsSet() throws {
        var material = F.pellet()
        material.grainBoundaryCPEExponent = 0.8
        let compiled = try StackCircuit.compile(F.blockingCell(separator: material), temperature: F.t25)
        XCTAssertEqual(compiled.text, "CPE0-p(R1,C1)-p(R2,CPE2)-CPE3")
        let gb = compiled.arcs[1]
        // Q = C^n R^(n-1) keeps C_eff and the apex frequency of the ideal arc (PHYSICS.md §2).
        let cgb = eps0 * 100 * 1e-4 * 5e-6 / (1e-3 * 5e-9)
        eisAssertClose(gb.effectiveCapacitance, cgb, relative: 1e-12, "C_eff")
        eisAssertClose(gb.peakFrequency, 1 / (2 * Double.pi * gb.resistance * cgb), relative: 1e-12, "f0")
    }

    func testNoGrainBoundaryArcWithoutSigmaGB() throws {
        let compiled = try StackCircuit.compile(F.blockingCell(separator: F.llzto()), temperature: F.t25)
        XCTAssertEqual(compiled.text, "CPE0-p(R1,C1)-CPE2")
        XCTAssertEqual(compiled.arcs.map(\.origin), ["separator.bulk"])
    }

    func testDefaultPermittivityIsUsedAndNoted() throws {
        var material = F.llzto()
        material.relativePermittivity = nil
        let compiled = try StackCircuit.compile(F.blockingCell(separator: material), temperature: F.t25)
        eisAssertClose(compiled.arcs[0].q, eps0 * ImpedanceDefaults.relativePermittivity * 1e-4 / 1e-3,
                       relative: 1e-12, "C_b with default eps_r")
        XCTAssertTrue(compiled.notes.contains { $0.contains("eps_r") }, "\(compiled.notes)")
    }
}
