import CellDiagnostics
import CellSyntax
import CellUnits

/// Where the language hands work to the models: `run`, `fit`, `load`, `circuit`, `export`,
/// `plot`. In check mode nothing is simulated or read: results are unknown values.
extension Interpreter {
    func runProtocol(_ p: Value, on c: Value, at t: Value?, span: Span, protocolSpan: Span, cellSpan: Span,
                     temperatureSpan: Span?) throws -> Value {
        guard case .protocol(let proto) = p else {
            if p.isUnknown { return p }
            throw RuntimeError(.typeMismatch(expected: "a protocol", found: describeType(p), context: "`run`"), at: protocolSpan)
        }
        let cell: Cell
        switch c {
        case .cell(let x): cell = x
        case .cellTemplate(let template): cell = try instantiateCell(template, arguments: [], span: cellSpan)
        case .unknown: return c
        default:
            throw RuntimeError(.typeMismatch(expected: "a cell", found: describeType(c), context: "`run \(proto.name) on ...`"), at: cellSpan)
        }
        if let t, let ts = temperatureSpan {
            guard let q = t.quantity, q.dimension == .temperature else { throw RuntimeError(.notATemperature(describeType(t)), at: ts) }
        }
        if isChecking { return .unknown("result of `run \(proto.name) on \(cell.name)`") }
        throw RuntimeError(.notYetSimulated("cannot run `\(proto.name)` yet: the simulators for protocol steps are not built yet (the stack `\(cell.stackNotation)` is fine)"),
                           at: span)
    }

    func fit(_ model: Expr, to data: Expr, vary: [Expr]?, span: Span, in env: Environment) throws -> Value {
        let m = try evaluate(model, in: env)
        let d = try evaluate(data, in: env)
        if isChecking || m.isUnknown || d.isUnknown { return .unknown("fit") }
        throw RuntimeError(.notYetSimulated("fitting from recipes is not built yet; use `cell fit DATA --circuit ...`"), at: span)
    }

    func load(_ kind: Name, path: Expr, span: Span, in env: Environment) throws -> Value {
        let p = try evaluate(path, in: env)
        guard case .string = p else {
            if p.isUnknown { return p }
            throw RuntimeError(.typeMismatch(expected: "a file path string", found: describeType(p), context: "`load`"), at: path.span)
        }
        guard ["eis", "trace"].contains(kind.text) else {
            throw RuntimeError(.other("unknown data kind `\(kind.text)` (expected `eis` or `trace`)"), at: kind.span)
        }
        if isChecking { return .unknown("data of `\(path.span.text)`") }
        throw RuntimeError(.notYetSimulated("`load \(kind.text)` is not built yet"), at: span)
    }

    func circuit(_ text: Expr, span: Span, in env: Environment) throws -> Value {
        let t = try evaluate(text, in: env)
        guard case .string = t else {
            throw RuntimeError(.typeMismatch(expected: "a circuit string", found: describeType(t), context: "`circuit`"), at: text.span)
        }
        throw RuntimeError(.notYetSimulated("circuit values are not built yet"), at: span)
    }

    /// Members computed by the models (`cell.circuit`, result members); nil when there is none.
    func physicsMember(_ base: Value, _ name: Name, baseSpan: Span) throws -> Value? {
        nil
    }

    /// OCP values the models accept besides voltages and functions (tables); nil when not one.
    func physicsPotential(_ v: Value, field: FieldAssignment) throws -> Value? {
        nil
    }

    func export(_ valueExpr: Expr, to pathExpr: Expr, in env: Environment) throws {
        let v = try evaluate(valueExpr, in: env)
        let p = try evaluate(pathExpr, in: env)
        if isChecking || v.isUnknown { return }
        guard case .string = p else {
            throw RuntimeError(.typeMismatch(expected: "an output file name", found: describeType(p), context: "`export`"), at: pathExpr.span)
        }
        throw RuntimeError(.notYetSimulated("`export` is not built yet"), at: valueExpr.span)
    }

    func plot(_ yExpr: Expr, versus xExpr: Expr?, to pathExpr: Expr, in env: Environment) throws {
        let y = try evaluate(yExpr, in: env)
        let x = try xExpr.map { try evaluate($0, in: env) }
        if isChecking || y.isUnknown || (x?.isUnknown ?? false) { return }
        throw RuntimeError(.notYetSimulated("`plot` is not built yet"), at: yExpr.span)
    }
}
