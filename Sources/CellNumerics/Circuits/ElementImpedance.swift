import ComplexModule
import RealModule

// Element impedances and their parameter derivatives (see PHYSICS.md §2 and impedance.py
// `elements.py`). These are the inner-loop kernels: no allocation, parameters read from a pointer.

extension CircuitElementKind {
    /// Impedance in ohm at angular frequency `omega` (rad/s, > 0); `logOmega` = ln ω.
    /// Parameters are read from `p[0..<parameterCount]`. Non-physical parameters (zero C, Q)
    /// give infinite or NaN components rather than traps.
    @inlinable
    public func impedance(_ p: UnsafePointer<Double>, omega: Double, logOmega: Double) -> Complex<Double> {
        switch self {
        case .resistor:
            return Complex(p[0])
        case .capacitor:
            return Complex(0, -1 / (omega * p[0]))
        case .inductor:
            return Complex(0, omega * p[0])
        case .constantPhase:
            // 1/(Q (jω)^n) = (1/Q)·(jω)^(−n)
            let z = ComplexKernels.powerOfJOmega(logOmega: logOmega, exponent: -p[1])
            return z.divided(by: p[0])
        case .warburg:
            let scale = p[0] / Double.sqrt(omega)
            return Complex(scale, -scale)
        case .warburgReflective:
            let u = Complex.sqrt(Complex(0, omega * p[1]))
            return ComplexKernels.reciprocal(u * Complex.tanh(u)).multiplied(by: p[0])
        case .warburgTransmissive:
            let u = Complex.sqrt(Complex(0, omega * p[1]))
            return (Complex.tanh(u) / u).multiplied(by: p[0])
        case .gerischer:
            let v = Complex.sqrt(Complex(1, omega * p[1]))
            return ComplexKernels.reciprocal(v).multiplied(by: p[0])
        case .finiteGerischer:
            let v = Complex.sqrt(Complex(1, omega * p[1]))
            return ComplexKernels.reciprocal(v * Complex.tanh(v.multiplied(by: p[2]))).multiplied(by: p[0])
        case .voigt:
            return ComplexKernels.reciprocal(Complex(1, omega * p[1])).multiplied(by: p[0])
        case .zarc:
            let q = Complex.pow(Complex(0, omega * p[1]), Complex(p[2]))
            return ComplexKernels.reciprocal(Complex(1) + q).multiplied(by: p[0])
        case .modifiedInductance:
            return Complex.pow(Complex(0, omega * p[0]), Complex(p[1]))
        case .sphericalDiffusion:
            let x = Complex.sqrt(Complex(0, omega * p[1]))
            let t = Complex.tanh(x)
            return (t / ComplexKernels.tanhDefect(x, tanh: t)).multiplied(by: p[0])
        }
    }

