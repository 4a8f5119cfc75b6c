import CLibEdit
import Foundation

/// A line editor on the terminal, through libedit's native API (see shared notes/LIBEDIT.md):
/// emacs keys, history kept in a file, Ctrl-R history search, Tab completion, and Ctrl-C that
/// discards the line instead of killing the process (while a line is being read; between
/// reads SIGINT has its default action, so a runaway evaluation can still be stopped).
///
/// Use it only when both stdin and stdout are terminals (`TerminalInfo.isInteractive`).
public final class EditLineReader: LineReader {
    /// Entries kept in memory and in the history file.
    public static let historySize: Int32 = 1000
    /// Columns assumed for listing completions when the width cannot be read.
    static let fallbackColumns: Int32 = 80
    /// The name under which the completion function is registered (visible to ~/.editrc).
    static let completeFunctionName = "cell-complete"

    private let editor: OpaquePointer
    private let history: OpaquePointer
    private let context: EditLineContext
    private let historyPath: String?

    /// Starts libedit on stdin/stdout/stderr, loads the history from `historyPath` (nil: no
    /// history file), and asks `completions` for Tab (the line and a UTF-8 cursor offset).
    /// Returns nil when libedit cannot start.
    public init?(
        historyPath: String? = EditLineReader.defaultHistoryPath(),
        completions: @escaping (_ line: String, _ cursor: Int) -> [String]
    ) {
        _ = cell_setup_locale()
        guard let history = cell_history_init(Self.historySize) else { return nil }
        guard let editor = cell_el_init(CommandLine.arguments.first ?? "cell") else {
            history_end(history)
            return nil
        }
        self.editor = editor
        self.history = history
        self.context = EditLineContext(completions: completions)
        self.historyPath = historyPath
        if let historyPath {
            Self.createParentDirectory(of: historyPath)
            _ = cell_history_load(history, historyPath)  // a missing file is fine
        }
        _ = cell_el_set_clientdata(editor, Unmanaged.passUnretained(context).toOpaque())
        _ = cell_el_set_prompt(editor, { el in
            guard let el, let raw = cell_el_get_clientdata(el) else { return cell_fallback_prompt() }
            return Unmanaged<EditLineContext>.fromOpaque(raw).takeUnretainedValue().prompt
        })
        _ = cell_el_set_editor(editor, "emacs")
        _ = cell_el_set_signal(editor, 1)
        _ = cell_el_set_hist(editor, history)
        _ = cell_el_addfn(editor, Self.completeFunctionName, "complete the word before the cursor",
                          { el, _ in
            guard let el, let raw = cell_el_get_clientdata(el) else { return UInt8(CC_ERROR) }
            return Unmanaged<EditLineContext>.fromOpaque(raw).takeUnretainedValue().complete(el)
        })
        _ = cell_el_bind(editor, "^I", Self.completeFunctionName)
        _ = cell_el_bind(editor, "^R", "em-inc-search-prev")
        _ = cell_el_source(editor, nil)  // ~/.editrc last, so it can override our bindings
    }

    deinit {
        el_end(editor)
        history_end(history)
    }

    public var isInteractive: Bool { true }

    public func readLine(prompt: String) -> LineResult {
        context.setPrompt(prompt)
        var count: Int32 = 0
        // Ctrl-C discards the line only while reading; during evaluation it stops the process
        // as usual (the engine has no way to be interrupted yet).
        _ = cell_install_sigint_noop()
        let raw = el_gets(editor, &count)
        let readError = errno
        _ = cell_install_sigint_default()
        guard let raw else {
            // count -1 with EINTR: Ctrl-C; count 0: end of input. Any other error ends input
            // too, rather than spinning on a terminal that went away.
            if count == -1, readError == EINTR {
                StandardConsole.write("\n", to: TerminalInfo.standardOutput)
                return .interrupted
            }
            return .endOfInput
        }
        guard count > 0 else { return .endOfInput }
        var line = String(cString: raw)  // valid only until the next call: copy now
        if line.hasSuffix("\n") { line.removeLast() }
        return .line(line)
    }

    public func addHistory(_ entry: String) {
        _ = cell_history_enter(history, entry)
        if let historyPath { _ = cell_history_save(history, historyPath) }
    }

    /// `$XDG_STATE_HOME/cell/history`, else `~/.local/state/cell/history`; nil without a home.
    public static func defaultHistoryPath(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return state + "/cell/history"  // XDG: a relative value is invalid and ignored
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.local/state/cell/history"
    }

    /// Saving into a missing directory fails silently, so make it first.
    private static func createParentDirectory(of path: String) {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }
}

/// Per-editor state reached from libedit's C callbacks through `EL_CLIENTDATA` (C callbacks
/// cannot capture): the current prompt and the completion source.
private final class EditLineContext {
    /// strdup'd, owned here, replaced only when the prompt text changes: libedit reads it
    /// after the callback returns, so it must outlive the call.
    private(set) var prompt: UnsafeMutablePointer<CChar>
    private var promptText = ""
    private let completions: (String, Int) -> [String]

    init(completions: @escaping (String, Int) -> [String]) {
        self.completions = completions
        self.prompt = strdup("") ?? cell_fallback_prompt()
    }

    deinit { free(prompt) }

    func setPrompt(_ text: String) {
        guard text != promptText, let copy = strdup(text) else { return }
        free(prompt)
        prompt = copy
        promptText = text
    }

    /// The Tab handler: asks for candidates, inserts their common prefix, lists them when
    /// ambiguous. Returns a CC_* code.
    func complete(_ editor: OpaquePointer) -> UInt8 {
        guard let info = cell_el_line(editor)?.pointee, let buffer = info.buffer else {
            return UInt8(CC_ERROR)
        }
        let length = info.lastchar.map { buffer.distance(to: $0) } ?? 0
        let cursor = info.cursor.map { buffer.distance(to: $0) } ?? length
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(buffer)
            .assumingMemoryBound(to: UInt8.self), count: max(0, length))
        let line = String(decoding: bytes, as: UTF8.self)
        let word = String(Completion.word(in: line, cursor: cursor))
        let candidates = commandCandidates(line: line, cursor: cursor, word: word)
            ?? completions(line, cursor)
        guard let plan = Completion.plan(word: word, candidates: candidates) else {
            return UInt8(CC_REFRESH_BEEP)
        }
        if plan.deleteCount > 0 { cell_el_deletestr(editor, Int32(plan.deleteCount)) }
        if !plan.insertion.isEmpty { _ = cell_el_insertstr(editor, plan.insertion) }
        guard !plan.listing.isEmpty else { return UInt8(CC_REFRESH) }
        let width = Int(cell_terminal_columns(TerminalInfo.standardOutput,
                                              EditLineReader.fallbackColumns))
        cell_el_print(editor, "\n" + Completion.columns(plan.listing, width: width))
        return UInt8(CC_REDISPLAY)
    }

    /// REPL command names when the word is the name right after a leading `:`; nil otherwise.
    private func commandCandidates(line: String, cursor: Int, word: String) -> [String]? {
        let before = String(decoding: line.utf8.prefix(max(0, cursor)), as: UTF8.self)
        let head = before.drop(while: { $0 == " " || $0 == "\t" })
        guard head == ":" + word else { return nil }
        return REPLCommand.names
    }
}
