import CellDiagnostics
import CellPhysics
import CellUnits
import Foundation

/// Built-in constants and functions (LANGUAGE.md §3). `F` is the farad and `C` the C-rate,
/// so the Faraday constant is `faraday` and charge in coulombs is `coulomb`.
enum Builtins {
    static func install(into env: Environment) {
        for (name, q) in PhysicalConstants.all { env.define(name, .quantity(q)) }
        env.define("none", .none)

        func fn(_ name: String, _ params: [String], _ body: @escaping ([Value], [(label: String, value: Value)], CallSite) throws -> Value) {
            env.define(name, .function(Function(name: name, parameterNames: params, body: .builtin(body))))
        }
        let unaryMath: [(String, (Double) -> Double)] = [
            ("exp", Foundation.exp), ("ln", Foundation.log), ("log10", Foundation.log10),
            ("tanh", Foundation.tanh), ("sinh", Foundation.sinh), ("cosh", Foundation.cosh),
            ("asinh", Foundation.asinh), ("sin", Foundation.sin), ("cos", Foundation.cos),
        ]
        for (name, f) in unaryMath {
            fn(name, ["x"]) { args, labels, site in
                let x = try oneQuantity(name, args, labels, site)
                guard x.isDimensionless else {
                    throw RuntimeError(.typeMismatch(expected: "a dimensionless number", found: "\(x.dimension.displayName) (`\(x.formatted())`)",
                                                     context: "`\(name)`"), at: site.span(ofArgument: 0))
                }
                if name == "ln" || name == "log10", x.value <= 0 {
                    throw RuntimeError(.other("`\(name)` needs a positive number, found \(x.formatted())"), at: site.span(ofArgument: 0))
                }
                return try finite(.number(f(x.value)), site)
            }
        }
        fn("sqrt", ["x"]) { args, labels, site in
            let x = try oneQuantity("sqrt", args, labels, site)
            guard x.value >= 0 else { throw RuntimeError(.other("`sqrt` of a negative number (\(x.formatted()))"), at: site.span(ofArgument: 0)) }
            return .quantity(try site.interpreter.units(site.span(ofArgument: 0)) { () throws(UnitError) in try x.squareRoot() })
        }
        fn("abs", ["x"]) { args, labels, site in
            var x = try oneQuantity("abs", args, labels, site)
            x.value = Swift.abs(x.value)
            return .quantity(x)
        }
        fn("len", ["xs"]) { args, labels, site in
            guard args.count == 1, labels.isEmpty else { throw RuntimeError(.wrongArgumentCount(function: "len", expected: 1, given: args.count + labels.count), at: site.span) }
            switch args[0] {
            case .list(let xs): return .number(Double(xs.count))
            case .table(let t): return .number(Double(t.rows.count))
            case .string(let s): return .number(Double(s.count))
            case .range: return .number(Double(try site.interpreter.iterate(args[0], at: site.span(ofArgument: 0)).count))
            case .unknown: return args[0]
            default: throw RuntimeError(.typeMismatch(expected: "a list, table or string", found: site.interpreter.describeType(args[0]), context: "`len`"), at: site.span(ofArgument: 0))
            }
        }
        for name in ["min", "max", "argmin", "argmax", "sum", "mean"] {
            fn(name, ["xs"]) { args, labels, site in try reduce(name, args, labels, site) }
        }
        fn("composite", []) { args, labels, site in try composite(args, labels, site) }
        // `select(z.arcs, origin: "separator.bulk")`: the rows of a table whose columns equal the
        // given values (strings compare exactly, quantities within 1e-12 relative).
        fn("select", ["table"]) { args, labels, site in
            guard args.count == 1 else {
                throw RuntimeError(.wrongArgumentCount(function: "select", expected: 1, given: args.count), at: site.span)
            }
            if args[0].isUnknown { return args[0] }
            guard case .table(let t) = args[0] else {
                throw RuntimeError(.typeMismatch(expected: "a table", found: site.interpreter.describeType(args[0]), context: "`select`"),
                                   at: site.span(ofArgument: 0))
            }
            var indices: [(column: Int, value: Value, label: String)] = []
            for (label, value) in labels {
                guard let c = t.columns.firstIndex(of: label) else {
                    throw RuntimeError(.noMember(type: "table", member: label, suggestion: Suggestions.closest(to: label, in: t.columns)),
                                       at: site.labelSpans[label] ?? site.span)
                }
                indices.append((c, value, label))
            }
            func equal(_ a: Value, _ b: Value) -> Bool {
                switch (a, b) {
                case (.string(let x), .string(let y)): return x == y
                case (.bool(let x), .bool(let y)): return x == y
                default:
                    guard let x = a.quantity, let y = b.quantity, x.dimension == y.dimension else { return false }
                    return Swift.abs(x.value - y.value) <= 1e-12 * Swift.max(Swift.abs(x.value), Swift.abs(y.value))
                }
            }
            let rows = t.rows.filter { row in indices.allSatisfy { equal(row[$0.column], $0.value) } }
            return .table(Table(columns: t.columns, rows: rows))
        }
        installModelBuiltins(into: env)
    }

