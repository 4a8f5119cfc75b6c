import CellDiagnostics
import CellSyntax
import Foundation

/// What the interpreter does with the top-level sweeps of a recipe (see docs/sharding.md).
///
/// A *top-level sweep* is `let NAME = table for ...` written at the top level of the recipe
/// file itself (not in a `use`d file, a function or a block). Sweeps are numbered in recipe
/// order and recognised by the position of their sequence expression.
final class ShardPlan {
    enum Mode {
        /// Compute only this shard's iterations and collect their rows.
        case compute(ShardSelection)
        /// Take every sweep's rows from merged shard files instead of computing them.
        case replay([[[ShardValue]]])
    }

    let mode: Mode
    /// Path of the recipe file whose top-level sweeps are meant.
    let recipePath: String
    /// Sweep ordinal by the UTF-8 start offset of its sequence expression.
    let ordinals: [Int: Int]
    /// Each sweep's binding name and its `table for` expression, in recipe order.
    let sweeps: [(name: Name, expr: Expr)]
    /// Rows computed in `.compute` mode, per sweep ordinal.
    var computed: [ShardFile.Sweep?]

    init(mode: Mode, program: Program) {
        self.mode = mode
        recipePath = program.file.path
        let found = ShardPlan.topLevelSweeps(program)
        sweeps = found
        var ordinals: [Int: Int] = [:]
        for (k, s) in found.enumerated() {
            if case .tableFor(_, let sequence, _) = s.expr.kind { ordinals[sequence.span.start] = k }
        }
        self.ordinals = ordinals
        computed = Array(repeating: nil, count: found.count)
    }

    /// The `let NAME = table for ...` statements at the top level of `program`.
    static func topLevelSweeps(_ program: Program) -> [(name: Name, expr: Expr)] {
        program.statements.compactMap { stmt in
            if case .let(let name, let expr) = stmt.kind, case .tableFor = expr.kind { return (name, expr) }
            return nil
        }
    }

    /// The sweep ordinal of a `table for` whose sequence expression has this span, if it is a
    /// top-level sweep of the planned recipe.
    func ordinal(ofSequence span: Span) -> Int? {
        guard span.file.path == recipePath else { return nil }
        return ordinals[span.start]
    }
}

extension Interpreter {
    /// The hook in `tableFor`: when `sequence` belongs to a top-level sweep under a shard plan,
    /// returns that sweep's rows (this shard's only, or all of them replayed from shard files);
    /// nil otherwise, and the loop runs as usual.
    func shardedRows(_ variable: Name, _ sequence: Expr, items: [Value], columns: [String],
                     fields: [RecordField], in env: Environment) throws -> [[Value]]? {
        guard let plan = shardPlan, let k = plan.ordinal(ofSequence: sequence.span) else { return nil }
        switch plan.mode {
        case .replay(let all):
            let stored = all[k]
            guard stored.count == items.count else {
                throw RuntimeError(.other("the shard files hold \(stored.count) rows for this sweep but it has \(items.count) iterations"),
                                   at: sequence.span)
            }
            return try stored.map { row in
                guard row.count == columns.count else {
                    throw RuntimeError(.other("a shard row has \(row.count) values for \(columns.count) columns"), at: sequence.span)
                }
                return try row.map { cell in
                    do { return try cell.value() } catch let e as ShardValueError {
                        throw RuntimeError(.other(e.message), at: sequence.span)
                    }
                }
            }
        case .compute(let selection):
            let mine = (0..<items.count).filter(selection.owns)
            let evaluateRow = { (worker: Interpreter, k: Int) throws -> [Value] in
                let inner = Environment(parent: env)
                inner.define(variable.text, items[k])
                return try fields.map { try worker.evaluate($0.value, in: inner) }
            }
            let rows: [[Value]]
            if mine.count >= Self.minimumParallelIterations, Self.workerCount > 1, Self.isExpensive(fields.map(\.value)) {
                rows = try parallelMap(mine.count) { worker, j in try evaluateRow(worker, mine[j]) }
            } else {
                rows = try mine.map { try evaluateRow(self, $0) }
            }
            var stored: [ShardFile.Row] = []
            for (index, row) in zip(mine, rows) {
                let values = try zip(columns, row).enumerated().map { (c, pair) -> ShardValue in
                    do { return try ShardValue(pair.1, column: pair.0) } catch let e as ShardValueError {
                        throw RuntimeError(.other(e.message), at: fields[c].value.span)
                    }
                }
                stored.append(ShardFile.Row(index: index, values: values))
            }
            let (line, _) = sequence.span.file.location(of: sequence.span.start)
            plan.computed[k] = ShardFile.Sweep(name: plan.sweeps[k].name.text, line: line, count: items.count,
                                               columns: columns, rows: stored)
            return rows
        }
    }
}
