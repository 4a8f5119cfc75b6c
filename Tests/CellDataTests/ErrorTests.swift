import Foundation
import XCTest
@testable import CellData

/// Each `DataError` case, with its line and its text as the runtime prints it.
final class ErrorTests: XCTestCase {
    private func eisError(_ text: String, _ name: String = "data.csv",
                          file: StaticString = #filePath, line: UInt = #line) -> DataError? {
        dataError({ try EISFileReader.parse(data: [UInt8](text: text), fileName: name) }, file: file, line: line)
    }

    func testUnreadable() throws {
        XCTAssertEqual(dataError { try EISFileReader.read(path: "/nonexistent/dir/x.csv") },
                       .unreadable(path: "/nonexistent/dir/x.csv", reason: "no such file"))
        let directory = NSTemporaryDirectory()
        XCTAssertEqual(dataError { try EISFileReader.read(path: directory) },
                       .unreadable(path: directory, reason: "is a directory"))
        XCTAssertEqual(dataError { try TraceReader.read(path: "/nonexistent.csv") }?.text,
                       "cannot read `/nonexistent.csv`: no such file")
    }

    func testEmpty() {
        XCTAssertEqual(eisError(""), .empty)
        XCTAssertEqual(eisError(" \n\r\n\t\n"), .empty)
        XCTAssertEqual(eisError("# only a comment\n"), .empty)
        XCTAssertEqual(dataError { try TraceReader.parse(data: [], fileName: "t.csv") }, .empty)
        XCTAssertEqual(DataError.empty.text, "file is empty")
    }

    func testUnknownFormatListsWhatWasTried() {
        let error = eisError("hello world\nthis is prose\n")
        XCTAssertEqual(error, .unknownFormat(tried: EISFileReader.formatNames))
        let text = error?.text ?? ""
        for name in ["BioLogic .mpr", "BioLogic .mpt", "Gamry .DTA", "ZPlot .z", "CH Instruments .txt",
                     "VersaStudio .par", "Parstat .txt", "PowerSuite .txt", "delimited text"] {
            XCTAssertTrue(text.contains(name), "\(name) missing from: \(text)")
        }
        XCTAssertEqual(dataError { try EISFileReader.parse(data: [0, 1, 2, 200, 0], fileName: "x.bin") },
                       .unknownFormat(tried: EISFileReader.formatNames))
    }

    func testMissingColumn() {
        let error = eisError("freq,Zre\n1,2\n")
        XCTAssertEqual(error, .missingColumn(name: "Z''", line: 1))
        XCTAssertEqual(error?.text, "missing column `Z''`")
        XCTAssertEqual(eisError("Zre,Zim\n1,2\n"), .missingColumn(name: "frequency", line: 1))
        XCTAssertEqual(eisError("EXPLAIN\nTAG\tEISPOT\n", "x.DTA"), .missingColumn(name: "ZCURVE", line: nil))
    }

    func testNonNumericGivesLineColumnAndText() {
        let error = eisError("f,Z',Z''\n1,2,3\n\n2,abc,4\n")
        XCTAssertEqual(error, .nonNumeric(text: "abc", line: 4, column: 2))
        XCTAssertEqual(error?.line, 4)
        XCTAssertEqual(error?.text, "non-numeric value `abc` in column 2")
        XCTAssertEqual(error?.description, "line 4: non-numeric value `abc` in column 2")
        XCTAssertEqual(eisError("1,2,3\n4,5,6x\n"), .nonNumeric(text: "6x", line: 2, column: 3))
    }

    func testNonPositiveFrequency() {
        let error = eisError("1,2,3\n0,1,1\n")
        XCTAssertEqual(error, .nonPositiveFrequency(value: 0, line: 2))
        XCTAssertEqual(error?.text, "frequency must be positive, found 0.0 Hz")
        XCTAssertEqual(eisError("f,Zre,Zim\n-5,1,1\n"), .nonPositiveFrequency(value: -5, line: 2))
    }

    func testNonFinite() {
        XCTAssertEqual(eisError("1,nan,3\n"), .nonFinite(text: "nan", line: 1, column: 2))
        XCTAssertEqual(eisError("1,2,3\n1,2,1e999\n"), .nonFinite(text: "1e999", line: 2, column: 3))
        // Finite as written, infinite once scaled from MHz to Hz.
        XCTAssertEqual(eisError("f (MHz),Zre,Zim\n1e303,1,1\n"), .nonFinite(text: "1e303", line: 2, column: 1))
        XCTAssertEqual(DataError.nonFinite(text: "inf", line: 3, column: 1).text, "non-finite value `inf` in column 1")
    }

