import XCTest
@testable import CellPhysics

/// Physics checks of the transport model against hand calculations (PHYSICS.md §1, §4, §6).
final class TransportModelTests: XCTestCase {
    private let runner = ProtocolRunner(impedance: nil)

    /// C/100 charge: the capacity is what the OCP window dictates, (x_start − x_end)·Q.
    func testNearEquilibriumCapacityMatchesOCPWindow() throws {
        let cell = TransportFixtures.halfCell()
        var model = try TransportModel(cell: cell)
        let q = try XCTUnwrap(model.chargePerLiFraction(electrode: 1))
        let p = ProtocolModel(name: "slow", steps: [.current(.charge, .cRate(0.01), limits: [.voltage(4.2)])])
        let result = try runner.run(p, on: &model)
        let observed = (result.series.capacity.last ?? 0) * 3600
        let expected = (0.95 - 0.3) * q
        TransportFixtures.assertClose(observed, expected, absolute: 0.01 * expected, "C/100 capacity (C)")
        TransportFixtures.assertClose(model.meanLiFraction(electrode: 1) ?? 0, 0.3, absolute: 0.005, "final mean x")
    }

    /// With double layers off, a 1 s pulse from rest raises V by j·ΣASR + η_BV of both interfaces.
    func testPulseIsOhmicPlusButlerVolmer() throws {
        let flat = OpenCircuitPotential.table(x: [0.0, 0.5, 1.0], u: [3.9, 3.9, 3.9])
        let anodeASR = 20e-4, cathodeASR = 50e-4, anodeI0 = 5.0, cathodeI0 = 0.3
        let cell = TransportFixtures.halfCell(anodeASR: anodeASR, cathodeASR: cathodeASR, capacitance: 0,
                                              anodeI0: anodeI0, cathodeI0: cathodeI0, ocp: flat)
        var model = try TransportModel(cell: cell)
        let j = 10.0  // A/m² = 1 mA/cm²
        let p = ProtocolModel(name: "pulse", steps: [.current(.charge, .density(j), limits: [.duration(1)])])
        var result = try runner.run(p, on: &model)
        model.appendResults(to: &result)
        let t = 298.15, kappa = 2 * Constants.gas * t / Constants.faraday
        let xs = try XCTUnwrap(result.series.extra["x_surface_positive"]?.values.last)
        // Particle area per cell area: 3·m/(ρ·R_p·A).
        let ratio = 3 * 0.1 * 1e-4 / 5050 / (5e-6 * 1e-4)
        let i0Cathode = cathodeI0 * 2 * (xs * (1 - xs)).squareRoot() * ratio
        let ohmic = 100e-6 / 0.1
        let expected = j * (ohmic + anodeASR + cathodeASR) + kappa * Double.asinh(j / (2 * anodeI0))
            + kappa * Double.asinh(j / (2 * i0Cathode))
        let observed = (result.series.voltage.last ?? 0) - 3.9
        TransportFixtures.assertClose(observed, expected, absolute: 1e-6, "pulse ΔV (V)")
        XCTAssertEqual(result.series.time.last ?? 0, 1, accuracy: 1e-9)
    }

    /// With a double layer, the interface charges and relaxes as R‖C: exp(−t/τ), τ = ASR·C.
    func testDoubleLayerRelaxation() throws {
        let flat = OpenCircuitPotential.table(x: [0.0, 0.5, 1.0], u: [3.9, 3.9, 3.9])
        let asr = 100e-4, c = 0.1  // 100 Ω·cm², 10 µF/cm² → τ = 1 ms
        let cell = TransportFixtures.halfCell(cathodeASR: asr, capacitance: c, ocp: flat)
        var options = TransportOptions()
        options.voltageTolerance = 1e-7  // resolve the millisecond transient tightly
        var model = try TransportModel(cell: cell, options: options)
        let j = 1.0
        let tau = asr * c
        let p = ProtocolModel(name: "relax", steps: [
            .current(.charge, .density(j), limits: [.duration(tau)]),
            .current(.charge, .density(j), limits: [.duration(20 * tau)]),
            .rest(limits: [.duration(tau)]),
        ])
        let result = try runner.run(p, on: &model)
        let s = result.series
        let ohmic = 100e-6 / 0.1
        // End of the first step (t = τ): V − U = j·R_ohm + j·ASR·(1 − e^{−1}).
        let firstEnd = try XCTUnwrap(s.time.indices.first { abs(s.time[$0] - tau) < 1e-12 })
        TransportFixtures.assertClose(s.voltage[firstEnd] - 3.9, j * ohmic + j * asr * (1 - Double.exp(-1)),
                                      absolute: 0.02 * j * asr, "charging at t = τ (V)")
        // One τ into the rest: the interface voltage has fallen to e^{−1} of j·ASR.
        TransportFixtures.assertClose((s.voltage.last ?? 0) - 3.9, j * asr * Double.exp(-1), absolute: 0.02 * j * asr,
                                      "relaxation after τ (V)")
    }

