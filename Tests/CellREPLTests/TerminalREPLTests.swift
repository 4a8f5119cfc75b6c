import Foundation
import XCTest

/// The real `cell repl` on a real terminal (tmux), as a person would use it.
///
/// They run the binary at `.build/debug/cell` under the package root (or `$CELL_BINARY`), and
/// skip when it does not exist or does not answer `:help` like the REPL yet. Build it first:
/// `swift build --product cell`.
final class TerminalREPLTests: XCTestCase {
    private var driver: TmuxDriver?
    private var stateDirectory: URL?

    override func tearDown() {
        driver?.kill()
        driver = nil
        if let stateDirectory { try? FileManager.default.removeItem(at: stateDirectory) }
        super.tearDown()
    }

    /// Starts `cell repl` in tmux with a fresh, private history, and waits for the prompt.
    /// After the REPL ends, the pane shows `[exit status N]`.
    private func startREPL() throws -> TmuxDriver {
        let binary = try CellBinary.requireREPL()
        let state = FileManager.default.temporaryDirectory
            .appendingPathComponent("cell-repl-tests-\(UUID().uuidString)")
        stateDirectory = state
        let command = "env XDG_STATE_HOME=\(CellBinary.quoted(state.path)) "
            + "\(CellBinary.quoted(binary)) repl; echo \"[exit status $?]\"; sleep 600"
        let driver = try TmuxDriver(command: command)
        self.driver = driver
        try driver.waitForLast("cell>")
        return driver
    }

    func testBindingThenNamePrintsItsValue() throws {
        let repl = try startREPL()
        repl.type("let x = 2 mm")
        repl.press("Enter")
        try repl.waitForLast("cell>")
        repl.type("x")
        repl.press("Enter")
        let lines = try repl.waitFor(line: "2 mm")
        XCTAssertEqual(lines.suffix(3), ["cell> x", "2 mm", "cell>"], "\(lines)")
    }

    func testUpRecallsThePreviousLine() throws {
        let repl = try startREPL()
        repl.type("let x = 2 mm")
        repl.press("Enter")
        try repl.waitFor("a second prompt") { $0.last == "cell>" && $0.count >= 2 }
        repl.press("Up")
        let lines = try repl.waitForLast("cell> let x = 2 mm")
        XCTAssertEqual(lines.filter { $0 == "cell> let x = 2 mm" }.count, 2, "\(lines)")
    }

    func testTabCompletesKeywordsAndMaterials() throws {
        let repl = try startREPL()
        repl.type("mater")
        try repl.waitForLast("cell> mater")
        repl.press("Tab")
        try repl.waitForLast("cell> material")
        repl.press("C-c")
        try repl.waitForLast("cell>")
        // The standard library has both `LLZ` and `LLZTO`: Tab lists them, then `T` decides.
        repl.type("print LLZ")
        try repl.waitForLast("cell> print LLZ")
        repl.press("Tab")
        try repl.waitFor("`LLZ` and `LLZTO` listed") { lines in
            lines.contains { $0.split(separator: " ").contains("LLZTO") }
                && lines.last == "cell> print LLZ"
        }
        repl.type("T")
        repl.press("Tab")
        try repl.waitFor("`LLZT` completed to `LLZTO`") {
            $0.last?.hasPrefix("cell> print LLZTO") == true
        }
    }

    func testMultiLineFunctionBlock() throws {
        let repl = try startREPL()
        repl.type("fn f(a) {")
        repl.press("Enter")
        try repl.waitForLast("  ...")
        repl.type("  return 2 * a")
        repl.press("Enter")
        try repl.waitForLast("  ...")
        repl.type("}")
        repl.press("Enter")
        try repl.waitFor("the prompt after the block") { $0.last == "cell>" && $0.count >= 4 }
        repl.type("print f(3)")
        repl.press("Enter")
        let lines = try repl.waitFor(line: "6")
        XCTAssertEqual(Array(lines.prefix(3)),
                       ["cell> fn f(a) {", "  ...   return 2 * a", "  ... }"], "\(lines)")
    }

