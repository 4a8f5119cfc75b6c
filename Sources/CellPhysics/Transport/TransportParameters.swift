import RealModule

// What the transport model needs from a CellModel, extracted once and checked (every missing
// field is a ModelError.missingField naming the material, the field and "transport model").

/// The model name used in error messages.
let transportModelName = "transport model"

/// Exchange current density of an electrode reaction (PHYSICS.md §4, §6), A/m².
enum ExchangeCurrent: Sendable {
    /// Per particle area: i0(x) = i0·2·√(x(1−x)), i0 given at x = ½ (LANGUAGE.md `i0`).
    case fractionScaled(ThermalParameter)
    /// Per particle area, PyBaMM convention with c_e folded in: i0 = k0·√(c_s(c_max − c_s))
    /// = k0·c_max·√(x(1−x)) (LANGUAGE.md `k0`).
    case rateConstant(ThermalParameter, maxConcentration: Double)
    /// Per geometric area, independent of x (an interface `i0`, e.g. Li metal).
    case constant(ThermalParameter)

    /// i0 (A/m² of the area it refers to) at Li fraction x and temperature t (K). x is clamped to
    /// [1e-9, 1 − 1e-9] so a Newton iterate outside the particle never gives NaN.
    func value(x: Double, temperature t: Double) -> Double {
        let xc = min(max(x, xClamp), 1 - xClamp)
        switch self {
        case .fractionScaled(let p): return p.value(at: t) * 2 * (xc * (1 - xc)).squareRoot()
        case .rateConstant(let p, let cMax): return p.value(at: t) * cMax * (xc * (1 - xc)).squareRoot()
        case .constant(let p): return p.value(at: t)
        }
    }
}

/// Keeps √(x(1−x)) finite and positive for iterates at or beyond the ends of the particle.
private let xClamp = 1e-9

/// One electrode (first or last layer).
struct ElectrodeParameters: Sendable {
    var layerName: String
    /// The material whose fields were used (for messages).
    var materialName: String
    var ocp: OpenCircuitPotential
    var isMetal: Bool
    /// Li fractions where the OCP is valid: table domain ∩ [x_min, x_max] ∩ [0, 1].
    var validRange: ClosedRange<Double>
    /// Intercalation: charge of the whole electrode per unit Li fraction, Q (C).
    var chargePerFraction: Double
    var particleRadius: Double
    var diffusivity: ThermalParameter
    var initialFraction: Double
    /// Particle surface area per cell area, S/A = 3·V_act/(R_p·A); nil when unknown.
    var surfaceRatio: Double?
    /// Kinetics from the active material (per particle area).
    var exchange: ExchangeCurrent?
    /// A coating shell on the particles: thickness (m) and ionic conductivity.
    var coating: (thickness: Double, conductivity: ThermalParameter)?
    /// kg of active material (0 for a metal).
    var activeMass: Double
    /// C/kg that 1 C means, and which field it came from.
    var rateBasis: (value: Double, field: String)?
    /// Metal: Li available for stripping (mol); nil is unlimited.
    var metalInventory: Double?
    var volumeChange: Double?
}

/// An ohmic contribution in series (PHYSICS.md §1–§3, §6), evaluated at a temperature.
enum OhmicTerm: Sendable {
    /// Bulk layer: L/σ.
    case layer(name: String, thickness: Double, conductivity: ThermalParameter)
    /// Brick-layer grain boundaries: (L/d)·δ/σ_gb (PHYSICS.md §2).
    case grainBoundaries(name: String, thickness: Double, grainSize: Double, boundary: Double,
                         conductivity: ThermalParameter)
    /// A composite layer: L/σ_eff with σ_eff from symmetric Bruggeman over the components
    /// (PHYSICS.md §3), times `factor` (1, or ⅓ for the DC transmission-line limit of a composite
    /// electrode, PHYSICS.md §6) and the conducting fraction raised to `exponent` (0 or 1.5).
    case composite(name: String, thickness: Double, phases: [(fraction: Double, conductivity: ThermalParameter)],
                   conductingFraction: Double, exponent: Double, factor: Double)

