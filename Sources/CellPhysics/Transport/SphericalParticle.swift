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
    private var lower: [Double], diagonal: [Double], upper: [Double]
    private var base: [Double], unit: [Double]

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
        lower = [Double](repeating: 0, count: n)
        diagonal = lower
        upper = lower
        base = lower
        unit = lower
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
            return
        }
        for i in 0..<n {
            let gInner = i > 0 ? faceFactors[i - 1] * rate * dt : 0
            let gOuter = i < n - 1 ? faceFactors[i] * rate * dt : 0
            lower[i] = -gInner
            upper[i] = -gOuter
            diagonal[i] = weights[i] + gInner + gOuter
            base[i] = weights[i] * fractions[i]
            unit[i] = 0
        }
        unit[n - 1] = -dt * perCharge
        // Thomas algorithm on both right-hand sides at once, in place (the matrix is strictly
        // diagonally dominant, so no pivoting is needed); `upper` becomes the modified c′.
        upper[0] /= diagonal[0]
        base[0] /= diagonal[0]
        unit[0] /= diagonal[0]
        for i in 1..<n {
            let m = diagonal[i] - lower[i] * upper[i - 1]
            if i < n - 1 { upper[i] /= m }
            base[i] = (base[i] - lower[i] * base[i - 1]) / m
            unit[i] = (unit[i] - lower[i] * unit[i - 1]) / m
        }
        for i in stride(from: n - 2, through: 0, by: -1) {
            base[i] -= upper[i] * base[i + 1]
            unit[i] -= upper[i] * unit[i + 1]
        }
    }

    /// Outer-shell fraction of the prepared step at zero current.
    var outerBase: Double { base[base.count - 1] }
    /// Change of the outer-shell fraction per ampere of outgoing current in the prepared step.
    var outerUnit: Double { unit[unit.count - 1] }

    /// Surface Li fraction for an outgoing current `current` (A): the outer shell value minus the
    /// half-shell gradient that carries the flux, x_s = x_{N−1} − I_out·R_p²/(6·N·D·Q)
    /// (PHYSICS.md §6, c_surf ≈ c_N − j_nΔr/(2D)). `rate` = D/R_p², `perCharge` = 1/Q.
    static func surfaceOffset(current: Double, shells: Int, rate: Double, perCharge: Double) -> Double {
        current * perCharge / (6 * Double(shells) * rate)
    }

    /// Sets the shells to `base + current·unit` of the prepared step (the accepted step).
    mutating func accept(current: Double) {
        for i in 0..<fractions.count { fractions[i] = base[i] + current * unit[i] }
    }

    /// Sets every shell to `x` (tests, equilibrium starts).
    mutating func setUniform(_ x: Double) {
        for i in 0..<fractions.count { fractions[i] = x }
    }
}
