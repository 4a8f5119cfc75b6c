import XCTest
@testable import CellREPL

final class REPLSessionTests: XCTestCase {
    private let primary = REPLSession.primaryPrompt
    private let continuation = REPLSession.continuationPrompt

    private func run(
        _ script: [LineResult], interactive: Bool
    ) -> (status: Int32, engine: FakeEngine, reader: ScriptedReader, console: RecordingConsole) {
        let engine = FakeEngine()
        let reader = ScriptedReader(script, interactive: interactive)
        let console = RecordingConsole()
        let status = REPLSession(engine: engine, reader: reader, console: console).run()
        return (status, engine, reader, console)
    }

    private func run(lines: [String], interactive: Bool)
        -> (status: Int32, engine: FakeEngine, reader: ScriptedReader, console: RecordingConsole) {
        run(lines.map { .line($0) }, interactive: interactive)
    }

    func testPromptsAreShownInTheDocumentedShape() {
        XCTAssertEqual(primary, "cell> ")
        XCTAssertEqual(continuation, "  ... ")
        XCTAssertEqual(primary.count, continuation.count, "prompts line up")
    }

    func testBindingThenNamePrintsTheValue() {
        let result = run(lines: ["let x = 2 mm", "x"], interactive: true)
        XCTAssertEqual(result.console.out, "2 mm\n\n", "value, then the newline after Ctrl-D")
        XCTAssertEqual(result.console.err, "")
        XCTAssertEqual(result.status, 0)
    }

    func testMultiLineBlockIsOneEntryAndOneHistoryEntry() {
        let result = run(lines: ["fn f(a) {", "  return 2 * a", "}", "let y = 1"],
                         interactive: true)
        XCTAssertEqual(result.engine.evaluated, ["fn f(a) {\n  return 2 * a\n}", "let y = 1"])
        XCTAssertEqual(result.reader.history, ["fn f(a) {\n  return 2 * a\n}", "let y = 1"])
        // Prompts: new entry, two continuations, new entry, new entry (end of input).
        XCTAssertEqual(result.reader.prompts,
                       [primary, continuation, continuation, primary, primary])
    }

    func testNestedBlocksContinueUntilAllAreClosed() {
        let result = run(lines: ["for i in xs {", "if a {", "}", "}"], interactive: true)
        XCTAssertEqual(result.engine.evaluated, ["for i in xs {\nif a {\n}\n}"])
        XCTAssertEqual(result.reader.prompts.prefix(4),
                       [primary, continuation, continuation, continuation])
    }

    func testRecalledMultiLineEntryIsEvaluatedWhole() {
        // libedit returns a recalled block as one line containing newlines.
        let result = run(lines: ["fn f(a) {\n  return a\n}"], interactive: true)
        XCTAssertEqual(result.engine.evaluated, ["fn f(a) {\n  return a\n}"])
        XCTAssertEqual(result.reader.prompts, [primary, primary])
    }

    func testCtrlCDiscardsTheWholePendingEntry() {
        let result = run([.line("fn f(a) {"), .line("  return a"), .interrupted, .line("let z = 3"),
                          .line("z")], interactive: true)
        XCTAssertEqual(result.engine.evaluated, ["let z = 3", "z"])
        XCTAssertEqual(result.reader.history, ["let z = 3", "z"], "discarded text is not history")
        XCTAssertEqual(result.reader.prompts,
                       [primary, continuation, continuation, primary, primary, primary])
        XCTAssertEqual(result.console.out, "3\n\n")
    }

    func testBlankLinesAreIgnoredAndNotRecorded() {
        let result = run(lines: ["", "   ", "let a = 1"], interactive: true)
        XCTAssertEqual(result.engine.evaluated, ["let a = 1"])
        XCTAssertEqual(result.reader.history, ["let a = 1"])
    }

    func testErrorsPrintAndTheSessionContinues() {
        let result = run(lines: ["nope", "let x = 2 mm", "x"], interactive: true)
        XCTAssertEqual(result.console.err, "error: unknown name `nope`\n")
        XCTAssertEqual(result.console.out, "2 mm\n\n")
        XCTAssertEqual(result.status, 0, "an interactive session exits 0 even after errors")
    }

