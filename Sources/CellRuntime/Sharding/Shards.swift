import CellDiagnostics
import CellOutput
import CellSyntax
import Foundation

/// What `cell run FILE --shard i/N` produced.
public struct ShardRunReport {
    public var diagnostics: [Diagnostic] = []
    /// The shard file written, relative to the output folder (nil after an error).
    public var writtenFile: String?
    /// Top-level sweeps found and rows this shard computed.
    public var sweepCount = 0
    public var rowCount = 0
    /// Things the user should know (e.g. a top-level `for` that is not sharded).
    public var notes: [String] = []
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
}

/// Batch-scheduler sharding of a recipe's top-level sweeps (docs/sharding.md).
///
/// `runShard` computes iterations k with k mod N = i − 1 of every `let NAME = table for ...`
/// at the top level of the recipe and writes them to `shard-i-of-N.json`; prints, expects,
/// exports, plots and top-level `for` loops are skipped, and a `let` no sweep needs is not
/// evaluated. `merge` re-runs the whole recipe with every sweep's rows read from the shard files,
/// so its prints, expects and files are those of a single-machine run.
public enum Shards {
    /// Runs one shard of the recipe at `path`; the shard file goes into `options.outputDirectory`.
    public static func runShard(path: String, selection: ShardSelection, options: RunOptions) -> ShardRunReport {
        var report = ShardRunReport()
        guard let prepared = prepare(path: path, options: options, printer: { _ in }, into: &report.diagnostics) else {
            return report
        }
        let (interpreter, program) = prepared
        defer { release(interpreter) }
        let plan = ShardPlan(mode: .compute(selection), program: program)
        interpreter.shardPlan = plan
        report.sweepCount = plan.sweeps.count
        if plan.sweeps.isEmpty {
            report.diagnostics.append(.error(PlainMessage("`\(path)` has no top-level sweep (`let NAME = table for ...`) to shard",
                                                          id: "shard.noSweep"), at: nil))
            return report
        }
        do {
            report.notes = try executeSweepsOnly(program, interpreter: interpreter)
            let sweeps = try plan.computed.enumerated().map { k, sweep -> ShardFile.Sweep in
                guard let sweep else { throw ShardError("sweep `\(plan.sweeps[k].name.text)` was not evaluated") }
                return sweep
            }
            report.rowCount = sweeps.reduce(0) { $0 + $1.rows.count }
            let file = ShardFile(recipe: path, recipeHash: ShardFile.hash(of: program.file.text),
                                 shard: selection.index, shards: selection.count, sweeps: sweeps)
            guard let folder = options.outputDirectory else { throw ShardError("no output folder for the shard file") }
            let name = ShardFile.fileName(shard: selection.index, of: selection.count)
            _ = try OutputDirectory(root: folder).write(try file.encoded(), to: name)
            report.writtenFile = name
        } catch let e as RuntimeError {
            report.diagnostics.append(e.diagnostic)
        } catch {
            report.diagnostics.append(.error(PlainMessage("\(error)", id: "shard.error"), at: nil))
        }
        report.diagnostics += interpreter.warnings.diagnostics
        return report
    }

    /// Re-runs the recipe at `path` with every top-level sweep's rows taken from `shardFiles`,
    /// after checking they are all N shards of this exact recipe and hold every row once.
    public static func merge(path: String, shardFiles: [String], options: RunOptions,
                             printer: @escaping (String) -> Void) -> RecipeReport {
        var report = RecipeReport()
        var diagnostics: [Diagnostic] = []
        guard let (interpreter, program) = prepare(path: path, options: options, printer: printer, into: &diagnostics) else {
            report.diagnostics = diagnostics
            return report
        }
        defer { release(interpreter) }
        report.file = program.file
        let sweeps = ShardPlan.topLevelSweeps(program)
        do {
            let files = try shardFiles.map { try ShardFile.read(path: $0) }
            let rows = try combine(files, paths: shardFiles, sweeps: sweeps.map(\.name.text),
                                   recipeHash: ShardFile.hash(of: program.file.text))
            interpreter.shardPlan = ShardPlan(mode: .replay(rows), program: program)
        } catch {
            report.diagnostics = [.error(PlainMessage("\(error)", id: "merge.shards"), at: nil)]
            return report
        }
        let bag = DiagnosticBag()
        interpreter.execute(program, diagnostics: bag)
        report.diagnostics = bag.diagnostics + interpreter.warnings.diagnostics
        report.expects = interpreter.expects
        report.printed = interpreter.printedLines
        report.writtenFiles = interpreter.writtenFiles
        report.plots = interpreter.plots
        report.usedParameters = interpreter.usedParameters
        return report
    }

