import CellDiagnostics
import CellOutput
import CellPhysics
import CellSyntax
import Dispatch
import Foundation

/// An `export` or `plot` produced inside a parallel loop, applied later in iteration order.
struct PendingWrite {
    enum Content {
        case table(DataTable)
        case plot(caption: String, svg: String)
    }
    var content: Content
    var path: String
    var span: Span
}

/// Parallel sweeps (issue "Performance"): iterations of `for` and `table for` whose bodies run
/// simulations or fits are independent, so they run on all cores, each in a worker interpreter
/// that shares the (read-only) scopes and keeps its own prints, expects, warnings and writes.
/// The loop then applies those in iteration order, so output is identical for any core count.
extension Interpreter {
    /// Fewer iterations than this are not worth a thread.
    static let minimumParallelIterations = 2
    /// Iterations faster than this stay on one thread: handing them over costs more than it
    /// saves (measured: 101 EIS runs of ≈ 0.1 ms each took 1.4× longer on 2 threads). Tests set
    /// it to zero to exercise the threads with cheap iterations.
    nonisolated(unsafe) static var minimumParallelIterationTime = Duration.milliseconds(2)

    /// Number of worker threads: `CELL_THREADS` if set (1 disables parallelism), else the cores.
    static var workerCount: Int {
        if let s = ProcessInfo.processInfo.environment["CELL_THREADS"], let n = Int(s), n >= 1 { return n }
        return ProcessInfo.processInfo.activeProcessorCount
    }

    /// A worker sharing this interpreter's scopes, options and position, with fresh outputs.
    func makeWorker() -> Interpreter {
        let w = Interpreter(sharing: self)
        w.defersWrites = true
        w.usedParameterKeys = usedParameterKeys
        return w
    }

    /// Appends a finished worker's outputs to this interpreter, in order.
    func absorb(_ w: Interpreter) throws {
        for line in w.printedLines { emit(line) }
        expects += w.expects
        for d in w.warnings.diagnostics { warnings.report(d) }
        for p in w.usedParameters where !usedParameterKeys.contains(p.material + "." + p.field) {
            usedParameterKeys.insert(p.material + "." + p.field)
            usedParameters.append(p)
        }
        for pending in w.pendingWrites { try write(pending.content, to: pending.path, span: pending.span) }
    }

    /// True when running `body` once is expensive enough to deserve a thread: it contains
    /// `run`, `fit` or `load` (a syntactic test; user functions are not followed).
    static func isExpensive(_ exprs: [Expr]) -> Bool { exprs.contains(where: containsSimulation) }
    static func isExpensive(_ stmts: [Stmt]) -> Bool { stmts.contains(where: containsSimulation) }

    static func containsSimulation(_ s: Stmt) -> Bool {
        switch s.kind {
        case .let(_, let e), .return(let e), .expression(let e): return containsSimulation(e)
        case .print(let es): return es.contains(where: containsSimulation)
        case .expect(.approximately(let a, let b, let c)): return [a, b, c].contains(where: containsSimulation)
        case .expect(.condition(let e)): return containsSimulation(e)
        case .for(_, let e, let body): return containsSimulation(e) || body.contains(where: containsSimulation)
        case .if(let c, let a, let b): return containsSimulation(c) || a.contains(where: containsSimulation) || (b ?? []).contains(where: containsSimulation)
        case .export(let a, let b): return containsSimulation(a) || containsSimulation(b)
        case .plot(let a, let b, let c): return containsSimulation(a) || (b.map(containsSimulation) ?? false) || containsSimulation(c)
        default: return false
        }
    }

    static func containsSimulation(_ e: Expr) -> Bool {
        switch e.kind {
        case .run, .fit, .load: return true
        case .number, .quantity, .string, .bool, .identifier, .circuit, .layer: return false
        case .list(let xs, _): return xs.contains(where: containsSimulation)
        case .record(let fs): return fs.contains { containsSimulation($0.value) }
        case .unary(_, let a), .member(let a, _), .convert(let a, _): return containsSimulation(a)
        case .binary(_, let a, let b), .index(let a, let b), .at(let a, let b): return containsSimulation(a) || containsSimulation(b)
        case .call(let f, let args): return containsSimulation(f) || args.contains { containsSimulation($0.value) }
        case .range(let a, let b, let c): return containsSimulation(a) || containsSimulation(b) || (c.map(containsSimulation) ?? false)
        case .tableFor(_, let s, let r): return containsSimulation(s) || containsSimulation(r)
        }
    }