    func testPlainModeExitsOneWhenAnyEntryFailed() {
        let result = run(lines: ["nope", "let x = 1", "x"], interactive: false)
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.console.out, "1\n", "no prompt, no trailing newline in plain mode")
        XCTAssertEqual(result.engine.evaluated, ["nope", "let x = 1", "x"], "it keeps going")
    }

    func testPlainModeExitsZeroWhenEverythingWorked() {
        let result = run(lines: ["let x = 1", "x"], interactive: false)
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.console.out, "1\n")
    }

    func testEndOfInputInsideABlockLetsTheEngineReportIt() {
        let result = run(lines: ["fn f(a) {", "  return a"], interactive: false)
        XCTAssertEqual(result.engine.evaluated, ["fn f(a) {\n  return a"])
        XCTAssertEqual(result.status, 1, "the fake engine rejects the unfinished block")
    }

    func testCtrlDOnAnEmptyLineExitsZeroAfterANewline() {
        let result = run([.endOfInput, .line("x")], interactive: true)
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.console.out, "\n")
        XCTAssertEqual(result.reader.unread, 1, "nothing is read after Ctrl-D")
    }

    func testQuitStopsReading() {
        for quit in [":quit", ":q", "  :q  "] {
            let result = run(lines: [quit, "x"], interactive: true)
            XCTAssertEqual(result.status, 0, quit)
            XCTAssertEqual(result.reader.unread, 1, "\(quit): the line after it is never read")
            XCTAssertEqual(result.console.out, "", "\(quit): no newline, the line was entered")
        }
    }

    func testQuitInPlainModeKeepsTheFailureStatus() {
        let result = run(lines: ["nope", ":quit"], interactive: false)
        XCTAssertEqual(result.status, 1)
    }

    func testCommandsReachTheEngine() {
        let result = run(lines: [":load recipes/a b.cell", ":load \"q.cell\"", ":materials",
                                 ":units", ":fields LLZTO", "let x = 1", ":reset", "x"],
                         interactive: true)
        XCTAssertEqual(result.engine.loaded, ["recipes/a b.cell", "q.cell"])
        XCTAssertEqual(result.engine.fieldsAsked, ["LLZTO"])
        XCTAssertEqual(result.engine.resets, 1)
        XCTAssertEqual(result.engine.evaluated, ["let x = 1", "x"], "commands are not evaluated")
        XCTAssertEqual(result.console.out,
                       "loaded recipes/a b.cell\nloaded q.cell\nLLZTO\nLi3OCl\nmm nm S/cm\n"
                       + "sigma_ion\nE_a\n\n")
        XCTAssertEqual(result.console.err, "error: unknown name `x`\n", "reset forgot `x`")
        XCTAssertEqual(result.reader.history.first, ":load recipes/a b.cell")
    }

    func testHelpListsEveryCommand() {
        let result = run(lines: [":help"], interactive: true)
        for name in [":help", ":load FILE", ":materials", ":units", ":fields MATERIAL", ":reset",
                     ":quit"] {
            XCTAssertTrue(result.console.out.contains(name), "help mentions \(name)")
        }
    }

    func testUnknownCommandSuggestsTheClosest() {
        let result = run(lines: [":materail", ":lod x", ":frobnicate"], interactive: false)
        XCTAssertEqual(result.console.err, """
            error: unknown command `:materail` (did you mean `:materials`?)
            error: unknown command `:lod` (did you mean `:load`?)
            error: unknown command `:frobnicate`; `:help` lists the commands

            """)
        XCTAssertEqual(result.status, 1, "a bad command is a failure in plain mode")
    }

    func testFailedFieldsListingIsAFailure() {
        let result = run(lines: [":fields Unobtainium"], interactive: false)
        XCTAssertEqual(result.console.err, "error: unknown material `Unobtainium`\n")
        XCTAssertEqual(result.status, 1)
    }

    func testColonInsideAnOpenBlockIsNotACommand() {
        let result = run(lines: ["let r = {", ":quit", "}"], interactive: true)
        XCTAssertEqual(result.engine.evaluated, ["let r = {\n:quit\n}"])
    }
}
