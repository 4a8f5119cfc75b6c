import XCTest
@testable import CellData

/// Voltage–time traces: header names with units, separators, headerless files, BioLogic .mpt.
final class TraceTests: XCTestCase {
    private func trace(_ text: String, _ name: String = "trace.csv") throws -> Trace {
        try TraceReader.parse(data: [UInt8](text: text), fileName: name)
    }

    func testSIHeaders() throws {
        let result = try trace("time_s,voltage_V,current_A\n0,3.7,0.001\n10,3.6,0.001\n")
        XCTAssertEqual(result.time, [0, 10])
        XCTAssertEqual(result.voltage, [3.7, 3.6])
        XCTAssertEqual(result.current, [0.001, 0.001])
        XCTAssertEqual(result.format, "delimited text")
        XCTAssertEqual(result.warnings, [])
    }

    /// Units come from the header: hours, millivolts, milliamperes; decimal commas with `;`.
    func testUnitsAreConvertedToSI() throws {
        let result = try trace("time/h;Ewe/V;<I>/mA\n0;3,5;-2\n0,5;3,4;-2\n")
        XCTAssertEqual(result.time, [0, 1800])
        XCTAssertEqual(result.voltage, [3.5, 3.4])
        assertClose(result.current?[0] ?? .nan, -0.002, "current −2 mA")
        let millivolts = try trace("t (s)\tU (mV)\n0\t3700\n1\t3650\n")
        XCTAssertEqual(millivolts.time, [0, 1])
        assertClose(millivolts.voltage[1], 3.65, "3650 mV")
        XCTAssertNil(millivolts.current)
        let minutes = try trace("Current (uA), Time (min), Voltage (V)\n5, 2, 3.9\n")
        XCTAssertEqual(minutes.time, [120])
        assertClose(minutes.current?[0] ?? .nan, 5e-6, "5 µA")
    }

    func testHeaderlessColumnsWithWarning() throws {
        let two = try trace("0 3.7\n1 3.69\n")
        XCTAssertEqual(two.time, [0, 1])
        XCTAssertNil(two.current)
        XCTAssertEqual(two.warnings, ["no header: columns read as time (s), voltage (V)"])
        let three = try trace("0,3.7,0.5\n1,3.69,0.5\n")
        XCTAssertEqual(three.current, [0.5, 0.5])
        XCTAssertEqual(three.warnings, ["no header: columns read as time (s), voltage (V), current (A)"])
    }

    func testTimeGoingBackwardsIsAWarning() throws {
        let result = try trace("time_s,voltage_V\n0,1\n5,1\n3,1\n")
        XCTAssertEqual(result.warnings, ["time decreases at line 4 (from 5.0 s to 3.0 s)"])
    }

    func testBioLogicMPTAsTrace() throws {
        let result = try TraceReader.parse(data: Fixture.sample("exampleDataBioLogic.mpt"), fileName: "eis.mpt")
        XCTAssertEqual(result.format, "BioLogic .mpt")
        XCTAssertEqual(result.count, 43)
        // First data row: time/s, <Ewe>/V and <I>/mA as written in the file.
        assertClose(result.time.first ?? .nan, 7.836904905780102E-001, "first time")
        assertClose(result.voltage.first ?? .nan, -2.8677555E-004, "first <Ewe>")
        assertClose(result.current?.first ?? .nan, -4.8041187E-002 * 1e-3, "first <I> in A")
        assertClose(result.time.last ?? .nan, 2.885022309564229E+002, "last time")
    }

    func testSmallMPTTrace() throws {
        let text = "EC-Lab ASCII FILE\nNb header lines : 3\nmode\ttime/s\tEwe/V\tI/mA\t\n1\t0\t3,7\t1\t\n1\t60\t3,6\t1\t\n"
        let result = try trace(text, "gcpl.mpt")
        XCTAssertEqual(result.time, [0, 60])
        XCTAssertEqual(result.voltage, [3.7, 3.6])
        XCTAssertEqual(result.current, [0.001, 0.001])
    }

    func testErrors() {
        XCTAssertEqual(dataError { try trace("time_s,current_A\n0,1\n") }, .missingColumn(name: "voltage", line: 1))
        XCTAssertEqual(dataError { try trace("voltage_V\n1\n") }, .missingColumn(name: "time", line: 1))
        XCTAssertEqual(dataError { try trace("time_s,voltage_V\n0,1\n1,x\n") }, .nonNumeric(text: "x", line: 3, column: 2))
        XCTAssertEqual(dataError { try trace("time_s,voltage_V\n0,1\n1\n") },
                       .inconsistentRowLength(expected: 2, found: 1, line: 3))
        XCTAssertEqual(dataError { try trace("time (fortnights),V\n0,1\n") },
                       .unsupportedUnit(unit: "fortnights", column: "time (fortnights)", line: 1))
        XCTAssertEqual(dataError { try trace("time_s,voltage_V\n") }, .noDataPoints(format: "delimited text"))
        XCTAssertEqual(dataError { try trace("time_s,voltage_V\n0,inf\n") }, .nonFinite(text: "inf", line: 2, column: 2))
        XCTAssertEqual(dataError { try trace("3.7\n3.6\n") },
                       .malformed(reason: "headerless trace needs 2 columns (time, voltage), found 1", line: 1))
    }
}
