import CellDiagnostics
import CellPhysics
import CellUnits
import Foundation

/// Turns recipe values (cells, layers, materials) into the SI `CellModel` the physics uses.
/// OCP functions written in `.cell` are tabulated once here, so the interpreter never runs
/// inside a solver's inner loop.
struct ModelBuilder {
    unowned let interpreter: Interpreter
    /// Where to point errors that have no better position.
    let span: Span

    /// Points of a tabulated OCP over [x_min, x_max]; PCHIP interpolation between them is
    /// accurate to well below a millivolt for the stdlib OCPs (tested in EvaluatorTests).
    static let ocpTablePoints = 801

    func cell(_ c: Cell) throws -> CellModel {
        var model = CellModel(name: c.name, layers: try c.layers.map(layer), interfaces: try c.interfaces.map(interface))
        model.area = c.field("area")?.quantity?.value
        model.temperature = c.field("temperature")?.quantity?.value
        model.pressure = c.field("pressure")?.quantity?.value
        if case .string(let p)? = c.field("process") { model.process = p }
        return model
    }

    func layer(_ l: Layer) throws -> LayerModel {
        var mat = try material(l.material)
        // Material fields set on the layer override the material for this layer only.
        for (name, value, fieldSpan) in l.fields where FieldCatalog.lookup(name, in: .layer) == nil || name == "grain_size" {
            try apply(name, value, to: &mat, owner: l.material.identifier, span: fieldSpan)
        }
        var basis: CompositeBasis = .mass
        var components: [ComponentModel] = []
        for comp in l.material.components {
            if comp.fraction.basis == .volume { basis = .volume }
            var cm = ComponentModel(material: try material(comp.material), fraction: comp.fraction.value)
            if let coating = l.coatings.first(where: { $0.target == comp.material.identifier }) {
                cm.coating = CoatingModel(material: try material(coating.layer.material),
                                          thickness: coating.layer.field("thickness")?.quantity?.value)
            }
            components.append(cm)
        }
        var model = LayerModel(name: l.name, isInterlayer: l.role == .interlayer, material: mat, components: components, basis: basis)
        model.thickness = l.field("thickness")?.quantity?.value
        model.grainSize = l.field("grain_size")?.quantity?.value
        model.loading = l.field("loading")?.quantity?.value
        model.activeFraction = l.field("active_fraction")?.quantity?.value
        model.porosity = l.field("porosity")?.quantity?.value
        model.relativeDensity = l.field("density_rel")?.quantity?.value ?? l.material.field("density_rel")?.quantity?.value
        if case .string(let p)? = l.field("process") { model.process = p }
        return model
    }

    func interface(_ i: Interface) throws -> InterfaceModel {
        var model = InterfaceModel(left: i.left, right: i.right)
        for (name, value, _) in i.fields {
            switch name {
            case "asr": model.areaSpecificResistance = thermal(value, activation: i.field("Ea"), law: .resistance)
            case "capacitance": model.capacitance = value.quantity?.value
            case "n": model.cpeExponent = value.quantity?.value
            case "i0": model.exchangeCurrentDensity = thermal(value, activation: i.field("Ea"), law: .simple)
            default: break
            }
        }
        return model
    }

    func material(_ m: Material) throws -> MaterialModel {
        let kind = m.kind ?? inferredKind(m)
        var model = MaterialModel(identifier: m.identifier, name: m.displayName, kind: kind)
        var source = "recipe"
        if case .string(let s)? = m.field("source") { source = s }
        for (name, value, fieldSpan) in m.fields {
            try apply(name, value, to: &model, owner: m.identifier, span: fieldSpan, material: m)
            if name != "name", name != "source", name != "kind" {
                interpreter.noteParameter(material: m.identifier, field: name, value: value, source: source)
            }
        }
        return model
    }

    /// A material declared without `kind`: an electrolyte if it conducts ions, active if it
    /// stores charge, otherwise a metal.
    func inferredKind(_ m: Material) -> MaterialKind {
        if !m.components.isEmpty { return .composite }
        if m.field("capacity") != nil { return .active }
        if m.field("sigma_ion") != nil { return .electrolyte }
        return .metal
    }

    /// A field given at a reference temperature becomes a `ThermalParameter`.
    func thermal(_ v: Value, activation: Value?, law: ArrheniusLaw) -> ThermalParameter? {
        let ea = activation?.quantity.map { $0.value / PhysicalConstantsSI.elementaryCharge }
        switch v {
        case .temperatureDependent(let td):
            return ThermalParameter(td.value.value, at: td.reference.value, activationEnergy: ea, law: law)
        case .quantity(let q):
            return ThermalParameter(q.value, at: FieldCatalog.defaultReferenceTemperature, activationEnergy: ea, law: law)
        default:
            return nil
        }
    }

