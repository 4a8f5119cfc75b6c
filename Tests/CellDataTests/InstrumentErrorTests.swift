import XCTest
@testable import CellData

/// Damage inside real instrument files is reported at the right line and column, and other
/// instruments' header spellings are recognised.
final class InstrumentErrorTests: XCTestCase {
    /// The sample with the first occurrence of `target` replaced by `replacement`.
    private func damaged(_ name: String, _ target: String, _ replacement: String) throws -> [UInt8] {
        let bytes = try Fixture.sample(name)
        let needle = Array(target.utf8)
        guard let start = (0...(bytes.count - needle.count)).first(where: { bytes[$0..<($0 + needle.count)].elementsEqual(needle) })
        else { throw Fixture.Missing(name: target) }
        return Array(bytes[..<start]) + Array(replacement.utf8) + Array(bytes[(start + needle.count)...])
    }

    func testGamryValueErrorIsPositioned() throws {
        let bytes = try damaged("exampleDataGamry.DTA", "825.8584", "825.8x84")
        XCTAssertEqual(dataError { try EISFileReader.parse(data: bytes, fileName: "g.DTA") },
                       .nonNumeric(text: "825.8x84", line: 449, column: 4))
    }

    func testBioLogicValueErrorIsPositioned() throws {
        let bytes = try damaged("exampleDataBioLogic.mpt", "1.0003201E+003", "abc")
        XCTAssertEqual(dataError { try EISFileReader.parse(data: bytes, fileName: "b.mpt") },
                       .nonNumeric(text: "abc", line: 62, column: 1))
    }

    func testParstatNegativeFrequencyIsPositioned() throws {
        let bytes = try damaged("exampleDataParstat.txt", "7639.602\t10000\t", "7639.602\t-10000\t")
        XCTAssertEqual(dataError { try EISFileReader.parse(data: bytes, fileName: "p.txt") },
                       .nonPositiveFrequency(value: -10000, line: 783))
    }

    func testZPlotShortRowIsPositioned() throws {
        let bytes = try damaged("exampleDataZPlot.z", "1.4777E+02\t-1.1335E+01", "1.4777E+02")
        XCTAssertEqual(dataError { try EISFileReader.parse(data: bytes, fileName: "z.z") },
                       .inconsistentRowLength(expected: 9, found: 8, line: 124))
    }

    func testVersaStudioWithoutImpedanceColumnsNamesThem() throws {
        let bytes = try damaged("exampleDataVersaStudio.par", "Z Real, Z Imag", "Q Real, Q Imag")
        XCTAssertEqual(dataError { try EISFileReader.parse(data: bytes, fileName: "v.par") },
                       .missingColumn(name: "Z Real", line: 116))
    }

    /// A NOVA-style CSV export: Ω and ° in the header, −Z'' and −phase columns.
    func testNovaStyleHeader() throws {
        let text = "Index;Frequency (Hz);Z' (Ω);-Z'' (Ω);Z (Ω);-Phase (°);Time (s)\n1;1000;10,5;2,5;10,8;13,4;0,1\n"
        let data = try EISFileReader.parse(data: [UInt8](text: text), fileName: "nova.txt")
        XCTAssertEqual(data.spectrum.frequencies, [1000])
        XCTAssertEqual(data.spectrum.real, [10.5])
        XCTAssertEqual(data.spectrum.imaginary, [-2.5])
    }

    /// BioLogic export without the EC-Lab header block: recognised by its column names.
    func testBioLogicColumnsWithoutHeaderBlock() throws {
        let text = "freq/Hz\tRe(Z)/Ohm\t-Im(Z)/Ohm\t|Z|/Ohm\n1,0E+003\t6,5E+001\t3,9E-001\t65\n"
        let data = try EISFileReader.parse(data: [UInt8](text: text), fileName: "export.txt")
        XCTAssertEqual(data.spectrum.frequencies, [1000])
        XCTAssertEqual(data.spectrum.real, [65])
        XCTAssertEqual(data.spectrum.imaginary, [-0.39])
    }
}