    func testInconsistentRowLength() {
        let short = eisError("1,2,3\n4,5\n")
        XCTAssertEqual(short, .inconsistentRowLength(expected: 3, found: 2, line: 2))
        XCTAssertEqual(short?.text, "row has 2 fields, expected 3")
        XCTAssertEqual(eisError("f,Zre,Zim\n1,2,3\n4,5,6,7\n"), .inconsistentRowLength(expected: 3, found: 4, line: 3))
    }

    func testTooLarge() throws {
        let limit = DataLimits.maximumFileBytes
        XCTAssertEqual(limit, 64 * 1024 * 1024)
        let huge = [UInt8](repeating: 0x31, count: limit + 1)
        XCTAssertEqual(dataError { try EISFileReader.parse(data: huge, fileName: "big.csv") },
                       .tooLarge(bytes: limit + 1, limit: limit))
        XCTAssertEqual(dataError { try TraceReader.parse(data: huge, fileName: "big.csv") },
                       .tooLarge(bytes: limit + 1, limit: limit))
        // A sparse file past the limit is refused from its size, without being read whole.
        let path = NSTemporaryDirectory() + "celldata-too-large-\(getpid()).csv"
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: nil))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: UInt64(limit) + 4096)
        try handle.close()
        let error = dataError { try EISFileReader.read(path: path) }
        XCTAssertEqual(error, .tooLarge(bytes: limit + 4096, limit: limit))
        XCTAssertTrue(error?.text.hasPrefix("file is too large (67112960 bytes, limit 67108864 bytes)") ?? false)
    }

    func testUnsupportedUnit() {
        XCTAssertEqual(eisError("f (Hz),Z' (ohm cm2),Z''\n1,2,3\n"),
                       .unsupportedUnit(unit: "ohmcm2", column: "Z' (ohm cm2)", line: 1))
        XCTAssertEqual(eisError("f (rpm),Z',Z''\n1,2,3\n"), .unsupportedUnit(unit: "rpm", column: "f (rpm)", line: 1))
    }

    func testNoDataPoints() {
        XCTAssertEqual(eisError("freq,Zre,Zim\n"), .noDataPoints(format: "delimited text"))
        XCTAssertEqual(DataError.noDataPoints(format: "Gamry .DTA").text, "no data points in Gamry .DTA file")
    }

    func testMalformed() {
        XCTAssertEqual(eisError("EC-Lab ASCII FILE\nno count here\n", "x.mpt"),
                       .malformed(reason: "missing `Nb header lines` in EC-Lab header", line: nil))
        XCTAssertEqual(eisError("EC-Lab ASCII FILE\nNb header lines : 99\n", "x.mpt"),
                       .malformed(reason: "invalid `Nb header lines` value `99`", line: 2))
        XCTAssertEqual(eisError("1,2\n3,4\n"),
                       .malformed(reason: "headerless data needs 3 columns (frequency, Z', Z''), found 2", line: 1))
    }

    /// Every message is lowercase-led, without a final period, and quotes at most a clipped,
    /// printable piece of the input.
    func testMessageStyle() {
        let errors: [DataError] = [
            .unreadable(path: "a", reason: "no such file"), .empty, .unknownFormat(tried: ["x"]),
            .missingColumn(name: "freq/Hz", line: 3), .nonNumeric(text: "x", line: 1, column: 1),
            .nonPositiveFrequency(value: 0, line: 1), .nonFinite(text: "nan", line: 1, column: 1),
            .inconsistentRowLength(expected: 3, found: 2, line: 1), .tooLarge(bytes: 2, limit: 1),
            .unsupportedUnit(unit: "u", column: "c", line: 1), .noDataPoints(format: "f"),
            .corrupt(reason: "bad", offset: 0), .malformed(reason: "bad", line: nil),
        ]
        for error in errors {
            let text = error.text
            XCTAssertFalse(text.hasSuffix("."), text)
            XCTAssertEqual(text.first.map { String($0) }, text.first.map { String($0).lowercased() }, text)
        }
        let long = DataError.nonNumeric(text: String(repeating: "x", count: 100) + "\u{1}", line: 1, column: 1)
        XCTAssertEqual(long.text, "non-numeric value `\(String(repeating: "x", count: 40))…` in column 1")
        XCTAssertEqual(DataError.nonNumeric(text: "a\u{7}b", line: 1, column: 1).text,
                       "non-numeric value `a\\u{7}b` in column 1")
    }
}
