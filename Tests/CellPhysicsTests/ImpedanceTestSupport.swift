import XCTest
@testable import CellPhysics

/// Materials and cells for the impedance tests, in SI, mirroring stdlib/materials.cell.
enum ImpedanceFixtures {
    static let t25 = 298.15
    static let t90 = 363.15
    static let cm2 = 1e-4

    static func llzto() -> MaterialModel {
        var m = MaterialModel(identifier: "LLZTO", name: "Li6.4La3Zr1.4Ta0.6O12", kind: .electrolyte)
        m.ionicConductivity = ThermalParameter(0.189, at: t25, activationEnergy: 0.36, law: .conductivity)
        m.density = 5300
        m.relativePermittivity = 100
        return m
    }

    static func lbocl() -> MaterialModel {
        var m = MaterialModel(identifier: "LBOCl", name: "Li2.985B0.005OCl", kind: .electrolyte)
        m.ionicConductivity = ThermalParameter(6.8e-3, at: t25, activationEnergy: 0.51, law: .conductivity)
        m.density = 2000
        m.relativePermittivity = 20
        return m
    }

    /// A garnet pellet with brick-layer grain boundaries: d = 5 µm, δ = 5 nm, σ_gb = 2×10⁻⁵ S/m.
    static func pellet() -> MaterialModel {
        var m = llzto()
        m.identifier = "LLZTOgb"
        m.grainBoundaryConductivity = ThermalParameter(2e-5, at: t25, activationEnergy: 0.45, law: .conductivity)
        m.grainSize = 5e-6
        m.grainBoundaryThickness = 5e-9
        return m
    }

    static func lithium() -> MaterialModel {
        var m = MaterialModel(identifier: "Li", name: "Li", kind: .metal)
        m.ocp = .constant(0)
        m.hardness = 5e6
        m.density = 534
        return m
    }

    static func gold() -> MaterialModel {
        var m = MaterialModel(identifier: "Au", name: "Au", kind: .metal)
        m.density = 19300
        return m
    }

    static func layer(_ name: String, _ material: MaterialModel, thickness: Double?) -> LayerModel {
        var l = LayerModel(name: name, material: material)
        l.thickness = thickness
        return l
    }

    /// Au | pellet (1 mm) | Au, 1 cm².
    static func blockingCell(separator: MaterialModel = pellet()) -> CellModel {
        CellModel(name: "blocking", area: cm2, temperature: t25, layers: [
            layer("anode", gold(), thickness: 100e-9),
            layer("separator", separator, thickness: 1e-3),
            layer("cathode", gold(), thickness: 100e-9),
        ])
    }

    /// Li | LLZTO (1 mm) | Li, 1 cm², with `asr` (Ω·m²) on both interfaces (nil: none set).
    static func symmetricCell(asr: Double?, activation: Double? = nil, pressure: Double? = nil) -> CellModel {
        var interfaces = [InterfaceModel(left: "anode", right: "separator"),
                          InterfaceModel(left: "separator", right: "cathode")]
        if let asr {
            for i in interfaces.indices {
                interfaces[i].areaSpecificResistance = ThermalParameter(asr, at: t25, activationEnergy: activation,
                                                                        law: .resistance)
            }
        }
        return CellModel(name: "symmetric", area: cm2, temperature: t25, pressure: pressure, layers: [
            layer("anode", lithium(), thickness: 450e-6),
            layer("separator", llzto(), thickness: 1e-3),
            layer("cathode", lithium(), thickness: 450e-6),
        ], interfaces: interfaces)
    }

    /// Z of R‖C (Ω) at f (Hz), split into real and imaginary parts.
    static func parallelRC(_ r: Double, _ c: Double, _ f: Double) -> (Double, Double) {
        let x = 2 * Double.pi * f * r * c
        return (r / (1 + x * x), -r * x / (1 + x * x))
    }

    /// Z of a CPE (Ω) at f (Hz).
    static func cpe(_ q: Double, _ n: Double, _ f: Double) -> (Double, Double) {
        let magnitude = 1 / (q * pow(2 * Double.pi * f, n))
        return (magnitude * cos(n * Double.pi / 2), -magnitude * sin(n * Double.pi / 2))
    }
}

func eisAssertClose(_ observed: Double, _ expected: Double, relative tol: Double, _ what: String,
                 file: StaticString = #filePath, line: UInt = #line) {
    let err = abs(observed - expected) / max(abs(expected), Double.leastNormalMagnitude)
    XCTAssertLessThanOrEqual(err, tol, "\(what): expected \(expected), observed \(observed), relative error \(err)",
                             file: file, line: line)
}
