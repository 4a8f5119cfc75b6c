import Foundation
import XCTest
@testable import CellData

/// Every sample against the values the impedance.py 1.7.1 readers produce (Fixtures/reference,
/// `frequency,Z',Z''` with Python's shortest round-trip floats): an independent implementation
/// of the same formats, so every point, not just the first and last, is checked.
final class ReferenceTests: XCTestCase {
    func testEverySampleMatchesImpedancePyReference() throws {
        for name in Fixture.readableSamples where name != "exampleDataZPlot_noComments.z" {
            let referenceText = try String(contentsOf: Fixture.url("reference/\(name).csv"), encoding: .utf8)
            let reference = referenceText.split(separator: "\n").map { $0.split(separator: ",").compactMap { Double($0) } }
            guard let data = parseEIS(try Fixture.sample(name), name) else { continue }
            XCTAssertEqual(data.spectrum.count, reference.count, "\(name): point count")
            for (index, row) in reference.enumerated() where index < data.spectrum.count {
                guard row.count == 3 else { return XCTFail("\(name).csv row \(index + 1) is not 3 numbers") }
                assertClose(data.spectrum.frequencies[index], row[0], "\(name) point \(index) frequency")
                assertClose(data.spectrum.impedance[index].real, row[1], "\(name) point \(index) Z'")
                assertClose(data.spectrum.impedance[index].imaginary, row[2], "\(name) point \(index) Z''")
            }
        }
    }
}
