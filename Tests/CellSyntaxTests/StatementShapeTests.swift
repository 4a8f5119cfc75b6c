import CellSyntax
import XCTest

final class StatementShapeTests: XCTestCase {
    func testNewlinesEndStatementsButNotOpenBrackets() {
        XCTAssertEqual(statements("let a = x\n-1"), ["(let a x)", "(- 1)"])
        XCTAssertEqual(statements("let a = f\n(1)"), ["(let a f)", "1"])
        XCTAssertEqual(statements("let a = xs\n[0]"), ["(let a xs)", "(list 0)"])
        XCTAssertEqual(statements("let a = r\n  .capacity"), ["(let a (. r capacity))"])
        XCTAssertEqual(statements("let a = (x\n-1)"), ["(let a (- x 1))"])
        XCTAssertEqual(statements("let a = f(1,\n  2)"), ["(let a (call f 1 2))"])
        XCTAssertEqual(statements("let a = 1 +\n  2"), ["(let a (+ 1 2))"])
        XCTAssertEqual(statements("let a =\n  2"), ["(let a 2)"])
        XCTAssertEqual(statements("let a = 5\nmm"), ["(let a 5)", "mm"], "a unit must be on the number's line")
        XCTAssertEqual(statements("let a = 1; let b = 2;"), ["(let a 1)", "(let b 2)"])
    }

    func testByteOrderMarkAndCRLF() {
        let text = "\u{FEFF}let x = 1\r\nprotocol p {\r\n  rest for 1 h\r\n}\r\n"
        XCTAssertEqual(statements(text), ["(let x 1)", "(protocol p (rest (for 1[h])))"])
        let (_, bag) = parseSource("\u{FEFF}let x = \r\nlet y = 2")
        XCTAssertEqual(bag.diagnostics.count, 1)
        let location = bag.diagnostics.first?.span.map { $0.file.location(of: $0.start) }
        XCTAssertEqual(location?.line, 1)
        // The error sits just after `=` (byte 10: 3 BOM bytes + 7).
        XCTAssertEqual(bag.diagnostics.first?.span?.start, 10)
    }

    func testFunctions() {
        XCTAssertEqual(statements("fn f(a, b = 1) = a + b"), ["(fn f (params a b=1) (+ a b))"])
        XCTAssertEqual(statements("fn g(a) {\n  let c = a * 2\n  return c\n}"),
                       ["(fn g (params a) (block (let c (* a 2)) (return c)))"])
        XCTAssertEqual(statements("fn h()\n{ return 1 }"), ["(fn h (params) (block (return 1)))"])
    }

    func testControlFlowAndPrint() {
        XCTAssertEqual(statements("for x in [1, 2] { print x, x * 2 }"),
                       ["(for x (list 1 2) (block (print x (* x 2))))"])
        XCTAssertEqual(statements("if a { print 1 } else if b { print 2 } else { print 3 }"),
                       ["(if a (block (print 1)) (block (if b (block (print 2)) (block (print 3)))))"])
        XCTAssertEqual(statements("if a {\n}\nelse {\n}"), ["(if a (block) (block))"])
        XCTAssertEqual(statements("use \"stdlib/x.cell\""), ["(use \"stdlib/x.cell\")"])
    }

    func testExpect() {
        XCTAssertEqual(statements("expect a ≈ b within 10%"), ["(expect≈ a b 10[%])"])
        XCTAssertEqual(statements("expect a ~= 1 mV within 1e-9"), ["(expect≈ a 1[mV] 1e-09)"])
        XCTAssertEqual(statements("expect a < b"), ["(expect (< a b))"])
        XCTAssertEqual(statements("expect a == b and c"), ["(expect (and (== a b) c))"])
    }

    func testExportAndPlot() {
        XCTAssertEqual(statements("export r to \"formation.csv\""), ["(export r \"formation.csv\")"])
        XCTAssertEqual(statements("plot r.voltage vs r.capacity to \"f.svg\""),
                       ["(plot (. r voltage) vs (. r capacity) \"f.svg\")"])
        XCTAssertEqual(statements("plot arrhenius(LBOCl, from 25 degC to 120 degC) to \"a.svg\""),
                       ["(plot (call arrhenius LBOCl (range 25[degC] 120[degC])) \"a.svg\")"])
    }

    func testMaterialFieldsAndReferenceTemperature() {
        XCTAssertEqual(statements(LanguageExamplesTests.sectionMaterials), [
            "(material LBOCl from Li3OCl (= name \"Li2.985B0.005OCl\") (= sigma_ion 6.8e-05[S cm^-1] @ 25[degC]) "
                + "(= Ea 0.51[eV]) (= sigma_e 5.2e-09[S cm^-1]) (= E 7.8[GPa]) (= T_melt 267[degC]))",
        ])
        XCTAssertEqual(statements("material LLZTO_at(rho = 95 %) from LLZTO { density_rel = rho }"),
                       ["(material LLZTO_at (params rho=95[%]) from LLZTO (= density_rel rho))"])
        XCTAssertEqual(statements("material W { window = 1.7 V to 2.1 V }"),
                       ["(material W (= window (range 1.7[V] 2.1[V])))"])
    }

