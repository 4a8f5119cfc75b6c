import XCTest
@testable import CellDiagnostics

final class DiagnosticTests: XCTestCase {
    func testLocationCountsScalarsNotBytes() {
        let file = SourceFile(path: "a.cell", text: "let r = 5 Ω·cm²\nlet x = 1")
        let offset = Array(file.text.utf8).firstIndex(of: UInt8(ascii: "c"))!
        let (line, col) = file.location(of: offset)
        XCTAssertEqual(line, 1)
        XCTAssertEqual(col, 13)  // "let r = 5 Ω·" is 12 scalars
        XCTAssertEqual(file.location(of: file.bytes.count).line, 2)
    }

    func testRenderShowsLineAndCaret() {
        let file = SourceFile(path: "recipe.cell", text: "let a = 1\nlet x = 1 mm + 2 S\n")
        let start = file.lineStarts[1] + 8
        let d = Diagnostic.error(PlainMessage("cannot add `length` (mm) and `conductance` (S)"),
                                 at: Span(file: file, start: start, end: start + 10))
        let text = DiagnosticRenderer().render(d)
        XCTAssertEqual(text, """
            recipe.cell:2:9: error: cannot add `length` (mm) and `conductance` (S)
             2 | let x = 1 mm + 2 S
               |         ^~~~~~~~~~

            """)
    }

    func testCRLFLineTextDropsCarriageReturn() {
        let file = SourceFile(path: "w.cell", text: "a\r\nbc\r\n")
        XCTAssertEqual(file.lineText(1), "a")
        XCTAssertEqual(file.lineText(2), "bc")
    }

    func testSuggestions() {
        XCTAssertEqual(Suggestions.closest(to: "sigma_ionic", in: ["sigma_ion", "sigma_e", "Ea"]), "sigma_ion")
        XCTAssertNil(Suggestions.closest(to: "zzz", in: ["sigma_ion"]))
        XCTAssertEqual(Suggestions.distance("ab", "ba"), 1)
    }
}

final class ByteOrderMarkTests: XCTestCase {
    func testByteOrderMarkIsNotAColumn() {
        let file = SourceFile(path: "bom.cell", text: "\u{FEFF}let x = 1")
        let offset = Array(file.text.utf8).firstIndex(of: UInt8(ascii: "x"))!
        XCTAssertEqual(file.location(of: offset).column, 5)
    }
}

final class DiagnosticCapTests: XCTestCase {
    func testManyWarningsDoNotBecomeAnError() {
        let bag = DiagnosticBag()
        for _ in 0..<(DiagnosticBag.maxDiagnostics + 20) { bag.warning(PlainMessage("step ended early"), at: nil) }
        XCTAssertFalse(bag.hasErrors)
        XCTAssertEqual(bag.diagnostics.count, DiagnosticBag.maxDiagnostics + 1)
    }

    func testADroppedErrorStillFailsTheRun() {
        let bag = DiagnosticBag()
        for _ in 0..<(DiagnosticBag.maxDiagnostics + 5) { bag.warning(PlainMessage("w"), at: nil) }
        bag.error(PlainMessage("a real error"), at: nil)
        XCTAssertTrue(bag.hasErrors)
    }
}
