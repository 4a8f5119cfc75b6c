import CellNumerics
import RealModule

/// Collects circuit blocks in series while a stack is compiled, keeping each block's parameters
/// in circuit order together with its arcs and resistances.
struct CircuitAssembly {
    private(set) var blocks: [Circuit.Node] = []
    private(set) var parameters: [Double] = []
    private(set) var arcs: [CircuitArc] = []
    private(set) var notes: [String] = []
    /// Sum of resistances seen at DC, Ω (valid when nothing blocks).
    private(set) var dcResistance = 0.0
    var isBlocking = false
    var layerResistances: [LayerResistance] = []
    /// Ionic-path segments of each composite electrode (0: series resistor).
    var ionicSegments: [String: Int] = [:]

    mutating func note(_ text: String) {
        if !notes.contains(text) { notes.append(text) }
    }

    private static func element(_ kind: CircuitElementKind, _ origin: String) -> Circuit.Node {
        .element(CircuitElement(kind, label: kind.symbol, origin: origin))
    }

    /// A plain series resistor, Ω.
    mutating func resistor(_ r: Double, origin: String) {
        blocks.append(Self.element(.resistor, origin))
        parameters.append(r)
        dcResistance += r
    }

    /// R‖C, or R‖CPE when `n` < 1 (Q = C^n R^{n−1}, so C_eff equals `capacitance`; PHYSICS.md §2).
    mutating func relaxation(resistance r: Double, capacitance c: Double, n: Double = 1, origin: String) {
        if n >= 1 {
            blocks.append(.parallel([Self.element(.resistor, origin), Self.element(.capacitor, origin)]))
            parameters += [r, c]
            arcs.append(CircuitArc(origin: origin, resistance: r, q: c, n: 1))
        } else {
            let q = cpeQ(capacitance: c, resistance: r, n: n)
            blocks.append(.parallel([Self.element(.resistor, origin), Self.element(.constantPhase, origin)]))
            parameters += [r, q, n]
            arcs.append(CircuitArc(origin: origin, resistance: r, q: q, n: n))
        }
        dcResistance += r
    }

    /// A lone CPE (blocking double layer), with Q numerically equal to the capacitance.
    mutating func blockingCPE(capacitance c: Double, n: Double, origin: String) {
        blocks.append(Self.element(.constantPhase, origin))
        parameters += [c, n]
        isBlocking = true
    }

    /// A raw block whose parameters are given in circuit order.
    mutating func block(_ node: Circuit.Node, parameters values: [Double], arcs newArcs: [CircuitArc] = [],
                        dcResistance r: Double, blocks dc: Bool) {
        blocks.append(node)
        parameters += values
        arcs += newArcs
        dcResistance += r
        if dc { isBlocking = true }
    }

    func cpeQ(capacitance c: Double, resistance r: Double, n: Double) -> Double {
        Double.pow(c, n) * Double.pow(r, n - 1)
    }

    static func node(_ kind: CircuitElementKind, _ origin: String) -> Circuit.Node { element(kind, origin) }

    func finish(area: Double, temperature: Double) -> CompiledCircuit {
        let circuit = Circuit(.series(blocks)).numbered()
        var compiled = CompiledCircuit(circuit: circuit, parameters: parameters, area: area, temperature: temperature,
                                       arcs: arcs, layerResistances: layerResistances, isBlocking: isBlocking,
                                       notes: notes)
        compiled.dcLimit = dcResistance
        compiled.ionicSegments = ionicSegments
        return compiled
    }
}
