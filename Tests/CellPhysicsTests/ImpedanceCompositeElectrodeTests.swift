import XCTest
@testable import CellPhysics
import CellNumerics

/// LCO + LLZTO + LBOCl composite cathodes (PHYSICS.md §6 [seed-000] example) in the circuit.
final class ImpedanceCompositeElectrodeTests: XCTestCase {
    typealias F = ImpedanceFixtures

    /// `lico2_ocp_Dualfoil1998` (PHYSICS.md §6), tabulated as the runtime would.
    static func dualfoil(_ x: Double) -> Double {
        let y = 1.062 * x
        return 2.16216 + 0.07645 * tanh(30.834 - 54.4806 * y) + 2.1581 * tanh(52.294 - 50.294 * y)
            - 0.14169 * tanh(11.0923 - 19.8543 * y) + 0.2051 * tanh(1.4684 - 5.4888 * y)
            + 0.2531 * tanh((0.56478 - y) / 0.1316) - 0.02167 * tanh((y - 0.525) / 0.006)
    }

    static func lco() -> MaterialModel {
        var m = MaterialModel(identifier: "LCO", name: "LiCoO2", kind: .active)
        m.density = 5050
        m.molarMass = 0.09787
        m.maxConcentration = 51218
        m.diffusivity = ThermalParameter(1e-14, at: 298.15, activationEnergy: 0.1923, law: .simple)
        m.particleRadius = 5e-6
        let xs = stride(from: 0.40, through: 0.99, by: 0.01).map { $0 }
        m.ocp = .table(x: xs, u: xs.map(dualfoil))
        m.initialLiFraction = 0.7
        return m
    }

    /// Li | LLZTO+LBOCl (1 mm) | LCO:LLZTO:LBOCl 11:5:4 wt, 1.85 mg/cm², Ø10 mm, at 90 °C asr.
    static func fullCell(cathodeASR: Double? = 386e-4, active: MaterialModel = lco(),
                         electrolyte: MaterialModel = F.llzto()) -> CellModel {
        let composite = MaterialModel(identifier: "LCO+LLZTO+LBOCl", name: "LCO+LLZTO+LBOCl", kind: .composite)
        var cathode = LayerModel(name: "cathode", material: composite, components: [
            ComponentModel(material: active, fraction: 0.55),
            ComponentModel(material: electrolyte, fraction: 0.25),
            ComponentModel(material: F.lbocl(), fraction: 0.20),
        ])
        cathode.loading = 1.85e-2
        var separator = LayerModel(name: "separator", material: MaterialModel(
            identifier: "LLZTO+LBOCl", name: "LLZTO+LBOCl", kind: .composite), components: [
            ComponentModel(material: F.llzto(), fraction: 0.9), ComponentModel(material: F.lbocl(), fraction: 0.1),
        ])
        separator.thickness = 1e-3
        var anodeInterface = InterfaceModel(left: "anode", right: "separator")
        anodeInterface.areaSpecificResistance = ThermalParameter(208e-4, at: 363.15, law: .resistance)
        var cathodeInterface = InterfaceModel(left: "separator", right: "cathode")
        cathodeInterface.areaSpecificResistance = cathodeASR.map { ThermalParameter($0, at: 363.15, law: .resistance) }
        return CellModel(name: "aclb", area: Double.pi * 25e-6, temperature: F.t90, layers: [
            F.layer("anode", F.lithium(), thickness: 450e-6), separator, cathode,
        ], interfaces: [anodeInterface, cathodeInterface])
    }

