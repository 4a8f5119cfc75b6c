import ComplexModule
import Foundation
import XCTest
@testable import CellNumerics
@testable import CellOutput

final class TableEncodingTests: XCTestCase {
    func testShortestRoundTrip() {
        let cases: [(Double, String)] = [
            (1, "1"), (0.1, "0.1"), (-2.5, "-2.5"), (1e-5, "1e-5"), (1e16, "1e16"),
            (6.8e-5, "6.8e-5"), (-0.0, "-0"), (1.0 / 3.0, "0.3333333333333333"), (123456.789, "123456.789"),
        ]
        for (value, expected) in cases {
            XCTAssertEqual(NumberText.shortest(value), expected, "formatting \(value)")
        }
        for value in [0.1 + 0.2, 1.0 / 3.0, 6.02214076e23, 5e-324, .pi, 12_345.678_9e-12] {
            let text = NumberText.shortest(value)
            XCTAssertEqual(text.flatMap(Double.init), value, "round trip of \(value) via \(text ?? "nil")")
        }
        XCTAssertNil(NumberText.shortest(.nan))
        XCTAssertNil(NumberText.shortest(.infinity))
        XCTAssertNil(NumberText.shortest(-.infinity))
    }

    func testTimeSeriesHeaderIsExact() throws {
        let table = DataTable.timeSeries(time: [0, 60], voltage: [3.7, 3.8], current: [1e-4, 1e-4],
                                         capacity: [0, 1.6666666666666667e-6], temperature: [298.15, 298.15])
        XCTAssertEqual(try table.csv(), """
            time_s,voltage_V,current_A,capacity_Ah,temperature_K
            0,3.7,0.0001,0,298.15
            60,3.8,0.0001,1.6666666666666667e-6,298.15

            """)
    }

    func testSpectrumHeaderAndSignedImaginary() throws {
        let spectrum = ImpedanceSpectrum(frequencies: [1e6, 1],
                                         impedance: [Complex(10, -0.5), Complex(110, -2)])
        XCTAssertEqual(try DataTable.spectrum(spectrum).csv(), """
            frequency_Hz,Zre_ohm,Zim_ohm
            1000000,10,-0.5
            1,110,-2

            """)
    }

    func testGenericTableHeadersAndQuoting() throws {
        let table = DataTable(columns: [
            DataColumn(name: "cycle", numbers: [1, 2]),
            DataColumn(name: "discharge_capacity", unitLabel: DataColumn.unitLabel(forSymbol: "mAh/g"),
                       numbers: [140.5, 139]),
            DataColumn(name: "note", text: ["plain", "has, comma and \"quotes\""]),
        ])
        XCTAssertEqual(table.headers, ["cycle", "discharge_capacity_mAh_per_g", "note"])
        XCTAssertEqual(try table.csv(), """
            cycle,discharge_capacity_mAh_per_g,note
            1,140.5,plain
            2,139,"has, comma and ""quotes\"\"\"

            """)
    }

    func testUnitLabels() {
        let cases = [("mAh/g", "mAh_per_g"), ("ohm*cm^2", "ohm_cm2"), ("Ω·cm²", "ohm_cm2"),
                     ("S/cm", "S_per_cm"), ("%", "percent"), ("°C", "degC"), ("µm", "um")]
        for (symbol, label) in cases {
            XCTAssertEqual(DataColumn.unitLabel(forSymbol: symbol), label, "label of \(symbol)")
        }
    }

    func testNonFiniteIsRefusedNamingColumnAndRow() {
        let table = DataTable.timeSeries(time: [0, 1, 2], voltage: [3.7, .nan, 3.9], current: [0, 0, 0],
                                         capacity: [0, 0, 0], temperature: [300, 300, .infinity])
        for render in [{ try table.csv() }, { try table.json() }] {
            XCTAssertThrowsError(try render()) { error in
                XCTAssertEqual(error as? OutputError, .nonFiniteValue(column: "voltage_V", index: 1, value: "nan"))
                XCTAssertEqual((error as? OutputError)?.text,
                               "column `voltage_V` holds nan at row 1; non-finite numbers are not written")
            }
        }
    }

    func testMismatchedAndDuplicateColumnsAreRefused() {
        let uneven = DataTable(columns: [DataColumn(name: "a", numbers: [1, 2]), DataColumn(name: "b", numbers: [1])])
        XCTAssertThrowsError(try uneven.csv()) { error in
            XCTAssertEqual(error as? OutputError, .columnLengthMismatch(column: "b", expected: 2, found: 1))
        }
        let duplicate = DataTable(columns: [DataColumn(name: "a", unitLabel: "s", numbers: [1]),
                                            DataColumn(name: "a_s", numbers: [2])])
        XCTAssertThrowsError(try duplicate.json()) { error in
            XCTAssertEqual(error as? OutputError, .duplicateColumn(header: "a_s"))
        }
    }

    func testJSONLayoutParsesAndEscapes() throws {
        let table = DataTable(columns: [
            DataColumn(name: "time", unitLabel: "s", numbers: [0, 1.5e-7]),
            DataColumn(name: "label", text: ["quote \" backslash \\ tab \t", "line\nbreak \u{01}"]),
        ])
        let text = try table.json()
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual(object["fields"] as? [String], ["time_s", "label"])
        let units = try XCTUnwrap(object["units"] as? [String: Any])
        XCTAssertEqual(units["time_s"] as? String, "s")
        XCTAssertTrue(units["label"] is NSNull)
        let columns = try XCTUnwrap(object["columns"] as? [String: Any])
        XCTAssertEqual(columns["time_s"] as? [Double], [0, 1.5e-7])
        XCTAssertEqual(columns["label"] as? [String], ["quote \" backslash \\ tab \t", "line\nbreak \u{01}"])
        XCTAssertTrue(text.contains("\\u0001"))
    }

    func testEmptyTableStillHasHeaders() throws {
        let table = DataTable.timeSeries(time: [], voltage: [], current: [], capacity: [], temperature: [])
        XCTAssertEqual(try table.csv(), "time_s,voltage_V,current_A,capacity_Ah,temperature_K\n")
        let object = try JSONSerialization.jsonObject(with: Data(try DataTable(columns: []).json().utf8))
        XCTAssertNotNil(object as? [String: Any])
    }

    func testSHA256KnownVectors() {
        XCTAssertEqual(SHA256.hexDigest(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hexDigest("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hexDigest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(SHA256.hexDigest([UInt8](repeating: 0x61, count: 1_000_000)),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        // 55 and 56 bytes straddle the one-block / two-block padding boundary.
        XCTAssertEqual(SHA256.hexDigest(String(repeating: "a", count: 55)),
                       "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
        XCTAssertEqual(SHA256.hexDigest(String(repeating: "a", count: 56)),
                       "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
    }
}
