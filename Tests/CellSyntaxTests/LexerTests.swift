import CellDiagnostics
import CellSyntax
import XCTest

final class LexerTests: XCTestCase {
    private func lex(_ text: String) -> ([Token], DiagnosticBag) {
        let bag = DiagnosticBag()
        return (Lexer.tokenize(SourceFile(path: "l.cell", text: text), diagnostics: bag), bag)
    }

    private func kinds(_ text: String) -> [TokenKind] {
        lex(text).0.map(\.kind)
    }

    func testPunctuationAndOperators() {
        XCTAssertEqual(kinds("( ) [ ] { } , : ; . = == != < <= > >= + - * / ^ % | ≈ ~= ·"), [
            .leftParen, .rightParen, .leftBracket, .rightBracket, .leftBrace, .rightBrace,
            .comma, .colon, .semicolon, .dot, .equal, .equalEqual, .bangEqual, .less, .lessEqual,
            .greater, .greaterEqual, .plus, .minus, .star, .slash, .caret, .percent, .pipe,
            .approx, .approx, .star, .endOfFile,
        ])
    }

    func testKeywordsAndContextualWords() {
        let (tokens, _) = lex("let step rest for load interface in")
        XCTAssertEqual(tokens.map(\.kind), [.keyword(.let), .identifier, .identifier, .keyword(.for),
                                            .identifier, .identifier, .keyword(.in), .endOfFile])
        XCTAssertTrue(tokens[1].isWord("step"))
    }

    func testNumbers() {
        let (tokens, bag) = lex("12 0.5 6.8e-5 1_000 2E3 7e+2")
        XCTAssertTrue(bag.diagnostics.isEmpty)
        let values = tokens.dropLast().map(\.number)
        let expected = [12, 0.5, 6.8e-5, 1000, 2000, 700]
        for (v, e) in zip(values, expected) {
            XCTAssertEqual(v, e, accuracy: abs(e) * 1e-15, "expected \(e), observed \(v)")
        }
    }

    func testNumberFollowedByUnitWithoutSpace() {
        let (tokens, _) = lex("5mm 2eV")
        XCTAssertEqual(tokens.map(\.kind), [.number, .identifier, .number, .identifier, .endOfFile])
        XCTAssertEqual(tokens[3].text, "eV")
    }

    func testUnicodeSpellings() {
        let (tokens, bag) = lex("Ω µm μm °C ℃ cm² s⁻¹ wt% vol% wt %")
        XCTAssertTrue(bag.diagnostics.isEmpty, DiagnosticRenderer().render(bag.diagnostics))
        XCTAssertEqual(tokens.map(\.text), ["Ω", "µm", "μm", "degC", "degC", "cm", "²", "s", "⁻¹",
                                            "wt%", "vol%", "wt", "%", ""])
        XCTAssertEqual(tokens[6].kind, .superscript)
        XCTAssertEqual(tokens[6].exponent, 2)
        XCTAssertEqual(tokens[8].exponent, -1)
    }

    func testQuotedIdentifierKeepsDigitsAndDots() {
        let (tokens, bag) = lex("`Li2.985B0.005OCl` `for`")
        XCTAssertTrue(bag.diagnostics.isEmpty)
        XCTAssertEqual(tokens[0].kind, .identifier)
        XCTAssertEqual(tokens[0].text, "Li2.985B0.005OCl")
        XCTAssertTrue(tokens[0].isQuoted)
        XCTAssertEqual(tokens[1].kind, .identifier, "a quoted keyword is a name")
        XCTAssertFalse(tokens[1].isWord("for"))
    }

    func testStringEscapes() {
        let (tokens, bag) = lex(#""a\n\t\"\\b""#)
        XCTAssertTrue(bag.diagnostics.isEmpty)
        XCTAssertEqual(tokens[0].text, "a\n\t\"\\b")
    }

    func testCommentsNestAndCountAsLineBreaks() {
        let (tokens, bag) = lex("a /* x /* y */ z */ b // c\nd /* \n */ e")
        XCTAssertTrue(bag.diagnostics.isEmpty)
        XCTAssertEqual(tokens.map(\.text), ["a", "b", "d", "e", ""])
        XCTAssertEqual(tokens.map(\.precededByNewline), [true, false, true, true, true])
    }

    func testByteOrderMarkIsSkippedAndCRLFIsALineBreak() {
        let text = String(decoding: [0xEF, 0xBB, 0xBF] + Array("let x = 1\r\nlet y = 2\r\n".utf8), as: UTF8.self)
        let (tokens, bag) = lex(text)
        XCTAssertTrue(bag.diagnostics.isEmpty)
        XCTAssertEqual(tokens.count, 9)
        XCTAssertEqual(tokens[0].span.start, 3)
        XCTAssertTrue(tokens[4].precededByNewline)
        XCTAssertEqual(tokens[4].text, "let")
    }

    func testSpansAreByteOffsets() {
        let (tokens, _) = lex("Ω·cm")
        XCTAssertEqual(tokens[0].span.start, 0)
        XCTAssertEqual(tokens[0].span.end, 2)  // Ω is two bytes
        XCTAssertEqual(tokens[1].span.start, 2)
        XCTAssertEqual(tokens[2].span.start, 4)  // · is two bytes
    }

    func testUnicodeSpaceIsWhitespace() {
        // Narrow no-break space, as pasted from papers: "10 mA".
        let (tokens, bag) = lex("10\u{202F}mA")
        XCTAssertTrue(bag.diagnostics.isEmpty)
        XCTAssertEqual(tokens.map(\.kind), [.number, .identifier, .endOfFile])
    }

    func testErrorsProduceInvalidTokensAndGoOn() {
        let (tokens, bag) = lex("a ? b $ c")
        XCTAssertEqual(bag.diagnostics.count, 2)
        XCTAssertEqual(tokens.map(\.kind), [.identifier, .invalid, .identifier, .invalid, .identifier, .endOfFile])
    }

    func testNULAndInvalidUTF8AreLexicalErrors() {
        let bytes: [UInt8] = Array("a ".utf8) + [0x00] + Array(" b ".utf8) + [0xFF, 0xC3] + Array(" c".utf8)
        let text = String(decoding: bytes, as: UTF8.self)
        let (tokens, bag) = lex(text)
        let messages = bag.diagnostics.compactMap { $0.message as? SyntaxMessage }
        XCTAssertEqual(messages, [.nulCharacter, .invalidEncoding, .invalidEncoding])
        XCTAssertEqual(tokens.filter { $0.kind == .identifier }.map(\.text), ["a", "b", "c"])
    }

    func testEmptyInputIsJustEndOfFile() {
        XCTAssertEqual(kinds(""), [.endOfFile])
        XCTAssertEqual(kinds("  // only a comment"), [.endOfFile])
    }
}
