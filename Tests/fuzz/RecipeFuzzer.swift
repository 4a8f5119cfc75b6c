// libFuzzer target: lexer → parser → checker (the runtime in check mode) over arbitrary bytes.
// Built only by `make fuzz` (swiftc -sanitize=fuzzer, see Makefile), never by `swift build`.
import CellDiagnostics
import CellRuntime
import Foundation

/// Where a fuzzed recipe may read (`use`, `load`): an empty folder, so nothing real is touched.
private let fuzzRoot: String = {
    let path = NSTemporaryDirectory() + "cell-fuzz-root"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}()

/// The standard library the checker loads first (`CELL_STDLIB`, set by `make fuzz`).
private let stdlib = ProcessInfo.processInfo.environment["CELL_STDLIB"]

/// One execution: any bytes, decoded as the CLI does (invalid UTF-8 becomes U+FFFD), checked
/// without simulating and without writing anything (no output folder).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRecipe(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    let file = SourceFile(path: "fuzz.cell", text: String(decoding: bytes, as: UTF8.self))
    let options = RunOptions(mode: .check, outputDirectory: nil, stdlibDirectory: stdlib)
    let report = Recipe.run(file: file, root: fuzzRoot, options: options) { _ in }
    // Render every diagnostic too: positions past the end or inside a scalar must not trap.
    _ = DiagnosticRenderer(color: false).render(report.diagnostics)
    return 0
}
