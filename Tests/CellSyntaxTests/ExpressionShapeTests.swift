import CellDiagnostics
import CellSyntax
import XCTest

/// Tree shapes, via the S-expression printer: `(op left right)`, quantities `1[mA cm^-2]`.
final class ExpressionShapeTests: XCTestCase {
    func testPrecedenceLowestFirst() {
        XCTAssertEqual(expression("a or b and c"), "(or a (and b c))")
        XCTAssertEqual(expression("not a == b and c or d"), "(or (and (not (== a b)) c) d)")
        XCTAssertEqual(expression("a + b * c"), "(+ a (* b c))")
        XCTAssertEqual(expression("a - b - c"), "(- (- a b) c)")
        XCTAssertEqual(expression("a / b * c"), "(* (/ a b) c)")
        XCTAssertEqual(expression("a < b + 1"), "(< a (+ b 1))")
        XCTAssertEqual(expression("a · b"), "(* a b)")
    }

    func testPowerIsRightAssociativeAndBindsTighterThanUnaryMinus() {
        XCTAssertEqual(expression("-2^2"), "(- (^ 2 2))")
        XCTAssertEqual(expression("2^3^2"), "(^ 2 (^ 3 2))")
        XCTAssertEqual(expression("2^-1"), "(^ 2 (- 1))")
        XCTAssertEqual(expression("a * -b"), "(* a (- b))")
        XCTAssertEqual(expression("-x^2"), "(- (^ x 2))")
        XCTAssertEqual(expression("(5 mm)²"), "(^ 5[mm] 2)")
    }

    func testPostfixChains() {
        XCTAssertEqual(expression("a.b(c)[d].e"), "(. (index (call (. a b) c) d) e)")
        XCTAssertEqual(expression("f(a, b: c)"), "(call f a b: c)")
        XCTAssertEqual(expression("composite(LLZTO: 100 % - w, LBOCl: w)"),
                       "(call composite LLZTO: (- 100[%] w) LBOCl: w)")
        XCTAssertEqual(expression("interface(anode, separator).asr"), "(. (call interface anode separator) asr)")
        XCTAssertEqual(expression("r.table"), "(. r table)")
    }

    func testUnitsAfterNumbers() {
        XCTAssertEqual(expression("1 mA/cm^2"), "1[mA cm^-2]")
        XCTAssertEqual(expression("5 Ω·cm²"), "5[Ω cm^2]")
        XCTAssertEqual(expression("386 ohm*cm^2"), "386[ohm cm^2]")
        XCTAssertEqual(expression("1 s^-1"), "1[s^-1]")
        XCTAssertEqual(expression("2 m⁻¹"), "2[m^-1]")
        XCTAssertEqual(expression("25 °C"), "25[degC]")
        XCTAssertEqual(expression("[0, 5, 10] wt%"), "(list 0 5 10)[wt%]")
        XCTAssertEqual(expression("[0.1, 0.2] C"), "(list 0.1 0.2)[C]")
        XCTAssertEqual(expression("100 % - w"), "(- 100[%] w)")
        XCTAssertEqual(expression("10 vol%"), "10[vol%]")
        XCTAssertEqual(expression("6.8e-5 S/cm"), "6.8e-05[S cm^-1]")
    }

    func testUnitStopsWhereMultiplicationStarts() {
        XCTAssertEqual(expression("2 mm * x"), "(* 2[mm] x)")
        XCTAssertEqual(expression("2 mm * 3"), "(* 2[mm] 3)")
        XCTAssertEqual(expression("pi * (5 mm)^2"), "(* pi (^ 5[mm] 2))")
        XCTAssertEqual(expression("1 mm^x"), "(^ 1[mm] x)")
        XCTAssertEqual(expression("2 mm * m2"), "(* 2[mm] m2)", "spaced: a variable named `m2`")
        XCTAssertEqual(expression("2 mA / s2"), "(/ 2[mA] s2)")
        let (_, bag) = parseSource("2 `mm`")
        XCTAssertEqual(bag.diagnostics.first?.message as? SyntaxMessage, .missingSeparator,
                       "a quoted name is never a unit")
    }

    func testSlashFoldsLeftToRight() {
        XCTAssertEqual(expression("1 J/mol/K"), "1[J mol^-1 K^-1]")
        XCTAssertEqual(expression("1 J/mol*K"), "1[J mol^-1 K]")
        XCTAssertEqual(expression("1 mAh/g"), "1[mAh g^-1]")
    }

    func testConversion() {
        XCTAssertEqual(expression("x in mAh/g"), "(in x [mAh g^-1])")
        XCTAssertEqual(expression("x in %"), "(in x [%])")
        XCTAssertEqual(expression("x in Ω·cm²"), "(in x [Ω cm^2])")
        XCTAssertEqual(expression("a + b in mm"), "(in (+ a b) [mm])")
        XCTAssertEqual(expression("a in mm < b"), "(< (in a [mm]) b)")
    }

