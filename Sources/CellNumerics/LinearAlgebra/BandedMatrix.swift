import RealModule

/// A square banded matrix with `lowerBandwidth` sub- and `upperBandwidth` super-diagonals, with an
/// in-place LU factorisation with partial pivoting (as LAPACK `dgbtrf`: pivoting widens the upper
/// band by `lowerBandwidth`, which the storage reserves).
///
/// Cost O(n·kl·(kl+ku)) to factor. Writing a nonzero outside the declared band is recorded and
/// reported by ``factor()`` as ``LinearAlgebraError/outsideBand(row:column:)``.
public struct BandedMatrix: Sendable, Equatable {
    public let size: Int
    public let lowerBandwidth: Int
    public let upperBandwidth: Int
    private let width: Int
    private var storage: [Double]
    private var pivots: [Int]
    private var isFactored = false
    /// First out-of-band nonzero write, if any.
    public private(set) var outsideBandWrite: (row: Int, column: Int)?

    public static func == (lhs: BandedMatrix, rhs: BandedMatrix) -> Bool {
        lhs.size == rhs.size && lhs.lowerBandwidth == rhs.lowerBandwidth
            && lhs.upperBandwidth == rhs.upperBandwidth && lhs.storage == rhs.storage
    }

    public init(size: Int, lowerBandwidth: Int, upperBandwidth: Int) {
        precondition(size >= 0 && lowerBandwidth >= 0 && upperBandwidth >= 0, "band sizes must be non-negative")
        self.size = size
        self.lowerBandwidth = lowerBandwidth
        self.upperBandwidth = upperBandwidth
        width = 2 * lowerBandwidth + upperBandwidth + 1
        storage = [Double](repeating: 0, count: size * width)
        pivots = Array(0..<size)
    }

    /// Entry (row, column); zero outside the band. Setting a nonzero outside the band is recorded.
    public subscript(row: Int, column: Int) -> Double {
        get {
            let offset = column - row + lowerBandwidth
            guard offset >= 0, offset < width, column >= 0, column < size else { return 0 }
            return storage[row * width + offset]
        }
        set {
            let offset = column - row + lowerBandwidth
            guard column - row <= upperBandwidth, row - column <= lowerBandwidth else {
                if newValue != 0, outsideBandWrite == nil { outsideBandWrite = (row, column) }
                return
            }
            storage[row * width + offset] = newValue
            isFactored = false
        }
    }

    /// Zeroes all entries (keeps the allocation) and clears the out-of-band flag.
    public mutating func setZero() {
        for index in storage.indices { storage[index] = 0 }
        outsideBandWrite = nil
        isFactored = false
    }

    /// Factors in place (PA = LU). Throws on a zero pivot or an earlier out-of-band write.
    public mutating func factor() throws(LinearAlgebraError) {
        if let bad = outsideBandWrite { throw .outsideBand(row: bad.row, column: bad.column) }
        let n = size
        let kl = lowerBandwidth
        let reach = upperBandwidth + lowerBandwidth
        var scale = 0.0
        for value in storage { scale = max(scale, abs(value)) }
        let threshold = Double(max(n, 1)) * Double.ulpOfOne * scale
        for k in 0..<n {
            let lastRow = min(n - 1, k + kl)
            var pivotRow = k
            var pivotValue = abs(storage[k * width + kl])
            if lastRow > k {
                for i in (k + 1)...lastRow {
                    let value = abs(storage[i * width + k - i + kl])
                    if value > pivotValue { pivotRow = i; pivotValue = value }
                }
            }
            guard pivotValue > threshold, pivotValue.isFinite else { throw .singular(pivot: k) }
            pivots[k] = pivotRow
            let lastColumn = min(n - 1, k + reach)
            if pivotRow != k {
                for j in k...lastColumn {
                    storage.swapAt(k * width + j - k + kl, pivotRow * width + j - pivotRow + kl)
                }
            }
            let pivot = storage[k * width + kl]
            if lastRow > k {
                for i in (k + 1)...lastRow {
                    let factorIndex = i * width + k - i + kl
                    let factor = storage[factorIndex] / pivot
                    storage[factorIndex] = factor
                    if factor == 0 || lastColumn <= k { continue }
                    for j in (k + 1)...lastColumn {
                        storage[i * width + j - i + kl] -= factor * storage[k * width + j - k + kl]
                    }
                }
            }
        }
        isFactored = true
    }

    /// Solves A x = b in place after ``factor()`` (factors first if needed).
    public mutating func solve(_ b: inout [Double]) throws(LinearAlgebraError) {
        guard b.count == size else { throw .dimensionMismatch(expected: size, given: b.count) }
        if !isFactored { try factor() }
        let n = size
        let kl = lowerBandwidth
        let reach = upperBandwidth + lowerBandwidth
        for k in 0..<n {
            let p = pivots[k]
            if p != k { b.swapAt(k, p) }
            let lastRow = min(n - 1, k + kl)
            if lastRow > k {
                for i in (k + 1)...lastRow { b[i] -= storage[i * width + k - i + kl] * b[k] }
            }
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var sum = b[i]
            let lastColumn = min(n - 1, i + reach)
            if lastColumn > i {
                for j in (i + 1)...lastColumn { sum -= storage[i * width + j - i + kl] * b[j] }
            }
            b[i] = sum / storage[i * width + kl]
        }
    }
}
