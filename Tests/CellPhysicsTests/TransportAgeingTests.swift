import XCTest
@testable import CellPhysics

/// EMPIRICAL ageing (PHYSICS.md §8) and leakage (§7).
final class TransportAgeingTests: XCTestCase {
    /// LCO + LLZTO + solder composite cathode: the interface ASR grows per the §8 law and the
    /// discharge capacity fades under fixed voltage limits.
    func testCathodeInterfaceAgeingFadesCapacity() throws {
        var cell = TransportFixtures.halfCell(cathodeASR: 300e-4, cathodeI0: 1.0)
        var lco = cell.layers[2].material
        lco.volumeChange = 0.02
        var llzto = MaterialModel(identifier: "LLZTO", name: "LLZTO", kind: .electrolyte)
        llzto.density = 5300
        llzto.ionicConductivity = ThermalParameter(0.05, law: .conductivity)
        llzto.youngsModulus = 150e9
        var solder = MaterialModel(identifier: "LBOCl", name: "LBOCl", kind: .electrolyte)
        solder.density = 2000
        solder.ionicConductivity = ThermalParameter(6.8e-3, law: .conductivity)
        solder.youngsModulus = 7.8e9
        let composite = MaterialModel(identifier: "LCO+LLZTO+LBOCl", name: "LCO+LLZTO+LBOCl", kind: .composite)
        var cathode = LayerModel(name: "cathode", material: composite, components: [
            ComponentModel(material: lco, fraction: 0.55), ComponentModel(material: llzto, fraction: 0.25),
            ComponentModel(material: solder, fraction: 0.20),
        ])
        cathode.loading = 0.1 / 0.55
        cell.layers[2] = cathode
        let p = ProtocolModel(name: "cycles", steps: [.repeatCount(6, [
            .current(.charge, .cRate(0.5), limits: [.voltage(4.15)]),
            .current(.discharge, .cRate(0.5), limits: [.voltage(3.6)]),
        ])])
        var model = try TransportModel(cell: cell)
        let result = try ProtocolRunner(impedance: nil).run(p, on: &model)
        XCTAssertTrue(model.notes.contains { $0.hasPrefix("EMPIRICAL ageing") })
        XCTAssertEqual(result.cycles.count, 6)
        let capacities = result.cycles.map(\.dischargeCapacity)
        let asrs = result.cycles.map(\.endASR)
        print("discharge capacities (C/kg): \(capacities)")
        print("end ASR (Ω·m²): \(asrs); ageing factor \(model.ageingFactor)")
        for i in 1..<capacities.count {
            XCTAssertLessThan(capacities[i], capacities[i - 1], "capacity fades in cycle \(i)")
            XCTAssertGreaterThan(asrs[i], asrs[i - 1], "ASR grows in cycle \(i)")
        }
        // After 5 ageing updates with about the same swing Δx, the factor is ≈ 1 + g1·Σn^−½.
        let g1PerSwing = 0.0058e-9 * 7.8e9 / 0.42
        let sum = (1...5).reduce(0.0) { $0 + 1 / Double($1).squareRoot() }
        let implied = (model.ageingFactor - 1) / (g1PerSwing * sum)
        print("implied mean Li-fraction swing per cycle: \(implied)")
        XCTAssertGreaterThan(implied, 0.1)
        XCTAssertLessThan(implied, 0.8)
        let aged = model.impedanceCell()
        let asr = try XCTUnwrap(aged.interface(between: "separator", and: "cathode")?.areaSpecificResistance)
        TransportFixtures.assertClose(asr.reference, 300e-4 * model.ageingFactor, absolute: 1e-12, "aged interface ASR in impedanceCell (Ω·m²)")
    }

    /// Electronic leakage through the separator lowers the coulombic efficiency (PHYSICS.md §7).
    func testLeakageLowersCoulombicEfficiency() throws {
        let p = ProtocolModel(name: "c", steps: [.repeatCount(2, [
            .current(.charge, .cRate(0.1), limits: [.voltage(4.1)]),
            .current(.discharge, .cRate(0.1), limits: [.voltage(3.6)]),
        ])])
        var tight = try TransportModel(cell: TransportFixtures.halfCell())
        var leaky = try TransportModel(cell: TransportFixtures.halfCell(leakage: 2e-6))
        let a = try ProtocolRunner(impedance: nil).run(p, on: &tight)
        let b = try ProtocolRunner(impedance: nil).run(p, on: &leaky)
        // Cycle 1 starts where cycle 0's discharge ended, so without leakage it closes (CE ≈ 1).
        let ceTight = a.cycles[1].coulombicEfficiency, ceLeaky = b.cycles[1].coulombicEfficiency
        // j_leak ≈ σ_e·V/L = 2e-6·3.9/1e-4 = 0.078 A/m² against 0.1 C = 1.4 A/m²: CE ≈ 1 − 2·0.078/1.4.
        print("CE without leakage \(ceTight), with leakage \(ceLeaky), estimate \(1 - 2 * 0.078 / 1.4)")
        XCTAssertEqual(ceTight, 1, accuracy: 2e-3)
        XCTAssertEqual(ceLeaky, 1 - 2 * 0.078 / 1.4, accuracy: 0.03)
    }
}
