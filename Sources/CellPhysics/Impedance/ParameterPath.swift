/// A physical field of a cell that a stack fit may vary (LANGUAGE.md §8:
/// `fit CELL to DATA vary [separator.grain_size, interface(anode, separator).asr]`).
/// Thermal fields (`sigma_ion`, `asr`, ...) are varied at their reference temperature, so the
/// fitted value is the one a recipe would write; the Arrhenius law and E_a stay fixed.
public enum ParameterPath: Sendable, Hashable, CustomStringConvertible {
    /// A field of the layer named `layer`.
    case layer(String, LayerField)
    /// A field of the material of the (non-composite) layer named `layer`.
    case material(String, MaterialField)
    /// A field of the component with material identifier `component` in composite `layer`.
    case component(layer: String, component: String, MaterialField)
    /// A field of the interface between two layers (either order).
    case interface(String, String, InterfaceField)

    public enum LayerField: String, Sendable, CaseIterable {
        case thickness, grainSize = "grain_size", loading, porosity
    }

    public enum MaterialField: String, Sendable, CaseIterable {
        case ionicConductivity = "sigma_ion", grainBoundaryConductivity = "sigma_gb"
        case grainBoundaryThickness = "gb_thickness", grainSize = "grain_size"
        case relativePermittivity = "eps_r", grainBoundaryCPEExponent = "n_gb"
        case diffusivity = "D", exchangeCurrentDensity = "i0", particleRadius = "particle_radius"
        case hardness = "H"
    }

    public enum InterfaceField: String, Sendable, CaseIterable {
        case asr, capacitance, cpeExponent = "n", exchangeCurrentDensity = "i0"
    }

    /// Recipe spelling: `separator.grain_size`, `separator.material.sigma_ion`,
    /// `cathode.LLZTO.sigma_ion`, `interface(anode, separator).asr`.
    public var description: String {
        switch self {
        case .layer(let layer, let field): return "\(layer).\(field.rawValue)"
        case .material(let layer, let field): return "\(layer).material.\(field.rawValue)"
        case .component(let layer, let component, let field): return "\(layer).\(component).\(field.rawValue)"
        case .interface(let a, let b, let field): return "interface(\(a), \(b)).\(field.rawValue)"
        }
    }

    /// SI unit of the varied value (for tables).
    public var unit: String {
        switch self {
        case .layer(_, let field):
            switch field {
            case .thickness, .grainSize: return "m"
            case .loading: return "kg/m^2"
            case .porosity: return ""
            }
        case .material(_, let field), .component(_, _, let field):
            switch field {
            case .ionicConductivity, .grainBoundaryConductivity: return "S/m"
            case .grainBoundaryThickness, .grainSize, .particleRadius: return "m"
            case .relativePermittivity, .grainBoundaryCPEExponent: return ""
            case .diffusivity: return "m^2/s"
            case .exchangeCurrentDensity: return "A/m^2"
            case .hardness: return "Pa"
            }
        case .interface(_, _, let field):
            switch field {
            case .asr: return "ohm*m^2"
            case .capacitance: return "F/m^2"
            case .cpeExponent: return ""
            case .exchangeCurrentDensity: return "A/m^2"
            }
        }
    }

    /// Whether the value is an exponent in (0, 1] (fitted linearly) rather than a positive scale
    /// quantity (fitted in log space).
    public var isExponent: Bool {
        switch self {
        case .material(_, .grainBoundaryCPEExponent), .component(_, _, .grainBoundaryCPEExponent),
             .interface(_, _, .cpeExponent), .layer(_, .porosity):
            return true
        default:
            return false
        }
    }

    /// The value the impedance model assumes when the field is unset (a fit starts there), or nil
    /// when the model has no default (see ``ImpedanceDefaults``).
    public var modelDefault: Double? {
        switch self {
        case .interface(_, _, .cpeExponent): return ImpedanceDefaults.cpeExponent
        case .material(_, .relativePermittivity), .component(_, _, .relativePermittivity):
            return ImpedanceDefaults.relativePermittivity
        default: return nil
        }
    }

    /// The current value in `cell`; throws ``StackFitError/noSuchPath`` or ``StackFitError/unsetField``.
    public func value(in cell: CellModel) throws -> Double {
        var found: Double?
        _ = try update(cell) { current in
            found = current
            return current
        }
        guard let found else { throw StackFitError.unsetField(path: description) }
        return found
    }

    /// A copy of `cell` with this field set to `value`.
    public func setting(_ value: Double, in cell: CellModel) throws -> CellModel {
        try update(cell) { _ in value }
    }

