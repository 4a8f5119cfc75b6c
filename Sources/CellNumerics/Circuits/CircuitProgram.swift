import ComplexModule
import RealModule

/// A circuit compiled into a flat, post-order evaluation program.
///
/// Each node (element, series or parallel) is one instruction; children come before their parent,
/// and each finished node adds its impedance (series parent) or admittance (parallel parent) into
/// its parent's accumulator. Evaluation allocates one workspace per call, never per frequency.
///
/// The Jacobian is analytic: element derivatives (``CircuitElementKind``) times the sensitivity
/// of the total impedance to each node, ∂Z/∂Z_node, which is 1 through series nodes and
/// (Z_parent/Z_child)² through parallel nodes.
public struct CircuitProgram: Sendable {
    @usableFromInline
    enum Operation: Sendable {
        case element(CircuitElementKind, parameterOffset: Int)
        case series
        case parallel
    }

    @usableFromInline let operations: [Operation]
    /// Parent index of each node; −1 for the root.
    @usableFromInline let parents: [Int]
    /// Whether each node's parent is a parallel node.
    @usableFromInline let parentIsParallel: [Bool]
    public let circuit: Circuit
    public let parameterCount: Int
    public let parameterNames: [String]
    /// Number of elements (leaves), for throughput accounting.
    public let elementCount: Int

    public init(_ circuit: Circuit) {
        var operations: [Operation] = []
        var parents: [Int] = []
        var parentIsParallel: [Bool] = []
        var offset = 0
        // Post-order emission; returns the node's index.
        func emit(_ node: Circuit.Node) -> Int {
            switch node {
            case .element(let element):
                operations.append(.element(element.kind, parameterOffset: offset))
                offset += element.kind.parameterCount
                parents.append(-1)
                parentIsParallel.append(false)
                return operations.count - 1
            case .series(let children), .parallel(let children):
                let childIndices = children.map(emit)
                let isParallel: Bool
                if case .parallel = node { isParallel = true } else { isParallel = false }
                operations.append(isParallel ? .parallel : .series)
                parents.append(-1)
                parentIsParallel.append(false)
                let index = operations.count - 1
                for child in childIndices {
                    parents[child] = index
                    parentIsParallel[child] = isParallel
                }
                return index
            }
        }
        _ = emit(circuit.root)
        self.operations = operations
        self.parents = parents
        self.parentIsParallel = parentIsParallel
        self.circuit = circuit
        self.parameterCount = offset
        self.parameterNames = circuit.parameterNames
        self.elementCount = circuit.elements.count
    }

    /// Number of nodes in the program.
    public var nodeCount: Int { operations.count }

    /// Checks parameter count and finiteness, and that frequencies are positive and finite.
    public func validate(parameters: [Double], frequencies: [Double]) throws(CircuitEvaluationError) {
        guard parameters.count == parameterCount else {
            throw .parameterCount(circuit: circuit.description, expected: parameterCount, given: parameters.count)
        }
        for (index, value) in parameters.enumerated() where !value.isFinite {
            throw .invalidParameter(name: parameterNames[index], value: value)
        }
        for (index, frequency) in frequencies.enumerated() where !(frequency > 0 && frequency.isFinite) {
            throw .invalidFrequency(index: index, value: frequency)
        }
    }

    /// Impedance (ohm) at each frequency (Hz).
    public func impedance(parameters: [Double], frequencies: [Double]) throws(CircuitEvaluationError)
        -> [Complex<Double>]
    {
        try validate(parameters: parameters, frequencies: frequencies)
        var result = [Complex<Double>](repeating: .zero, count: frequencies.count)
        var workspace = [Complex<Double>](repeating: .zero, count: 2 * operations.count)
        parameters.withUnsafeBufferPointer { p in
            frequencies.withUnsafeBufferPointer { f in
                result.withUnsafeMutableBufferPointer { out in
                    workspace.withUnsafeMutableBufferPointer { work in
                        evaluate(parameters: p, frequencies: f, into: out, workspace: work)
                    }
                }
            }
        }
        return result
    }

