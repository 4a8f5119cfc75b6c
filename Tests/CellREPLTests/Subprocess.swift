import Foundation

/// Runs a helper program (tmux, the `cell` binary) with posix_spawn and waitpid.
///
/// Output goes through temporary files rather than pipes: `tmux new-session` leaves a server
/// behind that inherits the child's descriptors, so a pipe would never reach end of file (and
/// Foundation's `Process` did not reap the tmux client here). Every run has a deadline.
enum Subprocess {
    /// Longest a helper program may run before it is killed (a stuck test must not hang).
    static let timeout: TimeInterval = 60
    /// How often the child is polled for its exit.
    static let pollInterval: TimeInterval = 0.01

    struct Result {
        var status: Int32
        var output: String
        var error: String
    }

    /// Runs `executable` with `arguments`, feeding `stdin` (nothing: /dev/null); returns its
    /// exit status (-1 when it could not start or was killed at the deadline) and its output.
    static func run(_ executable: String, _ arguments: [String], stdin: String? = nil) -> Result {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("cell-repl-subprocess-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: directory,
                                                    withIntermediateDirectories: true)
        } catch {
            return Result(status: -1, output: "", error: "cannot make \(directory.path): \(error)")
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        let inputPath = directory.appendingPathComponent("stdin").path
        let outputPath = directory.appendingPathComponent("stdout").path
        let errorPath = directory.appendingPathComponent("stderr").path
        if let stdin,
           !FileManager.default.createFile(atPath: inputPath, contents: Data(stdin.utf8)) {
            return Result(status: -1, output: "", error: "cannot write \(inputPath)")
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin == nil ? "/dev/null" : inputPath,
                                         O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC,
                                         0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC,
                                         0o600)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let environment = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") }
            + [nil]
        defer {
            argv.forEach { free($0) }
            environment.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environment)
        guard spawned == 0 else {
            return Result(status: -1, output: "",
                          error: "cannot start \(executable): \(String(cString: strerror(spawned)))")
        }

        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        var killed = false
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Date() > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                killed = true
                break
            }
            Thread.sleep(forTimeInterval: pollInterval)
        }
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        var error = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        if killed { error += "\n\(executable) \(arguments) did not finish in \(timeout) s" }
        return Result(status: killed ? -1 : exitStatus(status), output: output, error: error)
    }

    /// The exit code of a normally ended child, or 128 + signal like a shell.
    private static func exitStatus(_ status: Int32) -> Int32 {
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }
}
