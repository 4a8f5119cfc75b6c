import ArgumentParser
import CellREPL
import Foundation

struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Start the interactive REPL (also what `cell` does with no arguments).",
        discussion: """
            Line editing and history (libedit), Tab completion, multi-line blocks, :help.
            With stdin not a terminal it reads plainly, so `cell < recipe.cell` works.
            """)

    @Option(help: "Output folder for `plot` and `export` typed at the REPL.") var out: String = "out/repl"

    func run() throws {
        let engine = RuntimeEngine(outputDirectory: out, color: Terminal.stderrIsTerminal)
        let session = REPLSession(engine: engine, reader: REPLSession.defaultReader(for: engine))
        let status = session.run()
        if status != 0 { throw ExitCode(status) }
    }
}
