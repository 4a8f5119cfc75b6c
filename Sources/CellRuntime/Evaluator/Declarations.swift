import CellDiagnostics
import CellPhysics
import CellSyntax
import CellUnits

/// Materials, layers and cells: evaluating declarations into stack values, with the field
/// vocabulary checked (LANGUAGE.md §4–§5).
extension Interpreter {
    // MARK: Materials

    func declareMaterial(_ decl: MaterialDecl, in env: Environment) throws {
        if decl.parameters != nil {
            try bind(decl.name, .materialTemplate(MaterialTemplate(decl: decl, environment: env)), in: env)
        } else {
            try bind(decl.name, .material(try instantiateMaterial(decl, arguments: [], in: env)), in: env)
        }
    }

    func instantiateMaterial(_ decl: MaterialDecl, arguments: [(name: String, value: Value)],
                             in env: Environment) throws -> Material {
        let local = Environment(parent: env)
        for (n, v) in arguments { local.define(n, v) }
        var base: Material?
        if let baseName = decl.base {
            switch env.lookup(baseName.text) {
            case .material(let m)?:
                base = m
            case .materialTemplate(let t)?:
                base = try instantiateMaterial(t.decl, arguments: try bindArguments(
                    name: t.decl.name.text, parameters: t.decl.parameters ?? [], [], [],
                    site: CallSite(span: baseName.span, argumentSpans: [], labelSpans: [:], interpreter: self, environment: env),
                    defaultsIn: t.environment), in: t.environment)
            case nil:
                throw RuntimeError(.unknownMaterial(baseName.text, suggestion: Suggestions.closest(to: baseName.text, in: materialNames(env))),
                                   at: baseName.span)
            case let other?:
                throw RuntimeError(.typeMismatch(expected: "a material after `from`", found: describeType(other),
                                                 context: "material `\(decl.name.text)`"), at: baseName.span)
            }
        }
        var kind = base?.kind
        // A derived material is another material: it inherits properties, not the chemical name.
        var fields = (base?.fields ?? []).filter { $0.name != "name" && $0.name != "source" }
        let owner = "material `\(decl.name.text)`"
        try rejectDuplicateFields(decl.fields, owner: owner)
        for f in decl.fields {
            if f.name.text == "kind" {
                kind = try materialKind(f.value, env: local)
                continue
            }
            let entry = FieldCatalog.lookup(f.name.text, in: .material) ?? FieldCatalog.lookup(f.name.text, in: .layer)
            guard let entry else {
                let names = FieldCatalog.materialFields.map(\.name) + FieldCatalog.layerFields.map(\.name)
                throw RuntimeError(.unknownField(field: f.name.text, owner: owner,
                                                 suggestion: Suggestions.closest(to: f.name.text, in: names)), at: f.name.span)
            }
            fields.removeAll { $0.name == f.name.text }
            if let value = try fieldValue(f, entry: entry, owner: owner, in: local) {
                fields.append((name: f.name.text, value: value, span: f.span))
            }
        }
        return Material(identifier: decl.name.text, kind: kind, fields: fields, base: base)
    }

    func materialKind(_ expr: Expr, env: Environment) throws -> MaterialKind {
        let word: String
        switch expr.kind {
        case .identifier(let w): word = w
        case .string(let w): word = w
        default:
            throw RuntimeError(.unknownKind(expr.span.text, suggestion: nil), at: expr.span)
        }
        guard let k = MaterialKind(rawValue: word), k != .composite else {
            throw RuntimeError(.unknownKind(word, suggestion: Suggestions.closest(to: word, in: ["electrolyte", "active", "metal", "coating"])),
                               at: expr.span)
        }
        return k
    }

    func materialNames(_ env: Environment) -> [String] {
        env.allNames.filter {
            switch env.lookup($0) {
            case .material?, .materialTemplate?: return true
            default: return false
            }
        }
    }

