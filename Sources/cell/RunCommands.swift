import ArgumentParser
import CellDiagnostics
import CellOutput
import CellRuntime
import Foundation

struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Output folder (default: out/<recipe name>/). Recipes cannot write outside it.")
    var out: String?

    @Option(name: .customLong("allow-read"), help: "Also allow the recipe to read files under this folder.")
    var allowRead: [String] = []

    func folder(for recipe: String) -> String {
        out ?? "out/" + ((recipe as NSString).lastPathComponent as NSString).deletingPathExtension
    }
}

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a recipe: print its results and write its outputs.",
        discussion: "Example: cell run examples/feng2020_garnet_aclb.cell --out out/feng")

    @Argument(help: "The recipe file (.cell).") var file: String
    @OptionGroup var output: OutputOptions
    @Flag(help: "Also write report.html (recipe, results, plots, expects, parameters) into the output folder.")
    var report = false
    @Option(help: "Run only shard i of N of the top-level sweeps and write shard-i-of-N.json (see `cell merge`, docs/sharding.md).")
    var shard: String?

    func run() throws {
        let folder = output.folder(for: file)
        if let shard {
            try MergeCommand.runShard(file: file, shard: shard, output: output)
            return
        }
        let options = RunOptions(mode: .run, outputDirectory: folder, allowedReadRoots: output.allowRead,
                                 stdlibDirectory: Terminal.stdlib())
        Interrupts.install()
        let result = Recipe.run(path: file, options: options) { print($0) }
        Interrupts.finish()
        try RunCommand.finish(result, file: file, folder: folder, report: report, what: "ran")
    }

    /// Renders a finished run (diagnostics, failed expects), writes the report if asked, prints
    /// the one-line summary on stderr and chooses the exit status. Shared by `run` and `merge`.
    static func finish(_ result: RecipeReport, file: String, folder: String, report: Bool, what: String) throws {
        let renderer = Terminal.renderer()
        Terminal.error(renderer.render(result.diagnostics))
        for e in result.failedExpects { Terminal.error(renderer.render(e.diagnostic)) }
        var written = result.writtenFiles
        if report, let page = result.htmlReport(version: CellCommand.version) {
            do {
                try page.write(to: OutputDirectory(root: folder), as: "report.html")
                written.append("report.html")
            } catch {
                Terminal.error("error: cannot write the report: \(error.text)\n")
                throw ExitCode(1)
            }
        }
        let passed = result.expects.filter(\.passed).count
        var summary = "\(file): "
        summary += result.errors.isEmpty ? what : "stopped with an error"
        if !result.expects.isEmpty { summary += "; \(passed) of \(result.expects.count) expects passed" }
        if !written.isEmpty { summary += "; wrote \(written.count) file\(written.count == 1 ? "" : "s") to \(folder)/" }
        Terminal.error(summary + "\n")
        if Interrupts.interrupted { throw ExitCode(130) }
        if result.failed { throw ExitCode(1) }
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check recipes (syntax, names, units, fields) without simulating.",
        discussion: "Example: cell check examples/*.cell")

    @Argument(help: "Recipe files (.cell).") var files: [String]

    func run() throws {
        var failed = false
        let renderer = Terminal.renderer()
        for file in files {
            let options = RunOptions(mode: .check, stdlibDirectory: Terminal.stdlib())
            let report = Recipe.run(path: file, options: options) { _ in }
            Terminal.error(renderer.render(report.diagnostics))
            if report.errors.isEmpty {
                print("\(file): ok")
            } else {
                failed = true
                print("\(file): \(report.errors.count) error\(report.errors.count == 1 ? "" : "s")")
            }
        }
        if failed { throw ExitCode(1) }
    }
}

struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run recipes and report every expect as pass or fail.",
        discussion: "Example: cell test examples/*.cell --out out/test")

    @Argument(help: "Recipe files (.cell).") var files: [String]
    @OptionGroup var output: OutputOptions
    @Flag(help: "Also show observed and expected values of the expects that pass.") var verbose = false

    func run() throws {
        var passed = 0, failed = 0, broken = 0
        let renderer = Terminal.renderer()
        Interrupts.install()
        defer { Interrupts.finish() }
        for file in files where !Interrupts.interrupted {
            let folder = output.out.map { ($0 as NSString).appendingPathComponent(((file as NSString).lastPathComponent as NSString).deletingPathExtension) }
                ?? output.folder(for: file)
            let options = RunOptions(mode: .run, outputDirectory: folder, allowedReadRoots: output.allowRead,
                                     stdlibDirectory: Terminal.stdlib())
            let report = Recipe.run(path: file, options: options) { _ in }
            for e in report.expects {
                let (line, _) = e.span.file.location(of: e.span.start)
                let source = e.source.split(separator: "\n").first.map(String.init) ?? e.source
                if e.passed {
                    passed += 1
                    print("PASS \(file):\(line)  \(source)")
                    if verbose { print("     \(e.detail)") }
                } else {
                    failed += 1
                    print("FAIL \(file):\(line)  \(source)\n     \(e.detail)")
                }
            }
            if !report.errors.isEmpty {
                broken += 1
                print("ERROR \(file): the recipe stopped with an error")
                Terminal.error(renderer.render(report.errors))
            }
        }
        if broken > 0 { print("\(broken) recipe\(broken == 1 ? "" : "s") stopped with an error (counted as failed)") }
        print("\(passed) passed, \(failed + broken) failed")
        if failed > 0 || broken > 0 { throw ExitCode(1) }
    }
}
