import CellDiagnostics

// The abstract syntax tree of a `.cell` recipe. Every node carries the byte span of the source
// it came from, so the checker and the evaluator can point at it. The grammar rule that builds
// each node is quoted in `grammar/cell.ebnf` and above the parse function.

/// A name as written, with its position.
public struct Name: Sendable, Hashable {
    public var text: String
    public var span: Span
    public init(_ text: String, span: Span) {
        self.text = text
        self.span = span
    }
}

/// A whole recipe file (or one REPL entry).
public struct Program: Sendable {
    public var file: SourceFile
    public var statements: [Stmt]
    public init(file: SourceFile, statements: [Stmt]) {
        self.file = file
        self.statements = statements
    }
}

// MARK: - Units written in the source

/// `unitFactor = UNIT [ ("^" ["-"] INT) | SUPERSCRIPT ]`, e.g. `cm^2`, `cm²`, `s^-1`.
public struct UnitFactor: Sendable, Hashable {
    /// The unit symbol as written, normalised: `Ω`→`ohm` is *not* done here (CellUnits knows
    /// the synonyms); `°C` is lexed as `degC`; `wt%`, `vol%` are single symbols.
    public var symbol: String
    /// Signed exponent after folding `/`: `mA/cm^2` is [(mA, 1), (cm, -2)].
    public var exponent: Int
    public var span: Span
    public init(symbol: String, exponent: Int, span: Span) {
        self.symbol = symbol
        self.exponent = exponent
        self.span = span
    }
}

/// `unitExpr = unitFactor { ("*" | "·" | "/") unitFactor }` — a unit written after a number,
/// after a list literal, or after `in`.
public struct UnitExpr: Sendable, Hashable {
    public var factors: [UnitFactor]
    public var span: Span
    public init(factors: [UnitFactor], span: Span) {
        self.factors = factors
        self.span = span
    }
    /// The unit as written in the source, e.g. `mA/cm^2`.
    public var text: String { span.text }
}

// MARK: - Expressions

public struct Expr: Sendable {
    public indirect enum Kind: Sendable {
        /// A bare number: `12`, `6.8e-5`, `1_000`.
        case number(Double)
        /// A quantity literal: `20 nm`, `6.8e-5 S/cm`, `90 degC`, `0.05 C`.
        case quantity(Double, UnitExpr)
        case string(String)
        case bool(Bool)
        case identifier(String)
        /// `[a, b, c]` with an optional trailing unit for all elements: `[0, 5, 10] wt%`.
        case list([Expr], unit: UnitExpr?)
        /// `{w: 10 wt%, sigma: s}`
        case record([RecordField])
        case unary(UnaryOperator, Expr)
        case binary(BinaryOperator, Expr, Expr)
        /// `f(a, b: c)`; also `composite(LLZTO: 90 wt%, LBOCl: 10 wt%)`, `aclb(w: 20 wt%)`,
        /// `interface(anode, separator)`.
        case call(Expr, [Argument])
        /// `r.capacity`
        case member(Expr, Name)
        /// `xs[0]`
        case index(Expr, Expr)
        /// `x in mAh/g` — conversion for printing.
        case convert(Expr, UnitExpr)
        /// `LBOCl.sigma_ion at 90 degC` — a temperature-dependent field evaluated at T.
        case at(Expr, Expr)
        /// `a to b [step c]`, and `from a to b` (argument form).
        case range(Expr, Expr, step: Expr?)
        /// `table for x in xs { col: expr, ... }` — the row is a record literal.
        case tableFor(variable: Name, sequence: Expr, row: Expr)
        /// `run PROTOCOL on CELL [at T]`
        case run(protocol: Expr, cell: Expr, temperature: Expr?)
        /// `fit MODEL to DATA [vary [paths]]`
        case fit(model: Expr, data: Expr, vary: [Expr]?)
        /// `load eis "file"`, `load trace "file"` — the kind word and the path expression.
        case load(kind: Name, path: Expr)
        /// `circuit "R0-p(R1,CPE1)"`
        case circuit(Expr)
        /// `layer composite(LLZTO: 90 wt%, LBOCl: 10 wt%) { thickness = 1 mm }`
        case layer(LayerSpec)
    }

    public var kind: Kind
    public var span: Span
    public init(_ kind: Kind, span: Span) {
        self.kind = kind
        self.span = span
    }
}

