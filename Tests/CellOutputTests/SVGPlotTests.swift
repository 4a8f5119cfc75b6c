import ComplexModule
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
@testable import CellNumerics
@testable import CellOutput

/// Collects what the tests look at: panel geometry, circle markers and every attribute value.
private final class SVGScan: NSObject, XMLParserDelegate {
    var panels: [[String: String]] = []
    var circles: [(x: Double, y: Double, fill: String)] = []
    var attributeValues: [String] = []
    var texts: [String] = []
    private var inText = false

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String]) {
        attributeValues += attributes.values
        if name == "g", attributes["class"] == "panel" { panels.append(attributes) }
        if name == "circle", let x = attributes["cx"].flatMap(Double.init), let y = attributes["cy"].flatMap(Double.init) {
            circles.append((x, y, attributes["fill"] ?? ""))
        }
        if name == "text" { inText = true; texts.append("") }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" { inText = false }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText, !texts.isEmpty { texts[texts.count - 1] += string }
    }

    static func parse(_ svg: String, file: StaticString = #filePath, line: UInt = #line) -> SVGScan {
        let scan = SVGScan()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = scan
        XCTAssertTrue(parser.parse(), "not well-formed XML: \(String(describing: parser.parserError))",
                      file: file, line: line)
        return scan
    }
}

private func numbers(_ text: String?) -> [Double] {
    (text ?? "").split(separator: " ").compactMap { Double($0) }
}

