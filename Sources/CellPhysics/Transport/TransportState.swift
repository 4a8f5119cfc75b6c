import RealModule

// One implicit step of the transport model: the algebraic part (ohmic drops, Butler–Volmer,
// double layers, leakage) solved by Newton with the particle diffusion eliminated exactly.

/// What drives a step.
enum StepControl: Sendable, Equatable {
    /// External current density, A/m², positive on charge.
    case current(Double)
    /// Terminal voltage, V.
    case voltage(Double)
}

/// Temperature-dependent coefficients, refreshed when a leaf step starts.
struct Coefficients: Sendable {
    var temperature: Double
    /// 2RT/F (V), the symmetric Butler–Volmer scale (PHYSICS.md §4).
    var thermalVoltage: Double
    /// Σ ohmic ASR, Ω·m².
    var ohmicASR: Double
    /// Electronic shunt, Ω·m² (infinity when insulating).
    var leakageASR: Double
    /// Per branch: ohmic ASR (Ω·m²).
    var branchASR: [Double]
    /// Per electrode: D/R_p² (1/s).
    var diffusionRate: [Double]
    /// Per branch: i0 per cell area at x = ½ divided by √(x(1−x)) = ½ (A/m²), or the constant i0.
    var exchangeScale: [Double]

    /// `layerASRs` replaces the ohmic terms of the named layers by these values (Ω·m²).
    init(cell: TransportCell, temperature t: Double, layerASRs: [String: Double] = [:]) {
        temperature = t
        thermalVoltage = 2 * Constants.gas * t / Constants.faraday
        ohmicASR = cell.ohmic.reduce(0) { $0 + (layerASRs[$1.layer] == nil ? $1.asr(at: t) : 0) }
            + layerASRs.values.reduce(0, +)
        leakageASR = cell.leakage.map { $0.reduce(0) { $0 + $1.asr(at: t) } } ?? .infinity
        branchASR = cell.branches.map { $0.ohmicASR(at: t) }
        exchangeScale = cell.branches.map { b in
            guard let x = b.exchange else { return 0 }
            switch x {
            case .constant: return x.value(x: 0.5, temperature: t) * b.exchangeAreaRatio
            default: return x.value(x: 0.5, temperature: t) * 2 * b.exchangeAreaRatio
            }
        }
        diffusionRate = cell.electrodes.map { e in
            e.isMetal ? 0 : e.diffusivity.value(at: t) / (e.particleRadius * e.particleRadius)
        }
    }

    /// Σ ohmic + interface ASR (Ω·m²): the `asr` trace.
    var totalASR: Double { ohmicASR + branchASR.reduce(0, +) }
}

/// The solution of one trial step (branch currents and voltages stay in the solver's workspace
/// until the next solve, so a trial allocates nothing).
struct Trial: Sendable {
    var dt: Double
    /// Ionic current density through the electrolyte, A/m² (positive on charge).
    var ionic: Double
    /// External current density (ionic + leakage), A/m².
    var external: Double
    var voltage: Double
    /// Surface Li fraction of each electrode (NaN for a metal).
    var surface: SIMD2<Double>
    /// Li-out current of each electrode, A (positive: Li leaves it).
    var lithiumOut: SIMD2<Double>
}

/// Why an implicit solve failed (the caller shrinks the step).
struct SolveFailure: Error {
    var reason: String
}

/// The algebraic solver with its workspace. Per-branch and per-electrode data are copied into
/// flat arrays once so that the Newton loop touches no reference-counted values.
struct AlgebraicSolver: Sendable {
    /// Indices of branches with a double layer (their faradaic current is an unknown).
    let capacitive: [Int]
    /// For each branch, its unknown index (0 = the ionic current j).
    let unknownOfBranch: [Int]
    /// For each electrode, the unknown carrying its Li flux (0: the ionic current j).
    let unknownOfElectrode: SIMD2<Int>
    private let branchElectrode: [Int]      // −1: none
    private let branchCapacitance: [Double]
    private let branchHasKinetics: [Bool]
    private let branchConstantExchange: [Bool]
    private let intercalation: [Bool]
    private let ocps: [OpenCircuitPotential]
    private let metalPotential: SIMD2<Double>
    private let area: Double
    private var jacobian: [Double]
    private var residual: [Double]
    private var delta: [Double]
    private var dV: [Double]
    private var unknowns: [Double]
    /// Faradaic current density and voltage of each branch after the last solve.
    private(set) var faradaicOut: [Double]
    private(set) var branchVoltageOut: [Double]
    private(set) var lastVoltage = 0.0

