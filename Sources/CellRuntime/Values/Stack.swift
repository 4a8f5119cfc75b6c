import CellDiagnostics
import CellSyntax
import CellPhysics
import CellUnits


/// A material: its own fields plus those inherited with `from`, or a composite of materials.
public final class Material {
    /// The identifier the recipe uses (`LBOCl`); the chemical name is the `name` field.
    public let identifier: String
    public let kind: MaterialKind?
    /// Fields in the order they were set, base fields first; derived materials override in place.
    public private(set) var fields: [(name: String, value: Value, span: Span?)]
    public let base: Material?
    /// For `composite(A: w1, B: w2)`: the components and their fractions (mass or volume basis).
    public let components: [Component]

    public struct Component {
        public var material: Material
        public var fraction: Quantity
        public var span: Span
    }

    public init(identifier: String, kind: MaterialKind?, fields: [(name: String, value: Value, span: Span?)],
                base: Material?, components: [Component] = []) {
        self.identifier = identifier
        self.kind = kind
        self.fields = fields
        self.base = base
        self.components = components
    }

    public func field(_ name: String) -> Value? {
        fields.last { $0.name == name }?.value
    }
    public func fieldSpan(_ name: String) -> Span? {
        fields.last { $0.name == name }?.span
    }

    /// The chemical name (`name` field) or the identifier.
    public var displayName: String {
        if case .string(let s)? = field("name") { return s }
        return identifier
    }

    /// Stack notation: `LLZTO+LBOCl` for a composite, the identifier otherwise.
    public var stackNotation: String {
        components.isEmpty ? identifier : components.map { $0.material.identifier }.joined(separator: "+")
    }
}

/// A layer of a cell (or a free-standing layer expression) made of a material.
public final class Layer {
    public let role: LayerRole
    /// The name given in the cell (`separator`), or empty for an anonymous `layer ...` expression.
    public let name: String
    public let material: Material
    public let fields: [(name: String, value: Value, span: Span?)]
    public let coatings: [Coating]
    public let span: Span?

    public struct Coating {
        /// The identifier of the composite component that is coated (`LCO`).
        public var target: String
        public var layer: Layer
    }

    public init(role: LayerRole, name: String, material: Material,
                fields: [(name: String, value: Value, span: Span?)], coatings: [Coating], span: Span?) {
        self.role = role
        self.name = name
        self.material = material
        self.fields = fields
        self.coatings = coatings
        self.span = span
    }

    public func field(_ name: String) -> Value? { fields.last { $0.name == name }?.value }

    /// A copy with another name and role and extra fields overriding these (used when a layer
    /// value is placed into a cell: `layer separator = sep { thickness = 1 mm }`).
    public func renamed(_ name: String, role: LayerRole, extraFields: [(name: String, value: Value, span: Span?)],
                        extraCoatings: [Coating], span: Span?) -> Layer {
        Layer(role: role, name: name, material: material, fields: fields + extraFields,
              coatings: coatings + extraCoatings, span: span ?? self.span)
    }
}

/// `interface a | b { asr = ... }`
public struct Interface {
    public var left: String
    public var right: String
    public var fields: [(name: String, value: Value, span: Span?)]
    public var span: Span?
    public func field(_ name: String) -> Value? { fields.last { $0.name == name }?.value }
}

/// A cell instance: a stack of layers from the negative to the positive side.
public final class Cell {
    public let name: String
    public let arguments: [(name: String, value: Value)]
    public let fields: [(name: String, value: Value, span: Span?)]
    public let layers: [Layer]
    public let interfaces: [Interface]

    public init(name: String, arguments: [(name: String, value: Value)],
                fields: [(name: String, value: Value, span: Span?)], layers: [Layer], interfaces: [Interface]) {
        self.name = name
        self.arguments = arguments
        self.fields = fields
        self.layers = layers
        self.interfaces = interfaces
    }

    public func field(_ name: String) -> Value? { fields.last { $0.name == name }?.value }
    public func layer(named name: String) -> Layer? { layers.first { $0.name == name } }
    public func interface(between a: String, and b: String) -> Interface? {
        interfaces.first { ($0.left == a && $0.right == b) || ($0.left == b && $0.right == a) }
    }

    /// Paper notation: `Li | Au | LLZTO+LBOCl | LCO+LLZTO+LBOCl`.
    public var stackNotation: String {
        layers.map { $0.material.stackNotation }.joined(separator: " | ")
    }
}

/// A field given at a reference temperature: `sigma_ion = 6.8e-5 S/cm at 25 degC`, with the
/// activation energy paired to it by the material (`Ea` for `sigma_ion`, `Ea_gb` for `sigma_gb`...).
public struct TemperatureDependent {
    public var field: String
    public var owner: String
    public var value: Quantity
    /// Absolute reference temperature (K).
    public var reference: Quantity
    public var activation: Quantity?
    /// Which Arrhenius form applies (conductivity-like, rate-like, resistance-like).
    public var law: ArrheniusLaw
}