    func testCircuitOfTheFullCell() throws {
        let compiled = try StackCircuit.compile(Self.fullCell(), temperature: F.t90)
        print(compiled.report)
        XCTAssertEqual(compiled.text, "p(R0,CPE0)-p(R1,C1)-p(R2,C2)-R3-p(R4-Sph4,CPE4)")
        let legendLines = compiled.legend().split(separator: "\n")
        XCTAssertEqual(legendLines.count, compiled.circuit.elements.count)
        XCTAssertTrue(legendLines[0].hasPrefix("R0 "), "\(legendLines[0])")
        XCTAssertTrue(legendLines[0].hasSuffix("anode|separator"), "\(legendLines[0])")
        XCTAssertEqual(compiled.arcs.map(\.origin), ["anode|separator", "separator.bulk", "separator.grain_boundary",
                                                     "cathode.charge_transfer"])
        XCTAssertEqual(compiled.circuit.elements.map { $0.origin ?? "" }.suffix(4),
                       ["cathode.ionic", "cathode.charge_transfer", "cathode.diffusion", "cathode.double_layer"])
        let area = Double.pi * 25e-6
        eisAssertClose(compiled.arcs[3].resistance * area, 386e-4, relative: 1e-12, "cathode interface ASR")
        XCTAssertTrue(compiled.isBlocking, "the sphere stores charge: capacitive at DC")
    }

    /// PHYSICS.md §6: 11:5:4 wt gives L ≈ 4.7 µm at 1.85 mg/cm² and an ionic ASR far below the
    /// 386 Ω·cm² interface (interface-limited, so a series resistor, not a transmission line).
    func testThicknessFromLoadingAndInterfaceLimitedIonicPath() throws {
        let cell = Self.fullCell()
        let electrode = try CompositeElectrodeCircuit.compile(
            cell.layers[2], interfaces: [cell.interfaces[1]], interfaceName: "separator | cathode",
            area: cell.area!, temperature: F.t90)
        eisAssertClose(electrode.thickness, 4.74e-6, relative: 0.01, "L_cat")
        let asrIon = electrode.ionicResistance * cell.area! * 1e4
        print("composite cathode at 90 °C: L = \(electrode.thickness * 1e6) µm, ASR_ion = \(asrIon) Ω·cm²")
        XCTAssertLessThan(asrIon, 0.5)
        XCTAssertFalse(electrode.usesTransmissionLine)
    }

    /// Sphere element: the low-frequency capacitance τ/(3R_s) equals the differential storage
    /// capacity F·V_act·c_max/|dU/dx| (PHYSICS.md §2 sphere row).
    func testSphericalDiffusionElementMatchesTheStorageCapacity() throws {
        let cell = Self.fullCell()
        let compiled = try StackCircuit.compile(cell, temperature: F.t90)
        let sphere = try XCTUnwrap(compiled.circuit.elements.firstIndex { $0.kind == .sphericalDiffusion })
        let offset = compiled.circuit.elements[..<sphere].reduce(0) { $0 + $1.kind.parameterCount }
        let rs = compiled.parameters[offset], tau = compiled.parameters[offset + 1]
        let d = Self.lco().diffusivity!.value(at: F.t90)
        eisAssertClose(tau, 25e-12 / d, relative: 1e-12, "τ = R_p²/D")
        let electrode = try CompositeElectrodeCircuit.compile(
            cell.layers[2], interfaces: [cell.interfaces[1]], interfaceName: "separator | cathode",
            area: cell.area!, temperature: F.t90)
        let phis = EffectiveMedium.volumeFractions(massFractions: [0.55, 0.25, 0.20], densities: [5050, 5300, 2000])!
        let activeVolume = phis[0] * electrode.thickness * cell.area!
        let slope = abs(Self.lco().ocp!.slope(at: 0.7))
        let storage = 96485.33212 * activeVolume * 51218 / slope
        eisAssertClose(tau / (3 * rs), storage, relative: 1e-10, "C_int")
    }

    func testTransmissionLineWhenTheIonicPathIsComparableToChargeTransfer() throws {
        // σ_SE = 0.18 S/m gives R_rail/R_ct ≈ 3 (8 segments); 0.0054 S/m gives ≈ 100 (31 segments).
        for (sigma, segments) in [(0.18, 8), (0.0054, 31)] {
            try checkTransmissionLine(sigma: sigma, segments: segments)
        }
    }

