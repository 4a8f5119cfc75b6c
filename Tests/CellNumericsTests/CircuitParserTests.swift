import ComplexModule
import RealModule
import XCTest

@testable import CellNumerics

final class CircuitParserTests: XCTestCase {
    func testParsesAndPrintsImpedancePyNotation() throws {
        let text = "R0-p(R1,CPE1)-p(R2-Wo1,C2)"
        let circuit = try Circuit(parsing: text)
        XCTAssertEqual(circuit.description, text)
        XCTAssertEqual(circuit.parameterNames, ["R0", "R1", "CPE1_0", "CPE1_1", "R2", "Wo1_0", "Wo1_1", "C2"])
        XCTAssertEqual(circuit.parameterCount, 8)
        XCTAssertEqual(circuit.elements.map(\.kind), [.resistor, .resistor, .constantPhase, .resistor,
                                                      .warburgReflective, .capacitor])
        XCTAssertEqual(try Circuit(parsing: " R0 - p( R1 , C1 ) ").description, "R0-p(R1,C1)")
        XCTAssertEqual(try Circuit(parsing: "Ws1-Wo2").elements.map(\.kind), [.warburgTransmissive, .warburgReflective])
    }

    private func syntaxError(_ text: String) -> CircuitSyntaxError? {
        do {
            _ = try Circuit(parsing: text)
            return nil
        } catch {
            return error
        }
    }

    func testUnknownElementIsPositioned() throws {
        let error = try XCTUnwrap(syntaxError("R0-p(R1,Q1)"))
        XCTAssertEqual(error.range, 8..<10)
        XCTAssertTrue(error.message.hasPrefix("unknown element `Q1`"), error.message)
    }

    func testUnclosedParallel() throws {
        let error = try XCTUnwrap(syntaxError("R0-p(R1,C1"))
        XCTAssertEqual(error.message, "`p(` is not closed")
        XCTAssertEqual(error.range, 3..<5)
    }

    func testParallelNeedsTwoBranches() throws {
        let error = try XCTUnwrap(syntaxError("R0-p(R1)"))
        XCTAssertEqual(error.message, "`p(` needs at least two branches")
        XCTAssertEqual(error.range, 3..<8)
    }

    func testOtherErrors() throws {
        XCTAssertEqual(syntaxError("")?.message, "empty circuit")
        XCTAssertEqual(syntaxError("R0-")?.range, 3..<3)
        XCTAssertTrue(syntaxError("R1-R1")?.message.hasPrefix("duplicate element `R1`") ?? false)
        XCTAssertEqual(syntaxError("R0)")?.range, 2..<3)
        XCTAssertEqual(syntaxError("R0,R1")?.range, 2..<3)
        XCTAssertEqual(syntaxError("p(R1,C1]")?.range, 7..<8)
        // Offsets are UTF-8 bytes: "µ" is two bytes.
        XCTAssertEqual(syntaxError("R0-µ1")?.range, 3..<4)
    }

    func testWrongParameterCountNamesBothCounts() throws {
        XCTAssertThrowsError(try EISTable.csv(circuit: "R0-p(R1,C1)", parameters: [1, 2], frequencies: [1])) { error in
            XCTAssertEqual(error as? CircuitEvaluationError,
                           .parameterCount(circuit: "R0-p(R1,C1)", expected: 3, given: 2))
            XCTAssertEqual("\(error)", "circuit `R0-p(R1,C1)` needs 3 parameters, 2 given")
        }
    }

    func testOriginsLegendAndNumbering() throws {
        let circuit = Circuit(.series([
            .element(CircuitElement(.resistor, label: "R", origin: "electrolyte.bulk")),
            .parallel([
                .element(CircuitElement(.resistor, label: "R", origin: "separator.grain_boundary")),
                .element(CircuitElement(.constantPhase, label: "CPE", origin: "separator.grain_boundary")),
            ]),
            .parallel([.element(CircuitElement(.resistor, label: "R")), .element(CircuitElement(.capacitor, label: "C"))]),
        ])).numbered()
        XCTAssertEqual(circuit.description, "R0-p(R1,CPE1)-p(R2,C2)")
        XCTAssertEqual(circuit.legend, "R0    electrolyte.bulk\nR1    separator.grain_boundary\nCPE1  separator.grain_boundary")
        // The printed string parses back to the same structure.
        XCTAssertEqual(try Circuit(parsing: circuit.description).description, circuit.description)
    }

    func testEISTableFrequencies() throws {
        let grid = try EISTable.frequencies(from: 1e7, to: 1e-2, perDecade: 10)
        XCTAssertEqual(grid.count, 91)
        XCTAssertEqual(grid.first, 1e7)
        XCTAssertEqual(grid.last, 1e-2)
        assertClose(grid[10], 1e6, relative: 1e-14, "one decade down")
        let rising = try EISTable.frequencies(from: 0.1, to: 100, perDecade: 5)
        XCTAssertEqual(rising.count, 16)
        XCTAssertEqual(rising.last, 100)
        XCTAssertEqual(try EISTable.frequencies(from: 5, to: 5, perDecade: 3), [5])
        // Not a whole number of steps: the end is appended.
        let ragged = try EISTable.frequencies(from: 1000, to: 3, perDecade: 1)
        XCTAssertEqual(ragged.count, 4)
        XCTAssertEqual(ragged.last, 3)
        XCTAssertThrowsError(try EISTable.frequencies(from: 0, to: 1, perDecade: 10))
        XCTAssertThrowsError(try EISTable.frequencies(from: 1, to: .nan, perDecade: 10))
        XCTAssertThrowsError(try EISTable.frequencies(from: 1, to: 10, perDecade: 0))
        XCTAssertThrowsError(try EISTable.frequencies(from: -1, to: 10, perDecade: 10))
    }

    func testEISTableCSV() throws {
        let csv = try EISTable.csv(circuit: "R0-p(R1,C1)", parameters: [10, 100, 1e-6],
                                   frequencies: [1 / (2 * Double.pi * 1e-4)])
        let lines = csv.split(separator: "\n")
        XCTAssertEqual(lines.first, "frequency_Hz,Zre_ohm,Zim_ohm")
        XCTAssertEqual(lines.count, 2)
        let fields = lines[1].split(separator: ",").compactMap { Double($0) }
        XCTAssertEqual(fields.count, 3)
        assertClose(fields[1], 60, relative: 1e-12, "Zre")
        assertClose(fields[2], -50, relative: 1e-12, "Zim negative for capacitive")
        XCTAssertThrowsError(try EISTable.csv(circuit: "R0", parameters: [1], frequencies: [-1]))
        XCTAssertThrowsError(try EISTable.csv(circuit: "X0", parameters: [1], frequencies: [1]))
    }
}