    static func finite(_ v: Value, _ site: CallSite) throws -> Value {
        if let q = v.quantity, !q.value.isFinite { throw RuntimeError(.notFinite("the result of `\(site.span.text)`"), at: site.span) }
        return v
    }

    static func oneQuantity(_ name: String, _ args: [Value], _ labels: [(label: String, value: Value)], _ site: CallSite) throws -> Quantity {
        guard args.count == 1, labels.isEmpty else {
            throw RuntimeError(.wrongArgumentCount(function: name, expected: 1, given: args.count + labels.count), at: site.span)
        }
        return try site.interpreter.quantityOperand(args[0], span: site.span(ofArgument: 0), context: "`\(name)`")
    }

    /// min/max/argmin/argmax/sum/mean over a list (or over several arguments for min/max).
    static func reduce(_ name: String, _ args: [Value], _ labels: [(label: String, value: Value)], _ site: CallSite) throws -> Value {
        guard labels.isEmpty, !args.isEmpty else {
            throw RuntimeError(.wrongArgumentCount(function: name, expected: 1, given: args.count + labels.count), at: site.span)
        }
        var items = args
        if args.count == 1 {
            switch args[0] {
            case .list(let xs): items = xs
            case .unknown: return args[0]
            case .range: items = try site.interpreter.iterate(args[0], at: site.span(ofArgument: 0))
            default: break
            }
        }
        if items.contains(where: \.isUnknown) { return .unknown(name) }
        guard !items.isEmpty else { throw RuntimeError(.emptyList(function: name), at: site.span) }
        let qs = try items.map { try site.interpreter.quantityOperand($0, span: site.span, context: "`\(name)`") }
        for q in qs where q.dimension != qs[0].dimension {
            throw RuntimeError(.unitError("`\(name)` of mixed dimensions: `\(qs[0].dimension.displayName)` and `\(q.dimension.displayName)`"), at: site.span)
        }
        var template = qs[0]
        switch name {
        case "min", "argmin", "max", "argmax":
            var best = 0
            for (i, q) in qs.enumerated() where (name.hasSuffix("min") ? q.value < qs[best].value : q.value > qs[best].value) { best = i }
            return name.hasPrefix("arg") ? .number(Double(best)) : items[best]
        case "sum", "mean":
            if qs[0].isAbsoluteTemperature && name == "sum" {
                throw RuntimeError(.unitError("cannot add absolute temperatures"), at: site.span)
            }
            let total = qs.reduce(0) { $0 + $1.value }
            template.value = name == "sum" ? total : total / Double(qs.count)
            return try finite(.quantity(template), site)
        default:
            return .none
        }
    }

    /// `composite(LLZTO: 90 wt%, LBOCl: 10 wt%)`: the labels name materials in the caller's scope.
    static func composite(_ args: [Value], _ labels: [(label: String, value: Value)], _ site: CallSite) throws -> Value {
        let interp = site.interpreter
        guard args.isEmpty else {
            throw RuntimeError(.other("`composite` takes labelled fractions: `composite(LLZTO: 90 wt%, LBOCl: 10 wt%)`"), at: site.span(ofArgument: 0))
        }
        guard labels.count >= 2 else {
            throw RuntimeError(.other("a composite needs at least two components"), at: site.span)
        }
        var components: [Material.Component] = []
        var basis: FractionBasis = .none
        var total = 0.0
        for (label, value) in labels {
            let span = site.labelSpans[label] ?? site.span
            if value.isUnknown { return value }
            let material: Material
            switch site.environment.lookup(label) {
            case .material(let m)?: material = m
            case .layer(let l)?: material = l.material
            default:
                throw RuntimeError(.unknownMaterial(label, suggestion: Suggestions.closest(to: label, in: interp.materialNames(site.environment))),
                                   at: span)
            }
            guard let q = value.quantity, q.isDimensionless, q.value >= 0, q.value <= 1 + 1e-12 else {
                throw RuntimeError(.typeMismatch(expected: "a fraction between 0 and 100 %", found: interp.describeType(value),
                                                 context: "component `\(label)`"), at: span)
            }
            if q.basis != .none {
                if basis != .none && basis != q.basis { throw RuntimeError(.compositeBasis, at: span) }
                basis = q.basis
            }
            total += q.value
            components.append(Material.Component(material: material, fraction: q, span: span))
        }
        guard basis != .none else {
            throw RuntimeError(.other("say whether the composite fractions are `wt%` or `vol%`"), at: site.span)
        }
        guard Swift.abs(total - 1) < 1e-6 else {
            throw RuntimeError(.compositeFractions(sum: NumberFormat.format(total * 100) + " %"), at: site.span)
        }
        for i in components.indices { components[i].fraction.basis = basis }
        let id = components.map { $0.material.identifier }.joined(separator: "+")
        return .material(Material(identifier: id, kind: .composite, fields: [], base: nil, components: components))
    }
}
