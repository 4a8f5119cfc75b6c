import CellDiagnostics

/// Every message the checker and evaluator can give (STYLE.md habit 2: one catalogue; unit tests
/// assert the case, golden files the text).
public enum RuntimeMessage: DiagnosticMessage, Equatable {
    case undefinedName(String, suggestion: String?)
    case redefinition(String)
    case unitError(String)
    case typeMismatch(expected: String, found: String, context: String)
    case notCallable(String)
    case wrongArgumentCount(function: String, expected: Int, given: Int)
    case unknownArgument(function: String, label: String, suggestion: String?)
    case missingArgument(function: String, parameter: String)
    case duplicateArgument(String)
    case indexOutOfRange(index: Int, count: Int)
    case noMember(type: String, member: String, suggestion: String?)
    case unknownField(field: String, owner: String, suggestion: String?)
    case fieldDimension(field: String, owner: String, expected: String, found: String)
    case missingField(field: String, material: String, model: String)
    case unknownKind(String, suggestion: String?)
    case unknownMaterial(String, suggestion: String?)
    case compositeFractions(sum: String)
    case compositeBasis
    case unknownLayer(String, cell: String, suggestion: String?)
    case noActivationEnergy(field: String, owner: String, activation: String)
    case notATemperature(String)
    case divisionByZero
    case notFinite(String)
    case expectFailed(String)
    case expectNotBoolean(String)
    case toleranceDimension(String)
    case returnOutsideFunction
    case recursionTooDeep(limit: Int)
    case stackExhausted
    case rangeWithoutStep
    case rangeTooLarge(count: Int, limit: Int)
    case listTooLarge(limit: Int)
    case emptyList(function: String)
    case useCycle(String)
    case fileNotFound(String)
    case readOutsideAllowed(String)
    case other(String)

    public var id: String {
        let mirror = Mirror(reflecting: self)
        return "runtime." + (mirror.children.first?.label ?? String(describing: self))
    }

    public var text: String {
        switch self {
        case .undefinedName(let n, let s): return "cannot find `\(n)` in scope" + hint(s)
        case .redefinition(let n): return "`\(n)` is already defined in this scope"
        case .unitError(let t): return t
        case .typeMismatch(let e, let f, let c): return "expected \(e), found \(f) (in \(c))"
        case .notCallable(let t): return "a \(t) cannot be called"
        case .wrongArgumentCount(let f, let e, let g):
            return "`\(f)` takes \(e) argument\(e == 1 ? "" : "s"), but \(g) \(g == 1 ? "was" : "were") given"
        case .unknownArgument(let f, let l, let s): return "`\(f)` has no parameter `\(l)`" + hint(s)
        case .missingArgument(let f, let p): return "missing argument `\(p)` in call to `\(f)`"
        case .duplicateArgument(let l): return "argument `\(l)` is given twice"
        case .indexOutOfRange(let i, let n): return "index \(i) is out of range (the list has \(n) element\(n == 1 ? "" : "s"))"
        case .noMember(let t, let m, let s): return "a \(t) has no member `\(m)`" + hint(s)
        case .unknownField(let f, let o, let s): return "unknown field `\(f)` in \(o)" + hint(s)
        case .fieldDimension(let f, let o, let e, let found):
            return "field `\(f)` of \(o) expects \(e), found \(found)"
        case .missingField(let f, let m, let model):
            return "material `\(m)` has no `\(f)`, which the \(model) needs"
        case .unknownKind(let k, let s): return "unknown material kind `\(k)` (expected electrolyte, active, metal or coating)" + hint(s)
        case .unknownMaterial(let n, let s): return "cannot find material `\(n)`" + hint(s)
        case .compositeFractions(let sum): return "composite fractions add up to \(sum), not 100 %"
        case .compositeBasis: return "composite fractions mix `wt%` and `vol%`; use one basis"
        case .unknownLayer(let l, let c, let s): return "cell `\(c)` has no layer `\(l)`" + hint(s)
        case .noActivationEnergy(let f, let o, let a):
            return "`\(f)` of `\(o)` cannot be taken to another temperature: `\(a)` is not set"
        case .notATemperature(let found): return "expected a temperature after `at`, found \(found)"
        case .divisionByZero: return "division by zero"
        case .notFinite(let what): return "\(what) is not a finite number"
        case .expectFailed(let detail): return "expectation failed: \(detail)"
        case .expectNotBoolean(let t): return "`expect` needs a comparison or a bool, found \(t)"
        case .toleranceDimension(let detail): return detail
        case .returnOutsideFunction: return "`return` outside a function"
        case .recursionTooDeep(let n): return "function calls nested deeper than \(n) (infinite recursion?)"
        case .stackExhausted:
            return "expressions, blocks and function calls nested too deeply (the interpreter's stack is used up)"
        case .rangeWithoutStep: return "this range has no `step`, so it cannot be listed (write `a to b step s`)"
        case .rangeTooLarge(let n, let l): return "range would have \(n) elements; the limit is \(l)"
        case .listTooLarge(let l): return "list would exceed \(l) elements"
        case .emptyList(let f): return "`\(f)` of an empty list"
        case .useCycle(let p): return "`use \"\(p)\"` includes itself"
        case .fileNotFound(let p): return "cannot read `\(p)`"
        case .readOutsideAllowed(let p): return "`\(p)` is outside the recipe's folder (allow it with `--allow-read DIR`)"
        case .other(let t): return t
        }
    }

    private func hint(_ s: String?) -> String {
        s.map { " (did you mean `\($0)`?)" } ?? ""
    }
}

/// An error raised while evaluating: a positioned diagnostic.
public struct RuntimeError: Error {
    public var diagnostic: Diagnostic
    public init(_ message: RuntimeMessage, at span: Span?, notes: [Diagnostic.Note] = []) {
        diagnostic = .error(message, at: span, notes: notes)
    }
    public init(diagnostic: Diagnostic) { self.diagnostic = diagnostic }
}
