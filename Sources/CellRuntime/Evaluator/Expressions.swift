import CellDiagnostics
import CellSyntax
import CellUnits

extension Interpreter {
    /// Evaluates an expression in a scope. Nesting that would overflow the stack (see
    /// `StackGuard`) is a positioned error.
    func evaluate(_ expr: Expr, in env: Environment) throws -> Value {
        guard StackGuard.currentAddress() > stackLimit else {
            throw RuntimeError(.stackExhausted, at: expr.span)
        }
        switch expr.kind {
        case .number(let x):
            return .number(x)
        case .quantity(let x, let unitExpr):
            return .quantity(Quantity(x, try unit(unitExpr)))
        case .string(let s):
            return .string(s)
        case .bool(let b):
            return .bool(b)
        case .identifier(let name):
            guard let v = env.lookup(name) else {
                throw RuntimeError(.undefinedName(name, suggestion: Suggestions.closest(to: name, in: env.allNames)),
                                   at: expr.span)
            }
            return v
        case .list(let elements, let unitExpr):
            var values: [Value] = []
            values.reserveCapacity(elements.count)
            let u = try unitExpr.map(unit)
            for e in elements {
                var v = try evaluate(e, in: env)
                if let u, let unitExpr {
                    guard let q = v.quantity, q.isPlainNumber else {
                        throw RuntimeError(.typeMismatch(expected: "a plain number before the list's unit `\(unitExpr.text)`",
                                                         found: describeType(v), context: "list element"), at: e.span)
                    }
                    v = .quantity(Quantity(q.value, u))
                }
                values.append(v)
            }
            return .list(values)
        case .record(let fields):
            var record = Record()
            for f in fields {
                if record[f.name.text] != nil { throw RuntimeError(.duplicateArgument(f.name.text), at: f.name.span) }
                record.fields.append((name: f.name.text, value: try evaluate(f.value, in: env)))
            }
            return .record(record)
        case .unary(.negate, let operand):
            // `-10 degC` is a literal of minus ten degrees Celsius, not the negation of
            // 283.15 K: the sign belongs to the number before an offset unit is applied.
            if case .quantity(let x, let unitExpr) = operand.kind {
                return .quantity(Quantity(-x, try unit(unitExpr)))
            }
            return try unary(.negate, try evaluate(operand, in: env), span: expr.span)
        case .unary(let op, let operand):
            let v = try evaluate(operand, in: env)
            return try unary(op, v, span: expr.span)
        case .binary(let op, let lhs, let rhs):
            return try binary(op, lhs, rhs, span: expr.span, in: env)
        case .call(let callee, let args):
            return try call(callee, args, span: expr.span, in: env)
        case .member(let base, let name):
            return try member(try evaluate(base, in: env), name, baseSpan: base.span)
        case .index(let base, let indexExpr):
            return try index(try evaluate(base, in: env), try evaluate(indexExpr, in: env),
                             span: indexExpr.span)
        case .convert(let inner, let unitExpr):
            return try convert(try evaluate(inner, in: env), to: unitExpr, span: expr.span)
        case .at(let fieldExpr, let temperatureExpr):
            let field = try evaluate(fieldExpr, in: env)
            let t = try evaluate(temperatureExpr, in: env)
            return try evaluateAt(field, temperature: t, fieldSpan: fieldExpr.span, temperatureSpan: temperatureExpr.span)
        case .range(let from, let to, let step):
            let a = try quantityOperand(try evaluate(from, in: env), span: from.span, context: "range start")
            let b = try quantityOperand(try evaluate(to, in: env), span: to.span, context: "range end")
            guard a.dimension == b.dimension else {
                throw RuntimeError(.unitError("range ends have different dimensions: `\(a.dimension.displayName)` and `\(b.dimension.displayName)`"),
                                   at: expr.span)
            }
            var s: Quantity?
            if let step {
                let q = try quantityOperand(try evaluate(step, in: env), span: step.span, context: "range step")
                guard q.dimension == a.dimension else {
                    throw RuntimeError(.unitError("range step is `\(q.dimension.displayName)` but the range is `\(a.dimension.displayName)`"),
                                       at: step.span)
                }
                guard q.value > 0, q.value.isFinite else {
                    throw RuntimeError(.other("range step must be positive, found \(q.formatted())"), at: step.span)
                }
                s = q
            }
            return .range(a, b, step: s)
        case .tableFor(let variable, let sequence, let row):
            return try tableFor(variable, sequence, row, in: env)
        case .run(let protocolExpr, let cellExpr, let temperature):
            let p = try evaluate(protocolExpr, in: env)
            let c = try evaluate(cellExpr, in: env)
            let t = try temperature.map { try evaluate($0, in: env) }
            return try runProtocol(p, on: c, at: t, span: expr.span, protocolSpan: protocolExpr.span,
                                   cellSpan: cellExpr.span, temperatureSpan: temperature?.span)
        case .fit(let model, let data, let vary):
            return try fit(model, to: data, vary: vary, span: expr.span, in: env)
        case .load(let kind, let path):
            return try load(kind, path: path, span: expr.span, in: env)
        case .circuit(let text):
            return try circuit(text, span: expr.span, in: env)
        case .layer(let spec):
            return .layer(try makeLayer(spec, role: .layer, name: "", in: env))
        }
    }