    /// Runs `body(worker, i)` for every index on up to `workerCount` threads and returns the
    /// results in index order; the first error (lowest index) is rethrown after all finish.
    func parallelMap<T>(_ count: Int, _ body: @escaping (Interpreter, Int) throws -> T) throws -> [T] {
        let workers = (0..<count).map { _ in makeWorker() }
        let results = ResultSlots<T>(count: count)
        // Each worker interpreter is touched by exactly one thread; the scopes they share are only
        // read while the loop runs (iterations bind names in their own child scopes), which is
        // what makes handing them across threads sound.
        let shared = UncheckedSendable((workers: workers, body: body))
        // Iterations are handed out one at a time (not in fixed blocks), so a sweep whose
        // iterations differ in cost (a short that ends a CCD early, a slow fit) keeps every
        // thread busy until the end.
        // Helpers stop claiming once the first iteration proved cheap (threads would only cost).
        let gate = ParallelGate()
        let drain = { (isHelper: Bool) in
            // The worker guards the stack of the thread it runs on now (see `StackGuard`); looked
            // up once per thread (on the main thread it reads /proc/self/maps).
            let limit = StackGuard.currentLimit()
            while !(isHelper && gate.isClosed), let i = results.claim() {
                Activity.shared.report("sweep: iteration \(i + 1) of \(count)")
                shared.value.workers[i].stackLimit = limit
                do {
                    results.set(i, .success(try shared.value.body(shared.value.workers[i], i)))
                } catch {
                    results.set(i, .failure(error))
                }
            }
        }
        let threads = max(1, min(Self.workerCount, count))
        if threads == 1 {
            drain(false)
        } else {
            // Every thread starts at once (no iteration runs alone). Thread 0 times its first two
            // iterations; if the faster took under `minimumParallelIterationTime`, the helpers
            // finish what they hold and thread 0 does the rest alone.
            let work = UncheckedSendable(drain)
            let clock = ContinuousClock()
            DispatchQueue.concurrentPerform(iterations: threads) { t in
                guard t == 0 else { return work.value(true) }
                // Two timed iterations, judged by the faster: the first one also pays one-time
                // warm-up (caches, lazy globals) and would make a cheap sweep look expensive.
                var fastest = Duration.seconds(3600)
                let limit = StackGuard.currentLimit()
                for _ in 0..<2 {
                    guard let i = results.claim() else { break }
                    let start = clock.now
                    shared.value.workers[i].stackLimit = limit
                    do {
                        results.set(i, .success(try shared.value.body(shared.value.workers[i], i)))
                    } catch {
                        results.set(i, .failure(error))
                    }
                    fastest = min(fastest, clock.now - start)
                    if fastest < Self.minimumParallelIterationTime { gate.close() }
                }
                work.value(false)
            }
        }
        var values: [T] = []
        values.reserveCapacity(count)
        for i in 0..<count {
            try absorb(workers[i])
            switch results.get(i) {
            case .success(let v)?: values.append(v)
            case .failure(let e)?: throw e
            case nil: throw RuntimeError(.other("a parallel iteration produced no result"), at: nil)
            }
        }
        return values
    }
}

/// Result slots written by worker threads (each index exactly once) behind a lock, and the
/// next unclaimed index.
final class ResultSlots<T>: @unchecked Sendable {
    private var slots: [Result<T, Error>?]
    private var next = 0
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    /// The next index no thread has taken yet, or nil when all are taken.
    func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < slots.count else { return nil }
        next += 1
        return next - 1
    }
    func set(_ i: Int, _ r: Result<T, Error>) {
        lock.lock()
        slots[i] = r
        lock.unlock()
    }
    func get(_ i: Int) -> Result<T, Error>? {
        lock.lock()
        defer { lock.unlock() }
        return slots[i]
    }
}

/// Carries a value into a `@Sendable` closure when the caller guarantees the sharing is safe.
struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// Set once by the timing thread when iterations are too cheap for threads.
final class ParallelGate: @unchecked Sendable {
    private let lock = NSLock()
    private var closed = false
    var isClosed: Bool {
        lock.lock()
        defer { lock.unlock() }
        return closed
    }
    func close() {
        lock.lock()
        closed = true
        lock.unlock()
    }
}
