import CellDiagnostics
import CellSyntax
import Foundation

extension Shards {
    /// Executes the top-level statements a shard needs: declarations (`fn`, `material`, `cell`,
    /// `protocol`, `use`), the `let`s some sweep uses (directly or through other names), and the
    /// sweeps themselves, which the shard plan restricts to this shard's iterations. Everything
    /// else (prints, expects, exports, plots, `if`, `for`, unused `let`s) is skipped; skipped and
    /// swept names are bound to unknown values. Returns notes for the user.
    ///
    /// Which names a statement uses is read from its source text (every identifier-like word), so
    /// the test errs on the side of evaluating a `let`.
    static func executeSweepsOnly(_ program: Program, interpreter: Interpreter) throws -> [String] {
        let previousDirectory = interpreter.currentDirectory
        interpreter.currentDirectory = (program.file.path as NSString).deletingLastPathComponent
        if interpreter.currentDirectory.isEmpty { interpreter.currentDirectory = FileManager.default.currentDirectoryPath }
        defer { interpreter.currentDirectory = previousDirectory }

        let needed = neededNames(program.statements)
        var unavailable = Set<String>()
        var notes: [String] = []
        let scope = interpreter.scope
        for stmt in program.statements {
            switch stmt.kind {
            case .let(let name, let expr):
                let uses = identifiers(in: stmt.span.text)
                if case .tableFor = expr.kind {
                    if let other = uses.sorted().first(where: unavailable.contains) {
                        throw RuntimeError(.other("this sweep uses `\(other)`, which comes from another sweep or from a value "
                                                  + "a shard does not compute; sharding needs sweeps that depend only on "
                                                  + "declarations and plain `let`s"), at: expr.span)
                    }
                    _ = try interpreter.evaluate(expr, in: scope)
                    unavailable.insert(name.text)
                    try interpreter.bind(name, .unknown(name.text), in: scope)
                } else if needed.contains(name.text), uses.isDisjoint(with: unavailable) {
                    _ = try interpreter.execute(stmt, in: scope)
                } else {
                    unavailable.insert(name.text)
                    try interpreter.bind(name, .unknown(name.text), in: scope)
                }
            case .function, .material, .cell, .protocol, .use:
                _ = try interpreter.execute(stmt, in: scope)
            case .for(_, let seq, let body):
                if Interpreter.containsSimulation(seq) || Interpreter.isExpensive(body) {
                    let (line, _) = stmt.span.file.location(of: stmt.span.start)
                    notes.append("the `for` loop at line \(line) is not sharded: it runs in full at `cell merge` "
                                 + "(write it as `let NAME = table for ...` to spread it over the shards)")
                }
            case .print, .expect, .if, .return, .export, .plot, .expression:
                continue
            }
        }
        return notes
    }

    /// Names of top-level `let`s that some sweep needs, following uses backwards through
    /// `let`s and declarations (a function body's global names count as used by its callers).
    static func neededNames(_ statements: [Stmt]) -> Set<String> {
        var needed = Set<String>()
        for stmt in statements.reversed() {
            let declared: String?
            var isSweep = false
            switch stmt.kind {
            case .let(let name, let expr):
                declared = name.text
                if case .tableFor = expr.kind { isSweep = true }
            case .function(let d): declared = d.name.text
            case .material(let d): declared = d.name.text
            case .cell(let d): declared = d.name.text
            case .protocol(let d): declared = d.name.text
            default: declared = nil
            }
            if isSweep || declared.map(needed.contains) == true {
                needed.formUnion(identifiers(in: stmt.span.text))
            }
        }
        return needed
    }

    /// Every identifier-shaped word in `text` (letters, digits, `_`, not starting with a digit).
    static func identifiers(in text: String) -> Set<String> {
        var names = Set<String>()
        var current = ""
        func flush() {
            if let first = current.first, !first.isNumber { names.insert(current) }
            current = ""
        }
        for ch in text {
            if ch.isLetter || ch.isNumber || ch == "_" { current.append(ch) } else { flush() }
        }
        flush()
        return names
    }
}
