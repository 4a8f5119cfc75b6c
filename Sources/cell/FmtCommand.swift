import ArgumentParser
import CellRuntime
import enum CellSyntax.RecipeFormatter
import Foundation

struct FmtCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fmt",
        abstract: "Lay out recipes canonically (indentation, blank lines, trailing spaces); idempotent.",
        discussion: """
            Prints the formatted recipe, or rewrites the files with --write. Comments and the
            spelling of every token are kept; the result always parses to the same program.
            Example: cell fmt --write examples/*.cell
            """)

    @Argument(help: "Recipe files (.cell).") var files: [String]
    @Flag(help: "Rewrite the files in place (atomically).") var write = false
    @Flag(help: "Only check: exit 1 if a file is not formatted.") var check = false

    func run() throws {
        var unformatted = 0
        for path in files {
            let file: String
            switch Recipe.read(path: path) {
            case .success(let f): file = f.text
            case .failure(let d):
                Terminal.error(Terminal.renderer().render(d))
                throw ExitCode(1)
            }
            let formatted: String
            do {
                formatted = try RecipeFormatter.format(file, path: path)
            } catch .syntaxErrors(let n) {
                Terminal.error("\(path): \(n) syntax error\(n == 1 ? "" : "s"); run `cell check \(path)` (nothing was changed)\n")
                throw ExitCode(1)
            } catch {
                Terminal.error("\(path): formatting would change the program; nothing was changed (please report this)\n")
                throw ExitCode(1)
            }
            if check {
                if formatted != file {
                    unformatted += 1
                    print("\(path): not formatted")
                }
            } else if write {
                if formatted != file {
                    let tmp = path + ".cellfmt-\(getpid())"
                    do {
                        try formatted.write(toFile: tmp, atomically: false, encoding: .utf8)
                        _ = try FileManager.default.replaceItemAt(URL(fileURLWithPath: path), withItemAt: URL(fileURLWithPath: tmp))
                    } catch {
                        try? FileManager.default.removeItem(atPath: tmp)
                        Terminal.error("\(path): cannot write: \(error.localizedDescription)\n")
                        throw ExitCode(1)
                    }
                }
            } else {
                print(formatted, terminator: "")
            }
        }
        if unformatted > 0 { throw ExitCode(1) }
    }
}
