import XCTest
@testable import CellPhysics

/// The interface ASR split, the void/contact state and the Li supply (PHYSICS.md §4).
final class LithiumInterfaceTests: XCTestCase {
    typealias C = LithiumTestCells

    /// Low current, no voids: |V| = j·(L/σ + 2·ASR) (issue 6 "physics that must hold").
    func testLowCurrentOverpotentialIsOhmicSum() throws {
        let asr = 50 * C.ohmcm2
        let cell = C.symmetric(separator: C.llzSeparator, asr: asr)
        let j = 0.05 * C.mAcm2   // below the Li supply for 10 min half-cycles: no voids
        let (result, model) = try C.run([.current(.plate, .density(j), limits: [.duration(600)]),
                                         .current(.strip, .density(j), limits: [.duration(600)])], on: cell)
        let expected = j * (0.5e-3 / 7.51e-2 + 2 * asr)
        for record in model.halfCycles {
            assertLithiumRelative(record.meanOverpotential, expected, 1e-6, "mean |V| of half-cycle \(record.index)")
            assertLithiumRelative(record.maxOverpotential, expected, 1e-6, "max |V| of half-cycle \(record.index)")
            XCTAssertEqual(record.contactFraction, 1, "no voids below the supply")
        }
        let last = try XCTUnwrap(result.series.voltage.last)
        assertLithiumRelative(last, -expected, 1e-6, "stripping voltage is negative")
        assertLithiumRelative(try XCTUnwrap(result.scalar("overpotential")).value, expected, 1e-6, "overpotential scalar")
        let asrTrace = try XCTUnwrap(result.series.extra["asr"]?.values.last)
        assertLithiumRelative(asrTrace, 0.5e-3 / 7.51e-2 + 2 * asr, 1e-9, "asr trace (small-signal)")
    }

    /// The closed-form stripping void volume against a fine numerical integration of
    /// dv/dt = (V_m/F)·max(0, j − a/√t − c).
    func testStrippingVoidVolumeMatchesNumericalIntegration() {
        let p = LithiumMetalParameters()
        let c = LithiumInterfaceConditions(exchangeCurrentDensity: 500, chargeTransferASR: 0, constrictionASR: 0,
                                           interlayerASR: 0, vacancySupplyCoefficient: 24.8, creepSupply: 0.7,
                                           interlayerElectronicConductivity: nil)
        let j = 5.0, tEnd = 3600.0
        let n = 400_000
        var v = 0.0
        for i in 0..<n {
            let t = (Double(i) + 0.5) * tEnd / Double(n)
            v += p.molarVolume / Constants.faraday * max(0, j - c.supply(afterStripping: t)) * tEnd / Double(n)
        }
        let closed = LithiumInterface.voidVolume(from: 0, stripping: true, density: j, after: tEnd, conditions: c, parameters: p)
        assertLithiumRelative(closed, v, 1e-5, "void volume after 1 h")
    }

    /// PHYSICS.md §4 example: 0.5 mA/cm² against a constant supply of 0.1 mA/cm² for 10 min
    /// leaves 0.32 µm of voids, f_c = 0.68.
    func testContactFractionExampleOfPhysicsSection4() {
        let p = LithiumMetalParameters()
        let c = LithiumInterfaceConditions(exchangeCurrentDensity: 500, chargeTransferASR: 0, constrictionASR: 0,
                                           interlayerASR: 0, vacancySupplyCoefficient: 0, creepSupply: 1.0,
                                           interlayerElectronicConductivity: nil)
        let v = LithiumInterface.voidVolume(from: 0, stripping: true, density: 5, after: 600, conditions: c, parameters: p)
        assertLithiumRelative(v, 0.3234e-6, 1e-3, "void volume (m)")
        assertLithiumRelative(LithiumInterface.contactFraction(voidVolume: v, parameters: p), 0.677, 2e-3, "contact fraction")
        // Plating refills at r_fill·j (+ creep), never below zero.
        let refilled = LithiumInterface.voidVolume(from: v, stripping: false, density: 5, after: 600, conditions: c, parameters: p)
        let expected = v - p.molarVolume / Constants.faraday * (p.refillFraction * 5 + 1) * 600
        assertLithiumRelative(refilled, expected, 1e-12, "void volume after 10 min of plating")
        XCTAssertEqual(LithiumInterface.voidVolume(from: v, stripping: false, density: 5, after: 6000, conditions: c, parameters: p), 0)
    }

