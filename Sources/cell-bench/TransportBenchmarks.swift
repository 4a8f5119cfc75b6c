// Transport model (issue: 10 CC–CV cycles of the Chen2020 cell, ≥ 20× faster than PyBaMM's SPM on
// the same protocol and parameters). Register from main.swift with `registerTransportBenchmarks()`
// before `Benchmark.main()`; run from the repository root so the PyBaMM fixture is found
// (Tests/CellPhysicsTests/Fixtures/pybamm/spm_chen2020.json, docs/scripts/pybamm_spm_chen2020.py).
import Benchmark
import CellPhysics
import Foundation

enum TransportBenchmarkCells {
    static let fixturePath = "Tests/CellPhysicsTests/Fixtures/pybamm/spm_chen2020.json"

    /// Chen2020 with an ideal electrolyte and ideal interfaces (as in TransportPyBaMMTests).
    static func chen2020() -> CellModel? {
        guard let data = FileManager.default.contents(atPath: fixturePath),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let area = json["area"] as? Double, let nominal = json["nominal_capacity_Ah"] as? Double,
              let temperature = json["temperature"] as? Double else { return nil }
        func electrode(_ key: String, density: Double) -> LayerModel? {
            guard let p = json[key] as? [String: Any], let xs = p["ocp_x"] as? [Double], let us = p["ocp_u"] as? [Double],
                  let cMax = p["max_concentration"] as? Double, let d = p["diffusivity"] as? Double,
                  let r = p["particle_radius"] as? Double, let x0 = p["initial_fraction"] as? Double,
                  let k0 = p["rate_constant"] as? Double, let l = p["thickness"] as? Double,
                  let eps = p["active_volume_fraction"] as? Double else { return nil }
            var m = MaterialModel(identifier: key, name: key, kind: .active)
            m.ocp = .table(x: xs, u: us)
            m.maxConcentration = cMax
            m.density = density
            m.diffusivity = ThermalParameter(d, law: .simple)
            m.particleRadius = r
            m.initialLiFraction = x0
            m.rateConstant = ThermalParameter(k0, law: .simple)
            m.rateBasis = nominal * 3600 / (l * area * eps * density)
            var layer = LayerModel(name: key, material: m)
            layer.thickness = l
            layer.activeFraction = eps
            return layer
        }
        guard let negative = electrode("negative", density: 2260), let positive = electrode("positive", density: 4870) else {
            return nil
        }
        var electrolyte = MaterialModel(identifier: "ideal", name: "ideal electrolyte", kind: .electrolyte)
        electrolyte.ionicConductivity = ThermalParameter(1e12, law: .conductivity)
        var separator = LayerModel(name: "separator", material: electrolyte)
        separator.thickness = 12e-6
        var left = InterfaceModel(left: "negative", right: "separator")
        left.capacitance = 0
        var right = InterfaceModel(left: "separator", right: "positive")
        right.capacitance = 0
        return CellModel(name: "chen2020", area: area, temperature: temperature,
                         layers: [negative, separator, positive], interfaces: [left, right])
    }

    /// 10 × (1 C discharge to 2.5 V, 10 min rest, 1 C charge to 4.2 V, hold 4.2 V until C/50).
    static let cccv = ProtocolModel(name: "cccv", steps: [.repeatCount(10, [
        .current(.discharge, .cRate(1), limits: [.voltage(2.5)]),
        .rest(limits: [.duration(600)]),
        .current(.charge, .cRate(1), limits: [.voltage(4.2)]),
        .hold(voltage: 4.2, limits: [.current(.cRate(1.0 / 50))]),
    ])])

    static func tenCycles(_ cell: CellModel) throws -> SimulationResult {
        try TransportModel.simulate(cccv, on: cell, runner: ProtocolRunner(impedance: nil))
    }
}

/// Registers the transport benchmark and prints a direct timing with the per-cycle capacities.
func registerTransportBenchmarks() {
    guard let cell = TransportBenchmarkCells.chen2020() else {
        print("transport benchmark skipped: \(TransportBenchmarkCells.fixturePath) not found (run from the repository root)")
        return
    }
    benchmark("transport: Chen2020 10 CC-CV cycles (1 C, rest 10 min, CV to C/50)") {
        _ = try TransportBenchmarkCells.tenCycles(cell)
    }
    let clock = ContinuousClock()
    var best = Duration.seconds(1e9)
    var result: SimulationResult?
    for _ in 0..<10 {
        let elapsed = clock.measure { result = try? TransportBenchmarkCells.tenCycles(cell) }
        best = min(best, elapsed)
    }
    if let result, let mass = try? TransportModel(cell: cell).activeMass {
        let amphours = result.cycles.map { String(format: "%.4f", $0.dischargeCapacity * mass / 3600) }
        print("transport 10 CC-CV cycles: best of 10 \(best), \(result.series.count) samples, "
            + "discharge capacities (A·h): \(amphours.joined(separator: " "))")
    }
}