    /// Resolves a written unit (`mA/cm^2`) through CellUnits.
    func unit(_ u: UnitExpr) throws -> Unit {
        do {
            return try Unit.product(u.factors.map { (symbol: $0.symbol, exponent: $0.exponent) })
        } catch {
            throw RuntimeError(.unitError(error.text), at: u.span)
        }
    }

    func describeType(_ v: Value) -> String {
        switch v {
        case .quantity(let q) where !q.isPlainNumber:
            return "a \(q.dimension.displayName) (`\(q.formatted())`)"
        case .quantity(let q): return "the number `\(q.formatted())`"
        default: return "a \(v.typeName)"
        }
    }

    func quantityOperand(_ v: Value, span: Span, context: String) throws -> Quantity {
        if let q = v.quantity { return q }
        if case .temperatureDependent(let td) = v { return td.value }
        throw RuntimeError(.typeMismatch(expected: "a number or quantity", found: describeType(v), context: context),
                           at: span)
    }

    /// Wraps a CellUnits error as a positioned diagnostic naming the expression.
    func units<T>(_ span: Span, _ body: () throws(UnitError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw RuntimeError(.unitError(error.text + " (in `\(span.text)`)"), at: span)
        }
    }

    /// Numbers must stay finite: overflow and NaN are reported where they arise.
    func checkFinite(_ q: Quantity, span: Span) throws -> Quantity {
        guard q.value.isFinite else {
            throw RuntimeError(.notFinite("the result of `\(span.text)`"), at: span)
        }
        return q
    }

    // MARK: Operators

    func unary(_ op: UnaryOperator, _ v: Value, span: Span) throws -> Value {
        if case .unknown = v { return v }
        switch op {
        case .not:
            guard case .bool(let b) = v else {
                throw RuntimeError(.typeMismatch(expected: "a bool", found: describeType(v), context: "`not`"), at: span)
            }
            return .bool(!b)
        case .negate, .plus:
            if case .list(let items) = v { return .list(try items.map { try unary(op, $0, span: span) }) }
            let q = try quantityOperand(v, span: span, context: "`\(op.rawValue)`")
            return .quantity(op == .negate ? q.negated() : q)
        }
    }