    /// Sand-type onset: voids start at t* = (π D_V/4)(F Δc*/j)² (PHYSICS.md §4), and the default
    /// Π gives 0.1 mA/cm² at 10 min.
    func testVoidOnsetTimeAndDefaultSupply() throws {
        let p = LithiumMetalParameters()
        let setup = try SymmetricCellModel(cell: C.symmetric(separator: C.llzSeparator), parameters: C.parameters).electrodes[0].setup
        let c = try setup.conditions(temperature: 298.15, pressure: 0, electrolyteResistivity: 13.3, parameters: p)
        assertLithiumRelative(c.supply(afterStripping: 600), 1.0, 0.02, "j_void(10 min) in A/m²")
        let j = 3.0
        let onset = Double.pi * p.lithiumVacancyDiffusivity / 4 * pow(Constants.faraday * p.vacancySupersaturation / j, 2)
        let before = LithiumInterface.voidVolume(from: 0, stripping: true, density: j, after: onset * 0.999, conditions: c, parameters: p)
        let after = LithiumInterface.voidVolume(from: 0, stripping: true, density: j, after: onset * 1.1, conditions: c, parameters: p)
        XCTAssertEqual(before, 0, "no voids before t* = \(onset) s")
        XCTAssertGreaterThan(after, 0, "voids after t*")
    }

    /// ASR_c ∝ P^(−1/2) below the Li hardness, ASR_min at and above it.
    func testConstrictionScalesWithInverseSquareRootOfPressure() throws {
        let p = C.parameters
        func constriction(_ pressure: Double) throws -> Double {
            let model = try SymmetricCellModel(cell: C.symmetric(separator: C.llzSeparator, pressure: pressure), parameters: p)
            return try model.conditions().sides[0].constrictionASR
        }
        assertLithiumRelative(try constriction(4e6) / constriction(1e6), 0.5, 1e-12, "ASR_c(4 MPa)/ASR_c(1 MPa)")
        assertLithiumRelative(try constriction(5e6), p.minimumConstrictionASR, 1e-12, "full contact at P = H")
        assertLithiumRelative(try constriction(400e6), p.minimumConstrictionASR, 1e-12, "full contact at 400 MPa")
        // No stack pressure: the assembly pressure applies.
        assertLithiumRelative(try constriction(0), try constriction(p.assemblyPressure), 1e-12, "assembly pressure floor")
    }

    /// One default spot density at the [seed-000] assembly pressure (5 kPa) gives both seeds' bare
    /// interfaces: Li | LLZTO ≈ 113 Ω·cm² per interface and Li | LLZ ≈ 296 Ω·cm² (bare CCD 0.2).
    func testDefaultContactReproducesSeedInterfaceASRs() throws {
        let llzto = try SymmetricCellModel(cell: C.symmetric(separator: C.llztoSeparator)).conditions().sides[0]
        print("Li | LLZTO at 5 kPa: \(llzto.fullContactASR / C.ohmcm2) ohm*cm^2 ([seed-000]: 113)")
        assertLithiumRelative(llzto.fullContactASR, 113 * C.ohmcm2, 0.1, "Li | LLZTO interface ASR")
        let llz = try SymmetricCellModel(cell: C.symmetric(separator: C.llzSeparator)).conditions().sides[0]
        assertLithiumRelative(llz.fullContactASR, 296 * C.ohmcm2, 0.01, "Li | LLZ interface ASR")
    }