public struct RecordField: Sendable {
    public var name: Name
    public var value: Expr
    public init(name: Name, value: Expr) {
        self.name = name
        self.value = value
    }
}

/// A call argument, positional (`label == nil`) or labelled (`b: c`).
public struct Argument: Sendable {
    public var label: Name?
    public var value: Expr
    public init(label: Name?, value: Expr) {
        self.label = label
        self.value = value
    }
}

public enum UnaryOperator: String, Sendable {
    case negate = "-"
    case plus = "+"
    case not = "not"
}

public enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^"
    case less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case equal = "==", notEqual = "!="
    case and = "and", or = "or"
}

// MARK: - Statements

public struct Stmt: Sendable {
    public indirect enum Kind: Sendable {
        /// `let name = expr`
        case `let`(Name, Expr)
        /// `fn name(params) = expr` or `fn name(params) { ... return expr }`
        case function(FunctionDecl)
        /// `print a, b, ...`
        case print([Expr])
        case expect(Expectation)
        /// `for x in xs { ... }`
        case `for`(Name, Expr, [Stmt])
        /// `if c { ... } else { ... }` (`else if` nests another `if` in the else block)
        case `if`(Expr, [Stmt], [Stmt]?)
        /// `use "path/file.cell"`
        case use(String)
        case `return`(Expr)
        case material(MaterialDecl)
        case cell(CellDecl)
        case `protocol`(ProtocolDecl)
        /// `export VALUE to "path"`
        case export(Expr, to: Expr)
        /// `plot Y [vs X] to "path"`
        case plot(Expr, versus: Expr?, to: Expr)
        /// A bare expression; the REPL prints its value.
        case expression(Expr)
    }

    public var kind: Kind
    public var span: Span
    public init(_ kind: Kind, span: Span) {
        self.kind = kind
        self.span = span
    }
}

/// `expect a ≈ b within TOL` (also `~=`), or `expect CONDITION` (`a < b`, `a == b`, ...).
public enum Expectation: Sendable {
    case approximately(Expr, Expr, tolerance: Expr)
    case condition(Expr)
}

/// `param = IDENT [ "=" expr ]`
public struct Parameter: Sendable {
    public var name: Name
    public var defaultValue: Expr?
    public init(name: Name, defaultValue: Expr?) {
        self.name = name
        self.defaultValue = defaultValue
    }
}

public struct FunctionDecl: Sendable {
    public enum Body: Sendable {
        case expression(Expr)
        case block([Stmt])
    }
    public var name: Name
    public var parameters: [Parameter]
    public var body: Body
    public init(name: Name, parameters: [Parameter], body: Body) {
        self.name = name
        self.parameters = parameters
        self.body = body
    }
}

/// `field = IDENT "=" expr [ "at" expr ]`, e.g. `sigma_ion = 6.8e-5 S/cm at 25 degC`.
public struct FieldAssignment: Sendable {
    public var name: Name
    public var value: Expr
    /// The reference temperature of a temperature-dependent value.
    public var reference: Expr?
    public var span: Span
    public init(name: Name, value: Expr, reference: Expr?, span: Span) {
        self.name = name
        self.value = value
        self.reference = reference
        self.span = span
    }
}

/// `material NAME [ "(" params ")" ] [ "from" BASE ] "{" { field } "}"`
public struct MaterialDecl: Sendable {
    public var name: Name
    public var parameters: [Parameter]?
    public var base: Name?
    public var fields: [FieldAssignment]
    public init(name: Name, parameters: [Parameter]?, base: Name?, fields: [FieldAssignment]) {
        self.name = name
        self.parameters = parameters
        self.base = base
        self.fields = fields
    }
}

/// What a layer is made of plus its own fields and coatings:
/// `Li { thickness = 450 um }`, `composite(LCO: 55 wt%, ...) { loading = ...; coating on LCO = LBOCl {...} }`.
public struct LayerSpec: Sendable {
    /// The material expression: a name, a parameter, or a `composite(...)` call.
    public var material: Expr
    public var fields: [FieldAssignment]
    public var coatings: [CoatingDecl]
    public var span: Span
    public init(material: Expr, fields: [FieldAssignment], coatings: [CoatingDecl], span: Span) {
        self.material = material
        self.fields = fields
        self.coatings = coatings
        self.span = span
    }
}

