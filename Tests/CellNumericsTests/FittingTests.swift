import ComplexModule
import Foundation
import RealModule
import XCTest

@testable import CellNumerics

final class FittingTests: XCTestCase {
    private func synthetic(_ circuit: String, _ truth: [Double], from: Double = 1e6, to: Double = 1e-2)
        throws -> ImpedanceSpectrum
    {
        let frequencies = try EISTable.frequencies(from: from, to: to, perDecade: 8)
        return ImpedanceSpectrum(frequencies: frequencies,
                                 impedance: try Circuit(parsing: circuit).impedance(parameters: truth, frequencies: frequencies))
    }

    func testRecoversTruthFromAutomaticGuess() throws {
        let cases: [(String, [Double])] = [
            ("R0-p(R1,CPE1)-p(R2,CPE2)", [20, 150, 2e-6, 0.85, 800, 5e-4, 0.75]),
            ("R0-p(R1,C1)-p(R2-Wo1,CPE2)", [12, 300, 4e-8, 150, 400, 5, 2e-5, 0.88]),
            ("R0-p(R1,CPE1)-W1", [5, 100, 1e-6, 0.9, 30]),
        ]
        for (circuit, truth) in cases {
            let data = try synthetic(circuit, truth)
            for weighting in FitWeighting.allCases {
                let result = try CircuitFitter.fit(circuit: circuit, data: data, weighting: weighting)
                XCTAssertTrue(result.converged, "\(circuit) \(weighting)")
                for (k, value) in truth.enumerated() {
                    assertClose(result.parameters[k], value, relative: 1e-6, "\(circuit) \(weighting) \(result.names[k])")
                }
            }
        }
    }

    func testNaiveGuessStillReachesGlobalMinimum() throws {
        let circuit = "R0-p(R1,CPE1)-p(R2,CPE2)"
        let truth = [20.0, 150, 2e-6, 0.85, 800, 5e-4, 0.75]
        let data = try synthetic(circuit, truth)
        for guess in [[1.0, 1, 1, 1, 1, 1, 1], [10, 10, 1e-5, 0.8, 10, 1e-5, 0.8], [1e3, 1e3, 1, 0.5, 1e-3, 1e-9, 0.99]] {
            let result = try CircuitFitter.fit(circuit: circuit, data: data, initialGuess: guess)
            for (k, value) in truth.enumerated() {
                assertClose(result.parameters[k], value, relative: 1e-6, "from \(guess): \(result.names[k])")
            }
        }
    }

    func testStandardErrorsAndConfidenceIntervalsOnNoisyData() throws {
        let circuit = "R0-p(R1,C1)"
        let truth = [10.0, 100, 1e-6]
        var data = try synthetic(circuit, truth)
        var generator = SplitMix64(seed: 7)
        data.impedance = data.impedance.map { z in
            let noise = Complex(1 + 0.002 * (generator.nextUnit() - 0.5), 0.002 * (generator.nextUnit() - 0.5))
            return z * noise
        }
        let result = try CircuitFitter.fit(circuit: circuit, data: data)
        for k in truth.indices {
            XCTAssertGreaterThan(result.standardErrors[k], 0)
            let interval = result.confidence95[k]
            XCTAssertLessThan(interval.lower, result.parameters[k])
            XCTAssertGreaterThan(interval.upper, result.parameters[k])
            // The truth lies inside a generous (±5σ) band.
            XCTAssertLessThan(abs(result.parameters[k] - truth[k]), 5 * result.standardErrors[k], result.names[k])
        }
        let json = result.json()
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        XCTAssertEqual(object?["circuit"] as? String, "R0-p(R1,C1)")
        XCTAssertEqual(object?["names"] as? [String], ["R0", "R1", "C1"])
        XCTAssertEqual((object?["parameters"] as? [Double])?.count, 3)
        XCTAssertEqual((object?["stderr"] as? [Double])?.count, 3)
        XCTAssertNotNil(object?["chi2"] as? Double)
    }

