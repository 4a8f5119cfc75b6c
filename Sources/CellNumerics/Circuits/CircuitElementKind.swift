import ComplexModule
import RealModule

/// The kinds of equivalent-circuit element, with impedance.py's formulas and parameter order
/// (`impedance/models/circuits/elements.py`, impedance.py 1.7) plus a spherical diffusion element
/// (see PHYSICS.md §2). Throughout, ω = 2πf in rad/s and j² = −1.
///
/// The warburg cases are named by boundary condition. impedance.py's labels map as
/// `Wo` ("open") → ``warburgReflective`` (coth) and `Ws` ("short") → ``warburgTransmissive`` (tanh).
public enum CircuitElementKind: String, Sendable, CaseIterable, Hashable {
    /// `R`: Z = R. Parameter R (ohm).
    case resistor = "R"
    /// `C`: Z = 1/(jωC). Parameter C (F).
    case capacitor = "C"
    /// `L`: Z = jωL. Parameter L (H).
    case inductor = "L"
    /// `CPE`: Z = 1/[Q (jω)ⁿ]. Parameters Q (S·sⁿ), n (dimensionless, 0 < n ≤ 1).
    case constantPhase = "CPE"
    /// `W`: semi-infinite Warburg, Z = A_W (1 − j)/√ω. Parameter A_W (ohm·s^-1/2).
    case warburg = "W"
    /// `Wo`: finite-length Warburg with a reflective (blocking, "open") end,
    /// Z = Z0 coth(√(jωτ))/√(jωτ). Parameters Z0 (ohm), τ (s). Low f: Z0/3 + Z0/(jωτ).
    case warburgReflective = "Wo"
    /// `Ws`: finite-length Warburg with a transmissive ("short") end,
    /// Z = Z0 tanh(√(jωτ))/√(jωτ). Parameters Z0 (ohm), τ (s). Tends to Z0 at DC.
    case warburgTransmissive = "Ws"
    /// `G`: Gerischer, Z = R_G/√(1 + jωt_G). Parameters R_G (ohm), t_G (s).
    case gerischer = "G"
    /// `Gs`: finite-length Gerischer, Z = R_G/[√(1 + jωt_G) tanh(φ√(1 + jωt_G))].
    /// Parameters R_G (ohm), t_G (s), φ (dimensionless).
    case finiteGerischer = "Gs"
    /// `K`: a Voigt (R‖C) element written with its time constant, Z = R/(1 + jωτ_k).
    /// Parameters R (ohm), τ_k (s).
    case voigt = "K"
    /// `Zarc`: Z = R/[1 + (jωτ_k)^γ]. Parameters R (ohm), τ_k (s), γ (dimensionless).
    case zarc = "Zarc"
    /// `La`: modified inductance exactly as impedance.py writes it, Z = (L·jω)^α
    /// (note: α applies to L too). Parameters L (H·s as impedance.py labels it), α (dimensionless).
    case modifiedInductance = "La"
    /// `Sph` (CellScript extension, not in impedance.py): diffusion into a sphere with a reflective
    /// centre, Z = R_s tanh(x)/(x − tanh x), x = √(jωτ), τ = R_p²/D (see PHYSICS.md §2).
    /// Parameters R_s (ohm), τ (s). Low f: R_s/5 + 3R_s/(jωτ).
    case sphericalDiffusion = "Sph"

    /// The label prefix used in circuit strings (`R`, `CPE`, `Wo`, ...).
    public var symbol: String { rawValue }

    /// Number of parameters, as in impedance.py.
    public var parameterCount: Int {
        switch self {
        case .resistor, .capacitor, .inductor, .warburg: return 1
        case .constantPhase, .warburgReflective, .warburgTransmissive, .gerischer, .voigt,
             .modifiedInductance, .sphericalDiffusion: return 2
        case .finiteGerischer, .zarc: return 3
        }
    }

    /// Physical meaning of each parameter, in order.
    public var parameterSymbols: [String] {
        switch self {
        case .resistor: return ["R"]
        case .capacitor: return ["C"]
        case .inductor: return ["L"]
        case .constantPhase: return ["Q", "n"]
        case .warburg: return ["A_W"]
        case .warburgReflective, .warburgTransmissive: return ["Z0", "tau"]
        case .gerischer: return ["R_G", "t_G"]
        case .finiteGerischer: return ["R_G", "t_G", "phi"]
        case .voigt: return ["R", "tau_k"]
        case .zarc: return ["R", "tau_k", "gamma"]
        case .modifiedInductance: return ["L", "alpha"]
        case .sphericalDiffusion: return ["R_s", "tau"]
        }
    }

