import CellSyntax
import XCTest

/// Malformed inputs: each pins the message case and where it lands (line:column).
final class ErrorTests: XCTestCase {
    func testSeparatorsAndDelimiters() {
        assertError("let x = 1 let y = 2", .missingSeparator, 1, 11)
        assertError("print x ≈ y", .missingSeparator, 1, 9)
        assertError("let x = (1 + 2", .unclosedDelimiter(closing: ")", opening: "(", line: 1), 1, 15)
        assertError("let x = [1, 2", .unclosedDelimiter(closing: "]", opening: "[", line: 1), 1, 14)
        assertError("fn f(a { }", .unclosedDelimiter(closing: ")", opening: "(", line: 1), 1, 8)
        assertError("if x { print 1", .unclosedDelimiter(closing: "}", opening: "{", line: 1), 1, 15)
        assertError("cell c {\n  layer a = Li { thickness = 1 mm\n}",
                    .unclosedDelimiter(closing: "}", opening: "{", line: 1), 3, 2)
        assertError("print f(1 2)", .unclosedDelimiter(closing: ")", opening: "(", line: 1), 1, 11)
        assertError("}", .unexpectedClosingDelimiter("}"), 1, 1)
        assertError("let x = 1)", .unexpectedClosingDelimiter(")"), 1, 10)
    }

    func testUnclosedDelimiterNotePointsAtOpener() {
        let (_, bag) = parseSource("let a = 1\nlet x = f(\n  1,\n  2\n")
        XCTAssertEqual(bag.diagnostics.count, 1, rendered(bag))
        let note = bag.diagnostics.first?.notes.first
        XCTAssertEqual(note?.text, "`(` opened here")
        XCTAssertEqual(note?.span.map { $0.file.location(of: $0.start).line }, 2)
        XCTAssertEqual(note?.span.map { $0.file.location(of: $0.start).column }, 10)
        XCTAssertEqual(bag.diagnostics.first?.message.text, "`)` expected (to close `(` at line 2)")
    }

    func testExpressions() {
        assertError("print )", .expectedExpression(found: "`)`"), 1, 7)
        assertError("let x = 1 +", .expectedExpression(found: "end of file"), 1, 12)
        assertError("material M {\n  sigma = \n}", .expectedExpression(found: "end of line"), 2, 10)
        assertError("print a < b < c", .chainedComparison, 1, 13)
        assertError("print x.", .expectedToken(expected: "member name after `.`", found: "end of file"), 1, 9)
        assertError("print {a 1}", .expectedToken(expected: "`:` after record field name", found: "number `1`"), 1, 10)
        assertError("let r = run p", .expectedToken(expected: "`on`", found: "end of file"), 1, 14)
        assertError("let f = fit c data", .expectedToken(expected: "`to` in `fit MODEL to DATA`", found: "`data`"), 1, 15)
        assertError("let t = table for x in xs x",
                    .expectedToken(expected: "`{` to start the row record", found: "`x`"), 1, 27)
        assertError("let r = from 1 mm", .expectedToken(expected: "`to` in `from ... to ...`", found: "end of file"), 1, 18)
    }

    func testUnits() {
        assertError("print x in xyzzy", .unknownUnit(name: "xyzzy", suggestion: nil), 1, 12)
        assertError("print t in hours", .unknownUnit(name: "hours", suggestion: "h"), 1, 12)
        assertError("print T in degF", .unknownUnit(name: "degF", suggestion: "degC"), 1, 12)
        assertError("print x in mAh/xyzzy", .unknownUnit(name: "xyzzy", suggestion: nil), 1, 16)
        assertError("print 1 in", .expectedUnit(found: "end of file"), 1, 11)
        assertError("print 1 in 5", .expectedUnit(found: "number `5`"), 1, 12)
        assertError("let q = 3 kg^2.5", .expectedToken(expected: "an integer unit exponent", found: "number `2.5`"), 1, 14)
        assertError("let s = cm²⁻", .invalidSuperscript, 1, 12)
        assertError("let j = 1 mA/cm2", .unitPowerWithoutCaret(written: "cm2", suggestion: "cm^2"), 1, 14)
        assertError("let a = 5 cm2", .unitPowerWithoutCaret(written: "cm2", suggestion: "cm^2"), 1, 11)
        assertError("let r = 386 ohm*cm2", .unitPowerWithoutCaret(written: "cm2", suggestion: "cm^2"), 1, 17)
    }

    func testStatements() {
        assertError("let = 5", .expectedToken(expected: "a name after `let`", found: "`=`"), 1, 5)
        assertError("let x 5", .expectedToken(expected: "`=` after `let x`", found: "number `5`"), 1, 7)
        assertError("expect x ≈ y", .expectedToken(expected: "`within` and a tolerance after `≈`", found: "end of file"), 1, 13)
        assertError("use foo", .expectedToken(expected: "a file name string after `use`", found: "`foo`"), 1, 5)
        assertError("for in xs { }", .expectedToken(expected: "a loop variable name after `for`", found: "keyword `in`"), 1, 5)
        assertError("export r \"a.csv\"",
                    .expectedToken(expected: "`to` in `export VALUE to PATH`", found: "string \"a.csv\""), 1, 10)
        assertError("plot a vs b", .expectedToken(expected: "`to` and a file name in `plot`", found: "end of file"), 1, 12)
        assertError("fn f = 1", .expectedToken(expected: "`(` after `fn f`", found: "`=`"), 1, 6)
        assertError("= 3", .expectedStatement(found: "`=`"), 1, 1)
        assertError("let a = 1\n  within 3", .expectedStatement(found: "keyword `within`"), 2, 3)
    }

