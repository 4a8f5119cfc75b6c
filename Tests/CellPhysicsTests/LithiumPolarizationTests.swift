import XCTest
@testable import CellPhysics

/// DC polarization on blocking electrodes and Hebb–Wagner cells (PHYSICS.md §7), and the errors
/// of the Li-metal models on bad input.
final class LithiumPolarizationTests: XCTestCase {
    typealias C = LithiumTestCells

    static var gold: MaterialModel { MaterialModel(identifier: "Au", name: "Au", kind: .metal) }

    func blockingCell(_ electrolyte: MaterialModel, thickness: Double = 1e-3, liFirst: Bool = false) -> CellModel {
        CellModel(name: "blocking", area: 1e-4, temperature: 298.15,
                  layers: [C.layer("anode", liFirst ? C.lithium : Self.gold, thickness: 100e-9),
                           C.layer("separator", electrolyte, thickness: thickness),
                           C.layer("cathode", Self.gold, thickness: 100e-9)])
    }

    func polarize(_ model: inout BlockingPolarizationModel, _ voltages: [Double]) throws -> SimulationResult {
        try ProtocolRunner(impedance: nil).run(
            ProtocolModel(name: "electronic", steps: voltages.map { .polarize(voltage: $0, limits: [.duration(3600)]) }),
            on: &model)
    }

    /// Au | LLZTO | Au at 0.4/0.6/0.8 V: σ_e = L·I_ss/(U·A) and the slope both give 9.6e-8 S/cm.
    func testBlockingElectrodesRecoverElectronicConductivity() throws {
        var model = try BlockingPolarizationModel(cell: blockingCell(C.llzto))
        XCTAssertEqual(model.configuration, .blocking)
        let result = try polarize(&model, [0.4, 0.6, 0.8])
        let sigma = try XCTUnwrap(result.scalar("sigma_e")).value
        assertLithiumRelative(sigma, 9.6e-6, 1e-6, "σ_e from the slope (S/m)")
        for point in model.points {
            assertLithiumRelative(1e-3 * point.steadyCurrent / (point.voltage * 1e-4), 9.6e-6, 1e-6,
                                  "σ_e = L·I/(U·A) at \(point.voltage) V")
        }
    }

    /// The ionic current decays with τ = R_b·C_dl/2 from ΔU/R_b to the electronic level.
    func testIonicTransientDecaysWithBulkRCTimeConstant() throws {
        var model = try BlockingPolarizationModel(cell: blockingCell(C.llzto))
        let recorder = Recorder(activeMass: 0)
        _ = try model.runPolarize(voltage: 0.5, limits: [.duration(10)], context: StepContext(inheritedLimits: [], recorder: recorder))
        let rb = 1e-3 / 0.189 / 1e-4
        let electronic = 0.5 * 9.6e-6 * 1e-4 / 1e-3
        let series = recorder.result.series
        assertLithiumRelative(series.current[0], 0.5 / rb + electronic, 1e-9, "current at the switch")
        let tau = rb * 0.1 * 1e-4 / 2
        for (t, i) in zip(series.time, series.current) where t > 0 && t < 5 * tau {
            assertLithiumRelative(i, electronic + 0.5 / rb * exp(-t / tau), 1e-9, "I(t = \(t) s)")
        }
        assertLithiumRelative(series.current.last ?? 0, electronic, 1e-9, "steady state")
    }

    /// Li | SE | Au: the Hebb–Wagner fit returns σ_n⁰ and σ_p⁰.
    func testHebbWagnerFitRecoversCarrierConductivities() throws {
        var p = LithiumMetalParameters()
        p.materialExtras["LLZTO"] = ["sigma_n0": 2e-6, "sigma_p0": 1e-21]
        var model = try BlockingPolarizationModel(cell: blockingCell(C.llzto, liFirst: true), parameters: p)
        XCTAssertEqual(model.configuration, .hebbWagner)
        let result = try polarize(&model, [0.3, 0.5, 0.7, 0.9])
        assertLithiumRelative(try XCTUnwrap(result.scalar("sigma_n0")).value, 2e-6, 1e-6, "σ_n⁰")
        assertLithiumRelative(try XCTUnwrap(result.scalar("sigma_p0")).value, 1e-21, 1e-6, "σ_p⁰")
    }

