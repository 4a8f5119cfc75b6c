import CellNumerics

// The cell as the models see it: SI numbers only, no language. The runtime builds these from
// recipe values (CellRuntime/Bridge); tests and benchmarks can build them directly.

/// What a material is (LANGUAGE.md §4).
public enum MaterialKind: String, Sendable, CaseIterable {
    case electrolyte, active, metal, coating, composite
}

/// A transport parameter known at a reference temperature, scaled by an Arrhenius law
/// (PHYSICS.md §1). Without an activation energy the value does not change with temperature.
public struct ThermalParameter: Sendable, Equatable {
    /// Value at `referenceTemperature`, SI.
    public var reference: Double
    /// Kelvin.
    public var referenceTemperature: Double
    /// eV; nil means temperature-independent.
    public var activationEnergy: Double?
    public var law: ArrheniusLaw

    public init(_ reference: Double, at referenceTemperature: Double = 298.15, activationEnergy: Double? = nil,
                law: ArrheniusLaw) {
        self.reference = reference
        self.referenceTemperature = referenceTemperature
        self.activationEnergy = activationEnergy
        self.law = law
    }

    /// The value at temperature `t` (K).
    public func value(at t: Double) -> Double {
        guard let ea = activationEnergy, t != referenceTemperature else { return reference }
        return law.scale(reference, from: referenceTemperature, to: t, activationEV: ea)
    }

    /// A copy multiplied by a constant factor (same temperature dependence).
    public func scaled(by factor: Double) -> ThermalParameter {
        var p = self
        p.reference *= factor
        return p
    }
}

/// An open-circuit potential vs Li/Li⁺ as a function of the Li fraction x (PHYSICS.md §6).
public enum OpenCircuitPotential: Sendable, Equatable {
    /// A two-phase plateau or a metal: U does not depend on x (Li 0 V, Li-In 0.62 V).
    case constant(Double)
    /// Tabulated U(x) on increasing x, interpolated piecewise-cubic and shape-preserving
    /// (Fritsch–Carlson PCHIP); the runtime tabulates `.cell` functions once per run.
    case table(x: [Double], u: [Double])

    /// U at x (V). Outside the table the end values are held (callers check the valid range).
    public func value(at x: Double) -> Double {
        switch self {
        case .constant(let u): return u
        case .table(let xs, let us): return PCHIP.evaluate(xs, us, at: x).value
        }
    }

    /// dU/dx at x (V per unit Li fraction); 0 for a constant potential.
    public func slope(at x: Double) -> Double {
        switch self {
        case .constant: return 0
        case .table(let xs, let us): return PCHIP.evaluate(xs, us, at: x).slope
        }
    }

    /// The Li-fraction interval the table covers (or everything for a constant).
    public var domain: ClosedRange<Double> {
        switch self {
        case .constant: return -Double.infinity...Double.infinity
        case .table(let xs, _): return (xs.first ?? 0)...(xs.last ?? 1)
        }
    }
}

/// A material with the fields the models use, in SI (LANGUAGE.md §4, docs/fields.md).
/// Every optional is "not set"; a model that needs one throws ``ModelError/missingField``.
public struct MaterialModel: Sendable {
    public var identifier: String
    public var name: String
    public var kind: MaterialKind
    /// Where the parameters come from (the `source` field), for reports.
    public var source: String?

    // any material
    public var density: Double?            // kg/m³
    public var molarMass: Double?          // kg/mol
    public var youngsModulus: Double?      // Pa
    public var shearModulus: Double?       // Pa
    public var hardness: Double?           // Pa
    public var relativePermittivity: Double?
    public var meltingPoint: Double?       // K
    // electrolyte
    public var ionicConductivity: ThermalParameter?        // S/m (bulk)
    public var grainBoundaryConductivity: ThermalParameter? // S/m (specific)
    public var electronicConductivity: ThermalParameter?   // S/m
    public var grainBoundaryThickness: Double?             // m
    public var grainSize: Double?                          // m
    public var grainBoundaryCPEExponent: Double?
    public var stabilityWindow: ClosedRange<Double>?       // V vs Li
    // active
    public var capacity: Double?          // C/kg (theoretical)
    public var rateBasis: Double?         // C/kg (what 1 C means)
    public var ocp: OpenCircuitPotential?
    public var initialLiFraction: Double?
    public var minLiFraction: Double?
    public var maxLiFraction: Double?
    public var maxConcentration: Double?  // mol/m³
    public var diffusivity: ThermalParameter?       // m²/s
    public var particleRadius: Double?    // m
    /// Exchange current density at x = 0.5, A/m²; i0(x) = i0·2·sqrt(x(1−x)).
    public var exchangeCurrentDensity: ThermalParameter?
    /// PyBaMM-convention rate constant: i0 = k0·sqrt(c_s(c_max − c_s)), A·m/mol.
    public var rateConstant: ThermalParameter?
    public var volumeChange: Double?
    // metal and Li interfaces
    public var vacancyDiffusivity: Double?   // m²/s
    /// Li contact spots per area on the surface this material presents to Li, m⁻² (constriction).
    public var contactDensity: Double?
    /// Hebb–Wagner electron and hole conductivities at unit Li activity, S/m.
    public var hebbWagnerElectronConductivity: Double?
    public var hebbWagnerHoleConductivity: Double?

