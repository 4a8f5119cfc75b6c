#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one attempt to read a line produced.
public enum LineResult: Sendable, Equatable {
    /// A line without its trailing newline. A line recalled from history may itself contain
    /// newlines (a whole multi-line block is one history entry).
    case line(String)
    /// Ctrl-C: the line being typed was discarded.
    case interrupted
    /// Ctrl-D on an empty line, or the end of piped input.
    case endOfInput
}

/// A source of input lines for the REPL session.
public protocol LineReader: AnyObject {
    /// True for a line editor on a terminal (prompts shown, Ctrl-C discards the entry, the
    /// session always exits 0); false for piped input.
    var isInteractive: Bool { get }

    /// Shows `prompt` (interactive readers only) and reads one line.
    func readLine(prompt: String) -> LineResult

    /// Records one complete entry (possibly several lines) in the history.
    func addHistory(_ entry: String)
}

/// Whether file descriptors are terminals.
public enum TerminalInfo {
    public static let standardInput: Int32 = 0
    public static let standardOutput: Int32 = 1

    /// True when `fd` is a terminal (isatty).
    public static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// True when line editing is appropriate: both stdin and stdout are terminals.
    public static var isInteractive: Bool {
        isTerminal(standardInput) && isTerminal(standardOutput)
    }
}

/// Reads plain lines (stdin not a terminal: `cell < recipe.cell`, pipes, CI): no prompts, no
/// escape codes, no history.
public final class PlainLineReader: LineReader {
    private let nextLine: () -> String?

    /// Reads from stdin; "\n" and "\r\n" both end a line, and a final line without a newline
    /// is still a line.
    public convenience init() {
        self.init(nextLine: { Swift.readLine(strippingNewline: true) })
    }

    /// Reads from `nextLine`, which returns nil at the end of input.
    public init(nextLine: @escaping () -> String?) {
        self.nextLine = nextLine
    }

    public var isInteractive: Bool { false }

    public func readLine(prompt: String) -> LineResult {
        guard let line = nextLine() else { return .endOfInput }
        return .line(line)
    }

    public func addHistory(_ entry: String) {}
}
