import ComplexModule
import Foundation
@testable import CellNumerics
@testable import CellOutput

/// Sample plots used by the SVG tests, and written to `$CELL_PLOT_GALLERY` (when set) so
/// they can be rendered and looked at.
enum PlotGallery {
    static func voltageCurves() -> LinePlot {
        let capacity = stride(from: 0.0, through: 140, by: 2).map { $0 }
        let charge = capacity.map { 3.7 + 0.4 * ($0 / 140) + 0.05 * sin($0 / 20) }
        let discharge = capacity.map { 4.05 - 0.45 * ($0 / 140) - 0.3 * pow($0 / 140, 8) }
        return LinePlot(title: "Formation, cycle 1", x: Axis("capacity / mAh g⁻¹"), y: Axis("voltage / V"),
                        series: [PlotSeries("charge", x: capacity, y: charge),
                                 PlotSeries("discharge", x: capacity, y: discharge, style: .lineAndMarkers)])
    }

    static func criticalCurrent() -> LinePlot {
        var t: [Double] = []
        var v: [Double] = []
        for step in 0..<60 {
            let time = Double(step) * 10
            t.append(time)
            let j = 0.1 + Double(step / 2) * 0.1
            v.append(step >= 14 ? 0.002 : (step % 2 == 0 ? 1 : -1) * 0.02 * j)
        }
        return LinePlot(title: "CCD test", x: Axis("current density / mA cm⁻²"), y: Axis("overpotential / V"),
                        series: [PlotSeries("Li | LLZTO | Li", x: t.map { 0.1 + $0 / 200 }, y: v)],
                        verticalMarkers: [VerticalMarker(x: 0.8, label: "short at 0.7 mA/cm²")], zeroLine: true)
    }

    /// R0 + (R1 ‖ C1) + (R2 ‖ C2) sampled log-evenly, `perDecade` points per decade from 10 MHz down to 0.1 Hz.
    static func twoArcs(r0: Double, r1: Double, c1: Double, r2: Double, c2: Double, perDecade: Int = 8) -> ImpedanceSpectrum {
        let decades = log10(1e7) - log10(0.1)
        let count = Int(decades * Double(perDecade)) + 1
        let frequencies = (0..<count).map { 1e7 * pow(10, -Double($0) / Double(perDecade)) }
        let impedance = frequencies.map { f -> Complex<Double> in
            let omega = 2 * Double.pi * f
            let arc1 = Complex(r1) / (Complex(1) + Complex(0, omega * r1 * c1))
            let arc2 = Complex(r2) / (Complex(1) + Complex(0, omega * r2 * c2))
            return Complex(r0) + arc1 + arc2
        }
        return ImpedanceSpectrum(frequencies: frequencies, impedance: impedance)
    }

    static func nyquist() -> NyquistPlot {
        let warm = twoArcs(r0: 120, r1: 850, c1: 2e-10, r2: 1400, c2: 3e-6)
        let cold = twoArcs(r0: 300, r1: 2600, c1: 2e-10, r2: 3900, c2: 3e-6)
        let fit = twoArcs(r0: 121, r1: 845, c1: 2.1e-10, r2: 1410, c2: 2.9e-6, perDecade: 40)
        return NyquistPlot(title: "LLZTO | LBOCl composite, EIS",
                           spectra: [LabeledSpectrum("90 °C", warm), LabeledSpectrum("25 °C", cold)],
                           fits: [LabeledSpectrum("fit R0-p(R1,C1)-p(R2,C2)", fit)], annotateDecades: true)
    }

    static func bode() -> BodePlot {
        let warm = twoArcs(r0: 120, r1: 850, c1: 2e-10, r2: 1400, c2: 3e-6)
        let fit = twoArcs(r0: 121, r1: 845, c1: 2.1e-10, r2: 1410, c2: 2.9e-6, perDecade: 40)
        return BodePlot(title: "Bode, 90 °C", spectra: [LabeledSpectrum("measured", warm)],
                        fits: [LabeledSpectrum("fit", fit)])
    }

    static func residuals() -> ResidualPlot {
        let f = (0..<60).map { 1e6 * pow(10, -Double($0) / 8) }
        return ResidualPlot(title: "Kramers–Kronig residuals", frequencies: f,
                            realResiduals: f.indices.map { 0.6 * sin(Double($0) / 4) },
                            imaginaryResiduals: f.indices.map { -0.4 * cos(Double($0) / 5) })
    }

    static func arrhenius() -> ArrheniusPlot {
        let kB = 8.617333262e-5
        func sigma(_ t: Double, _ s25: Double, _ ea: Double) -> Double { s25 * exp(-ea / kB * (1 / t - 1 / 298.15)) }
        let measured = [298.15, 313.15, 333.15, 353.15, 373.15, 393.15]
        let model = stride(from: 290.0, through: 400, by: 5).map { $0 }
        return ArrheniusPlot(title: "Li2.985B0.005OCl", series: [
            ArrheniusSeries("measured", temperatures: measured, conductivities: measured.map { sigma($0, 6.8e-5, 0.51) * (1 + 0.05 * sin($0)) }),
            ArrheniusSeries("Ea = 0.51 eV", temperatures: model, conductivities: model.map { sigma($0, 6.8e-5, 0.51) }, style: .line),
            ArrheniusSeries("LLZTO", temperatures: measured, conductivities: measured.map { sigma($0, 4e-4, 0.38) }, style: .lineAndMarkers),
        ])
    }

