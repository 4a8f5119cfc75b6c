import CellNumerics
import ComplexModule
import XCTest
@testable import CellData

/// Plain CSV: header names, separators, sign flips, units, headerless files, and the
/// `csvText` round trip.
final class DelimitedTests: XCTestCase {
    private func read(_ text: String, _ name: String = "data.csv") throws -> EISData {
        try EISFileReader.parse(data: [UInt8](text: text), fileName: name)
    }

    private func assertPoints(_ data: EISData, _ expected: [(Double, Double, Double)],
                              file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(data.spectrum.count, expected.count, file: file, line: line)
        for (index, point) in expected.enumerated() where index < data.spectrum.count {
            assertClose(data.spectrum.frequencies[index], point.0, "frequency \(index)", file: file, line: line)
            assertClose(data.spectrum.impedance[index].real, point.1, "Z' \(index)", file: file, line: line)
            assertClose(data.spectrum.impedance[index].imaginary, point.2, "Z'' \(index)", file: file, line: line)
        }
    }

    func testHeaderNameVariants() throws {
        let expected = [(1000.0, 10.0, -2.0), (1.0, 20.0, -8.0)]
        let variants = [
            "freq,Re(Z),Im(Z)\n1000,10,-2\n1,20,-8\n",
            "Frequency (Hz),Z' (Ohm),Z'' (Ohm)\n1000,10,-2\n1,20,-8\n",
            "f\tZreal\tZimag\n1000\t10\t-2\n1\t20\t-8\n",
            "Freq Zre Zim\n1000 10 -2\n1 20 -8\n",
            "frequency_Hz,Zre_ohm,Zim_ohm\n1000,10,-2\n1,20,-8\n",
            "\"Frequency\",\"Z'\",\"Z''\"\n1000,10,-2\n1,20,-8\n",
            "Freq/Hz, Z'/ohm, Z\"/ohm\n1000, 10, -2\n1, 20, -8\n",
            "Hz,Zr,Zi\n1000,10,-2\n1,20,-8\n",
            "Z',Z'',f\n10,-2,1000\n20,-8,1\n",
            "Frequency [Hz];Z′ [Ω];Z″ [Ω]\n1000;10;-2\n1;20;-8\n",
        ]
        for text in variants {
            assertPoints(try read(text), expected)
        }
    }

    /// −Z'' columns (`-Z''`, `-Im(Z)`, `-Zimag`, with a Unicode minus too) are flipped so that
    /// capacitive points come out with Z'' < 0.
    func testNegatedImaginaryColumnsAreFlipped() throws {
        let expected = [(1000.0, 10.0, -2.0), (1.0, 20.0, -8.0)]
        for header in ["f,Z',-Z''", "freq/Hz,Re(Z)/Ohm,-Im(Z)/Ohm", "Frequency,Zreal,-Zimag",
                       "f,Z',\u{2212}Z''", "f, Z', -Z\""] {
            assertPoints(try read("\(header)\n1000,10,2\n1,20,8\n"), expected)
        }
    }

    func testSemicolonsWithDecimalCommas() throws {
        let data = try read("Frequency (Hz);Z' (Ω);-Z'' (Ω)\n1000,5;10,25;2,5\n0,1;20;8\n")
        assertPoints(data, [(1000.5, 10.25, -2.5), (0.1, 20, -8)])
    }

    func testUnitsAreScaledToHertzAndOhm() throws {
        let data = try read("f (kHz),Z' (kOhm),Z'' (mΩ)\n2,1.5,-300\n")
        assertPoints(data, [(2000, 1500, -0.3)])
        let milli = try read("freq/mHz,Re(Z)/MOhm,-Im(Z)/Ohm\n500,2,1\n")
        assertPoints(milli, [(0.5, 2e6, -1)])
        let mega = try read("freq/MHz,Zre,Zim\n1.5,1,-1\n")
        assertPoints(mega, [(1.5e6, 1, -1)])
    }

    /// Without Z' and Z'', |Z| and phase (degrees unless stated) give Z = |Z|·e^{jφ}.
    func testModulusAndPhase() throws {
        let data = try read("f,|Z| (ohm),Phase (deg)\n10,2,-90\n20,4,0\n")
        XCTAssertEqual(data.spectrum.count, 2)
        guard data.spectrum.count == 2 else { return }
        // Z' = 2·cos(−π/2) is 1.2e-16 in floating point, so it is compared absolutely.
        XCTAssertEqual(data.spectrum.impedance[0].real, 0, accuracy: 1e-15)
        assertClose(data.spectrum.impedance[0].imaginary, -2, "Z'' from |Z| = 2, phase −90°")
        assertClose(data.spectrum.impedance[1].real, 4, "Z' from |Z| = 4, phase 0°")
        XCTAssertEqual(data.spectrum.impedance[1].imaginary, 0)
        let negated = try read("f,Z/ohm,-Phase/rad\n10,2,\(Double.pi / 2)\n")
        XCTAssertEqual(negated.spectrum.impedance[0].imaginary, -2, accuracy: 1e-15)
    }

