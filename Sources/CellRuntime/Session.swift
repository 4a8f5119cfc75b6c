import CellDiagnostics
import CellSyntax
import Foundation

/// What running (or checking) one recipe file produced.
public struct RecipeReport {
    public var file: SourceFile?
    public var diagnostics: [Diagnostic] = []
    public var expects: [ExpectOutcome] = []
    public var printed: [String] = []
    public var writtenFiles: [String] = []
    public var plots: [(caption: String, svg: String)] = []
    public var usedParameters: [UsedParameter] = []

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var failedExpects: [ExpectOutcome] { expects.filter { !$0.passed } }
    /// True when the recipe had an error or a failed `expect` (exit status 1).
    public var failed: Bool { !errors.isEmpty || !failedExpects.isEmpty }
}

/// Running recipe files: the entry point the CLI, the REPL's `:load` and the tests share.
public enum Recipe {
    /// Largest recipe file read (a recipe is text written by a person; 16 MiB is far beyond that).
    public static let maxRecipeBytes = 16 << 20

    /// Reads, parses and executes a recipe. Never traps: every problem becomes a diagnostic.
    public static func run(path: String, options: RunOptions, printer: @escaping (String) -> Void) -> RecipeReport {
        var report = RecipeReport()
        let file: SourceFile
        switch read(path: path) {
        case .success(let f): file = f
        case .failure(let d):
            report.diagnostics.append(d)
            return report
        }
        return run(file: file, root: (absolute(path) as NSString).deletingLastPathComponent, options: options,
                   printer: printer)
    }

    /// Executes an already loaded recipe; `root` is the folder its reads are confined to.
    public static func run(file: SourceFile, root: String, options: RunOptions,
                           printer: @escaping (String) -> Void) -> RecipeReport {
        var report = RecipeReport()
        report.file = file
        let interpreter = Interpreter(options: options, printer: printer)
        interpreter.recipeRoot = root
        defer {
            // Break the scope ↔ function reference cycles (see `Environment.removeAll`).
            interpreter.scope.removeAll()
            interpreter.globals.removeAll()
        }
        let stdlibProblems = interpreter.loadStdlib()
        if !stdlibProblems.isEmpty {
            report.diagnostics += stdlibProblems
            return report
        }
        let bag = DiagnosticBag()
        let program = Parser.parse(file, diagnostics: bag)
        if bag.hasErrors {
            report.diagnostics = bag.diagnostics
            return report
        }
        interpreter.execute(program, diagnostics: bag)
        report.diagnostics = bag.diagnostics + interpreter.warnings.diagnostics
        report.expects = interpreter.expects
        report.printed = interpreter.printedLines
        report.writtenFiles = interpreter.writtenFiles
        report.plots = interpreter.plots
        report.usedParameters = interpreter.usedParameters
        return report
    }

    /// Loads a recipe's text, refusing unreadable, binary-looking and oversized files.
    public static func read(path: String) -> Result<SourceFile, Diagnostic> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            return .failure(.error(PlainMessage("cannot read `\(path)`: no such file", id: "recipe.missing"), at: nil))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(.error(PlainMessage("cannot read `\(path)`: permission denied or unreadable", id: "recipe.unreadable"), at: nil))
        }
        guard data.count <= maxRecipeBytes else {
            return .failure(.error(PlainMessage("`\(path)` is \(data.count >> 20) MiB; recipes are limited to \(maxRecipeBytes >> 20) MiB", id: "recipe.tooLarge"), at: nil))
        }
        return .success(SourceFile(path: path, text: String(decoding: data, as: UTF8.self)))
    }

    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
    }

    /// Finds the standard library: `$CELL_STDLIB`, else a `stdlib/` folder beside or above the
    /// executable (a build tree or an install prefix `share/cellscript/stdlib`), else beside the
    /// working directory.
    public static func locateStdlib(executable: String = CommandLine.arguments.first ?? "") -> String? {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["CELL_STDLIB"], !env.isEmpty { return env }
        func hasCellFiles(_ dir: String) -> Bool {
            ((try? fm.contentsOfDirectory(atPath: dir)) ?? []).contains { $0.hasSuffix(".cell") }
        }
        var dir = (URL(fileURLWithPath: absolute(executable)).resolvingSymlinksInPath().path as NSString).deletingLastPathComponent
        for _ in 0..<8 {
            for candidate in ["stdlib", "share/cellscript/stdlib"] {
                let p = (dir as NSString).appendingPathComponent(candidate)
                if hasCellFiles(p) { return p }
            }
            let parent = (dir as NSString).deletingLastPathComponent
            if parent == dir { break }
            dir = parent
        }
        let local = (fm.currentDirectoryPath as NSString).appendingPathComponent("stdlib")
        return hasCellFiles(local) ? local : nil
    }
}