    /// Impedance (returned) and its derivatives ∂Z/∂p_k written to `gradient[0..<parameterCount]`
    /// (ohm per parameter unit). Same conventions as ``impedance(_:omega:logOmega:)``.
    @inlinable
    public func impedance(
        _ p: UnsafePointer<Double>, omega: Double, logOmega: Double,
        gradient g: UnsafeMutablePointer<Complex<Double>>
    ) -> Complex<Double> {
        switch self {
        case .resistor:
            g[0] = Complex(1)
            return Complex(p[0])
        case .capacitor:
            // Z = −j/(ωC), ∂Z/∂C = j/(ωC²)
            g[0] = Complex(0, 1 / (omega * p[0] * p[0]))
            return Complex(0, -1 / (omega * p[0]))
        case .inductor:
            g[0] = Complex(0, omega)
            return Complex(0, omega * p[0])
        case .constantPhase:
            let z = ComplexKernels.powerOfJOmega(logOmega: logOmega, exponent: -p[1]).divided(by: p[0])
            g[0] = -z.divided(by: p[0])
            g[1] = -(z * Complex(logOmega, Double.pi / 2))
            return z
        case .warburg:
            let unit = 1 / Double.sqrt(omega)
            g[0] = Complex(unit, -unit)
            return Complex(p[0] * unit, -p[0] * unit)
        case .warburgReflective:
            // h(u) = 1/(u tanh u); dh/du = −(t + u(1 − t²))/(u t)²; du/dτ = u/(2τ)
            let u = Complex.sqrt(Complex(0, omega * p[1]))
            let t = Complex.tanh(u)
            let ut = u * t
            let h = ComplexKernels.reciprocal(ut)
            let dh = -(t + u * (Complex(1) - t * t)) * h * h
            g[0] = h
            g[1] = (dh * u).multiplied(by: p[0] / (2 * p[1]))
            return h.multiplied(by: p[0])
        case .warburgTransmissive:
            // h(u) = tanh(u)/u; dh/du = ((1 − t²)u − t)/u² = ((u − t) − t²u)/u²
            let u = Complex.sqrt(Complex(0, omega * p[1]))
            let t = Complex.tanh(u)
            let h = t / u
            let defect = ComplexKernels.tanhDefect(u, tanh: t)
            let dh = (defect - t * t * u) / (u * u)
            g[0] = h
            g[1] = (dh * u).multiplied(by: p[0] / (2 * p[1]))
            return h.multiplied(by: p[0])
        case .gerischer:
            let v2 = Complex(1, omega * p[1])
            let h = ComplexKernels.reciprocal(Complex.sqrt(v2))
            let z = h.multiplied(by: p[0])
            g[0] = h
            g[1] = -(z * Complex(0, omega) / v2).divided(by: 2)
            return z
        case .finiteGerischer:
            // Z = R/(v T), v = √(1 + jωt), T = tanh(φv)
            let v = Complex.sqrt(Complex(1, omega * p[1]))
            let t = Complex.tanh(v.multiplied(by: p[2]))
            let vt = v * t
            let z = ComplexKernels.reciprocal(vt).multiplied(by: p[0])
            let sech2 = Complex(1) - t * t
            g[0] = ComplexKernels.reciprocal(vt)
            g[2] = -(sech2 / (t * t)).multiplied(by: p[0])
            let dZdv = -((t + v.multiplied(by: p[2]) * sech2) / (vt * vt)).multiplied(by: p[0])
            g[1] = dZdv * Complex(0, omega) / v.multiplied(by: 2)
            return z
        case .voigt:
            let d = ComplexKernels.reciprocal(Complex(1, omega * p[1]))
            g[0] = d
            g[1] = -(d * d * Complex(0, omega)).multiplied(by: p[0])
            return d.multiplied(by: p[0])
        case .zarc:
            let logJOmegaTau = Complex(Double.log(omega * p[1]), Double.pi / 2)
            let q = Complex.exp(logJOmegaTau.multiplied(by: p[2]))
            let d = ComplexKernels.reciprocal(Complex(1) + q)
            let dZdq = -(d * d).multiplied(by: p[0])
            g[0] = d
            g[1] = dZdq * q.multiplied(by: p[2] / p[1])
            g[2] = dZdq * q * logJOmegaTau
            return d.multiplied(by: p[0])
        case .modifiedInductance:
            let logJOmegaL = Complex(Double.log(omega * p[0]), Double.pi / 2)
            let z = Complex.exp(logJOmegaL.multiplied(by: p[1]))
            g[0] = z.multiplied(by: p[1] / p[0])
            g[1] = z * logJOmegaL
            return z
        case .sphericalDiffusion:
            // g(x) = t/(x − t); dg/dx = ((x − t) − t²x)/(x − t)²; dx/dτ = x/(2τ)
            let x = Complex.sqrt(Complex(0, omega * p[1]))
            let t = Complex.tanh(x)
            let defect = ComplexKernels.tanhDefect(x, tanh: t)
            let h = t / defect
            let dh = (defect - t * t * x) / (defect * defect)
            g[0] = h
            g[1] = (dh * x).multiplied(by: p[0] / (2 * p[1]))
            return h.multiplied(by: p[0])
        }
    }
}
