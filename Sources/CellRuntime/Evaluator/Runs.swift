import CellDiagnostics
import CellPhysics
import CellSyntax
import CellUnits

/// `run PROTOCOL on CELL [at T]`: build the SI models, simulate, wrap the result.
extension Interpreter {
    func runProtocol(_ p: Value, on c: Value, at t: Value?, span: Span, protocolSpan: Span, cellSpan: Span,
                     temperatureSpan: Span?) throws -> Value {
        guard case .protocol(var proto) = p else {
            if p.isUnknown { return p }
            throw RuntimeError(.typeMismatch(expected: "a protocol", found: describeType(p), context: "`run`"), at: protocolSpan)
        }
        // The bare name of a parameterised protocol means its defaults (as for cells).
        if let parameters = proto.decl.parameters, !parameters.isEmpty, proto.arguments.isEmpty {
            let site = CallSite(span: protocolSpan, argumentSpans: [], labelSpans: [:], interpreter: self, environment: proto.environment)
            let bound = try bindArguments(name: proto.name, parameters: parameters, [], [], site: site, defaultsIn: proto.environment)
            proto = ProtocolValue(decl: proto.decl, environment: proto.environment,
                                  arguments: Dictionary(uniqueKeysWithValues: bound.map { ($0.name, $0.value) }))
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

    /// Members computed by the models: `cell.circuit` (the equivalent circuit the stack compiles
    /// to at the cell's temperature, PHYSICS.md §1–§4); nil when there is none.
    func physicsMember(_ base: Value, _ name: Name, baseSpan: Span) throws -> Value? {
        guard name.text == "circuit", case .cell(let cell) = base else { return nil }
        let model = try ModelBuilder(interpreter: self, span: baseSpan).cell(cell)
        if isChecking { return .unknown("circuit of `\(cell.name)`") }
        do {
            let compiled = try StackCircuit.compile(model, temperature: model.temperature ?? FieldCatalog.defaultReferenceTemperature)
            return .object(CircuitObject(circuit: compiled.circuit, parameters: compiled.parameters, notes: compiled.notes))
        } catch let e as ModelError {
            throw RuntimeError(.other("cannot compile `\(cell.stackNotation)` into a circuit: \(e.description)"), at: name.span)
        }
    }

    /// `fit CELL to DATA vary [paths]`: physical parameters of the stack (PHYSICS.md §1–§4) by
    /// Levenberg–Marquardt on the compiled circuit.
    func fitCell(_ m: Value, to data: SpectrumObject, vary: [Expr], span: Span, modelSpan: Span, in env: Environment) throws -> Value {
        guard let cell = try cellOperand(m, span: modelSpan, context: "`fit`") else { return .unknown("fit") }
        guard !vary.isEmpty else {
            throw RuntimeError(.other("say which fields to fit: `fit \(cell.name) to data vary [separator.grain_size, interface(anode, separator).asr]`"), at: span)
        }
        let paths = try vary.map { try parameterPath($0, in: cell) }
        warnIfNotKramersKronig(data, span: span)
        let model = try ModelBuilder(interpreter: self, span: modelSpan).cell(cell)
        let temperature = model.temperature ?? FieldCatalog.defaultReferenceTemperature
        do {
            let result = try StackFit.fit(cell: model, temperature: temperature, data: data.spectrum, vary: paths)
            if !result.converged {
                warnings.warning(PlainMessage("the fit did not converge; best chi2 reached \(NumberFormat.format(result.chi2))", id: "fit.warning"), at: span)
            }
            return .object(StackFitObject(result: result, data: data))
        } catch let e as StackFitError {
            throw RuntimeError(.other("cannot fit `\(cell.name)`: \(e.description)"), at: span)
        } catch let e as ModelError {
            throw RuntimeError(.other("cannot fit `\(cell.name)`: \(e.description)"), at: span)
        }
    }

    /// `separator.grain_size`, `separator.material.sigma_ion`, `cathode.LLZTO.sigma_ion`,
    /// `interface(anode, separator).asr` → a field path in the SI cell model.
    func parameterPath(_ e: Expr, in cell: Cell) throws -> ParameterPath {
        func fail(_ why: String) -> RuntimeError { RuntimeError(.other("`\(e.span.text)`: \(why)"), at: e.span) }
        guard case .member(let base, let field) = e.kind else {
            throw fail("write a field path such as `separator.grain_size` or `interface(anode, separator).asr`")
        }
        func layerName(_ x: Expr) throws -> String {
            guard case .identifier(let n) = x.kind else { throw fail("expected a layer name") }
            guard cell.layer(named: n) != nil else {
                throw RuntimeError(.unknownLayer(n, cell: cell.name, suggestion: Suggestions.closest(to: n, in: cell.layers.map(\.name))), at: x.span)
            }
            return n
        }
        switch base.kind {
        case .call(let callee, let args):
            guard case .identifier("interface") = callee.kind, args.count == 2 else { throw fail("expected `interface(a, b).field`") }
            let a = try layerName(args[0].value), b = try layerName(args[1].value)
            guard let f = ParameterPath.InterfaceField(rawValue: field.text) else {
                throw fail("an interface field to fit is one of \(ParameterPath.InterfaceField.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", "))")
            }
            return .interface(a, b, f)
        case .identifier:
            let layer = try layerName(base)
            if let f = ParameterPath.LayerField(rawValue: field.text) { return .layer(layer, f) }
            if let f = ParameterPath.MaterialField(rawValue: field.text) { return .material(layer, f) }
            throw fail("`\(field.text)` cannot be fitted (layer fields: \(ParameterPath.LayerField.allCases.map(\.rawValue).joined(separator: ", ")); material fields: \(ParameterPath.MaterialField.allCases.map(\.rawValue).joined(separator: ", ")))")
        case .member(let inner, let middle):
            let layer = try layerName(inner)
            guard let f = ParameterPath.MaterialField(rawValue: field.text) else { throw fail("`\(field.text)` is not a material field that can be fitted") }
            if middle.text == "material" { return .material(layer, f) }
            return .component(layer: layer, component: middle.text, f)
        default:
            throw fail("write a field path such as `separator.grain_size`")
        }
    }
}
