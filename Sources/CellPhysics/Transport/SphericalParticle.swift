// Spherical finite-volume solid diffusion in one representative particle (PHYSICS.md §6).

/// Li fraction x = c/c_max in N concentric shells of one particle, advanced by backward Euler.
///
/// The scheme is PHYSICS.md §6 written in the Li fraction and in volume-weighted form:
/// wᵢ·dxᵢ/dt = G_{i−½}(x_{i−1} − xᵢ) − G_{i+½}(xᵢ − x_{i+1}) − [i = N−1]·I_out/Q,
/// where wᵢ = ρ³_{i+½} − ρ³_{i−½} (ρ = r/R_p, Σwᵢ = 1), G_{i+½} = 3ρ²_{i+½}·N·D/R_p² (1/s),
/// I_out is the current (A) carried by Li leaving the particle and Q (C) the charge of the whole
/// electrode per unit Li fraction. Σwᵢxᵢ therefore changes by exactly −I_out·dt/Q per step: Li
/// is conserved to round-off. Each step is one tridiagonal solve (Thomas algorithm); because the
/// step is linear in I_out, ``prepare(dt:rate:perCharge:)`` computes the zero-flux and unit-flux solutions
/// so the kinetics can solve for the current with the diffusion eliminated exactly.
struct SphericalParticle: Sendable {
    /// Shell Li fractions, centre first.
    private(set) var fractions: [Double]
    /// Shell volume weights wᵢ (sum 1).
    let weights: [Double]
    /// 3ρ²_{i+½}·N at the inner faces i+½, i = 0..N−2 (multiply by D/R_p² for G).
    private let faceFactors: [Double]
    // Thomas workspace, reused between steps.
    private var diagonal: [Double], upper: [Double]
    private var base: [Double], unit: [Double]
    private var outerUnitValue = 0.0
    private var unitReady = true

    /// `shells` ≥ 2 shells at uniform Li fraction `x0`.
    init(shells: Int, initialFraction x0: Double) {
        let n = max(2, shells)
        var w = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let inner = Double(i) / Double(n), outer = Double(i + 1) / Double(n)
            w[i] = outer * outer * outer - inner * inner * inner
        }
        weights = w
        faceFactors = (0..<(n - 1)).map { i in
            let rho = Double(i + 1) / Double(n)
            return 3 * rho * rho * Double(n)
        }
        fractions = [Double](repeating: x0, count: n)
        diagonal = [Double](repeating: 0, count: n)
        upper = diagonal
        base = diagonal
        unit = diagonal
    }

    var shellCount: Int { fractions.count }

    /// Volume-averaged Li fraction.
    var meanFraction: Double {
        var s = 0.0
        for i in 0..<fractions.count { s += weights[i] * fractions[i] }
        return s
    }

    /// Prepares the backward-Euler step over `dt` (s) with `rate` = D/R_p² (1/s): afterwards the
    /// new shell fractions are `base + I_out·unit` for an outgoing current I_out (A), where
    /// `perCharge` = 1/Q (1/C). With dt = 0 the base is the present state and the unit response
    /// is zero. Read the outer shell through ``outerBase`` and ``outerUnit``.
    mutating func prepare(dt: Double, rate: Double, perCharge: Double) {
        let n = fractions.count
        if dt <= 0 {
            for i in 0..<n { base[i] = fractions[i]; unit[i] = 0 }
            unitReady = true
            return
        }
        // Thomas algorithm, in place: `upper` becomes c′ᵢ, `diagonal` the pivots mᵢ, `base` the
        // zero-flux solution. The matrix is strictly diagonally dominant: no pivoting needed. The
        // unit-flux right-hand side is zero except in the outer shell, so its forward sweep is
        // one division; its back substitution waits for ``accept(current:)``.
        fractions.withUnsafeBufferPointer { x in
            weights.withUnsafeBufferPointer { w in
                faceFactors.withUnsafeBufferPointer { face in
                    upper.withUnsafeMutableBufferPointer { c in
                        diagonal.withUnsafeMutableBufferPointer { m in
                            base.withUnsafeMutableBufferPointer { y in
                                let g0 = face[0] * rate * dt
                                m[0] = w[0] + g0
                                c[0] = -g0 / m[0]
                                y[0] = w[0] * x[0] / m[0]
                                var gInner = g0
                                for i in 1..<n {
                                    let gOuter = i < n - 1 ? face[i] * rate * dt : 0
                                    let pivot = w[i] + gInner + gOuter + gInner * c[i - 1]
                                    m[i] = pivot
                                    c[i] = -gOuter / pivot
                                    y[i] = (w[i] * x[i] + gInner * y[i - 1]) / pivot
                                    gInner = gOuter
                                }
                                for i in stride(from: n - 2, through: 0, by: -1) { y[i] -= c[i] * y[i + 1] }
                            }
                        }
                    }
                }
            }
        }
        outerUnitValue = -dt * perCharge / diagonal[n - 1]
        unitReady = false
    }

    /// Outer-shell fraction of the prepared step at zero current.
    var outerBase: Double { base[base.count - 1] }
    /// Change of the outer-shell fraction per ampere of outgoing current in the prepared step.
    var outerUnit: Double { unitReady ? unit[unit.count - 1] : outerUnitValue }

    /// Surface Li fraction for an outgoing current `current` (A): the outer shell value minus the
    /// half-shell gradient that carries the flux, x_s = x_{N−1} − I_out·R_p²/(6·N·D·Q)
    /// (PHYSICS.md §6, c_surf ≈ c_N − j_nΔr/(2D)). `rate` = D/R_p², `perCharge` = 1/Q.
    static func surfaceOffset(current: Double, shells: Int, rate: Double, perCharge: Double) -> Double {
        current * perCharge / (6 * Double(shells) * rate)
    }

    /// Sets the shells to `base + current·unit` of the prepared step (the accepted step).
    mutating func accept(current: Double) {
        if !unitReady {
            let n = unit.count
            unit[n - 1] = outerUnitValue
            for i in stride(from: n - 2, through: 0, by: -1) { unit[i] = -upper[i] * unit[i + 1] }
            unitReady = true
        }
        for i in 0..<fractions.count { fractions[i] = base[i] + current * unit[i] }
    }

    /// Sets every shell to `x` (tests, equilibrium starts).
    mutating func setUniform(_ x: Double) {
        for i in 0..<fractions.count { fractions[i] = x }
    }
}
