import XCTest
@testable import CellData

/// Mutated, truncated and random inputs: every reader must return or throw a `DataError`,
/// never trap. Deterministic (fixed seeds), so a failure reproduces.
final class FuzzTests: XCTestCase {
    /// Mutations per sample: a few hundred, as asked, but small enough for a debug build.
    static let mutationsPerSample = 200
    static let truncationsPerSample = 60
    static let randomBuffers = 300

    /// SplitMix64: a tiny, well-mixed deterministic generator.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Bytes that make parsers take unusual branches.
    static let interesting = Array("0123456789.,;\t -+eE\n\r\"'()/#nanifZHz\u{0}\u{1A}".utf8) + [0xFF, 0xC3, 0xB5]

    static func mutate(_ input: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
        var bytes = input
        let operations = Int.random(in: 1...4, using: &random)
        for _ in 0..<operations {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<6, using: &random) {
            case 0 where !bytes.isEmpty:
                bytes[position] = UInt8.random(in: 0...255, using: &random)
            case 1 where !bytes.isEmpty:
                bytes[position] = interesting[Int.random(in: 0..<interesting.count, using: &random)]
            case 2:
                let length = min(Int.random(in: 1...64, using: &random), bytes.count - position)
                bytes.removeSubrange(position..<(position + max(length, 0)))
            case 3:
                let insert = (0..<Int.random(in: 1...16, using: &random)).map { _ in
                    interesting[Int.random(in: 0..<interesting.count, using: &random)]
                }
                bytes.insert(contentsOf: insert, at: position)
            case 4:
                bytes = Array(bytes.prefix(position))
            default:
                let length = min(Int.random(in: 1...200, using: &random), bytes.count - position)
                if length > 0 { bytes.insert(contentsOf: bytes[position..<(position + length)], at: position) }
            }
        }
        return bytes
    }

    /// Runs both readers; anything but success or a `DataError` fails the test.
    static func exercise(_ bytes: [UInt8], _ name: String, _ label: String) {
        do { _ = try EISFileReader.parse(data: bytes, fileName: name) } catch is DataError {} catch {
            XCTFail("\(label): EIS reader threw a non-DataError \(error)")
        }
        do { _ = try TraceReader.parse(data: bytes, fileName: name) } catch is DataError {} catch {
            XCTFail("\(label): trace reader threw a non-DataError \(error)")
        }
    }

    private func samples() throws -> [(String, [UInt8])] {
        var all = try (Fixture.readableSamples + ["exampleDataBioLogic_MissingFreq.mpt"]).map { ($0, try Fixture.sample($0)) }
        all.append(("synthetic.mpr", MPRWriter(columns: RandlesOracle.eisColumns()).bytes()))
        all.append(("synthetic-v0.mpr", MPRWriter(headerStyle: .v2, layout: .version0Long,
                                                   columns: RandlesOracle.eisColumns()).bytes()))
        return all
    }

    func testMutatedSamplesNeverTrap() throws {
        var random = SplitMix64(state: 0xC311_5C41)
        for (name, bytes) in try samples() {
            for iteration in 0..<Self.mutationsPerSample {
                Self.exercise(Self.mutate(bytes, &random), name, "\(name) mutation \(iteration)")
            }
        }
    }

    func testTruncatedSamplesNeverTrap() throws {
        for (name, bytes) in try samples() {
            let step = max(1, bytes.count / Self.truncationsPerSample)
            for length in stride(from: 0, through: bytes.count, by: step) {
                Self.exercise(Array(bytes.prefix(length)), name, "\(name) cut at \(length)")
            }
        }
    }

    func testRandomBytesAndRandomTextNeverTrap() {
        var random = SplitMix64(state: 42)
        for iteration in 0..<Self.randomBuffers {
            let count = Int.random(in: 0...600, using: &random)
            let binary = (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
            Self.exercise(binary, "random.bin", "random bytes \(iteration)")
            let text = (0..<count).map { _ in Self.interesting[Int.random(in: 0..<Self.interesting.count, using: &random)] }
            Self.exercise(text, "random.csv", "random text \(iteration)")
            Self.exercise(MPRFile.signature + binary, "random.mpr", "signature + random bytes \(iteration)")
            Self.exercise(Array("EC-Lab ASCII FILE\nNb header lines : 3\n".utf8) + text, "r.mpt", "mpt + text \(iteration)")
        }
    }
}
