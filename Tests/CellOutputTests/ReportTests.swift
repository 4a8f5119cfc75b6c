import Foundation
import XCTest
@testable import CellOutput

final class ReportTests: XCTestCase {
    private func sample() -> Report {
        PlotGallery.sampleReport()
    }

    func testReportIsDeterministic() throws {
        XCTAssertEqual(sample().html(), sample().html())
        let folder = NSTemporaryDirectory() + "cellreport-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let directory = OutputDirectory(root: folder)
        let first = try sample().write(to: directory)
        let bytes1 = try Data(contentsOf: first)
        try sample().write(to: directory)
        XCTAssertEqual(bytes1, try Data(contentsOf: first), "rewriting gives a byte-identical file")
        XCTAssertEqual(first.lastPathComponent, "report.html")
    }

    func testReportContent() {
        let html = sample().html()
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertTrue(html.contains("<title>ACLB formation &lt;draft&gt;</title>"))
        XCTAssertTrue(html.contains("// &lt;b&gt;&amp;</span>"), "recipe source is escaped")
        XCTAssertTrue(html.contains("<span class=\"line\">let r = run formation on aclb</span>\n"), "lines are numbered")
        XCTAssertFalse(html.contains("<b>&"))
        XCTAssertTrue(html.contains(SHA256.hexDigest(sample().recipeSource)))
        XCTAssertTrue(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""), "plots are inline")
        XCTAssertFalse(html.contains("<?xml"))
        XCTAssertTrue(html.contains("1 of 2 expectations passed"))
        XCTAssertTrue(html.contains("<tr class=\"fail\">"))
        XCTAssertTrue(html.contains("<tr class=\"pass\">"))
        XCTAssertTrue(html.contains("recipe line 3"))
        XCTAssertTrue(html.contains("CellScript 0.1.0"))
        XCTAssertFalse(html.contains("<script"), "self-contained, no scripts")
        XCTAssertTrue(html.hasSuffix("</html>\n"))
    }

    func testHashChangesWithRecipe() {
        var other = sample()
        other.recipeSource += " "
        XCTAssertNotEqual(other.recipeHash, sample().recipeHash)
        XCTAssertEqual(sample().recipeHash.count, 64)
    }

    func testRecipeLinesAreNumberedForAnyLineEnding() {
        XCTAssertEqual(HTML.numberedLines("a\r\nb <\n\nc"),
                       "<span class=\"line\">a</span>\n<span class=\"line\">b &lt;</span>\n"
                       + "<span class=\"line\"></span>\n<span class=\"line\">c</span>\n")
        XCTAssertEqual(HTML.numberedLines(""), "\n")
    }

    func testInlineSVGDropsDeclarationAndRefusesNonSVG() {
        XCTAssertEqual(HTML.inlineSVG("<?xml version=\"1.0\"?>\n<svg></svg>"), "<svg></svg>\n")
        XCTAssertEqual(HTML.inlineSVG("<script>alert(1)</script>"), "<pre>&lt;script&gt;alert(1)&lt;/script&gt;</pre>\n")
    }
}
