import CellDiagnostics
import CellSyntax
import CellUnits

extension Interpreter {
    func call(_ calleeExpr: Expr, _ args: [Argument], span: Span, in env: Environment) throws -> Value {
        let callee = try evaluate(calleeExpr, in: env)
        var positional: [Value] = []
        var labelled: [(label: String, value: Value)] = []
        var argumentSpans: [Span] = []
        var labelSpans: [String: Span] = [:]
        for a in args {
            let v = try evaluate(a.value, in: env)
            if let label = a.label {
                if labelSpans[label.text] != nil { throw RuntimeError(.duplicateArgument(label.text), at: label.span) }
                labelled.append((label: label.text, value: v))
                labelSpans[label.text] = label.span
            } else {
                if !labelled.isEmpty {
                    throw RuntimeError(.other("positional arguments must come before labelled ones"), at: a.value.span)
                }
                positional.append(v)
                argumentSpans.append(a.value.span)
            }
        }
        let site = CallSite(span: span, argumentSpans: argumentSpans, labelSpans: labelSpans, interpreter: self,
                            environment: env)
        switch callee {
        case .unknown:
            return callee
        case .function(let fn):
            return try invoke(fn, positional, labelled, site: site)
        case .materialTemplate(let t):
            let bound = try bindArguments(name: t.decl.name.text, parameters: t.decl.parameters ?? [],
                                          positional, labelled, site: site, defaultsIn: t.environment)
            return .material(try instantiateMaterial(t.decl, arguments: bound, in: t.environment))
        case .cellTemplate(let t):
            return .cell(try instantiateCell(t, positional: positional, labelled: labelled, site: site))
        case .protocol(let p):
            let bound = try bindArguments(name: p.name, parameters: p.decl.parameters ?? [],
                                          positional, labelled, site: site, defaultsIn: p.environment)
            return .protocol(ProtocolValue(decl: p.decl, environment: p.environment,
                                           arguments: Dictionary(uniqueKeysWithValues: bound.map { ($0.name, $0.value) })))
        default:
            throw RuntimeError(.notCallable(callee.typeName), at: calleeExpr.span)
        }
    }

    func invoke(_ fn: Function, _ positional: [Value], _ labelled: [(label: String, value: Value)], site: CallSite) throws -> Value {
        switch fn.body {
        case .builtin(let body):
            return try body(positional, labelled, site)
        case .user(let decl, let closure):
            guard callDepth < RuntimeLimits.maxCallDepth else {
                throw RuntimeError(.recursionTooDeep(limit: RuntimeLimits.maxCallDepth), at: site.span)
            }
            callDepth += 1
            defer { callDepth -= 1 }
            let bound = try bindArguments(name: fn.name, parameters: decl.parameters, positional, labelled,
                                          site: site, defaultsIn: closure)
            let local = Environment(parent: closure)
            for (name, value) in bound { local.define(name, value) }
            switch decl.body {
            case .expression(let e):
                return try evaluate(e, in: local)
            case .block(let stmts):
                if case .returned(let v, _) = try executeBlock(stmts, in: local) { return v }
                throw RuntimeError(.other("function `\(fn.name)` ended without `return`"), at: decl.name.span)
            }
        }
    }

    /// Matches arguments to parameters: positional first, then by label; defaults are evaluated
    /// in the declaration's scope with the earlier parameters visible.
    func bindArguments(name: String, parameters: [Parameter], _ positional: [Value],
                       _ labelled: [(label: String, value: Value)], site: CallSite,
                       defaultsIn env: Environment) throws -> [(name: String, value: Value)] {
        guard positional.count <= parameters.count else {
            throw RuntimeError(.wrongArgumentCount(function: name, expected: parameters.count, given: positional.count + labelled.count),
                               at: site.span(ofArgument: parameters.count))
        }
        var values: [String: Value] = [:]
        for (i, v) in positional.enumerated() { values[parameters[i].name.text] = v }
        let names = parameters.map(\.name.text)
        for (label, v) in labelled {
            guard names.contains(label) else {
                throw RuntimeError(.unknownArgument(function: name, label: label, suggestion: Suggestions.closest(to: label, in: names)),
                                   at: site.labelSpans[label] ?? site.span)
            }
            if values[label] != nil { throw RuntimeError(.duplicateArgument(label), at: site.labelSpans[label] ?? site.span) }
            values[label] = v
        }
        var result: [(name: String, value: Value)] = []
        let defaults = Environment(parent: env)
        for p in parameters {
            let v: Value
            if let given = values[p.name.text] {
                v = given
            } else if let d = p.defaultValue {
                v = try evaluate(d, in: defaults)
            } else {
                throw RuntimeError(.missingArgument(function: name, parameter: p.name.text), at: site.span)
            }
            defaults.define(p.name.text, v)
            result.append((name: p.name.text, value: v))
        }
        return result
    }
}
