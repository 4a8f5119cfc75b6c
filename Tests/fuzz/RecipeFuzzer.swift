// libFuzzer target: lexer → parser → checker (the runtime in check mode) over arbitrary bytes.
// Built only by `make fuzz` (swiftc -sanitize=fuzzer, see Makefile), never by `swift build`.
import CellDiagnostics
import CellRuntime
import CellSyntax
import Foundation

/// Where a fuzzed recipe may read (`use`, `load`): an empty folder, so nothing real is touched.
private let fuzzRoot: String = {
    let path = NSTemporaryDirectory() + "cell-fuzz-root"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}()

/// Check mode, no output folder (nothing can be written), the stdlib from `CELL_STDLIB`.
private let options = RunOptions(mode: .check, outputDirectory: nil,
                                 stdlibDirectory: ProcessInfo.processInfo.environment["CELL_STDLIB"])

/// `CELL_FUZZ_FULL=1`: every input goes through `Recipe.run` exactly as `cell check` does,
/// stdlib reload included (~110 executions/s). Otherwise one interpreter loads the stdlib once
/// and is reset between inputs (`Interpreter.reset`), which runs the same lexer, parser and
/// checker on the input ~8× faster; the stdlib load itself is the same for every input.
private let full = ProcessInfo.processInfo.environment["CELL_FUZZ_FULL"] == "1"

private let shared: Interpreter = {
    let interpreter = Interpreter(options: options, printer: { _ in })
    interpreter.recipeRoot = fuzzRoot
    let problems = interpreter.loadStdlib()
    precondition(problems.isEmpty, "the stdlib does not load: \(problems)")
    return interpreter
}()

/// Parses and checks one recipe in the shared interpreter, as `Recipe.run` does.
private func checkInSharedInterpreter(_ file: SourceFile) -> [Diagnostic] {
    shared.scope.removeAll()  // break the previous input's scope ↔ function cycles
    shared.reset()
    shared.warnings.removeAll()
    let bag = DiagnosticBag()
    let program = Parser.parse(file, diagnostics: bag)
    if bag.hasErrors { return bag.diagnostics }
    shared.execute(program, diagnostics: bag)
    return bag.diagnostics + shared.warnings.diagnostics
}

/// One execution: any bytes, decoded as the CLI does (invalid UTF-8 becomes U+FFFD), checked
/// without simulating and without writing anything; every diagnostic is rendered too, so
/// positions past the end or inside a scalar would trap here.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRecipe(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    let file = SourceFile(path: "fuzz.cell", text: String(decoding: bytes, as: UTF8.self))
    let diagnostics: [Diagnostic]
    if full {
        diagnostics = Recipe.run(file: file, root: fuzzRoot, options: options) { _ in }.diagnostics
    } else {
        diagnostics = checkInSharedInterpreter(file)
    }
    _ = DiagnosticRenderer(color: false).render(diagnostics)
    return 0
}
