import RealModule
import XCTest

@testable import CellNumerics

/// Capacitor charged through a resistor: dV/dt = (V_s − V)/(RC), V(0) = 0.
private struct RCCharge: ImplicitSystem {
    var resistance = 100.0
    var capacitance = 1e-3
    var source = 1.0
    var threshold = 0.5
    var useAnalyticJacobian = true
    var dimension: Int { 1 }
    var tau: Double { resistance * capacitance }
    func derivative(t: Double, y: [Double], into dydt: inout [Double]) throws {
        dydt[0] = (source - y[0]) / tau
    }
    var providesJacobian: Bool { useAnalyticJacobian }
    func jacobian(t: Double, y: [Double], into matrix: inout SystemMatrix) throws {
        matrix[0, 0] = -1 / tau
    }
    var eventCount: Int { 1 }
    var eventDirections: [EventDirection] { [.rising] }
    func eventValues(t: Double, y: [Double], into values: inout [Double]) { values[0] = y[0] - threshold }
}

/// 1-D diffusion with zero-flux ends, finite volumes (tridiagonal), as PHYSICS.md §6.
private struct Diffusion: ImplicitSystem {
    var cells = 20
    var coefficient = 1.0
    var dimension: Int { cells }
    var jacobianStructure: JacobianStructure { .banded(lower: 1, upper: 1) }
    func derivative(t: Double, y: [Double], into dydt: inout [Double]) throws {
        for i in 0..<cells {
            var flux = 0.0
            if i > 0 { flux += y[i - 1] - y[i] }
            if i < cells - 1 { flux += y[i + 1] - y[i] }
            dydt[i] = coefficient * flux
        }
    }
}

/// y1' = −y1, 0 = 2·y1 − y2 (index-1 DAE through a zero mass entry).
private struct AlgebraicPair: ImplicitSystem {
    var dimension: Int { 2 }
    var massDiagonal: [Double]? { [1, 0] }
    func derivative(t: Double, y: [Double], into dydt: inout [Double]) throws {
        dydt[0] = -y[0]
        dydt[1] = 2 * y[0] - y[1]
    }
}

private struct Failing: ImplicitSystem {
    struct Boom: Error {}
    var dimension: Int { 1 }
    func derivative(t: Double, y: [Double], into dydt: inout [Double]) throws {
        if t > 0.5 { throw Boom() }
        dydt[0] = 1
    }
}

final class TimeStepperTests: XCTestCase {
    private func fixedStepError(_ method: TimeSteppingMethod, step: Double) throws -> Double {
        var options = TimeStepperOptions()
        options.method = method
        options.initialStep = step
        options.maxStep = step
        options.relativeTolerance = 1e6 // never reject: constant steps for the order test
        options.absoluteTolerance = 1e6
        options.newtonTolerance = 1e-12
        var system = RCCharge()
        system.threshold = 10 // no event
        var stepper = try TimeStepper(system: system, t0: 0, y0: [0], options: options)
        let end = system.tau
        XCTAssertEqual(try stepper.step(to: end), .reached(t: end))
        let exact = 1 - Double.exp(-1)
        return abs(stepper.y[0] - exact)
    }

    func testBackwardEulerIsFirstOrder() throws {
        let coarse = try fixedStepError(.backwardEuler, step: 0.1 / 16)
        let fine = try fixedStepError(.backwardEuler, step: 0.1 / 32)
        let ratio = coarse / fine
        XCTAssertEqual(ratio, 2, accuracy: 0.1, "BE error ratio for halved step: expected 2, observed \(ratio)")
    }

    func testBDF2IsSecondOrder() throws {
        let coarse = try fixedStepError(.bdf2, step: 0.1 / 16)
        let fine = try fixedStepError(.bdf2, step: 0.1 / 32)
        let ratio = coarse / fine
        XCTAssertEqual(ratio, 4, accuracy: 0.3, "BDF2 error ratio for halved step: expected 4, observed \(ratio)")
    }

