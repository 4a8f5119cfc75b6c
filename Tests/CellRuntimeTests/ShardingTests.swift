import CellDiagnostics
import CellSyntax
import CellUnits
import Foundation
import XCTest
@testable import CellRuntime

/// `cell run --shard i/N` + `cell merge` (Sharding/) and the thread-count independence of sweeps.
final class ShardingTests: XCTestCase {
    static let stdlib = EvaluatorTests.stdlib

    /// Two sweeps of impedance runs, a `let` the first sweep needs, prints, an expect and exports.
    static let recipe = """
        let thickness = 1 mm
        fn sigma(w) = (run impedance() on blocking(Au, layer composite(LLZTO: 100 % - w, LBOCl: w) { thickness = thickness }, area: 1 cm^2)).conductivity.separator
        let sweep = table for w in 0 wt% to 30 wt% step 5 wt% {
          w: w,
          s: sigma(w),
          both: {w: w in wt%, label: "w", ok: true, pair: [w, 2 * w]}
        }
        print sweep.s
        let best = argmax(sweep.s)
        print sweep.w[best] in wt%
        expect max(sweep.s) > 0 S/cm
        let t = table for k in [1, 2, 3, 4, 5] { k: k, s2: sigma(k * 1 wt%) * 2 }
        print t.s2
        export sweep to "sweep.csv"
        export t to "t.json"
        """

