import ComplexModule
import Foundation
import RealModule
import XCTest

@testable import CellNumerics

/// Asserts |observed − expected| ≤ tolerance·max(|expected|, floor), printing expected, observed
/// and relative error on failure.
func assertClose(
    _ observed: Double, _ expected: Double, relative tolerance: Double, floor: Double = 0,
    _ label: String = "", file: StaticString = #filePath, line: UInt = #line
) {
    let scale = max(abs(expected), floor)
    let error = abs(observed - expected) / (scale > 0 ? scale : 1)
    XCTAssert(error <= tolerance || (observed == expected),
              "\(label): expected \(expected), observed \(observed), relative error \(error) > \(tolerance)",
              file: file, line: line)
}

/// Complex version: relative to |expected|.
func assertClose(
    _ observed: Complex<Double>, _ expected: Complex<Double>, relative tolerance: Double,
    _ label: String = "", file: StaticString = #filePath, line: UInt = #line
) {
    let error = (observed - expected).length / max(expected.length, Double.leastNormalMagnitude)
    XCTAssert(error <= tolerance,
              "\(label): expected \(expected), observed \(observed), relative error \(error) > \(tolerance)",
              file: file, line: line)
}

/// Loads a JSON fixture from the test bundle.
func fixtureData(_ name: String) throws -> Data {
    guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else {
        throw XCTSkip("fixture \(name).json missing from the bundle")
    }
    return try Data(contentsOf: url)
}
