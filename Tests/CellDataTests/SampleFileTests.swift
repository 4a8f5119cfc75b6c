import XCTest
@testable import CellData

/// Every instrument sample: layout, instrument, point count, and the first and last points as
/// written in the file text (BioLogic's `-Im(Z)` flipped to Z'').
final class SampleFileTests: XCTestCase {
    struct Expectation {
        let name: String
        let format: String
        let instrument: String?
        let count: Int
        /// (frequency Hz, Z' ohm, Z'' ohm) of the first and the last data row.
        let first: (Double, Double, Double)
        let last: (Double, Double, Double)
        let warnings: [String]
    }

    static let expectations: [Expectation] = [
        .init(name: "exampleData.csv", format: "delimited text", instrument: nil, count: 66,
              first: (3.162299999999999833e-03, 4.949989776405060160e-02, -2.043869854441892481e-02),
              last: (1.000000000000000000e+04, 1.577148266048593317e-02, 1.015747456493823649e-02),
              warnings: ["no header: columns read as frequency (Hz), Z' (ohm), Z'' (ohm, negative for capacitive)"]),
        .init(name: "exampleDataAutolab.txt", format: "Autolab .txt (ZView Z60W)", instrument: nil, count: 41,
              first: (10000, 0.013785863964281, 0.007191946305823),
              last: (0.1, 0.0345697771923854, -0.00390292888845954), warnings: []),
        .init(name: "exampleDataBioLogic.mpt", format: "BioLogic .mpt", instrument: "SP-150", count: 43,
              first: (1.0003201E+003, 6.5470886E+001, -3.8998979E-001),
              last: (1.6895540E-002, 1.1097003E+002, -2.3458567E+000), warnings: []),
        .init(name: "exampleDataCHInstruments.txt", format: "CH Instruments .txt", instrument: "CHI660E", count: 73,
              first: (9.961e+4, 9.891e+1, -2.748e+0), last: (1.000e-1, 5.685e+3, -1.586e+4), warnings: []),
        .init(name: "exampleDataGamry.DTA", format: "Gamry .DTA", instrument: "REF3000-34128", count: 72,
              first: (200015.6, 825.8584, -1367.239), last: (0.0158898, 17007.49, -6635.557), warnings: []),
        .init(name: "exampleDataGamryABORT.DTA", format: "Gamry .DTA", instrument: "REF600P-36072", count: 72,
              first: (200015.6, 825.8584, -1367.239), last: (0.0158898, 17007.49, -6635.557),
              warnings: ["experiment was aborted: the sweep stopped after 72 points (lowest frequency 0.0158898 Hz)"]),
        .init(name: "exampleDataParstat.txt", format: "Parstat .txt", instrument: nil, count: 31,
              first: (10000, -0.00049816280376104, 0.0175143479976367),
              last: (10, 0.0270946491457229, -0.00399791080333837),
              warnings: ["skipped 781 rows with frequency 0 and zero impedance (dc steps of the experiment)"]),
        .init(name: "exampleDataPowersuite.txt", format: "PowerSuite .txt", instrument: nil, count: 30,
              first: (0.1, 423929.46, -49014.063), last: (2000000, -470.54113, -1397.7358), warnings: []),
        .init(name: "exampleDataVersaStudio.par", format: "VersaStudio .par", instrument: "VersaSTAT4", count: 61,
              first: (100000, 55.31571, 4.575431), last: (0.02154435, 1516.313, -122.8279), warnings: []),
        .init(name: "exampleDataZPlot.z", format: "ZPlot .z", instrument: nil, count: 21,
              first: (3.000000E+05, 1.4777E+02, -1.1335E+01), last: (3.000000E+03, 6.1368E+02, -1.3713E+02),
              warnings: ["line 121 announces 56 data points but the file holds 21"]),
        .init(name: "exampleDataZPlot_noComments.z", format: "ZPlot .z (ZPlotW)", instrument: nil, count: 31,
              first: (3.000000E+05, 6.4262E+02, -8.5821E+01), last: (3.000000E+02, 1.3053E+03, -1.9501E+02),
              warnings: ["line 9 announces 79 data points but the file holds 31"]),
        .init(name: "Circuit1_EIS_1.z", format: "ZPlot .z", instrument: nil, count: 48,
              first: (5.000000E+04, 2.9036E+01, 6.3662E-01), last: (1.000000E+00, 7.5803E+01, -1.6244E-01),
              warnings: []),
        .init(name: "Circuit1_EIS_2.z", format: "ZPlot .z", instrument: nil, count: 48,
              first: (50000, 29.001, 0.5992), last: (1, 75.82, -0.17374), warnings: []),
        .init(name: "Circuit2_EIS_1.z", format: "ZPlot .z", instrument: nil, count: 56,
              first: (300000, 147.77, -11.335), last: (1, 654.19, 0.64271), warnings: []),
        .init(name: "Circuit2_EIS_2.z", format: "ZPlot .z", instrument: nil, count: 56,
              first: (300000, 147.68, -11.662), last: (1, 652.44, -2.118), warnings: []),
        .init(name: "Circuit3_EIS_1.z", format: "ZPlot .z", instrument: nil, count: 53,
              first: (150000, 1493.7, 10.377), last: (1, 6137.5, 17.89), warnings: []),
        .init(name: "Circuit3_EIS_2.z", format: "ZPlot .z", instrument: nil, count: 53,
              first: (150000, 1492.0, 11.789), last: (1, 6138.2, -10.151), warnings: []),
    ]

