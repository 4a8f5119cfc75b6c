import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
@testable import CellOutput

final class SVGPlotTests: XCTestCase {
    func testGalleryIsWellFormedAndFinite() throws {
        PlotGallery.writeIfRequested()
        for (name, svg) in PlotGallery.all() {
            let parser = XMLParser(data: Data(svg.utf8))
            XCTAssertTrue(parser.parse(), "\(name).svg is not well-formed XML: \(String(describing: parser.parserError))")
            XCTAssertFalse(svg.contains("nan"), "\(name).svg contains nan")
            XCTAssertFalse(svg.contains("inf"), "\(name).svg contains inf")
        }
    }
}
