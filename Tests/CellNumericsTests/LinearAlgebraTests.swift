import RealModule
import XCTest

@testable import CellNumerics

final class LinearAlgebraTests: XCTestCase {
    func testThomasMatchesDenseLU() throws {
        let n = 30
        var generator = SplitMix64(seed: 3)
        let lower = (0..<(n - 1)).map { _ in -1 - generator.nextUnit() }
        let upper = (0..<(n - 1)).map { _ in -1 - generator.nextUnit() }
        let diagonal = (0..<n).map { _ in 4.5 + generator.nextUnit() }
        let rhs = (0..<n).map { _ in generator.nextUnit() - 0.5 }
        var dense = Matrix(rows: n, columns: n)
        for i in 0..<n {
            dense[i, i] = diagonal[i]
            if i > 0 { dense[i, i - 1] = lower[i - 1] }
            if i < n - 1 { dense[i, i + 1] = upper[i] }
        }
        let thomas = try Tridiagonal.solve(lower: lower, diagonal: diagonal, upper: upper, rhs: rhs)
        let lu = try LUDecomposition(dense).solve(rhs)
        var banded = BandedMatrix(size: n, lowerBandwidth: 1, upperBandwidth: 1)
        for i in 0..<n { for j in max(0, i - 1)...min(n - 1, i + 1) { banded[i, j] = dense[i, j] } }
        var bandedSolution = rhs
        try banded.solve(&bandedSolution)
        for i in 0..<n {
            assertClose(thomas[i], lu[i], relative: 1e-12, floor: 1e-3, "Thomas vs LU row \(i)")
            assertClose(bandedSolution[i], lu[i], relative: 1e-12, floor: 1e-3, "banded vs LU row \(i)")
        }
        XCTAssertThrowsError(try Tridiagonal.solve(lower: [1], diagonal: [0, 1], upper: [1], rhs: [1, 1]))
    }

    func testLUNeedsPivotingAndDetectsSingular() throws {
        let a = Matrix([[0, 2, 1], [1, 1, 1], [2, 1, 0]])
        let x = try LUDecomposition(a).solve([3, 3, 3])
        let back = a.multiplied(by: x)
        for i in 0..<3 { assertClose(back[i], 3, relative: 1e-14, "row \(i)") }
        XCTAssertThrowsError(try LUDecomposition(Matrix([[1, 2], [2, 4]]))) {
            XCTAssertEqual($0 as? LinearAlgebraError, .singular(pivot: 1))
        }
        let inverse = try LUDecomposition(a).inverse()
        let identity = a.multiplied(by: inverse)
        for i in 0..<3 { for j in 0..<3 { XCTAssertEqual(identity[i, j], i == j ? 1 : 0, accuracy: 1e-14) } }
    }

    func testBandedWithPivotingMatchesDense() throws {
        // Pentadiagonal-ish with kl = 2, ku = 1 and small diagonal entries to force row swaps.
        let n = 12
        var generator = SplitMix64(seed: 11)
        var dense = Matrix(rows: n, columns: n)
        var banded = BandedMatrix(size: n, lowerBandwidth: 2, upperBandwidth: 1)
        for i in 0..<n {
            for j in max(0, i - 2)...min(n - 1, i + 1) {
                let value = i == j ? 0.01 * generator.nextUnit() : generator.nextUnit() + 0.5
                dense[i, j] = value
                banded[i, j] = value
            }
        }
        let rhs = (0..<n).map { Double($0) - 3 }
        let expected = try LUDecomposition(dense).solve(rhs)
        var observed = rhs
        try banded.solve(&observed)
        for i in 0..<n { assertClose(observed[i], expected[i], relative: 1e-10, floor: 1e-6, "row \(i)") }
        var bad = BandedMatrix(size: 3, lowerBandwidth: 0, upperBandwidth: 0)
        bad[0, 2] = 1
        XCTAssertThrowsError(try bad.factor()) { XCTAssertEqual($0 as? LinearAlgebraError, .outsideBand(row: 0, column: 2)) }
    }

    func testHouseholderLeastSquaresFitsAPolynomial() throws {
        // y = 1 − 2t + 0.5t² sampled exactly: least squares recovers the coefficients.
        let t = (0..<20).map { Double($0) / 4 }
        let a = Matrix(t.map { [1, $0, $0 * $0] })
        let y = t.map { 1 - 2 * $0 + 0.5 * $0 * $0 }
        let c = try HouseholderQR(a).solve(y)
        assertClose(c[0], 1, relative: 1e-12, "c0")
        assertClose(c[1], -2, relative: 1e-12, "c1")
        assertClose(c[2], 0.5, relative: 1e-12, "c2")
        XCTAssertThrowsError(try HouseholderQR(Matrix(t.map { [$0, 2 * $0] })).solve(y)) {
            XCTAssertEqual($0 as? LinearAlgebraError, .rankDeficient(column: 1))
        }
    }
}
