import ArgumentParser
import CellDiagnostics
import CellRuntime
import Foundation

/// The `cell` command. Subcommands are thin: they parse arguments, call the library, render
/// diagnostics and choose the exit status (0 ok, 1 recipe error or failed expect, 2 usage error).
@main
struct CellCommand: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "cell",
        abstract: "CellScript: describe solid-state battery cells and test protocols, simulate them, check the numbers.",
        discussion: """
            Examples:
              cell run examples/quickstart.cell          run a recipe, outputs into out/quickstart/
              cell test examples/*.cell                  run recipes and report every expect
              cell check recipe.cell                     check names, units and fields without simulating
              cell                                       start the REPL
            """,
        version: version,
        subcommands: [RunCommand.self, CheckCommand.self, TestCommand.self, EISCommand.self, FitCommand.self,
                      KKCommand.self, DataCommand.self, ReplCommand.self, FmtCommand.self,
                      MergeCommand.self],
        defaultSubcommand: ReplCommand.self
    )

    static func main() {
        var arguments = Array(CommandLine.arguments.dropFirst())
        let names = configuration.subcommands.compactMap { $0.configuration.commandName }
        if let first = arguments.first, !first.hasPrefix("-"), !names.contains(first), first != "help" {
            if first.hasSuffix(".cell") {
                arguments.insert("run", at: 0)  // `cell recipe.cell` means `cell run recipe.cell`
            } else {
                let hint = Suggestions.closest(to: first, in: names).map { " (did you mean `\($0)`?)" } ?? ""
                FileHandle.standardError.write(Data("error: unknown command `\(first)`\(hint); commands are \(names.map { "`\($0)`" }.joined(separator: ", "))\n".utf8))
                Foundation.exit(2)
            }
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                // Usage errors exit with status 2, the Unix convention (ArgumentParser uses 64).
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Shared rendering of diagnostics on stderr (coloured on a terminal).
enum Terminal {
    static var stderrIsTerminal: Bool { isatty(2) != 0 }

    static func renderer() -> DiagnosticRenderer { DiagnosticRenderer(color: stderrIsTerminal) }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func stdlib() -> String? { Recipe.locateStdlib() }
}
