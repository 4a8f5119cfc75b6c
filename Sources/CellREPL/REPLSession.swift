/// The read–evaluate–print loop: reads lines, gathers multi-line entries, runs `:` commands,
/// hands entries to the engine and writes what it returns.
///
/// Interactive (a line editor on a terminal): prompts `cell> ` and `  ... `, Ctrl-C discards
/// the entry being typed, errors never end the session, the exit status is 0.
/// Plain (piped input): no prompts, and the exit status is 1 if any entry failed, like
/// `cell run`.
public final class REPLSession {
    /// Shown when a new entry starts.
    public static let primaryPrompt = "cell> "
    /// Shown while an entry continues (open block, bracket, string or comment); as wide as
    /// the primary prompt so that indentation lines up.
    public static let continuationPrompt = "  ... "

    private let engine: REPLEngine
    private let reader: LineReader
    private let console: REPLConsole
    private var anyFailed = false

    public init(engine: REPLEngine, reader: LineReader, console: REPLConsole = StandardConsole()) {
        self.engine = engine
        self.reader = reader
        self.console = console
    }

    /// The reader fit for this process: libedit when both stdin and stdout are terminals (and
    /// libedit starts), plain lines otherwise. Tab completion asks `engine`.
    public static func defaultReader(for engine: REPLEngine) -> LineReader {
        if TerminalInfo.isInteractive,
           let editor = EditLineReader(completions: { [unowned engine] line, cursor in
               engine.completions(line: line, cursor: cursor)
           }) {
            return editor
        }
        return PlainLineReader()
    }

    /// Runs until `:quit`, Ctrl-D on an empty line or the end of input; returns the exit
    /// status (0, or 1 in plain mode when any entry failed).
    public func run() -> Int32 {
        var pending: [String] = []
        while true {
            let prompt = pending.isEmpty ? Self.primaryPrompt : Self.continuationPrompt
            switch reader.readLine(prompt: prompt) {
            case .interrupted:
                pending.removeAll()
            case .endOfInput:
                if reader.isInteractive { console.writeOut("\n") }  // libedit leaves "^D" open
                if !pending.isEmpty {
                    // An entry cut short by the end of input: let the engine report what is open.
                    evaluate(pending.joined(separator: "\n"))
                }
                return exitStatus
            case .line(let line):
                if pending.isEmpty, REPLCommand.isCommand(line) {
                    reader.addHistory(line)
                    if perform(line) == .quit { return exitStatus }
                    continue
                }
                pending.append(line)
                let entry = pending.joined(separator: "\n")
                if entry.allSatisfy(\.isWhitespace) {
                    pending.removeAll()
                    continue
                }
                if engine.needsMoreInput(entry) { continue }
                pending.removeAll()
                reader.addHistory(entry)
                evaluate(entry)
            }
        }
    }

    private var exitStatus: Int32 { !reader.isInteractive && anyFailed ? 1 : 0 }

    private func evaluate(_ entry: String) {
        show(engine.evaluate(entry))
    }

    private enum Outcome { case proceed, quit }

    /// Runs one `:` command line.
    private func perform(_ line: String) -> Outcome {
        let command: REPLCommand
        do {
            command = try REPLCommand.parse(line)
        } catch {
            show(.failure(error.message))
            return .proceed
        }
        switch command {
        case .help: show(.success(REPLCommand.helpText))
        case .load(let path): show(engine.load(path: path))
        case .materials: show(.success(engine.materialsListing()))
        case .units: show(.success(engine.unitsListing()))
        case .fields(let material): show(engine.fieldsListing(material: material))
        case .reset: engine.reset()
        case .quit: return .quit
        }
        return .proceed
    }

    /// Writes an output, each stream ending with a newline, and remembers failures.
    private func show(_ output: REPLOutput) {
        if !output.stdout.isEmpty { console.writeOut(Self.terminated(output.stdout)) }
        if !output.stderr.isEmpty { console.writeErr(Self.terminated(output.stderr)) }
        if output.failed { anyFailed = true }
    }

    private static func terminated(_ text: String) -> String {
        text.hasSuffix("\n") ? text : text + "\n"
    }
}
