import CellNumerics
import Foundation
import XCTest
@testable import CellData

/// Access to the files under Fixtures/ (copied from shared/data/eis-samples with their notice).
enum Fixture {
    struct Missing: Error { let name: String }

    static func url(_ relativePath: String) throws -> URL {
        guard let root = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            throw Missing(name: "Fixtures")
        }
        let url = root.appendingPathComponent(relativePath)
        guard FileManager.default.fileExists(atPath: url.path) else { throw Missing(name: relativePath) }
        return url
    }

    /// Bytes of an instrument sample, e.g. `sample("exampleDataGamry.DTA")`.
    static func sample(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url("eis-samples/" + name)))
    }

    /// Every instrument sample that holds a spectrum (all but the MissingFreq file).
    static let readableSamples = [
        "Circuit1_EIS_1.z", "Circuit1_EIS_2.z", "Circuit2_EIS_1.z", "Circuit2_EIS_2.z",
        "Circuit3_EIS_1.z", "Circuit3_EIS_2.z", "exampleData.csv", "exampleDataAutolab.txt",
        "exampleDataBioLogic.mpt", "exampleDataCHInstruments.txt", "exampleDataGamry.DTA",
        "exampleDataGamryABORT.DTA", "exampleDataParstat.txt", "exampleDataPowersuite.txt",
        "exampleDataVersaStudio.par", "exampleDataZPlot.z", "exampleDataZPlot_noComments.z",
    ]
}

/// Asserts |observed − expected| ≤ tolerance·max(|expected|, tiny), printing expected, observed
/// and the relative error on failure.
func assertClose(_ observed: Double, _ expected: Double, relative tolerance: Double = 1e-12,
                 _ label: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line) {
    let scale = max(abs(expected), Double.leastNormalMagnitude)
    let error = abs(observed - expected) / scale
    XCTAssert(error <= tolerance,
              "\(label()): expected \(expected), observed \(observed), relative error \(error) > \(tolerance)",
              file: file, line: line)
}

/// Parses the given bytes as EIS, failing the test (and returning nil) on error.
func parseEIS(_ bytes: [UInt8], _ name: String, file: StaticString = #filePath, line: UInt = #line) -> EISData? {
    do {
        return try EISFileReader.parse(data: bytes, fileName: name)
    } catch {
        XCTFail("\(name): unexpected error \(error)", file: file, line: line)
        return nil
    }
}

/// The error `body` throws as a `DataError`, failing the test when it throws nothing or
/// something else.
func dataError<T>(_ body: () throws -> T, file: StaticString = #filePath, line: UInt = #line) -> DataError? {
    do {
        let value = try body()
        XCTFail("expected a DataError, got \(value)", file: file, line: line)
    } catch let error as DataError {
        return error
    } catch {
        XCTFail("expected a DataError, got \(error)", file: file, line: line)
    }
    return nil
}

extension Array where Element == UInt8 {
    init(text: String) { self = Array(text.utf8) }
}