    /// Evaluates a field assignment and checks it against the vocabulary: dimension, strings,
    /// voltage windows, and `VALUE at T` reference temperatures.
    /// Returns nil for `field = none`: the field stays unset (a model computes it or asks for it).
    func fieldValue(_ f: FieldAssignment, entry: FieldCatalog.Field, owner: String, in env: Environment) throws -> Value? {
        let v = try evaluate(f.value, in: env)
        if v.isUnknown { return v }
        if case .none = v { return nil }
        let ownerText = owner
        func mismatch(_ expected: String) -> RuntimeError {
            RuntimeError(.fieldDimension(field: f.name.text, owner: ownerText, expected: expected, found: describeType(v)),
                         at: f.value.span)
        }
        switch entry.expected {
        case .string:
            guard case .string = v else { throw mismatch("a string") }
        case .kind:
            break
        case .voltageRange:
            guard case .range(let a, _, _) = v, a.dimension == .voltage else { throw mismatch("a voltage range (`1.7 V to 2.1 V`)") }
        case .potential:
            switch v {
            case .function, .object(is PotentialTableObject): break
            case .quantity(let q) where q.dimension == .voltage: break
            default:
                throw mismatch("a voltage or a function of the Li fraction")
            }
        case .quantity(let dim):
            guard let q = v.quantity else { throw mismatch(article(dim)) }
            guard q.dimension == dim else { throw mismatch(article(dim)) }
            guard q.value.isFinite else { throw RuntimeError(.notFinite("`\(f.name.text)`"), at: f.value.span) }
            try checkFieldRange(q, field: f.name.text, owner: ownerText, span: f.value.span)
        }
        if let refExpr = f.reference {
            guard entry.activation != nil, let q = v.quantity else {
                throw RuntimeError(.other("`\(f.name.text)` does not depend on temperature, so it takes no `at`"), at: refExpr.span)
            }
            let t = try evaluate(refExpr, in: env)
            guard let tq = t.quantity, tq.dimension == .temperature, tq.value > 0 else {
                throw RuntimeError(.notATemperature(describeType(t)), at: refExpr.span)
            }
            return .temperatureDependent(TemperatureDependent(field: f.name.text, owner: owner, value: q, reference: tq,
                                                              activation: nil, law: entry.activation?.law ?? .conductivity))
        }
        return v
    }

    /// Fields that are parts of a whole: 0 to 1 (0 % to 100 %).
    static let unitIntervalFields: Set<String> = [
        "porosity", "density_rel", "active_fraction", "x_init", "x_min", "x_max", "n_gb", "n",
    ]
    /// Fields that may be negative (a volume can shrink); every other field is a magnitude.
    static let signedFields: Set<String> = ["volume_change"]

    /// Refuses physically impossible field values where they are written: temperatures at or
    /// below absolute zero, negative magnitudes (thickness, conductivity, ...), fractions
    /// outside 0 to 100 %. Otherwise they surface later as NaN or a negative resistance.
    func checkFieldRange(_ q: Quantity, field: String, owner: String, span: Span) throws {
        if q.dimension == .temperature {
            guard q.value > 0 else {
                throw RuntimeError(.other("`\(field)` of \(owner) is at or below absolute zero (`\(q.formatted())`)"), at: span)
            }
        } else if !Self.signedFields.contains(field), q.value < 0 {
            throw RuntimeError(.other("`\(field)` of \(owner) cannot be negative, found `\(q.formatted())`"), at: span)
        }
        if Self.unitIntervalFields.contains(field), q.value > 1 {
            throw RuntimeError(.other("`\(field)` of \(owner) is a fraction from 0 to 100 %, found `\(q.formatted())`"), at: span)
        }
    }

    /// A field written twice in one block is a mistake: the second would silently win.
    func rejectDuplicateFields(_ fields: [FieldAssignment], owner: String) throws {
        var seen: [String: Span] = [:]
        for f in fields {
            if let first = seen[f.name.text] {
                let line = first.file.location(of: first.start).line
                throw RuntimeError(.other("`\(f.name.text)` is set twice in \(owner) (first at line \(line))"), at: f.name.span)
            }
            seen[f.name.text] = f.name.span
        }
    }

    func article(_ d: Dimension) -> String {
        let name = d.displayName
        if d == Dimension() { return "a plain number" }
        // A dimension without a name reads as its SI unit: `a quantity in m^-2`.
        if name.contains(where: { !$0.isLetter && $0 != " " && $0 != "-" }) { return "a quantity in `\(name)`" }
        let vowel = name.first.map { "aeiou".contains($0) } ?? false
        return (vowel ? "an " : "a ") + name
    }

    // MARK: Layers

    /// Evaluates `MATERIAL { fields; coating on X = M {...} }` into a layer.
    func makeLayer(_ spec: LayerSpec, role: LayerRole, name: String, in env: Environment) throws -> Layer {
        let base = try evaluate(spec.material, in: env)
        let owner = name.isEmpty ? "layer" : "layer `\(name)`"
        var fields: [(name: String, value: Value, span: Span?)] = []
        try rejectDuplicateFields(spec.fields, owner: owner)
        for f in spec.fields {
            let entry = FieldCatalog.lookup(f.name.text, in: .layer) ?? FieldCatalog.lookup(f.name.text, in: .material)
            guard let entry else {
                let names = FieldCatalog.layerFields.map(\.name) + FieldCatalog.materialFields.map(\.name)
                throw RuntimeError(.unknownField(field: f.name.text, owner: owner,
                                                 suggestion: Suggestions.closest(to: f.name.text, in: names)), at: f.name.span)
            }
            if let value = try fieldValue(f, entry: entry, owner: owner, in: env) {
                fields.append((name: f.name.text, value: value, span: f.span))
            }
        }
        var coatings: [Layer.Coating] = []
        let material: Material
        var inherited: Layer?
        switch base {
        case .material(let m): material = m
        case .layer(let l):
            material = l.material
            inherited = l
        case .materialTemplate(let t):
            material = try instantiateMaterial(t.decl, arguments: try bindArguments(
                name: t.decl.name.text, parameters: t.decl.parameters ?? [], [], [],
                site: CallSite(span: spec.material.span, argumentSpans: [], labelSpans: [:], interpreter: self, environment: env),
                defaultsIn: t.environment), in: t.environment)
        case .unknown:
            material = Material(identifier: spec.material.span.text, kind: nil, fields: [], base: nil)
        default:
            throw RuntimeError(.typeMismatch(expected: "a material or a layer", found: describeType(base), context: owner),
                               at: spec.material.span)
        }
        for c in spec.coatings {
            let targets = material.components.isEmpty ? [material.identifier] : material.components.map { $0.material.identifier }
            guard targets.contains(c.target.text) else {
                throw RuntimeError(.other("`coating on \(c.target.text)`: \(owner) has no component `\(c.target.text)` (it has \(targets.map { "`\($0)`" }.joined(separator: ", ")))"),
                                   at: c.target.span)
            }
            coatings.append(Layer.Coating(target: c.target.text, layer: try makeLayer(c.spec, role: .layer, name: "coating", in: env)))
        }
        if let inherited {
            return inherited.renamed(name, role: role, extraFields: fields, extraCoatings: coatings, span: spec.span)
        }
        return Layer(role: role, name: name, material: material, fields: fields, coatings: coatings, span: spec.span)
    }

