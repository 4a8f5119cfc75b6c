import ComplexModule
import Foundation
import RealModule
import XCTest

@testable import CellNumerics

/// Numbers produced by impedance.py 1.7.1 (docs/scripts/impedance_py_fixture.py).
final class ImpedancePyCrossCheckTests: XCTestCase {
    struct ElementCase: Decodable {
        var circuit: String
        var parameters: [Double]
        var frequencies: [Double]
        var real: [Double]
        var imag: [Double]
        var names: [String]?
    }

    struct ElementFixture: Decodable { var cases: [ElementCase] }

    struct FitRun: Decodable {
        var guess: [Double]
        var parameters: [Double]
        var chi2: Double
        var seconds: Double
    }

    struct FitCase: Decodable {
        var label: String
        var circuit: String
        var truth: [Double]
        var weighting: String
        var frequencies: [Double]
        var real: [Double]
        var imag: [Double]
        var runs: [FitRun]

        var spectrum: ImpedanceSpectrum {
            ImpedanceSpectrum(frequencies: frequencies, impedance: zip(real, imag).map { Complex($0, $1) })
        }
    }

    struct FitFixture: Decodable { var cases: [FitCase] }

    static func fitCases() throws -> [FitCase] {
        try JSONDecoder().decode(FitFixture.self, from: fixtureData("impedance_py_fits")).cases
    }

    func testEveryElementAndCircuitMatchesImpedancePy() throws {
        let fixture = try JSONDecoder().decode(ElementFixture.self, from: fixtureData("impedance_py_elements"))
        let kinds = Set(try fixture.cases.flatMap { try Circuit(parsing: $0.circuit).elements.map(\.kind) })
        // Every impedance.py element kind is covered (Sph is ours only).
        XCTAssertEqual(kinds, Set(CircuitElementKind.allCases).subtracting([.sphericalDiffusion]))
        XCTAssertGreaterThanOrEqual(fixture.cases.count, 15)
        for entry in fixture.cases {
            let circuit = try Circuit(parsing: entry.circuit)
            if let names = entry.names { XCTAssertEqual(circuit.parameterNames, names, entry.circuit) }
            let z = try circuit.impedance(parameters: entry.parameters, frequencies: entry.frequencies)
            for i in entry.frequencies.indices {
                let expected = Complex(entry.real[i], entry.imag[i])
                assertClose(z[i], expected, relative: 1e-9, "\(entry.circuit) at \(entry.frequencies[i]) Hz")
            }
        }
    }

    /// impedance.py's CustomCircuit.fit (scipy curve_fit) stops early from these naive starts;
    /// our multi-start fit from the same start lands on the truth (the global minimum).
    func testFitFromNaiveStartBeatsCurveFit() throws {
        for entry in try Self.fitCases() where entry.label.hasPrefix("two-arc") {
            let run = try XCTUnwrap(entry.runs.first)
            let weighting = FitWeighting(rawValue: entry.weighting) ?? .modulus
            let result = try CircuitFitter.fit(circuit: entry.circuit, data: entry.spectrum, initialGuess: run.guess,
                                               weighting: weighting)
            XCTAssertGreaterThan(run.chi2, 1, "\(entry.label): impedance.py should stop early here")
            XCTAssertLessThan(result.chi2, 1e-12 * run.chi2, "\(entry.label): χ² ours \(result.chi2), impedance.py \(run.chi2)")
            for (k, truth) in entry.truth.enumerated() {
                assertClose(result.parameters[k], truth, relative: 1e-6, "\(entry.label) \(result.names[k])")
            }
        }
    }

    /// On noisy 9-parameter data we reach a χ² no worse than impedance.py's.
    func testNineParameterBenchmarkChiSquared() throws {
        let entry = try XCTUnwrap(try Self.fitCases().first { $0.label == "bench-9-parameter" })
        let run = try XCTUnwrap(entry.runs.first)
        let result = try CircuitFitter.fit(circuit: entry.circuit, data: entry.spectrum, weighting: .modulus)
        let theirs = try CircuitFitter.chiSquared(circuit: Circuit(parsing: entry.circuit), parameters: run.parameters,
                                                   data: entry.spectrum, weighting: .modulus)
        assertClose(theirs, run.chi2, relative: 1e-8, "our χ² of impedance.py's parameters")
        XCTAssertLessThanOrEqual(result.chi2, theirs * (1 + 1e-9), "ours \(result.chi2) vs impedance.py \(theirs)")
        XCTAssertTrue(result.converged)
    }
}
