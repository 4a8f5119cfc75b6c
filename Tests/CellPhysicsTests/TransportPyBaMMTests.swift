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
}