    var name: String {
        switch self {
        case .layer(let n, _, _), .grainBoundaries(let n, _, _, _, _), .composite(let n, _, _, _, _, _): return n
        }
    }

    /// The layer the term belongs to (`separator` for `separator.bulk`).
    var layer: String {
        guard let dot = name.lastIndex(of: ".") else { return name }
        return String(name[..<dot])
    }

    /// Ω·m² at temperature t (K).
    func asr(at t: Double) -> Double {
        switch self {
        case .layer(_, let l, let sigma): return l / sigma.value(at: t)
        case .grainBoundaries(_, let l, let d, let delta, let sigma): return l / d * delta / sigma.value(at: t)
        case .composite(_, let l, let phases, let phi, let exponent, let factor):
            let sigma = bruggeman(phases.map { ($0.fraction, $0.conductivity.value(at: t)) })
            return factor * l / (sigma * Double.pow(phi, exponent))
        }
    }
}

/// Symmetric Bruggeman effective conductivity of N phases: Σφᵢ(σᵢ − σ)/(σᵢ + 2σ) = 0
/// (PHYSICS.md §3), solved by bisection on log σ between the smallest and largest σᵢ. Fractions
/// are normalised; a single phase returns its own σ. Zero-conductivity phases are allowed (the
/// mixture percolates away at conductor fraction ⅓).
func bruggeman(_ phases: [(Double, Double)]) -> Double {
    let total = phases.reduce(0) { $0 + $1.0 }
    guard total > 0, let top = phases.map(\.1).max(), top > 0 else { return 0 }
    if phases.count == 1 { return phases[0].1 }
    func f(_ s: Double) -> Double { phases.reduce(0) { $0 + $1.0 / total * ($1.1 - s) / ($1.1 + 2 * s) } }
    var lo = max(phases.map(\.1).min() ?? 0, top * 1e-30), hi = top
    if f(lo) <= 0 { return lo }
    for _ in 0..<200 {
        let mid = (lo * hi).squareRoot()
        if f(mid) > 0 { lo = mid } else { hi = mid }
        if hi / lo - 1 < 1e-13 { break }
    }
    return (lo * hi).squareRoot()
}

/// An interface as an R‖C branch whose resistive path may carry Butler–Volmer kinetics.
struct InterfaceBranch: Sendable {
    /// `left|right`
    var name: String
    /// Ohmic (contact, coating) part, Ω·m²; nil is none.
    var asr: ThermalParameter?
    /// F/m² of cell area; 0 disables the double layer.
    var capacitance: Double
    /// 0 negative, 1 positive: the electrode whose Li flux this branch carries.
    var electrode: Int?
    /// Kinetics and the area they refer to per cell area (S/A for particles, 1 for geometric).
    var exchange: ExchangeCurrent?
    var exchangeAreaRatio: Double
    /// Particle-coating resistance referred to cell area, from the electrode (Ω·m² at t).
    var coating: (thickness: Double, conductivity: ThermalParameter, areaRatio: Double)?
    /// Ageing multiplier on `asr` (PHYSICS.md §8).
    var asrFactor = 1.0

    /// Ohmic part at t, Ω·m².
    func ohmicASR(at t: Double) -> Double {
        var r = (asr?.value(at: t) ?? 0) * asrFactor
        if let c = coating { r += c.thickness / c.conductivity.value(at: t) / c.areaRatio }
        return r
    }

    /// True when the branch can hold a voltage (otherwise it is a short and is dropped).
    var isActive: Bool { asr != nil || exchange != nil || coating != nil }
}

/// Double-layer capacitance when an interface does not give one: 10 µF/cm², the middle of the
/// sample–electrode range of PHYSICS.md §2 (1–10 µF/cm²) rounded up to a typical solid contact.
public let defaultDoubleLayerCapacitance = 0.1