    func testRangesAndAt() {
        XCTAssertEqual(expression("0.1 mA/cm^2 to 2.5 mA/cm^2 step 0.1 mA/cm^2"),
                       "(range 0.1[mA cm^-2] 2.5[mA cm^-2] 0.1[mA cm^-2])")
        XCTAssertEqual(expression("1.7 V to 2.1 V"), "(range 1.7[V] 2.1[V])")
        XCTAssertEqual(expression("from 25 degC to 120 degC"), "(range 25[degC] 120[degC])")
        XCTAssertEqual(expression("arrhenius(LBOCl, from 25 degC to 120 degC step 5 K)"),
                       "(call arrhenius LBOCl (range 25[degC] 120[degC] 5[K]))")
        XCTAssertEqual(expression("LBOCl.sigma_ion at 90 degC"), "(at (. LBOCl sigma_ion) 90[degC])")
        XCTAssertEqual(expression("a at 300 K + 10 K"), "(at a (+ 300[K] 10[K]))")
    }

    func testRunFitLoadCircuitLayerTable() {
        XCTAssertEqual(expression("run formation on aclb"), "(run formation aclb)")
        XCTAssertEqual(expression("run eis90 on aclb at 25 degC"), "(run eis90 aclb 25[degC])")
        XCTAssertEqual(expression("run ccd_test on symmetric(Li, aclb.separator, area: 1 cm^2)"),
                       "(run ccd_test (call symmetric Li (. aclb separator) area: 1[cm^2]))")
        XCTAssertEqual(expression("fit c to data"), "(fit c data)")
        XCTAssertEqual(expression("fit aclb(w: 10 wt%) to data vary [separator.grain_size, interface(anode, separator).asr]"),
                       "(fit (call aclb w: 10[wt%]) data (vary (. separator grain_size) (. (call interface anode separator) asr)))")
        XCTAssertEqual(expression("load eis \"data/ce.csv\""), "(load eis \"data/ce.csv\")")
        XCTAssertEqual(expression("load(x)"), "(call load x)", "`load` is contextual")
        XCTAssertEqual(expression("circuit \"R0-p(R1,CPE1)\""), "(circuit \"R0-p(R1,CPE1)\")")
        XCTAssertEqual(expression("circuit"), "circuit")
        XCTAssertEqual(expression("layer composite(LLZTO: 90 wt%, LBOCl: 10 wt%) { thickness = 1 mm }"),
                       "(layer (spec (call composite LLZTO: 90[wt%] LBOCl: 10[wt%]) (= thickness 1[mm])))")
        XCTAssertEqual(expression("table for x in [0, 5] wt% { w: x, s: f(x) }"),
                       "(table x (list 0 5)[wt%] (record w: x s: (call f x)))")
        XCTAssertEqual(expression("table \"ocp.csv\""), "(call table \"ocp.csv\")")
    }

    func testLiteralsAndRecords() {
        XCTAssertEqual(expression("{w: 10 wt%, sigma: s}"), "(record w: 10[wt%] sigma: s)")
        XCTAssertEqual(expression("{\n  a: 1\n  b: 2,\n}"), "(record a: 1 b: 2)")
        XCTAssertEqual(expression("[1, 2,]"), "(list 1 2)")
        XCTAssertEqual(expression("[]"), "(list)")
        XCTAssertEqual(expression("true and false"), "(and true false)")
        XCTAssertEqual(expression("`Li2.985B0.005OCl`.E"), "(. Li2.985B0.005OCl E)")
    }

    func testSpansCoverTheSource() {
        let (program, _) = parseSource("let x = 1 mA/cm^2 + f(a)")
        guard case .let(_, let value)? = program.statements.first?.kind else {
            return XCTFail("expected a let")
        }
        XCTAssertEqual(value.span.text, "1 mA/cm^2 + f(a)")
        guard case .binary(_, let left, _) = value.kind, case .quantity(_, let unit) = left.kind else {
            return XCTFail("expected a sum of a quantity")
        }
        XCTAssertEqual(unit.text, "mA/cm^2")
        XCTAssertEqual(unit.factors.map(\.symbol), ["mA", "cm"])
        XCTAssertEqual(unit.factors.map(\.exponent), [1, -2])
    }

    func testParseExpressionEntryPoint() {
        let bag = DiagnosticBag()
        let e = Parser.parseExpression(SourceFile(path: "<arg>", text: "7 MHz"), diagnostics: bag)
        XCTAssertEqual(e?.sExpression, "7[MHz]")
        XCTAssertNil(Parser.parseExpression(SourceFile(path: "<arg>", text: "7 MHz )"), diagnostics: bag))
        XCTAssertEqual(bag.diagnostics.count, 1)
    }
}