    /// Lithium is conserved to round-off over 10 cycles with double layers, kinetics and leakage.
    func testLithiumConservedOverTenCycles() throws {
        let cell = TransportFixtures.halfCell(anodeASR: 20e-4, cathodeASR: 50e-4, anodeI0: 5, cathodeI0: 0.3,
                                              leakage: 1e-5)
        var model = try TransportModel(cell: cell)
        let before = model.lithiumInventory
        let cycle: [StepModel] = [
            .current(.charge, .cRate(1), limits: [.voltage(4.2)]),
            .hold(voltage: 4.2, limits: [.current(.cRate(0.05))]),
            .rest(limits: [.duration(600)]),
            .current(.discharge, .cRate(1), limits: [.voltage(3.6)]),
        ]
        _ = try runner.run(ProtocolModel(name: "cycles", steps: [.repeatCount(10, cycle)]), on: &model)
        let after = model.lithiumInventory
        let relative = abs(after - before) / before
        print("Li inventory: expected \(before) mol, observed \(after) mol, relative error \(relative)")
        XCTAssertLessThan(relative, 1e-12)
    }

    /// Lithium is conserved in a two-intercalation-electrode cell too.
    func testLithiumConservedTwoElectrodes() throws {
        let (cell, _) = try TransportFixtures.chen2020Cell()
        var model = try TransportModel(cell: cell)
        let before = model.lithiumInventory
        _ = try runner.run(ProtocolModel(name: "c", steps: [.repeatCount(3, [
            .current(.discharge, .cRate(1), limits: [.voltage(2.5)]),
            .rest(limits: [.duration(600)]),
            .current(.charge, .cRate(1), limits: [.voltage(4.2)]),
            .hold(voltage: 4.2, limits: [.current(.cRate(0.02))]),
        ])]), on: &model)
        let relative = abs(model.lithiumInventory - before) / before
        print("Li inventory (two electrodes): expected \(before) mol, observed \(model.lithiumInventory) mol, relative error \(relative)")
        XCTAssertLessThan(relative, 1e-12)
    }

    /// Steps end on their voltage limits within 0.1 mV, from below and from above.
    func testVoltageLimitsAreLocated() throws {
        let cell = TransportFixtures.halfCell(cathodeASR: 50e-4, cathodeI0: 0.3)
        var model = try TransportModel(cell: cell)
        let p = ProtocolModel(name: "limits", steps: [
            .current(.charge, .cRate(2), limits: [.voltage(4.1)]),
            .current(.discharge, .cRate(2), limits: [.voltage(3.7)]),
        ])
        let result = try runner.run(p, on: &model)
        let s = result.series
        let chargeEnd = try XCTUnwrap(s.current.indices.last { s.current[$0] > 0 })
        TransportFixtures.assertClose(s.voltage[chargeEnd], 4.1, absolute: 1e-4, "charge cut-off (V)")
        TransportFixtures.assertClose(s.voltage.last ?? 0, 3.7, absolute: 1e-4, "discharge cut-off (V)")
        XCTAssertGreaterThanOrEqual(s.voltage[chargeEnd], 4.1 - 1e-12)
    }

    /// A CV hold ends when |I| falls to the threshold (located, not overshot by more than 0.01 %).
    func testHoldEndsAtCurrentThreshold() throws {
        let cell = TransportFixtures.halfCell(cathodeASR: 50e-4, cathodeI0: 0.3)
        var model = try TransportModel(cell: cell)
        let oneC = try XCTUnwrap(model.oneC)
        let p = ProtocolModel(name: "cccv", steps: [
            .current(.charge, .cRate(1), limits: [.voltage(4.1)]),
            .hold(voltage: 4.1, limits: [.current(.cRate(0.05))]),
        ])
        let result = try runner.run(p, on: &model)
        let s = result.series
        TransportFixtures.assertClose(abs(s.current.last ?? 0), 0.05 * oneC, absolute: 1e-4 * 0.05 * oneC, "hold end current (A)")
        TransportFixtures.assertClose(s.voltage.last ?? 0, 4.1, absolute: 1e-9, "hold voltage (V)")
    }

    /// Ohmic resistance follows the Arrhenius law of the electrolyte (PHYSICS.md §1).
    func testOhmicResistanceFollowsArrhenius() throws {
        let cell = TransportFixtures.halfCell()
        let cold = try TransportModel(cell: cell, temperature: 298.15)
        let hot = try TransportModel(cell: cell, temperature: 363.15)
        let sigmaHot = ArrheniusLaw.conductivity.scale(0.1, from: 298.15, to: 363.15, activationEV: 0.36)
        TransportFixtures.assertClose(cold.seriesASR, 100e-6 / 0.1, absolute: 1e-15, "ASR at 25 °C (Ω·m²)")
        TransportFixtures.assertClose(hot.seriesASR, 100e-6 / sigmaHot, absolute: 1e-15, "ASR at 90 °C (Ω·m²)")
    }

    /// Symmetric two-phase Bruggeman matches the closed form of PHYSICS.md §3.
    func testBruggemanClosedForm() {
        let s1 = 7.5e-2, s2 = 6.8e-3, p1 = 0.8, p2 = 0.2
        let b = (3 * p1 - 1) * s1 + (3 * p2 - 1) * s2
        let expected = (b + (b * b + 8 * s1 * s2).squareRoot()) / 4
        TransportFixtures.assertClose(bruggeman([(p1, s1), (p2, s2)]), expected, absolute: 1e-12 * expected, "Bruggeman σ (S/m)")
        // An insulating phase percolates conduction away at conductor fraction 1/3.
        XCTAssertLessThan(bruggeman([(0.3, 1.0), (0.7, 0)]), 1e-20)
    }
}
