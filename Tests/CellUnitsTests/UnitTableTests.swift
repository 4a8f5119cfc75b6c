import XCTest
@testable import CellUnits

final class UnitTableTests: XCTestCase {
    func testEveryCompletionSymbolResolves() {
        for symbol in UnitTable.allSymbols {
            XCTAssertNotNil(UnitTable.lookup(symbol), "`\(symbol)` is offered but does not resolve")
        }
        XCTAssertEqual(UnitTable.allSymbols, UnitTable.allSymbols.sorted())
        for expected in ["nm", "um", "µm", "mm", "cm", "mA", "mAh", "mV", "kPa", "MPa", "GPa",
                         "MHz", "kHz", "mS", "degC", "°C", "wt%", "vol%", "%", "C", "coulomb"] {
            XCTAssertTrue(UnitTable.allSymbols.contains(expected), "`\(expected)` missing")
        }
    }

    func testEverySIUnitTakesEveryPrefix() {
        let bases = ["m", "g", "s", "A", "K", "mol", "V", "ohm", "Ω", "S", "F", "H", "Hz", "Pa",
                     "N", "J", "W", "eV", "Ah", "Wh", "L", "coulomb"]
        let prefixes: [(String, Double)] = [("p", 1e-12), ("n", 1e-9), ("u", 1e-6), ("µ", 1e-6),
                                            ("μ", 1e-6), ("m", 1e-3), ("c", 1e-2), ("k", 1e3),
                                            ("M", 1e6), ("G", 1e9)]
        for base in bases {
            guard let unit = UnitTable.lookup(base) else {
                XCTFail("`\(base)` does not resolve")
                continue
            }
            for (prefix, factor) in prefixes {
                guard let prefixed = UnitTable.lookup(prefix + base) else {
                    XCTFail("`\(prefix + base)` does not resolve")
                    continue
                }
                XCTAssertEqual(prefixed.dimension, unit.dimension, prefix + base)
                assertClose(prefixed.scale, unit.scale * factor, prefix + base)
            }
        }
    }

    func testSIScalesOfBaseAndNonSIUnits() throws {
        let cases: [(String, Double)] = [
            ("m", 1), ("g", 1e-3), ("kg", 1), ("eV", 1.602176634e-19), ("Ah", 3600),
            ("mAh", 3.6), ("Wh", 3600), ("L", 1e-3), ("mL", 1e-6), ("min", 60), ("h", 3600),
            ("%", 0.01), ("wt%", 0.01), ("vol%", 0.01), ("C", 1), ("coulomb", 1), ("Ω", 1),
            ("ohm", 1), ("µm", 1e-6), ("μm", 1e-6), ("um", 1e-6),
        ]
        for (symbol, scale) in cases {
            let unit = try UnitTable.require(symbol)
            assertClose(unit.scale, scale, symbol)
        }
        XCTAssertEqual(UnitTable.lookup("C")?.dimension, Dimension(cRate: 1))
        XCTAssertEqual(UnitTable.lookup("coulomb")?.dimension, Dimension.charge)
        XCTAssertEqual(UnitTable.lookup("wt%")?.basis, .mass)
        XCTAssertEqual(UnitTable.lookup("vol%")?.basis, .volume)
        XCTAssertEqual(UnitTable.lookup("%")?.basis, FractionBasis.none)
        XCTAssertEqual(UnitTable.lookup("degC")?.offset, 273.15)
        XCTAssertEqual(UnitTable.lookup("°C")?.offset, 273.15)
    }

    func testExactSymbolsWinOverPrefixReadingsAndCaseMatters() {
        XCTAssertEqual(UnitTable.lookup("min")?.scale, 60)          // not milli-inch
        XCTAssertEqual(UnitTable.lookup("mol")?.dimension, .amount) // not milli-ol
        XCTAssertEqual(UnitTable.lookup("Pa")?.dimension, .pressure)
        XCTAssertEqual(UnitTable.lookup("mS")?.dimension, .conductance)
        XCTAssertEqual(UnitTable.lookup("ms")?.dimension, .time)
        XCTAssertEqual(UnitTable.lookup("Ms")?.scale, 1e6)
        XCTAssertEqual(UnitTable.lookup("h")?.dimension, .time)
        XCTAssertEqual(UnitTable.lookup("H")?.dimension, .inductance)
    }

    func testUnprefixableUnitsRefusePrefixes() {
        for symbol in ["mC", "kC", "mdegC", "kmin", "mh", "mwt%", "k%", "m°C", ""] {
            XCTAssertNil(UnitTable.lookup(symbol), "`\(symbol)` should not resolve")
            XCTAssertFalse(UnitTable.isUnitSymbol(symbol))
        }
    }

    func testSuggestionsForCommonMistakes() {
        XCTAssertEqual(UnitTable.suggestion(for: "Mpa"), "MPa")
        XCTAssertEqual(UnitTable.suggestion(for: "Ohm"), "ohm")
        XCTAssertEqual(UnitTable.suggestion(for: "sec"), "s")
        XCTAssertEqual(UnitTable.suggestion(for: "hr"), "h")
        XCTAssertEqual(UnitTable.suggestion(for: "celsius"), "degC")
        XCTAssertNil(UnitTable.suggestion(for: "furlongs"))
        assertUnitError("unknown unit `Mpa` (did you mean `MPa`?)") { try UnitTable.require("Mpa") }
        assertUnitError("unknown unit `furlongs`") { try UnitTable.require("furlongs") }
    }
}
