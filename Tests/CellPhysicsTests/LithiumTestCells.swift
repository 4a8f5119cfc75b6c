import XCTest
@testable import CellPhysics

/// Cells and materials for the Li-metal tests: the parameter set of docs/models/lithium-metal.md
/// (interlayer table), in SI.
enum LithiumTestCells {
    static let roomTemperature = 298.15
    /// 1 mA/cm² in A/m².
    static let mAcm2 = 10.0
    /// 1 Ω·cm² in Ω·m².
    static let ohmcm2 = 1e-4

    static var lithium: MaterialModel {
        var m = MaterialModel(identifier: "Li", name: "Li", kind: .metal)
        m.ocp = .constant(0)
        m.hardness = 5e6
        m.density = 534
        return m
    }

    static func electrolyte(_ id: String, sigma: Double, ea: Double, sigmaE: Double?, density: Double? = nil) -> MaterialModel {
        var m = MaterialModel(identifier: id, name: id, kind: .electrolyte)
        m.ionicConductivity = ThermalParameter(sigma, at: roomTemperature, activationEnergy: ea, law: .conductivity)
        m.electronicConductivity = sigmaE.map { ThermalParameter($0, law: .conductivity) }
        m.density = density
        return m
    }

    /// [seed-001] LLZ: 7.51e-4 S/cm, 0.36 eV; σ_e as LLZTO (stdlib inheritance).
    static var llz: MaterialModel { electrolyte("LLZ", sigma: 7.51e-2, ea: 0.36, sigmaE: 9.6e-6, density: 5300) }
    /// [seed-000] LLZTO: 1.89e-3 S/cm, σ_e 9.6e-8 S/cm.
    static var llzto: MaterialModel { electrolyte("LLZTO", sigma: 0.189, ea: 0.36, sigmaE: 9.6e-6, density: 5300) }
    /// [seed-000] Li2.985B0.005OCl: 6.8e-5 S/cm, 0.51 eV, σ_e 5.2e-9 S/cm.
    static var lbocl: MaterialModel { electrolyte("LBOCl", sigma: 6.8e-3, ea: 0.51, sigmaE: 5.2e-7, density: 2000) }

    static func interlayerMaterial(_ id: String, kind: MaterialKind, vacancyDiffusivity: Double?, sigmaE: Double?) -> MaterialModel {
        var m = MaterialModel(identifier: id, name: id, kind: kind)
        m.vacancyDiffusivity = vacancyDiffusivity
        m.electronicConductivity = sigmaE.map { ThermalParameter($0, law: .conductivity) }
        return m
    }

    static var indium: MaterialModel { interlayerMaterial("In", kind: .metal, vacancyDiffusivity: 1.8e-13, sigmaE: nil) }
    static var gold: MaterialModel { interlayerMaterial("Au", kind: .metal, vacancyDiffusivity: 3.2e-13, sigmaE: nil) }
    static var htMCL: MaterialModel { interlayerMaterial("HT_MCL", kind: .coating, vacancyDiffusivity: 2.45e-13, sigmaE: 1.4e-8) }
    static var rtMCL: MaterialModel { interlayerMaterial("RT_MCL", kind: .coating, vacancyDiffusivity: 2.0e-12, sigmaE: 2.7e-10) }

    /// The `contact_density` fields (1/m²) of the interlayer table, until the language has them.
    static var parameters: LithiumMetalParameters {
        var p = LithiumMetalParameters()
        p.materialExtras = [
            "In": ["contact_density": 6.0e9],
            "HT_MCL": ["contact_density": 2.0e10],
            "RT_MCL": ["contact_density": 1.4e11],
        ]
        return p
    }

    static func layer(_ name: String, _ material: MaterialModel, thickness: Double, interlayer: Bool = false) -> LayerModel {
        var l = LayerModel(name: name, isInterlayer: interlayer, material: material)
        l.thickness = thickness
        return l
    }