    func binary(_ op: BinaryOperator, _ lhsExpr: Expr, _ rhsExpr: Expr, span: Span, in env: Environment) throws -> Value {
        // `and` / `or` short-circuit.
        if op == .and || op == .or {
            let l = try evaluate(lhsExpr, in: env)
            if case .unknown = l { return l }
            guard case .bool(let lb) = l else {
                throw RuntimeError(.typeMismatch(expected: "a bool", found: describeType(l), context: "`\(op.rawValue)`"),
                                   at: lhsExpr.span)
            }
            if op == .and && !lb { return .bool(false) }
            if op == .or && lb { return .bool(true) }
            let r = try evaluate(rhsExpr, in: env)
            if case .unknown = r { return r }
            guard case .bool(let rb) = r else {
                throw RuntimeError(.typeMismatch(expected: "a bool", found: describeType(r), context: "`\(op.rawValue)`"),
                                   at: rhsExpr.span)
            }
            return .bool(rb)
        }
        let l = try evaluate(lhsExpr, in: env)
        let r = try evaluate(rhsExpr, in: env)
        return try apply(op, l, r, span: span, lhsSpan: lhsExpr.span, rhsSpan: rhsExpr.span)
    }

    func apply(_ op: BinaryOperator, _ l: Value, _ r: Value, span: Span, lhsSpan: Span, rhsSpan: Span) throws -> Value {
        if l.isUnknown { return l }
        if r.isUnknown { return r }
        // Element-wise arithmetic on lists.
        switch (l, r) {
        case (.list(let a), .list(let b)) where op.isArithmetic:
            guard a.count == b.count else {
                throw RuntimeError(.other("cannot combine lists of \(a.count) and \(b.count) elements with `\(op.rawValue)`"), at: span)
            }
            return .list(try zip(a, b).map { try apply(op, $0, $1, span: span, lhsSpan: lhsSpan, rhsSpan: rhsSpan) })
        case (.list(let a), _) where op.isArithmetic:
            return .list(try a.map { try apply(op, $0, r, span: span, lhsSpan: lhsSpan, rhsSpan: rhsSpan) })
        case (_, .list(let b)) where op.isArithmetic:
            return .list(try b.map { try apply(op, l, $0, span: span, lhsSpan: lhsSpan, rhsSpan: rhsSpan) })
        default: break
        }
        // Strings: concatenation and equality.
        if case .string(let a) = l, case .string(let b) = r {
            switch op {
            case .add: return .string(a + b)
            case .equal: return .bool(a == b)
            case .notEqual: return .bool(a != b)
            default: break
            }
        }
        if case .bool(let a) = l, case .bool(let b) = r {
            if op == .equal { return .bool(a == b) }
            if op == .notEqual { return .bool(a != b) }
        }
        let a = try quantityOperand(l, span: lhsSpan, context: "left of `\(op.rawValue)`")
        let b = try quantityOperand(r, span: rhsSpan, context: "right of `\(op.rawValue)`")
        switch op {
        case .add: return .quantity(try checkFinite(try units(span) { () throws(UnitError) in try a.adding(b) }, span: span))
        case .subtract: return .quantity(try checkFinite(try units(span) { () throws(UnitError) in try a.subtracting(b) }, span: span))
        case .multiply: return .quantity(try checkFinite(try units(span) { () throws(UnitError) in try a.multiplied(by: b) }, span: span))
        case .divide:
            if b.value == 0 { throw RuntimeError(.divisionByZero, at: rhsSpan) }
            return .quantity(try checkFinite(try units(span) { () throws(UnitError) in try a.divided(by: b) }, span: span))
        case .power:
            guard b.isPlainNumber else {
                throw RuntimeError(.typeMismatch(expected: "a plain number as exponent", found: describeType(r), context: "`^`"),
                                   at: rhsSpan)
            }
            return .quantity(try checkFinite(try units(span) { () throws(UnitError) in try a.raised(to: b.value) }, span: span))
        case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual:
            let order = try units(span) { () throws(UnitError) in try a.compare(b) }
            if order == .unordered { throw RuntimeError(.notFinite("a value compared in `\(span.text)`"), at: span) }
            switch op {
            case .less: return .bool(order == .ascending)
            case .lessEqual: return .bool(order != .descending)
            case .greater: return .bool(order == .descending)
            case .greaterEqual: return .bool(order != .ascending)
            case .equal: return .bool(order == .same)
            default: return .bool(order != .same)
            }
        case .and, .or:
            return .bool(false)  // handled in `binary`
        }
    }

