import CellDiagnostics
import CellSyntax
import CellUnits
import XCTest
@testable import CellRuntime

/// Evaluator behaviour asserted on message cases and values (the golden tree asserts the text).
final class EvaluatorTests: XCTestCase {
    static let stdlib = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("stdlib").path

    /// Runs source and returns printed lines and diagnostics.
    func run(_ source: String, mode: RunOptions.Mode = .run) -> (lines: [String], diagnostics: [Diagnostic], interpreter: Interpreter) {
        var lines: [String] = []
        let interpreter = Interpreter(options: RunOptions(mode: mode, stdlibDirectory: Self.stdlib)) { lines.append($0) }
        XCTAssertTrue(interpreter.loadStdlib().isEmpty, "stdlib failed to load")
        let file = SourceFile(path: "test.cell", text: source)
        let bag = DiagnosticBag()
        let program = Parser.parse(file, diagnostics: bag)
        if !bag.hasErrors { interpreter.execute(program, diagnostics: bag) }
        return (lines, bag.diagnostics, interpreter)
    }

    func message(_ source: String, mode: RunOptions.Mode = .run) -> RuntimeMessage? {
        run(source, mode: mode).diagnostics.first?.message as? RuntimeMessage
    }

    func testQuantityArithmeticKeepsUnits() {
        XCTAssertEqual(run("print 1 mm + 2 um in um").lines, ["1002 um"])
        XCTAssertEqual(run("print (5 mm)^2 in mm^2").lines, ["25 mm^2"])
        XCTAssertEqual(run("print 53 ohm * 1 cm^2").lines, ["53 ohm*cm^2"])
    }

    func testDimensionErrorIsPositionedAtTheExpression() throws {
        let d = try XCTUnwrap(run("let a = 1\nlet x = 1 mm + 2 S").diagnostics.first)
        guard case .unitError(let text)? = d.message as? RuntimeMessage else { return XCTFail("wrong case \(d.message)") }
        XCTAssertTrue(text.hasPrefix("cannot add `length` (mm) and `conductance` (S)"), text)
        let span = try XCTUnwrap(d.span)
        XCTAssertEqual(span.file.location(of: span.start).line, 2)
        XCTAssertEqual(span.file.location(of: span.start).column, 9)
    }

    func testUndefinedNameSuggestsClosest() {
        XCTAssertEqual(message("let sigma = 1 S/cm\nprint sigam"), .undefinedName("sigam", suggestion: "sigma"))
    }

    func testUnknownFieldSuggestsVocabulary() {
        XCTAssertEqual(message("material X from LLZTO { sigma_ionic = 1 S/cm }"),
                       .unknownField(field: "sigma_ionic", owner: "material `X`", suggestion: "sigma_ion"))
    }

    func testFieldDimensionIsChecked() {
        guard case .fieldDimension(let field, _, let expected, _)? = message("cell c { layer a = Li { thickness = 5 V } }\nprint c") else {
            return XCTFail("expected a field dimension error")
        }
        XCTAssertEqual(field, "thickness")
        XCTAssertEqual(expected, "a length")
    }

    func testArrheniusAtTemperatureFormA() throws {
        let r = run("print LBOCl.sigma_ion at 90 degC in S/cm")
        XCTAssertEqual(r.diagnostics.count, 0)
        let value = try XCTUnwrap(Double(try XCTUnwrap(r.lines.first?.split(separator: " ").first)))
        XCTAssertEqual(value, 1.95e-3, accuracy: 0.01 * 1.95e-3, "PHYSICS.md §1 worked example")
    }

    func testCompositeFractionsMustAddUp() {
        guard case .compositeFractions? = message("let m = composite(LLZTO: 80 wt%, LBOCl: 10 wt%)") else {
            return XCTFail("expected a composite fraction error")
        }
        XCTAssertNil(run("let m = composite(LLZTO: 90 wt%, LBOCl: 10 wt%)").diagnostics.first)
    }

    func testCellStackNotationAndParameters() {
        let src = """
            cell c(w = 10 wt%) {
              layer anode = Li { thickness = 450 um }
              interlayer wetting = Au { thickness = 20 nm }
              layer separator = composite(LLZTO: 100 % - w, LBOCl: w) { thickness = 1 mm }
            }
            print c, c(w: 20 wt%).separator.thickness
            """
        XCTAssertEqual(run(src).lines, ["Li | Au | LLZTO+LBOCl 1 mm"])
    }

    func testExpectOutcomes() {
        let r = run("expect 1 mm ≈ 1.05 mm within 10%\nexpect 1 mm ≈ 1.5 mm within 10%\nexpect 2 V > 1 V")
        XCTAssertEqual(r.interpreter.expects.map(\.passed), [true, false, true])
        XCTAssertTrue(r.interpreter.expects[1].detail.contains("observed 1 mm, expected 1.5 mm within 10 %"),
                      r.interpreter.expects[1].detail)
    }

    func testCheckModeContinuesAfterErrorsAndSkipsSimulation() {
        let r = run("let a = 1 mm + 1 V\nlet b = 1 V + 1 mm\nprotocol p { rest for 1 h }\nlet x = run p on symmetric(Li, layer LLZ { thickness = 1 mm })\nprint x",
                    mode: .check)
        XCTAssertEqual(r.diagnostics.count, 2, "check mode reports every independent error")
        XCTAssertEqual(r.lines.count, 1)
        XCTAssertTrue(r.lines[0].contains("known after simulation"))
    }

    func testRecursionIsBounded() {
        XCTAssertEqual(message("fn f(n) = f(n + 1)\nprint f(0)"), .recursionTooDeep(limit: RuntimeLimits.maxCallDepth))
    }

    func testRangeExpansionIsExactInCount() {
        let r = run("print len(0.1 mA/cm^2 to 2.5 mA/cm^2 step 0.1 mA/cm^2)")
        XCTAssertEqual(r.lines, ["25"], "0.1 to 2.5 step 0.1 has 25 elements despite round-off")
    }

    func testTablesRowsAndColumns() {
        let r = run("let t = table for x in [1, 2, 3] mm { x: x, y: 2 * x }\nprint t[1].y, t.x, argmax(t.y)")
        XCTAssertEqual(r.lines, ["4 mm [1 mm, 2 mm, 3 mm] 2"])
    }

    func testUseIsConfinedToTheRecipeFolder() {
        guard case .readOutsideAllowed? = message("use \"/etc/hostname\"") else {
            return XCTFail("reading outside the recipe folder must be refused")
        }
    }
}

/// docs/fields.md must list every field the checker knows.
final class FieldDocumentationTests: XCTestCase {
    func testEveryFieldIsDocumented() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/fields.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        for owner in [FieldCatalog.Owner.material, .layer, .interface, .cell] {
            for field in FieldCatalog.fields(of: owner) {
                XCTAssertTrue(text.contains("| `\(field.name)` |"), "docs/fields.md does not document `\(field.name)` (\(owner))")
            }
        }
    }
}