    init(cell: TransportCell) {
        capacitive = cell.branches.indices.filter { cell.branches[$0].capacitance > 0 }
        var map = [Int](repeating: 0, count: cell.branches.count)
        for (k, b) in capacitive.enumerated() { map[b] = k + 1 }
        unknownOfBranch = map
        let ofElectrode = [0, 1].map { e in cell.branches.firstIndex { $0.electrode == e }.map { map[$0] } ?? 0 }
        unknownOfElectrode = SIMD2(ofElectrode[0], ofElectrode[1])
        branchElectrode = cell.branches.map { $0.electrode ?? -1 }
        branchCapacitance = cell.branches.map(\.capacitance)
        branchHasKinetics = cell.branches.map { $0.exchange != nil }
        branchConstantExchange = cell.branches.map { b in
            if case .constant = b.exchange { return true }
            return b.electrode.map { cell.electrodes[$0].isMetal } ?? true
        }
        intercalation = cell.electrodes.map { !$0.isMetal }
        ocps = cell.electrodes.map(\.ocp)
        metalPotential = SIMD2(cell.electrodes[0].ocp.value(at: 0.5), cell.electrodes[1].ocp.value(at: 0.5))
        area = cell.area
        let n = 1 + capacitive.count
        jacobian = [Double](repeating: 0, count: n * n)
        residual = [Double](repeating: 0, count: n)
        delta = residual
        dV = residual
        unknowns = residual
        faradaicOut = [Double](repeating: 0, count: cell.branches.count)
        branchVoltageOut = faradaicOut
    }

    var unknownCount: Int { 1 + capacitive.count }

    /// Solves one backward-Euler step of size `dt` (s; 0 gives the instantaneous response with
    /// capacitor voltages held) from branch voltages `previous`. The surface fraction of electrode
    /// e is `a[e] + b[e]·j_f,e` (the prepared diffusion step is linear in its current).
    /// `guess` holds [j, j_f of each capacitive branch].
    mutating func solve(dt: Double, control: StepControl, previous: [Double], a: SIMD2<Double>, b: SIMD2<Double>,
                        coefficients k: Coefficients, guess: [Double]) throws -> Trial {
        let n = unknownCount
        for i in 0..<n { unknowns[i] = i < guess.count ? guess[i] : 0 }
        if case .current(let j) = control, k.leakageASR.isInfinite { unknowns[0] = j }
        var converged = false
        for _ in 0..<maxNewtonIterations {
            let norm = evaluate(dt: dt, control: control, previous: previous, a: a, b: b, k: k, withJacobian: true)
            guard norm.isFinite else { throw SolveFailure(reason: "non-finite residual") }
            // At round-off level the update test can stall when the Jacobian is tiny: accept.
            if norm <= residualTolerance { converged = true; break }
            for i in 0..<n { delta[i] = -residual[i] }
            try Self.solveDense(&jacobian, &delta, n)
            var step = 1.0
            // Keep every surface fraction strictly inside (0, 1) along the update.
            for e in 0..<2 where intercalation[e] {
                let index = unknownOfElectrode[e]
                let x = a[e] + b[e] * unknowns[index], dx = b[e] * delta[index]
                if x + step * dx <= 0 { step = min(step, 0.9 * x / max(-dx, .leastNonzeroMagnitude)) }
                if x + step * dx >= 1 { step = min(step, 0.9 * (1 - x) / max(dx, .leastNonzeroMagnitude)) }
            }
            var small = true
            for i in 0..<n {
                let scale = abs(unknowns[i]) + currentScale
                if abs(step * delta[i]) > newtonTolerance * scale { small = false }
                unknowns[i] += step * delta[i]
            }
            if small && step == 1 { converged = true; break }
        }
        guard converged else { throw SolveFailure(reason: "Newton did not converge") }
        _ = evaluate(dt: dt, control: control, previous: previous, a: a, b: b, k: k, withJacobian: false)
        let j = unknowns[0]
        var surface = SIMD2<Double>(.nan, .nan), out = SIMD2<Double>(0, 0)
        for e in 0..<2 {
            let jf = unknowns[unknownOfElectrode[e]]
            out[e] = (e == 1 ? 1 : -1) * jf * area
            if intercalation[e] { surface[e] = a[e] + b[e] * jf }
        }
        let leak = k.leakageASR.isInfinite ? 0 : lastVoltage / k.leakageASR
        return Trial(dt: dt, ionic: j, external: j + leak, voltage: lastVoltage, surface: surface, lithiumOut: out)
    }

    /// Branch voltage g(j_f) = R·j_f + (2RT/F)·asinh(j_f/(2·i0)) and its derivative (PHYSICS.md §4,
    /// §6; symmetric Butler–Volmer, α = ½, in series with the branch's ohmic ASR).
    @inline(__always)
    private func branchVoltage(_ index: Int, current jf: Double, a: SIMD2<Double>, b: SIMD2<Double>, k: Coefficients)
        -> (value: Double, slope: Double) {
        let r = k.branchASR[index]
        guard branchHasKinetics[index] else { return (r * jf, r) }
        var i0 = k.exchangeScale[index], di0 = 0.0
        if !branchConstantExchange[index] {
            // i0 = scale·√(x(1−x)), x clamped inside (0, 1) for iterates at the particle's ends.
            let e = branchElectrode[index]
            let x = min(max(a[e] + b[e] * jf, exchangeClamp), 1 - exchangeClamp)
            let root = (x * (1 - x)).squareRoot()
            di0 = i0 * (1 - 2 * x) / (2 * root) * b[e]
            i0 *= root
        }
        let u = jf / (2 * i0)
        let du = 1 / (2 * i0) - jf * di0 / (2 * i0 * i0)
        let root = (1 + u * u).squareRoot()
        return (r * jf + k.thermalVoltage * Double.log(u + root), r + k.thermalVoltage * du / root)
    }

