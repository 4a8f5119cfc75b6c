import ComplexModule
import RealModule

/// Result of a linear Kramers–Kronig test.
public struct KKResult: Sendable {
    /// Number of RC elements chosen.
    public var m: Int
    /// μ = 1 − Σ_{R_k<0}|R_k| / Σ_{R_k≥0}|R_k| at the chosen M.
    public var mu: Double
    /// Time constants τ_k (s).
    public var timeConstants: [Double]
    /// Fitted R₀ (ohm), R_k (ohm).
    public var seriesResistance: Double
    public var resistances: [Double]
    /// Fitted series inductance (H) and capacitance (F), when requested (nil otherwise; a fitted
    /// 1/C of zero gives an infinite capacitance).
    public var inductance: Double?
    public var capacitance: Double?
    /// Frequencies (Hz) in input order.
    public var frequencies: [Double]
    /// Δ'ᵢ = (Z'ᵢ − Ẑ'ᵢ)/|Zᵢ| and Δ''ᵢ likewise (dimensionless fractions), input order.
    public var residualsReal: [Double]
    public var residualsImaginary: [Double]
    /// The fitted KK-compliant model impedance (ohm), input order.
    public var model: [Complex<Double>]
    /// Largest |Δ| over both parts.
    public var maxResidual: Double
    /// Whether every |Δ| is within ``LinKK/acceptanceThreshold``.
    public var isValid: Bool
    /// Indices of points whose |Δ| exceeds ``LinKK/exclusionThreshold`` (candidates to drop).
    public var outliers: [Int]
    /// One-line verdict.
    public var verdict: String
}

/// Linear Kramers–Kronig test after Schönleber et al., Electrochim. Acta 131, 20 (2014)
/// (see PHYSICS.md §7).
///
/// Model Ẑ(ω) = R₀ + Σ_{k=1..M} R_k/(1 + jωτ_k) [+ jωL] [+ 1/(jωC)], τ_k log-spaced from
/// τ₁ = 1/ω_max to τ_M = 1/ω_min (the paper; impedance.py multiplies by 2π, which we do not).
/// The fit is linear, weighted by 1/|Zᵢ|, solved by Householder QR. M grows from 1 until
/// μ ≤ c = 0.85 (for two consecutive M, a guard against underfitted small-M fits that flip the
/// sign of one R_k) or M = 50 (or the point count limits it).
public enum LinKK {
    /// Which parts of the data the linear fit uses.
    public enum FitMode: String, Sendable, CaseIterable {
        /// Real and imaginary rows together (PHYSICS.md §7).
        case complex
        /// Schönleber's real-part fit: R₀ and R_k from Z' only, then L and 1/C from the remaining
        /// Z''. impedance.py's default; better conditioned when a capacitive tail is present.
        case real
    }

    /// Schönleber's μ threshold.
    public static let muThreshold = 0.85
    /// Upper limit on the number of RC elements (Schönleber).
    public static let maximumM = 50
    /// |Δ| up to 1 % counts as KK-consistent (PHYSICS.md §7).
    public static let acceptanceThreshold = 0.01
    /// Points above 4 % are listed as outliers (Eckhardt et al. excluded >4 % residuals).
    public static let exclusionThreshold = 0.04