    func apply(_ name: String, _ v: Value, to model: inout MaterialModel, owner: String, span fieldSpan: Span?,
               material m: Material? = nil) throws {
        let q = v.quantity?.value
        func act(_ field: String) -> Value? { m?.field(field) }
        switch name {
        case "name": if case .string(let s) = v { model.name = s }
        case "source": if case .string(let s) = v { model.source = s }
        case "density": model.density = q
        case "molar_mass": model.molarMass = q
        case "E": model.youngsModulus = q
        case "G_shear": model.shearModulus = q
        case "H": model.hardness = q
        case "eps_r": model.relativePermittivity = q
        case "T_melt": model.meltingPoint = q
        case "sigma_ion": model.ionicConductivity = thermal(v, activation: act("Ea"), law: .conductivity)
        case "sigma_gb": model.grainBoundaryConductivity = thermal(v, activation: act("Ea_gb"), law: .conductivity)
        case "sigma_e": model.electronicConductivity = thermal(v, activation: act("Ea_e"), law: .conductivity)
        case "gb_thickness": model.grainBoundaryThickness = q
        case "grain_size": model.grainSize = q
        case "n_gb": model.grainBoundaryCPEExponent = q
        case "window":
            if case .range(let a, let b, _) = v { model.stabilityWindow = min(a.value, b.value)...max(a.value, b.value) }
        case "capacity": model.capacity = q
        case "rate_basis": model.rateBasis = q
        case "x_init": model.initialLiFraction = q
        case "x_min": model.minLiFraction = q
        case "x_max": model.maxLiFraction = q
        case "c_max": model.maxConcentration = q
        case "D": model.diffusivity = thermal(v, activation: act("Ea_D"), law: .simple)
        case "particle_radius": model.particleRadius = q
        case "i0": model.exchangeCurrentDensity = thermal(v, activation: act("Ea_i0"), law: .simple)
        case "k0": model.rateConstant = thermal(v, activation: act("Ea_i0"), law: .simple)
        case "volume_change": model.volumeChange = q
        case "D_vacancy": model.vacancyDiffusivity = q
        case "contact_density": model.contactDensity = q
        case "sigma_n0": model.hebbWagnerElectronConductivity = q
        case "sigma_p0": model.hebbWagnerHoleConductivity = q
        case "ocp":
            model.ocp = try potential(v, material: m, owner: owner, span: fieldSpan)
        default: break  // activation energies are read with their fields; layer-only fields elsewhere
        }
    }

    /// A constant voltage, or a `.cell` function of the Li fraction tabulated over its valid range.
    func potential(_ v: Value, material m: Material?, owner: String, span fieldSpan: Span?) throws -> OpenCircuitPotential? {
        switch v {
        case .quantity(let q): return .constant(q.value)
        case .object(let t as PotentialTableObject): return .table(x: t.x, u: t.u)
        case .function(let f):
            let lo = m?.field("x_min")?.quantity?.value ?? 0
            let hi = m?.field("x_max")?.quantity?.value ?? 1
            guard lo < hi else {
                throw RuntimeError(.other("`x_min` must be below `x_max` in material `\(owner)`"), at: fieldSpan ?? span)
            }
            let n = Self.ocpTablePoints
            // `.cell` functions are pure (every binding is immutable), so a table depends only on
            // the function and the range: tabulate once per process, not once per `run`.
            let key = OCPTableCache.Key(function: ObjectIdentifier(f), low: lo, high: hi, points: n)
            if let cached = OCPTableCache.shared.table(for: key) { return .table(x: cached.x, u: cached.u) }
            var xs: [Double] = [], us: [Double] = []
            xs.reserveCapacity(n)
            us.reserveCapacity(n)
            let site = CallSite(span: fieldSpan ?? span, argumentSpans: [], labelSpans: [:], interpreter: interpreter,
                                environment: interpreter.globals)
            for k in 0..<n {
                let x = lo + (hi - lo) * Double(k) / Double(n - 1)
                let u = try interpreter.invoke(f, [.number(x)], [], site: site)
                guard let uq = u.quantity, uq.dimension == .voltage, uq.value.isFinite else {
                    throw RuntimeError(.other("the OCP of `\(owner)` must return a finite voltage; at x = \(NumberFormat.format(x)) `\(f.name)` gave \(interpreter.describeType(u))"),
                                       at: fieldSpan ?? span)
                }
                xs.append(x)
                us.append(uq.value)
            }
            OCPTableCache.shared.store(key, x: xs, u: us, keeping: f)
            return .table(x: xs, u: us)
        default:
            return nil
        }
    }
}

/// Tabulated OCP functions, shared by every interpreter of the process (parallel sweeps included).
final class OCPTableCache: @unchecked Sendable {
    static let shared = OCPTableCache()

    struct Key: Hashable {
        var function: ObjectIdentifier
        var low: Double
        var high: Double
        var points: Int
    }

    private let lock = NSLock()
    private var tables: [Key: (x: [Double], u: [Double])] = [:]
    /// The functions whose identities are keys stay alive, so an identifier is never reused.
    private var functions: [Function] = []

    func table(for key: Key) -> (x: [Double], u: [Double])? {
        lock.lock()
        defer { lock.unlock() }
        return tables[key]
    }

    func store(_ key: Key, x: [Double], u: [Double], keeping function: Function) {
        lock.lock()
        defer { lock.unlock() }
        if tables[key] == nil {
            tables[key] = (x, u)
            functions.append(function)
        }
    }
}
