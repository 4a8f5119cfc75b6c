import XCTest
@testable import CellPhysics

/// GITT (PHYSICS.md §7): the Weppner–Huggins analysis recovers the model's own diffusivity.
final class TransportGITTTests: XCTestCase {
    func testGITTRecoversDiffusivity() throws {
        let d = 1e-14
        let cell = TransportFixtures.halfCell(cathodeASR: 20e-4, cathodeI0: 1.0, diffusivity: d)
        // τ = 30 s ≪ R²/D = 2500 s (Weppner–Huggins needs √(Dτ) ≪ R_p: at 120 s the sphere's curvature
        // already biases D by −27 %); rests of 2 h relax the particle.
        let p = ProtocolModel(name: "gitt", steps: [.repeatCount(5, [
            .current(.charge, .cRate(0.1), limits: [.duration(30)]),
            .rest(limits: [.duration(7200)]),
        ])])
        let result = try TransportModel.simulate(p, on: cell, runner: ProtocolRunner(impedance: nil))
        let table = try XCTUnwrap(result.tables.first { $0.name == "gitt" })
        let ds = try XCTUnwrap(table.columns.first { $0.name == "diffusivity" }).values
        XCTAssertEqual(ds.count, 5)
        for (i, estimate) in ds.enumerated() {
            print("GITT pulse \(i): D expected \(d), observed \(estimate), relative error \(abs(estimate - d) / d)")
            XCTAssertEqual(estimate, d, accuracy: 0.10 * d)
        }
        let polarization = try XCTUnwrap(result.scalar("gitt_polarization"))
        XCTAssertGreaterThan(polarization.value, 0)
        XCTAssertNotNil(result.scalar("gitt_diffusivity"))
    }

    func testCyclingIsNotGITT() throws {
        var series = TimeSeries()
        // one hour discharge, ten minutes rest, twice
        for (t, i) in [(0.0, -1.0), (3600, -1), (3600, 0), (4200, 0), (4200, -1), (7800, -1), (7800, 0), (8400, 0)] {
            series.append(time: t, voltage: 3.5, current: i, capacity: 0, temperature: 298)
        }
        XCTAssertNil(GITTAnalysis.analyse(series: series, particleRadius: 5e-6))
    }
}
