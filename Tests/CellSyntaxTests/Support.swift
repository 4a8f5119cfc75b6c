import CellDiagnostics
import XCTest
import CellSyntax

/// Parses `text` as a file named `t.cell`.
func parseSource(_ text: String) -> (Program, DiagnosticBag) {
    let bag = DiagnosticBag()
    let program = Parser.parse(SourceFile(path: "t.cell", text: text), diagnostics: bag)
    return (program, bag)
}

/// The rendered diagnostics, for failure messages.
func rendered(_ bag: DiagnosticBag) -> String {
    DiagnosticRenderer().render(bag.diagnostics)
}

/// Parses `text`, asserts there are no diagnostics, and returns the statements' S-expressions.
func statements(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> [String] {
    let (program, bag) = parseSource(text)
    XCTAssertTrue(bag.diagnostics.isEmpty, "unexpected diagnostics:\n\(rendered(bag))", file: file, line: line)
    return program.statements.map(\.sExpression)
}

/// The S-expression of `text` parsed as one expression statement, asserting no diagnostics.
func expression(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String {
    let result = statements(text, file: file, line: line)
    XCTAssertEqual(result.count, 1, "expected one statement in \(text)", file: file, line: line)
    return result.first ?? ""
}

/// One error of a malformed input: its message case and 1-based line:column.
struct ExpectedError {
    var message: SyntaxMessage
    var line: Int
    var column: Int
}

/// Asserts that `text` produces exactly `expected` errors, in order, at the given positions.
func assertErrors(_ text: String, _ expected: [ExpectedError],
                  file: StaticString = #filePath, line: UInt = #line) {
    let (_, bag) = parseSource(text)
    let found: [(SyntaxMessage?, Int, Int)] = bag.diagnostics.map { d in
        let (l, c) = d.span.map { $0.file.location(of: $0.start) } ?? (0, 0)
        return (d.message as? SyntaxMessage, l, c)
    }
    let summary = "input:\n\(text)\ndiagnostics:\n\(rendered(bag))"
    XCTAssertEqual(found.count, expected.count, "wrong number of diagnostics; \(summary)", file: file, line: line)
    for (f, e) in zip(found, expected) {
        XCTAssertEqual(f.0, e.message, summary, file: file, line: line)
        XCTAssertEqual(f.1, e.line, "line; \(summary)", file: file, line: line)
        XCTAssertEqual(f.2, e.column, "column; \(summary)", file: file, line: line)
    }
}

/// Shorthand: exactly one error.
func assertError(_ text: String, _ message: SyntaxMessage, _ line: Int, _ column: Int,
                 file: StaticString = #filePath, lineNumber: UInt = #line) {
    assertErrors(text, [ExpectedError(message: message, line: line, column: column)], file: file, line: lineNumber)
}