    // MARK: Members and indexing

    func member(_ base: Value, _ name: Name, baseSpan: Span) throws -> Value {
        let m = name.text
        func missing(_ type: String, _ candidates: [String]) -> RuntimeError {
            RuntimeError(.noMember(type: type, member: m, suggestion: Suggestions.closest(to: m, in: candidates)),
                         at: name.span)
        }
        switch base {
        case .unknown:
            return base
        case .record(let r):
            guard let v = r[m] else { throw missing("record", r.names) }
            return v
        case .table(let t):
            guard let col = t.column(m) else { throw missing("table", t.columns) }
            return .list(col)
        case .material(let mat):
            return try materialField(mat, name)
        case .layer(let layer):
            if m == "material" { return .material(layer.material) }
            if let v = layer.field(m) { return try wrapTemperatureDependent(v, field: m, owner: layer.material) }
            if layer.material.field(m) != nil { return try materialField(layer.material, name) }
            throw missing("layer", ["material"] + layer.fields.map(\.name) + layer.material.fields.map(\.name))
        case .cell(let cell):
            return try cellMember(cell, name)
        case .cellTemplate(let template):
            let cell = try instantiateCell(template, arguments: [], span: baseSpan)
            return try cellMember(cell, name)
        case .range(let a, let b, let s):
            switch m {
            case "from": return .quantity(a)
            case "to": return .quantity(b)
            case "step": return s.map { .quantity($0) } ?? .none
            default: throw missing("range", ["from", "to", "step"])
            }
        case .temperatureDependent(let td):
            switch m {
            case "value": return .quantity(td.value)
            case "reference": return .quantity(td.reference)
            case "Ea", "activation": return td.activation.map { .quantity($0) } ?? .none
            default: throw missing("temperature-dependent quantity", ["value", "reference", "Ea"])
            }
        case .converted(let q, _, _):
            return try member(.quantity(q), name, baseSpan: baseSpan)
        case .object(let o):
            if let v = o.member(m) { return v }
            throw missing(o.typeName, o.memberNames)
        default:
            if let extra = try physicsMember(base, name, baseSpan: baseSpan) { return extra }
            throw missing(base.typeName, [])
        }
    }

    func cellMember(_ cell: Cell, _ name: Name) throws -> Value {
        let m = name.text
        if let layer = cell.layer(named: m) { return .layer(layer) }
        if let v = cell.field(m) { return v }
        if m == "name" { return .string(cell.name) }
        if m == "stack" { return .string(cell.stackNotation) }
        if let extra = try physicsMember(.cell(cell), name, baseSpan: name.span) { return extra }
        let candidates = cell.layers.map(\.name) + cell.fields.map(\.name) + ["name", "stack", "circuit"]
        throw RuntimeError(.noMember(type: "cell `\(cell.name)`", member: m,
                                     suggestion: Suggestions.closest(to: m, in: candidates)), at: name.span)
    }

    func materialField(_ mat: Material, _ name: Name) throws -> Value {
        let m = name.text
        if m == "kind" { return .string(mat.kind?.rawValue ?? "unknown") }
        if m == "components", !mat.components.isEmpty {
            return .list(mat.components.map { .record(Record([(name: "material", value: .material($0.material)),
                                                                 (name: "fraction", value: .quantity($0.fraction))])) })
        }
        guard let v = mat.field(m) else {
            let known = mat.fields.map(\.name)
            if FieldCatalog.lookup(m, in: .material) != nil || FieldCatalog.lookup(m, in: .layer) != nil {
                throw RuntimeError(.other("material `\(mat.identifier)` does not set `\(m)`"), at: name.span)
            }
            throw RuntimeError(.unknownField(field: m, owner: "material `\(mat.identifier)`",
                                             suggestion: Suggestions.closest(to: m, in: known + FieldCatalog.materialFields.map(\.name))),
                               at: name.span)
        }
        var source = "recipe"
        if case .string(let s)? = mat.field("source") { source = s }
        noteParameter(material: mat.identifier, field: m, value: v, source: source)
        return try wrapTemperatureDependent(v, field: m, owner: mat)
    }