    /// Runs the test. `fixedM`, if given, skips the μ search and uses that many RC elements.
    /// The search accepts M once μ ≤ c holds for two consecutive M (see the loop) and then uses
    /// the first of the two. A spectrum with fewer than 3 points, or with non-finite or non-positive
    /// frequencies or zero impedance, gives an invalid result with an explanatory verdict.
    public static func test(
        _ spectrum: ImpedanceSpectrum, includeInductance: Bool = false, includeCapacitance: Bool = false,
        mode: FitMode = .complex, fixedM: Int? = nil
    ) -> KKResult {
        let n = spectrum.count
        let extras = (includeInductance ? 1 : 0) + (includeCapacitance ? 1 : 0)
        let badFrequency = spectrum.frequencies.contains { !($0 > 0 && $0.isFinite) }
        let badImpedance = spectrum.impedance.contains { !$0.isFinite || $0.length == 0 }
        guard n >= 3, !badFrequency, !badImpedance else {
            let reason = n < 3 ? "too few points (\(n)) for a Kramers–Kronig test"
                : badFrequency ? "frequencies must be positive and finite" : "impedances must be finite and nonzero"
            return KKResult(m: 0, mu: .nan, timeConstants: [], seriesResistance: .nan, resistances: [],
                            inductance: nil, capacitance: nil, frequencies: spectrum.frequencies,
                            residualsReal: [], residualsImaginary: [], model: [], maxResidual: .nan,
                            isValid: false, outliers: [], verdict: "not tested: \(reason)")
        }
        let omegas = spectrum.frequencies.map { 2 * Double.pi * $0 }
        let omegaMax = omegas.max() ?? 1
        let omegaMin = omegas.min() ?? 1
        // Columns: R0, R_1..R_M, [L], [1/C]; rows: n real then n imaginary, weighted by 1/|Z|.
        let rowCount = mode == .complex ? 2 * n : n
        let mLimit = max(1, min(maximumM, rowCount - 1 - (mode == .complex ? extras : 0)))
        var chosen: (m: Int, mu: Double, tau: [Double], solution: [Double])?
        var candidate: (m: Int, mu: Double, tau: [Double], solution: [Double])?
        let range = fixedM.map { min(max($0, 1), mLimit)...min(max($0, 1), mLimit) } ?? 1...mLimit
        for m in range {
            let tau = timeConstants(count: m, omegaMin: omegaMin, omegaMax: omegaMax)
            guard let solution = solve(spectrum, omegas: omegas, tau: tau, includeInductance: includeInductance,
                                       includeCapacitance: includeCapacitance, mode: mode)
            else { break }
            let rk = solution[1...m]
            let positive = rk.filter { $0 >= 0 }.reduce(0, +)
            let negative = rk.filter { $0 < 0 }.reduce(0) { $0 + abs($1) }
            let mu = positive > 0 ? 1 - negative / positive : 0
            let current = (m, mu, tau, solution)
            chosen = current
            // μ must stay at or below c for two consecutive M: underfitted small-M fits can flip the
            // sign of a few R_k once and would otherwise stop the search too early.
            if mu <= muThreshold {
                if let previous = candidate {
                    chosen = previous
                    break
                }
                candidate = current
            } else {
                candidate = nil
            }
        }
        guard let fit = chosen else {
            return KKResult(m: 0, mu: .nan, timeConstants: [], seriesResistance: .nan, resistances: [],
                            inductance: nil, capacitance: nil, frequencies: spectrum.frequencies,
                            residualsReal: [], residualsImaginary: [], model: [], maxResidual: .nan,
                            isValid: false, outliers: [], verdict: "not tested: the linear fit is rank deficient")
        }
        let m = fit.m
        let inductance = includeInductance ? fit.solution[m + 1] : nil
        let inverseCapacitance = includeCapacitance ? fit.solution[m + 1 + (includeInductance ? 1 : 0)] : nil
        var model: [Complex<Double>] = []
        var deltaRe: [Double] = []
        var deltaIm: [Double] = []
        for i in 0..<n {
            let omega = omegas[i]
            var z = Complex(fit.solution[0])
            for k in 0..<m {
                z += ComplexKernels.reciprocal(Complex(1, omega * fit.tau[k])).multiplied(by: fit.solution[k + 1])
            }
            if let l = inductance { z += Complex(0, omega * l) }
            if let c = inverseCapacitance { z += Complex(0, -c / omega) }
            model.append(z)
            let modulus = spectrum.impedance[i].length
            deltaRe.append((spectrum.impedance[i].real - z.real) / modulus)
            deltaIm.append((spectrum.impedance[i].imaginary - z.imaginary) / modulus)
        }
        let perPoint = zip(deltaRe, deltaIm).map { max(abs($0), abs($1)) }
        let maxResidual = perPoint.max() ?? 0
        let worst = perPoint.firstIndex(of: maxResidual) ?? 0
        let outliers = perPoint.indices.filter { perPoint[$0] > exclusionThreshold }
        let isValid = maxResidual <= acceptanceThreshold
        let percent = (maxResidual * 100 * 100).rounded() / 100
        let where_ = "at \(spectrum.frequencies[worst]) Hz"
        let summary = "M = \(m), mu = \((fit.mu * 1000).rounded() / 1000)"
        let verdict = isValid
            ? "consistent with Kramers–Kronig: max |residual| \(percent) % \(where_) (\(summary))"
            : "not Kramers–Kronig consistent: max |residual| \(percent) % \(where_) (\(summary)); "
                + "\(outliers.count) point(s) above \(Int(exclusionThreshold * 100)) %"
        return KKResult(
            m: m, mu: fit.mu, timeConstants: fit.tau, seriesResistance: fit.solution[0],
            resistances: Array(fit.solution[1...m]), inductance: inductance,
            capacitance: inverseCapacitance.map { 1 / $0 }, frequencies: spectrum.frequencies,
            residualsReal: deltaRe, residualsImaginary: deltaIm, model: model, maxResidual: maxResidual,
            isValid: isValid, outliers: outliers, verdict: verdict)
    }

    /// τ_k log-spaced from 1/ω_max to 1/ω_min (one element: 1/ω_max).
    static func timeConstants(count m: Int, omegaMin: Double, omegaMax: Double) -> [Double] {
        let first = Double.log(1 / omegaMax)
        let last = Double.log(1 / omegaMin)
        guard m > 1 else { return [Double.exp(first)] }
        return (0..<m).map { Double.exp(first + (last - first) * Double($0) / Double(m - 1)) }
    }

