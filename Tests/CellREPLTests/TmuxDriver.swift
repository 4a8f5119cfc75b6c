import Foundation
import XCTest

/// Drives a program on a real pseudo-terminal through tmux, the way a person would: type,
/// press keys, read the screen. Each driver runs its own tmux server (`-L` socket, no config
/// file), so a user's tmux sessions are never touched.
final class TmuxDriver {
    /// Screen size: wide enough that no test line wraps.
    static let columns = 120
    static let rows = 40
    /// How often the screen is read while waiting.
    static let pollInterval: TimeInterval = 0.05
    /// Long enough for a debug build to start and load its standard library on a busy machine.
    static let defaultTimeout: TimeInterval = 15

    private let tmux: String
    private let socket: String
    private let session = "cell"
    private var alive = true

    /// The tmux executable on PATH, or nil.
    static func tmuxPath() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/tmux"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Starts `command` (a shell command line) in a new detached session.
    /// Throws `XCTSkip` when tmux is not installed.
    init(command: String) throws {
        guard let tmux = Self.tmuxPath() else {
            throw XCTSkip("tmux is not installed: the terminal tests need it (apt install tmux)")
        }
        self.tmux = tmux
        socket = "cell-repl-tests-\(getpid())-\(UUID().uuidString.prefix(8))"
        let started = Subprocess.run(tmux, ["-L", socket, "-f", "/dev/null", "new-session", "-d",
                                      "-s", session, "-x", "\(Self.columns)", "-y", "\(Self.rows)",
                                      command])
        guard started.status == 0 else {
            throw DriverError.tmuxFailed("new-session exited with status \(started.status)")
        }
    }

    deinit { kill() }

    /// Types `text` literally (no key names are interpreted).
    func type(_ text: String) {
        _ = Subprocess.run(tmux, ["-L", socket, "send-keys", "-t", session, "-l", text])
    }

    /// Presses keys by tmux name: `Enter`, `Up`, `Tab`, `C-c`, `C-d`.
    func press(_ keys: String...) {
        _ = Subprocess.run(tmux, ["-L", socket, "send-keys", "-t", session] + keys)
    }

    /// The visible screen, one line per row, trailing blanks removed.
    func screen() -> String {
        Subprocess.run(tmux, ["-L", socket, "capture-pane", "-p", "-t", session]).output
    }

    /// The screen's lines without trailing blanks, and without the empty rows at the bottom.
    func lines() -> [String] {
        var lines = screen().split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    /// Waits until `condition` holds for the screen's lines; returns them. On timeout throws an
    /// error that shows the screen and says what was awaited.
    @discardableResult
    func waitFor(
        _ description: String, timeout: TimeInterval = TmuxDriver.defaultTimeout,
        until condition: ([String]) -> Bool
    ) throws -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let current = lines()
            if condition(current) { return current }
            if Date() > deadline {
                throw DriverError.timeout(description: description,
                                          screen: current.joined(separator: "\n"))
            }
            Thread.sleep(forTimeInterval: Self.pollInterval)
        }
    }

    /// Waits until some line of the screen equals `line` exactly (trailing blanks ignored).
    @discardableResult
    func waitFor(line: String, timeout: TimeInterval = TmuxDriver.defaultTimeout) throws
        -> [String] {
        try waitFor("a line `\(line)`", timeout: timeout) { $0.contains(line) }
    }

    /// Waits until the last non-empty line equals `line` (where the cursor usually is).
    @discardableResult
    func waitForLast(_ line: String, timeout: TimeInterval = TmuxDriver.defaultTimeout) throws
        -> [String] {
        try waitFor("last line `\(line)`", timeout: timeout) { $0.last == line }
    }

    /// Ends the session and its private server (only the ones this driver started).
    func kill() {
        guard alive else { return }
        alive = false
        _ = Subprocess.run(tmux, ["-L", socket, "kill-session", "-t", session])
        _ = Subprocess.run(tmux, ["-L", socket, "kill-server"])
    }

    enum DriverError: Error, CustomStringConvertible {
        case tmuxFailed(String)
        case timeout(description: String, screen: String)

        var description: String {
            switch self {
            case .tmuxFailed(let message): return "tmux failed: \(message)"
            case let .timeout(description, screen):
                return "timed out waiting for \(description); the screen was:\n\(screen)"
            }
        }
    }
}