    func testFitErrors() throws {
        let data = try synthetic("R0-p(R1,C1)", [10, 100, 1e-6])
        XCTAssertThrowsError(try CircuitFitter.fit(circuit: "R0-p(R1,C1)", data: data, initialGuess: [1, 2])) {
            XCTAssertEqual($0 as? CircuitFitError, .guessCount(expected: 3, given: 2))
        }
        XCTAssertThrowsError(try CircuitFitter.fit(circuit: "R0-p(R1,Q1)", data: data)) {
            guard case .syntax(let error) = $0 as? CircuitFitError else { return XCTFail("\($0)") }
            XCTAssertEqual(error.range, 8..<10)
        }
        let tiny = ImpedanceSpectrum(frequencies: [1], impedance: [Complex(1, -1)])
        XCTAssertThrowsError(try CircuitFitter.fit(circuit: "R0-p(R1,C1)", data: tiny))
        XCTAssertThrowsError(try CircuitFitter.fit(circuit: "R0", data: data, bounds: [ParameterBound(lower: 2, upper: 1)]))
    }

    func testAutomaticGuessHandlesDegenerateSpectra() throws {
        let circuit = try Circuit(parsing: "R0-p(R1,CPE1)-Wo1")
        let empty = InitialGuess.guess(circuit: circuit, spectrum: ImpedanceSpectrum(frequencies: [], impedance: []))
        XCTAssertEqual(empty.count, circuit.parameterCount)
        XCTAssertTrue(empty.allSatisfy { $0.isFinite && $0 > 0 })
        let flat = ImpedanceSpectrum(frequencies: [1e3, 1, 1e-3], impedance: [Complex(5), Complex(5), Complex(5)])
        let guess = InitialGuess.guess(circuit: circuit, spectrum: flat)
        XCTAssertEqual(guess.count, circuit.parameterCount)
        XCTAssertTrue(guess.allSatisfy { $0.isFinite && $0 > 0 }, "\(guess)")
    }

    func testBoundsAreRespected() throws {
        let data = try synthetic("R0-p(R1,C1)", [10, 100, 1e-6])
        let bounds = [ParameterBound(lower: 0, upper: 8), .positive, .positive]
        let result = try CircuitFitter.fit(circuit: "R0-p(R1,C1)", data: data, bounds: bounds)
        XCTAssertLessThanOrEqual(result.parameters[0], 8)
        assertClose(result.parameters[0], 8, relative: 1e-9, "R0 pinned at its upper bound")
    }

    func testStudentTQuantiles() {
        // Tabulated two-sided 95 % values.
        assertClose(StudentT.quantile975(degreesOfFreedom: 1), 12.706204736, relative: 1e-8, "ν=1")
        assertClose(StudentT.quantile975(degreesOfFreedom: 5), 2.570581836, relative: 1e-8, "ν=5")
        assertClose(StudentT.quantile975(degreesOfFreedom: 30), 2.042272456, relative: 1e-8, "ν=30")
        assertClose(StudentT.quantile975(degreesOfFreedom: 133), 1.977957, relative: 1e-5, "ν=133")
        assertClose(StudentT.quantile975(degreesOfFreedom: 0), 1.959963985, relative: 1e-9, "normal fallback")
    }

    func testLevenbergMarquardtOnRosenbrock() {
        // r = (10(y − x²), 1 − x): minimum at (1, 1) with zero cost.
        let result = LevenbergMarquardt.minimize(
            initial: [-1.2, 1], scalings: [ParameterScaling(bound: .init(), logarithmic: false),
                                           ParameterScaling(bound: .init(), logarithmic: false)],
            residualCount: 2
        ) { x, r, j in
            r[0] = 10 * (x[1] - x[0] * x[0])
            r[1] = 1 - x[0]
            j[0, 0] = -20 * x[0]; j[0, 1] = 10
            j[1, 0] = -1; j[1, 1] = 0
            return true
        }
        XCTAssertTrue(result.converged, "\(result.stop)")
        assertClose(result.parameters[0], 1, relative: 1e-8, "x")
        assertClose(result.parameters[1], 1, relative: 1e-8, "y")
    }
}
