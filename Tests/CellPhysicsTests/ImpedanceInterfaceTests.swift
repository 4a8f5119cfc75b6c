import XCTest
@testable import CellPhysics
import CellNumerics

/// Li | LLZTO | Li: interface arcs, the constriction law (PHYSICS.md §4) and missing-field errors.
final class ImpedanceInterfaceTests: XCTestCase {
    typealias F = ImpedanceFixtures

    func testSymmetricCellHasOneArcPerInterfaceWithTheGivenASR() throws {
        let asr = 100e-4  // 100 Ω·cm²
        let record = try ImpedanceModel.spectrum(cell: F.symmetricCell(asr: asr), temperature: F.t25,
                                                 frequencies: [1e3])
        XCTAssertEqual(record.circuit?.description, "p(R0,CPE0)-p(R1,C1)-p(R2,CPE2)")
        XCTAssertEqual(record.arcs.map(\.origin), ["anode|separator", "separator.bulk", "separator|cathode"])
        for arc in [record.arcs[0], record.arcs[2]] {
            eisAssertClose(arc.resistance, asr / 1e-4, relative: 1e-12, "R_int \(arc.origin)")
            // Per-interface ASR = R·A (PHYSICS.md §0); each interface is its own arc here.
            eisAssertClose(arc.areaSpecificResistance, asr, relative: 1e-12, "ASR \(arc.origin)")
            // Default capacitance 1 µF/cm² comes back as C_eff of the CPE.
            eisAssertClose(arc.capacitance, 1e-6, relative: 1e-12, "C_eff \(arc.origin)")
            eisAssertClose(arc.peakFrequency, 1 / (2 * Double.pi * 100 * 1e-6), relative: 1e-12, "f0 \(arc.origin)")
        }
    }

    func testDCLimitEqualsTheSumOfResistances() throws {
        let compiled = try StackCircuit.compile(F.symmetricCell(asr: 100e-4), temperature: F.t25)
        let sum = compiled.arcs.reduce(0) { $0 + $1.resistance }
        XCTAssertFalse(compiled.isBlocking)
        eisAssertClose(try XCTUnwrap(compiled.dcResistance), sum, relative: 1e-12, "dcResistance")
        let z = try compiled.impedance(at: [1e-7])[0]
        eisAssertClose(z.real, sum, relative: 1e-6, "Re Z(1e-7 Hz)")
        XCTAssertLessThan(abs(z.imaginary), 1e-3 * sum)
    }

    func testInterfaceASRFollowsItsArrheniusLaw() throws {
        let cold = try StackCircuit.compile(F.symmetricCell(asr: 226e-4, activation: 0.4), temperature: F.t25)
        let hot = try StackCircuit.compile(F.symmetricCell(asr: 226e-4, activation: 0.4), temperature: F.t90)
        let expected = ArrheniusLaw.resistance.scale(226e-4, from: F.t25, to: F.t90, activationEV: 0.4)
        eisAssertClose(hot.arcs[0].resistance * 1e-4, expected, relative: 1e-12, "ASR at 90 °C")
        eisAssertClose(cold.arcs[0].resistance * 1e-4, 226e-4, relative: 1e-12, "ASR at 25 °C")
    }

    /// The checked numbers of PHYSICS.md §4 for Holm's single-spot law.
    func testHolmLawNumbers() {
        let at1MPa = ContactConstriction.holmASR(resistivity: 20, hardness: 5e6, area: 1e-4, spots: 1, pressure: 1e6)
        eisAssertClose(at1MPa * 1e4, 3960, relative: 1e-3, "ASR at 1 MPa, Ω·cm²")
        let at400MPa = ContactConstriction.holmASR(resistivity: 20, hardness: 5e6, area: 1e-4, spots: 1, pressure: 400e6)
        eisAssertClose(at400MPa * 1e4, 198, relative: 1e-3, "ASR at 400 MPa, Ω·cm²")
    }