    func checkTransmissionLine(sigma: Double, segments: Int) throws {
        var flat = Self.lco()
        flat.ocp = .constant(3.9)
        var poor = F.llzto()
        poor.ionicConductivity = ThermalParameter(sigma, law: .conductivity)
        var cell = Self.fullCell(cathodeASR: 0.2e-4, active: flat, electrolyte: poor)
        cell.layers[2].components[2].material.ionicConductivity = ThermalParameter(sigma, law: .conductivity)
        let compiled = try StackCircuit.compile(cell, temperature: F.t90)
        XCTAssertTrue(compiled.notes.contains { $0.contains("transmission line") }, "\(compiled.notes)")
        XCTAssertEqual(compiled.circuit.elements.filter { $0.origin == "cathode.ionic" }.count, segments)
        let electrode = try CompositeElectrodeCircuit.compile(
            cell.layers[2], interfaces: [cell.interfaces[1]], interfaceName: "separator | cathode",
            area: cell.area!, temperature: F.t90)
        XCTAssertTrue(electrode.usesTransmissionLine)
        // DC limit of the ladder vs the continuum line √(R_rail R_ct)·coth√(R_rail/R_ct) (flat OCP: no storage).
        let rail = electrode.railResistance, ct = electrode.chargeTransferResistance
        let continuum = (rail * ct).squareRoot() / tanh((rail / ct).squareRoot())
        let others = compiled.arcs.filter { $0.origin != "cathode.charge_transfer" }.reduce(0) { $0 + $1.resistance }
        let z = try compiled.impedance(at: [1e-9])[0]
        print("transmission line: R_rail/R_ct = \(rail / ct), DC ladder \(z.real - others), continuum \(continuum)")
        eisAssertClose(z.real - others, continuum, relative: 0.02, "ladder DC limit")
        eisAssertClose(try XCTUnwrap(compiled.dcResistance), z.real, relative: 1e-6, "dcResistance")
    }

    func testChargeTransferFromExchangeCurrentDensity() throws {
        var active = Self.lco()
        active.exchangeCurrentDensity = ThermalParameter(1.0, law: .simple)  // A/m² of particle surface
        let cell = Self.fullCell(cathodeASR: nil, active: active)
        let electrode = try CompositeElectrodeCircuit.compile(
            cell.layers[2], interfaces: [cell.interfaces[1]], interfaceName: "separator | cathode",
            area: cell.area!, temperature: F.t90)
        let phis = EffectiveMedium.volumeFractions(massFractions: [0.55, 0.25, 0.20], densities: [5050, 5300, 2000])!
        let surface = 3 * phis[0] * electrode.thickness * cell.area! / 5e-6
        let i0 = 2 * (0.7 * 0.3).squareRoot()
        eisAssertClose(electrode.chargeTransferResistance, 8.314462618 * F.t90 / (96485.33212 * i0 * surface),
                       relative: 1e-12, "R_ct = RT/(F i0(x) S)")
    }

    func testMissingCathodeKineticsIsAnError() {
        XCTAssertThrowsError(try StackCircuit.compile(Self.fullCell(cathodeASR: nil), temperature: F.t90)) {
            guard case ModelError.missingField(let field, let owner, _) = $0 else { return XCTFail("\($0)") }
            XCTAssertEqual(field, "asr")
            XCTAssertEqual(owner, "interface `separator | cathode`")
        }
        var noRadius = Self.lco()
        noRadius.particleRadius = nil
        XCTAssertThrowsError(try StackCircuit.compile(Self.fullCell(active: noRadius), temperature: F.t90)) {
            XCTAssertEqual($0 as? ModelError, .missingField(field: "particle_radius", owner: "material `LCO`",
                                                            model: "impedance model"))
        }
    }
}