    private static func solve(
        _ spectrum: ImpedanceSpectrum, omegas: [Double], tau: [Double],
        includeInductance: Bool, includeCapacitance: Bool, mode: FitMode
    ) -> [Double]? {
        let n = spectrum.count
        let m = tau.count
        let extras = (includeInductance ? 1 : 0) + (includeCapacitance ? 1 : 0)
        let columns = 1 + m + extras
        let weights = spectrum.impedance.map { 1 / $0.length }
        switch mode {
        case .complex:
            var a = Matrix(rows: 2 * n, columns: columns)
            var b = [Double](repeating: 0, count: 2 * n)
            for i in 0..<n {
                let w = weights[i]
                let omega = omegas[i]
                a[i, 0] = w
                for k in 0..<m {
                    let x = omega * tau[k]
                    let d = 1 / (1 + x * x)
                    a[i, k + 1] = d * w
                    a[n + i, k + 1] = -x * d * w
                }
                var column = m + 1
                if includeInductance { a[n + i, column] = omega * w; column += 1 }
                if includeCapacitance { a[n + i, column] = -w / omega }
                b[i] = spectrum.impedance[i].real * w
                b[n + i] = spectrum.impedance[i].imaginary * w
            }
            return try? HouseholderQR(a).solve(b)
        case .real:
            var a = Matrix(rows: n, columns: 1 + m)
            var b = [Double](repeating: 0, count: n)
            for i in 0..<n {
                let w = weights[i]
                a[i, 0] = w
                for k in 0..<m {
                    let x = omegas[i] * tau[k]
                    a[i, k + 1] = w / (1 + x * x)
                }
                b[i] = spectrum.impedance[i].real * w
            }
            guard var solution = try? HouseholderQR(a).solve(b) else { return nil }
            guard extras > 0 else { return solution }
            // L and 1/C from what the RC elements leave of Z''.
            var c = Matrix(rows: n, columns: extras)
            var rest = [Double](repeating: 0, count: n)
            for i in 0..<n {
                let w = weights[i]
                let omega = omegas[i]
                var modelImaginary = 0.0
                for k in 0..<m {
                    let x = omega * tau[k]
                    modelImaginary -= solution[k + 1] * x / (1 + x * x)
                }
                rest[i] = (spectrum.impedance[i].imaginary - modelImaginary) * w
                var column = 0
                if includeInductance { c[i, column] = omega * w; column += 1 }
                if includeCapacitance { c[i, column] = -w / omega }
            }
            guard let tail = try? HouseholderQR(c).solve(rest) else { return nil }
            solution += tail
            return solution
        }
    }
}

extension LinKK {
    /// The lin-KK test with the extra series elements the data call for: an inductance when the
    /// highest-frequency point is inductive (Z'' > 0), a capacitance when the lowest-frequency
    /// point is nearly purely capacitive (−Z'' > 5 Z', blocking electrodes). Used by `kk(data)`,
    /// `cell kk` and the check before fits, so all three agree.
    public static func automatic(_ spectrum: ImpedanceSpectrum) -> KKResult {
        let options = automaticOptions(spectrum)
        return test(spectrum, includeInductance: options.inductance, includeCapacitance: options.capacitance)
    }

    /// Which series elements ``automatic(_:)`` adds: an inductance when the highest-frequency
    /// point is inductive, a capacitance when the lowest-frequency point ends a capacitive spike.
    public static func automaticOptions(_ spectrum: ImpedanceSpectrum) -> (inductance: Bool, capacitance: Bool) {
        let f = spectrum.frequencies, z = spectrum.impedance
        let top = f.indices.max { f[$0] < f[$1] }, bottom = f.indices.min { f[$0] < f[$1] }
        let inductive = top.map { z[$0].imaginary > 0 } ?? false
        let capacitive = bottom.map { -z[$0].imaginary > capacitiveTailRatio * abs(z[$0].real) } ?? false
        return (inductive, capacitive)
    }

    /// −Z''/Z' at the lowest frequency above which the data end in a capacitive spike.
    public static let capacitiveTailRatio = 5.0

    /// Fraction of the log-frequency span at each end treated as the band edge.
    public static let edgeFraction = 0.1

    /// Points whose |Δ| exceeds ``exclusionThreshold`` away from the band edges: an arc partly
    /// outside the band has a time constant outside τ ∈ [1/ω_max, 1/ω_min], which lin-KK cannot
    /// represent, and that distorts the residuals in the outer tenth (log scale) of the band even
    /// for exact data; outliers further in point at drift or noise.
    public static func innerFailures(_ result: KKResult) -> [Int] {
        let logs = result.frequencies.map { Double.log10($0) }
        // Below the exclusion threshold lin-KK's fixed τ grid itself leaves residuals of a few
        // per cent on exact data with an arc outside the band, so only larger ones count.
        let bad = result.outliers
        guard let lo = logs.min(), let hi = logs.max(), hi > lo else { return bad }
        let margin = edgeFraction * (hi - lo)
        return bad.filter { logs[$0] > lo + margin && logs[$0] < hi - margin }
    }
}
