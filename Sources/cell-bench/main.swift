// In-process benchmarks (`make bench`). Results and the machine are recorded in
// docs/performance.md. Run from the repository root so the impedance.py fixture is found.
import Benchmark
import CellNumerics
import ComplexModule
import Foundation
import RealModule

/// Frequencies for the throughput benchmarks: 1 MHz → 1 mHz, 10 per decade (91 points).
let sweep = (try? EISTable.frequencies(from: 1e6, to: 1e-3, perDecade: 10)) ?? [1]

/// A circuit with every kind of element impedance.py has plus the sphere (17 elements).
let everyElementText = "L0-R0-p(R1,CPE1)-p(R2-Wo1,C2)-p(R3-Ws1,CPE3)-G1-Gs1-K1-Zarc1-La1-W1-Sph1"
let everyElementParameters: [Double] = [
    1e-7, 10, 100, 2e-6, 0.85, 300, 90, 4, 1e-4, 50, 40, 0.5, 3e-5, 0.9, 25, 0.05, 60, 0.02, 1.7,
    45, 1e-3, 70, 5e-3, 0.78, 1e-6, 0.9, 12, 40, 20,
]
let twoArcText = "R0-p(R1,CPE1)-p(R2-Wo1,C2)"
let twoArcParameters: [Double] = [15, 120, 2e-6, 0.88, 300, 90, 4, 1e-4]

func throughputBenchmark(_ name: String, circuit text: String, parameters: [Double]) {
    guard let circuit = try? Circuit(parsing: text) else { return }
    let program = CircuitProgram(circuit)
    var output = [Complex<Double>](repeating: .zero, count: sweep.count)
    var workspace = [Complex<Double>](repeating: .zero, count: 2 * program.nodeCount)
    func run() {
        parameters.withUnsafeBufferPointer { p in
            sweep.withUnsafeBufferPointer { f in
                output.withUnsafeMutableBufferPointer { out in
                    workspace.withUnsafeMutableBufferPointer { work in
                        program.evaluate(parameters: p, frequencies: f, into: out, workspace: work)
                    }
                }
            }
        }
    }
    benchmark(name) { run() }
    // Direct throughput figure: best of 20 batches of 200 sweeps.
    let clock = ContinuousClock()
    var best = Duration.seconds(1e9)
    for _ in 0..<20 {
        let elapsed = clock.measure { for _ in 0..<200 { run() } }
        best = min(best, elapsed)
    }
    let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) * 1e-18
    let rate = Double(program.elementCount * sweep.count * 200) / seconds
    print("\(name): \(program.elementCount) elements x \(sweep.count) frequencies, "
        + "\(String(format: "%.3g", rate)) element·frequency evaluations/s (best batch)")
}

throughputBenchmark("eval 17 elements x 91 f", circuit: everyElementText, parameters: everyElementParameters)
throughputBenchmark("eval R0-p(R1,CPE1)-p(R2-Wo1,C2) x 91 f", circuit: twoArcText, parameters: twoArcParameters)

if let circuit = try? Circuit(parsing: twoArcText) {
    let program = CircuitProgram(circuit)
    benchmark("eval + jacobian R0-p(R1,CPE1)-p(R2-Wo1,C2) x 91 f") {
        _ = try program.impedanceAndJacobian(parameters: twoArcParameters, frequencies: sweep)
    }
}

/// The 9-parameter benchmark spectrum (71 points, 0.5 % noise) from the impedance.py fixture, so
/// both tools fit identical data; falls back to regenerating it without noise.
struct BenchSpectrum {
    var circuit = "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3"
    var guess: [Double] = [15, 100, 1e-6, 0.9, 500, 1e-4, 0.8, 5e-3, 0.9]
    var spectrum: ImpedanceSpectrum
    var source: String

    static func load() -> BenchSpectrum {
        let path = "Tests/CellNumericsTests/Fixtures/impedance_py_fits.json"
        if let data = FileManager.default.contents(atPath: path),
           let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
           let cases = root["cases"] as? [[String: Any]],
           let entry = cases.first(where: { $0["label"] as? String == "bench-9-parameter" }),
           let f = entry["frequencies"] as? [Double], let re = entry["real"] as? [Double],
           let im = entry["imag"] as? [Double], f.count == re.count, f.count == im.count {
            return BenchSpectrum(spectrum: ImpedanceSpectrum(frequencies: f, impedance: zip(re, im).map { Complex($0, $1) }),
                                 source: path)
        }
        let f = (try? EISTable.frequencies(from: 1e6, to: 0.1, perDecade: 10)) ?? [1]
        let truth = [20.0, 150, 2e-6, 0.85, 800, 5e-4, 0.75, 1e-2, 0.9]
        let z = (try? Circuit(parsing: "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3").impedance(parameters: truth, frequencies: f)) ?? []
        return BenchSpectrum(spectrum: ImpedanceSpectrum(frequencies: f, impedance: z), source: "regenerated (no noise)")
    }
}

let bench = BenchSpectrum.load()
var singleStart = CircuitFitOptions()
singleStart.maxStarts = 1

benchmark("fit 9 params x 71 points, automatic multi-start") {
    _ = try CircuitFitter.fit(circuit: bench.circuit, data: bench.spectrum)
}
benchmark("fit 9 params x 71 points, from guess, 1 start") {
    _ = try CircuitFitter.fit(circuit: bench.circuit, data: bench.spectrum, initialGuess: bench.guess, options: singleStart)
}
benchmark("lin-KK 71 points") {
    _ = LinKK.test(bench.spectrum)
}

/// Backward-Euler/BDF2 on a 30-shell diffusion problem (tridiagonal Jacobian), one hour.
struct ShellDiffusion: ImplicitSystem {
    var dimension: Int { 30 }
    var jacobianStructure: JacobianStructure { .banded(lower: 1, upper: 1) }
    func derivative(t: Double, y: [Double], into dydt: inout [Double]) throws {
        let rate = 1e-2
        for i in 0..<30 {
            var flux = 0.0
            if i > 0 { flux += y[i - 1] - y[i] }
            if i < 29 { flux += y[i + 1] - y[i] } else { flux -= 1e-3 }
            dydt[i] = rate * flux
        }
    }
}

benchmark("BDF2 30-cell diffusion, 1 h") {
    var stepper = try TimeStepper(system: ShellDiffusion(), t0: 0, y0: [Double](repeating: 1, count: 30))
    _ = try stepper.step(to: 3600)
}

if let result = try? CircuitFitter.fit(circuit: bench.circuit, data: bench.spectrum) {
    print("bench spectrum: \(bench.source)")
    print("multi-start fit: chi2 = \(result.chi2), starts = \(result.starts), iterations = \(result.iterations)")
    print(result.table())
}
if let single = try? CircuitFitter.fit(circuit: bench.circuit, data: bench.spectrum, initialGuess: bench.guess,
                                       options: singleStart) {
    print("single-start fit from guess: chi2 = \(single.chi2), iterations = \(single.iterations)")
}

registerLithiumBenchmarks()
registerTransportBenchmarks()
Benchmark.main()
