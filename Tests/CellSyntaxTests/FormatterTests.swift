import CellDiagnostics
import Foundation
import XCTest
@testable import CellSyntax

/// `cell fmt`: idempotent, meaning-preserving, comment-preserving.
final class FormatterTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// stdlib and every golden input that parses: format is idempotent and keeps the program.
    func testIdempotentOnStdlibAndGoldens() throws {
        var files: [URL] = []
        for dir in ["stdlib", "Tests/GoldenTests/Golden/input", "examples"] {
            let base = Self.root.appendingPathComponent(dir)
            let e = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil)
            while let u = e?.nextObject() as? URL {
                if u.pathExtension == "cell" { files.append(u) }
            }
        }
        XCTAssertGreaterThan(files.count, 10)
        var formattedCount = 0
        for url in files {
            let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            guard let once = try? RecipeFormatter.format(text, path: url.path) else { continue }  // recipes with syntax errors
            formattedCount += 1
            XCTAssertEqual(try RecipeFormatter.format(once, path: url.path), once, "not idempotent: \(url.lastPathComponent)")
        }
        XCTAssertGreaterThan(formattedCount, 10)
    }

    func testIndentsBlocksAndKeepsComments() throws {
        let input = "protocol p {\nrepeat 2 {   \n// keep me\ncharge at 0.1 C until 4.2 V\n}\n\n\n\n}\n"
        let expected = "protocol p {\n  repeat 2 {\n    // keep me\n    charge at 0.1 C until 4.2 V\n  }\n\n}\n"
        XCTAssertEqual(try RecipeFormatter.format(input), expected)
    }

    func testBracesInStringsAndCommentsDoNotIndent() throws {
        let input = "let s = \"{ not a block\"\n/* { nor\n   this */\nlet t = 1 // {\nprint s\n"
        XCTAssertEqual(try RecipeFormatter.format(input), input)
    }

    func testRefusesRecipesWithSyntaxErrors() {
        XCTAssertThrowsError(try RecipeFormatter.format("let = 1\n")) { error in
            XCTAssertEqual(error as? RecipeFormatter.Failure, .syntaxErrors(count: 1))
        }
    }
}
