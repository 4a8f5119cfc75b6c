/// A physical dimension as integer exponents of the SI base quantities, plus the battery
/// C-rate (1 C = the current that (dis)charges the nominal capacity in one hour), which is kept
/// as its own base because its value in amperes is known only once a cell is given.
///
/// Exponents are stored as `Int8`. Arithmetic on user input must go through the throwing
/// `multiplied(by:)`, `divided(by:)` and `raised(to:)`, which refuse any exponent beyond
/// `Dimension.maxExponent`; the operators `*`, `/` and `power(_:)` never trap either, but they
/// clamp silently and are meant for building known dimensions in code.
public struct Dimension: Hashable, Sendable {
    public var length: Int8 = 0
    public var mass: Int8 = 0
    public var time: Int8 = 0
    public var current: Int8 = 0
    public var temperature: Int8 = 0
    public var amount: Int8 = 0
    public var cRate: Int8 = 0

    /// Largest exponent magnitude a checked operation accepts: no physical formula needs more,
    /// and it keeps every intermediate far inside `Int8`.
    public static let maxExponent = 32

    public init(length: Int8 = 0, mass: Int8 = 0, time: Int8 = 0, current: Int8 = 0,
                temperature: Int8 = 0, amount: Int8 = 0, cRate: Int8 = 0) {
        self.length = length
        self.mass = mass
        self.time = time
        self.current = current
        self.temperature = temperature
        self.amount = amount
        self.cRate = cRate
    }

    public static let none = Dimension()
    public var isDimensionless: Bool { self == .none }

    /// The exponents in the fixed order m, kg, s, A, K, mol, C-rate.
    public var exponents: [Int] {
        [length, mass, time, current, temperature, amount, cRate].map { Int($0) }
    }

    /// Builds a dimension from exponents in the order of `exponents` (missing ones are 0),
    /// refusing any exponent beyond `maxExponent`.
    public init(checkedExponents given: [Int]) throws(UnitError) {
        let e = Array((given + Array(repeating: 0, count: 7)).prefix(7))
        for x in given where x.magnitude > Dimension.maxExponent.magnitude {
            throw UnitError.exponentTooLarge(exponent: x)
        }
        self.init(length: Int8(e[0]), mass: Int8(e[1]), time: Int8(e[2]), current: Int8(e[3]),
                  temperature: Int8(e[4]), amount: Int8(e[5]), cRate: Int8(e[6]))
    }

    /// Builds a dimension from exponents, clamping each into `Int8` (never traps).
    private init(clamping given: [Int]) {
        let e = Array((given + Array(repeating: 0, count: 7)).prefix(7))
        self.init(length: Int8(clamping: e[0]), mass: Int8(clamping: e[1]),
                  time: Int8(clamping: e[2]), current: Int8(clamping: e[3]),
                  temperature: Int8(clamping: e[4]), amount: Int8(clamping: e[5]),
                  cRate: Int8(clamping: e[6]))
    }

    // MARK: Checked arithmetic (for anything derived from user input)

    /// The product dimension; throws `exponentTooLarge` beyond `maxExponent`.
    public func multiplied(by other: Dimension) throws(UnitError) -> Dimension {
        try combined(other, sign: 1)
    }

    /// The quotient dimension; throws `exponentTooLarge` beyond `maxExponent`.
    public func divided(by other: Dimension) throws(UnitError) -> Dimension {
        try combined(other, sign: -1)
    }

    /// Field-by-field a + sign·b without allocating (evaluator hot path).
    private func combined(_ b: Dimension, sign: Int) throws(UnitError) -> Dimension {
        func add(_ x: Int8, _ y: Int8) throws(UnitError) -> Int8 {
            let r = Int(x) + sign * Int(y)
            guard r.magnitude <= Dimension.maxExponent.magnitude else {
                throw UnitError.exponentTooLarge(exponent: r)
            }
            return Int8(r)
        }
        return Dimension(length: try add(length, b.length), mass: try add(mass, b.mass),
                         time: try add(time, b.time), current: try add(current, b.current),
                         temperature: try add(temperature, b.temperature),
                         amount: try add(amount, b.amount), cRate: try add(cRate, b.cRate))
    }

    /// This dimension to an integer power; throws `exponentTooLarge` beyond `maxExponent`
    /// (also for huge `n`, without overflowing).
    public func raised(to n: Int) throws(UnitError) -> Dimension {
        if isDimensionless { return self }
        guard n.magnitude <= Dimension.maxExponent.magnitude else {
            throw UnitError.exponentTooLarge(exponent: n)
        }
        return try Dimension(checkedExponents: exponents.map { $0 * n })
    }

    // MARK: Unchecked arithmetic (clamps, never traps; for known dimensions in code)

    public static func * (a: Dimension, b: Dimension) -> Dimension {
        Dimension(clamping: zip(a.exponents, b.exponents).map { $0 + $1 })
    }
    public static func / (a: Dimension, b: Dimension) -> Dimension {
        Dimension(clamping: zip(a.exponents, b.exponents).map { $0 - $1 })
    }

    public func power(_ n: Int) -> Dimension {
        let k = max(-1000, min(1000, n))
        return Dimension(clamping: exponents.map { $0 * k })
    }
}
