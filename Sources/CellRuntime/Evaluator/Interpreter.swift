import CellDiagnostics
import CellPhysics
import CellSyntax
import CellUnits
import Foundation

/// How a recipe is being executed.
public struct RunOptions {
    public enum Mode: Sendable {
        /// Evaluate everything, simulate, write outputs, check expects.
        case run
        /// Parse and check names, units and fields; simulations, fits and file loads become
        /// unknown values that propagate, so nothing slow or external happens.
        case check
    }
    public var mode: Mode = .run
    /// Folder for `export`/`plot` (created on first write); nil means outputs are refused.
    public var outputDirectory: String?
    /// Folders a recipe may read besides its own folder tree and stdlib (`--allow-read`).
    public var allowedReadRoots: [String] = []
    /// Folder with the standard library's `.cell` files.
    public var stdlibDirectory: String?

    public init(mode: Mode = .run, outputDirectory: String? = nil, allowedReadRoots: [String] = [],
                stdlibDirectory: String? = nil) {
        self.mode = mode
        self.outputDirectory = outputDirectory
        self.allowedReadRoots = allowedReadRoots
        self.stdlibDirectory = stdlibDirectory
    }
}

/// The outcome of one `expect` statement.
public struct ExpectOutcome {
    public var span: Span
    public var passed: Bool
    /// The source text of the expectation, e.g. `expect sigma ≈ 2.09e-4 S/cm within 10%`.
    public var source: String
    /// Observed, expected and tolerance as text: `observed 2.19e-4 S/cm, expected 2.09e-4 S/cm ± 10 %`.
    public var detail: String
    /// The parts of `detail`, for tables (empty when not applicable).
    public var observed = ""
    public var expected = ""
    public var tolerance = ""
}

/// A material parameter a run used, for the report's provenance table.
public struct UsedParameter: Hashable {
    public var material: String
    public var field: String
    public var value: String
    public var source: String
}

/// Limits that keep a stranger's recipe from hanging or exhausting the machine (each reported
/// as a positioned error when hit).
public enum RuntimeLimits {
    /// Deeper user-function recursion than this is almost surely unbounded.
    public static let maxCallDepth = 200
    /// Stack kept free when nested expressions, blocks and calls stop with an error (see
    /// `StackGuard`).
    public static let stackReserveBytes = StackGuard.reserveBytes
    /// Lists, ranges and tables larger than this are mistakes at recipe scale.
    public static let maxListCount = 10_000_000
    /// `use` nesting deeper than this is a cycle or a mistake.
    public static let maxUseDepth = 32
}

/// Evaluates recipes. One interpreter holds one session: the stdlib scope and the user scope.
public final class Interpreter {
    public let options: RunOptions
    /// Built-ins and the standard library.
    public let globals: Environment
    /// The recipe's (or REPL's) top-level scope.
    public private(set) var scope: Environment
    /// Receives each line printed by `print`.
    public var printer: (String) -> Void
    public internal(set) var expects: [ExpectOutcome] = []
    public let warnings = DiagnosticBag()
    /// Files written by `export`/`plot`, relative to the output folder.
    public internal(set) var writtenFiles: [String] = []
    /// Every plot written, in order (for the HTML report).
    public internal(set) var plots: [(caption: String, svg: String)] = []
    /// Material parameters the models used, in first-use order (for the HTML report).
    public internal(set) var usedParameters: [UsedParameter] = []
    var usedParameterKeys = Set<String>()
    /// Every line printed, in order (for the HTML report).
    public private(set) var printedLines: [String] = []

    var callDepth = 0
    /// The lowest stack address `evaluate` and `execute` may reach (see `StackGuard`); set
    /// by `execute(_:diagnostics:)` for the thread that runs the program.
    var stackLimit: UInt = 0
    var useStack: [String] = []
    /// The folder of the file being executed (for `use` and `load`).
    var currentDirectory: String = FileManager.default.currentDirectoryPath

