import Foundation
import XCTest
@testable import CellOutput

final class OutputDirectoryTests: XCTestCase {
    private var scratch = ""

    override func setUpWithError() throws {
        scratch = NSTemporaryDirectory() + "celloutput-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: scratch)
    }

    private func folder(_ name: String = "out/demo") -> OutputDirectory {
        OutputDirectory(root: scratch + "/" + name)
    }

    private func assertRefused(_ path: String, _ expected: OutputError,
                               in directory: OutputDirectory? = nil,
                               file: StaticString = #filePath, line: UInt = #line) {
        let directory = directory ?? folder()
        do {
            try directory.write("x", to: path)
            XCTFail("`\(path)` was written but should be refused with \(expected.text)", file: file, line: line)
        } catch {
            XCTAssertEqual(error, expected, "refusing `\(path)`", file: file, line: line)
        }
    }

    private func contents(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).flatMap { String(data: $0, encoding: .utf8) }
    }

    private func entries(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    func testWritesCreatingRootAndIntermediateFolders() throws {
        let directory = folder("a/b/out")
        let url = try directory.write("hello\n", to: "plots/eis/nyquist.svg")
        XCTAssertEqual(url.path, OutputDirectory.realPath(directory.root)! + "/plots/eis/nyquist.svg")
        XCTAssertEqual(contents(directory.root + "/plots/eis/nyquist.svg"), "hello\n")
        XCTAssertEqual(entries(directory.root + "/plots/eis"), ["nyquist.svg"], "no temporary file left")
    }

    func testOverwriteReplacesWholeFile() throws {
        let directory = folder()
        try directory.write(String(repeating: "long line\n", count: 100), to: "r.csv")
        try directory.write([UInt8]("short\n".utf8), to: "r.csv")
        XCTAssertEqual(contents(directory.root + "/r.csv"), "short\n")
        try directory.write(Data("data\n".utf8), to: "./sub/../r.csv")
        XCTAssertEqual(contents(directory.root + "/r.csv"), "data\n")
        XCTAssertEqual(entries(directory.root), ["r.csv"], "`sub/..` is resolved lexically, creating nothing")
    }

    func testRefusesEmptyAbsoluteNulAndNamelessPaths() {
        assertRefused("", .emptyPath)
        assertRefused("/etc/passwd", .absolutePath(path: "/etc/passwd"))
        assertRefused("a\u{0}b.csv", .containsNul(path: "a\u{0}b.csv"))
        assertRefused("plots/", .noFileName(path: "plots/"))
        assertRefused("plots/.", .noFileName(path: "plots/."))
        assertRefused("..", .noFileName(path: ".."))
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder().root),
                       "refused paths must not create the output folder")
    }

    func testRefusesDotDotThatLeavesTheFolder() {
        let directory = OutputDirectory(root: "out/demo")
        assertRefused("../x.csv", .leavesOutputFolder(path: "../x.csv", root: "out/demo"), in: directory)
        assertRefused("a/../../x.csv", .leavesOutputFolder(path: "a/../../x.csv", root: "out/demo"), in: directory)
        XCTAssertEqual(OutputError.leavesOutputFolder(path: "../x.csv", root: "out/demo").text,
                       "output path `../x.csv` leaves the output folder `out/demo`")
    }

    func testDotDotThatStaysInsideIsAccepted() throws {
        let directory = folder()
        try directory.write("ok", to: "a/b/../../c.txt")
        XCTAssertEqual(contents(directory.root + "/c.txt"), "ok")
    }

    func testRefusesSymlinkInsideRootPointingOutside() throws {
        let directory = folder()
        let outside = scratch + "/elsewhere"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: directory.root, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: directory.root + "/escape", withDestinationPath: outside)
        assertRefused("escape/x.csv", .symlinkLeavesOutputFolder(path: "escape/x.csv", component: "escape",
                                                                 root: directory.root))
        assertRefused("escape/deeper/x.csv",
                      .symlinkLeavesOutputFolder(path: "escape/deeper/x.csv", component: "escape",
                                                 root: directory.root))
        XCTAssertEqual(entries(outside), [], "nothing may be written through the link")
    }

    func testAcceptsSymlinkThatStaysInside() throws {
        let directory = folder()
        try FileManager.default.createDirectory(atPath: directory.root + "/real", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: directory.root + "/alias", withDestinationPath: "real")
        try directory.write("inside", to: "alias/x.txt")
        XCTAssertEqual(contents(directory.root + "/real/x.txt"), "inside")
    }

    func testFinalSymlinkIsReplacedNotFollowed() throws {
        let directory = folder()
        let outsideFile = scratch + "/victim.txt"
        try "original".write(toFile: outsideFile, atomically: false, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: directory.root, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: directory.root + "/link.txt", withDestinationPath: outsideFile)
        try directory.write("new", to: "link.txt")
        XCTAssertEqual(contents(outsideFile), "original", "the file outside is untouched")
        XCTAssertEqual(contents(directory.root + "/link.txt"), "new")
    }

    func testRefusesFileWhereAFolderIsNeeded() throws {
        let directory = folder()
        try directory.write("a file", to: "data")
        assertRefused("data/x.csv", .notAFolder(path: "data/x.csv", component: "data"), in: directory)
    }

    func testTargetFolderFailsAtomicallyWithoutTemporaryFile() throws {
        let directory = folder()
        try FileManager.default.createDirectory(atPath: directory.root + "/plot.svg/inner",
                                                withIntermediateDirectories: true)
        assertRefused("plot.svg", .targetIsFolder(path: "plot.svg"), in: directory)
        XCTAssertEqual(entries(directory.root), ["plot.svg"], "the temporary file must be removed")
        XCTAssertEqual(entries(directory.root + "/plot.svg"), ["inner"])
    }

    func testRootThatIsAFileIsRefused() throws {
        try "x".write(toFile: scratch + "/file", atomically: false, encoding: .utf8)
        let directory = OutputDirectory(root: scratch + "/file")
        XCTAssertThrowsError(try directory.write("x", to: "a.csv")) { error in
            guard case .cannotCreateOutputFolder = error as? OutputError else {
                return XCTFail("unexpected error \(error)")
            }
        }
    }

    func testDefaultPath() {
        XCTAssertEqual(OutputDirectory.defaultPath(forRecipe: "recipes/aclb.cell"), "out/aclb")
        XCTAssertEqual(OutputDirectory.defaultPath(forRecipe: "aclb.v2.cell"), "out/aclb.v2")
        XCTAssertEqual(OutputDirectory.defaultPath(forRecipe: "/abs/path/ccd"), "out/ccd")
        XCTAssertEqual(OutputDirectory.defaultPath(forRecipe: ".cell"), "out/recipe")
        XCTAssertEqual(OutputDirectory.defaultPath(forRecipe: ""), "out/recipe")
    }

    func testExportPicksFormatByExtension() throws {
        let directory = folder()
        let table = DataTable(columns: [DataColumn(name: "x", unitLabel: "s", numbers: [1, 2])])
        try directory.export(table, to: "t.csv")
        try directory.export(table, to: "t.JSON")
        XCTAssertEqual(contents(directory.root + "/t.csv"), "x_s\n1\n2\n")
        XCTAssertTrue(contents(directory.root + "/t.JSON")?.hasPrefix("{") ?? false)
        XCTAssertThrowsError(try directory.export(table, to: "t.xlsx")) { error in
            XCTAssertEqual(error as? OutputError, .unsupportedFormat(path: "t.xlsx", supported: ["csv", "json"]))
            XCTAssertEqual((error as? OutputError)?.text,
                           "cannot write `t.xlsx`: the file name must end in one of `.csv`, `.json`")
        }
        let bad = DataTable(columns: [DataColumn(name: "x", numbers: [1, .nan])])
        XCTAssertThrowsError(try directory.export(bad, to: "bad.csv"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.root + "/bad.csv"),
                       "a refused table leaves no file")
    }

    func testWritePlotNeedsSVGExtension() throws {
        let directory = folder()
        try directory.writePlot("<svg/>", to: "plots/n.SVG")
        XCTAssertThrowsError(try directory.writePlot("<svg/>", to: "n.png")) { error in
            XCTAssertEqual(error as? OutputError, .unsupportedFormat(path: "n.png", supported: ["svg"]))
            XCTAssertEqual((error as? OutputError)?.text, "cannot write `n.png`: the file name must end in `.svg`")
        }
        XCTAssertThrowsError(try directory.writePlot("<svg/>", to: "plots/.svg"))
    }

    func testSystemReasonsAreLowercase() {
        XCTAssertEqual(systemReason(ENOENT), "no such file or directory")
        XCTAssertEqual(systemReason(EACCES), "permission denied")
    }

    func testUnwritableFolderFailsCleanly() throws {
        try XCTSkipIf(getuid() == 0, "root ignores folder permissions")
        let directory = folder()
        try directory.write("old", to: "locked/r.csv")
        let locked = directory.root + "/locked"
        XCTAssertEqual(chmod(locked, 0o555), 0)
        defer { chmod(locked, 0o755) }
        XCTAssertThrowsError(try directory.write("new", to: "locked/r.csv")) { error in
            guard case .writeFailed(_, "create", "permission denied") = error as? OutputError else {
                return XCTFail("unexpected error \(error)")
            }
        }
        XCTAssertEqual(contents(locked + "/r.csv"), "old", "the old file is untouched")
        XCTAssertEqual(entries(locked), ["r.csv"])
    }
}