    public init(identifier: String, name: String, kind: MaterialKind) {
        self.identifier = identifier
        self.name = name
        self.kind = kind
    }
}

/// A component of a composite layer, with its fraction and an optional coating shell.
public struct ComponentModel: Sendable {
    public var material: MaterialModel
    /// Mass or volume fraction (see ``LayerModel/basis``), 0...1.
    public var fraction: Double
    /// A shell of another material around this component's particles (`coating on LCO = ...`).
    public var coating: CoatingModel?

    public init(material: MaterialModel, fraction: Double, coating: CoatingModel? = nil) {
        self.material = material
        self.fraction = fraction
        self.coating = coating
    }
}

public struct CoatingModel: Sendable {
    public var material: MaterialModel
    public var thickness: Double?  // m
    public init(material: MaterialModel, thickness: Double?) {
        self.material = material
        self.thickness = thickness
    }
}

public enum CompositeBasis: String, Sendable {
    case mass, volume
}

/// One layer of the stack, negative side first.
public struct LayerModel: Sendable {
    public var name: String
    /// A thin layer between two layers (sputtered metal, nitride, MCL).
    public var isInterlayer: Bool
    /// The material; for a composite, a material of kind `.composite` named `A+B` whose own
    /// fields are unset (the components carry the properties).
    public var material: MaterialModel
    public var components: [ComponentModel]
    public var basis: CompositeBasis
    public var thickness: Double?        // m
    public var grainSize: Double?        // m (overrides the material's)
    public var loading: Double?          // kg/m² (whole composite)
    public var activeFraction: Double?   // volume fraction
    public var porosity: Double?
    public var relativeDensity: Double?
    /// The `process` note, reported not simulated.
    public var process: String?

    public init(name: String, isInterlayer: Bool = false, material: MaterialModel, components: [ComponentModel] = [],
                basis: CompositeBasis = .mass) {
        self.name = name
        self.isInterlayer = isInterlayer
        self.material = material
        self.components = components
        self.basis = basis
    }

    public var isComposite: Bool { !components.isEmpty }
}

/// `interface a | b { ... }`
public struct InterfaceModel: Sendable {
    public var left: String
    public var right: String
    /// Ω·m²; nil means the model computes it (e.g. from stack pressure).
    public var areaSpecificResistance: ThermalParameter?
    /// F/m²
    public var capacitance: Double?
    public var cpeExponent: Double?
    /// A/m²
    public var exchangeCurrentDensity: ThermalParameter?

    public init(left: String, right: String) {
        self.left = left
        self.right = right
    }
}

/// A whole cell: geometry, conditions, layers and interfaces (LANGUAGE.md §5).
public struct CellModel: Sendable {
    public var name: String
    /// m²
    public var area: Double?
    /// K
    public var temperature: Double?
    /// Pa
    public var pressure: Double?
    public var layers: [LayerModel]
    public var interfaces: [InterfaceModel]
    public var process: String?

    public init(name: String, area: Double? = nil, temperature: Double? = nil, pressure: Double? = nil,
                layers: [LayerModel], interfaces: [InterfaceModel] = []) {
        self.name = name
        self.area = area
        self.temperature = temperature
        self.pressure = pressure
        self.layers = layers
        self.interfaces = interfaces
    }

    public func layer(named name: String) -> LayerModel? { layers.first { $0.name == name } }

    /// The interface between two adjacent layers, in either order.
    public func interface(between a: String, and b: String) -> InterfaceModel? {
        interfaces.first { ($0.left == a && $0.right == b) || ($0.left == b && $0.right == a) }
    }

    /// `Li | Au | LLZTO+LBOCl | LCO+LLZTO+LBOCl`
    public var stackNotation: String { layers.map(\.material.identifier).joined(separator: " | ") }
}

/// Why a model cannot run on a cell. Messages follow STYLE.md (lowercase, backticks, no period).
public enum ModelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A field the model needs but nobody set (LANGUAGE.md §4).
    case missingField(field: String, owner: String, model: String)
    /// A value outside its physical range.
    case outOfRange(what: String, value: String, allowed: String)
    /// The cell lacks a part the protocol needs (e.g. plating on a cell without Li metal).
    case unsupported(String)
    /// The solver failed; `reached` says how far the simulation got (e.g. "t = 3.2 h").
    case solverFailed(reason: String, reached: String)
    /// A hard cap (steps, simulated time, repeat iterations) was hit.
    case limitExceeded(what: String, limit: String)
    /// The user interrupted the run (Ctrl-C); `reached` says how far it got.
    case cancelled(reached: String)

    public var description: String {
        switch self {
        case .missingField(let f, let o, let m): return "\(o) has no `\(f)`, which the \(m) needs"
        case .outOfRange(let w, let v, let a): return "\(w) is \(v); it must be \(a)"
        case .unsupported(let t): return t
        case .solverFailed(let r, let reached): return "the solver failed (\(r)) at \(reached)"
        case .limitExceeded(let w, let l): return "\(w) exceeded its limit of \(l)"
        case .cancelled(let reached): return "interrupted at \(reached)"
        }
    }
}