    /// Inside a parallel worker: `export`/`plot` are queued, not written (see Parallel.swift).
    var defersWrites = false
    var pendingWrites: [PendingWrite] = []
    /// `cell run --shard` / `cell merge`: how top-level sweeps are computed (Sharding/ShardPlan.swift).
    var shardPlan: ShardPlan?

    /// A worker for a parallel loop: same options, scopes and position; its own outputs.
    init(sharing parent: Interpreter) {
        options = parent.options
        printer = { _ in }
        globals = parent.globals
        scope = parent.scope
        recipeRoot = parent.recipeRoot
        currentDirectory = parent.currentDirectory
        useStack = parent.useStack
        allowsRebinding = parent.allowsRebinding
        callDepth = parent.callDepth
    }

    public init(options: RunOptions = RunOptions(), printer: @escaping (String) -> Void = { print($0) }) {
        self.options = options
        self.printer = printer
        self.globals = Environment()
        self.scope = Environment(parent: globals)
        Builtins.install(into: globals)
    }

    public var isChecking: Bool { options.mode == .check }

    /// Forgets the user's bindings (REPL `:reset`); stdlib stays loaded.
    public func reset() {
        scope = Environment(parent: globals)
        expects = []
        printedLines = []
    }

    func emit(_ line: String) {
        printedLines.append(line)
        printer(line)
    }

    // MARK: - Standard library

