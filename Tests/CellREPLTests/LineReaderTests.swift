import Foundation
import XCTest
@testable import CellREPL

final class LineReaderTests: XCTestCase {
    func testPlainReaderReturnsLinesThenEndOfInput() {
        var lines = ["let x = 1", "", "x"]
        let reader = PlainLineReader(nextLine: { lines.isEmpty ? nil : lines.removeFirst() })
        XCTAssertFalse(reader.isInteractive)
        XCTAssertEqual(reader.readLine(prompt: "cell> "), .line("let x = 1"))
        XCTAssertEqual(reader.readLine(prompt: "cell> "), .line(""))
        XCTAssertEqual(reader.readLine(prompt: "  ... "), .line("x"))
        XCTAssertEqual(reader.readLine(prompt: "cell> "), .endOfInput)
    }

    func testPlainSessionWritesNoPromptAndNoEscapeCodes() {
        var lines = ["let x = 2 mm", "x", "nope"]
        let reader = PlainLineReader(nextLine: { lines.isEmpty ? nil : lines.removeFirst() })
        let console = RecordingConsole()
        let status = REPLSession(engine: FakeEngine(), reader: reader, console: console).run()
        XCTAssertEqual(console.out, "2 mm\n")
        XCTAssertFalse((console.out + console.err).contains("\u{1B}"), "no escape codes")
        XCTAssertFalse(console.out.contains("cell>"), "no prompt")
        XCTAssertEqual(status, 1)
    }

    func testHistoryPathFollowsXDGStateHome() {
        XCTAssertEqual(EditLineReader.defaultHistoryPath(
            environment: ["XDG_STATE_HOME": "/tmp/state", "HOME": "/home/a"]),
            "/tmp/state/cell/history")
        XCTAssertEqual(EditLineReader.defaultHistoryPath(environment: ["HOME": "/home/a"]),
                       "/home/a/.local/state/cell/history")
        XCTAssertEqual(EditLineReader.defaultHistoryPath(
            environment: ["XDG_STATE_HOME": "relative/dir", "HOME": "/home/a"]),
            "/home/a/.local/state/cell/history", "a relative XDG_STATE_HOME is ignored")
        XCTAssertNil(EditLineReader.defaultHistoryPath(environment: [:]))
    }

    func testTerminalInfoSeesThatADevNullIsNotATerminal() throws {
        let fd = open("/dev/null", O_RDONLY)
        guard fd >= 0 else { throw XCTSkip("cannot open /dev/null") }
        defer { close(fd) }
        XCTAssertFalse(TerminalInfo.isTerminal(fd))
        XCTAssertFalse(TerminalInfo.isTerminal(-1), "a bad descriptor is not a terminal")
    }

    func testDefaultReaderIsPlainWithoutATerminal() throws {
        guard !TerminalInfo.isInteractive else {
            throw XCTSkip("tests run on a terminal here; the tmux tests cover that case")
        }
        XCTAssertTrue(REPLSession.defaultReader(for: FakeEngine()) is PlainLineReader)
    }
}