    /// Interlayers act through fields: renaming a material changes nothing; changing a field does.
    func testInterlayerBehaviourFollowsFieldsNotNames() throws {
        var renamed = C.rtMCL
        renamed.identifier = "Mystery"
        renamed.name = "Mystery"
        var p = C.parameters
        p.materialExtras["Mystery"] = p.materialExtras["RT_MCL"]
        let a = try C.ccd(C.symmetric(separator: C.llzSeparator, interlayer: C.rtMCL))
        let b = try C.ccd(C.symmetric(separator: C.llzSeparator, interlayer: renamed), parameters: p)
        XCTAssertEqual(a.pass, b.pass, "same fields, same CCD")
        var leaky = renamed
        leaky.electronicConductivity = ThermalParameter(9.6e-6, law: .conductivity)
        let c = try C.ccd(C.symmetric(separator: C.llzSeparator, interlayer: leaky), parameters: p)
        XCTAssertLessThan(c.pass, b.pass, "an electronically conducting interlayer no longer blocks (model C)")
    }

    /// A Li-alloy interlayer with a larger `D_vacancy` supplies more Li: fewer voids when stripping.
    func testVacancyDiffusivityOfInterlayerRaisesSupply() throws {
        let strip: [StepModel] = [.current(.strip, .density(0.5 * C.mAcm2), limits: [.duration(3600)])]
        let (_, bare) = try C.run(strip, on: C.symmetric(separator: C.llzSeparator, asr: 20 * C.ohmcm2))
        let (_, alloy) = try C.run(strip, on: C.symmetric(separator: C.llzSeparator, interlayer: C.indium, asr: 20 * C.ohmcm2))
        let fBare = bare.electrodes[0].contactFraction(bare.parameters)
        let fAlloy = alloy.electrodes[0].contactFraction(alloy.parameters)
        XCTAssertLessThan(fBare, 0.9, "pure Li voids at 0.5 mA/cm² for 1 h")
        XCTAssertGreaterThan(fAlloy, fBare, "the alloy interlayer keeps more contact")
        // Arched stripping: |V| rises during the half-cycle.
        let record = try XCTUnwrap(bare.halfCycles.last)
        XCTAssertGreaterThan(record.maxOverpotential, 1.05 * record.meanOverpotential)
    }

    /// Stripping then plating: the stripped electrode's contact (and its interface ASR) worsens on
    /// stripping and recovers, partly, on plating ([seed-002]: ASR up on stripping, down on plating).
    func testContactFallsOnStrippingAndRecoversOnPlating() throws {
        let j = 0.2 * C.mAcm2
        let cell = C.symmetric(separator: C.llzSeparator, asr: 20 * C.ohmcm2)
        var model = try SymmetricCellModel(cell: cell, parameters: C.parameters)
        let recorder = Recorder(activeMass: 0)
        let context = StepContext(inheritedLimits: [], recorder: recorder)
        let fresh = try model.interfaceASRs()[0]
        _ = try model.runCurrent(.strip, .density(j), limits: [.duration(3600)], context: context)
        let stripped = try model.interfaceASRs()[0]
        let fStripped = model.electrodes[0].contactFraction(model.parameters)
        _ = try model.runCurrent(.plate, .density(j), limits: [.duration(3600)], context: context)
        let plated = try model.interfaceASRs()[0]
        let fPlated = model.electrodes[0].contactFraction(model.parameters)
        XCTAssertLessThan(fStripped, 0.6, "stripping 0.2 mA/cm² for 1 h voids pure Li")
        XCTAssertGreaterThan(stripped, fresh, "ASR rises on stripping")
        XCTAssertGreaterThan(fPlated, fStripped, "plating refills voids")
        XCTAssertLessThan(plated, stripped, "ASR falls on plating")
        XCTAssertGreaterThan(plated, fresh, "net increase per cycle (r_fill < 1)")
        var result = recorder.finish()
        model.appendResults(to: &result)
        let f1 = try XCTUnwrap(result.series.extra["contact_fraction_1"]).values
        XCTAssertEqual(f1.count, result.series.count)
        XCTAssertEqual(f1.last ?? 0, fPlated, accuracy: 1e-12, "trace ends at the model state")
    }
}