final class SVGPlotTests: XCTestCase {
    func testGalleryIsWellFormedAndFinite() {
        PlotGallery.writeIfRequested()
        for (name, svg) in PlotGallery.all() {
            let scan = SVGScan.parse(svg)
            XCTAssertTrue(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""), "\(name).svg root element")
            XCTAssertTrue(svg.contains("viewBox=\"0 0 640 "), "\(name).svg viewBox")
            for value in scan.attributeValues {
                XCTAssertFalse(value.lowercased().contains("nan") || value.lowercased().contains("inf"),
                               "\(name).svg has a non-finite attribute value `\(value)`")
            }
            XCTAssertFalse(scan.panels.isEmpty, "\(name).svg has no panel")
        }
    }

    func testNyquistAxesHaveEqualScales() throws {
        for plot in [PlotGallery.nyquist(),
                     NyquistPlot(title: "tall", spectra: [LabeledSpectrum("tall", ImpedanceSpectrum(
                        frequencies: [1, 2, 3], impedance: [Complex(10, -500), Complex(12, -200), Complex(20, -5)]))])] {
            let panel = try XCTUnwrap(SVGScan.parse(plot.svg()).panels.first)
            let frame = numbers(panel["data-frame"]), xr = numbers(panel["data-x-range"]), yr = numbers(panel["data-y-range"])
            XCTAssertEqual(frame.count, 4)
            let xScale = frame[2] / (xr[1] - xr[0])
            let yScale = frame[3] / (yr[1] - yr[0])
            let relative = abs(xScale - yScale) / xScale
            XCTAssertLessThan(relative, 1e-9, "px per ohm: x \(xScale), y \(yScale), relative difference \(relative)")
        }
    }

    func testNyquistOfParallelRCIsATrueSemicircle() throws {
        // R0 + (R ‖ C): a semicircle of radius R/2 centred at (R0 + R/2, 0) in the Z′, −Z″ plane.
        let (r0, r, c) = (50.0, 400.0, 1e-6)
        let frequencies = (0..<41).map { 1e5 * pow(10, -Double($0) / 8) }
        let impedance = frequencies.map { f in
            Complex(r0) + Complex(r) / (Complex(1) + Complex(0, 2 * .pi * f * r * c))
        }
        let svg = NyquistPlot(title: "RC", spectra: [LabeledSpectrum("", ImpedanceSpectrum(frequencies: frequencies,
                                                                                             impedance: impedance))]).svg()
        let scan = SVGScan.parse(svg)
        let panel = try XCTUnwrap(scan.panels.first)
        let frame = numbers(panel["data-frame"]), xr = numbers(panel["data-x-range"]), yr = numbers(panel["data-y-range"])
        let scale = frame[2] / (xr[1] - xr[0])
        let centre = (x: frame[0] + (r0 + r / 2 - xr[0]) * scale, y: frame[1] + frame[3] - (0 - yr[0]) * scale)
        let markers = scan.circles.filter { $0.fill == PlotStyle.palette[0] }
        XCTAssertEqual(markers.count, frequencies.count)
        let expected = r / 2 * scale
        for marker in markers {
            let observed = ((marker.x - centre.x) * (marker.x - centre.x) + (marker.y - centre.y) * (marker.y - centre.y)).squareRoot()
            XCTAssertEqual(observed, expected, accuracy: 0.05,
                           "pixel radius: expected \(expected), observed \(observed), error \(abs(observed - expected) / expected)")
        }
    }

    func testNyquistSwitchesToKiloOhm() {
        let spectrum = ImpedanceSpectrum(frequencies: [1, 10], impedance: [Complex(2e4, -1e4), Complex(1e4, -3e3)])
        let texts = SVGScan.parse(NyquistPlot(title: "", spectra: [LabeledSpectrum("", spectrum)]).svg()).texts
        XCTAssertTrue(texts.contains("Z′ / kΩ"), "axis labels: \(texts)")
        XCTAssertTrue(texts.contains("−Z″ / kΩ"))
    }

    func testNyquistDecadeAnnotations() {
        XCTAssertEqual(NyquistPlot.frequencyText(1e6), "1 MHz")
        XCTAssertEqual(NyquistPlot.frequencyText(1e5), "100 kHz")
        XCTAssertEqual(NyquistPlot.frequencyText(1), "1 Hz")
        XCTAssertEqual(NyquistPlot.frequencyText(0.1), "100 mHz")
        let spectrum = ImpedanceSpectrum(frequencies: [1.04e3, 900, 120, 10, 3],
                                         impedance: Array(repeating: Complex(1, -1), count: 5))
        XCTAssertEqual(NyquistPlot.decadePoints(spectrum), [0, 3], "1.04 kHz stands for 1 kHz; 120 Hz is too far from 100 Hz")
        let texts = SVGScan.parse(PlotGallery.nyquist().svg()).texts
        XCTAssertTrue(texts.contains("1 MHz"), "annotations drawn: \(texts)")
    }

    func testNonFinitePointsAreSkippedAndEmptyPlotsSayNoData() {
        let bad = LinePlot(title: "bad", x: Axis("x", scale: .log), y: Axis("y"),
                           series: [PlotSeries("", x: [-1, 0, 1, .nan, 10, 100], y: [1, 2, 3, 4, .infinity, 6],
                                               style: .lineAndMarkers)]).svg()
        let scan = SVGScan.parse(bad)
        XCTAssertEqual(scan.circles.count, 2, "only (1, 3) and (100, 6) are drawable")
        XCTAssertFalse(scan.attributeValues.contains { $0.lowercased().contains("nan") || $0.lowercased().contains("inf") })
        for svg in [LinePlot(title: "none", x: Axis("x"), y: Axis("y"), series: []).svg(),
                    LinePlot(title: "all bad", x: Axis("x"), y: Axis("y"),
                             series: [PlotSeries("s", x: [.nan], y: [1])]).svg(),
                    NyquistPlot(title: "", spectra: []).svg(), BodePlot(title: "", spectra: []).svg(),
                    ArrheniusPlot(title: "", series: []).svg(), CapacityPlot(title: "", series: []).svg()] {
            XCTAssertTrue(SVGScan.parse(svg).texts.contains("no data"))
        }
    }

    func testTextIsEscaped() {
        let svg = LinePlot(title: "a < b & \"c\" > 'd'", x: Axis("x <i>"), y: Axis("y"),
                           series: [PlotSeries("R&D", x: [0, 1], y: [0, 1])]).svg()
        let scan = SVGScan.parse(svg)
        XCTAssertTrue(scan.texts.contains("a < b & \"c\" > 'd'"))
        XCTAssertTrue(scan.texts.contains("x <i>"))
        XCTAssertTrue(scan.texts.contains("R&D"))
        XCTAssertTrue(svg.contains("a &lt; b &amp; &quot;c&quot; &gt; &#39;d&#39;"))
    }

    func testVerticalMarkerAndLegendAreDrawn() {
        let texts = SVGScan.parse(PlotGallery.criticalCurrent().svg()).texts
        XCTAssertTrue(texts.contains("short at 0.7 mA/cm²"))
        XCTAssertTrue(texts.contains("Li | LLZTO | Li"))
    }

    func testBodeHasTwoPanelsSharingTheFrequencyAxis() throws {
        let panels = SVGScan.parse(PlotGallery.bode().svg()).panels
        XCTAssertEqual(panels.count, 2)
        XCTAssertEqual(panels[0]["data-x-range"], panels[1]["data-x-range"])
        XCTAssertEqual(panels[0]["data-y-scale"], "log")
        XCTAssertEqual(panels[1]["data-y-scale"], "linear")
        let upper = numbers(panels[0]["data-frame"]), lower = numbers(panels[1]["data-frame"])
        XCTAssertLessThan(upper[1] + upper[3], lower[1], "panels must not overlap")
    }

    func testArrheniusMapsTemperatureToInverseAxisAndCelsiusTop() throws {
        let svg = ArrheniusPlot(title: "", series: [ArrheniusSeries("s", temperatures: [250, 500],
                                                                   conductivities: [1e-4, 1e-2])]).svg()
        let scan = SVGScan.parse(svg)
        let panel = try XCTUnwrap(scan.panels.first)
        let xr = numbers(panel["data-x-range"]), yr = numbers(panel["data-y-range"])
        XCTAssertLessThanOrEqual(xr[0], 2.0)
        XCTAssertGreaterThanOrEqual(xr[1], 4.0)
        XCTAssertLessThanOrEqual(yr[0], -4.0)
        XCTAssertGreaterThanOrEqual(yr[1], -2.0)
        XCTAssertTrue(scan.texts.contains("T / °C"))
        XCTAssertTrue(scan.texts.contains("log₁₀(σ / S cm⁻¹)"))
    }

    func testSameInputGivesSameSVG() {
        XCTAssertEqual(PlotGallery.nyquist().svg(), PlotGallery.nyquist().svg())
        XCTAssertEqual(PlotGallery.arrhenius().svg(), PlotGallery.arrhenius().svg())
    }
}

