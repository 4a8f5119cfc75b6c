import XCTest
@testable import CellPhysics
import CellNumerics
import ComplexModule

/// Fitting physical fields of a stack: synthetic data from a known cell, start ×3 off, recover.
final class ImpedanceStackFitTests: XCTestCase {
    typealias F = ImpedanceFixtures

    static let frequencies = (0...80).map { pow(10, 7 - Double($0) / 10) }  // 10 MHz … 1 mHz, 10/decade

    func recover(_ cell: CellModel, vary: [ParameterPath], factors: [Double], temperature: Double = F.t25,
                 file: StaticString = #filePath, line: UInt = #line) throws -> StackFitResult {
        let truth = try vary.map { try $0.value(in: cell) }
        XCTAssertEqual(truth.count, vary.count, file: file, line: line)
        let data = try ImpedanceModel.spectrum(cell: cell, temperature: temperature, frequencies: Self.frequencies).spectrum
        var start = cell
        for (path, (value, factor)) in zip(vary, zip(truth, factors)) { start = try path.setting(value * factor, in: start) }
        let result = try StackFit.fit(cell: start, temperature: temperature, data: data, vary: vary)
        print(result.table())
        XCTAssertTrue(result.converged, "stopped without converging", file: file, line: line)
        for (index, path) in vary.enumerated() {
            eisAssertClose(result.values[index], truth[index], relative: 1e-4, "\(path)", file: file, line: line)
            let interval = result.confidence95[index]
            XCTAssertTrue(interval.lower <= truth[index] + 1e-12 * abs(truth[index])
                          && truth[index] - 1e-12 * abs(truth[index]) <= interval.upper,
                          "95 % interval \(interval) of \(path) excludes \(truth[index])", file: file, line: line)
        }
        XCTAssertLessThan(result.chi2, 1e-12, file: file, line: line)
        return result
    }

    func testRecoversGrainSizeAndConductivitiesOfAPellet() throws {
        let result = try recover(F.blockingCell(), vary: [
            .layer("separator", .grainSize), .material("separator", .ionicConductivity),
            .material("separator", .grainBoundaryConductivity),
        ], factors: [3, 1.0 / 3, 3])
        XCTAssertEqual(result.names, ["separator.grain_size", "separator.material.sigma_ion",
                                      "separator.material.sigma_gb"])
        XCTAssertEqual(result.units, ["m", "S/m", "S/m"])
    }

    func testRecoversInterfaceASRAndThicknessOfASymmetricCell() throws {
        var cell = F.symmetricCell(asr: 100e-4, activation: 0.3)
        cell.interfaces[0].capacitance = 2e-2
        cell.interfaces[0].cpeExponent = 0.85
        // Interfaces are found in either order.
        _ = try recover(cell, vary: [
            .interface("anode", "separator", .asr), .layer("separator", .thickness),
            .interface("separator", "anode", .capacitance), .interface("anode", "separator", .cpeExponent),
        ], factors: [3, 1.0 / 3, 3, 0.8], temperature: F.t90)
    }

    /// A full cell whose cathode is a transmission line: the fit keeps the segment count of the
    /// starting circuit while σ of the cathode's electrolyte moves ×3.
    func testRecoversCathodeFieldsThroughATransmissionLine() throws {
        var cell = ImpedanceCompositeElectrodeTests.fullCell(cathodeASR: 2e-4)
        for c in 1...2 { cell.layers[2].components[c].material.ionicConductivity = ThermalParameter(0.02, law: .conductivity) }
        let compiled = try StackCircuit.compile(cell, temperature: F.t90)
        XCTAssertGreaterThan(compiled.ionicSegments["cathode"] ?? 0, 0)
        _ = try recover(cell, vary: [
            .component(layer: "cathode", component: "LLZTO", .ionicConductivity),
            .interface("separator", "cathode", .asr),
            .component(layer: "cathode", component: "LCO", .diffusivity),
        ], factors: [3, 1.0 / 3, 3], temperature: F.t90)
    }

    func testCapacitanceOfAnUnsetFieldHasNoStart() {
        XCTAssertThrowsError(try StackFit.fit(cell: F.symmetricCell(asr: 1e-2), temperature: F.t25,
                                              data: ImpedanceSpectrum(frequencies: [1, 2], impedance: [.zero, .zero]),
                                              vary: [.interface("anode", "separator", .capacitance)])) {
            XCTAssertEqual($0 as? StackFitError, .unsetField(path: "interface(anode, separator).capacitance"))
        }
    }

