import Foundation
import XCTest
@testable import CellPhysics

/// Cells and helpers shared by the transport tests.
enum TransportFixtures {
    /// The PyBaMM reference written by docs/scripts/pybamm_spm_chen2020.py, loaded relative to
    /// this file (no Package.swift resources needed).
    static func pybamm() throws -> [String: Any] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/pybamm/spm_chen2020.json")
        let data = try Data(contentsOf: url)
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ModelError.unsupported("fixture is not a JSON object")
        }
        return object
    }

    static func number(_ dict: [String: Any], _ key: String) throws -> Double {
        guard let v = dict[key] as? Double else { throw ModelError.unsupported("fixture lacks `\(key)`") }
        return v
    }

    static func numbers(_ dict: [String: Any], _ key: String) throws -> [Double] {
        guard let v = dict[key] as? [Double] else { throw ModelError.unsupported("fixture lacks `\(key)`") }
        return v
    }

    /// Chen2020 as a two-intercalation-electrode CellModel with an ideal electrolyte (σ = 10¹² S/m)
    /// and ideal interfaces (no ASR, no double layer): PyBaMM's SPM in CellScript terms.
    static func chen2020Cell() throws -> (cell: CellModel, json: [String: Any]) {
        let json = try pybamm()
        let area = try number(json, "area")
        func electrode(_ key: String, name: String, density: Double) throws -> LayerModel {
            guard let p = json[key] as? [String: Any] else { throw ModelError.unsupported("fixture lacks `\(key)`") }
            var m = MaterialModel(identifier: name, name: name, kind: .active)
            m.ocp = .table(x: try numbers(p, "ocp_x"), u: try numbers(p, "ocp_u"))
            m.maxConcentration = try number(p, "max_concentration")
            m.density = density
            m.diffusivity = ThermalParameter(try number(p, "diffusivity"), law: .simple)
            m.particleRadius = try number(p, "particle_radius")
            m.initialLiFraction = try number(p, "initial_fraction")
            m.rateConstant = ThermalParameter(try number(p, "rate_constant"), law: .simple)
            var layer = LayerModel(name: key, material: m)
            layer.thickness = try number(p, "thickness")
            layer.activeFraction = try number(p, "active_volume_fraction")
            return layer
        }
        let negative = try electrode("negative", name: "Graphite_Chen2020", density: 2260)
        var positive = try electrode("positive", name: "NMC811_Chen2020", density: 4870)
        // 1 C = the nominal 5 A·h, as in PyBaMM.
        let positiveMass = (positive.thickness ?? 0) * area * (positive.activeFraction ?? 0) * 4870
        positive.material.rateBasis = try number(json, "nominal_capacity_Ah") * 3600 / positiveMass
        var electrolyte = MaterialModel(identifier: "ideal", name: "ideal electrolyte", kind: .electrolyte)
        electrolyte.ionicConductivity = ThermalParameter(1e12, law: .conductivity)
        var separator = LayerModel(name: "separator", material: electrolyte)
        separator.thickness = 12e-6
        var left = InterfaceModel(left: "negative", right: "separator")
        left.capacitance = 0
        var right = InterfaceModel(left: "separator", right: "positive")
        right.capacitance = 0
        let cell = CellModel(name: "chen2020", area: area, temperature: try number(json, "temperature"),
                             layers: [negative, separator, positive], interfaces: [left, right])
        return (cell, json)
    }

    /// Linear interpolation of (xs, ys) at x (xs increasing; ends held).
    static func interpolate(_ xs: [Double], _ ys: [Double], at x: Double) -> Double {
        guard let first = xs.first, let last = xs.last else { return .nan }
        if x <= first { return ys[0] }
        if x >= last { return ys[ys.count - 1] }
        var lo = 0, hi = xs.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if xs[mid] <= x { lo = mid } else { hi = mid }
        }
        if xs[hi] == xs[lo] { return ys[hi] }
        return ys[lo] + (ys[hi] - ys[lo]) * (x - xs[lo]) / (xs[hi] - xs[lo])
    }
}

extension TransportFixtures {
    /// Linear OCP U(x) = 4.5 − x (V) on [0.2, 1]: U = 4.2 V at x = 0.3, 3.55 V at x = 0.95.
    static let linearOCP = OpenCircuitPotential.table(x: [0.2, 0.4, 0.6, 0.8, 1.0], u: [4.3, 4.1, 3.9, 3.7, 3.5])

    /// Li | LLZO (100 µm, 0.1 S/m) | cathode (10 mg/cm² active, 140 mAh/g rate basis) on 1 cm².
    /// `capacitance` nil keeps the default double layer; 0 disables it.
    static func halfCell(anodeASR: Double? = nil, cathodeASR: Double? = nil, capacitance: Double? = nil,
                         anodeI0: Double? = nil, cathodeI0: Double? = nil, ocp: OpenCircuitPotential = linearOCP,
                         leakage: Double? = nil, diffusivity: Double = 1e-14) -> CellModel {
        var li = MaterialModel(identifier: "Li", name: "Li", kind: .metal)
        li.ocp = .constant(0)
        var anode = LayerModel(name: "anode", material: li)
        anode.thickness = 100e-6
        var llzo = MaterialModel(identifier: "LLZO", name: "LLZO", kind: .electrolyte)
        llzo.ionicConductivity = ThermalParameter(0.1, activationEnergy: 0.36, law: .conductivity)
        llzo.electronicConductivity = leakage.map { ThermalParameter($0, law: .conductivity) }
        var separator = LayerModel(name: "separator", material: llzo)
        separator.thickness = 100e-6
        var lco = MaterialModel(identifier: "LCO", name: "LCO", kind: .active)
        lco.ocp = ocp
        lco.density = 5050
        lco.maxConcentration = 51_555
        lco.diffusivity = ThermalParameter(diffusivity, law: .simple)
        lco.particleRadius = 5e-6
        lco.initialLiFraction = 0.95
        lco.rateBasis = 140 * 3600
        lco.exchangeCurrentDensity = cathodeI0.map { ThermalParameter($0, law: .simple) }
        var cathode = LayerModel(name: "cathode", material: lco)
        cathode.loading = 0.1
        var left = InterfaceModel(left: "anode", right: "separator")
        left.areaSpecificResistance = anodeASR.map { ThermalParameter($0, law: .resistance) }
        left.exchangeCurrentDensity = anodeI0.map { ThermalParameter($0, law: .simple) }
        left.capacitance = capacitance
        var right = InterfaceModel(left: "separator", right: "cathode")
        right.areaSpecificResistance = cathodeASR.map { ThermalParameter($0, law: .resistance) }
        right.capacitance = capacitance
        return CellModel(name: "half", area: 1e-4, temperature: 298.15, layers: [anode, separator, cathode],
                         interfaces: [left, right])
    }

    /// Prints and checks |observed − expected| ≤ tolerance (absolute).
    static func assertClose(_ observed: Double, _ expected: Double, absolute tolerance: Double, _ what: String,
                            file: StaticString = #filePath, line: UInt = #line) {
        let error = abs(observed - expected)
        print("\(what): expected \(expected), observed \(observed), error \(error), relative \(error / max(abs(expected), 1e-300))")
        XCTAssertLessThanOrEqual(error, tolerance, what, file: file, line: line)
    }
}
