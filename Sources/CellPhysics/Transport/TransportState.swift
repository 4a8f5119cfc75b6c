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

    init(cell: TransportCell, temperature t: Double) {
        temperature = t
        thermalVoltage = 2 * Constants.gas * t / Constants.faraday
        ohmicASR = cell.ohmic.reduce(0) { $0 + $1.asr(at: t) }
        leakageASR = cell.leakage.map { $0.reduce(0) { $0 + $1.asr(at: t) } } ?? .infinity
        branchASR = cell.branches.map { $0.ohmicASR(at: t) }
        diffusionRate = cell.electrodes.map { e in
            e.isMetal ? 0 : e.diffusivity.value(at: t) / (e.particleRadius * e.particleRadius)
        }
    }

    /// Σ ohmic + interface ASR (Ω·m²): the `asr` trace.
    var totalASR: Double { ohmicASR + branchASR.reduce(0, +) }
}

/// The solution of one trial step.
struct Trial: Sendable {
    var dt: Double
    /// Ionic current density through the electrolyte, A/m² (positive on charge).
    var ionic: Double
    /// External current density (ionic + leakage), A/m².
    var external: Double
    var voltage: Double
    /// Faradaic current density of each branch, A/m².
    var faradaic: [Double]
    /// Branch voltages after the step, V.
    var branchVoltages: [Double]
    /// Surface Li fraction of each electrode (NaN for a metal).
    var surface: [Double]
    /// Li-out current of each electrode, A (positive: Li leaves it).
    var lithiumOut: [Double]
}

/// Why an implicit solve failed (the caller shrinks the step).
struct SolveFailure: Error {
    var reason: String
}

/// The algebraic solver with its workspace.
struct AlgebraicSolver: Sendable {
    let cell: TransportCell
    /// Indices of branches with a double layer (their faradaic current is an unknown).
    let capacitive: [Int]
    /// For each branch, its unknown index (0 = the ionic current j).
    let unknownOfBranch: [Int]
    /// For each electrode, the branch carrying its Li flux (nil: the ionic current).
    let branchOfElectrode: [Int?]
    private var jacobian: [Double]
    private var residual: [Double]
    private var unknowns: [Double]

    init(cell: TransportCell) {
        self.cell = cell
        capacitive = cell.branches.indices.filter { cell.branches[$0].capacitance > 0 }
        var map = [Int](repeating: 0, count: cell.branches.count)
        for (k, b) in capacitive.enumerated() { map[b] = k + 1 }
        unknownOfBranch = map
        branchOfElectrode = [0, 1].map { e in cell.branches.firstIndex { $0.electrode == e } }
        let n = 1 + capacitive.count
        jacobian = [Double](repeating: 0, count: n * n)
        residual = [Double](repeating: 0, count: n)
        unknowns = residual
    }

    var unknownCount: Int { 1 + capacitive.count }