    /// Checks that `files` are shards 1…N of the recipe with `recipeHash` and returns, per sweep,
    /// its rows in iteration order.
    static func combine(_ files: [ShardFile], paths: [String], sweeps: [String], recipeHash: String) throws -> [[[ShardValue]]] {
        guard let first = files.first else { throw ShardError("`cell merge` needs the shard files (`shard-*-of-N.json`)") }
        let n = first.shards
        var seen = Set<Int>()
        for (file, path) in zip(files, paths) {
            guard file.recipeHash == recipeHash else {
                throw ShardError("`\(path)` was computed from a different version of the recipe (hash \(file.recipeHash), recipe \(recipeHash))")
            }
            guard file.shards == n else { throw ShardError("`\(path)` is shard \(file.shard) of \(file.shards), the others are of \(n)") }
            guard seen.insert(file.shard).inserted else { throw ShardError("shard \(file.shard) of \(n) is given twice (`\(path)`)") }
            guard file.sweeps.map(\.name) == sweeps else {
                throw ShardError("`\(path)` holds sweeps \(file.sweeps.map(\.name)); the recipe has \(sweeps)")
            }
        }
        if let missing = (1...max(1, n)).first(where: { !seen.contains($0) }) {
            throw ShardError("shard \(missing) of \(n) is missing (expected `\(ShardFile.fileName(shard: missing, of: n))`)")
        }
        return try sweeps.indices.map { k in
            let parts = files.map { $0.sweeps[k] }
            let count = parts[0].count, columns = parts[0].columns
            var rows = [[ShardValue]?](repeating: nil, count: count)
            for part in parts {
                guard part.count == count, part.columns == columns else {
                    throw ShardError("sweep `\(sweeps[k])` differs between shard files (iterations or columns)")
                }
                for row in part.rows {
                    guard row.index >= 0, row.index < count else {
                        throw ShardError("sweep `\(sweeps[k])`: row \(row.index) is outside 0..<\(count)")
                    }
                    guard rows[row.index] == nil else { throw ShardError("sweep `\(sweeps[k])`: row \(row.index) appears twice") }
                    rows[row.index] = row.values
                }
            }
            return try rows.enumerated().map { i, row in
                guard let row else { throw ShardError("sweep `\(sweeps[k])`: row \(i) is in no shard file") }
                return row
            }
        }
    }

    /// Breaks the scope ↔ function reference cycles after a run, as `Recipe.run` does.
    static func release(_ interpreter: Interpreter) {
        interpreter.scope.removeAll()
        interpreter.globals.removeAll()
    }

    /// An interpreter with the stdlib loaded and the parsed recipe, or nil with diagnostics.
    static func prepare(path: String, options: RunOptions, printer: @escaping (String) -> Void,
                        into diagnostics: inout [Diagnostic]) -> (Interpreter, Program)? {
        let file: SourceFile
        switch Recipe.read(path: path) {
        case .success(let f): file = f
        case .failure(let d):
            diagnostics.append(d)
            return nil
        }
        let interpreter = Interpreter(options: options, printer: printer)
        interpreter.recipeRoot = (Recipe.absolute(path) as NSString).deletingLastPathComponent
        let problems = interpreter.loadStdlib()
        if !problems.isEmpty {
            diagnostics += problems
            release(interpreter)
            return nil
        }
        let bag = DiagnosticBag()
        let program = Parser.parse(file, diagnostics: bag)
        if bag.hasErrors {
            diagnostics += bag.diagnostics
            release(interpreter)
            return nil
        }
        return (interpreter, program)
    }
}
