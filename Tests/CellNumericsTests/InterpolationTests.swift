import RealModule
import XCTest

@testable import CellNumerics

final class InterpolationTests: XCTestCase {
    func testLinearAndCubicReproduceNodesAndLines() throws {
        let x = [0.0, 1, 2.5, 4]
        let line = x.map { 3 - 2 * $0 }
        for method in Interpolator.Method.allCases {
            let interpolator = try Interpolator(x: x, y: line, method: method)
            for (xi, yi) in zip(x, line) { assertClose(interpolator.value(at: xi), yi, relative: 1e-14, floor: 1, "\(method) node") }
            assertClose(interpolator.value(at: 1.7), 3 - 3.4, relative: 1e-12, floor: 1, "\(method) line")
            XCTAssertEqual(interpolator.value(at: -5), 3, "clamped below")
            XCTAssertEqual(interpolator.value(at: 9), -5, "clamped above")
        }
    }

    func testMonotoneCubicDoesNotOvershoot() throws {
        // A step-like monotone table (an OCV plateau edge): values must stay within [0, 1] and monotone.
        let x = [0.0, 1, 2, 3, 4, 5]
        let y = [0.0, 0, 0.01, 0.99, 1, 1]
        let interpolator = try Interpolator(x: x, y: y)
        var previous = -Double.infinity
        for k in 0...500 {
            let value = interpolator.value(at: 5 * Double(k) / 500)
            XCTAssertGreaterThanOrEqual(value, previous - 1e-15)
            XCTAssertGreaterThanOrEqual(value, -1e-15)
            XCTAssertLessThanOrEqual(value, 1 + 1e-15)
            previous = value
        }
        // Smooth data: cubic is far closer than linear.
        let grid = (0...10).map { Double($0) / 10 }
        let cubic = try Interpolator(x: grid, y: grid.map { Double.sin($0) })
        assertClose(cubic.value(at: 0.55), Double.sin(0.55), relative: 1e-4, "sin")
    }

    func testErrors() {
        XCTAssertThrowsError(try Interpolator(x: [0], y: [1])) { XCTAssertEqual($0 as? InterpolationError, .tooFewPoints(1)) }
        XCTAssertThrowsError(try Interpolator(x: [0, 0], y: [1, 2])) { XCTAssertEqual($0 as? InterpolationError, .notIncreasing(index: 1)) }
        XCTAssertThrowsError(try Interpolator(x: [0, 1], y: [1])) { XCTAssertEqual($0 as? InterpolationError, .lengthMismatch(x: 2, y: 1)) }
        XCTAssertThrowsError(try Interpolator(x: [0, .nan], y: [1, 2])) { XCTAssertEqual($0 as? InterpolationError, .nonFinite(index: 1)) }
    }
}
