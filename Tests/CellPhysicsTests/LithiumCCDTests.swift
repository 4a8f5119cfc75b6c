import XCTest
@testable import CellPhysics

/// Critical current density: seed orderings and magnitudes, trends, the short and long cycling
/// (PHYSICS.md §5, issue 6).
final class LithiumCCDTests: XCTestCase {
    typealias C = LithiumTestCells

    /// [seed-001]: bare LLZ 0.2 < In 0.7 < HT-MCL 1.2 < RT-MCL 1.8 mA/cm² (j_pass), one
    /// parameter set per material; magnitudes within ±50 %.
    func testChenOrderingAndMagnitudes() throws {
        let cases: [(String, MaterialModel?, Double)] = [("bare", nil, 0.2), ("In", C.indium, 0.7),
                                                         ("HT-MCL", C.htMCL, 1.2), ("RT-MCL", C.rtMCL, 1.8)]
        var previous = 0.0
        for (name, interlayer, measured) in cases {
            let ccd = try C.ccd(C.symmetric(separator: C.llzSeparator, interlayer: interlayer))
            print("[seed-001] \(name): simulated j_pass \(ccd.pass) mA/cm², j_fail \(ccd.fail ?? .nan), measured \(measured)")
            XCTAssertGreaterThan(ccd.pass, previous, "\(name) must exceed the previous cell")
            assertLithiumRelative(ccd.pass, measured, 0.5, "\(name) CCD (mA/cm²)")
            XCTAssertNotNil(ccd.fail, "\(name) shorts within the staircase")
            previous = ccd.pass
        }
    }

    /// [seed-000]: Li/LLZTO/Li 0.6 < Li/CE/Li 0.8 mA/cm² with 20 nm Au, ASR 113 vs 104 Ω·cm² per interface.
    func testFengLLZTOBelowCompositeElectrolyte() throws {
        let llzto = try C.ccd(C.symmetric(separator: C.llztoSeparator, interlayer: C.gold, interlayerThickness: 20e-9,
                                          asr: 113 * C.ohmcm2))
        let ce = try C.ccd(C.symmetric(separator: C.ceSeparator, interlayer: C.gold, interlayerThickness: 20e-9,
                                       asr: 104 * C.ohmcm2))
        print("[seed-000] LLZTO \(llzto.pass) (measured 0.6), CE \(ce.pass) (measured 0.8) mA/cm²")
        XCTAssertLessThan(llzto.pass, ce.pass)
        assertLithiumRelative(llzto.pass, 0.6, 0.5, "LLZTO CCD")
        assertLithiumRelative(ce.pass, 0.8, 0.5, "CE CCD")
    }

    /// CCD rises as the interface ASR falls.
    func testCCDRisesWithLowerInterfaceASR() throws {
        var last = (pass: 0.0, predicted: 0.0)
        for asr in [300.0, 200, 120, 80] {
            let cell = C.symmetric(separator: C.llzSeparator, interlayer: C.rtMCL, asr: asr * C.ohmcm2)
            let ccd = try C.ccd(cell)
            let predicted = try SymmetricCellModel(cell: cell, parameters: C.parameters).predictedCriticalCurrentDensity().value
            XCTAssertGreaterThanOrEqual(ccd.pass, last.pass, "staircase CCD at \(asr) Ω·cm²")
            XCTAssertGreaterThan(predicted, last.predicted, "predicted CCD at \(asr) Ω·cm²")
            last = (ccd.pass, predicted)
        }
        XCTAssertGreaterThan(last.pass, 0.5)
    }

    /// CCD rises with temperature (σ(T), i0(T), D_V(T), CCD_C(T)); [seed-002]: 0.05 → 14 mA/cm².
    func testCCDRisesWithTemperature() throws {
        var last = (pass: 0.0, predicted: 0.0)
        var passes: [Double] = []
        for celsius in [0.0, 25, 50, 80] {
            let cell = C.symmetric(separator: C.llzSeparator, temperature: 273.15 + celsius)
            let ccd = try C.ccd(cell)
            let predicted = try SymmetricCellModel(cell: cell, parameters: C.parameters).predictedCriticalCurrentDensity().value
            XCTAssertGreaterThanOrEqual(ccd.pass, last.pass, "staircase CCD at \(celsius) °C")
            XCTAssertGreaterThan(predicted, last.predicted, "predicted CCD at \(celsius) °C")
            last = (ccd.pass, predicted)
            passes.append(ccd.pass)
        }
        print("bare LLZ CCD at 0/25/50/80 °C: \(passes) mA/cm²")
        let hot = try SymmetricCellModel(cell: C.symmetric(separator: C.llzSeparator, temperature: 433.15), parameters: C.parameters)
        print("bare LLZ predicted CCD at 160 °C: \(try hot.predictedCriticalCurrentDensity().value / C.mAcm2) mA/cm² ([seed-002]: 14)")
        XCTAssertGreaterThan(passes.last ?? 0, 2 * (passes.first ?? 0))
    }