    func testEverySampleIsCovered() {
        XCTAssertEqual(Set(Self.expectations.map(\.name)), Set(Fixture.readableSamples))
    }

    func testEverySampleReadsWithItsLayoutCountAndEndPoints() throws {
        for expected in Self.expectations {
            guard let data = parseEIS(try Fixture.sample(expected.name), expected.name) else { continue }
            check(data, expected, label: expected.name)
        }
    }

    /// Detection is by content: the same bytes named `.txt`, or with no extension, give the
    /// same result.
    func testContentDetectionIgnoresTheExtension() throws {
        for expected in Self.expectations {
            let bytes = try Fixture.sample(expected.name)
            for fileName in ["renamed.txt", "no_extension", "wrong.mpr", "wrong.DTA"] {
                guard let data = parseEIS(bytes, fileName) else { continue }
                check(data, expected, label: "\(expected.name) as \(fileName)")
            }
        }
    }

    func testReadPathMatchesParse() throws {
        let url = try Fixture.url("eis-samples/exampleDataGamry.DTA")
        let fromPath = try EISFileReader.read(path: url.path)
        let fromBytes = try EISFileReader.parse(data: Fixture.sample("exampleDataGamry.DTA"), fileName: "x.DTA")
        XCTAssertEqual(fromPath, fromBytes)
        XCTAssertEqual(fromPath.lineCount, 520)
    }

    func testMissingFrequencyColumnIsNamedWithItsHeaderLine() throws {
        let bytes = try Fixture.sample("exampleDataBioLogic_MissingFreq.mpt")
        let error = dataError { try EISFileReader.parse(data: bytes, fileName: "exampleDataBioLogic_MissingFreq.mpt") }
        XCTAssertEqual(error, .missingColumn(name: "freq/Hz", line: 61))
        XCTAssertEqual(error?.text, "missing column `freq/Hz`")
        XCTAssertEqual(error?.line, 61)
        XCTAssertEqual(error?.description, "line 61: missing column `freq/Hz`")
    }

    /// The aborted Gamry file stops its ZCURVE table at `EXPERIMENTABORTED`; the points before
    /// are kept.
    func testAbortedGamryKeepsThePointsBeforeTheAbort() throws {
        let data = try EISFileReader.parse(data: Fixture.sample("exampleDataGamryABORT.DTA"), fileName: "a.DTA")
        XCTAssertEqual(data.warnings.count, 1)
        XCTAssertTrue(data.warnings.first?.hasPrefix("experiment was aborted") ?? false)
        XCTAssertFalse(data.spectrum.frequencies.contains(20.1455), "FRACURVE rows must not be read")
    }

    private func check(_ data: EISData, _ expected: Expectation, label: String,
                       file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(data.format, expected.format, label, file: file, line: line)
        XCTAssertEqual(data.instrument, expected.instrument, label, file: file, line: line)
        XCTAssertEqual(data.warnings, expected.warnings, label, file: file, line: line)
        XCTAssertEqual(data.spectrum.count, expected.count, label, file: file, line: line)
        guard let firstZ = data.spectrum.impedance.first, let lastZ = data.spectrum.impedance.last,
              let firstF = data.spectrum.frequencies.first, let lastF = data.spectrum.frequencies.last else {
            return XCTFail("\(label): empty spectrum", file: file, line: line)
        }
        assertClose(firstF, expected.first.0, "\(label) first frequency", file: file, line: line)
        assertClose(firstZ.real, expected.first.1, "\(label) first Z'", file: file, line: line)
        assertClose(firstZ.imaginary, expected.first.2, "\(label) first Z''", file: file, line: line)
        assertClose(lastF, expected.last.0, "\(label) last frequency", file: file, line: line)
        assertClose(lastZ.real, expected.last.1, "\(label) last Z'", file: file, line: line)
        assertClose(lastZ.imaginary, expected.last.2, "\(label) last Z''", file: file, line: line)
    }
}
