import XCTest
@testable import CellPhysics

/// Protocol details of the symmetric-cell model: step forms, alloy electrodes, EIS hand-over.
final class LithiumProtocolTests: XCTestCase {
    typealias C = LithiumTestCells

    /// `ccd ... per cycle` splits the duration into two half-cycles.
    func testWholeCycleStaircaseHalvesTheDuration() throws {
        let (_, perCycle) = try C.run([.ccd(from: 1, to: 2, step: 1, duration: 600, perHalfCycle: false)],
                                      on: C.symmetric(separator: C.llzSeparator, interlayer: C.rtMCL))
        XCTAssertEqual(perCycle.halfCycles.map(\.duration), [300, 300, 300, 300])
        XCTAssertEqual(perCycle.halfCycles.map(\.currentDensity), [1, -1, 2, -2])
        XCTAssertEqual(perCycle.time, 1200, accuracy: 1e-9)
    }

    /// `charge`/`discharge` on a symmetric cell mean plate/strip.
    func testChargeAndDischargeMeanPlateAndStrip() throws {
        let cell = C.symmetric(separator: C.llzSeparator, asr: 20 * C.ohmcm2)
        let (_, a) = try C.run([.current(.charge, .density(1), limits: [.duration(60)]),
                                .current(.discharge, .density(1), limits: [.duration(60)])], on: cell)
        let (_, b) = try C.run([.current(.plate, .density(1), limits: [.duration(60)]),
                                .current(.strip, .density(1), limits: [.duration(60)])], on: cell)
        XCTAssertEqual(a.halfCycles, b.halfCycles)
        XCTAssertEqual(a.halfCycles.map(\.currentDensity), [1, -1])
    }

    /// Li-In | LLZ | Li: the open-circuit offset U₂ − U₁ appears in V but not in the overpotential.
    func testAlloyElectrodeOffsetsTheVoltage() throws {
        var cell = C.symmetric(separator: C.llzSeparator, asr: 20 * C.ohmcm2)
        cell.layers[cell.layers.count - 1].material.ocp = .constant(0.62)
        cell.layers[cell.layers.count - 1].material.identifier = "LiIn"
        let j = 0.05 * C.mAcm2
        let (result, model) = try C.run([.rest(limits: [.duration(60)]),
                                         .current(.plate, .density(j), limits: [.duration(600)])], on: cell)
        assertLithiumRelative(result.series.voltage[1], 0.62, 1e-12, "open-circuit voltage Li | LLZ | Li-In")
        let expected = j * (0.5e-3 / 7.51e-2 + 2 * 20 * C.ohmcm2)
        assertLithiumRelative(try XCTUnwrap(model.halfCycles.last).meanOverpotential, expected, 1e-6, "overpotential")
        assertLithiumRelative(try XCTUnwrap(result.series.voltage.last), 0.62 + expected, 1e-6, "voltage while plating")
    }

    /// The EIS hand-over carries the present interface ASR (contact loss included).
    func testImpedanceCellCarriesContactLoss() throws {
        var model = try SymmetricCellModel(cell: C.symmetric(separator: C.llzSeparator, asr: 20 * C.ohmcm2),
                                           parameters: C.parameters)
        let context = StepContext(inheritedLimits: [], recorder: Recorder(activeMass: 0))
        _ = try model.runCurrent(.strip, .density(0.2 * C.mAcm2), limits: [.duration(3600)], context: context)
        let cell = model.impedanceCell()
        let stripped = try XCTUnwrap(cell.interface(between: "anode", and: "separator")?.areaSpecificResistance).value(at: 298.15)
        let other = try XCTUnwrap(cell.interface(between: "separator", and: "cathode")?.areaSpecificResistance).value(at: 298.15)
        let asrs = try model.interfaceASRs()
        assertLithiumRelative(stripped, asrs[0], 1e-12, "stripped interface")
        XCTAssertGreaterThan(stripped, 1.5 * 20 * C.ohmcm2, "voids raise the stripped electrode's ASR")
        assertLithiumRelative(other, 20 * C.ohmcm2, 1e-9, "the plated electrode had no voids")
    }

    /// Without an `asr` an interface block is added for the impedance model.
    func testImpedanceCellAddsComputedInterfaces() throws {
        let model = try SymmetricCellModel(cell: C.symmetric(separator: C.llzSeparator, interlayer: C.rtMCL),
                                           parameters: C.parameters)
        let cell = model.impedanceCell()
        let asr = try XCTUnwrap(cell.interface(between: "anode", and: "wetting1")?.areaSpecificResistance).value(at: 298.15)
        assertLithiumRelative(asr, try model.conditions().sides[0].fullContactASR, 1e-12, "Li | RT-MCL ASR")
    }

    /// A staircase with more steps than any lab protocol is refused before it runs.
    func testOversizedStaircaseIsRefused() throws {
        var model = try SymmetricCellModel(cell: C.symmetric(separator: C.llzSeparator), parameters: C.parameters)
        let context = StepContext(inheritedLimits: [], recorder: Recorder(activeMass: 0))
        XCTAssertThrowsError(try model.runCCD(from: 1, to: 1e300, step: 1, duration: 600, perHalfCycle: true,
                                              context: context)) { error in
            guard case ModelError.limitExceeded = error else { return XCTFail("expected limitExceeded, got \(error)") }
        }
    }

    /// An enclosing `repeat until` charge limit stops a plating step (inherited limit).
    func testInheritedLimitStopsTheStep() throws {
        var model = try SymmetricCellModel(cell: C.symmetric(separator: C.llzSeparator, interlayer: C.rtMCL),
                                           parameters: C.parameters)
        let context = StepContext(inheritedLimits: [.arealCharge(3600)], recorder: Recorder(activeMass: 0))
        let end = try model.runCurrent(.plate, .density(5), limits: [.duration(3600)], context: context)
        XCTAssertEqual(end, .inheritedLimit(0))
        XCTAssertEqual(model.time, 720, accuracy: 1e-9, "3600 C/m² at 5 A/m²")
    }
}