    func testConstrictionLawScalingFloorAndFullContact() {
        let sigma = 0.189
        let low = ContactConstriction.asr(pressure: 0.1e6, hardness: 5e6, electrolyteConductivity: sigma, temperature: F.t25)
        let high = ContactConstriction.asr(pressure: 0.4e6, hardness: 5e6, electrolyteConductivity: sigma, temperature: F.t25)
        eisAssertClose(low / high, 2, relative: 1e-12, "P^-1/2 scaling")
        // K = (ρ/2)√(πH/N_s): 5 kPa on LLZTO gives ≈ 118 Ω·cm² (the calibration of the spot density,
        // shared with the Li-metal model; [seed-000] measures 113 per interface).
        let soft = ContactConstriction.asr(pressure: 5e3, hardness: 5e6, electrolyteConductivity: sigma, temperature: F.t25)
        eisAssertClose(soft * 1e4, 1 / sigma / 2 * (Double.pi * 5e6 / (ContactConstriction.spotDensity * 5e3)).squareRoot() * 1e4, relative: 1e-12,
                       "ASR at 5 kPa")
        XCTAssertTrue((100...200).contains(soft * 1e4), "\(soft * 1e4) Ω·cm²")
        let full = ContactConstriction.asr(pressure: 10e6, hardness: 5e6, electrolyteConductivity: sigma, temperature: F.t25)
        eisAssertClose(full, ContactConstriction.minimumASR, relative: 1e-12, "full contact")
    }

    func testPressureGivesTheConstrictionASRWhenASRIsOmitted() throws {
        let compiled = try StackCircuit.compile(F.symmetricCell(asr: nil, pressure: 1e6), temperature: F.t25)
        let expected = ContactConstriction.asr(pressure: 1e6, hardness: 5e6, electrolyteConductivity: 0.189,
                                               temperature: F.t25)
        eisAssertClose(compiled.arcs[0].resistance * 1e-4, expected, relative: 1e-12, "constriction ASR")
        XCTAssertTrue(compiled.notes.contains(ContactConstriction.note))
    }

    func testMissingASRAndPressureIsAnError() {
        XCTAssertThrowsError(try StackCircuit.compile(F.symmetricCell(asr: nil, pressure: 0), temperature: F.t25)) {
            guard case ModelError.missingField(let field, let owner, let model) = $0 else {
                return XCTFail("unexpected \($0)")
            }
            XCTAssertEqual(field, "asr")
            XCTAssertEqual(owner, "interface `anode | separator`")
            XCTAssertTrue(model.contains("pressure"), model)
        }
    }

    func testZeroASRIsAnIdealContact() throws {
        let compiled = try StackCircuit.compile(F.symmetricCell(asr: 0), temperature: F.t25)
        XCTAssertEqual(compiled.arcs.map(\.origin), ["separator.bulk"])
        XCTAssertEqual(ModelError.missingField(field: "asr", owner: "interface `anode | separator`",
                                               model: "impedance model (without a cell `pressure` for the constriction law)")
                        .description,
                       "interface `anode | separator` has no `asr`, which the impedance model (without a cell "
                        + "`pressure` for the constriction law) needs")
    }

    func testMissingFieldsNameTheOwner() {
        var cell = F.blockingCell()
        cell.layers[1].thickness = nil
        XCTAssertThrowsError(try StackCircuit.compile(cell, temperature: F.t25)) {
            XCTAssertEqual($0 as? ModelError, .missingField(field: "thickness", owner: "layer `separator`",
                                                            model: "impedance model"))
        }
        var noSigma = F.pellet()
        noSigma.ionicConductivity = nil
        XCTAssertThrowsError(try StackCircuit.compile(F.blockingCell(separator: noSigma), temperature: F.t25)) {
            XCTAssertEqual($0 as? ModelError, .missingField(field: "sigma_ion", owner: "material `LLZTOgb`",
                                                            model: "impedance model"))
        }
        var noDelta = F.pellet()
        noDelta.grainBoundaryThickness = nil
        XCTAssertThrowsError(try StackCircuit.compile(F.blockingCell(separator: noDelta), temperature: F.t25)) {
            XCTAssertEqual($0 as? ModelError, .missingField(field: "gb_thickness", owner: "material `LLZTOgb`",
                                                            model: "impedance model"))
        }
        var noArea = F.blockingCell()
        noArea.area = nil
        XCTAssertThrowsError(try StackCircuit.compile(noArea, temperature: F.t25)) {
            XCTAssertEqual($0 as? ModelError, .missingField(field: "area", owner: "cell `blocking`",
                                                            model: "impedance model"))
        }
        var noHardness = F.symmetricCell(asr: nil, pressure: 1e6)
        noHardness.layers[0].material.hardness = nil
        XCTAssertThrowsError(try StackCircuit.compile(noHardness, temperature: F.t25)) {
            XCTAssertEqual($0 as? ModelError, .missingField(field: "H", owner: "material `Li`", model: "impedance model"))
        }
    }