    func testPolarizationNeedsABlockingElectrode() {
        XCTAssertThrowsError(try BlockingPolarizationModel(cell: C.symmetric(separator: C.llzSeparator))) { error in
            guard case ModelError.unsupported = error else { return XCTFail("expected unsupported, got \(error)") }
        }
    }

    // MARK: bad input

    func testPlatingNeedsLithiumElectrodes() {
        XCTAssertThrowsError(try SymmetricCellModel(cell: blockingCell(C.llzto))) { error in
            guard case ModelError.unsupported(let text) = error else { return XCTFail("expected unsupported, got \(error)") }
            XCTAssertTrue(text.contains("Li-metal electrodes"), text)
        }
    }

    func testNegativeCurrentAndBadStaircaseAreRejected() throws {
        var model = try SymmetricCellModel(cell: C.symmetric(separator: C.llzSeparator), parameters: C.parameters)
        let context = StepContext(inheritedLimits: [], recorder: Recorder(activeMass: 0))
        XCTAssertThrowsError(try model.runCurrent(.plate, .density(-1), limits: [.duration(60)], context: context)) { error in
            guard case ModelError.outOfRange = error else { return XCTFail("expected outOfRange, got \(error)") }
        }
        XCTAssertThrowsError(try model.runCurrent(.plate, .cRate(1), limits: [.duration(60)], context: context)) { error in
            guard case ModelError.unsupported = error else { return XCTFail("expected unsupported, got \(error)") }
        }
        XCTAssertThrowsError(try model.runCCD(from: 1, to: 10, step: -1, duration: 600, perHalfCycle: true, context: context)) { error in
            guard case ModelError.outOfRange = error else { return XCTFail("expected outOfRange, got \(error)") }
        }
        XCTAssertThrowsError(try model.runCCD(from: 1, to: 10, step: 1, duration: -600, perHalfCycle: true, context: context))
        XCTAssertThrowsError(try model.runCurrent(.plate, .density(1), limits: [.duration(-5)], context: context))
        XCTAssertThrowsError(try model.runCurrent(.plate, .density(1), limits: [], context: context)) { error in
            guard case ModelError.unsupported = error else { return XCTFail("expected unsupported, got \(error)") }
        }
        XCTAssertEqual(model.time, 0, "nothing ran")
    }

    func testOutOfRangeParametersAreRejected() {
        var p = C.parameters
        p.initialContactFraction = 1.2
        XCTAssertThrowsError(try SymmetricCellModel(cell: C.symmetric(separator: C.llzSeparator), parameters: p)) { error in
            guard case ModelError.outOfRange(let what, _, _) = error else { return XCTFail("expected outOfRange, got \(error)") }
            XCTAssertTrue(what.contains("contact_fraction"), what)
        }
        var q = C.parameters
        q.lithiumVacancyDiffusivity = -1e-15
        XCTAssertThrowsError(try SymmetricCellModel(cell: C.symmetric(separator: C.llzSeparator), parameters: q))
        var negativeD = C.indium
        negativeD.vacancyDiffusivity = -1e-13
        XCTAssertThrowsError(try SymmetricCellModel(cell: C.symmetric(separator: C.llzSeparator, interlayer: negativeD),
                                                    parameters: C.parameters)) { error in
            guard case ModelError.outOfRange(let what, _, _) = error else { return XCTFail("expected outOfRange, got \(error)") }
            XCTAssertTrue(what.contains("D_vacancy"), what)
        }
        var noHardness = C.symmetric(separator: C.llzSeparator)
        noHardness.layers[0].material.hardness = nil
        XCTAssertThrowsError(try SymmetricCellModel(cell: noHardness, parameters: C.parameters)) { error in
            guard case ModelError.missingField(let field, _, _) = error else { return XCTFail("expected missingField, got \(error)") }
            XCTAssertEqual(field, "H")
        }
    }
}
