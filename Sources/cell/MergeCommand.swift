import ArgumentParser
import CellDiagnostics
import CellOutput
import CellRuntime
import Foundation

/// `cell merge`: combines the shard files of `cell run FILE --shard i/N` into the outputs of a
/// single-machine run (docs/sharding.md).
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Re-run a recipe with its top-level sweeps taken from shard files (from `cell run --shard i/N`).",
        discussion: """
            Example (a Slurm job array of 8 tasks, then one merge):
              cell run sweep.cell --shard $SLURM_ARRAY_TASK_ID/8 --out shards
              cell merge sweep.cell shards/shard-*-of-8.json --out out/sweep
            """)

    @Argument(help: "The recipe file (.cell) the shards were computed from.") var file: String
    @Argument(help: "The shard files, all N of them (shard-i-of-N.json).") var shards: [String]
    @OptionGroup var output: OutputOptions
    @Flag(help: "Also write report.html into the output folder.") var report = false

    func run() throws {
        let folder = output.folder(for: file)
        let options = RunOptions(mode: .run, outputDirectory: folder, allowedReadRoots: output.allowRead,
                                 stdlibDirectory: Terminal.stdlib())
        Interrupts.install()
        let result = Shards.merge(path: file, shardFiles: shards, options: options) { print($0) }
        Interrupts.finish()
        let merged = "merged \(shards.count) shard file\(shards.count == 1 ? "" : "s"); ran"
        try RunCommand.finish(result, file: file, folder: folder, report: report, what: merged)
    }

    /// `cell run FILE --shard i/N`: computes one shard and writes `shard-i-of-N.json`.
    static func runShard(file: String, shard: String, output: OutputOptions) throws {
        let selection: ShardSelection
        do { selection = try ShardSelection(parsing: shard) } catch {
            throw ValidationError("\(error)")
        }
        let folder = output.folder(for: file)
        let options = RunOptions(mode: .run, outputDirectory: folder, allowedReadRoots: output.allowRead,
                                 stdlibDirectory: Terminal.stdlib())
        Interrupts.install()
        let result = Shards.runShard(path: file, selection: selection, options: options)
        Interrupts.finish()
        Terminal.error(Terminal.renderer().render(result.diagnostics))
        for note in result.notes { Terminal.error("note: \(note)\n") }
        if let written = result.writtenFile, result.errors.isEmpty {
            Terminal.error("\(file): shard \(selection.index) of \(selection.count): \(result.rowCount) row"
                           + "\(result.rowCount == 1 ? "" : "s") of \(result.sweepCount) sweep\(result.sweepCount == 1 ? "" : "s"); "
                           + "wrote \(folder)/\(written)\n")
        } else {
            Terminal.error("\(file): shard \(selection.index) of \(selection.count) stopped with an error\n")
        }
        if Interrupts.interrupted { throw ExitCode(130) }
        if !result.errors.isEmpty { throw ExitCode(1) }
    }
}
