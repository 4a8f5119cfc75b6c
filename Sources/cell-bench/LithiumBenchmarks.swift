// Symmetric Li-metal cells (issue 6): 2000 h of 0.5 mA/cm² cycling with 1 h half-cycles must take
// under a second, and a CCD staircase. Register from main.swift with `registerLithiumBenchmarks()`
// before `Benchmark.main()`. Cells follow docs/models/lithium-metal.md (RT-MCL and bare LLZ of [seed-001]).
import Benchmark
import CellPhysics

enum LithiumBenchmarkCells {
    static func material(_ id: String, _ kind: MaterialKind) -> MaterialModel { MaterialModel(identifier: id, name: id, kind: kind) }

    static func layer(_ name: String, _ material: MaterialModel, thickness: Double, interlayer: Bool = false) -> LayerModel {
        var layer = LayerModel(name: name, isInterlayer: interlayer, material: material)
        layer.thickness = thickness
        return layer
    }

    /// Li | [RT-MCL] | LLZ 0.5 mm | [RT-MCL] | Li, 1 cm discs, 25 °C.
    static func chenCell(withMCL: Bool) -> CellModel {
        var li = material("Li", .metal)
        li.ocp = .constant(0)
        li.hardness = 5e6
        var llz = material("LLZ", .electrolyte)
        llz.ionicConductivity = ThermalParameter(7.51e-2, at: 298.15, activationEnergy: 0.36, law: .conductivity)
        llz.electronicConductivity = ThermalParameter(9.6e-6, law: .conductivity)
        var mcl = material("RT_MCL", .coating)
        mcl.vacancyDiffusivity = 2.0e-12
        mcl.electronicConductivity = ThermalParameter(2.7e-10, law: .conductivity)
        var layers = [layer("anode", li, thickness: 450e-6)]
        if withMCL { layers.append(layer("mcl1", mcl, thickness: 130e-9, interlayer: true)) }
        layers.append(layer("separator", llz, thickness: 0.5e-3))
        if withMCL { layers.append(layer("mcl2", mcl, thickness: 130e-9, interlayer: true)) }
        layers.append(layer("cathode", li, thickness: 450e-6))
        return CellModel(name: "symmetric", area: Double.pi * 0.005 * 0.005, temperature: 298.15, pressure: 0, layers: layers)
    }

    static var parameters: LithiumMetalParameters {
        var p = LithiumMetalParameters()
        p.materialExtras = ["RT_MCL": ["contact_density": 1.4e11]]
        return p
    }

    /// `repeat 1000 { plate at 0.5 mA/cm^2 for 1 h; strip at 0.5 mA/cm^2 for 1 h }`
    static func cycle2000Hours() throws -> SimulationResult {
        var model = try SymmetricCellModel(cell: chenCell(withMCL: true), parameters: parameters)
        let j = 5.0   // A/m² = 0.5 mA/cm²
        let steps: [StepModel] = [.repeatCount(1000, [.current(.plate, .density(j), limits: [.duration(3600)]),
                                                       .current(.strip, .density(j), limits: [.duration(3600)])])]
        var result = try ProtocolRunner(impedance: nil).run(ProtocolModel(name: "plating", steps: steps), on: &model)
        model.appendResults(to: &result)
        return result
    }

    /// `ccd from 0.1 mA/cm^2 to 2.5 mA/cm^2 step 0.1 mA/cm^2, 10 min per half-cycle` on bare LLZ
    /// with the short disabled by a long propagation time (all 25 steps run).
    static func staircase() throws -> SimulationResult {
        var p = parameters
        p.propagationTime = 1e9
        var model = try SymmetricCellModel(cell: chenCell(withMCL: false), parameters: p)
        let steps: [StepModel] = [.ccd(from: 1, to: 25, step: 1, duration: 600, perHalfCycle: true)]
        return try ProtocolRunner(impedance: nil).run(ProtocolModel(name: "ccd", steps: steps), on: &model)
    }
}

/// Registers the symmetric-cell benchmarks in the default suite and prints one direct timing of
/// the 2000 h case (the target: under one second).
func registerLithiumBenchmarks() {
    benchmark("symmetric cell: 2000 h at 0.5 mA/cm^2, 1 h half-cycles") {
        _ = try LithiumBenchmarkCells.cycle2000Hours()
    }
    benchmark("symmetric cell: CCD staircase 0.1 -> 2.5 mA/cm^2, 25 steps") {
        _ = try LithiumBenchmarkCells.staircase()
    }
    let clock = ContinuousClock()
    var samples = 0
    let elapsed = clock.measure { samples = (try? LithiumBenchmarkCells.cycle2000Hours())?.series.count ?? 0 }
    print("symmetric cell 2000 h: \(samples) samples in \(elapsed)")
}