    func tempDir() throws -> String {
        let dir = (NSTemporaryDirectory() as NSString).appendingPathComponent("cell-shard-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    func write(_ text: String, in dir: String, as name: String = "sweep.cell") throws -> String {
        let path = (dir as NSString).appendingPathComponent(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func options(_ out: String) -> RunOptions {
        RunOptions(mode: .run, outputDirectory: out, stdlibDirectory: Self.stdlib)
    }

    func files(in dir: String) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() {
            result[name] = FileManager.default.contents(atPath: (dir as NSString).appendingPathComponent(name))
        }
        return result
    }

    /// Runs all shards of `path` into `dir/shards` and returns the shard file paths.
    func runShards(_ path: String, count: Int, in dir: String) throws -> [String] {
        let folder = (dir as NSString).appendingPathComponent("shards")
        return try (1...count).map { i in
            let report = Shards.runShard(path: path, selection: ShardSelection(index: i, count: count), options: options(folder))
            XCTAssertTrue(report.errors.isEmpty, "shard \(i): \(report.errors.map(\.message.text))")
            let name = try XCTUnwrap(report.writtenFile)
            return (folder as NSString).appendingPathComponent(name)
        }
    }

    func testThreeShardsAndMergeGiveTheOutputsOfAPlainRun() throws {
        let dir = try tempDir()
        let path = try write(Self.recipe, in: dir)
        let plainOut = (dir as NSString).appendingPathComponent("plain")
        let plain = Recipe.run(path: path, options: options(plainOut)) { _ in }
        XCTAssertTrue(plain.errors.isEmpty, "\(plain.errors.map(\.message.text))")
        XCTAssertEqual(plain.printed.count, 3)

        let shards = try runShards(path, count: 3, in: dir)
        let mergedOut = (dir as NSString).appendingPathComponent("merged")
        let merged = Shards.merge(path: path, shardFiles: shards.reversed(), options: options(mergedOut)) { _ in }
        XCTAssertTrue(merged.errors.isEmpty, "\(merged.errors.map(\.message.text))")
        XCTAssertEqual(merged.printed, plain.printed)
        XCTAssertEqual(merged.expects.map(\.passed), plain.expects.map(\.passed))
        XCTAssertEqual(merged.expects.map(\.detail), plain.expects.map(\.detail))
        XCTAssertEqual(try files(in: mergedOut), try files(in: plainOut))
        XCTAssertEqual(try files(in: mergedOut).keys.sorted(), ["sweep.csv", "t.json"])
    }

    func testShardsSplitRowsRoundRobinAndSkipUnneededLets() throws {
        let dir = try tempDir()
        // `broken` is needed by no sweep: a shard must not evaluate it (a plain run fails on it).
        let text = "let broken = load eis \"missing.csv\"\n" + Self.recipe
        let path = try write(text, in: dir)
        let shards = try runShards(path, count: 3, in: dir)
        let first = try ShardFile.read(path: shards[0])
        XCTAssertEqual(first.sweeps.map(\.name), ["sweep", "t"])
        XCTAssertEqual(first.sweeps[0].count, 7)
        XCTAssertEqual(first.sweeps[0].rows.map(\.index), [0, 3, 6])
        XCTAssertEqual(first.sweeps[1].rows.map(\.index), [0, 3])
        let plain = Recipe.run(path: path, options: options((dir as NSString).appendingPathComponent("p"))) { _ in }
        XCTAssertFalse(plain.errors.isEmpty, "the plain run should stop at the missing file")
    }

    func testMergeRefusesMissingDuplicateAndForeignShards() throws {
        let dir = try tempDir()
        let path = try write(Self.recipe, in: dir)
        let shards = try runShards(path, count: 3, in: dir)
        let out = (dir as NSString).appendingPathComponent("m")
        func mergeError(_ files: [String], recipe: String? = nil) -> String {
            let report = Shards.merge(path: recipe ?? path, shardFiles: files, options: options(out)) { _ in }
            return report.errors.first?.message.text ?? ""
        }
        XCTAssertTrue(mergeError([shards[0], shards[2]]).contains("shard 2 of 3 is missing"), mergeError([shards[0], shards[2]]))
        XCTAssertTrue(mergeError([shards[0], shards[0], shards[1]]).contains("given twice"))
        let edited = try write(Self.recipe + "\nprint 1", in: dir, as: "edited.cell")
        XCTAssertTrue(mergeError(shards, recipe: edited).contains("different version of the recipe"))
        let junk = try write("{\"a\": 1}", in: dir, as: "junk.json")
        XCTAssertTrue(mergeError([junk]).contains("not a CellScript shard file"))
        XCTAssertTrue(mergeError([]).contains("needs the shard files"))
    }

    func testSweepColumnsMustBeStorableValues() throws {
        let dir = try tempDir()
        let path = try write("""
            let rs = table for w in [0, 10] wt% {
              r: run impedance() on blocking(Au, layer composite(LLZTO: 100 % - w, LBOCl: w) { thickness = 1 mm }, area: 1 cm^2)
            }
            """, in: dir)
        let report = Shards.runShard(path: path, selection: ShardSelection(index: 1, count: 2),
                                     options: options((dir as NSString).appendingPathComponent("s")))
        let text = report.errors.first?.message.text ?? ""
        XCTAssertTrue(text.contains("column `r`") && text.contains("select scalars"), text)
        XCTAssertNil(report.writtenFile)
    }

    func testSweepThatUsesAnotherSweepIsRefusedInShardMode() throws {
        let dir = try tempDir()
        let path = try write("""
            let a = table for x in [1, 2, 3] { y: x * 2 }
            let b = table for y in a.y { z: y + 1 }
            """, in: dir)
        let report = Shards.runShard(path: path, selection: ShardSelection(index: 1, count: 2),
                                     options: options((dir as NSString).appendingPathComponent("s")))
        XCTAssertTrue((report.errors.first?.message.text ?? "").contains("uses `a`"), "\(report.errors.map(\.message.text))")
    }

    func testShardSelectionParsing() throws {
        let s = try ShardSelection(parsing: "2/3")
        XCTAssertEqual(s, ShardSelection(index: 2, count: 3))
        XCTAssertEqual((0..<7).filter(s.owns), [1, 4])
        for bad in ["0/3", "4/3", "1/0", "a/b", "3", "1/2/3", ""] {
            XCTAssertThrowsError(try ShardSelection(parsing: bad), "`\(bad)` should be refused")
        }
    }

    func testShardValuesRoundTripBitExactly() throws {
        let absolute = try Quantity(90, unit: "degC")
        let fraction = try Quantity(0.1 + 0.2, unit: "wt%")
        let odd = Quantity(si: 1.0 / 3.0 * 1e-300, dimension: Dimension(length: -1, mass: -1, time: 3, current: 2))
        let values: [Value] = [
            .quantity(absolute), .quantity(fraction), .quantity(odd), .string("a\"b"), .bool(false), .none,
            .list([.quantity(fraction), .string("x")]),
            .record(Record([(name: "q", value: .quantity(odd)), (name: "b", value: .bool(true))])),
            .converted(fraction, try CellUnits.Unit.parse("%"), text: "%"),
        ]
        for v in values {
            let stored = try ShardValue(v, column: "c")
            let data = try JSONEncoder().encode(stored)
            let back = try JSONDecoder().decode(ShardValue.self, from: data)
            XCTAssertEqual(back, stored)
            XCTAssertEqual(try ShardValue(try back.value(), column: "c"), stored)
        }
        let q = try XCTUnwrap(try ShardValue(.quantity(odd), column: "c").value().quantity)
        XCTAssertEqual(q.value.bitPattern, odd.value.bitPattern, "expected \(odd.value), observed \(q.value)")
        XCTAssertEqual(q.dimension, odd.dimension)
        let t = try XCTUnwrap(try ShardValue(.quantity(absolute), column: "c").value().quantity)
        XCTAssertTrue(t.isAbsoluteTemperature)
        XCTAssertEqual(try XCTUnwrap(try ShardValue(.quantity(fraction), column: "c").value().quantity).basis, .mass)
        XCTAssertThrowsError(try ShardValue.quantity(value: "abc", exponents: [], basis: "none", absolute: false, unit: nil).value())
        XCTAssertThrowsError(try ShardValue.quantity(value: "1", exponents: [99], basis: "none", absolute: false, unit: nil).value())
    }

    func testSweepOutputIsIdenticalForOneAndTwoThreads() throws {
        let dir = try tempDir()
        let path = try write(Self.recipe, in: dir)
        var outputs: [(printed: [String], files: [String: Data], parameters: [UsedParameter])] = []
        let previous = ProcessInfo.processInfo.environment["CELL_THREADS"]
        let threshold = Interpreter.minimumParallelIterationTime
        Interpreter.minimumParallelIterationTime = .zero  // use the threads even for cheap iterations
        defer {
            if let previous { setenv("CELL_THREADS", previous, 1) } else { unsetenv("CELL_THREADS") }
            Interpreter.minimumParallelIterationTime = threshold
        }
        for threads in ["1", "2"] {
            setenv("CELL_THREADS", threads, 1)
            let out = (dir as NSString).appendingPathComponent("threads-" + threads)
            let report = Recipe.run(path: path, options: options(out)) { _ in }
            XCTAssertTrue(report.errors.isEmpty, "\(report.errors.map(\.message.text))")
            outputs.append((report.printed, try files(in: out), report.usedParameters))
        }
        XCTAssertEqual(outputs[0].printed, outputs[1].printed)
        XCTAssertEqual(outputs[0].files, outputs[1].files)
        XCTAssertEqual(outputs[0].files.count, 2)
        XCTAssertEqual(outputs[0].parameters, outputs[1].parameters, "report provenance must not depend on threads")
        XCTAssertFalse(outputs[0].parameters.isEmpty)
    }

    func testRecipeHashIsStableAndSensitive() {
        XCTAssertEqual(ShardFile.hash(of: ""), "fnv1a64:cbf29ce484222325")
        XCTAssertEqual(ShardFile.hash(of: "a"), "fnv1a64:af63dc4c8601ec8c")
        XCTAssertNotEqual(ShardFile.hash(of: "let x = 1"), ShardFile.hash(of: "let x = 2"))
    }
}
