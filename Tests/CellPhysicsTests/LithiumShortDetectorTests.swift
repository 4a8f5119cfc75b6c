import XCTest
@testable import CellPhysics

/// Short detection on synthetic traces, as on measured files (PHYSICS.md §5).
final class LithiumShortDetectorTests: XCTestCase {
    /// Deterministic noise in [−1, 1] (a linear congruential generator).
    struct Noise {
        var state: UInt64 = 0x1234_5678
        mutating func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) * 2 - 1
        }
    }

    /// Symmetric cycling: ±I for `perStep` samples each, |V| = base; `modify` edits samples.
    func trace(steps: Int = 10, perStep: Int = 30, base: Double = 0.05, noise: Double = 0,
               modify: (Int, inout Double) -> Void = { _, _ in }) -> (t: [Double], v: [Double], i: [Double]) {
        var generator = Noise()
        var t: [Double] = [], v: [Double] = [], i: [Double] = []
        for step in 0..<steps {
            let sign: Double = step % 2 == 0 ? 1 : -1
            for k in 0..<perStep {
                let index = t.count
                t.append(Double(index) * 20)
                var value = sign * base * (1 + noise * generator.next())
                modify(index, &value)
                v.append(value)
                i.append(sign * 1e-4 * (1 + 1e-3 * generator.next()))
                _ = k
            }
        }
        return (t, v, i)
    }

    func testCleanAndNoisyTracesHaveNoShort() throws {
        let clean = trace()
        XCTAssertNil(try ShortDetector.detect(time: clean.t, voltage: clean.v, current: clean.i))
        let noisy = trace(noise: 0.15)
        XCTAssertNil(try ShortDetector.detect(time: noisy.t, voltage: noisy.v, current: noisy.i), "±15 % noise is not a short")
    }

    func testCollapseBelowFiveMillivoltsIsAHardShort() throws {
        let shorted = trace(noise: 0.05) { index, v in if index >= 140 { v *= 0.02 } }
        let hit = try XCTUnwrap(ShortDetector.detect(time: shorted.t, voltage: shorted.v, current: shorted.i))
        XCTAssertEqual(hit.kind, .hard)
        XCTAssertEqual(hit.index, 140)
        XCTAssertEqual(hit.time, 2800, accuracy: 1e-12)
    }

    func testHalvingWithinAStepIsAHardShortAboveTheFloor() throws {
        // 50 mV → 20 mV inside the fifth step (samples 120...149); both above 5 mV.
        let partial = trace { index, v in if index >= 135 { v *= 0.4 } }
        let hit = try XCTUnwrap(ShortDetector.detect(time: partial.t, voltage: partial.v, current: partial.i))
        XCTAssertEqual(hit.kind, .hard)
        XCTAssertEqual(hit.index, 135)
        XCTAssertTrue(hit.reason.contains("50 %"), hit.reason)
    }

    func testRecoveredDipsAreASoftShortAndOneGlitchIsNot() throws {
        let soft = trace(noise: 0.05) { index, v in if index == 75 || index == 200 { v *= 0.1 } }
        let hit = try XCTUnwrap(ShortDetector.detect(time: soft.t, voltage: soft.v, current: soft.i))
        XCTAssertEqual(hit.kind, .soft)
        XCTAssertEqual(hit.index, 75)
        let glitch = trace(noise: 0.05) { index, v in if index == 75 { v *= 0.1 } }
        XCTAssertNil(try ShortDetector.detect(time: glitch.t, voltage: glitch.v, current: glitch.i))
    }

    func testWithoutCurrentColumnTheVoltageSignSplitsSteps() throws {
        let shorted = trace { index, v in if index >= 140 { v *= 0.02 } }
        let hit = try XCTUnwrap(ShortDetector.detect(time: shorted.t, voltage: shorted.v, current: nil))
        XCTAssertEqual(hit.index, 140)
        let clean = trace(noise: 0.1)
        XCTAssertNil(try ShortDetector.detect(time: clean.t, voltage: clean.v, current: nil))
    }

    func testRestsAndTheSwitchSampleAreIgnored() throws {
        // A rest at zero current (V relaxes to 0) between steps is not a short.
        var t: [Double] = [], v: [Double] = [], i: [Double] = []
        for k in 0..<90 {
            t.append(Double(k))
            let phase = k / 30
            i.append(phase == 1 ? 0 : 1e-4)
            v.append(phase == 1 ? 0.0001 : 0.05)
        }
        XCTAssertNil(try ShortDetector.detect(time: t, voltage: v, current: i))
    }

    func testMismatchedLengthsThrow() {
        XCTAssertThrowsError(try ShortDetector.detect(time: [0, 1], voltage: [0.1], current: nil)) { error in
            guard case ModelError.outOfRange = error else { return XCTFail("expected outOfRange, got \(error)") }
        }
    }
}