    /// Applies `transform` to the field (nil = unset) and returns the updated cell.
    private func update(_ cell: CellModel, _ transform: (Double?) -> Double?) throws -> CellModel {
        var cell = cell
        switch self {
        case .layer(let name, let field):
            guard let index = cell.layers.firstIndex(where: { $0.name == name }) else {
                throw StackFitError.noSuchPath(path: description, reason: "the cell has no layer `\(name)`")
            }
            switch field {
            case .thickness: cell.layers[index].thickness = transform(cell.layers[index].thickness)
            case .grainSize:
                let current = cell.layers[index].grainSize ?? cell.layers[index].material.grainSize
                cell.layers[index].grainSize = transform(current)
            case .loading: cell.layers[index].loading = transform(cell.layers[index].loading)
            case .porosity: cell.layers[index].porosity = transform(cell.layers[index].porosity)
            }
        case .material(let name, let field):
            guard let index = cell.layers.firstIndex(where: { $0.name == name }) else {
                throw StackFitError.noSuchPath(path: description, reason: "the cell has no layer `\(name)`")
            }
            guard !cell.layers[index].isComposite else {
                throw StackFitError.noSuchPath(path: description, reason: "layer `\(name)` is a composite; "
                    + "name a component (`\(name).COMPONENT.\(field.rawValue)`)")
            }
            Self.update(&cell.layers[index].material, field, transform)
        case .component(let name, let component, let field):
            guard let index = cell.layers.firstIndex(where: { $0.name == name }) else {
                throw StackFitError.noSuchPath(path: description, reason: "the cell has no layer `\(name)`")
            }
            guard let c = cell.layers[index].components.firstIndex(where: { $0.material.identifier == component }) else {
                throw StackFitError.noSuchPath(path: description,
                                               reason: "layer `\(name)` has no component `\(component)`")
            }
            Self.update(&cell.layers[index].components[c].material, field, transform)
        case .interface(let a, let b, let field):
            guard let index = cell.interfaces.firstIndex(where: {
                ($0.left == a && $0.right == b) || ($0.left == b && $0.right == a)
            }) else {
                throw StackFitError.noSuchPath(path: description, reason: "the cell has no interface `\(a) | \(b)`")
            }
            switch field {
            case .asr:
                cell.interfaces[index].areaSpecificResistance =
                    Self.thermal(cell.interfaces[index].areaSpecificResistance, transform, law: .resistance)
            case .capacitance: cell.interfaces[index].capacitance = transform(cell.interfaces[index].capacitance)
            case .cpeExponent: cell.interfaces[index].cpeExponent = transform(cell.interfaces[index].cpeExponent)
            case .exchangeCurrentDensity:
                cell.interfaces[index].exchangeCurrentDensity =
                    Self.thermal(cell.interfaces[index].exchangeCurrentDensity, transform, law: .simple)
            }
        }
        return cell
    }

    private static func update(_ material: inout MaterialModel, _ field: MaterialField, _ transform: (Double?) -> Double?) {
        switch field {
        case .ionicConductivity:
            material.ionicConductivity = thermal(material.ionicConductivity, transform, law: .conductivity)
        case .grainBoundaryConductivity:
            material.grainBoundaryConductivity = thermal(material.grainBoundaryConductivity, transform, law: .conductivity)
        case .grainBoundaryThickness: material.grainBoundaryThickness = transform(material.grainBoundaryThickness)
        case .grainSize: material.grainSize = transform(material.grainSize)
        case .relativePermittivity: material.relativePermittivity = transform(material.relativePermittivity)
        case .grainBoundaryCPEExponent: material.grainBoundaryCPEExponent = transform(material.grainBoundaryCPEExponent)
        case .diffusivity: material.diffusivity = thermal(material.diffusivity, transform, law: .simple)
        case .exchangeCurrentDensity:
            material.exchangeCurrentDensity = thermal(material.exchangeCurrentDensity, transform, law: .simple)
        case .particleRadius: material.particleRadius = transform(material.particleRadius)
        case .hardness: material.hardness = transform(material.hardness)
        }
    }

    /// Transforms a thermal parameter's reference value; an unset one is created at 25 °C with
    /// no activation energy when a value is assigned.
    private static func thermal(_ parameter: ThermalParameter?, _ transform: (Double?) -> Double?,
                                law: ArrheniusLaw) -> ThermalParameter? {
        guard let value = transform(parameter?.reference) else { return parameter }
        guard var parameter else { return ThermalParameter(value, law: law) }
        parameter.reference = value
        return parameter
    }
}
