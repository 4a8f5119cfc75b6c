import Foundation
import XCTest
@testable import CellData

/// The BioLogic .mpr reader on files made by `MPRWriter`, including the committed fixture
/// `Fixtures/synthetic_eis.mpr` (re-record with `RECORD_FIXTURES=1`; it was cross-checked with
/// galvani 0.5.0's `MPRfile`, which reads the same 25 points).
final class MPRTests: XCTestCase {
    private func fixtureWriter() -> MPRWriter {
        MPRWriter(headerStyle: .v1, layout: .version2, columns: RandlesOracle.eisColumns())
    }

    func testCommittedFixtureMatchesWriter() throws {
        let written = fixtureWriter().bytes()
        if ProcessInfo.processInfo.environment["RECORD_FIXTURES"] == "1" {
            let target = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("Fixtures/synthetic_eis.mpr")
            try Data(written).write(to: target)
        }
        let committed = [UInt8](try Data(contentsOf: Fixture.url("synthetic_eis.mpr")))
        XCTAssertTrue(committed == written, "Fixtures/synthetic_eis.mpr (\(committed.count) bytes) differs from MPRWriter output (\(written.count) bytes)")
        let data = try EISFileReader.read(path: Fixture.url("synthetic_eis.mpr").path)
        XCTAssertEqual(data.format, "BioLogic .mpr")
        XCTAssertEqual(data.spectrum.count, 25)
        XCTAssertNil(data.lineCount)
    }

    func testEveryLayoutReadsTheStoredFloat32Values() throws {
        let layouts: [MPRWriter.DataLayout] = [.version0Short, .version0Long, .version2, .version3]
        for style in [MPRWriter.HeaderStyle.v1, .v2] {
            for layout in layouts {
                let writer = MPRWriter(headerStyle: style, layout: layout, columns: RandlesOracle.eisColumns())
                let data = try EISFileReader.parse(data: writer.bytes(), fileName: "run.mpr")
                XCTAssertEqual(data.spectrum.count, RandlesOracle.frequencies.count, "\(style) \(layout)")
                XCTAssertEqual(data.warnings, [], "\(style) \(layout)")
                for (index, frequency) in RandlesOracle.frequencies.enumerated() where index < data.spectrum.count {
                    let z = RandlesOracle.impedance(frequency)
                    // Stored as float32: the reader must return exactly the rounded value …
                    XCTAssertEqual(data.spectrum.frequencies[index], Double(Float(frequency)))
                    XCTAssertEqual(data.spectrum.impedance[index].real, Double(Float(z.real)))
                    XCTAssertEqual(data.spectrum.impedance[index].imaginary, -Double(Float(-z.imaginary)))
                    // … which is the analytic impedance to float32 precision, Z'' negative.
                    assertClose(data.spectrum.impedance[index].real, z.real, relative: 1e-6, "Z' at \(frequency) Hz")
                    assertClose(data.spectrum.impedance[index].imaginary, z.imaginary, relative: 1e-6,
                                "Z'' at \(frequency) Hz")
                    XCTAssertLessThan(data.spectrum.impedance[index].imaginary, 0)
                }
            }
        }
    }

    func testModulusAndPhaseAreUsedWhenReAndImAreAbsent() throws {
        let columns = RandlesOracle.eisColumns().filter { $0.id != 37 && $0.id != 38 }
        let data = try EISFileReader.parse(data: MPRWriter(columns: columns).bytes(), fileName: "polar.mpr")
        for (index, frequency) in RandlesOracle.frequencies.enumerated() where index < data.spectrum.count {
            let z = RandlesOracle.impedance(frequency)
            assertClose(data.spectrum.impedance[index].real, z.real, relative: 1e-5, "Z' from |Z|, phase")
            assertClose(data.spectrum.impedance[index].imaginary, z.imaginary, relative: 1e-5, "Z'' from |Z|, phase")
        }
    }

    func testMissingFrequencyColumnIsNamed() {
        let columns = RandlesOracle.eisColumns().filter { $0.id != 32 }
        let error = dataError { try EISFileReader.parse(data: MPRWriter(columns: columns).bytes(), fileName: "x.mpr") }
        XCTAssertEqual(error, .missingColumn(name: "freq/Hz", line: nil))
        XCTAssertEqual(error?.text, "missing column `freq/Hz`")
    }

    func testMissingImpedanceColumnIsNamed() {
        let columns = RandlesOracle.eisColumns().filter { [1, 3, 32, 4].contains($0.id) }
        let error = dataError { try EISFileReader.parse(data: MPRWriter(columns: columns).bytes(), fileName: "x.mpr") }
        XCTAssertEqual(error, .missingColumn(name: "Re(Z)/Ohm", line: nil))
    }

    func testEveryTruncationThrowsCorruptOrUnknown() {
        let bytes = fixtureWriter().bytes()
        for length in 0..<bytes.count {
            let error = dataError { try EISFileReader.parse(data: Array(bytes.prefix(length)), fileName: "cut.mpr") }
            if length >= MPRFile.signatureText.utf8.count {
                guard case .corrupt = error else {
                    XCTFail("prefix of \(length) bytes: expected corrupt, got \(String(describing: error))")
                    return
                }
            }
        }
    }

