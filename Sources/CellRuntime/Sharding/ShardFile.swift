import Foundation

/// The JSON written by `cell run FILE --shard i/N` to `OUT/shard-i-of-N.json`: the rows of every
/// top-level sweep that this shard computed, tagged with the recipe they belong to.
public struct ShardFile: Codable, Sendable {
    /// Format tag, checked on read so a foreign JSON file is refused with a clear message.
    public static let formatTag = "cellscript-shard 1"

    public var format: String = ShardFile.formatTag
    /// The recipe path as given on the command line (informational).
    public var recipe: String
    /// `ShardFile.hash(of:)` of the recipe text: merge refuses shards of another recipe version.
    public var recipeHash: String
    /// 1-based shard number `i` and shard count `N`.
    public var shard: Int
    public var shards: Int
    public var sweeps: [Sweep]

    /// One top-level `let NAME = table for ...`, in recipe order.
    public struct Sweep: Codable, Sendable {
        public var name: String
        /// 1-based line of the `table for` in the recipe (for messages).
        public var line: Int
        /// Number of iterations of the whole sweep (all shards together).
        public var count: Int
        public var columns: [String]
        public var rows: [Row]
    }

    /// One computed iteration: its 0-based index in the sweep and one value per column.
    public struct Row: Codable, Sendable {
        public var index: Int
        var values: [ShardValue]
    }

    /// The name this shard writes: `shard-i-of-N.json`.
    public static func fileName(shard: Int, of count: Int) -> String { "shard-\(shard)-of-\(count).json" }

    /// 64-bit FNV-1a of the UTF-8 text, as 16 hex digits: a change detector (not a security
    /// hash) for "these shards were computed from this exact recipe".
    public static func hash(of text: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01b3
        }
        let hex = String(h, radix: 16)
        return "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    enum CodingKeys: String, CodingKey {
        case format, recipe, recipeHash = "recipe_hash", shard, shards, sweeps
    }

    /// Encodes with sorted keys and pretty printing, so equal shards give equal bytes.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }

    /// Reads a shard file, refusing anything that is not one.
    public static func read(path: String) throws -> ShardFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ShardError("cannot read shard file `\(path)`")
        }
        let file: ShardFile
        do { file = try JSONDecoder().decode(ShardFile.self, from: data) } catch {
            throw ShardError("`\(path)` is not a CellScript shard file (\(error.localizedDescription))")
        }
        guard file.format == formatTag else {
            throw ShardError("`\(path)` has format `\(file.format)`; this cell reads `\(formatTag)`")
        }
        return file
    }
}

/// A sharding problem: bad `--shard`, a mismatched or incomplete set of shard files, a sweep
/// value that cannot be stored.
public struct ShardError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// `i/N` as given to `--shard`, 1 ≤ i ≤ N.
public struct ShardSelection: Sendable, Equatable {
    public var index: Int
    public var count: Int

    /// Parses `"2/8"`; throws a message naming the accepted form otherwise.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 1, i <= n else {
            throw ShardError("`--shard` takes `i/N` with 1 ≤ i ≤ N (e.g. `--shard 2/8`), got `\(text)`")
        }
        index = i
        count = n
    }

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Whether iteration `k` (0-based) belongs to this shard: k mod N = i − 1 (round robin, so
    /// the cheap and expensive ends of a sweep spread over all shards).
    public func owns(_ k: Int) -> Bool { k % count == index - 1 }
}