    /// Unchecked inner loop: `parameters.count == parameterCount`, `out.count == frequencies.count`,
    /// `workspace.count >= 2 * nodeCount`, frequencies positive (Hz).
    @inlinable
    public func evaluate(
        parameters: UnsafeBufferPointer<Double>, frequencies: UnsafeBufferPointer<Double>,
        into out: UnsafeMutableBufferPointer<Complex<Double>>,
        workspace: UnsafeMutableBufferPointer<Complex<Double>>
    ) {
        guard let p = parameters.baseAddress, let work = workspace.baseAddress else { return }
        let count = operations.count
        let accumulators = work
        let values = work + count
        for index in 0..<frequencies.count {
            let omega = 2 * Double.pi * frequencies[index]
            let logOmega = Double.log(omega)
            for node in 0..<count { accumulators[node] = .zero }
            for node in 0..<count {
                let z: Complex<Double>
                switch operations[node] {
                case .element(let kind, let offset):
                    z = kind.impedance(p + offset, omega: omega, logOmega: logOmega)
                case .series:
                    z = accumulators[node]
                case .parallel:
                    z = ComplexKernels.reciprocal(accumulators[node])
                }
                values[node] = z
                let parent = parents[node]
                if parent >= 0 {
                    accumulators[parent] += parentIsParallel[node] ? ComplexKernels.reciprocal(z) : z
                }
            }
            out[index] = values[count - 1]
        }
    }

    /// Impedance and Jacobian ∂Z_i/∂p_k (row-major, `frequencies.count × parameterCount`).
    public func impedanceAndJacobian(parameters: [Double], frequencies: [Double]) throws(CircuitEvaluationError)
        -> (impedance: [Complex<Double>], jacobian: [Complex<Double>])
    {
        try validate(parameters: parameters, frequencies: frequencies)
        var values = [Complex<Double>](repeating: .zero, count: frequencies.count)
        var jacobian = [Complex<Double>](repeating: .zero, count: frequencies.count * parameterCount)
        var workspace = [Complex<Double>](repeating: .zero, count: workspaceSizeForJacobian)
        parameters.withUnsafeBufferPointer { p in
            frequencies.withUnsafeBufferPointer { f in
                values.withUnsafeMutableBufferPointer { out in
                    jacobian.withUnsafeMutableBufferPointer { jac in
                        workspace.withUnsafeMutableBufferPointer { work in
                            evaluateWithJacobian(parameters: p, frequencies: f, into: out, jacobian: jac, workspace: work)
                        }
                    }
                }
            }
        }
        return (values, jacobian)
    }

    /// Workspace length needed by ``evaluateWithJacobian(parameters:frequencies:into:jacobian:workspace:)``.
    public var workspaceSizeForJacobian: Int { 3 * operations.count + parameterCount }

    /// Unchecked inner loop for value and Jacobian; `jacobian.count == frequencies.count * parameterCount`.
    @inlinable
    public func evaluateWithJacobian(
        parameters: UnsafeBufferPointer<Double>, frequencies: UnsafeBufferPointer<Double>,
        into out: UnsafeMutableBufferPointer<Complex<Double>>,
        jacobian: UnsafeMutableBufferPointer<Complex<Double>>,
        workspace: UnsafeMutableBufferPointer<Complex<Double>>
    ) {
        guard let p = parameters.baseAddress, let work = workspace.baseAddress,
              let jac = jacobian.baseAddress else { return }
        let count = operations.count
        let accumulators = work
        let values = work + count
        let sensitivity = work + 2 * count
        // Element gradients are written straight into the Jacobian row, then scaled.
        for index in 0..<frequencies.count {
            let omega = 2 * Double.pi * frequencies[index]
            let logOmega = Double.log(omega)
            let row = jac + index * parameterCount
            for node in 0..<count { accumulators[node] = .zero }
            for node in 0..<count {
                let z: Complex<Double>
                switch operations[node] {
                case .element(let kind, let offset):
                    z = kind.impedance(p + offset, omega: omega, logOmega: logOmega, gradient: row + offset)
                case .series:
                    z = accumulators[node]
                case .parallel:
                    z = ComplexKernels.reciprocal(accumulators[node])
                }
                values[node] = z
                let parent = parents[node]
                if parent >= 0 {
                    accumulators[parent] += parentIsParallel[node] ? ComplexKernels.reciprocal(z) : z
                }
            }
            // Reverse sweep: parents come after children, so walk backwards.
            sensitivity[count - 1] = Complex(1)
            for node in stride(from: count - 2, through: 0, by: -1) {
                let parent = parents[node]
                if parentIsParallel[node] {
                    let ratio = values[parent] / values[node]
                    sensitivity[node] = sensitivity[parent] * ratio * ratio
                } else {
                    sensitivity[node] = sensitivity[parent]
                }
            }
            for node in 0..<count {
                if case .element(let kind, let offset) = operations[node] {
                    let s = sensitivity[node]
                    for k in 0..<kind.parameterCount { row[offset + k] = row[offset + k] * s }
                }
            }
            out[index] = values[count - 1]
        }
    }
}
