import RealModule

/// LU decomposition with partial (row) pivoting of a small dense square matrix, PA = LU.
///
/// Cost n³/3. A pivot whose magnitude is below `n·ε·max|A|` is treated as zero and reported as
/// ``LinearAlgebraError/singular(pivot:)``; no NaNs are produced for singular input.
public struct LUDecomposition: Sendable {
    /// L (unit lower, below the diagonal) and U (on and above it), row-major n×n.
    public private(set) var factors: Matrix
    /// Row permutation: row i of PA is row `permutation[i]` of A.
    public private(set) var permutation: [Int]

    public init(_ matrix: Matrix) throws(LinearAlgebraError) {
        guard matrix.rows == matrix.columns else {
            throw .dimensionMismatch(expected: matrix.rows, given: matrix.columns)
        }
        let n = matrix.rows
        var a = matrix
        var permutation = Array(0..<n)
        let scale = a.storage.reduce(0) { max($0, abs($1)) }
        let threshold = Double(max(n, 1)) * Double.ulpOfOne * scale
        for k in 0..<n {
            var pivotRow = k
            var pivotValue = abs(a[k, k])
            for i in (k + 1)..<max(n, k + 1) where abs(a[i, k]) > pivotValue {
                pivotRow = i
                pivotValue = abs(a[i, k])
            }
            guard pivotValue > threshold, pivotValue.isFinite else { throw .singular(pivot: k) }
            if pivotRow != k {
                for j in 0..<n { a.storage.swapAt(k * n + j, pivotRow * n + j) }
                permutation.swapAt(k, pivotRow)
            }
            let pivot = a[k, k]
            for i in (k + 1)..<max(n, k + 1) {
                let factor = a[i, k] / pivot
                a[i, k] = factor
                if factor == 0 { continue }
                for j in (k + 1)..<n { a[i, j] -= factor * a[k, j] }
            }
        }
        factors = a
        self.permutation = permutation
    }

    /// Solves A x = b.
    public func solve(_ b: [Double]) throws(LinearAlgebraError) -> [Double] {
        let n = factors.rows
        guard b.count == n else { throw .dimensionMismatch(expected: n, given: b.count) }
        var x = permutation.map { b[$0] }
        for i in 0..<n {
            var sum = x[i]
            for j in 0..<i { sum -= factors[i, j] * x[j] }
            x[i] = sum
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var sum = x[i]
            for j in (i + 1)..<max(n, i + 1) { sum -= factors[i, j] * x[j] }
            x[i] = sum / factors[i, i]
        }
        return x
    }

    /// A⁻¹, column by column.
    public func inverse() throws(LinearAlgebraError) -> Matrix {
        let n = factors.rows
        var result = Matrix(rows: n, columns: n)
        for column in 0..<n {
            var unit = [Double](repeating: 0, count: n)
            unit[column] = 1
            let x = try solve(unit)
            for row in 0..<n { result[row, column] = x[row] }
        }
        return result
    }
}

/// Householder QR of an m×n matrix (m ≥ n) for linear least squares min ‖A x − b‖₂.
///
/// Numerically stable (no normal equations). A column whose remaining norm is below
/// `max(m,n)·ε·‖A‖` makes the problem rank deficient and ``solve(_:)`` throws
/// ``LinearAlgebraError/rankDeficient(column:)``.
public struct HouseholderQR: Sendable {
    /// R above the diagonal and the Householder vectors below it (LAPACK-style packing).
    private var packed: Matrix
    private var diagonal: [Double]
    private var betas: [Double]
    private let rankThreshold: Double