    func testAdaptiveStepResponseMatchesExponential() throws {
        for method in TimeSteppingMethod.allCases {
            var options = TimeStepperOptions()
            options.method = method
            options.relativeTolerance = 1e-7
            options.absoluteTolerance = 1e-10
            var system = RCCharge()
            system.threshold = 10
            system.useAnalyticJacobian = method == .bdf2 // the other runs on finite differences
            var stepper = try TimeStepper(system: system, t0: 0, y0: [0], options: options)
            for k in 1...5 {
                let time = Double(k) * system.tau
                XCTAssertEqual(try stepper.step(to: time), .reached(t: time))
                assertClose(stepper.y[0], 1 - Double.exp(-Double(k)), relative: method == .bdf2 ? 1e-5 : 1e-3,
                            "\(method) V(\(k)τ)")
            }
            XCTAssertGreaterThan(stepper.statistics.acceptedSteps, 5)
        }
        // BDF2 needs far fewer steps than BE for the same tolerance.
    }

    func testEventLocatesThresholdCrossing() throws {
        var options = TimeStepperOptions()
        options.relativeTolerance = 1e-10
        options.absoluteTolerance = 1e-12
        options.eventTimeTolerance = 1e-10
        let system = RCCharge()
        var stepper = try TimeStepper(system: system, t0: 0, y0: [0], options: options)
        let outcome = try stepper.step(to: 10 * system.tau)
        guard case .event(let index, let time) = outcome else { return XCTFail("expected an event, got \(outcome)") }
        XCTAssertEqual(index, 0)
        let expected = system.tau * Double.log(2)
        assertClose(time, expected, relative: 1e-6, "event time τ·ln 2")
        XCTAssertGreaterThanOrEqual(stepper.y[0], 0.5, "state is just past the root")
        assertClose(stepper.y[0], 0.5, relative: 1e-7, "V at the event")
        // Continuing does not re-trigger the same crossing.
        XCTAssertEqual(try stepper.step(to: 2 * system.tau), .reached(t: 2 * system.tau))
    }

    func testBandedDiffusionConservesMass() throws {
        var initial = [Double](repeating: 0, count: 20)
        initial[3] = 1
        initial[4] = 2
        var stepper = try TimeStepper(system: Diffusion(), t0: 0, y0: initial)
        _ = try stepper.step(to: 1000) // slowest mode decays as exp(−t·(π/20)²) ≈ exp(−t/40)
        let total = stepper.y.reduce(0, +)
        assertClose(total, 3, relative: 1e-12, "conserved total")
        // Long time: uniform.
        for value in stepper.y { assertClose(value, 3.0 / 20, relative: 1e-3, "equilibrium") }
    }

    func testAlgebraicComponentFollowsConstraint() throws {
        var stepper = try TimeStepper(system: AlgebraicPair(), t0: 0, y0: [1, 2])
        _ = try stepper.step(to: 1)
        assertClose(stepper.y[0], Double.exp(-1), relative: 1e-4, "differential part")
        assertClose(stepper.y[1], 2 * stepper.y[0], relative: 1e-9, "algebraic part")
    }

    func testErrorsAreThrownNotTrapped() throws {
        var stepper = try TimeStepper(system: Failing(), t0: 0, y0: [0])
        XCTAssertThrowsError(try stepper.step(to: 1)) { error in
            guard case .nonConvergence(let t, _, _) = error as? TimeSteppingError else { return XCTFail("\(error)") }
            XCTAssertLessThanOrEqual(t, 0.5)
        }
        XCTAssertLessThanOrEqual(stepper.t, 0.5, "state left at the last accepted step")
        XCTAssertThrowsError(try stepper.step(to: -1)) {
            guard case .invalidTarget = $0 as? TimeSteppingError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try TimeStepper(system: Failing(), t0: 0, y0: [0, 1])) {
            XCTAssertEqual($0 as? TimeSteppingError, .dimensionMismatch(expected: 1, given: 2))
        }
        var options = TimeStepperOptions()
        options.maxSteps = 3
        options.maxStep = 1e-3
        var limited = try TimeStepper(system: Diffusion(), t0: 0, y0: [Double](repeating: 1, count: 20), options: options)
        XCTAssertThrowsError(try limited.step(to: 1)) {
            guard case .tooManySteps = $0 as? TimeSteppingError else { return XCTFail("\($0)") }
        }
    }
}
