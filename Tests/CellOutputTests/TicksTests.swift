import XCTest
@testable import CellOutput

final class TicksTests: XCTestCase {
    func testNiceStepsAreOneTwoFive() {
        let cases: [(span: Double, count: Int, step: Double)] = [
            (10, 5, 2), (1, 5, 0.2), (150, 6, 20), (7e6, 7, 1e6), (0.0042, 4, 0.001), (3, 3, 1),
        ]
        for c in cases {
            let step = Ticks.niceStep(span: c.span, targetCount: c.count)
            XCTAssertEqual(step, c.step, accuracy: c.step * 1e-12, "span \(c.span), \(c.count) ticks: expected \(c.step), observed \(step)")
        }
        XCTAssertEqual(Ticks.niceStep(span: 0), 1)
        XCTAssertEqual(Ticks.niceStep(span: .nan), 1)
    }

    func testLinearTicksWidenToWholeSteps() {
        XCTAssertEqual(Ticks.linear(from: 0, to: 10, targetCount: 5).major, [0, 2, 4, 6, 8, 10])
        let fractional = Ticks.linear(from: 0.13, to: 0.87, targetCount: 4)
        XCTAssertEqual(fractional.major, [0, 0.2, 0.4, 0.6, 0.8, 1], "multiples are cleaned of binary noise")
        let negative = Ticks.linear(from: -3.2, to: 7.9, targetCount: 5)
        XCTAssertEqual(negative.major, [-4, -2, 0, 2, 4, 6, 8])
        XCTAssertEqual(negative.lower, -4)
        XCTAssertEqual(negative.upper, 8)
        XCTAssertFalse(negative.major.contains { $0 == 0 && $0.sign == .minus }, "no -0 tick")
    }

    func testDegenerateAndNonFiniteRanges() {
        let single = Ticks.linear(from: 5, to: 5)
        XCTAssertLessThan(single.lower, 5)
        XCTAssertGreaterThan(single.upper, 5)
        XCTAssertFalse(single.major.isEmpty)
        let zero = Ticks.linear(from: 0, to: 0)
        XCTAssertEqual(zero.lower, -1)
        XCTAssertEqual(zero.upper, 1)
        let bad = Ticks.linear(from: .nan, to: 3)
        XCTAssertEqual(bad.lower, 0)
        XCTAssertEqual(bad.upper, 1)
    }

    func testIntegerTicksForCycles() {
        XCTAssertEqual(Ticks.linear(from: 1, to: 3, targetCount: 6, integerOnly: true).major, [1, 2, 3])
        XCTAssertEqual(Ticks.linear(within: 0, 51.5, targetCount: 6, integerOnly: true).major, [0, 10, 20, 30, 40, 50])
    }

    func testLogTicksAreDecades() {
        let narrow = Ticks.logarithmic(from: 2, to: 800)
        XCTAssertEqual(narrow.major, [1, 10, 100, 1000])
        XCTAssertEqual(narrow.minor.count, 24, "2…9 in each of three decades")
        XCTAssertEqual(narrow.minor.first, 2)
        let wide = Ticks.logarithmic(from: 0.1, to: 7e6)
        XCTAssertEqual(wide.lower, 0.1, accuracy: 1e-15)
        XCTAssertEqual(wide.upper, 1e7)
        XCTAssertEqual(wide.step, 2, "eight decades: every second one labelled")
        XCTAssertEqual(wide.major.count, 5)
        XCTAssertEqual(Ticks.logarithmic(from: 10, to: 10).major, [1, 10, 100])
        XCTAssertEqual(Ticks.logarithmic(from: -1, to: 5).major, [1, 10], "non-positive input falls back to 1…10")
    }

    func testLabels() {
        XCTAssertEqual(Ticks.label(0.30000000000000004, step: 0.1), "0.3")
        XCTAssertEqual(Ticks.label(-2, step: 1), "\u{2212}2")
        XCTAssertEqual(Ticks.label(-0.0001, step: 0.1), "0.0", "never −0")
        XCTAssertEqual(Ticks.label(1.25, step: 0.25), "1.25")
        XCTAssertEqual(Ticks.label(2000, step: 500), "2000")
        XCTAssertEqual(Ticks.decadeLabel(-3), "10⁻³")
        XCTAssertEqual(Ticks.decadeLabel(0), "10⁰")
        XCTAssertEqual(Ticks.decadeLabel(12), "10¹²")
    }

    func testLargeValuesGetACommonFactor() {
        let axis = ResolvedAxis.labelled(label: "x", scale: .linear, ticks: Ticks.linear(from: 0, to: 4e5, targetCount: 4))
        XCTAssertEqual(axis.multiplier, "×10⁵")
        XCTAssertEqual(axis.tickLabels, ["0", "1", "2", "3", "4"])
        let small = ResolvedAxis.labelled(label: "x", scale: .linear, ticks: Ticks.linear(from: 0, to: 4e-4, targetCount: 4))
        XCTAssertEqual(small.multiplier, "×10⁻⁴")
    }
}