    /// A temperature-dependent field read from a material carries its paired activation energy,
    /// so that `LBOCl.sigma_ion at 90 degC` works.
    func wrapTemperatureDependent(_ v: Value, field: String, owner: Material) throws -> Value {
        guard let entry = FieldCatalog.lookup(field, in: .material), let (activationField, law) = entry.activation else {
            return v
        }
        let activation = owner.field(activationField)?.quantity
        switch v {
        case .temperatureDependent(var td):
            td.activation = activation
            td.law = law
            td.owner = owner.identifier
            return .temperatureDependent(td)
        case .quantity(let q):
            return .temperatureDependent(TemperatureDependent(
                field: field, owner: owner.identifier, value: q,
                reference: Quantity(si: FieldCatalog.defaultReferenceTemperature, dimension: .temperature, isAbsoluteTemperature: true),
                activation: activation, law: law))
        default:
            return v
        }
    }

    func index(_ base: Value, _ idx: Value, span: Span) throws -> Value {
        if base.isUnknown || idx.isUnknown { return .unknown("element") }
        // r["separator.grain_size"]: a record field (or table column) by name, for names that
        // are not identifiers.
        if case .string(let key) = idx {
            switch base {
            case .record(let r):
                guard let v = r[key] else {
                    throw RuntimeError(.noMember(type: "record", member: key, suggestion: Suggestions.closest(to: key, in: r.names)), at: span)
                }
                return v
            case .table(let t):
                guard let col = t.column(key) else {
                    throw RuntimeError(.noMember(type: "table", member: key, suggestion: Suggestions.closest(to: key, in: t.columns)), at: span)
                }
                return .list(col)
            default: break
            }
        }
        guard let q = idx.quantity, q.isPlainNumber, q.value == q.value.rounded(), abs(q.value) < 1e15 else {
            throw RuntimeError(.typeMismatch(expected: "an integer index", found: describeType(idx), context: "indexing"),
                               at: span)
        }
        var i = Int(q.value)
        switch base {
        case .list(let items):
            if i < 0 { i += items.count }  // xs[-1] is the last element
            guard i >= 0, i < items.count else { throw RuntimeError(.indexOutOfRange(index: Int(q.value), count: items.count), at: span) }
            return items[i]
        case .table(let t):
            if i < 0 { i += t.rows.count }
            guard i >= 0, i < t.rows.count else { throw RuntimeError(.indexOutOfRange(index: Int(q.value), count: t.rows.count), at: span) }
            return .record(t.row(i))
        default:
            throw RuntimeError(.typeMismatch(expected: "a list or table", found: describeType(base), context: "indexing"), at: span)
        }
    }

    // MARK: Conversion and temperature

    func convert(_ v: Value, to unitExpr: UnitExpr, span: Span) throws -> Value {
        let u = try unit(unitExpr)
        switch v {
        case .unknown: return v
        case .list(let items): return .list(try items.map { try convert($0, to: unitExpr, span: span) })
        default:
            let q = try quantityOperand(v, span: span, context: "`in`")
            _ = try units(span) { () throws(UnitError) in try q.value(in: u) }  // dimension check now
            return .converted(q, u, text: unitExpr.text)
        }
    }