    /// Fills `residual` (and `jacobian`); returns the residual's max norm (scaled).
    private mutating func evaluate(dt: Double, control: StepControl, previous: [Double], a: SIMD2<Double>,
                                   b: SIMD2<Double>, k: Coefficients, withJacobian: Bool) -> Double {
        let n = unknownCount
        if withJacobian { for i in 0..<(n * n) { jacobian[i] = 0 } }
        let j = unknowns[0]
        var v = j * k.ohmicASR
        for i in 0..<n { dV[i] = 0 }
        dV[0] = k.ohmicASR
        for index in 0..<branchCapacitance.count {
            let u = unknownOfBranch[index]
            let jf = unknowns[u]
            let (g, slope) = branchVoltage(index, current: jf, a: a, b: b, k: k)
            v += g
            dV[u] += slope
            faradaicOut[index] = jf
            branchVoltageOut[index] = g
            if u > 0 {
                let c = branchCapacitance[index]
                residual[u] = g - previous[index] + dt / c * (jf - j)
                if withJacobian {
                    jacobian[u * n + u] = slope + dt / c
                    jacobian[u * n] = -dt / c
                }
            }
        }
        for e in 0..<2 {
            let sign = e == 1 ? 1.0 : -1.0
            guard intercalation[e] else {
                v += sign * metalPotential[e]
                continue
            }
            let u = unknownOfElectrode[e]
            let x = a[e] + b[e] * unknowns[u]
            let ocp = PCHIPOrConstant.evaluate(ocps[e], at: x)
            v += sign * ocp.value
            dV[u] += sign * ocp.slope * b[e]
        }
        switch control {
        case .current(let target):
            let leak = k.leakageASR.isInfinite ? 0 : 1 / k.leakageASR
            residual[0] = (j + v * leak - target) * k.ohmicScale
            if withJacobian {
                for c in 0..<n { jacobian[c] = dV[c] * leak * k.ohmicScale }
                jacobian[0] += k.ohmicScale
            }
        case .voltage(let target):
            residual[0] = v - target
            if withJacobian { for c in 0..<n { jacobian[c] = dV[c] } }
        }
        lastVoltage = v
        var norm = 0.0
        for i in 0..<n { norm = max(norm, abs(residual[i])) }
        return norm
    }

    /// Gaussian elimination with partial pivoting on an n×n row-major matrix (n ≤ a few).
    static func solveDense(_ m: inout [Double], _ rhs: inout [Double], _ n: Int) throws {
        for col in 0..<n {
            var pivot = col
            for r in (col + 1)..<max(n, col + 1) where abs(m[r * n + col]) > abs(m[pivot * n + col]) { pivot = r }
            guard m[pivot * n + col] != 0, m[pivot * n + col].isFinite else { throw SolveFailure(reason: "singular Jacobian") }
            if pivot != col {
                for c in 0..<n { m.swapAt(col * n + c, pivot * n + c) }
                rhs.swapAt(col, pivot)
            }
            let d = m[col * n + col]
            for r in (col + 1)..<max(n, col + 1) {
                let f = m[r * n + col] / d
                if f == 0 { continue }
                for c in col..<n { m[r * n + c] -= f * m[col * n + c] }
                rhs[r] -= f * rhs[col]
            }
        }
        for r in stride(from: n - 1, through: 0, by: -1) {
            var s = rhs[r]
            for c in (r + 1)..<max(n, r + 1) { s -= m[r * n + c] * rhs[c] }
            rhs[r] = s / m[r * n + r]
        }
    }
}

/// Keeps √(x(1−x)) finite and positive for Newton iterates at or beyond the particle's ends.
private let exchangeClamp = 1e-9
/// Newton stops when every update is below this fraction of |unknown| + ``currentScale``.
private let newtonTolerance = 1e-11
/// A/m²: the absolute scale of current unknowns in the Newton test (0.1 µA/cm²).
private let currentScale = 1e-3
/// Residuals (V) at or below this are round-off: the Newton iterate is converged.
private let residualTolerance = 1e-12
/// Newton iterations before the step is rejected and shrunk.
private let maxNewtonIterations = 40

/// OCP value and slope in one call.
enum PCHIPOrConstant {
    static func evaluate(_ ocp: OpenCircuitPotential, at x: Double) -> (value: Double, slope: Double) {
        switch ocp {
        case .constant(let u): return (u, 0)
        case .table(let xs, let us): return PCHIP.evaluate(xs, us, at: x)
        }
    }
}

extension Coefficients {
    /// Ω·m² that turns the galvanostatic residual (A/m²) into volts, so both control rows have
    /// comparable size in the Newton norm; at least 1e-4 Ω·m² (1 Ω·cm²).
    var ohmicScale: Double { max(totalASR, 1e-4) }
}
