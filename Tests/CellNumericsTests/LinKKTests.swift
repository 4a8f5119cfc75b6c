import ComplexModule
import RealModule
import XCTest

@testable import CellNumerics

final class LinKKTests: XCTestCase {
    func testValidSpectrumHasSmallResiduals() throws {
        let frequencies = try EISTable.frequencies(from: 1e6, to: 1e-2, perDecade: 10)
        let circuit = try Circuit(parsing: "R0-p(R1,CPE1)-p(R2,CPE2)")
        let z = try circuit.impedance(parameters: [20, 150, 2e-6, 0.85, 800, 5e-4, 0.75], frequencies: frequencies)
        let result = LinKK.test(ImpedanceSpectrum(frequencies: frequencies, impedance: z))
        XCTAssertTrue(result.isValid, result.verdict)
        XCTAssertLessThan(result.maxResidual, 0.01, result.verdict)
        XCTAssertLessThanOrEqual(result.mu, LinKK.muThreshold)
        XCTAssertLessThanOrEqual(result.m, LinKK.maximumM)
        XCTAssertTrue(result.verdict.hasPrefix("consistent"), result.verdict)
        // τ follows the paper: τ₁ = 1/ω_max.
        assertClose(result.timeConstants[0], 1 / (2 * Double.pi * 1e6), relative: 1e-12, "τ₁")
    }

    func testDriftingSpectrumFails() throws {
        // R1 drifts by +40 % over the sweep (time runs with the sweep from high to low f).
        let frequencies = try EISTable.frequencies(from: 1e6, to: 1e-2, perDecade: 10)
        let circuit = try Circuit(parsing: "R0-p(R1,CPE1)")
        var z: [Complex<Double>] = []
        for (index, f) in frequencies.enumerated() {
            let drift = 1 + 0.4 * Double(index) / Double(frequencies.count - 1)
            z.append(try circuit.impedance(parameters: [20, 500 * drift, 2e-5, 0.9], frequencies: [f])[0])
        }
        let drifting = LinKK.test(ImpedanceSpectrum(frequencies: frequencies, impedance: z))
        XCTAssertFalse(drifting.isValid, drifting.verdict)
        XCTAssertGreaterThan(drifting.maxResidual, 0.015, drifting.verdict)
        XCTAssertTrue(drifting.verdict.hasPrefix("not"), drifting.verdict)
    }

    func testCapacitiveTailNeedsCapacitanceColumn() throws {
        let frequencies = try EISTable.frequencies(from: 1e5, to: 1e-2, perDecade: 10)
        let z = try Circuit(parsing: "R0-p(R1,CPE1)-C2").impedance(parameters: [10, 100, 1e-6, 0.85, 1e-3],
                                                                     frequencies: frequencies)
        let spectrum = ImpedanceSpectrum(frequencies: frequencies, impedance: z)
        for mode in LinKK.FitMode.allCases {
            let with = LinKK.test(spectrum, includeCapacitance: true, mode: mode)
            XCTAssertTrue(with.isValid, "\(mode): \(with.verdict)")
            assertClose(try XCTUnwrap(with.capacitance), 1e-3, relative: 1e-2, "\(mode): series C")
        }
        // Without the capacitance column the tail cannot be represented.
        XCTAssertFalse(LinKK.test(spectrum).isValid)
    }

    func testDegenerateInput() {
        let result = LinKK.test(ImpedanceSpectrum(frequencies: [1, 2], impedance: [Complex(1), Complex(2)]))
        XCTAssertFalse(result.isValid)
        XCTAssertTrue(result.verdict.hasPrefix("not tested"), result.verdict)
    }
}