    // MARK: Cells

    func instantiateCell(_ t: CellTemplate, arguments: [(name: String, value: Value)], span: Span) throws -> Cell {
        let site = CallSite(span: span, argumentSpans: [], labelSpans: [:], interpreter: self, environment: t.environment)
        return try instantiateCell(t, positional: [], labelled: arguments.map { (label: $0.name, value: $0.value) }, site: site)
    }

    func instantiateCell(_ t: CellTemplate, positional: [Value], labelled: [(label: String, value: Value)],
                         site: CallSite) throws -> Cell {
        let decl = t.decl
        let bound = try bindArguments(name: decl.name.text, parameters: decl.parameters ?? [], positional, labelled,
                                      site: site, defaultsIn: t.environment)
        let local = Environment(parent: t.environment)
        for (n, v) in bound { local.define(n, v) }
        var fields: [(name: String, value: Value, span: Span?)] = []
        var layers: [Layer] = []
        var interfaces: [Interface] = []
        let owner = "cell `\(decl.name.text)`"
        for item in decl.items {
            switch item {
            case .field(let f):
                guard let entry = FieldCatalog.lookup(f.name.text, in: .cell) else {
                    throw RuntimeError(.unknownField(field: f.name.text, owner: owner,
                                                     suggestion: Suggestions.closest(to: f.name.text, in: FieldCatalog.cellFields.map(\.name))),
                                       at: f.name.span)
                }
                fields.removeAll { $0.name == f.name.text }
                if let v = try fieldValue(f, entry: entry, owner: owner, in: local) {
                    fields.append((name: f.name.text, value: v, span: f.span))
                }
            case .layer(let l):
                if layers.contains(where: { $0.name == l.name.text }) {
                    throw RuntimeError(.redefinition(l.name.text), at: l.name.span)
                }
                // An optional layer given as `none` (e.g. `symmetric(..., interlayer: none)`) is left out.
                if l.spec.fields.isEmpty, l.spec.coatings.isEmpty, case .none = try evaluate(l.spec.material, in: local) { continue }
                layers.append(try makeLayer(l.spec, role: l.role, name: l.name.text, in: local))
            case .interface(let i):
                for side in [i.left, i.right] where !layers.contains(where: { $0.name == side.text }) {
                    throw RuntimeError(.unknownLayer(side.text, cell: decl.name.text,
                                                     suggestion: Suggestions.closest(to: side.text, in: layers.map(\.name))),
                                       at: side.span)
                }
                var ifields: [(name: String, value: Value, span: Span?)] = []
                let iowner = "interface `\(i.left.text) | \(i.right.text)`"
                try rejectDuplicateFields(i.fields, owner: iowner)
                for f in i.fields {
                    guard let entry = FieldCatalog.lookup(f.name.text, in: .interface) else {
                        throw RuntimeError(.unknownField(field: f.name.text, owner: iowner,
                                                         suggestion: Suggestions.closest(to: f.name.text, in: FieldCatalog.interfaceFields.map(\.name))),
                                           at: f.name.span)
                    }
                    if let v = try fieldValue(f, entry: entry, owner: iowner, in: local) {
                        ifields.append((name: f.name.text, value: v, span: f.span))
                    }
                }
                interfaces.append(Interface(left: i.left.text, right: i.right.text, fields: ifields, span: i.span))
            case .binding(let name, let expr):
                if !local.define(name.text, try evaluate(expr, in: local)) {
                    throw RuntimeError(.redefinition(name.text), at: name.span)
                }
            }
        }
        return Cell(name: decl.name.text, arguments: bound, fields: fields, layers: layers, interfaces: interfaces)
    }
}