    func testRecordCountBeyondDataIsCorrupt() {
        var bytes = fixtureWriter().bytes()
        // The point count is the first u32 of the `VMP data` module data.
        guard let dataModule = findModule(bytes, named: "VMP data") else { return XCTFail("no data module") }
        let countOffset = dataModule + 6 + 51
        bytes[countOffset] = 200
        let error = dataError { try EISFileReader.parse(data: bytes, fileName: "x.mpr") }
        XCTAssertEqual(error, .corrupt(reason: "`VMP data` announces 200 records but holds 25",
                                       offset: countOffset + 405))
        XCTAssertEqual(error?.offset, countOffset + 405)
    }

    func testUnknownColumnIDIsCorrupt() {
        var columns = RandlesOracle.eisColumns()
        columns.append((999, RandlesOracle.frequencies))
        let error = dataError { try EISFileReader.parse(data: MPRWriter(columns: columns).bytes(), fileName: "x.mpr") }
        guard case .corrupt(let reason, _) = error else { return XCTFail("expected corrupt, got \(String(describing: error))") }
        XCTAssertTrue(reason.contains("unknown column id 999"), reason)
    }

    func testModuleLengthPastEndIsCorrupt() {
        var bytes = fixtureWriter().bytes()
        guard let dataModule = findModule(bytes, named: "VMP data") else { return XCTFail("no data module") }
        bytes[dataModule + 6 + 35 + 3] = 0x7F   // length's high byte: about 2 GB
        guard case .corrupt(let reason, _) = dataError({ try EISFileReader.parse(data: bytes, fileName: "x.mpr") }) else {
            return XCTFail("expected corrupt")
        }
        XCTAssertTrue(reason.hasPrefix("module `VMP data` announces"), reason)
    }

    func testUnsupportedDataVersionIsCorrupt() {
        var bytes = fixtureWriter().bytes()
        guard let dataModule = findModule(bytes, named: "VMP data") else { return XCTFail("no data module") }
        bytes[dataModule + 6 + 39] = 7
        let error = dataError { try EISFileReader.parse(data: bytes, fileName: "x.mpr") }
        guard case .corrupt(let reason, _) = error else { return XCTFail("expected corrupt") }
        XCTAssertEqual(reason, "unsupported `VMP data` module version 7")
    }

    func testDamagedSignatureIsCorrupt() {
        var bytes = fixtureWriter().bytes()
        bytes[30] = 0x41
        XCTAssertEqual(dataError { try EISFileReader.parse(data: bytes, fileName: "x.mpr") },
                       .corrupt(reason: "damaged `BIO-LOGIC MODULAR FILE` signature", offset: 30))
    }

    func testBinaryWithoutSignatureNamedMprIsCorrupt() {
        let bytes: [UInt8] = [0, 1, 2, 3, 0xFF, 0x10]
        XCTAssertEqual(dataError { try EISFileReader.parse(data: bytes, fileName: "x.mpr") },
                       .corrupt(reason: "missing `BIO-LOGIC MODULAR FILE` signature", offset: 0))
    }

    func testNonPositiveFrequencyRecordIsCorrupt() {
        var columns = RandlesOracle.eisColumns()
        if let index = columns.firstIndex(where: { $0.id == 32 }) { columns[index].values[3] = 0 }
        guard case .corrupt(let reason, _) = dataError({
            try EISFileReader.parse(data: MPRWriter(columns: columns).bytes(), fileName: "x.mpr")
        }) else { return XCTFail("expected corrupt") }
        XCTAssertEqual(reason, "record 4: frequency must be positive, found 0.0 Hz")
    }

    func testTraceFromMPR() throws {
        let times = (0..<10).map { Double($0) * 2.5 }
        let columns: [(id: Int, values: [Double])] = [
            (1, times.map { _ in 1 }), (4, times), (6, times.map { 3.5 + 0.01 * $0 }), (8, times.map { _ in 0.5 }),
        ]
        let trace = try TraceReader.parse(data: MPRWriter(columns: columns).bytes(), fileName: "gcpl.mpr")
        XCTAssertEqual(trace.format, "BioLogic .mpr")
        XCTAssertEqual(trace.time, times)
        for (index, time) in times.enumerated() {
            assertClose(trace.voltage[index], 3.5 + 0.01 * time, relative: 1e-7, "voltage")
            assertClose(trace.current?[index] ?? .nan, 0.5e-3, relative: 1e-12, "current in A from mA")
        }
    }

    /// Offset of `MODULE` for the module with `name`, or nil.
    private func findModule(_ bytes: [UInt8], named name: String) -> Int? {
        let marker = Array("MODULE".utf8), wanted = Array(name.utf8)
        var offset = 0
        while offset + 16 + wanted.count <= bytes.count {
            if Array(bytes[offset..<offset + 6]) == marker,
               Array(bytes[(offset + 6)..<(offset + 6 + wanted.count)]) == wanted {
                return offset
            }
            offset += 1
        }
        return nil
    }
}
