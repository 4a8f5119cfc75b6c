import CellData
import CellDiagnostics
import CellRuntime
import CellSyntax
import Foundation
import XCTest

/// What the golden corpus cannot pin: errors whose position depends on the build (the stack
/// guard), work that must stay bounded (time, memory, output size), and threads with small
/// stacks. The malformed-input corpus itself is `Golden/input/robustness/` (docs/robustness.md).
final class RobustnessTests: XCTestCase {
    /// Runs `text` as a recipe in `mode` and returns the report.
    private static func run(_ text: String, mode: RunOptions.Mode = .run) -> RecipeReport {
        let file = SourceFile(path: "t.cell", text: text)
        let options = RunOptions(mode: mode, outputDirectory: nil, stdlibDirectory: nil)
        return Recipe.run(file: file, root: NSTemporaryDirectory(), options: options) { _ in }
    }

    private static func errorIDs(_ report: RecipeReport) -> [String] { report.errors.map(\.message.id) }

    /// A 200-deep recursion whose body is a 250-deep expression needs ~50 000 nested
    /// evaluations: the stack guard must stop it with a positioned error, in debug and release.
    func testDeepRecursionWithDeepBodyStopsWithPositionedError() {
        let report = Self.run("fn f(n) = " + String(repeating: "- ", count: 250) + "f(n + 1)\nprint(f(0))\n")
        XCTAssertEqual(report.errors.count, 1, "\(report.diagnostics.map(\.message.text))")
        let id = report.errors.first?.message.id ?? ""
        XCTAssertTrue(id == "runtime.stackExhausted" || id == "runtime.recursionTooDeep", "unexpected error \(id)")
        XCTAssertNotNil(report.errors.first?.span, "the error must point into the recipe")
    }

    /// The same recursion on a thread with a 512 KiB stack (a Dispatch worker's size): the
    /// guard reads the real bounds of the thread it runs on, so it stops in time there too.
    func testStackGuardHoldsOnASmallThreadStack() {
        let done = expectation(description: "recipe finished on a small stack")
        nonisolated(unsafe) var ids: [String] = []
        let thread = Thread {
            let report = Self.run("fn f(n) = 1 + f(n + 1)\nprint(f(0))\n")
            ids = Self.errorIDs(report)
            done.fulfill()
        }
        thread.stackSize = 512 << 10
        thread.start()
        wait(for: [done], timeout: 120)
        XCTAssertEqual(ids.count, 1)
        XCTAssertTrue(ids.first == "runtime.stackExhausted" || ids.first == "runtime.recursionTooDeep", "\(ids)")
    }

    /// A 100 000-term sum parses to one nesting error, and the partial tree is released
    /// without overflowing the stack (it used to crash while being freed).
    func testLongOperatorChainsAreBoundedByTheNestingLimit() {
        for op in [" + ", " * ", " or ", " at ", "^"] {
            let text = "let x = " + Array(repeating: "a", count: 100_000).joined(separator: op) + "\n"
            let bag = DiagnosticBag()
            _ = Parser.parse(SourceFile(path: "t.cell", text: text), diagnostics: bag)
            XCTAssertEqual(bag.errors.map(\.message.id), ["syntax.nestingTooDeep"], "operator `\(op)`")
        }
        // Exactly at the limit a chain is fine: 200 terms parse and evaluate.
        let report = Self.run("let a = 1\nlet x = " + Array(repeating: "a", count: 200).joined(separator: " + ") + "\nprint(x)\n")
        XCTAssertEqual(report.errors.count, 0, "\(report.diagnostics.map(\.message.text))")
        XCTAssertEqual(report.printed, ["200"])
    }

    /// Scopes and their functions form reference cycles; after a run they must be freed, or
    /// every run in one process (REPL `:load`, the fuzzer) leaks its scope.
    func testARunReleasesItsScope() {
        weak var leaked: Interpreter?
        do {
            let interpreter = Interpreter(options: RunOptions(mode: .check), printer: { _ in })
            leaked = interpreter
            let bag = DiagnosticBag()
            let program = Parser.parse(SourceFile(path: "t.cell", text: "fn f(x) = x + 1\nlet y = f(2)\n"), diagnostics: bag)
            interpreter.execute(program, diagnostics: bag)
            interpreter.scope.removeAll()
            interpreter.globals.removeAll()
        }
        XCTAssertNil(leaked, "the interpreter outlived its run")
    }

    /// 200 000 errors on one 1.6 MB line: at most `maxDiagnostics` are kept and each excerpt
    /// is a window, so rendering stays small and fast.
    func testManyErrorsOnOneHugeLineStayBounded() {
        let text = String(repeating: "let = 1;", count: 200_000) + "\n"
        let start = Date()
        let bag = DiagnosticBag()
        _ = Parser.parse(SourceFile(path: "t.cell", text: text), diagnostics: bag)
        let rendered = DiagnosticRenderer(color: false).render(bag.diagnostics)
        XCTAssertEqual(bag.diagnostics.count, DiagnosticBag.maxDiagnostics + 1)
        XCTAssertEqual(bag.diagnostics.last?.message.id, "diagnostics.tooMany")
        XCTAssertLessThan(rendered.utf8.count, 200 * (DiagnosticRenderer.maxExcerptWidth + 200),
                          "rendered \(rendered.utf8.count) bytes")
        XCTAssertLessThan(Date().timeIntervalSince(start), 60, "took \(Date().timeIntervalSince(start)) s")
    }

    /// Control characters never reach the terminal raw, and the caret stays in its column.
    func testExcerptsShowControlCharactersAsPictures() {
        let file = SourceFile(path: "t.cell", text: "let x = \u{1B}[31m 1\n")
        let bag = DiagnosticBag()
        _ = Parser.parse(file, diagnostics: bag)
        let rendered = DiagnosticRenderer(color: false).render(bag.diagnostics)
        XCTAssertFalse(rendered.unicodeScalars.contains { $0.value == 0x1B }, rendered)
        XCTAssertTrue(rendered.contains("\u{241B}"), rendered)
    }

    /// `-10 degC` is minus ten degrees Celsius (263.15 K), not the negation of 283.15 K.
    func testNegativeCelsiusLiteral() {
        let report = Self.run("print(-10 degC in K)\n")
        XCTAssertEqual(report.errors.count, 0)
        let printed = report.printed.first ?? ""
        let kelvin = Double(printed.split(separator: " ").first ?? "") ?? .nan
        XCTAssertEqual(kelvin, 263.15, accuracy: 0.1, "expected 263.15 K, observed \(printed)")
    }

    /// Random bytes through the data readers: a `DataError` or data, never a trap (a small
    /// deterministic stand-in for the libFuzzer target, run with every `make test`).
    func testDataReadersSurviveRandomBytes() {
        var generator = SplitMix64(seed: 0x5EED)
        for round in 0..<2_000 {
            let count = Int(generator.next() % 512)
            var bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            if round % 2 == 0 { bytes = Array("f,Zre,Zim\n1,2,-3\n".utf8) + bytes.map { $0 % 64 + 32 } }
            _ = try? EISFileReader.parse(data: bytes, fileName: round % 3 == 0 ? "x.mpt" : "x.csv")
            _ = try? TraceReader.parse(data: bytes, fileName: "x.csv")
        }
    }
}

/// A small, seedable generator (SplitMix64) so the random-bytes test is reproducible.
private struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