    /// CCD rises with stack pressure (constriction ∝ P^(−1/2), creep supply).
    func testCCDRisesWithStackPressure() throws {
        var last = (pass: 0.0, predicted: 0.0)
        var llz = C.llz   // an electronically tight garnet, so that model C does not cap the trend
        llz.electronicConductivity = ThermalParameter(1e-11, law: .conductivity)
        for megapascal in [0.005, 0.02, 0.08, 0.3] {
            let cell = C.symmetric(separator: C.layer("separator", llz, thickness: 0.5e-3), pressure: megapascal * 1e6)
            let ccd = try C.ccd(cell)
            let predicted = try SymmetricCellModel(cell: cell, parameters: C.parameters).predictedCriticalCurrentDensity().value
            XCTAssertGreaterThanOrEqual(ccd.pass, last.pass, "staircase CCD at \(megapascal) MPa")
            XCTAssertGreaterThan(predicted, last.predicted, "predicted CCD at \(megapascal) MPa")
            last = (ccd.pass, predicted)
        }
    }

    /// CCD rises as the electronic conductivity of the electrolyte (its GB phase) falls.
    func testCCDRisesWithLowerElectronicConductivity() throws {
        var last = (pass: 0.0, predicted: 0.0)
        for sigmaE in [1e-4, 1e-5, 1e-6, 1e-7] {
            var llz = C.llz
            llz.electronicConductivity = ThermalParameter(sigmaE, law: .conductivity)
            let cell = C.symmetric(separator: C.layer("separator", llz, thickness: 0.5e-3), asr: 20 * C.ohmcm2)
            let ccd = try C.ccd(cell)
            let predicted = try SymmetricCellModel(cell: cell, parameters: C.parameters).predictedCriticalCurrentDensity().value
            XCTAssertGreaterThanOrEqual(ccd.pass, last.pass, "staircase CCD at σ_e = \(sigmaE) S/m")
            XCTAssertGreaterThan(predicted, last.predicted, "predicted CCD at σ_e = \(sigmaE) S/m")
            last = (ccd.pass, predicted)
        }
    }

    /// After the short the electrolyte is an electronic shunt: |V| collapses below 5 mV, the
    /// staircase stops and the detector finds the short in the simulated trace.
    func testShortCollapsesVoltageAndIsDetected() throws {
        let (result, model) = try C.run(C.chenStaircase, on: C.symmetric(separator: C.llzSeparator))
        let shortAt = try XCTUnwrap(result.scalar("short_at")).value
        XCTAssertEqual(model.shortCircuitTime, shortAt)
        XCTAssertEqual(model.shortCriterion, .focusing)
        let last = try XCTUnwrap(result.series.voltage.last)
        XCTAssertLessThan(abs(last), 0.005, "shorted voltage")
        let lastHealthy = try XCTUnwrap(result.series.voltage.lastIndex { abs($0) > 0.01 })
        XCTAssertEqual(result.series.time[lastHealthy], shortAt, accuracy: 1e-9, "the trace holds the voltage just before the short")
        let detection = try XCTUnwrap(ShortDetector.detect(time: result.series.time, voltage: result.series.voltage,
                                                           current: result.series.current))
        XCTAssertEqual(detection.kind, .hard)
        XCTAssertEqual(detection.time, shortAt, accuracy: 1e-6)
        // The short happened t_prop after plating began at 0.3 mA/cm² (the failing step).
        XCTAssertEqual(try XCTUnwrap(result.scalar("ccd_fail")).value, 3.0, accuracy: 1e-9)
        XCTAssertEqual(shortAt.truncatingRemainder(dividingBy: 600), model.parameters.propagationTime, accuracy: 1e-6)
    }

