import CellDiagnostics
import CellUnits
import Foundation

/// How values print: quantities in a sensible unit, stacks in paper notation, tables aligned.
extension Interpreter {
    func display(_ v: Value, at span: Span) throws -> String {
        if case .converted(let q, let u, _) = v {
            do { return try q.formatted(in: u) } catch { throw RuntimeError(.unitError(error.text), at: span) }
        }
        if let q = v.quantity, !q.value.isFinite { throw RuntimeError(.notFinite("`\(span.text)`"), at: span) }
        if case .cellTemplate(let t) = v {
            // The bare name of a cell means its defaults; it prints as that stack.
            return try instantiateCell(t, arguments: [], span: span).stackNotation
        }
        return Self.describe(v, nested: false)
    }

    public static func describe(_ v: Value, nested: Bool = true) -> String {
        switch v {
        case .quantity(let q): return q.formatted()
        case .converted(let q, let u, _): return (try? q.formatted(in: u)) ?? q.formatted()
        case .string(let s): return nested ? "\"" + s.replacingOccurrences(of: "\"", with: "\\\"") + "\"" : s
        case .bool(let b): return b ? "true" : "false"
        case .list(let items): return "[" + items.map { describe($0) }.joined(separator: ", ") + "]"
        case .record(let r): return "{" + r.fields.map { "\($0.name): \(describe($0.value))" }.joined(separator: ", ") + "}"
        case .table(let t): return describeTable(t)
        case .range(let a, let b, let s):
            return "\(a.formatted()) to \(b.formatted())" + (s.map { " step \($0.formatted())" } ?? "")
        case .function(let f): return "fn \(f.name)(\(f.parameterNames.joined(separator: ", ")))"
        case .material(let m):
            let kind = m.kind.map { ", \($0.rawValue)" } ?? ""
            if !m.components.isEmpty {
                return "composite " + m.components.map { "\($0.material.identifier) \($0.fraction.formatted())" }.joined(separator: " + ")
            }
            return "material \(m.identifier) (\(m.displayName)\(kind))"
        case .materialTemplate(let t): return "material \(t.decl.name.text)(\((t.decl.parameters ?? []).map(\.name.text).joined(separator: ", ")))"
        case .cellTemplate(let t):
            return "cell \(t.decl.name.text)(\((t.decl.parameters ?? []).map(\.name.text).joined(separator: ", ")))"
        case .cell(let c): return c.stackNotation
        case .layer(let l):
            var s = (l.name.isEmpty ? "layer " : "layer \(l.name): ") + l.material.stackNotation
            if let t = l.field("thickness") { s += ", " + describe(t) }
            return s
        case .protocol(let p): return "protocol \(p.name) (\(p.decl.steps.count) step\(p.decl.steps.count == 1 ? "" : "s"))"
        case .temperatureDependent(let td):
            let ref = (try? td.reference.formatted(in: Unit.parse("degC"))) ?? td.reference.formatted()
            return "\(td.value.formatted()) at \(ref)"
        case .object(let o): return o.summary
        case .unknown(let what): return "<\(what): known after simulation>"
        case .none: return "none"
        }
    }

    static func describeTable(_ t: Table) -> String {
        var cells = [t.columns]
        for row in t.rows { cells.append(row.map { describe($0, nested: false) }) }
        var widths = Array(repeating: 0, count: t.columns.count)
        for row in cells { for (i, c) in row.enumerated() { widths[i] = max(widths[i], c.count) } }
        return cells.enumerated().map { (k, row) in
            let line = row.enumerated().map { (i, c) in c.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
            if k == 0 { return line + "\n" + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") }
            return line
        }.joined(separator: "\n")
    }
}
