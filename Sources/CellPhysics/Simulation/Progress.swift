import Foundation

/// Cooperative cancellation and progress reporting for long work (protocol runs, sweeps, fits).
/// The command line sets `Activity.shared.cancel()` on Ctrl-C and installs a progress sink when
/// stderr is a terminal; models and loops call `checkCancelled()` and `report` between steps.
public final class Activity: @unchecked Sendable {
    public static let shared = Activity()

    private let lock = NSLock()
    private var cancelled = false
    private var sink: (@Sendable (String) -> Void)?
    private var lastReport = Date.distantPast
    /// Progress lines are throttled to this interval so reporting never costs time.
    public static let reportInterval: TimeInterval = 0.1

    public init() {}

    public var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    public func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
    }

    public func reset() {
        lock.lock()
        cancelled = false
        lock.unlock()
    }

    /// Where progress lines go (nil: nowhere).
    public func setSink(_ sink: (@Sendable (String) -> Void)?) {
        lock.lock()
        self.sink = sink
        lock.unlock()
    }

    /// Reports what runs and how far it got; cheap when no sink is installed.
    public func report(_ text: @autoclosure () -> String) {
        lock.lock()
        guard let sink, Date().timeIntervalSince(lastReport) >= Self.reportInterval else {
            lock.unlock()
            return
        }
        lastReport = Date()
        lock.unlock()
        sink(text())
    }

    /// Throws when the user asked to stop.
    public func checkCancelled(reached: @autoclosure () -> String) throws {
        if isCancelled { throw ModelError.cancelled(reached: reached()) }
    }
}
