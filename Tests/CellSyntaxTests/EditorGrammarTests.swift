import Foundation
import XCTest
@testable import CellSyntax

/// grammar/cellscript.tmLanguage.json (editors) must stay in sync with the lexer and the EBNF:
/// every hard keyword, every step word and the contextual words the grammar names are
/// highlighted, and every keyword of the EBNF is one the lexer knows.
final class EditorGrammarTests: XCTestCase {
    static let grammar = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("grammar")

    func testTextMateGrammarNamesEveryKeywordAndStepWord() throws {
        let data = try Data(contentsOf: Self.grammar.appendingPathComponent("cellscript.tmLanguage.json"))
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(json["scopeName"] as? String, "source.cell")
        // All regexes of the grammar, concatenated: a word must appear as an alternative.
        var patterns = ""
        func collect(_ any: Any) {
            if let d = any as? [String: Any] {
                for (k, v) in d {
                    if ["match", "begin", "end"].contains(k), let s = v as? String { patterns += s + "\n" }
                    collect(v)
                }
            } else if let a = any as? [Any] {
                a.forEach(collect)
            }
        }
        collect(json)
        func highlighted(_ word: String) -> Bool {
            patterns.range(of: "(?<![A-Za-z_])\(word)(?![A-Za-z_])", options: .regularExpression) != nil
        }
        for k in Keyword.allCases where !highlighted(k.rawValue) {
            XCTFail("keyword `\(k.rawValue)` is not highlighted by the TextMate grammar")
        }
        for w in SyntaxMessage.stepWords where !highlighted(w) {
            XCTFail("step word `\(w)` is not highlighted by the TextMate grammar")
        }
    }

    func testEBNFKeywordsAreLexerKeywordsOrContextualWords() throws {
        let ebnf = try String(contentsOf: Self.grammar.appendingPathComponent("cell.ebnf"), encoding: .utf8)
        // Single letters are character classes of the lexical rules ("a" .. "z", "e" of exponents).
        let quoted = Set(ebnf.matches(of: /"([a-z][a-z_-]+)"/).map { String($0.1) })
        let known = Set(Keyword.allCases.map(\.rawValue)).union(SyntaxMessage.stepWords)
            .union(["on", "vs", "vary", "per", "decade", "amplitude", "step", "half", "cycle", "half-cycle",
                    "coating", "interface", "circuit", "load", "until", "repeat", "set",
                    "wt", "vol"])  // `wt%` and `vol%` are unit spellings
        for word in quoted.subtracting(known) {
            XCTFail("the EBNF uses the word \"\(word)\", which neither the lexer nor the contextual list knows")
        }
        XCTAssertTrue(quoted.contains("protocol") && quoted.contains("material"), "EBNF quotes keywords with double quotes")
    }
}