    func testAnErrorThenAWorkingLine() throws {
        let repl = try startREPL()
        repl.type("print nope_not_defined")
        repl.press("Enter")
        let afterError = try repl.waitFor("an error message") {
            $0.contains { $0.contains("error") } && $0.last == "cell>"
        }
        XCTAssertTrue(afterError.contains { $0.contains("nope_not_defined") },
                      "the error names the unknown name: \(afterError)")
        repl.type("let y = 3 mm")
        repl.press("Enter")
        try repl.waitFor("a prompt after the binding") { $0.last == "cell>" && $0.count >= 4 }
        repl.type("y")
        repl.press("Enter")
        try repl.waitFor(line: "3 mm")
    }

    func testCtrlCDiscardsAnUnfinishedBlock() throws {
        let repl = try startREPL()
        repl.type("fn g(a) {")
        repl.press("Enter")
        try repl.waitForLast("  ...")
        repl.press("C-c")
        try repl.waitForLast("cell>")
        repl.type("let z = 4 mm")
        repl.press("Enter")
        try repl.waitFor("a prompt after the binding") { $0.last == "cell>" && $0.count >= 3 }
        repl.type("z")
        repl.press("Enter")
        try repl.waitFor(line: "4 mm")
    }

    func testCtrlDExitsWithStatusZero() throws {
        let repl = try startREPL()
        repl.press("C-d")
        try repl.waitFor(line: "[exit status 0]")
    }

    func testPipedInputPrintsWithoutPromptOrEscapeCodes() throws {
        let binary = try CellBinary.requireREPL()
        let result = Subprocess.run(binary, [], stdin: "print 1 mm + 2 nm\n")
        XCTAssertEqual(result.status, 0, "stderr: \(result.error)")
        XCTAssertFalse(result.output.contains("\u{1B}"), "escape code in \(result.output.debugDescription)")
        XCTAssertFalse(result.output.contains("cell>"), "prompt in \(result.output.debugDescription)")
        let millimetres = try XCTUnwrap(CellBinary.lengthInMillimetres(result.output),
                                        "a length in \(result.output.debugDescription)")
        // Printing rounds to a few significant digits, so 1 mm + 2 nm may show as `1 mm`.
        let expected = 1.000002
        let printRounding = 1e-3
        let relativeError = abs(millimetres - expected) / expected
        XCTAssertLessThan(relativeError, printRounding,
                          "expected \(expected) mm, observed \(millimetres) mm, "
                          + "relative error \(relativeError)")
    }

    func testPipedInputWithAnErrorExitsOne() throws {
        let binary = try CellBinary.requireREPL()
        let result = Subprocess.run(binary, ["repl"], stdin: "print nope_not_defined\nprint 1 mm\n")
        XCTAssertEqual(result.status, 1, "stdout: \(result.output) stderr: \(result.error)")
        XCTAssertTrue(result.error.contains("nope_not_defined"), result.error)
        XCTAssertFalse(result.output.isEmpty, "the line after the error still runs")
    }
}

/// Finding the `cell` binary and checking that it already has the REPL.
enum CellBinary {
    /// `$CELL_BINARY`, else `<package root>/.build/debug/cell`.
    static var path: String {
        if let override = ProcessInfo.processInfo.environment["CELL_BINARY"], !override.isEmpty {
            return override
        }
        let root = URL(fileURLWithPath: #filePath)  // <root>/Tests/CellREPLTests/this file
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/cell").path
    }

    /// The binary's path, or `XCTSkip` when it is missing or `cell repl` does not answer
    /// `:help` with the command list yet.
    static func requireREPL() throws -> String {
        let binary = path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw XCTSkip("no `cell` binary at \(binary): build it with `swift build --product cell`")
        }
        let probe = Subprocess.run(binary, ["repl"], stdin: ":help\n")
        guard probe.output.contains(":fields MATERIAL") else {
            throw XCTSkip("`cell repl` at \(binary) is not wired to the REPL yet "
                          + "(`:help` printed \(probe.output.prefix(80).debugDescription))")
        }
        return binary
    }

    /// `text` in single quotes for /bin/sh.
    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The first `NUMBER UNIT` in `text` as millimetres, for a length unit; nil otherwise.
    static func lengthInMillimetres(_ text: String) -> Double? {
        let millimetresPer: [String: Double] = [
            "m": 1e3, "cm": 10, "mm": 1, "µm": 1e-3, "μm": 1e-3, "um": 1e-3, "nm": 1e-6,
        ]
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
        for (number, unit) in zip(words, words.dropFirst()) {
            if let value = Double(number), let scale = millimetresPer[String(unit)] {
                return value * scale
            }
        }
        return nil
    }
}
