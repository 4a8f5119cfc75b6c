import CellDiagnostics
import CellPhysics
import CellSyntax
import CellUnits

/// `run PROTOCOL on CELL [at T]`: build the SI models, simulate, wrap the result.
extension Interpreter {
    func runProtocol(_ p: Value, on c: Value, at t: Value?, span: Span, protocolSpan: Span, cellSpan: Span,
                     temperatureSpan: Span?) throws -> Value {
        guard case .protocol(let proto) = p else {
            if p.isUnknown { return p }
            throw RuntimeError(.typeMismatch(expected: "a protocol", found: describeType(p), context: "`run`"), at: protocolSpan)
        }
        let cell = try cellOperand(c, span: cellSpan, context: "`run \(proto.name) on ...`")
        guard let cell else { return .unknown("result") }
        var temperature: Double?
        if let t, let ts = temperatureSpan {
            if t.isUnknown { return t }
            guard let q = t.quantity, q.dimension == .temperature, q.value > 0 else { throw RuntimeError(.notATemperature(describeType(t)), at: ts) }
            temperature = q.value
        }
        let protocolModel = try ProtocolBuilder(interpreter: self).build(proto)
        let cellModel = try ModelBuilder(interpreter: self, span: cellSpan).cell(cell)
        if isChecking { return .unknown("result of `run \(proto.name) on \(cell.name)`") }
        do {
            let result = try Simulator.run(protocolModel, on: cellModel, temperature: temperature)
            for note in result.notes where note.hasPrefix("warning:") {
                warnings.warning(PlainMessage(String(note.dropFirst(8)).trimmingCharacters(in: .whitespaces), id: "model.warning"), at: span)
            }
            return .object(ResultObject(result: result, protocolName: proto.name, cellName: cell.name))
        } catch let e as ModelError {
            throw RuntimeError(.other("cannot run `\(proto.name)` on `\(cell.stackNotation)`: \(e.description)"), at: span)
        }
    }

    /// A cell value, or the default instance of a cell template; nil for unknown values.
    func cellOperand(_ c: Value, span: Span, context: String) throws -> Cell? {
        switch c {
        case .cell(let x): return x
        case .cellTemplate(let template): return try instantiateCell(template, arguments: [], span: span)
        case .unknown: return nil
        default:
            throw RuntimeError(.typeMismatch(expected: "a cell", found: describeType(c), context: context), at: span)
        }
    }

    /// Members computed by the models (`cell.circuit`); nil when there is none.
    func physicsMember(_ base: Value, _ name: Name, baseSpan: Span) throws -> Value? {
        nil
    }

    /// `fit CELL to DATA vary [paths]`: physical parameters of the stack.
    func fitCell(_ m: Value, to data: SpectrumObject, vary: [Expr], span: Span, modelSpan: Span, in env: Environment) throws -> Value {
        throw RuntimeError(.other("fitting a cell's physical parameters needs the stack impedance model, which is not linked in this build"), at: span)
    }
}
