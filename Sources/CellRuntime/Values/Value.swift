import CellDiagnostics
import CellSyntax
import CellUnits

/// A runtime value of the `.cell` language.
///
/// Numbers are dimensionless quantities: there is one numeric type, and it carries units.
public indirect enum Value {
    case quantity(Quantity)
    case string(String)
    case bool(Bool)
    case list([Value])
    case record(Record)
    case table(Table)
    /// `a to b [step c]`: iterable when it has a step; an interval otherwise (`from 25 degC to 120 degC`).
    case range(Quantity, Quantity, step: Quantity?)
    case function(Function)
    /// A material (plain, derived, or a composite of other materials).
    case material(Material)
    /// `material N(params) from B {...}`: called with arguments to give a material.
    case materialTemplate(MaterialTemplate)
    /// `cell N(params) {...}`: called with arguments to give a cell; the bare name means the defaults.
    case cellTemplate(CellTemplate)
    case cell(Cell)
    case layer(Layer)
    case `protocol`(ProtocolValue)
    /// A material field given at a reference temperature, possibly with an activation energy:
    /// evaluated at another temperature with `at`.
    case temperatureDependent(TemperatureDependent)
    /// `x in UNIT`: the quantity, remembered with the unit it should print in.
    case converted(Quantity, CellUnits.Unit, text: String)
    /// A model-backed value: a spectrum, a circuit, a fit, a run result, a plot (see Objects/).
    case object(any RuntimeObject)
    /// Check mode only: a value that would be known after simulation (`run`, `fit`, `load`).
    case unknown(String)
    /// The absence of a value (`none`), e.g. an optional cell parameter left unset.
    case none

    /// A short name for the value's type, used in messages: ``expected a list, found a `material` ``.
    public var typeName: String {
        switch self {
        case .quantity(let q): return q.isPlainNumber ? "number" : (q.dimension.name ?? "quantity")
        case .string: return "string"
        case .bool: return "bool"
        case .list: return "list"
        case .record: return "record"
        case .table: return "table"
        case .range: return "range"
        case .function: return "function"
        case .material: return "material"
        case .materialTemplate: return "material template"
        case .cellTemplate: return "cell"
        case .cell: return "cell"
        case .layer: return "layer"
        case .protocol: return "protocol"
        case .temperatureDependent: return "temperature-dependent quantity"
        case .converted: return "quantity"
        case .object(let o): return o.typeName
        case .unknown: return "value"
        case .none: return "none"
        }
    }

    /// The quantity behind `.quantity` and `.converted` values.
    public var quantity: Quantity? {
        switch self {
        case .quantity(let q): return q
        case .converted(let q, _, _): return q
        default: return nil
        }
    }

    public static func number(_ x: Double) -> Value { .quantity(.number(x)) }
    public var isUnknown: Bool { if case .unknown = self { return true } else { return false } }
}

/// An ordered record `{name: value, ...}`; field order is kept for printing and export.
public struct Record {
    public var fields: [(name: String, value: Value)]
    public init(_ fields: [(name: String, value: Value)] = []) { self.fields = fields }

    public subscript(name: String) -> Value? {
        fields.first { $0.name == name }?.value
    }
    public var names: [String] { fields.map(\.name) }
}

/// `table for x in xs { col: expr }`: one row per element, columns in the order written.
public struct Table {
    public var columns: [String]
    public var rows: [[Value]]
    public init(columns: [String], rows: [[Value]]) {
        self.columns = columns
        self.rows = rows
    }
    public func column(_ name: String) -> [Value]? {
        guard let i = columns.firstIndex(of: name) else { return nil }
        return rows.map { $0[i] }
    }
    public func row(_ i: Int) -> Record {
        Record(Array(zip(columns, rows[i])).map { (name: $0.0, value: $0.1) })
    }
}

/// A user function (`fn`) with its closure scope, or a built-in.
public final class Function {
    public enum Body {
        case user(FunctionDecl, Environment)
        /// Positional arguments, labelled arguments in the order written, and the call site.
        case builtin(([Value], [(label: String, value: Value)], CallSite) throws -> Value)
    }
    public let name: String
    /// Parameter names in order, with whether each has a default (for messages and completion).
    public let parameterNames: [String]
    public let body: Body

    public init(name: String, parameterNames: [String], body: Body) {
        self.name = name
        self.parameterNames = parameterNames
        self.body = body
    }
}

/// Where a built-in was called from, so it can point its errors at the right argument.
public struct CallSite {
    public var span: Span
    public var argumentSpans: [Span]
    public var labelSpans: [String: Span]
    public unowned let interpreter: Interpreter
    /// The caller's scope (`composite(LLZTO: ...)` resolves its labels there).
    public let environment: Environment

    public func span(ofArgument i: Int) -> Span { i < argumentSpans.count ? argumentSpans[i] : span }
}

/// `material N(params) from B { ... }` before it is given arguments.
public final class MaterialTemplate {
    public let decl: MaterialDecl
    public let environment: Environment
    public init(decl: MaterialDecl, environment: Environment) {
        self.decl = decl
        self.environment = environment
    }
}

/// `cell N(params) { ... }` before it is given arguments.
public final class CellTemplate {
    public let decl: CellDecl
    public let environment: Environment
    public init(decl: CellDecl, environment: Environment) {
        self.decl = decl
        self.environment = environment
    }
}

/// A declared protocol: its step tree, the scope it was declared in, and its parameters.
public final class ProtocolValue {
    public let decl: ProtocolDecl
    public let environment: Environment
    public let arguments: [String: Value]
    public init(decl: ProtocolDecl, environment: Environment, arguments: [String: Value] = [:]) {
        self.decl = decl
        self.environment = environment
        self.arguments = arguments
    }
    public var name: String { decl.name.text }
}
