import XCTest
@testable import CellPhysics

/// Bad input: clear errors, never hangs (issue "Bad input").
final class TransportErrorTests: XCTestCase {
    private let runner = ProtocolRunner(impedance: nil)

    func testMissingFieldNamesMaterialFieldAndModel() {
        var cell = TransportFixtures.halfCell()
        cell.layers[2].material.diffusivity = nil
        XCTAssertThrowsError(try TransportModel(cell: cell)) { error in
            XCTAssertEqual(error as? ModelError, .missingField(field: "D", owner: "material `LCO`", model: "transport model"))
            let text = "\(error)"
            print("message: \(text)")
            XCTAssertTrue(text.contains("`LCO`") && text.contains("`D`") && text.contains("transport model"))
        }
        var noOCP = TransportFixtures.halfCell()
        noOCP.layers[0].material.ocp = nil
        XCTAssertThrowsError(try TransportModel(cell: noOCP)) { error in
            XCTAssertEqual(error as? ModelError, .missingField(field: "ocp", owner: "material `Li`", model: "transport model"))
        }
        var noThickness = TransportFixtures.halfCell()
        noThickness.layers[1].thickness = nil
        XCTAssertThrowsError(try TransportModel(cell: noThickness)) { error in
            XCTAssertEqual(error as? ModelError, .missingField(field: "thickness", owner: "layer `separator`", model: "transport model"))
        }
        var noArea = TransportFixtures.halfCell()
        noArea.area = nil
        XCTAssertThrowsError(try TransportModel(cell: noArea))
    }

    func testCRateWithoutRateBasisIsAClearError() throws {
        var cell = TransportFixtures.halfCell()
        cell.layers[2].material.rateBasis = nil
        cell.layers[2].material.capacity = nil
        var model = try TransportModel(cell: cell)
        XCTAssertNil(model.oneC)
        let p = ProtocolModel(name: "c", steps: [.current(.charge, .cRate(1), limits: [.voltage(4.2)])])
        XCTAssertThrowsError(try runner.run(p, on: &model)) { error in
            print("message: \(error)")
            XCTAssertTrue("\(error)".contains("rate_basis"))
        }
    }

    func testInitialFractionOutsideOCPRange() {
        var cell = TransportFixtures.halfCell()
        cell.layers[2].material.initialLiFraction = 0.1  // the table starts at 0.2
        XCTAssertThrowsError(try TransportModel(cell: cell)) { error in
            guard case .outOfRange(let what, _, _) = error as? ModelError else { return XCTFail("\(error)") }
            XCTAssertTrue(what.contains("x_init"))
        }
    }

    /// Charging towards a voltage the OCP never reaches ends at the table's end with a warning.
    func testUnreachableVoltageEndsAtOCPRangeWithWarning() throws {
        var model = try TransportModel(cell: TransportFixtures.halfCell())
        let p = ProtocolModel(name: "c", steps: [.current(.charge, .cRate(1), limits: [.voltage(6.0)])])
        let result = try runner.run(p, on: &model)
        print("notes: \(result.notes)")
        XCTAssertTrue(result.notes.contains { $0.contains("OCP range") && $0.contains("t = ") })
        XCTAssertGreaterThan(model.surfaceLiFraction(electrode: 1) ?? 0, 0.2 - 1e-6)
    }

    func testStepWithoutLimitIsRejected() throws {
        var model = try TransportModel(cell: TransportFixtures.halfCell())
        let p = ProtocolModel(name: "r", steps: [.rest(limits: [])])
        XCTAssertThrowsError(try runner.run(p, on: &model)) { error in
            XCTAssertTrue("\(error)".contains("never end"))
        }
    }

    /// `repeat until` a voltage the body never reaches stops at the iteration cap, not a hang.
    func testRepeatUntilNeverReachedHitsItsCap() throws {
        var model = try TransportModel(cell: TransportFixtures.halfCell())
        let p = ProtocolModel(name: "forever", steps: [.repeatUntil(.voltage(5.0), [.rest(limits: [.duration(1)])])])
        XCTAssertThrowsError(try runner.run(p, on: &model)) { error in
            guard case .limitExceeded = error as? ModelError else { return XCTFail("\(error)") }
            print("message: \(error)")
        }
    }

    /// A hold whose threshold is below the leakage current never ends: the steady state is reported.
    func testHoldBelowLeakageCurrentIsReportedAsNeverEnding() throws {
        var model = try TransportModel(cell: TransportFixtures.halfCell(leakage: 1e-3))
        let p = ProtocolModel(name: "hold", steps: [.hold(voltage: 3.8, limits: [.current(.amperes(1e-12))])])
        XCTAssertThrowsError(try runner.run(p, on: &model)) { error in
            guard case .limitExceeded(let what, _) = error as? ModelError else { return XCTFail("\(error)") }
            print("message: \(error)")
            XCTAssertTrue(what.contains("never reaches") && what.contains("reached t = "))
        }
    }

    func testCellWithoutElectrodeIsUnsupported() {
        var cell = TransportFixtures.halfCell()
        cell.layers[2] = cell.layers[1]
        cell.layers[2].name = "other"
        XCTAssertThrowsError(try TransportModel(cell: cell)) { error in
            guard case .unsupported = error as? ModelError else { return XCTFail("\(error)") }
        }
    }

    /// Discharging strips the Li anode; a 1 µm anode runs out and the step ends with a warning.
    func testLithiumAnodeRunsOut() throws {
        var cell = TransportFixtures.halfCell()
        cell.layers[0].thickness = 1e-6  // 7.7e-6 mol of Li on 1 cm², 0.74 C
        cell.layers[2].material.initialLiFraction = 0.5
        var model = try TransportModel(cell: cell)
        let p = ProtocolModel(name: "d", steps: [.current(.discharge, .cRate(1), limits: [.voltage(3.0)])])
        let result = try ProtocolRunner(impedance: nil).run(p, on: &model)
        print("notes: \(result.notes)")
        XCTAssertTrue(result.notes.contains { $0.contains("no Li left to strip") })
        let stripped = (result.series.capacity.last ?? 0) * 3600 / Constants.faraday
        TransportFixtures.assertClose(stripped, 1e-6 * 1e-4 * 7.7e4, absolute: 1e-6 * 1e-6 * 1e-4 * 7.7e4, "Li stripped (mol)")
    }
}
