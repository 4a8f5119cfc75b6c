import XCTest
@testable import CellREPL

final class CompletionTests: XCTestCase {
    func testWordEndingAtTheCursor() {
        XCTAssertEqual(Completion.word(in: "mater", cursor: 5), "mater")
        XCTAssertEqual(Completion.word(in: "print LLZTO.sig", cursor: 15), "sig")
        XCTAssertEqual(Completion.word(in: "let d = 20 n", cursor: 12), "n")
        XCTAssertEqual(Completion.word(in: "let d = 20 ", cursor: 11), "")
        XCTAssertEqual(Completion.word(in: "abc def", cursor: 2), "ab", "cursor inside a word")
        XCTAssertEqual(Completion.word(in: "x_1", cursor: 99), "x_1", "cursor clamped to the end")
        XCTAssertEqual(Completion.word(in: "x", cursor: -3), "", "cursor clamped to the start")
    }

    func testWordWithNonASCIILettersUsesUTF8Offsets() {
        let line = "let µm2 = 1"
        let cursor = "let µm2".utf8.count  // 8 bytes: µ takes two
        XCTAssertEqual(Completion.word(in: line, cursor: cursor), "µm2")
        // An offset inside µ's two bytes falls back to the boundary before it.
        XCTAssertEqual(Completion.word(in: line, cursor: 5), "")
    }

    func testCommonPrefix() {
        XCTAssertEqual(Completion.commonPrefix(["material", "materials"]), "material")
        XCTAssertEqual(Completion.commonPrefix(["LLZTO"]), "LLZTO")
        XCTAssertEqual(Completion.commonPrefix(["abc", "abd", "ab"]), "ab")
        XCTAssertEqual(Completion.commonPrefix(["xa", "ya"]), "")
        XCTAssertEqual(Completion.commonPrefix([String]()), "")
    }

    func testUniqueCandidateIsCompleted() {
        XCTAssertEqual(Completion.plan(word: "mater", candidates: ["material", "let", "print"]),
                       CompletionPlan(insertion: "ial"))
        XCTAssertEqual(Completion.plan(word: "LLZ", candidates: ["LLZTO", "Li3OCl"]),
                       CompletionPlan(insertion: "TO"))
    }

    func testAmbiguousCandidatesInsertTheCommonPrefixAndList() {
        let plan = Completion.plan(word: "m", candidates: ["mAh", "mA", "mm", "mA"])
        XCTAssertEqual(plan, CompletionPlan(insertion: "", listing: ["mA", "mAh", "mm"]))
        let longer = Completion.plan(word: "Li", candidates: ["Li3OCl", "Li3PS4", "LLZTO"])
        XCTAssertEqual(longer, CompletionPlan(insertion: "3", listing: ["Li3OCl", "Li3PS4"]))
    }

    func testCompleteWordWithLongerAlternativeListsBoth() {
        let plan = Completion.plan(word: "material", candidates: ["material", "materials"])
        XCTAssertEqual(plan, CompletionPlan(insertion: "", listing: ["material", "materials"]))
        XCTAssertEqual(Completion.plan(word: "let", candidates: ["let"]), CompletionPlan())
    }

    func testCaseInsensitiveFallbackReplacesTheWord() {
        XCTAssertEqual(Completion.plan(word: "llz", candidates: ["LLZTO", "let"]),
                       CompletionPlan(deleteCount: 3, insertion: "LLZTO"))
        XCTAssertEqual(Completion.plan(word: "li", candidates: ["Li3OCl", "Li3PS4"]),
                       CompletionPlan(listing: ["Li3OCl", "Li3PS4"]))
    }

    func testNoMatchGivesNoPlan() {
        XCTAssertNil(Completion.plan(word: "zz", candidates: ["material"]))
        XCTAssertNil(Completion.plan(word: "a", candidates: []))
    }

    func testEmptyWordOffersEveryCandidate() {
        XCTAssertEqual(Completion.plan(word: "", candidates: ["nm", "mm"]),
                       CompletionPlan(insertion: "", listing: ["mm", "nm"]))
    }

    func testColumnsFillTopToBottomWithinTheWidth() {
        let items = ["a", "bb", "ccc", "dddd", "e"]
        // Cell width 4 + 2 = 6; width 13 fits (13 + 2) / 6 = 2 columns, so 3 rows.
        XCTAssertEqual(Completion.columns(items, width: 13), """
            a     dddd
            bb    e
            ccc

            """)
        XCTAssertEqual(Completion.columns(items, width: 1), "a\nbb\nccc\ndddd\ne\n",
                       "too narrow: one column")
        XCTAssertEqual(Completion.columns([], width: 80), "")
        for line in Completion.columns(items, width: 13).split(separator: "\n") {
            XCTAssertLessThanOrEqual(line.count, 13, "no line is wider than the terminal")
        }
    }

    func testColumnsCapTheListing() {
        let many = (0..<(Completion.maximumListed + 5)).map { "u\($0)" }
        let text = Completion.columns(many, width: 80)
        XCTAssertTrue(text.hasSuffix("… and 5 more\n"), text)
        XCTAssertFalse(text.contains("u\(Completion.maximumListed) "))
    }
}
