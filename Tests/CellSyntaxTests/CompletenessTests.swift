import CellSyntax
import XCTest

/// `Parser.isComplete`: whether the REPL should read another line.
final class CompletenessTests: XCTestCase {
    func testOpenBracketsBlocksAndCommentsContinue() {
        XCTAssertFalse(Parser.isComplete("material M {"))
        XCTAssertFalse(Parser.isComplete("material M {\n  E = 1 GPa"))
        XCTAssertFalse(Parser.isComplete("print f(1,"))
        XCTAssertFalse(Parser.isComplete("let xs = [1, 2"))
        XCTAssertFalse(Parser.isComplete("/* a comment"))
        XCTAssertFalse(Parser.isComplete("let x = 1 +"))
        XCTAssertFalse(Parser.isComplete("let x ="))
        XCTAssertFalse(Parser.isComplete("protocol p { repeat 3 { rest for 1 h }"))
        XCTAssertFalse(Parser.isComplete("if a { print 1 } else"))
        XCTAssertFalse(Parser.isComplete("let r = run p on c at"))
    }

    func testCompleteEntries() {
        XCTAssertTrue(Parser.isComplete(""))
        XCTAssertTrue(Parser.isComplete("let x = 1"))
        XCTAssertTrue(Parser.isComplete("material M {\n  E = 1 GPa\n}"))
        XCTAssertTrue(Parser.isComplete("print \"{ not a brace\""))
        XCTAssertTrue(Parser.isComplete("let x = 1 // {"))
        XCTAssertTrue(Parser.isComplete("print \"unterminated"), "strings are single-line: report, do not wait")
        XCTAssertTrue(Parser.isComplete("}"), "a stray closer is reported at once")
        XCTAssertTrue(Parser.isComplete("print 100 %"))
        XCTAssertTrue(Parser.isComplete("let ok = true"))
    }
}