    /// Solves one backward-Euler step of size `dt` (s; 0 gives the instantaneous response with
    /// capacitor voltages held) from branch voltages `previous`, with the particles already
    /// prepared for `dt`. `guess` holds [j, j_f of each capacitive branch].
    mutating func solve(dt: Double, control: StepControl, previous: [Double], particles: [SphericalParticle?],
                        coefficients k: Coefficients, guess: [Double]) throws -> Trial {
        let n = unknownCount
        let area = cell.area
        // Surface fraction of electrode e is a_e + b_e·j_f,e (linear: the diffusion step is linear).
        var a = [Double](repeating: .nan, count: 2), b = [Double](repeating: 0, count: 2)
        for e in 0..<2 {
            guard let p = particles[e] else { continue }
            let perCharge = 1 / cell.electrodes[e].chargePerFraction
            let sign = e == 1 ? 1.0 : -1.0
            let offset = SphericalParticle.surfaceOffset(current: 1, shells: p.shellCount, rate: k.diffusionRate[e],
                                                         perCharge: perCharge)
            a[e] = p.outerBase
            b[e] = sign * area * (p.outerUnit - offset)
        }
        for i in 0..<n { unknowns[i] = i < guess.count ? guess[i] : 0 }
        if case .current(let j) = control, k.leakageASR.isInfinite { unknowns[0] = j }
        var converged = false
        var lastNorm = Double.infinity
        for _ in 0..<maxNewtonIterations {
            let norm = evaluate(dt: dt, control: control, previous: previous, a: a, b: b, k: k, withJacobian: true)
            guard norm.isFinite else { throw SolveFailure(reason: "non-finite residual") }
            // At round-off level the update test can stall when the Jacobian is tiny: accept.
            if norm <= residualTolerance { converged = true; break }
            var delta = residual.map { -$0 }
            try Self.solveDense(&jacobian, &delta, n)
            var step = 1.0
            // Keep every surface fraction strictly inside (0, 1) along the update.
            for e in 0..<2 where particles[e] != nil {
                let index = branchOfElectrode[e].map { unknownOfBranch[$0] } ?? 0
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
            lastNorm = norm
        }
        _ = lastNorm
        guard converged else { throw SolveFailure(reason: "Newton did not converge") }
        _ = evaluate(dt: dt, control: control, previous: previous, a: a, b: b, k: k, withJacobian: false)
        return trial(dt: dt, a: a, b: b, k: k)
    }

    /// The faradaic current density (A/m²) of branch `k` for the present unknowns.
    private func faradaic(_ branch: Int) -> Double { unknowns[unknownOfBranch[branch]] }

    /// Branch voltage g(j_f) = R·j_f + (2RT/F)·asinh(j_f/(2·i0)) and its derivative (PHYSICS.md §4,
    /// §6; symmetric Butler–Volmer, α = ½, in series with the branch's ohmic ASR).
    private func branchVoltage(_ index: Int, current jf: Double, a: [Double], b: [Double], k: Coefficients)
        -> (value: Double, slope: Double) {
        let branch = cell.branches[index]
        let r = k.branchASR[index]
        guard let exchange = branch.exchange else { return (r * jf, r) }
        var x = 0.5, dxdj = 0.0
        if let e = branch.electrode, !cell.electrodes[e].isMetal {
            x = a[e] + b[e] * jf
            dxdj = b[e]
        }
        let i0 = exchange.value(x: x, temperature: k.temperature) * branch.exchangeAreaRatio
        let di0 = exchange.slope(x: x, temperature: k.temperature) * branch.exchangeAreaRatio * dxdj
        let u = jf / (2 * i0)
        let du = 1 / (2 * i0) - jf * di0 / (2 * i0 * i0)
        let root = (1 + u * u).squareRoot()
        return (r * jf + k.thermalVoltage * Double.log(u + root), r + k.thermalVoltage * du / root)
    }

    /// Fills `residual` (and `jacobian`); returns the residual's max norm (scaled).
    private mutating func evaluate(dt: Double, control: StepControl, previous: [Double], a: [Double], b: [Double],
                                   k: Coefficients, withJacobian: Bool) -> Double {
        let n = unknownCount
        if withJacobian { for i in 0..<(n * n) { jacobian[i] = 0 } }
        let j = unknowns[0]
        var v = j * k.ohmicASR
        var dV = [Double](repeating: 0, count: n)
        dV[0] = k.ohmicASR
        for index in cell.branches.indices {
            let u = unknownOfBranch[index]
            let jf = unknowns[u]
            let (g, slope) = branchVoltage(index, current: jf, a: a, b: b, k: k)
            v += g
            dV[u] += slope
            if u > 0 {
                let c = cell.branches[index].capacitance
                residual[u] = g - previous[index] + dt / c * (jf - j)
                if withJacobian {
                    jacobian[u * n + u] = slope + dt / c
                    jacobian[u * n] = -dt / c
                }
            }
        }
        for e in 0..<2 {
            let electrode = cell.electrodes[e]
            let sign = e == 1 ? 1.0 : -1.0
            if electrode.isMetal {
                v += sign * electrode.ocp.value(at: 0.5)
                continue
            }
            let u = branchOfElectrode[e].map { unknownOfBranch[$0] } ?? 0
            let x = a[e] + b[e] * unknowns[u]
            let ocp = PCHIPOrConstant.evaluate(electrode.ocp, at: x)
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
        return residual.reduce(0) { max($0, abs($1)) }
    }

    private(set) var lastVoltage = 0.0

    private func trial(dt: Double, a: [Double], b: [Double], k: Coefficients) -> Trial {
        let j = unknowns[0]
        let leak = k.leakageASR.isInfinite ? 0 : lastVoltage / k.leakageASR
        var faradaicCurrents = [Double](repeating: j, count: cell.branches.count)
        var voltages = [Double](repeating: 0, count: cell.branches.count)
        for index in cell.branches.indices {
            faradaicCurrents[index] = faradaic(index)
            voltages[index] = branchVoltage(index, current: faradaicCurrents[index], a: a, b: b, k: k).value
        }
        var surface = [Double](repeating: .nan, count: 2), out = [Double](repeating: 0, count: 2)
        for e in 0..<2 {
            let jf = branchOfElectrode[e].map { faradaicCurrents[$0] } ?? j
            out[e] = (e == 1 ? 1 : -1) * jf * cell.area
            if !cell.electrodes[e].isMetal { surface[e] = a[e] + b[e] * jf }
        }
        return Trial(dt: dt, ionic: j, external: j + leak, voltage: lastVoltage, faradaic: faradaicCurrents,
                     branchVoltages: voltages, surface: surface, lithiumOut: out)
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
