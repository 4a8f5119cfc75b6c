import XCTest
@testable import CellPhysics

/// Cross-check against PyBaMM's SPM with Chen2020 (issue: within 10 mV RMS at 0.5, 1 and 2 C).
final class TransportPyBaMMTests: XCTestCase {
    func testDischargeCurvesMatchPyBaMMSPM() throws {
        let (cell, json) = try TransportFixtures.chen2020Cell()
        guard let discharges = json["discharges"] as? [[String: Any]] else { return XCTFail("fixture lacks discharges") }
        let cutoff = try TransportFixtures.number(json, "lower_cutoff")
        XCTAssertEqual(discharges.count, 3)
        for reference in discharges {
            let rate = try TransportFixtures.number(reference, "c_rate")
            let times = try TransportFixtures.numbers(reference, "time_s")
            let volts = try TransportFixtures.numbers(reference, "voltage_V")
            let protocolModel = ProtocolModel(name: "discharge", steps: [.current(.discharge, .cRate(rate), limits: [.voltage(cutoff)])])
            var model = try TransportModel(cell: cell)
            let result = try ProtocolRunner(impedance: nil).run(protocolModel, on: &model)
            let series = result.series
            // Drop the duplicated step-start sample so times are non-decreasing with unique values.
            var ts: [Double] = [], vs: [Double] = []
            for i in 0..<series.count where i + 1 == series.count || series.time[i + 1] > series.time[i] {
                ts.append(series.time[i]); vs.append(series.voltage[i])
            }
            let end = min(ts.last ?? 0, times.last ?? 0)
            var sum = 0.0, n = 0
            for (t, v) in zip(times, volts) where t <= end {
                let mine = TransportFixtures.interpolate(ts, vs, at: t)
                sum += (mine - v) * (mine - v)
                n += 1
            }
            let rms = (sum / Double(max(n, 1))).squareRoot()
            let endError = abs((ts.last ?? 0) - (times.last ?? 0)) / (times.last ?? 1)
            print("PyBaMM SPM \(rate) C: RMS \(rms * 1000) mV over \(n) points; end time expected \(times.last ?? 0) s, observed \(ts.last ?? 0) s, relative error \(endError); \(series.count) samples")
            XCTAssertLessThan(rms, 0.010, "RMS voltage difference at \(rate) C")
            XCTAssertLessThan(endError, 0.01, "discharge duration at \(rate) C")
        }
    }

    /// The benchmark protocol (10 × 1 C discharge, rest, 1 C charge, CV to C/50) gives PyBaMM's
    /// per-cycle capacities.
    func testCCCVCapacitiesMatchPyBaMM() throws {
        let (cell, json) = try TransportFixtures.chen2020Cell()
        guard let steps = json["cccv_steps"] as? [[String: Any]], steps.count == 40 else { return XCTFail("fixture lacks cccv_steps") }
        let charges = try steps.map { try TransportFixtures.number($0, "charge_Ah") }
        let p = ProtocolModel(name: "cccv", steps: [.repeatCount(10, [
            .current(.discharge, .cRate(1), limits: [.voltage(2.5)]),
            .rest(limits: [.duration(600)]),
            .current(.charge, .cRate(1), limits: [.voltage(4.2)]),
            .hold(voltage: 4.2, limits: [.current(.cRate(1.0 / 50))]),
        ])])
        var model = try TransportModel(cell: cell)
        let result = try ProtocolRunner(impedance: nil).run(p, on: &model)
        let mass = model.activeMass
        // Recorder cycles: cycle k holds the charge + hold of round k−1 and the discharge of round k.
        for k in 0..<10 {
            let discharge = result.cycles[k].dischargeCapacity * mass / 3600
            TransportFixtures.assertClose(discharge, charges[4 * k], absolute: 2e-3 * charges[4 * k], "discharge \(k) (A·h)")
            if k > 0 {
                let charged = result.cycles[k].chargeCapacity * mass / 3600
                let expected = -(charges[4 * k - 2] + charges[4 * k - 1])
                // The recorder integrates the backward-Euler current of the CV hold by trapezoids
                // over the steps, 0.25 % above the Li moved (which the discharge shows is right).
                TransportFixtures.assertClose(charged, expected, absolute: 5e-3 * expected, "charge + CV \(k - 1) (A·h)")
            }
        }
    }
}
