import XCTest
import CellSyntax

/// The inline snippets of LANGUAGE.md §1–§8 (placeholders such as `...` filled in).
final class InlineExamplesTests: XCTestCase {
    static let snippets: [String] = [
        // §1 quantity literals and Unicode spellings
        "let q = [20 nm, 6.8e-5 S/cm, 386 ohm*cm^2, 0.1 mA/cm^2, 90 degC, 7 MHz, 10 min, 1.85 mg/cm^2, 0.05 C, 4.1 V, 50 MPa, 0.51 eV, 7.8 GPa, 10 wt%, 30 vol%]",
        "let r = 5 Ω·cm²; let d = 3 µm + 2 μm; let t = 25 °C",
        "let n = [12, 0.5, 6.8e-5, 1_000]",
        "material `Li2.985B0.005OCl` from Li3OCl { name = \"Li2.985B0.005OCl\" }",
        "let s = \"tab\\there, quote \\\" and backslash \\\\ and newline\\n\"",
        "/* block /* nested */ still comment */ let x = 1 // to end of line",
        // §2
        "let ok = 1 mm + 2 nm",
        "print R in ohm*cm^2",
        "let w = [0, 5, 10] wt%",
        // §3
        "let name = 1 + 2",
        "print a, b, c",
        "expect a ≈ b within 10%",
        "expect a ~= b within 1 mV",
        "expect a ≈ b within 1e-9",
        "expect a < b",
        "expect a == b",
        "let e = (a + b - c * d / f ^ 2 < 3) and not (x or y)",
        "let c = f(a, b: c)",
        "let m = r.capacity",
        "let i = xs[0]",
        "let l = [a, b]",
        "let rec = {w: 10 wt%, sigma: s}",
        "let rg = 0.1 mA/cm^2 to 2.5 mA/cm^2 step 0.1 mA/cm^2",
        "fn name(a, b = default) = a + b",
        "fn name(a) { let statements = a * 2; return statements }",
        "for x in list { print x }",
        "if cond { print 1 } else { print 2 }",
        "let t = table for x in list { col: x, col2: x * 2 }",
        "print t[0], t.col, max(t.col), argmax(t.col)",
        "print LBOCl.sigma_ion at 90 degC",
        "print pi, k_B, q_e, faraday, R_gas, N_A, eps0, exp(1), ln(2), log10(3), sqrt(4), abs(-1), sum(xs), mean(xs), len(xs)",
        "use \"path/file.cell\"",
        // §4
        "material LLZTO_at(rho = 95 %) from LLZTO { density_rel = rho }",
        "material W from LLZTO { window = 1.7 V to 2.1 V; kind = electrolyte; ocp = table \"ocp.csv\" }",
        // §5
        "let a2 = aclb(w: 20 wt%)",
        "let r = run formation on aclb",
        """
        cell full(solder = LBOCl) {
          layer cathode = composite(LCO: 55 wt%, LLZTO: 25 wt%, solder: 20 wt%) { loading = 1 mg/cm^2 }
          process = "hot-pressed 400 degC, 50 MPa, 1 h"
        }
        """,
        "let sep = layer composite(LLZTO: 90 wt%, LBOCl: 10 wt%) { thickness = 1 mm }",
        "let s = aclb.separator",
        "let sym = symmetric(Li, sep, area: 1 cm^2, temperature: 25 degC, asr: 10 ohm*cm^2)",
        "let bl = blocking(Au, sep, area: 1 cm^2)",
        // §6
        "protocol settings { set temperature 25 degC; set pressure 5 MPa }",
        "protocol cycled { discharge at 1 mA until 3 V; charge at 0.1 mA/cm^2 until 10 mAh }",
        // §8
        "print aclb.circuit",
    ]

    func testEverySnippetParses() {
        for snippet in Self.snippets {
            let (program, bag) = parseSource(snippet)
            XCTAssertTrue(bag.diagnostics.isEmpty, "in \(snippet):\n\(rendered(bag))")
            XCTAssertFalse(program.statements.isEmpty, snippet)
        }
    }
}