    /// Li | [interlayer] | separator | [interlayer] | Li with optional per-interface `asr` (Ω·m²).
    static func symmetric(separator: LayerModel, interlayer: MaterialModel? = nil, interlayerThickness: Double = 100e-9,
                          asr: Double? = nil, area: Double = Double.pi * 0.005 * 0.005,
                          temperature: Double = roomTemperature, pressure: Double = 0) -> CellModel {
        var layers = [layer("anode", lithium, thickness: 450e-6)]
        if let interlayer { layers.append(layer("wetting1", interlayer, thickness: interlayerThickness, interlayer: true)) }
        layers.append(separator)
        if let interlayer { layers.append(layer("wetting2", interlayer, thickness: interlayerThickness, interlayer: true)) }
        layers.append(layer("cathode", lithium, thickness: 450e-6))
        var interfaces: [InterfaceModel] = []
        if let asr {
            for (a, b) in [("anode", "separator"), ("separator", "cathode")] {
                var i = InterfaceModel(left: a, right: b)
                i.areaSpecificResistance = ThermalParameter(asr, law: .resistance)
                interfaces.append(i)
            }
        }
        return CellModel(name: "sym", area: area, temperature: temperature, pressure: pressure, layers: layers,
                         interfaces: interfaces)
    }

    /// [seed-001] LLZ pellet, 0.5 mm (ASSUMPTION: the paper does not give it).
    static var llzSeparator: LayerModel { layer("separator", llz, thickness: 0.5e-3) }
    /// [seed-000] LLZTO pellet, 1.0 mm (PHYSICS.md §3).
    static var llztoSeparator: LayerModel { layer("separator", llzto, thickness: 1.0e-3) }
    /// [seed-000] CE: LLZTO 90 wt% + LBOCl 10 wt%, 1.0 mm.
    static var ceSeparator: LayerModel {
        var l = LayerModel(name: "separator", material: MaterialModel(identifier: "LLZTO+LBOCl", name: "CE", kind: .composite),
                           components: [ComponentModel(material: llzto, fraction: 0.9), ComponentModel(material: lbocl, fraction: 0.1)],
                           basis: .mass)
        l.thickness = 1.0e-3
        return l
    }

    /// Runs a protocol and returns the result and the model.
    static func run(_ steps: [StepModel], on cell: CellModel,
                    parameters: LithiumMetalParameters = LithiumTestCells.parameters) throws -> (SimulationResult, SymmetricCellModel) {
        var model = try SymmetricCellModel(cell: cell, parameters: parameters)
        var result = try ProtocolRunner(impedance: nil).run(ProtocolModel(name: "test", steps: steps), on: &model)
        model.appendResults(to: &result)
        // The one-call form gives the same result.
        let direct = try SymmetricCellModel.simulate(ProtocolModel(name: "test", steps: steps), on: cell,
                                                     runner: ProtocolRunner(impedance: nil), parameters: parameters)
        XCTAssertEqual(direct.series.voltage, result.series.voltage)
        XCTAssertEqual(direct.tables.count, result.tables.count)
        return (result, model)
    }

    /// The [seed-001] staircase: 0.1 → 2.5 mA/cm² by 0.1, 10 min per half-cycle.
    static var chenStaircase: [StepModel] {
        [.ccd(from: 0.1 * mAcm2, to: 2.5 * mAcm2, step: 0.1 * mAcm2, duration: 600, perHalfCycle: true)]
    }

    /// `ccd` (j_pass) and `ccd_fail` in mA/cm² for a cell under the [seed-001] staircase.
    static func ccd(_ cell: CellModel, parameters: LithiumMetalParameters = LithiumTestCells.parameters) throws -> (pass: Double, fail: Double?) {
        let (result, _) = try run(chenStaircase, on: cell, parameters: parameters)
        let pass = try XCTUnwrap(result.scalar("ccd")).value / mAcm2
        return (pass, result.scalar("ccd_fail").map { $0.value / mAcm2 })
    }
}

/// Relative-tolerance assertion that prints expected, observed and the relative error.
func assertLithiumRelative(_ observed: Double, _ expected: Double, _ tolerance: Double, _ what: String,
                    file: StaticString = #filePath, line: UInt = #line) {
    let error = abs(observed - expected) / max(abs(expected), .leastNormalMagnitude)
    XCTAssertLessThanOrEqual(error, tolerance,
                             "\(what): expected \(expected), observed \(observed), relative error \(error)", file: file, line: line)
}