    static func capacity() -> CapacityPlot {
        CapacityPlot(title: "Capacity retention, 0.05 C", series: [
            CapacitySeries("0 wt% LBOCl", values: (0..<50).map { 120 * pow(0.985, Double($0)) }),
            CapacitySeries("10 wt% LBOCl", values: (0..<50).map { 135 * pow(0.995, Double($0)) }),
        ])
    }

    static func longRun() -> LinePlot {
        let t = stride(from: 0.0, through: 3.6e5, by: 600).map { $0 }
        return LinePlot(title: "Plating/stripping, 0.5 mA/cm², 1000 h", x: Axis("t / s"), y: Axis("U / mV"),
                        series: [PlotSeries("Li | Au | LLZTO | Au | Li", x: t, y: t.map { 12 * sin($0 / 3600 * .pi) + $0 / 3.6e4 })],
                        verticalMarkers: [VerticalMarker(x: 3.2e5, label: "voltage noise onset"),
                                          VerticalMarker(x: 3.5e5, label: "short")])
    }

    static func logLog() -> LinePlot {
        let f = (0..<50).map { pow(10, Double($0) / 7 - 1) }
        let series = (0..<7).map { k in
            PlotSeries("D = \(k + 1)e-12 cm²/s, r = \(5 * (k + 1)) µm", x: f, y: f.map { 1e3 / pow($0, 0.5 + Double(k) * 0.05) },
                       style: k % 2 == 0 ? .line : .lineAndMarkers, dashed: k == 6)
        }
        return LinePlot(title: "Diffusion impedance magnitude", x: Axis("f / Hz", scale: .log),
                        y: Axis("|Z_W| / Ω", scale: .log), series: series)
    }

    static func all() -> [(String, String)] {
        [("voltage", voltageCurves().svg()), ("ccd", criticalCurrent().svg()),
         ("empty", LinePlot(title: "Nothing", x: Axis("x"), y: Axis("y"), series: []).svg()),
         ("nyquist", nyquist().svg()), ("bode", bode().svg()), ("residuals", residuals().svg()),
         ("arrhenius", arrhenius().svg()), ("capacity", capacity().svg()),
         ("nyquist-empty", NyquistPlot(title: "", spectra: []).svg()),
         ("long-run", longRun().svg()), ("log-log", logLog().svg())]
    }

    static func writeIfRequested() {
        guard let folder = ProcessInfo.processInfo.environment["CELL_PLOT_GALLERY"] else { return }
        let directory = OutputDirectory(root: folder)
        for (name, svg) in all() { _ = try? directory.write(svg, to: name + ".svg") }
        let table = DataTable.timeSeries(time: [0, 0.1, 3600, 1e-7], voltage: [3.7, 4.2, 1 / 3, -0.0],
                                         current: [1e-4, -2.5e-3, 0, 6.02214076e23],
                                         capacity: [0, 1e-9, 0.1 + 0.2, 5e-324], temperature: [298.15, 363.15, 300, 1e300])
        _ = try? directory.export(table, to: "sample.csv")
        _ = try? directory.export(table, to: "sample.json")
        let spectrum = DataTable(columns: [DataColumn(name: "note", text: ["a, \"b\"", "line\nbreak", " pad ", "µΩ"])])
        _ = try? directory.export(spectrum, to: "text.csv")
        _ = try? directory.export(spectrum, to: "text.json")
        _ = try? sampleReport().write(to: directory)
    }

    static func sampleReport() -> Report {
        Report(title: "ACLB formation <draft>", recipeName: "aclb.cell",
               recipeSource: "let r = run formation on aclb\nprint r.discharge_capacity[0] in mAh/g // <b>&\n",
               cellScriptVersion: "0.1.0",
               printedResults: ["discharge_capacity[0] = 131.2 mAh/g"],
               plots: [ReportPlot(caption: "Nyquist, 90 °C", svg: nyquist().svg())],
               expectations: [
                   ReportExpectation(position: "aclb.cell:3:1", expression: "r.discharge_capacity[0] ≈ 130 mAh/g",
                                     expected: "130 mAh/g", observed: "131.2 mAh/g", tolerance: "5%", passed: true),
                   ReportExpectation(position: "aclb.cell:4:1", expression: "c.ccd > 1 mA/cm^2",
                                     expected: "> 1 mA/cm²", observed: "0.7 mA/cm²", tolerance: "", passed: false),
               ],
               parameters: [ReportParameter(name: "LBOCl.sigma_ion", value: "6.8e-5 S/cm at 25 °C",
                                            source: "recipe line 3")])
    }
}