    /// Units of each parameter, in order (impedance.py's spelling).
    public var parameterUnits: [String] {
        switch self {
        case .resistor: return ["Ohm"]
        case .capacitor: return ["F"]
        case .inductor: return ["H"]
        case .constantPhase: return ["Ohm^-1 sec^a", ""]
        case .warburg: return ["Ohm sec^-1/2"]
        case .warburgReflective, .warburgTransmissive, .gerischer, .voigt, .sphericalDiffusion:
            return ["Ohm", "sec"]
        case .finiteGerischer, .zarc: return ["Ohm", "sec", ""]
        case .modifiedInductance: return ["H sec", ""]
        }
    }

    /// How a fit should parameterise each parameter by default: `true` for exponents that live in
    /// (0, 1] (CPE n, La α, Zarc γ), `false` for positive scale quantities fitted in log space.
    public var isExponent: [Bool] {
        switch self {
        case .constantPhase, .modifiedInductance: return [false, true]
        case .zarc: return [false, false, true]
        default: return Array(repeating: false, count: parameterCount)
        }
    }

    /// One-line description for listings.
    public var summary: String {
        switch self {
        case .resistor: return "resistor"
        case .capacitor: return "capacitor"
        case .inductor: return "inductor"
        case .constantPhase: return "constant-phase element"
        case .warburg: return "semi-infinite Warburg"
        case .warburgReflective: return "finite Warburg, reflective end (coth, impedance.py `Wo`)"
        case .warburgTransmissive: return "finite Warburg, transmissive end (tanh, impedance.py `Ws`)"
        case .gerischer: return "Gerischer"
        case .finiteGerischer: return "finite-length Gerischer"
        case .voigt: return "Voigt element R/(1 + jωτ)"
        case .zarc: return "ZARC element"
        case .modifiedInductance: return "modified inductance"
        case .sphericalDiffusion: return "spherical diffusion, reflective centre"
        }
    }

    /// Looks up a kind by its circuit-string symbol (case-sensitive, as impedance.py).
    public init?(symbol: String) {
        self.init(rawValue: symbol)
    }
}

/// Small complex helpers used by the element formulas.
@usableFromInline
enum ComplexKernels {
    /// Coefficients of (x − tanh x)/x³ as a series in x²: 1/3, −2/15, 17/315, ... (from the
    /// Bernoulli-number series of tanh). Used where x − tanh x cancels.
    @usableFromInline
    static let tanhDefectSeries: [Double] = [
        1.0 / 3.0, -2.0 / 15.0, 17.0 / 315.0, -62.0 / 2835.0, 1382.0 / 155925.0,
        -21844.0 / 6081075.0, 929569.0 / 638512875.0, -6404582.0 / 10854718875.0,
        443861162.0 / 1856156927625.0, -18888466084.0 / 194896477400625.0,
    ]

    /// Below this |x| the series for x − tanh x is used: ten terms reach double precision there
    /// (successive terms shrink by ≈ 0.405·|x|² ≤ 0.1).
    @usableFromInline
    static let tanhDefectSeriesRadius = 0.5

    /// x − tanh(x) without cancellation for small |x|; `t` is tanh(x) already computed.
    @inlinable
    static func tanhDefect(_ x: Complex<Double>, tanh t: Complex<Double>) -> Complex<Double> {
        guard x.length < tanhDefectSeriesRadius else { return x - t }
        let x2 = x * x
        var sum = Complex<Double>(tanhDefectSeries[tanhDefectSeries.count - 1])
        for index in stride(from: tanhDefectSeries.count - 2, through: 0, by: -1) {
            sum = sum * x2 + Complex(tanhDefectSeries[index])
        }
        return sum * x2 * x
    }

    /// 1/z computed directly (no rescaling): fine for impedances, whose magnitudes stay far
    /// from the overflow range; returns ±infinity components for z = 0.
    @inlinable
    static func reciprocal(_ z: Complex<Double>) -> Complex<Double> {
        let scale = 1 / (z.real * z.real + z.imaginary * z.imaginary)
        return Complex(z.real * scale, -z.imaginary * scale)
    }

    /// (jω)^a for real a and ω > 0, via ω^a·(cos aπ/2 + j sin aπ/2).
    @inlinable
    static func powerOfJOmega(logOmega: Double, exponent a: Double) -> Complex<Double> {
        let magnitude = Double.exp(a * logOmega)
        let phase = a * Double.pi / 2
        return Complex(magnitude * Double.cos(phase), magnitude * Double.sin(phase))
    }
}