    /// Li | Au (20 nm interlayer) | LLZTO | Li with the ASR declared across the interlayer
    /// (LANGUAGE.md §5 `aclb`): the Au film is transparent, the interface keeps its name.
    func testMetalInterlayerIsTransparent() throws {
        var cell = F.symmetricCell(asr: 208e-4)
        var wetting = F.layer("wetting", F.gold(), thickness: 20e-9)
        wetting.isInterlayer = true
        cell.layers.insert(wetting, at: 1)
        let compiled = try StackCircuit.compile(cell, temperature: F.t25)
        XCTAssertEqual(compiled.arcs.map(\.origin), ["anode|separator", "separator.bulk", "separator|cathode"])
        XCTAssertTrue(compiled.notes.contains { $0.contains("`wetting` is transparent") }, "\(compiled.notes)")
    }

    /// An ionic interlayer (a 130 nm nitride with its own σ) is a layer of its own: a bulk arc
    /// R = L/(σA) in series, and its own apparent conductivity.
    func testIonicInterlayerAddsItsOwnArc() throws {
        var cell = F.symmetricCell(asr: 50e-4)
        var nitride = MaterialModel(identifier: "Li3N", name: "Li3N", kind: .electrolyte)
        nitride.ionicConductivity = ThermalParameter(1e-4, law: .conductivity)  // 1e-6 S/cm
        var mcl = F.layer("mcl", nitride, thickness: 130e-9)
        mcl.isInterlayer = true
        cell.layers.insert(mcl, at: 1)
        cell.interfaces[0] = InterfaceModel(left: "anode", right: "mcl")
        cell.interfaces[0].areaSpecificResistance = ThermalParameter(5e-4, law: .resistance)
        let compiled = try StackCircuit.compile(cell, temperature: F.t25)
        XCTAssertEqual(compiled.arcs.map(\.origin), ["anode|mcl", "mcl.bulk", "separator.bulk", "separator|cathode"])
        eisAssertClose(compiled.arcs[1].resistance, 130e-9 / (1e-4 * 1e-4), relative: 1e-12, "R_mcl")
        XCTAssertEqual(compiled.layerResistances.map(\.layer), ["mcl", "separator"])
    }

    /// Porosity p multiplies σ by (1−p)^1.5 (PHYSICS.md §3); `density_rel` means 1 − p.
    func testPorosityLowersTheConductivity() throws {
        var cell = F.blockingCell(separator: F.llzto())
        cell.layers[1].relativeDensity = 0.9
        let porous = try StackCircuit.compile(cell, temperature: F.t25)
        let dense = try StackCircuit.compile(F.blockingCell(separator: F.llzto()), temperature: F.t25)
        eisAssertClose(porous.arcs[0].resistance / dense.arcs[0].resistance, pow(0.9, -1.5), relative: 1e-12,
                       "R ratio")
    }

    func testReversibleElectrodeUsesExchangeCurrentDensity() throws {
        var cell = F.symmetricCell(asr: nil, pressure: 0)
        for i in cell.interfaces.indices {
            cell.interfaces[i].exchangeCurrentDensity = ThermalParameter(500, law: .simple)  // 50 mA/cm²
        }
        let compiled = try StackCircuit.compile(cell, temperature: F.t25)
        let expected = 8.314462618 * F.t25 / (96485.33212 * 500)  // RT/(F i0) ≈ 0.51 Ω·cm²
        eisAssertClose(compiled.arcs[0].resistance * 1e-4, expected, relative: 1e-12, "R_ct ASR")
    }

    func testProtocolRunnerSignatureAdapter() throws {
        let runner = ProtocolRunner(impedance: { try ImpedanceModel.spectrum(cell: $0, temperature: $1, frequencies: $2) })
        let record = try XCTUnwrap(runner.impedance)(F.symmetricCell(asr: 1e-2), F.t25, [10, 100])
        XCTAssertEqual(record.spectrum.count, 2)
        XCTAssertEqual(record.label, "eis")
    }
}
