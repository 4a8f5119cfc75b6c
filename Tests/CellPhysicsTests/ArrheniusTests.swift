import XCTest
@testable import CellPhysics

/// PHYSICS.md §1 worked examples are the oracles.
final class ArrheniusTests: XCTestCase {
    func assertClose(_ observed: Double, _ expected: Double, relative tol: Double, _ what: String,
                     file: StaticString = #filePath, line: UInt = #line) {
        let err = abs(observed - expected) / abs(expected)
        XCTAssertLessThanOrEqual(err, tol, "\(what): expected \(expected), observed \(observed), relative error \(err)",
                                 file: file, line: line)
    }

    func testSolderFrom25To90DegreesBothForms() {
        let t25 = 298.15, t90 = 363.15
        assertClose(ArrheniusLaw.conductivity.scale(6.8e-5, from: t25, to: t90, activationEV: 0.51), 1.95e-3,
                    relative: 0.01, "form (a)")
        assertClose(ArrheniusLaw.simple.scale(6.8e-5, from: t25, to: t90, activationEV: 0.51), 2.37e-3,
                    relative: 0.01, "form (b)")
    }

    func testGarnetFrom25To90() {
        assertClose(ArrheniusLaw.conductivity.scale(7.51e-4, from: 298.15, to: 363.15, activationEV: 0.36), 7.6e-3,
                    relative: 0.01, "LLZ form (a)")
    }

    func testResistanceIsTheReciprocalOfConductivity() {
        let sigma = ArrheniusLaw.conductivity.scale(1, from: 298.15, to: 350, activationEV: 0.4)
        let asr = ArrheniusLaw.resistance.scale(1, from: 298.15, to: 350, activationEV: 0.4)
        assertClose(sigma * asr, 1, relative: 1e-12, "σ·ASR")
    }

    func testIdentityAtReferenceTemperature() {
        for law in ArrheniusLaw.allCases {
            XCTAssertEqual(law.scale(3.3, from: 300, to: 300, activationEV: 0.7), 3.3, accuracy: 1e-15)
        }
    }

    /// E_a/k_B in kelvin: 0.51 eV ≙ 5918 K (PHYSICS.md §1).
    func testActivationTemperature() {
        assertClose(0.51 / Constants.boltzmannEV, 5918, relative: 1e-3, "Ea/kB")
    }
}
