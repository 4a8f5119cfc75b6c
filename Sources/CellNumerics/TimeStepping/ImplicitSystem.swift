/// Sparsity of ∂f/∂y, used to pick the linear solver for Newton iterations.
public enum JacobianStructure: Sendable, Equatable {
    case dense
    /// Nonzeros only within `lower` sub-diagonals and `upper` super-diagonals (a tridiagonal
    /// diffusion discretisation is `.banded(lower: 1, upper: 1)`).
    case banded(lower: Int, upper: Int)
}

/// A Jacobian or iteration matrix in the storage its structure calls for.
public enum SystemMatrix: Sendable, Equatable {
    case dense(Matrix)
    case banded(BandedMatrix)

    public init(size: Int, structure: JacobianStructure) {
        switch structure {
        case .dense: self = .dense(Matrix(rows: size, columns: size))
        case .banded(let lower, let upper):
            self = .banded(BandedMatrix(size: size, lowerBandwidth: lower, upperBandwidth: upper))
        }
    }

    /// Entry (row, column). Writing a nonzero outside a band is recorded and reported when the
    /// matrix is factored (``LinearAlgebraError/outsideBand(row:column:)``).
    public subscript(row: Int, column: Int) -> Double {
        get {
            switch self {
            case .dense(let matrix): return matrix[row, column]
            case .banded(let matrix): return matrix[row, column]
            }
        }
        set {
            switch self {
            case .dense(var matrix):
                self = .dense(Matrix(rows: 0, columns: 0))
                matrix[row, column] = newValue
                self = .dense(matrix)
            case .banded(var matrix):
                self = .banded(BandedMatrix(size: 0, lowerBandwidth: 0, upperBandwidth: 0))
                matrix[row, column] = newValue
                self = .banded(matrix)
            }
        }
    }

    /// Zeroes every entry.
    public mutating func setZero() {
        switch self {
        case .dense(var matrix):
            matrix.setZero()
            self = .dense(matrix)
        case .banded(var matrix):
            matrix.setZero()
            self = .banded(matrix)
        }
    }

    /// Solves A x = b (factoring a copy), for Newton steps.
    func solve(_ b: [Double]) throws(LinearAlgebraError) -> [Double] {
        switch self {
        case .dense(let matrix):
            return try LUDecomposition(matrix).solve(b)
        case .banded(var matrix):
            var x = b
            try matrix.solve(&x)
            return x
        }
    }
}

/// Which sign changes of an event function count.
public enum EventDirection: Sendable, Equatable {
    /// g goes from negative to non-negative.
    case rising
    /// g goes from positive to non-positive.
    case falling
    case either
}

/// A system M·dy/dt = f(t, y) for ``TimeStepper``; M is diagonal (identity by default), and a zero
/// entry makes that component algebraic (0 = f_i), which backward Euler and BDF2 handle for
/// index-1 problems.
///
/// Event functions g_k(t, y) stop ``TimeStepper/step(to:)`` where they change sign (e.g. a cell
/// voltage crossing a limit: g = V(y) − V_min).
public protocol ImplicitSystem {
    /// Number of unknowns.
    var dimension: Int { get }
    /// Sparsity of ∂f/∂y (default `.dense`).
    var jacobianStructure: JacobianStructure { get }
    /// Diagonal of M, or nil for the identity (default nil).
    var massDiagonal: [Double]? { get }
    /// Writes f(t, y) into `dydt` (already sized `dimension`). May throw (e.g. out of domain):
    /// the stepper then retries with a smaller step.
    func derivative(t: Double, y: [Double], into dydt: inout [Double]) throws
    /// Whether ``jacobian(t:y:into:)`` is implemented (default false: finite differences).
    var providesJacobian: Bool { get }
    /// Writes ∂f/∂y into `matrix` (zeroed, with the declared structure).
    func jacobian(t: Double, y: [Double], into matrix: inout SystemMatrix) throws
    /// Number of event functions (default 0).
    var eventCount: Int { get }
    /// Direction of each event (default `.either` for all).
    var eventDirections: [EventDirection] { get }
    /// Writes g_k(t, y) for every event into `values` (sized `eventCount`).
    func eventValues(t: Double, y: [Double], into values: inout [Double])
}

extension ImplicitSystem {
    public var jacobianStructure: JacobianStructure { .dense }
    public var massDiagonal: [Double]? { nil }
    public var providesJacobian: Bool { false }
    public func jacobian(t: Double, y: [Double], into matrix: inout SystemMatrix) throws {}
    public var eventCount: Int { 0 }
    public var eventDirections: [EventDirection] { Array(repeating: .either, count: eventCount) }
    public func eventValues(t: Double, y: [Double], into values: inout [Double]) {}
}