    func testCellDeclaration() {
        let cell = statements(LanguageExamplesTests.sectionCell)
        XCTAssertEqual(cell, [
            "(cell aclb (params w=10[wt%]) (= area (* pi (^ 5[mm] 2))) (= temperature 90[degC]) (= pressure 0[MPa]) "
                + "(layer anode (spec Li (= thickness 450[um]))) "
                + "(interlayer wetting (spec Au (= thickness 20[nm]))) "
                + "(layer separator (spec (call composite LLZTO: (- 100[%] w) LBOCl: w) (= thickness 1[mm]) (= grain_size 5[um]))) "
                + "(layer cathode (spec (call composite LCO: 55[wt%] LLZTO: 25[wt%] LBOCl: 20[wt%]) (= loading 1.85[mg cm^-2]) "
                + "(coating LCO (spec LBOCl (= thickness 10[nm]))))) "
                + "(interface anode separator (= asr 208[ohm cm^2])) (interface separator cathode (= asr 386[ohm cm^2])))",
        ])
        XCTAssertEqual(statements("cell c {\n  let t = 1 mm\n  layer s = LLZTO\n  { thickness = t }\n}"),
                       ["(cell c (let t 1[mm]) (layer s (spec LLZTO (= thickness t))))"])
    }

    func testProtocolSteps() {
        XCTAssertEqual(statements(LanguageExamplesTests.sectionProtocols), [
            "(protocol formation (repeat 50 (steps (charge 0.05[C] (until 4.1[V])) (rest (for 10[min])) (discharge 0.05[C] (until 3[V])))))",
            "(protocol cccv (charge 0.5[C] (until 4.2[V])) (hold 4.2[V] (until 0.05[C])))",
            "(protocol eis90 (eis 7[MHz] 1[Hz] (per-decade 10) (amplitude 50[mV])))",
            "(protocol ccd_test (ccd 0.1[mA cm^-2] 2.5[mA cm^-2] 0.1[mA cm^-2] 10[min] half-cycle))",
            "(protocol plating (repeat 1000 (steps (plate 0.5[mA cm^-2] (for 1[h])) (strip 0.5[mA cm^-2] (for 1[h])))))",
            "(protocol gitt (repeat-until 4.3[V] (steps (charge 0.1[C] (for 10[min])) (rest (for 1[h])))))",
            "(protocol electronic (polarize 0.4[V] (for 1[h])) (polarize 0.6[V] (for 1[h])) (polarize 0.8[V] (for 1[h])))",
            "(protocol rates (for r (list 0.1 0.2 0.5 1 2)[C] (steps (repeat 3 (steps (charge 0.1[C] (until 4.3[V])) (discharge r (until 2.6[V])))))))",
            "(protocol insitu (repeat 5 (steps (charge 0.05[C] (until 4.1[V])) (eis 1[MHz] 1[Hz]) (discharge 0.05[C] (until 3[V])) (eis 1[MHz] 1[Hz]))))",
        ])
    }

    func testMoreSteps() {
        XCTAssertEqual(statements("protocol p(T = 25 degC) {\n  set temperature T; set pressure 5 MPa\n  rest until 0.1 mA for 1 h\n  ccd from 1 mA to 2 mA step 1 mA, 1 h per cycle\n}"),
                       ["(protocol p (params T=25[degC]) (set temperature T) (set pressure 5[MPa]) (rest (until 0.1[mA]) (for 1[h])) (ccd 1[mA] 2[mA] 1[mA] 1[h] cycle))"])
        XCTAssertEqual(statements("protocol q { eis from 1 MHz to 1 Hz, amplitude 10 mV, 5 per decade }"),
                       ["(protocol q (eis 1[MHz] 1[Hz] (per-decade 5) (amplitude 10[mV])))"])
        XCTAssertEqual(statements("protocol r { for c in 0.1 C to 0.3 C step 0.1 C { charge at c for 1 h } }"),
                       ["(protocol r (for c (range 0.1[C] 0.3[C] 0.1[C]) (steps (charge c (for 1[h])))))"])
        XCTAssertEqual(statements("for i in 1 to 10 step 2 { print i }"),
                       ["(for i (range 1 10 2) (block (print i)))"])
        XCTAssertEqual(statements("let step = 1; let rest = step + 1"), ["(let step 1)", "(let rest (+ step 1))"],
                       "step words are contextual")
    }

    func testSectionSevenAndEightShapes() {
        XCTAssertEqual(statements(LanguageExamplesTests.sectionCircuits).prefix(4), [
            "(let c (circuit \"R0-p(R1,CPE1)-p(R2,CPE2)-Wo1\"))",
            "(let data (load eis \"data/ce.csv\"))",
            "(let f1 (fit c data))",
            "(let f2 (fit (call aclb w: 10[wt%]) data (vary (. separator grain_size) (. (call interface anode separator) asr))))",
        ])
        XCTAssertEqual(statements(LanguageExamplesTests.sectionRunning).suffix(3), [
            "(plot (. r voltage) vs (. r capacity) \"formation.svg\")",
            "(plot (call nyquist z (run eis90 aclb)) \"nyquist.svg\")",
            "(plot (call arrhenius LBOCl (range 25[degC] 120[degC])) \"arrhenius.svg\")",
        ])
    }
}
