import CellPhysics
import Dispatch
import Foundation

/// Ctrl-C during `cell run`/`cell test` stops the run cleanly: the current step ends, the
/// interpreter reports where it stopped, and every file already written stays (writes are atomic).
/// A second Ctrl-C exits at once. Progress appears as one updating line on stderr, only when
/// stderr is a terminal.
enum Interrupts {
    nonisolated(unsafe) private static var source: DispatchSourceSignal?

    static func install() {
        signal(SIGINT, SIG_IGN)
        let s = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        s.setEventHandler {
            if Activity.shared.isCancelled {
                Terminal.error("\n")
                exit(130)
            }
            Activity.shared.cancel()
        }
        s.resume()
        source = s
        if Terminal.stderrIsTerminal {
            Activity.shared.setSink { line in
                let width = 100
                let text = line.count > width ? String(line.prefix(width)) : line
                FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
            }
        }
    }

    /// Clears the progress line (call before printing the summary).
    static func finish() {
        if Terminal.stderrIsTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        Activity.shared.setSink(nil)
    }

    static var interrupted: Bool { Activity.shared.isCancelled }
}

/// Set by the SIGINT handler while the REPL evaluates (a plain store: async-signal-safe).
nonisolated(unsafe) private var interruptRequested: sig_atomic_t = 0

extension Interrupts {
    /// Runs `body` (one REPL entry) so that Ctrl-C stops the computation, not the session:
    /// SIGINT sets a flag that a watcher turns into `Activity.shared.cancel()`; the previous
    /// handler (libedit's, which discards the typed line) is restored afterwards.
    static func whileEvaluating<T>(_ body: () -> T) -> T {
        interruptRequested = 0
        Activity.shared.reset()
        var action = sigaction()
        var previous = sigaction()
        action.__sigaction_handler.sa_handler = { _ in interruptRequested = 1 }
        sigemptyset(&action.sa_mask)
        sigaction(SIGINT, &action, &previous)
        let watcher = DispatchSource.makeTimerSource(queue: .global())
        watcher.schedule(deadline: .now(), repeating: .milliseconds(50))
        watcher.setEventHandler { if interruptRequested != 0 { Activity.shared.cancel() } }
        watcher.resume()
        defer {
            watcher.cancel()
            sigaction(SIGINT, &previous, nil)
            Activity.shared.reset()
        }
        return body()
    }
}
