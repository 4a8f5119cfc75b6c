/// Errors from the dense, banded and tridiagonal solvers.
public enum LinearAlgebraError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A pivot was zero (or below the singularity threshold) at this row/column.
    case singular(pivot: Int)
    /// Matrix and vector sizes disagree.
    case dimensionMismatch(expected: Int, given: Int)
    /// Least squares: the matrix has rank below its column count.
    case rankDeficient(column: Int)
    /// A value written outside the band of a banded matrix.
    case outsideBand(row: Int, column: Int)

    public var description: String {
        switch self {
        case .singular(let pivot): return "matrix is singular (zero pivot at row \(pivot + 1))"
        case .dimensionMismatch(let expected, let given): return "size mismatch: expected \(expected), given \(given)"
        case .rankDeficient(let column): return "least-squares matrix is rank deficient at column \(column + 1)"
        case .outsideBand(let row, let column):
            return "nonzero entry (\(row + 1), \(column + 1)) lies outside the declared band"
        }
    }
}

/// A dense real matrix stored row-major.
public struct Matrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    /// Row-major entries: element (i, j) is `storage[i * columns + j]`.
    public var storage: [Double]

    /// A zero matrix.
    public init(rows: Int, columns: Int) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        storage = [Double](repeating: 0, count: rows * columns)
    }

    /// From an array of rows; all rows must have the same length.
    public init(_ rowArrays: [[Double]]) {
        let width = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == width }, "ragged matrix rows")
        rows = rowArrays.count
        columns = width
        storage = rowArrays.flatMap { $0 }
    }

    /// The n×n identity.
    public static func identity(_ n: Int) -> Matrix {
        var matrix = Matrix(rows: n, columns: n)
        for i in 0..<n { matrix[i, i] = 1 }
        return matrix
    }

    @inlinable
    public subscript(row: Int, column: Int) -> Double {
        get { storage[row * columns + column] }
        set { storage[row * columns + column] = newValue }
    }

    /// Sets every entry to zero, keeping the allocation.
    public mutating func setZero() {
        for index in storage.indices { storage[index] = 0 }
    }

    /// Matrix–vector product.
    public func multiplied(by vector: [Double]) -> [Double] {
        precondition(vector.count == columns, "matrix–vector size mismatch")
        var result = [Double](repeating: 0, count: rows)
        for i in 0..<rows {
            var sum = 0.0
            for j in 0..<columns { sum += storage[i * columns + j] * vector[j] }
            result[i] = sum
        }
        return result
    }

    /// Matrix–matrix product.
    public func multiplied(by other: Matrix) -> Matrix {
        precondition(columns == other.rows, "matrix–matrix size mismatch")
        var result = Matrix(rows: rows, columns: other.columns)
        for i in 0..<rows {
            for k in 0..<columns {
                let a = self[i, k]
                if a == 0 { continue }
                for j in 0..<other.columns { result[i, j] += a * other[k, j] }
            }
        }
        return result
    }

    /// The transpose.
    public var transposed: Matrix {
        var result = Matrix(rows: columns, columns: rows)
        for i in 0..<rows { for j in 0..<columns { result[j, i] = self[i, j] } }
        return result
    }
}