    func testHeaderlessSeparators() throws {
        let expected = [(1000.0, 10.0, -2.0), (1.0, 20.0, -8.0)]
        for text in ["1000,10,-2\n1,20,-8\n", "1000;10;-2\n1;20;-8\n", "1000\t10\t-2\n1\t20\t-8\n",
                     "  1000   10  -2\n1 20 -8\n", "1e3,1e1,-2e0\r\n1,20,-8\r\n", "# comment\n\n1000,10,-2\n\n1,20,-8\n"] {
            let data = try read(text)
            assertPoints(data, expected)
            XCTAssertEqual(data.format, "delimited text")
            XCTAssertEqual(data.warnings.count, 1)
        }
        assertPoints(try read("1000;10,5;-2,25\n"), [(1000, 10.5, -2.25)])
    }

    func testCSVTextFormatAndExactRoundTrip() throws {
        let spectrum = ImpedanceSpectrum(
            frequencies: [1e5, 0.1, 1.0 / 3, 1e-5],
            impedance: [Complex(10, -0.0), Complex(1e-20, -123.456), Complex(0.1 + 0.2, -1e300), Complex(Double.leastNonzeroMagnitude, 7)])
        let text = csvText(spectrum)
        XCTAssertEqual(text, """
            frequency_Hz,Zre_ohm,Zim_ohm
            100000.0,10.0,-0.0
            0.1,1e-20,-123.456
            0.3333333333333333,0.30000000000000004,-1e+300
            1e-05,5e-324,7.0

            """)
        let back = try read(text, "out.csv")
        XCTAssertEqual(back.format, "delimited text")
        XCTAssertEqual(back.warnings, [])
        XCTAssertEqual(back.spectrum.frequencies.map(\.bitPattern), spectrum.frequencies.map(\.bitPattern))
        XCTAssertEqual(back.spectrum.real.map(\.bitPattern), spectrum.real.map(\.bitPattern))
        XCTAssertEqual(back.spectrum.imaginary.map(\.bitPattern), spectrum.imaginary.map(\.bitPattern))
    }

    func testCSVTextOfAnInstrumentFile() throws {
        let data = try EISFileReader.parse(data: Fixture.sample("exampleDataGamry.DTA"), fileName: "g.DTA")
        let rows = csvText(data.spectrum).split(separator: "\n")
        XCTAssertEqual(rows.count, 73)
        XCTAssertEqual(rows.first, "frequency_Hz,Zre_ohm,Zim_ohm")
        XCTAssertEqual(rows.dropFirst().first, "200015.6,825.8584,-1367.239")
        XCTAssertEqual(rows.last, "0.0158898,17007.49,-6635.557")
    }

    func testFieldSplittingAndNumberParsing() {
        XCTAssertEqual(FieldSeparator.tab.split("\t0\t1\t2\t"), ["0", "1", "2"])
        XCTAssertEqual(FieldSeparator.comma.split("a, \"b c\" ,,d,,"), ["a", "b c", "", "d"])
        XCTAssertEqual(NumberParser.parse("1.5e-3", decimalComma: false), .value(1.5e-3))
        XCTAssertEqual(NumberParser.parse("\u{2212}2", decimalComma: false), .value(-2))
        XCTAssertEqual(NumberParser.parse("1,5", decimalComma: true), .value(1.5))
        XCTAssertEqual(NumberParser.parse("1,5", decimalComma: false), .notANumber)
        XCTAssertEqual(NumberParser.parse("1.234,5", decimalComma: true), .notANumber)
        XCTAssertEqual(NumberParser.parse("0x1p3", decimalComma: false), .notANumber)
        XCTAssertEqual(NumberParser.parse(".5", decimalComma: false), .value(0.5))
        XCTAssertEqual(NumberParser.parse("5.", decimalComma: false), .value(5))
        XCTAssertEqual(NumberParser.parse("1e", decimalComma: false), .notANumber)
        XCTAssertEqual(NumberParser.parse("-", decimalComma: false), .notANumber)
        XCTAssertEqual(NumberParser.parse("", decimalComma: false), .notANumber)
        XCTAssertEqual(NumberParser.parse("NaN", decimalComma: false), .nonFinite)
        XCTAssertEqual(NumberParser.parse("-inf", decimalComma: false), .nonFinite)
        XCTAssertEqual(NumberParser.parse("1e400", decimalComma: false), .nonFinite)
    }

    func testColumnNameReadings() {
        XCTAssertEqual(EISColumnRole.classify("-Im(Z)/Ohm")?.role, .negatedImaginary)
        XCTAssertEqual(EISColumnRole.classify("Re(Y)/Ohm-1")?.role, nil)
        XCTAssertEqual(EISColumnRole.classify("Z2 Real")?.role, nil)
        XCTAssertEqual(EISColumnRole.classify("Freq(Hz)")?.unit, "Hz")
        XCTAssertEqual(EISColumnRole.classify("Z''(b)")?.role, .imaginary)
        XCTAssertEqual(EISColumnRole.classify("Z\"/ohm")?.role, .imaginary)
        XCTAssertEqual(EISColumnRole.classify("Z/ohm")?.role, .modulus)
        XCTAssertEqual(TraceColumnRole.classify("time/h")?.unit, "h")
        XCTAssertEqual(TraceColumnRole.classify("step time/s")?.role, nil)
        XCTAssertEqual(TraceColumnRole.classify("control/V/mA")?.role, nil)
        XCTAssertEqual(TraceColumnRole.classify("U (mV)")?.unit, "mV")
    }
}