    /// A short in an ordinary current step: the step continues with the collapsed voltage.
    func testShortDuringPlatingStep() throws {
        let (result, model) = try C.run([.current(.plate, .density(1.0 * C.mAcm2), limits: [.duration(600)])],
                                        on: C.symmetric(separator: C.llzSeparator))
        assertLithiumRelative(try XCTUnwrap(model.shortCircuitTime), model.parameters.propagationTime, 1e-12, "short time")
        XCTAssertLessThan(abs(try XCTUnwrap(result.series.voltage.last)), 0.005)
        XCTAssertEqual(result.series.time.last ?? 0, 600, accuracy: 1e-9, "the step still runs to its end")
    }

    /// [seed-001] RT-MCL: 2000 h at 0.5 mA/cm² (1 h half-cycles) without a short; 800 h at
    /// 0.7 mA/cm² with ≈50 mV. Counts samples and half-cycles (the benchmark times the same run).
    func testLongCyclingRTMCL() throws {
        let cell = C.symmetric(separator: C.llzSeparator, interlayer: C.rtMCL)
        let j = 0.5 * C.mAcm2
        let protocolSteps: [StepModel] = [.repeatCount(1000, [.current(.plate, .density(j), limits: [.duration(3600)]),
                                                                .current(.strip, .density(j), limits: [.duration(3600)])])]
        let (result, model) = try C.run(protocolSteps, on: cell)
        XCTAssertNil(model.shortCircuitTime, "RT-MCL survives 2000 h at 0.5 mA/cm²")
        XCTAssertEqual(model.halfCycles.count, 2000)
        XCTAssertEqual(result.series.count, 1 + 2000 * (model.parameters.samplesPerHalfCycle + 1))
        XCTAssertEqual(model.time, 2000 * 3600, accuracy: 1e-6)
        XCTAssertEqual(result.cycles.count, 1000)
        let table = try XCTUnwrap(result.tables.first { $0.name == "half_cycles" })
        XCTAssertEqual(table.columns.count, 7)
        XCTAssertEqual(table.columns[0].values.count, 2000)

        let high = 0.7 * C.mAcm2
        let (long, longModel) = try C.run([.repeatCount(400, [.current(.plate, .density(high), limits: [.duration(3600)]),
                                                               .current(.strip, .density(high), limits: [.duration(3600)])])],
                                          on: cell)
        XCTAssertNil(longModel.shortCircuitTime, "RT-MCL survives 800 h at 0.7 mA/cm²")
        let eta = try XCTUnwrap(long.scalar("overpotential")).value
        print("[seed-001] RT-MCL overpotential at 0.7 mA/cm²: \(eta * 1000) mV (measured ≈ 50 mV)")
        assertLithiumRelative(eta, 0.050, 0.5, "overpotential at 0.7 mA/cm²")
    }

    /// `set temperature` between steps changes the ohmic drop through σ(T).
    func testTemperatureStepChangesOverpotential() throws {
        let j = 0.05 * C.mAcm2
        let (_, model) = try C.run([.current(.plate, .density(j), limits: [.duration(600)]),
                                    .setTemperature(333.15),
                                    .current(.plate, .density(j), limits: [.duration(600)])],
                                   on: C.symmetric(separator: C.llzSeparator, asr: 10 * C.ohmcm2))
        XCTAssertLessThan(model.halfCycles[1].meanOverpotential, 0.6 * model.halfCycles[0].meanOverpotential)
    }

    /// Voltage limits end a step by bisection.
    func testVoltageLimitIsLocated() throws {
        // Stripping pure Li at 0.5 mA/cm²: |V| rises as voids grow; stop at −0.1 V.
        let (result, _) = try C.run([.current(.strip, .density(0.5 * C.mAcm2), limits: [.voltage(-0.1), .duration(7200)])],
                                    on: C.symmetric(separator: C.llzSeparator, asr: 20 * C.ohmcm2))
        let v = try XCTUnwrap(result.series.voltage.last)
        XCTAssertEqual(v, -0.1, accuracy: 1e-6)
        XCTAssertLessThan(result.series.time.last ?? 7200, 7200)
    }
}