    /// Parses and executes every `.cell` file of the stdlib folder (sorted by name) into the
    /// global scope. Returns the diagnostics if any file fails.
    public func loadStdlib() -> [Diagnostic] {
        guard let dir = options.stdlibDirectory else { return [] }
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir))?
            .filter { $0.hasSuffix(".cell") }.sorted() ?? []
        var problems: [Diagnostic] = []
        for name in files {
            let path = (dir as NSString).appendingPathComponent(name)
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                problems.append(.error(RuntimeMessage.fileNotFound(path), at: nil))
                continue
            }
            let file = SourceFile(path: "stdlib/" + name, text: text)
            let bag = DiagnosticBag()
            let program = Parser.parse(file, diagnostics: bag)
            if bag.hasErrors {
                problems += bag.errors
                continue
            }
            do {
                for stmt in program.statements { _ = try execute(stmt, in: globals) }
            } catch let e as RuntimeError {
                problems.append(e.diagnostic)
            } catch {
                problems.append(.error(RuntimeMessage.other("\(error)"), at: nil))
            }
        }
        return problems
    }

    // MARK: - Running programs

    /// Executes a parsed program in the top-level scope.
    ///
    /// In run mode the first error stops execution and is thrown. In check mode errors are
    /// collected into `diagnostics` and execution continues with unknown values.
    /// Returns the value of the last expression statement (the REPL prints it).
    @discardableResult
    public func execute(_ program: Program, diagnostics: DiagnosticBag) -> Value? {
        let previousStackLimit = stackLimit
        if stackLimit == 0 { stackLimit = StackGuard.currentLimit() }
        defer { stackLimit = previousStackLimit }
        let previousDirectory = currentDirectory
        currentDirectory = (program.file.path as NSString).deletingLastPathComponent
        // A relative recipe path was relative to where it was found: its folder is the root.
        if !currentDirectory.hasPrefix("/") {
            currentDirectory = recipeRoot ?? (FileManager.default.currentDirectoryPath as NSString)
                .appendingPathComponent(currentDirectory)
        }
        defer { currentDirectory = previousDirectory }
        var last: Value?
        for stmt in program.statements {
            do {
                last = nil
                switch try execute(stmt, in: scope) {
                case .normal(let v): last = v
                case .returned(_, let span):
                    throw RuntimeError(.returnOutsideFunction, at: span)
                }
            } catch let e as RuntimeError {
                diagnostics.report(e.diagnostic)
                if !isChecking { return nil }
                if case .let(let name, _) = stmt.kind { scope.assign(name.text, .unknown(name.text)) }
            } catch {
                diagnostics.error(RuntimeMessage.other("\(error)"), at: stmt.span)
                if !isChecking { return nil }
            }
        }
        return last
    }

    enum Flow {
        /// Carries the value of an expression statement (for the REPL).
        case normal(Value?)
        case returned(Value, Span)
    }

    func execute(_ stmt: Stmt, in env: Environment) throws -> Flow {
        if Activity.shared.isCancelled { throw RuntimeError(.other("interrupted (Ctrl-C); files already written are kept"), at: stmt.span) }
        guard StackGuard.currentAddress() > stackLimit else {
            throw RuntimeError(.stackExhausted, at: stmt.span)
        }
        switch stmt.kind {
        case .let(let name, let expr):
            let value = try evaluate(expr, in: env)
            try bind(name, value, in: env)
        case .function(let decl):
            let fn = Function(name: decl.name.text, parameterNames: decl.parameters.map(\.name.text),
                              body: .user(decl, env))
            try bind(decl.name, .function(fn), in: env)
        case .print(let exprs):
            var parts: [String] = []
            for e in exprs { parts.append(try display(try evaluate(e, in: env), at: e.span)) }
            emit(parts.joined(separator: " "))
        case .expect(let expectation):
            try runExpect(expectation, span: stmt.span, in: env)
        case .for(let name, let seqExpr, let body):
            let items = try iterate(try evaluate(seqExpr, in: env), at: seqExpr.span)
            if items.count >= Self.minimumParallelIterations, Self.workerCount > 1, !isChecking, Self.isExpensive(body),
               !body.contains(where: { if case .return = $0.kind { return true } else { return false } }) {
                _ = try parallelMap(items.count) { worker, i in
                    let inner = Environment(parent: env)
                    inner.define(name.text, items[i])
                    _ = try worker.executeBlock(body, in: inner)
                }
                return .normal(nil)
            }
            for item in items {
                let inner = Environment(parent: env)
                inner.define(name.text, item)
                if case .returned(let v, let s) = try executeBlock(body, in: inner) { return .returned(v, s) }
            }
        case .if(let cond, let thenBody, let elseBody):
            let c = try evaluate(cond, in: env)
            if case .unknown = c {
                _ = try executeBlock(thenBody, in: Environment(parent: env))
                if let elseBody { _ = try executeBlock(elseBody, in: Environment(parent: env)) }
                return .normal(nil)
            }
            guard case .bool(let b) = c else {
                throw RuntimeError(.typeMismatch(expected: "a bool", found: describeType(c), context: "`if` condition"),
                                   at: cond.span)
            }
            if b { return try executeBlock(thenBody, in: Environment(parent: env)) }
            if let elseBody { return try executeBlock(elseBody, in: Environment(parent: env)) }
        case .use(let path):
            try use(path, span: stmt.span, in: env)
        case .return(let expr):
            return .returned(try evaluate(expr, in: env), stmt.span)
        case .material(let decl):
            try declareMaterial(decl, in: env)
        case .cell(let decl):
            try bind(decl.name, .cellTemplate(CellTemplate(decl: decl, environment: env)), in: env)
        case .protocol(let decl):
            try bind(decl.name, .protocol(ProtocolValue(decl: decl, environment: env)), in: env)
        case .export(let valueExpr, let pathExpr):
            try export(valueExpr, to: pathExpr, in: env)
        case .plot(let yExpr, let xExpr, let pathExpr):
            try plot(yExpr, versus: xExpr, to: pathExpr, in: env)
        case .expression(let expr):
            return .normal(try evaluate(expr, in: env))
        }
        return .normal(nil)
    }

    func executeBlock(_ stmts: [Stmt], in env: Environment) throws -> Flow {
        for s in stmts {
            if case .returned(let v, let span) = try execute(s, in: env) { return .returned(v, span) }
        }
        return .normal(nil)
    }

    /// Binds a name; at the top level of the REPL or a recipe a second `let` of the same name is
    /// an error, except that the REPL (and stdlib overrides) may rebind.
    func bind(_ name: Name, _ value: Value, in env: Environment) throws {
        if env === scope && allowsRebinding {
            env.assign(name.text, value)
            return
        }
        if !env.define(name.text, value) {
            throw RuntimeError(.redefinition(name.text), at: name.span)
        }
    }

    /// The REPL sets this so that `let x = ...` can be typed again.
    public var allowsRebinding = false

    // MARK: - use

    func use(_ path: String, span: Span, in env: Environment) throws {
        let full = resolve(path)
        if useStack.contains(full) { throw RuntimeError(.useCycle(path), at: span) }
        if useStack.count >= RuntimeLimits.maxUseDepth { throw RuntimeError(.useCycle(path), at: span) }
        try checkReadAllowed(full, written: path, span: span)
        try checkReadableFile(full, written: path, limit: Recipe.maxRecipeBytes, span: span)
        guard let data = FileManager.default.contents(atPath: full) else {
            throw RuntimeError(.fileNotFound(path), at: span)
        }
        // Inside the recipe's folder the file is named relative to it, as the recipe names it.
        let root = (currentRootDirectory as NSString).standardizingPath
        let shown = full.hasPrefix(root + "/") ? String(full.dropFirst(root.count + 1)) : full
        let file = SourceFile(path: shown, text: String(decoding: data, as: UTF8.self))
        let bag = DiagnosticBag()
        let program = Parser.parse(file, diagnostics: bag)
        if let first = bag.errors.first { throw RuntimeError(diagnostic: first) }
        useStack.append(full)
        let previousDirectory = currentDirectory
        currentDirectory = (full as NSString).deletingLastPathComponent
        defer {
            useStack.removeLast()
            currentDirectory = previousDirectory
        }
        for stmt in program.statements { _ = try execute(stmt, in: env) }
    }

    /// A path relative to the folder of the file being executed.
    func resolve(_ path: String) -> String {
        let p = path.hasPrefix("/") ? path : (currentDirectory as NSString).appendingPathComponent(path)
        return (p as NSString).standardizingPath
    }

    /// Reads are confined to the recipe's folder tree, the stdlib and `--allow-read` folders.
    func checkReadAllowed(_ full: String, written: String, span: Span) throws {
        let real = URL(fileURLWithPath: full).resolvingSymlinksInPath().path
        var roots = [currentRootDirectory] + options.allowedReadRoots
        if let s = options.stdlibDirectory { roots.append(s) }
        for root in roots {
            let r = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
            if real == r || real.hasPrefix(r.hasSuffix("/") ? r : r + "/") { return }
        }
        throw RuntimeError(.readOutsideAllowed(written), at: span)
    }

    /// Refuses, before reading, what is not a regular file of at most `limit` bytes: a missing
    /// file, a directory, a FIFO (reading it would block) or a huge file. Messages name the
    /// path as the recipe wrote it.
    func checkReadableFile(_ full: String, written: String, limit: Int, span: Span) throws {
        let real = URL(fileURLWithPath: full).resolvingSymlinksInPath().path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: real) else {
            throw RuntimeError(.other("cannot read `\(written)`: no such file"), at: span)
        }
        guard attributes[.type] as? FileAttributeType == .typeRegular else {
            throw RuntimeError(.other("cannot read `\(written)`: not a regular file"), at: span)
        }
        if let size = attributes[.size] as? Int, size > limit {
            throw RuntimeError(.other("`\(written)` is \(size >> 20) MiB; the limit is \(limit >> 20) MiB"), at: span)
        }
    }

    /// The folder of the top-level recipe (reads may go anywhere below it).
    public var recipeRoot: String?
    var currentRootDirectory: String { recipeRoot ?? FileManager.default.currentDirectoryPath }
}
