import CellDiagnostics
import CellRuntime
import Foundation
import XCTest

/// The golden tree (STYLE.md, after Apple Pkl): every `Golden/input/<feature>/x.cell` is run and
/// its printed output compared with `Golden/output/<feature>/x.out`, its diagnostics (rendered,
/// with positions) with `x.err`. Re-record with `RECORD_GOLDENS=1 swift test --filter GoldenTests`.
final class GoldenTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" }

    /// Every input recipe, as `feature/name.cell`.
    static func inputs() -> [String] {
        let input = root.appendingPathComponent("input")
        let e = FileManager.default.enumerator(atPath: input.path)
        var found: [String] = []
        while let p = e?.nextObject() as? String {
            if p.hasSuffix(".cell") { found.append(p) }
        }
        return found.sorted()
    }

    /// Runs one golden input and returns (stdout, rendered diagnostics).
    static func run(_ relative: String, outputDirectory: String) -> (out: String, err: String) {
        let inputURL = root.appendingPathComponent("input").appendingPathComponent(relative)
        let text = (try? String(contentsOf: inputURL, encoding: .utf8))
            ?? String(decoding: (try? Data(contentsOf: inputURL)) ?? Data(), as: UTF8.self)
        let file = SourceFile(path: relative, text: text)
        var printed: [String] = []
        let options = RunOptions(mode: relative.hasPrefix("check/") ? .check : .run, outputDirectory: outputDirectory,
                                 stdlibDirectory: packageRoot.appendingPathComponent("stdlib").path)
        let report = Recipe.run(file: file, root: inputURL.deletingLastPathComponent().path, options: options) {
            printed.append($0)
        }
        let renderer = DiagnosticRenderer(color: false)
        var err = renderer.render(report.diagnostics)
        for e in report.expects where !e.passed { err += renderer.render(e.diagnostic) }
        let summary = report.expects.isEmpty ? "" : "expects: \(report.expects.filter(\.passed).count) passed, \(report.failedExpects.count) failed\n"
        // The output folder is a fresh temporary path: messages that name it read `<out>`; the
        // checkout's own path never reaches a golden (it differs between machines).
        func portable(_ text: String) -> String {
            text.replacingOccurrences(of: outputDirectory, with: "<out>")
                .replacingOccurrences(of: root.appendingPathComponent("input").path + "/", with: "")
        }
        return (portable(printed.map { $0 + "\n" }.joined() + summary), portable(err))
    }

    func testGoldenTree() throws {
        let inputs = Self.inputs()
        XCTAssertGreaterThan(inputs.count, 0, "no golden inputs found under \(Self.root.path)")
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("cell-golden-\(getpid())")
        defer { try? FileManager.default.removeItem(at: tmp) }
        var mismatches: [String] = []
        for relative in inputs {
            let (out, err) = Self.run(relative, outputDirectory: tmp.appendingPathComponent(relative).path)
            let base = Self.root.appendingPathComponent("output").appendingPathComponent(relative).deletingPathExtension()
            for (ext, actual) in [("out", out), ("err", err)] {
                let url = base.appendingPathExtension(ext)
                if Self.recording {
                    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    if actual.isEmpty { try? FileManager.default.removeItem(at: url) } else { try actual.write(to: url, atomically: true, encoding: .utf8) }
                    continue
                }
                let expected = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
                if expected != actual {
                    mismatches.append("\(relative) (.\(ext)):\n--- expected\n\(expected)--- actual\n\(actual)")
                }
            }
        }
        if !mismatches.isEmpty {
            XCTFail("\(mismatches.count) golden mismatch(es); re-record with RECORD_GOLDENS=1 if intended:\n\n" + mismatches.joined(separator: "\n"))
        }
    }

    /// Inputs under `robustness/` that are odd but valid and must run without an error (line
    /// ends and byte-order marks as editors write them).
    static let acceptedRobustnessInputs: Set<String> = [
        "robustness/accepted_bom.cell", "robustness/accepted_bom_crlf.cell", "robustness/accepted_crlf.cell",
        "robustness/accepted_tabs_and_unicode.cell",
    ]

    /// Error goldens must actually contain an error, and the language and stdlib goldens none
    /// (`check/` and `expect-fail/` may have either): a golden that
    /// silently changed kind would otherwise go unnoticed.
    func testErrorGoldensHaveErrorsAndPassGoldensDoNot() {
        for relative in Self.inputs() {
            let base = Self.root.appendingPathComponent("output").appendingPathComponent(relative).deletingPathExtension()
            let err = (try? String(contentsOf: base.appendingPathExtension("err"), encoding: .utf8)) ?? ""
            if relative.hasPrefix("errors/") {
                XCTAssertTrue(err.contains("error:"), "\(relative) is in errors/ but produced no error")
            } else if relative.hasPrefix("robustness/") {
                // Malformed input must be refused with an error, except what is listed as accepted.
                let accepted = Self.acceptedRobustnessInputs.contains(relative)
                XCTAssertEqual(err.contains("error:"), !accepted,
                               accepted ? "\(relative) is accepted input but produced:\n\(err)"
                                        : "\(relative) is malformed input but produced no error")
            } else if relative.hasPrefix("language/") || relative.hasPrefix("stdlib/") {
                XCTAssertFalse(err.contains("error:"), "\(relative) should run cleanly but produced:\n\(err)")
            }
        }
    }
}
