import CellSyntax
import Foundation
import XCTest

/// Error recovery: every independent error is reported once, and no input crashes the parser.
final class RecoveryTests: XCTestCase {
    func testThreeIndependentErrorsGiveThreeDiagnostics() {
        assertErrors("let a = )\nprint a < b < c\nmaterial M { x 5 }\nlet ok = 1", [
            ExpectedError(message: .expectedExpression(found: "`)`"), line: 1, column: 9),
            ExpectedError(message: .chainedComparison, line: 2, column: 13),
            ExpectedError(message: .expectedToken(expected: "`=` after field `x`", found: "number `5`"), line: 3, column: 16),
        ])
    }

    func testErrorsInsideBodiesRecoverAtTheNextItem() {
        let text = """
            cell c {
              area = 1 cm^2
              layer = Li
              5
              temperature = 300 K
            }
            protocol p {
              chrage at 1 C
              rest for 10 min
              repeat 3 { charge at 1 C fro 1 h }
            }
            print 1 +
            """
        assertErrors(text, [
            ExpectedError(message: .expectedToken(expected: "a name after `layer`", found: "`=`"), line: 3, column: 9),
            ExpectedError(message: .expectedCellItem(found: "number `5`"), line: 4, column: 3),
            ExpectedError(message: .unknownStep(name: "chrage", suggestion: "charge"), line: 8, column: 3),
            ExpectedError(message: .unknownLimit(name: "fro", suggestion: "for"), line: 10, column: 28),
            ExpectedError(message: .expectedExpression(found: "end of file"), line: 12, column: 10),
        ])
        let (program, _) = parseSource(text)
        XCTAssertEqual(program.statements.count, 3, "cell, protocol and print are all kept")
    }

    func testStatementAfterBrokenStatementIsStillParsed() {
        let (program, bag) = parseSource("let a = (1 +\nlet b = 2\nprint b")
        XCTAssertEqual(bag.diagnostics.count, 1, rendered(bag))
        XCTAssertEqual(program.statements.map(\.sExpression).suffix(2), ["(let b 2)", "(print b)"])
    }

    func testStrayClosingBraceAfterBrokenDeclarationIsNotASecondError() {
        assertError("material M\n}\nlet x = 1", .expectedToken(expected: "`{`", found: "end of line"), 1, 11)
    }

    func testStrayClosingBracesAreOneError() {
        assertErrors("let a = 1\n}}}\nlet b = 2\n}", [
            ExpectedError(message: .unexpectedClosingDelimiter("}"), line: 2, column: 1),
            ExpectedError(message: .unexpectedClosingDelimiter("}"), line: 4, column: 1),
        ])
    }

    func testUnterminatedCommentDoesNotAlsoReportTheUnclosedBlock() {
        assertError("material M {\n  /* oops\n  E = 1 GPa\n}\nlet x = 1", .unterminatedComment, 2, 3)
    }

    func testLexicalErrorIsNotFollowedByASyntaxError() {
        assertError("let x = 1 $ 2\nlet y = 3", .unexpectedCharacter("$"), 1, 11)
        assertError("let x\u{0} = 1", .nulCharacter, 1, 6)
    }

    // MARK: - Nesting limit

    private func assertSingleNestingError(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        let (_, bag) = parseSource(text)
        XCTAssertEqual(bag.diagnostics.count, 1, String(rendered(bag).prefix(2000)), file: file, line: line)
        XCTAssertEqual(bag.diagnostics.first?.message as? SyntaxMessage,
                       .nestingTooDeep(limit: Parser.maxNestingDepth), file: file, line: line)
    }

    func testHundredThousandParenthesesGiveOneErrorAndNoCrash() {
        let depth = 100_000
        let text = "print " + String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)
        assertSingleNestingError(text)
        let (_, bag) = parseSource(text)
        let location = bag.diagnostics.first?.span.map { $0.file.location(of: $0.start) }
        XCTAssertEqual(location?.line, 1)
        XCTAssertEqual(location?.column, 7 + Parser.maxNestingDepth, "at the first `(` beyond the limit")
    }

    func testOtherDeepNestingsGiveOneError() {
        let n = 50_000
        assertSingleNestingError("print " + String(repeating: "[", count: n) + String(repeating: "]", count: n))
        assertSingleNestingError("print " + String(repeating: "-", count: n) + "1")
        assertSingleNestingError("print " + String(repeating: "not ", count: n) + "a")
        assertSingleNestingError("print 2" + String(repeating: "^2", count: n))
        assertSingleNestingError(String(repeating: "if a {\n", count: 2_000) + String(repeating: "}\n", count: 2_000))
        assertSingleNestingError("protocol p {" + String(repeating: "repeat 2 {", count: 2_000)
                                 + String(repeating: "}", count: 2_000) + "}")
        assertSingleNestingError("print " + String(repeating: "run ", count: n) + "p on c")
        assertSingleNestingError("print " + String(repeating: "{a: ", count: n) + "1" + String(repeating: "}", count: n))
    }

    func testNestingJustBelowTheLimitParses() {
        let depth = Parser.maxNestingDepth - 2
        let text = "print " + String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)
        let (_, bag) = parseSource(text)
        XCTAssertTrue(bag.diagnostics.isEmpty, String(rendered(bag).prefix(500)))
    }

    /// The deepest input the limit allows must fit in a modest thread stack: measured at
    /// about 2 KiB per level in release and 8 KiB in debug builds (see `maxNestingDepth`).
    func testDeepestAllowedNestingFitsInAModestStack() {
        #if DEBUG
        let stackSize = 4 << 20
        #else
        let stackSize = 1 << 20
        #endif
        let depth = Parser.maxNestingDepth
        let texts = [
            "print " + String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth),
            "print " + String(repeating: "f(-", count: depth) + "1" + String(repeating: ")", count: depth),
            "print " + String(repeating: "[a.b(1, x: {k: ", count: depth) + "1" + String(repeating: "})]", count: depth),
            String(repeating: "if a {\n", count: depth) + String(repeating: "}\n", count: depth),
            "protocol p {" + String(repeating: "repeat 2 {", count: depth) + String(repeating: "}", count: depth + 1),
            "cell c { layer l = " + String(repeating: "layer Li { coating on x = ", count: depth)
                + "Au" + String(repeating: "}", count: depth + 1),
        ]
        for text in texts {
            let done = expectation(description: "parsed on a small stack")
            let thread = Thread {
                _ = parseSource(text)
                done.fulfill()
            }
            thread.stackSize = stackSize
            thread.start()
            wait(for: [done], timeout: 60)
        }
    }
}