    public init(_ matrix: Matrix) throws(LinearAlgebraError) {
        let m = matrix.rows
        let n = matrix.columns
        guard m >= n else { throw .dimensionMismatch(expected: n, given: m) }
        var a = matrix
        var diagonal = [Double](repeating: 0, count: n)
        var betas = [Double](repeating: 0, count: n)
        var frobenius = 0.0
        for value in a.storage { frobenius += value * value }
        rankThreshold = Double(max(m, n)) * Double.ulpOfOne * frobenius.squareRoot()
        for k in 0..<n {
            var norm = 0.0
            for i in k..<m { norm += a[i, k] * a[i, k] }
            norm = norm.squareRoot()
            let alpha = a[k, k] > 0 ? -norm : norm
            diagonal[k] = alpha
            if norm == 0 { betas[k] = 0; continue }
            // v = x − alpha e1, stored in place; beta = 2/(vᵀv).
            a[k, k] -= alpha
            var vNorm2 = 0.0
            for i in k..<m { vNorm2 += a[i, k] * a[i, k] }
            let beta = vNorm2 > 0 ? 2 / vNorm2 : 0
            betas[k] = beta
            for j in (k + 1)..<max(n, k + 1) {
                var dot = 0.0
                for i in k..<m { dot += a[i, k] * a[i, j] }
                let factor = beta * dot
                for i in k..<m { a[i, j] -= factor * a[i, k] }
            }
        }
        packed = a
        self.diagonal = diagonal
        self.betas = betas
    }

    /// Least-squares solution x of A x ≈ b (b has m entries).
    public func solve(_ b: [Double]) throws(LinearAlgebraError) -> [Double] {
        let m = packed.rows
        let n = packed.columns
        guard b.count == m else { throw .dimensionMismatch(expected: m, given: b.count) }
        var y = b
        for k in 0..<n where betas[k] != 0 {
            var dot = 0.0
            for i in k..<m { dot += packed[i, k] * y[i] }
            let factor = betas[k] * dot
            for i in k..<m { y[i] -= factor * packed[i, k] }
        }
        var x = [Double](repeating: 0, count: n)
        for k in stride(from: n - 1, through: 0, by: -1) {
            guard abs(diagonal[k]) > rankThreshold else { throw .rankDeficient(column: k) }
            var sum = y[k]
            for j in (k + 1)..<max(n, k + 1) { sum -= packed[k, j] * x[j] }
            x[k] = sum / diagonal[k]
        }
        return x
    }
}

/// Tridiagonal solver (Thomas algorithm), O(n), no pivoting.
///
/// Stable for diagonally dominant or symmetric positive definite systems, which is what
/// backward-Euler diffusion produces (see PHYSICS.md §6). A zero pivot throws
/// ``LinearAlgebraError/singular(pivot:)``.
public enum Tridiagonal {
    /// Solves the system with sub-diagonal `lower` (n−1 entries, `lower[i]` at row i+1), `diagonal`
    /// (n) and super-diagonal `upper` (n−1, `upper[i]` at row i).
    public static func solve(
        lower: [Double], diagonal: [Double], upper: [Double], rhs: [Double]
    ) throws(LinearAlgebraError) -> [Double] {
        let n = diagonal.count
        guard rhs.count == n else { throw .dimensionMismatch(expected: n, given: rhs.count) }
        guard n > 0 else { return [] }
        guard lower.count == n - 1 else { throw .dimensionMismatch(expected: n - 1, given: lower.count) }
        guard upper.count == n - 1 else { throw .dimensionMismatch(expected: n - 1, given: upper.count) }
        var modifiedUpper = [Double](repeating: 0, count: n)
        var x = rhs
        try solveInPlace(lower: lower, diagonal: diagonal, upper: upper, rhs: &x, scratch: &modifiedUpper)
        return x
    }

    /// Allocation-free variant: overwrites `rhs` with the solution; `scratch` needs n entries.
    public static func solveInPlace(
        lower: [Double], diagonal: [Double], upper: [Double], rhs: inout [Double], scratch: inout [Double]
    ) throws(LinearAlgebraError) {
        let n = diagonal.count
        guard n > 0 else { return }
        var pivot = diagonal[0]
        guard pivot != 0, pivot.isFinite else { throw .singular(pivot: 0) }
        if n > 1 { scratch[0] = upper[0] / pivot }
        rhs[0] /= pivot
        for i in 1..<n {
            pivot = diagonal[i] - lower[i - 1] * scratch[i - 1]
            guard pivot != 0, pivot.isFinite else { throw .singular(pivot: i) }
            if i < n - 1 { scratch[i] = upper[i] / pivot }
            rhs[i] = (rhs[i] - lower[i - 1] * rhs[i - 1]) / pivot
        }
        for i in stride(from: n - 2, through: 0, by: -1) {
            rhs[i] -= scratch[i] * rhs[i + 1]
        }
    }
}
