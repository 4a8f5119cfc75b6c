import XCTest
@testable import CellUnits

/// Relative-tolerance comparison that prints expected, observed and relative error on failure.
func assertClose(_ observed: Double, _ expected: Double, relative tolerance: Double = 1e-12,
                 _ label: String = "", file: StaticString = #filePath, line: UInt = #line) {
    let scale = max(abs(expected), Double.leastNormalMagnitude)
    let error = abs(observed - expected) / scale
    XCTAssertTrue(error <= tolerance,
                  "\(label) expected \(expected), observed \(observed), relative error \(error)",
                  file: file, line: line)
}

/// Asserts that `body` throws a `UnitError` with the given text, and returns it.
@discardableResult
func assertUnitError<T>(_ text: String, file: StaticString = #filePath, line: UInt = #line,
                        _ body: () throws -> T) -> UnitError? {
    do {
        let value = try body()
        XCTFail("expected error `\(text)`, got \(value)", file: file, line: line)
    } catch let error as UnitError {
        XCTAssertEqual(error.text, text, file: file, line: line)
        return error
    } catch {
        XCTFail("unexpected error type \(error)", file: file, line: line)
    }
    return nil
}

/// A quantity from text, failing the test (not crashing) when it does not parse.
func q(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Quantity {
    do {
        return try Quantity.parse(text)
    } catch {
        XCTFail("`\(text)` did not parse: \(error)", file: file, line: line)
        return Quantity.number(.nan)
    }
}

// Foundation also declares `Unit` and `Dimension` (the Measurement API); declarations in this
// module win over both imports, which is how any client of CellUnits that imports Foundation
// can keep writing the short names.
typealias Dimension = CellUnits.Dimension
typealias Unit = CellUnits.Unit
