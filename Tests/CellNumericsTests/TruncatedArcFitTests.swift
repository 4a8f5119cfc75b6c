import ComplexModule
import XCTest
@testable import CellNumerics

/// A garnet pellet between Li electrodes measured up to 7 MHz: the bulk arc's apex (34 MHz) lies
/// above the band, so the data start at a high-frequency intercept. Fitted without a series
/// resistor, the intercept must be given to the bulk R‖C; before the fix the multi-start settled
/// with the two arcs swapped (χ² 0.07 instead of ~0).
final class TruncatedArcFitTests: XCTestCase {
    func testBulkArcAboveTheBandIsAssignedFromTheAutomaticGuess() throws {
        let circuit = "p(R0,C0)-p(R1,CPE1)"
        let truth = [52.91, 88.54e-12, 132.0, 1.309e-6, 0.9]
        let frequencies = try EISTable.frequencies(from: 7e6, to: 0.1, perDecade: 10)
        let z = try Circuit(parsing: circuit).impedance(parameters: truth, frequencies: frequencies)
        let result = try CircuitFitter.fit(circuit: circuit, data: ImpedanceSpectrum(frequencies: frequencies, impedance: z))
        XCTAssertLessThan(result.chi2, 1e-12, "χ² \(result.chi2): the fit did not reach the global minimum")
        for (k, (observed, expected)) in zip(result.parameters, truth).enumerated() {
            let relative = abs(observed - expected) / expected
            XCTAssertLessThan(relative, 1e-5, "\(result.names[k]): expected \(expected), observed \(observed), relative error \(relative)")
        }
    }

    func testPermutationsOfArcAssignments() {
        XCTAssertEqual(InitialGuess.permutations(of: [0, 1, 2]).count, 6)
        XCTAssertEqual(InitialGuess.permutations(of: [0, 1, 2]).first, [0, 1, 2])
    }
}

/// The check before fits: exact data (Kramers–Kronig consistent by construction) with a bulk arc
/// above the band must not be flagged; data with a gross inner outlier must be.
final class KramersKronigBeforeFitTests: XCTestCase {
    func testExactTruncatedSpectrumIsNotFlaggedButAnOutlierIs() throws {
        let frequencies = try EISTable.frequencies(from: 7e6, to: 0.1, perDecade: 10)
        var z = try Circuit(parsing: "p(R0,C0)-p(R1,CPE1)").impedance(parameters: [52.91, 88.54e-12, 132.0, 1.309e-6, 0.9],
                                                                      frequencies: frequencies)
        let exact = LinKK.automatic(ImpedanceSpectrum(frequencies: frequencies, impedance: z))
        XCTAssertEqual(LinKK.innerFailures(exact), [], "exact data flagged: \(exact.verdict)")
        z[35] = z[35] * Complex(1.3, 0)   // a 30 % glitch in the middle of the band
        let glitch = LinKK.automatic(ImpedanceSpectrum(frequencies: frequencies, impedance: z))
        XCTAssertTrue(LinKK.innerFailures(glitch).contains(35), "glitch not flagged: \(glitch.verdict)")
    }
}
