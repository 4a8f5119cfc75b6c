import ComplexModule
import RealModule
import XCTest

@testable import CellNumerics

final class CircuitElementTests: XCTestCase {
    private func z(_ circuit: String, _ parameters: [Double], _ frequency: Double) throws -> Complex<Double> {
        try Circuit(parsing: circuit).impedance(parameters: parameters, frequencies: [frequency])[0]
    }

    func testParallelRCApexFrequencyAndHeight() throws {
        let r = 250.0, c = 3e-6
        let f0 = 1 / (2 * Double.pi * r * c)
        let value = try z("p(R1,C1)", [r, c], f0)
        assertClose(-value.imaginary, r / 2, relative: 1e-12, "−Z'' at apex")
        assertClose(value.real, r / 2, relative: 1e-12, "Z' at apex")
        // The apex is the maximum of −Z'': neighbours are lower.
        XCTAssertLessThan(-(try z("p(R1,C1)", [r, c], f0 * 1.01)).imaginary, -value.imaginary)
        XCTAssertLessThan(-(try z("p(R1,C1)", [r, c], f0 / 1.01)).imaginary, -value.imaginary)
    }

    func testCPEPhaseIsMinusNPiOverTwo() throws {
        for n in [0.5, 0.8, 0.93, 1.0] {
            for f in [1e-2, 1.0, 1e5] {
                let value = try z("CPE1", [2e-5, n], f)
                assertClose(Complex.log(value).imaginary, -n * Double.pi / 2, relative: 1e-12, "phase n=\(n)")
                assertClose(value.length, 1 / (2e-5 * Double.pow(2 * Double.pi * f, n)), relative: 1e-12, "|Z|")
            }
        }
    }

    func testWarburgIs45Degrees() throws {
        for f in [1e-3, 1.0, 1e4] {
            let value = try z("W1", [35], f)
            assertClose(value.imaginary, -value.real, relative: 1e-14, "Z'' = −Z'")
            assertClose(value.real, 35 / (2 * Double.pi * f).squareRoot(), relative: 1e-14, "Z'")
        }
    }

    func testTransmissiveWarburgLimits() throws {
        let z0 = 80.0, tau = 0.7
        assertClose(try z("Ws1", [z0, tau], 1e-9), Complex(z0), relative: 1e-8, "DC limit R")
        // High f: Z0/√(jωτ).
        let f = 1e6
        let expected = Complex(z0) / Complex.sqrt(Complex(0, 2 * Double.pi * f * tau))
        assertClose(try z("Ws1", [z0, tau], f), expected, relative: 1e-12, "high-f Warburg")
    }

    func testReflectiveWarburgLimits() throws {
        let z0 = 120.0, tau = 2.5
        for f in [1e-7, 1e-6] {
            let omega = 2 * Double.pi * f
            // Low f: R/3 + 1/(jωC_L), C_L = τ/R.
            let expected = Complex(z0 / 3) + ComplexKernels.reciprocal(Complex(0, omega * tau / z0))
            let observed = try z("Wo1", [z0, tau], f)
            assertClose(observed.real, z0 / 3, relative: 1e-6, "low-f real part R/3")
            assertClose(observed, expected, relative: 1e-9, "low-f impedance")
        }
        let f = 1e6
        let expected = Complex(z0) / Complex.sqrt(Complex(0, 2 * Double.pi * f * tau))
        assertClose(try z("Wo1", [z0, tau], f), expected, relative: 1e-12, "high-f Warburg")
    }

    func testSphereLowFrequencyLimit() throws {
        let rs = 40.0, tau = 2500.0
        for f in [1e-9, 1e-8] {
            let omega = 2 * Double.pi * f
            let expected = Complex(rs / 5) + ComplexKernels.reciprocal(Complex(0, omega * tau)).multiplied(by: 3 * rs)
            let observed = try z("Sph1", [rs, tau], f)
            assertClose(observed.real, rs / 5, relative: 1e-5, "low-f real part R_s/5")
            assertClose(observed, expected, relative: 1e-9, "low-f impedance")
        }
        // Across the series/direct switch (|x| = 0.5) the value is continuous.
        let fSwitch = 0.25 / (2 * Double.pi * tau)
        let below = try z("Sph1", [rs, tau], fSwitch * (1 - 1e-9))
        let above = try z("Sph1", [rs, tau], fSwitch * (1 + 1e-9))
        assertClose(below, above, relative: 1e-8, "continuity at the series radius")
    }

    func testGerischerAndVoigtForms() throws {
        let f = 3.0, omega = 2 * Double.pi * 3.0
        assertClose(try z("G1", [60, 0.02], f), Complex(60) / Complex.sqrt(Complex(1, omega * 0.02)),
                    relative: 1e-14, "Gerischer")
        assertClose(try z("K1", [45, 1e-3], f), Complex(45) / Complex(1, omega * 1e-3), relative: 1e-14, "K")
    }

    /// Analytic Jacobian against central differences for every element kind.
    func testAnalyticJacobianMatchesFiniteDifferences() throws {
        let cases: [(String, [Double])] = [
            ("R0-p(R1,CPE1)-p(R2-Wo1,C2)", [15, 120, 2e-6, 0.88, 300, 90, 4, 1e-4]),
            ("L0-R0-p(R1,C1)-W1", [1e-7, 8, 50, 1e-6, 12]),
            ("p(R1-Ws1,CPE1)-G1", [40, 200, 0.3, 3e-5, 0.92, 25, 0.05]),
            ("R0-p(R1-p(R2,C2),CPE1)-K1-La1", [5, 30, 60, 1e-7, 2e-6, 0.8, 10, 1e-2, 3e-7, 0.95]),
            ("Zarc1-Gs1-Sph1", [70, 5e-3, 0.78, 60, 0.02, 1.7, 40, 20]),
            ("p(R1,C1,L1)", [100, 1e-6, 1e-3]),
        ]
        let frequencies = [1e5, 300, 2.0, 0.05, 1e-3]
        for (text, parameters) in cases {
            let program = CircuitProgram(try Circuit(parsing: text))
            let (values, jacobian) = try program.impedanceAndJacobian(parameters: parameters, frequencies: frequencies)
            let plain = try program.impedance(parameters: parameters, frequencies: frequencies)
            for i in frequencies.indices { assertClose(values[i], plain[i], relative: 1e-14, "\(text) value") }
            for k in parameters.indices {
                let h = 1e-6 * abs(parameters[k])
                var up = parameters, down = parameters
                up[k] += h
                down[k] -= h
                let zUp = try program.impedance(parameters: up, frequencies: frequencies)
                let zDown = try program.impedance(parameters: down, frequencies: frequencies)
                for i in frequencies.indices {
                    let numeric = (zUp[i] - zDown[i]).divided(by: 2 * h)
                    let analytic = jacobian[i * parameters.count + k]
                    // Central-difference noise is about ε|Z|/h; allow a margin over it.
                    let noise = 1e3 * Double.ulpOfOne * max(zUp[i].length, values[i].length) / h
                    let difference = (analytic - numeric).length
                    let error = difference / max(numeric.length, Double.leastNormalMagnitude)
                    XCTAssert(difference <= 1e-6 * numeric.length + noise, "\(text) ∂Z/∂\(program.parameterNames[k]) at \(frequencies[i]) Hz: "
                        + "expected \(numeric), observed \(analytic), relative error \(error)")
                }
            }
        }
    }
}
