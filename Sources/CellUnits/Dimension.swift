/// A physical dimension as integer exponents of the SI base quantities, plus the battery
/// C-rate (1 C = the current that (dis)charges the nominal capacity in one hour), which is kept
/// as its own base because its value in amperes is known only once a cell is given.
public struct Dimension: Hashable, Sendable {
    public var length: Int8 = 0
    public var mass: Int8 = 0
    public var time: Int8 = 0
    public var current: Int8 = 0
    public var temperature: Int8 = 0
    public var amount: Int8 = 0
    public var cRate: Int8 = 0

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

    public static func * (a: Dimension, b: Dimension) -> Dimension {
        Dimension(length: a.length + b.length, mass: a.mass + b.mass, time: a.time + b.time,
                  current: a.current + b.current, temperature: a.temperature + b.temperature,
                  amount: a.amount + b.amount, cRate: a.cRate + b.cRate)
    }
    public static func / (a: Dimension, b: Dimension) -> Dimension { a * b.power(-1) }

    public func power(_ n: Int) -> Dimension {
        let k = Int8(clamping: n)
        return Dimension(length: length * k, mass: mass * k, time: time * k, current: current * k,
                         temperature: temperature * k, amount: amount * k, cRate: cRate * k)
    }
}