    func testDeclarations() {
        assertError("material M { sigma 5 }", .expectedToken(expected: "`=` after field `sigma`", found: "number `5`"), 1, 20)
        assertError("material M {\n  a = 1\n  = 2\n}", .expectedField(found: "`=`"), 3, 3)
        assertError("material {}", .expectedToken(expected: "a material name after `material`", found: "`{`"), 1, 10)
        assertError("cell c {\n  5\n}", .expectedCellItem(found: "number `5`"), 2, 3)
        assertError("cell c { interface a b { } }",
                    .expectedToken(expected: "`|` between the two layers of an interface", found: "`b`"), 1, 22)
        assertError("cell c { layer = Li }", .expectedToken(expected: "a name after `layer`", found: "`=`"), 1, 16)
        assertError("let l = layer Li { thickness 1 mm }",
                    .expectedToken(expected: "`=` after field `thickness`", found: "number `1`"), 1, 30)
        assertError("material M\n}", .expectedToken(expected: "`{`", found: "end of line"), 1, 11)
    }

    func testProtocolSteps() {
        assertError("protocol p { chrage at 1 C until 4 V }", .unknownStep(name: "chrage", suggestion: "charge"), 1, 14)
        assertError("protocol p { 5 }", .expectedStep(found: "number `5`"), 1, 14)
        assertError("protocol p { charge 1 C }",
                    .expectedToken(expected: "`at` and a current after `charge`", found: "number `1`"), 1, 21)
        assertError("protocol p { ccd from 1 mA to 2 mA step 1 mA, 10 min per decade }",
                    .expectedToken(expected: "`half-cycle` or `cycle` after `per`", found: "`decade`"), 1, 58)
        assertError("protocol p { eis from 1 MHz 1 Hz }",
                    .expectedToken(expected: "`to` in `eis from ... to ...`", found: "number `1`"), 1, 29)
        assertError("protocol p { rest fo 1 h }", .unknownLimit(name: "fo", suggestion: "for"), 1, 19)
        assertError("protocol p { charge at 1 C to 4.2 V }", .unknownLimit(name: "to", suggestion: "until"), 1, 28)
        assertError("protocol p {\n  charge at 1 C until\n}", .expectedExpression(found: "end of line"), 2, 22)
        assertError("protocol p { repeat { rest for 1 h } }", .expectedExpression(found: "`{`"), 1, 21)
    }

    func testLexicalErrors() {
        assertError("print \"abc", .unterminatedString, 1, 7)
        assertError("print \"a\\qb\"", .invalidEscape("\\q"), 1, 9)
        assertError("let a = 1\n/* never closed\nlet b = 2", .unterminatedComment, 2, 1)
        assertError("let x = 1 ? 2", .unexpectedCharacter("?"), 1, 11)
        assertError("let x = #", .unexpectedCharacter("#"), 1, 9)
        assertError("material M { s = 1 mS/cm @ 25 degC }", .unexpectedCharacter("@"), 1, 26)
        assertError("print 5 °F", .unexpectedCharacter("°"), 1, 9)
        assertError("let x = 1__0", .invalidNumber("1__0"), 1, 9)
        assertError("let x = 1_", .invalidNumber("1_"), 1, 9)
        assertError("let x = 1e+", .invalidNumber("1e+"), 1, 9)
        assertError("let x = 1e999", .invalidNumber("1e999"), 1, 9)
        assertError("let y = `abc", .unterminatedQuotedIdentifier, 1, 9)
        assertError("let z = ``", .emptyQuotedIdentifier, 1, 9)
    }

    func testNULByteIsPositionedError() {
        assertError("let x = 1\u{0}\nlet y = 2", .nulCharacter, 1, 10)
        assertError("print \"a\u{0}b\"", .nulCharacter, 1, 9)
    }

    func testInvalidUTF8IsPositionedErrorNotCrash() {
        let bytes: [UInt8] = Array("let a = 1\nlet x = ".utf8) + [0xC3, 0x28] + Array(" + 1\nlet b = 2".utf8)
        let text = String(decoding: bytes, as: UTF8.self)  // 0xC3 alone becomes U+FFFD
        assertError(text, .invalidEncoding, 2, 9)
        let inString = String(decoding: Array("print \"a".utf8) + [0xFF] + Array("b\"".utf8), as: UTF8.self)
        assertError(inString, .invalidEncoding, 1, 9)
    }

    func testMessagesReadWell() {
        let (_, bag) = parseSource("protocol p { chrage at 1 C }")
        XCTAssertEqual(bag.diagnostics.first?.message.text,
                       "unknown protocol step `chrage` (did you mean `charge`?); steps are `charge`, `discharge`, "
                       + "`rest`, `hold`, `polarize`, `plate`, `strip`, `eis`, `ccd`, `set`, `repeat`, `for`")
        XCTAssertEqual(bag.diagnostics.first?.message.id, "syntax.unknownStep")
        let (_, quote) = parseSource("print 'a'")
        XCTAssertEqual(quote.diagnostics.first?.message.text, "unexpected character `'` (strings use double quotes)")
        let (_, units) = parseSource("print T in degF")
        XCTAssertEqual(units.diagnostics.first?.message.text, "unknown unit `degF` (did you mean `degC`?)")
    }
}
