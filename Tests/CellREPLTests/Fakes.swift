import Foundation
@testable import CellREPL

/// An engine that understands just enough to test the session: an entry needs more input while
/// it has more `{` than `}` (and fails if evaluated so); `let NAME = VALUE` binds; a bound name evaluates to its value;
/// anything else fails with an `unknown name` message on stderr.
final class FakeEngine: REPLEngine {
    private(set) var evaluated: [String] = []
    private(set) var loaded: [String] = []
    private(set) var fieldsAsked: [String] = []
    private(set) var resets = 0
    private var bindings: [String: String] = [:]

    func needsMoreInput(_ text: String) -> Bool {
        text.filter { $0 == "{" }.count > text.filter { $0 == "}" }.count
    }

    func evaluate(_ text: String) -> REPLOutput {
        evaluated.append(text)
        if needsMoreInput(text) { return .failure("error: `}` expected") }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("let ") {
            let parts = trimmed.dropFirst(4).split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { return .failure("error: `=` expected") }
            bindings[parts[0].trimmingCharacters(in: .whitespaces)] =
                parts[1].trimmingCharacters(in: .whitespaces)
            return REPLOutput()
        }
        if trimmed.hasPrefix("fn ") { return REPLOutput() }
        if let value = bindings[trimmed] { return .success(value) }
        return .failure("error: unknown name `\(trimmed)`")
    }

    func completions(line: String, cursor: Int) -> [String] { ["material", "let"] }
    func materialsListing() -> String { "LLZTO\nLi3OCl" }
    func unitsListing() -> String { "mm nm S/cm" }

    func fieldsListing(material: String) -> REPLOutput {
        fieldsAsked.append(material)
        return material == "LLZTO" ? .success("sigma_ion\nE_a")
            : .failure("error: unknown material `\(material)`")
    }

    func reset() {
        resets += 1
        bindings.removeAll()
    }

    func load(path: String) -> REPLOutput {
        loaded.append(path)
        return .success("loaded \(path)\n")
    }
}

/// Replays scripted read results, then end of input; records prompts and history entries.
final class ScriptedReader: LineReader {
    let isInteractive: Bool
    private var script: [LineResult]
    private(set) var prompts: [String] = []
    private(set) var history: [String] = []

    init(_ script: [LineResult], interactive: Bool) {
        self.script = script
        self.isInteractive = interactive
    }

    /// Plain lines, in order.
    convenience init(lines: [String], interactive: Bool) {
        self.init(lines.map { .line($0) }, interactive: interactive)
    }

    /// How many scripted results were never read.
    var unread: Int { script.count }

    func readLine(prompt: String) -> LineResult {
        prompts.append(prompt)
        return script.isEmpty ? .endOfInput : script.removeFirst()
    }

    func addHistory(_ entry: String) { history.append(entry) }
}

/// Collects what the session writes.
final class RecordingConsole: REPLConsole {
    private(set) var out = ""
    private(set) var err = ""
    func writeOut(_ text: String) { out += text }
    func writeErr(_ text: String) { err += text }
}
