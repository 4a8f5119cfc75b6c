// A compact, stable S-expression rendering of the syntax tree, for tests, `cell check
// --dump`-style tools and debugging. It shows structure, not source text: `-2^2` prints as
// `(- (^ 2 2))`, `1 mA/cm^2` as `1[mA cm^-2]`.

extension UnitExpr {
    /// `[mA cm^-2]`: each factor as `symbol` or `symbol^exponent`.
    public var sExpression: String {
        "[" + factors.map { $0.exponent == 1 ? $0.symbol : "\($0.symbol)^\($0.exponent)" }
            .joined(separator: " ") + "]"
    }
}

/// Integers print without a fractional part (`2`, not `2.0`).
func formatNumber(_ value: Double) -> String {
    if abs(value) < 1e15, value == Double(Int(value)) { return String(Int(value)) }
    return String(value)
}

extension Expr {
    public var sExpression: String {
        switch kind {
        case .number(let v): return formatNumber(v)
        case .quantity(let v, let unit): return formatNumber(v) + unit.sExpression
        case .string(let s): return "\"\(s)\""
        case .bool(let b): return String(b)
        case .identifier(let name): return name
        case .list(let elements, let unit):
            return list("list", elements.map(\.sExpression)) + (unit?.sExpression ?? "")
        case .record(let fields): return list("record", fields.map { "\($0.name.text): \($0.value.sExpression)" })
        case .unary(let op, let operand): return list(op.rawValue, [operand.sExpression])
        case .binary(let op, let l, let r): return list(op.rawValue, [l.sExpression, r.sExpression])
        case .call(let callee, let args): return list("call", [callee.sExpression] + args.map(\.sExpression))
        case .member(let base, let name): return list(".", [base.sExpression, name.text])
        case .index(let base, let index): return list("index", [base.sExpression, index.sExpression])
        case .convert(let value, let unit): return list("in", [value.sExpression, unit.sExpression])
        case .at(let value, let t): return list("at", [value.sExpression, t.sExpression])
        case .range(let a, let b, let step):
            return list("range", [a.sExpression, b.sExpression] + (step.map { [$0.sExpression] } ?? []))
        case .tableFor(let variable, let sequence, let row):
            return list("table", [variable.text, sequence.sExpression, row.sExpression])
        case .run(let p, let c, let t):
            return list("run", [p.sExpression, c.sExpression] + (t.map { [$0.sExpression] } ?? []))
        case .fit(let model, let data, let vary):
            let varied = vary.map { [list("vary", $0.map(\.sExpression))] } ?? []
            return list("fit", [model.sExpression, data.sExpression] + varied)
        case .load(let kind, let path): return list("load", [kind.text, path.sExpression])
        case .circuit(let description): return list("circuit", [description.sExpression])
        case .layer(let spec): return list("layer", [spec.sExpression])
        }
    }
}

func list(_ head: String, _ items: [String]) -> String {
    "(" + ([head] + items).joined(separator: " ") + ")"
}

extension Argument {
    public var sExpression: String {
        (label.map { "\($0.text): " } ?? "") + value.sExpression
    }
}

extension FieldAssignment {
    /// `(= name value)` or `(= name value @ T)` with a reference temperature.
    public var sExpression: String {
        list("=", [name.text, value.sExpression] + (reference.map { ["@", $0.sExpression] } ?? []))
    }
}

extension LayerSpec {
    public var sExpression: String {
        var items = [material.sExpression] + fields.map(\.sExpression)
        items += coatings.map { list("coating", [$0.target.text, $0.spec.sExpression]) }
        return items.count == 1 ? items[0] : list("spec", items)
    }
}

extension Parameter {
    public var sExpression: String {
        defaultValue.map { "\(name.text)=\($0.sExpression)" } ?? name.text
    }
}

extension Stmt {
    public var sExpression: String {
        func block(_ stmts: [Stmt]) -> String { list("block", stmts.map(\.sExpression)) }
        func params(_ ps: [Parameter]?) -> [String] { ps.map { [list("params", $0.map(\.sExpression))] } ?? [] }
        switch kind {
        case .let(let name, let value): return list("let", [name.text, value.sExpression])
        case .function(let f):
            let body: String
            switch f.body {
            case .expression(let e): body = e.sExpression
            case .block(let stmts): body = block(stmts)
            }
            return list("fn", [f.name.text] + params(f.parameters) + [body])
        case .print(let values): return list("print", values.map(\.sExpression))
        case .expect(.condition(let c)): return list("expect", [c.sExpression])
        case .expect(.approximately(let a, let b, let tol)):
            return list("expect≈", [a.sExpression, b.sExpression, tol.sExpression])
        case .for(let v, let seq, let body): return list("for", [v.text, seq.sExpression, block(body)])
        case .if(let c, let then, let otherwise):
            return list("if", [c.sExpression, block(then)] + (otherwise.map { [block($0)] } ?? []))
        case .use(let path): return list("use", ["\"\(path)\""])
        case .return(let value): return list("return", [value.sExpression])
        case .material(let m):
            return list("material", [m.name.text] + params(m.parameters)
                        + (m.base.map { ["from", $0.text] } ?? []) + m.fields.map(\.sExpression))
        case .cell(let c):
            let items: [String] = c.items.map { item in
                switch item {
                case .field(let f): return f.sExpression
                case .layer(let l): return list(l.role.rawValue, [l.name.text, l.spec.sExpression])
                case .interface(let i):
                    return list("interface", [i.left.text, i.right.text] + i.fields.map(\.sExpression))
                case .binding(let name, let value): return list("let", [name.text, value.sExpression])
                }
            }
            return list("cell", [c.name.text] + params(c.parameters) + items)
        case .protocol(let p): return list("protocol", [p.name.text] + params(p.parameters) + p.steps.map(\.sExpression))
        case .export(let value, let path): return list("export", [value.sExpression, path.sExpression])
        case .plot(let y, let x, let path):
            return list("plot", [y.sExpression] + (x.map { ["vs", $0.sExpression] } ?? []) + [path.sExpression])
        case .expression(let e): return e.sExpression
        }
    }
}

extension StepLimit {
    public var sExpression: String { list(kind.rawValue, [value.sExpression]) }
}

extension Step {
    public var sExpression: String {
        func body(_ steps: [Step]) -> String { list("steps", steps.map(\.sExpression)) }
        switch kind {
        case .current(let d, let amount, let limits):
            return list(d.rawValue, [amount.sExpression] + limits.map(\.sExpression))
        case .rest(let limits): return list("rest", limits.map(\.sExpression))
        case .hold(let v, let limits): return list("hold", [v.sExpression] + limits.map(\.sExpression))
        case .polarize(let v, let limits): return list("polarize", [v.sExpression] + limits.map(\.sExpression))
        case .eis(let a, let b, let n, let amp):
            return list("eis", [a.sExpression, b.sExpression]
                        + (n.map { [list("per-decade", [$0.sExpression])] } ?? [])
                        + (amp.map { [list("amplitude", [$0.sExpression])] } ?? []))
        case .ccd(let a, let b, let step, let duration, let half):
            return list("ccd", [a.sExpression, b.sExpression, step.sExpression, duration.sExpression,
                                half ? "half-cycle" : "cycle"])
        case .set(let name, let value): return list("set", [name.text, value.sExpression])
        case .repeat(let count, let steps): return list("repeat", [count.sExpression, body(steps)])
        case .repeatUntil(let limit, let steps): return list("repeat-until", [limit.sExpression, body(steps)])
        case .forEach(let v, let seq, let steps): return list("for", [v.text, seq.sExpression, body(steps)])
        }
    }
}