final class SVGRobustnessTests: XCTestCase {
    func testAbsurdSizesAndValuesNeverCrashOrLeakNonFinite() {
        let huge = PlotSeries("", x: [-1e308, 1e308, 0], y: [1e-308, -1e308, .greatestFiniteMagnitude], style: .lineAndMarkers)
        let svgs = [
            LinePlot(title: "t", x: Axis("x"), y: Axis("y"), series: [huge], width: .infinity, height: -3).svg(),
            LinePlot(title: "t", x: Axis("x", scale: .log, range: -1...0), y: Axis("y", range: 5...5), series: [huge]).svg(),
            LinePlot(title: "single", x: Axis("x"), y: Axis("y"), series: [PlotSeries("p", x: [2], y: [3], style: .markers)]).svg(),
            LinePlot(title: String(repeating: "a very long title ", count: 20), x: Axis("x"), y: Axis("y"),
                     series: [PlotSeries("c", x: [1, 2], y: [3.7, 3.7])]).svg(),
            NyquistPlot(title: "", spectra: [LabeledSpectrum("one", ImpedanceSpectrum(frequencies: [1], impedance: [Complex(5, 0)]))],
                        width: .nan).svg(),
            BodePlot(title: "", spectra: [LabeledSpectrum("zero", ImpedanceSpectrum(frequencies: [0, 1], impedance: [Complex(0, 0), Complex(.nan, 1)]))]).svg(),
            ArrheniusPlot(title: "", series: [ArrheniusSeries("neg", temperatures: [-5, 300], conductivities: [1, 0])]).svg(),
            ResidualPlot(title: "", frequencies: [1, 10], realResiduals: [.nan, 0], imaginaryResiduals: [0, 0]).svg(),
        ]
        for svg in svgs {
            let lowered = svg.lowercased()
            XCTAssertFalse(lowered.contains("nan") || lowered.contains("\"inf") || lowered.contains(" inf"),
                           "non-finite text in:\n\(svg.prefix(400))")
            let parser = XMLParser(data: Data(svg.utf8))
            XCTAssertTrue(parser.parse())
        }
    }

    func testRandomDataNeverCrashes() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        let specials: [Double] = [.nan, .infinity, -.infinity, 0, -0.0, 1e-300, -1e300, 1e300, .leastNonzeroMagnitude]
        for round in 0..<150 {
            let count = Int(next() * 30)
            let magnitude = pow(10, next() * 40 - 20)
            func value() -> Double {
                next() < 0.08 ? specials[Int(next() * Double(specials.count)) % specials.count] : (next() - 0.3) * magnitude
            }
            let series = (0..<Int(next() * 4)).map { k in
                PlotSeries("s\(k)", x: (0..<count).map { _ in value() }, y: (0..<count).map { _ in value() },
                           style: [.line, .markers, .lineAndMarkers][k % 3])
            }
            let plot = LinePlot(title: "round \(round)", x: Axis("x", scale: next() < 0.3 ? .log : .linear),
                                y: Axis("y", scale: next() < 0.3 ? .log : .linear), series: series,
                                verticalMarkers: [VerticalMarker(x: value(), label: "m")])
            let svg = plot.svg()
            XCTAssertTrue(XMLParser(data: Data(svg.utf8)).parse(), "round \(round)")
            XCTAssertFalse(svg.lowercased().contains("nan"), "round \(round)")
        }
    }

    func testExtremeSpectraNeverCrash() {
        let values: [Double] = [0, 1e-300, 1e300, -1e300, .nan, .infinity, 5, -5]
        for a in values {
            for b in values {
                let spectrum = ImpedanceSpectrum(frequencies: [1, 10, 100], impedance: [Complex(a, b), Complex(b, a), Complex(1, -1)])
                for svg in [NyquistPlot(title: "", spectra: [LabeledSpectrum("s", spectrum)], fits: [LabeledSpectrum("f", spectrum)]).svg(),
                            BodePlot(title: "", spectra: [LabeledSpectrum("s", spectrum)]).svg()] {
                    XCTAssertTrue(XMLParser(data: Data(svg.utf8)).parse(), "Z = \(a), \(b)")
                    XCTAssertFalse(svg.lowercased().contains("nan"), "Z = \(a), \(b)")
                }
            }
        }
    }
}