/// `coating on TARGET = MATERIAL [ "{" fields "}" ]`
public struct CoatingDecl: Sendable {
    public var target: Name
    public var spec: LayerSpec
    public var span: Span
    public init(target: Name, spec: LayerSpec, span: Span) {
        self.target = target
        self.spec = spec
        self.span = span
    }
}

public enum LayerRole: String, Sendable {
    case layer, interlayer
}

/// `layer NAME = spec` or `interlayer NAME = spec`
public struct LayerDecl: Sendable {
    public var role: LayerRole
    public var name: Name
    public var spec: LayerSpec
    public var span: Span
    public init(role: LayerRole, name: Name, spec: LayerSpec, span: Span) {
        self.role = role
        self.name = name
        self.spec = spec
        self.span = span
    }
}

/// `interface LEFT | RIGHT { fields }`
public struct InterfaceDecl: Sendable {
    public var left: Name
    public var right: Name
    public var fields: [FieldAssignment]
    public var span: Span
    public init(left: Name, right: Name, fields: [FieldAssignment], span: Span) {
        self.left = left
        self.right = right
        self.fields = fields
        self.span = span
    }
}

public enum CellItem: Sendable {
    /// A cell-level field: `area = ...`, `temperature = ...`, `process = "..."`.
    case field(FieldAssignment)
    case layer(LayerDecl)
    case interface(InterfaceDecl)
    /// A local `let` inside a cell body.
    case binding(Name, Expr)
}

/// `cell NAME [ "(" params ")" ] "{" { cellItem } "}"`
public struct CellDecl: Sendable {
    public var name: Name
    public var parameters: [Parameter]?
    public var items: [CellItem]
    public init(name: Name, parameters: [Parameter]?, items: [CellItem]) {
        self.name = name
        self.parameters = parameters
        self.items = items
    }
}

/// `protocol NAME [ "(" params ")" ] "{" steps "}"`
public struct ProtocolDecl: Sendable {
    public var name: Name
    public var parameters: [Parameter]?
    public var steps: [Step]
    public init(name: Name, parameters: [Parameter]?, steps: [Step]) {
        self.name = name
        self.parameters = parameters
        self.steps = steps
    }
}

// MARK: - Protocol steps

/// How a step ends: `until 4.1 V` (voltage, current or capacity limit) or `for 10 min`.
public struct StepLimit: Sendable {
    public enum Kind: String, Sendable { case until, `for` }
    public var kind: Kind
    public var value: Expr
    public var span: Span
    public init(kind: Kind, value: Expr, span: Span) {
        self.kind = kind
        self.value = value
        self.span = span
    }
}

public enum CurrentDirection: String, Sendable {
    case charge, discharge
    /// Li-metal symmetric cells: `plate` / `strip`.
    case plate, strip
}

public struct Step: Sendable {
    public indirect enum Kind: Sendable {
        /// `charge at I until V`, `discharge at r until 2.6 V`, `plate at j for 1 h`, ...
        case current(CurrentDirection, amount: Expr, limits: [StepLimit])
        /// `rest for 10 min`
        case rest(limits: [StepLimit])
        /// `hold at 4.2 V until 0.05 C` (constant voltage)
        case hold(voltage: Expr, limits: [StepLimit])
        /// `polarize at 0.4 V for 1 h` (DC polarization)
        case polarize(voltage: Expr, limits: [StepLimit])
        /// `eis from F1 to F2 [, N per decade] [, amplitude A]`
        case eis(from: Expr, to: Expr, perDecade: Expr?, amplitude: Expr?)
        /// `ccd from j0 to j1 step dj, t per half-cycle` (or `per cycle`)
        case ccd(from: Expr, to: Expr, step: Expr, duration: Expr, perHalfCycle: Bool)
        /// `set temperature 25 degC`, `set pressure 5 MPa`
        case set(Name, Expr)
        /// `repeat N { ... }`
        case `repeat`(count: Expr, body: [Step])
        /// `repeat until LIMIT { ... }`
        case repeatUntil(limit: Expr, body: [Step])
        /// `for x in xs { ... }`
        case forEach(Name, Expr, body: [Step])
    }

    public var kind: Kind
    public var span: Span
    public init(_ kind: Kind, span: Span) {
        self.kind = kind
        self.span = span
    }
}