    func evaluateAt(_ field: Value, temperature: Value, fieldSpan: Span, temperatureSpan: Span) throws -> Value {
        if field.isUnknown || temperature.isUnknown { return .unknown("value at temperature") }
        guard let t = temperature.quantity, t.dimension == .temperature else {
            throw RuntimeError(.notATemperature(describeType(temperature)), at: temperatureSpan)
        }
        guard t.value > 0 else { throw RuntimeError(.other("temperature must be above 0 K, found \(t.formatted())"), at: temperatureSpan) }
        switch field {
        case .temperatureDependent(let td):
            guard let ea = td.activation else {
                let act = FieldCatalog.lookup(td.field, in: .material)?.activation?.field ?? "Ea"
                throw RuntimeError(.noActivationEnergy(field: td.field, owner: td.owner, activation: act), at: fieldSpan)
            }
            let eV = ea.value / PhysicalConstantsSI.elementaryCharge
            let v = td.law.scale(td.value.value, from: td.reference.value, to: t.value, activationEV: eV)
            var q = td.value
            q.value = v
            return .quantity(try checkFinite(q, span: fieldSpan))
        case .list(let items):
            return .list(try items.map { try evaluateAt($0, temperature: temperature, fieldSpan: fieldSpan, temperatureSpan: temperatureSpan) })
        default:
            throw RuntimeError(.typeMismatch(expected: "a temperature-dependent material field (e.g. `LBOCl.sigma_ion`)",
                                             found: describeType(field), context: "`at`"), at: fieldSpan)
        }
    }

    // MARK: Iteration and tables

    func iterate(_ v: Value, at span: Span) throws -> [Value] {
        switch v {
        case .list(let items): return items
        case .table(let t): return (0..<t.rows.count).map { .record(t.row($0)) }
        case .unknown: return [v]
        case .range(let a, let b, let step):
            guard let step else { throw RuntimeError(.rangeWithoutStep, at: span) }
            let n = ((b.value - a.value) / step.value + 1e-9).rounded(.down) + 1
            guard n.isFinite else { throw RuntimeError(.rangeTooLarge(count: Int.max, limit: RuntimeLimits.maxListCount), at: span) }
            if n <= 0 { return [] }
            guard n <= Double(RuntimeLimits.maxListCount) else {
                throw RuntimeError(.rangeTooLarge(count: Int(exactly: n) ?? Int.max, limit: RuntimeLimits.maxListCount),
                                   at: span)
            }
            return (0..<Int(n)).map { k in
                var q = a
                q.value = a.value + Double(k) * step.value
                return .quantity(q)
            }
        default:
            throw RuntimeError(.typeMismatch(expected: "a list, range or table", found: describeType(v), context: "`for`"),
                               at: span)
        }
    }

    func tableFor(_ variable: Name, _ sequence: Expr, _ row: Expr, in env: Environment) throws -> Value {
        let items = try iterate(try evaluate(sequence, in: env), at: sequence.span)
        guard case .record(let fields) = row.kind else {
            throw RuntimeError(.typeMismatch(expected: "a record literal `{col: expr, ...}`", found: "another expression",
                                             context: "`table for`"), at: row.span)
        }
        let columns = fields.map(\.name.text)
        if let rows = try shardedRows(variable, sequence, items: items, columns: columns, fields: fields, in: env) {
            return .table(Table(columns: columns, rows: rows))
        }
        if items.count >= Self.minimumParallelIterations, Self.workerCount > 1, !isChecking, Self.isExpensive(fields.map(\.value)) {
            let rows = try parallelMap(items.count) { worker, i -> [Value] in
                let inner = Environment(parent: env)
                inner.define(variable.text, items[i])
                return try fields.map { try worker.evaluate($0.value, in: inner) }
            }
            return .table(Table(columns: columns, rows: rows))
        }
        var rows: [[Value]] = []
        rows.reserveCapacity(items.count)
        for item in items {
            let inner = Environment(parent: env)
            inner.define(variable.text, item)
            rows.append(try fields.map { try evaluate($0.value, in: inner) })
        }
        return .table(Table(columns: columns, rows: rows))
    }
}

extension BinaryOperator {
    var isArithmetic: Bool { [.add, .subtract, .multiply, .divide, .power].contains(self) }
}

/// SI constants the runtime needs without importing physics.
enum PhysicalConstantsSI {
    static let elementaryCharge = 1.602176634e-19
}
