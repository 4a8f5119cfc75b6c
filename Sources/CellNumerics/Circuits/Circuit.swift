import ComplexModule
import RealModule

/// One element of a circuit: its kind, its label in the circuit string (`R1`, `CPE2`, `Wo1`) and,
/// optionally, where it came from (`separator.grain_boundary`) for printing.
public struct CircuitElement: Sendable, Hashable {
    public var kind: CircuitElementKind
    /// Label as written in the circuit string: the kind's symbol followed by digits/underscores.
    public var label: String
    /// Free-form origin (layer or interface path); printed by ``Circuit/legend``, never parsed.
    public var origin: String?

    public init(_ kind: CircuitElementKind, label: String, origin: String? = nil) {
        self.kind = kind
        self.label = label
        self.origin = origin
    }

    /// impedance.py parameter names: `R0` for one-parameter elements, `CPE1_0`, `CPE1_1` otherwise.
    public var parameterNames: [String] {
        kind.parameterCount == 1 ? [label] : (0..<kind.parameterCount).map { "\(label)_\($0)" }
    }
}

/// An equivalent circuit: elements combined in series (`-`) and parallel (`p(a,b)`), in
/// impedance.py's string notation (e.g. `R0-p(R1,CPE1)-p(R2-Wo1,C2)`).
///
/// Parameters are ordered as the elements appear left to right in the string, each element
/// contributing its parameters in impedance.py's order (see ``CircuitElementKind``).
public struct Circuit: Sendable, Hashable, CustomStringConvertible {
    /// A node of the circuit tree.
    public indirect enum Node: Sendable, Hashable {
        case element(CircuitElement)
        /// Two or more nodes in series (impedances add).
        case series([Node])
        /// Two or more nodes in parallel (admittances add).
        case parallel([Node])
    }

    public var root: Node

    /// Wraps a tree. Labels are not checked here; ``validated()`` or parsing checks uniqueness.
    public init(_ root: Node) {
        self.root = root
    }

    /// Parses impedance.py notation; see ``CircuitParser``.
    public init(parsing text: String) throws(CircuitSyntaxError) {
        self = try CircuitParser.parse(text)
    }

    /// Elements in string order (left to right).
    public var elements: [CircuitElement] {
        var result: [CircuitElement] = []
        func visit(_ node: Node) {
            switch node {
            case .element(let element): result.append(element)
            case .series(let nodes), .parallel(let nodes): nodes.forEach(visit)
            }
        }
        visit(root)
        return result
    }

    /// Number of parameters (sum over elements).
    public var parameterCount: Int { elements.reduce(0) { $0 + $1.kind.parameterCount } }

    /// impedance.py parameter names in circuit order: `R0`, `CPE1_0`, `CPE1_1`, ...
    public var parameterNames: [String] { elements.flatMap(\.parameterNames) }

    /// Units of each parameter in circuit order.
    public var parameterUnits: [String] { elements.flatMap(\.kind.parameterUnits) }

    /// The circuit in impedance.py notation (no spaces, no origins).
    public var description: String { Circuit.render(root) }

    private static func render(_ node: Node) -> String {
        switch node {
        case .element(let element): return element.label
        case .series(let nodes): return nodes.map(render).joined(separator: "-")
        case .parallel(let nodes): return "p(" + nodes.map(render).joined(separator: ",") + ")"
        }
    }

    /// One line per element that has an origin: `R1  separator.grain_boundary`; empty if none.
    public var legend: String {
        let labelled = elements.filter { $0.origin != nil }
        let width = labelled.map(\.label.count).max() ?? 0
        return labelled.map { element in
            let pad = String(repeating: " ", count: width - element.label.count)
            return "\(element.label)\(pad)  \(element.origin ?? "")"
        }.joined(separator: "\n")
    }

    /// A copy whose labels are renumbered impedance.py-style: each element takes the index of
    /// the top-level series block it sits in (`R0-p(R1,CPE1)-p(R2,CPE2)`), bumped until unique.
    /// Use it when building circuits programmatically; origins are kept.
    public func numbered() -> Circuit {
        var taken = Set<String>()
        func relabel(_ node: Node, block: Int) -> Node {
            switch node {
            case .element(var element):
                var number = block
                while taken.contains("\(element.kind.symbol)\(number)") { number += 1 }
                element.label = "\(element.kind.symbol)\(number)"
                taken.insert(element.label)
                return .element(element)
            case .series(let nodes): return .series(nodes.map { relabel($0, block: block) })
            case .parallel(let nodes): return .parallel(nodes.map { relabel($0, block: block) })
            }
        }
        switch root {
        case .series(let blocks):
            return Circuit(.series(blocks.enumerated().map { relabel($1, block: $0) }))
        default:
            return Circuit(relabel(root, block: 0))
        }
    }

    /// Impedance (ohm) at each frequency (Hz, > 0). Throws ``CircuitEvaluationError`` when the
    /// parameter count is wrong or a frequency is not positive and finite.
    public func impedance(parameters: [Double], frequencies: [Double]) throws(CircuitEvaluationError)
        -> [Complex<Double>]
    {
        try CircuitProgram(self).impedance(parameters: parameters, frequencies: frequencies)
    }
}

/// Errors from evaluating a circuit.
public enum CircuitEvaluationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The parameter vector has the wrong length.
    case parameterCount(circuit: String, expected: Int, given: Int)
    /// A frequency is zero, negative, infinite or NaN.
    case invalidFrequency(index: Int, value: Double)
    /// A parameter is infinite or NaN.
    case invalidParameter(name: String, value: Double)

    public var description: String {
        switch self {
        case .parameterCount(let circuit, let expected, let given):
            return "circuit `\(circuit)` needs \(expected) parameters, \(given) given"
        case .invalidFrequency(let index, let value):
            return "frequency #\(index + 1) is \(value) Hz; frequencies must be positive and finite"
        case .invalidParameter(let name, let value):
            return "parameter `\(name)` is \(value); parameters must be finite"
        }
    }
}