    func testUnknownPathsAreClearErrors() throws {
        let data = try ImpedanceModel.spectrum(cell: F.blockingCell(), temperature: F.t25, frequencies: [1, 10, 100])
            .spectrum
        let cases: [(ParameterPath, String)] = [
            (.layer("membrane", .thickness), "cannot vary `membrane.thickness`: the cell has no layer `membrane`"),
            (.interface("anode", "cathode", .asr),
             "cannot vary `interface(anode, cathode).asr`: the cell has no interface `anode | cathode`"),
            (.component(layer: "separator", component: "LBOCl", .ionicConductivity),
             "cannot vary `separator.LBOCl.sigma_ion`: layer `separator` has no component `LBOCl`"),
        ]
        for (path, message) in cases {
            XCTAssertThrowsError(try StackFit.fit(cell: F.blockingCell(), temperature: F.t25, data: data, vary: [path])) {
                XCTAssertEqual(($0 as? StackFitError)?.description, message)
            }
        }
        XCTAssertThrowsError(try StackFit.fit(cell: F.blockingCell(), temperature: F.t25, data: data,
                                              vary: [.layer("separator", .thickness), .layer("separator", .thickness)]))
    }

    /// With 1 % noise scaled by |Z| (what modulus weighting assumes), the 95 % intervals cover the
    /// true values in most of 20 replicates (expected 95 %; accepted ≥ 80 %), and the reduced χ²
    /// is near 1 (in units of the noise variance 1e-4).
    func testConfidenceIntervalsCoverTheTruthUnderNoise() throws {
        let cell = F.blockingCell()
        let vary: [ParameterPath] = [.material("separator", .ionicConductivity), .layer("separator", .grainSize)]
        let truth = try vary.map { try $0.value(in: cell) }
        let clean = try ImpedanceModel.spectrum(cell: cell, temperature: F.t25, frequencies: Self.frequencies).spectrum
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return (Double(state >> 11) + 0.5) * 0x1.0p-53
        }
        func gaussian() -> Double { (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform()) }
        var covered = [0, 0]
        var reduced: [Double] = []
        let replicates = 20
        for _ in 0..<replicates {
            let noisy = clean.impedance.map { z -> Complex<Double> in
                let scale = 0.01 * z.length
                return Complex(z.real + scale * gaussian(), z.imaginary + scale * gaussian())
            }
            let data = ImpedanceSpectrum(frequencies: clean.frequencies, impedance: noisy)
            let result = try StackFit.fit(cell: cell, temperature: F.t25, data: data, vary: vary)
            for k in 0..<2 where (result.confidence95[k].lower...result.confidence95[k].upper).contains(truth[k]) {
                covered[k] += 1
            }
            reduced.append(result.reducedChi2 / 1e-4)
        }
        let meanReduced = reduced.reduce(0, +) / Double(replicates)
        print("coverage of 95 % intervals: \(covered) of \(replicates); mean reduced χ²/σ² = \(meanReduced)")
        for k in 0..<2 { XCTAssertGreaterThanOrEqual(covered[k], 16, "\(vary[k]) coverage") }
        eisAssertClose(meanReduced, 1, relative: 0.2, "reduced χ² / noise variance")
    }

    /// An unset CPE exponent starts from the model's default 0.9 (``ImpedanceDefaults``).
    func testUnsetExponentStartsFromTheModelDefault() throws {
        var cell = F.symmetricCell(asr: 100e-4)
        cell.interfaces[0].cpeExponent = 0.8
        let data = try ImpedanceModel.spectrum(cell: cell, temperature: F.t25, frequencies: Self.frequencies).spectrum
        cell.interfaces[0].cpeExponent = nil
        let result = try StackFit.fit(cell: cell, temperature: F.t25, data: data,
                                      vary: [.interface("anode", "separator", .cpeExponent)])
        eisAssertClose(result.values[0], 0.8, relative: 1e-6, "n")
    }

    func testPathValueAndSettingRoundTrip() throws {
        let path = ParameterPath.material("separator", .ionicConductivity)
        let cell = try path.setting(0.5, in: F.blockingCell())
        XCTAssertEqual(try path.value(in: cell), 0.5)
        // The Arrhenius law and activation energy are kept.
        XCTAssertEqual(cell.layers[1].material.ionicConductivity?.activationEnergy, 0.36)
        XCTAssertEqual(ParameterPath.interface("anode", "separator", .asr).description, "interface(anode, separator).asr")
    }
}
