import XCTest
@testable import CellUnits

/// Bad input must throw, never trap: deterministic random strings and operation chains.
final class RobustnessTests: XCTestCase {
    /// A small deterministic generator (64-bit LCG, Knuth's constants) so failures reproduce.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    func testRandomUnitTextNeverTraps() {
        let alphabet = Array("mAcsKgVΩµμ°C%wtvol/*·^-+0123456789().e ²³⁻¹ohmHzPa")
        var generator = Generator(state: 42)
        var parsed = 0
        for _ in 0..<5_000 {
            let length = 1 + generator.next(12)
            let text = String((0..<length).map { _ in alphabet[generator.next(alphabet.count)] })
            if (try? Unit.parse(text)) != nil { parsed += 1 }
            _ = try? Quantity.parse(text)
            _ = try? Quantity.parse("1" + text)
        }
        XCTAssertGreaterThan(parsed, 0, "the generator never produced a valid unit")
    }

    func testRandomArithmeticNeverTraps() {
        let pool = ["1 m", "2 s", "3 kg", "4 A", "5 K", "6 mol", "0.5 C", "90 degC", "10 wt%",
                    "30 vol%", "2", "0", "1e300 m", "1e-300 s", "-3 V"].map { q($0) }
        var generator = Generator(state: 7)
        var errors = 0
        for _ in 0..<5_000 {
            var x = pool[generator.next(pool.count)]
            for _ in 0..<8 {
                let y = pool[generator.next(pool.count)]
                do {
                    switch generator.next(6) {
                    case 0: x = try x + y
                    case 1: x = try x - y
                    case 2: x = try x * y
                    case 3: x = try x / y
                    case 4: x = try x.raised(to: Double(generator.next(80)) - 40)
                    default: _ = try x.compare(y)
                    }
                } catch {
                    errors += 1
                }
                _ = x.formatted()
            }
        }
        XCTAssertGreaterThan(errors, 0)
    }
}
