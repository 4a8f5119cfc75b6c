import CellUnits
import Foundation

/// A sweep cell as stored in a shard file: the values a `table for` row may hold, with units.
///
/// Numbers are written as Swift's shortest round-trip decimal text (`"\(double)"`), so a value
/// read back is bit-identical to the one written and merged outputs match a single-machine run
/// byte for byte. Quantities keep their SI value, dimension exponents (m, kg, s, A, K, mol, C-rate),
/// fraction basis, absolute-temperature flag and the unit text they were written with.
indirect enum ShardValue: Codable, Equatable, Sendable {
    case quantity(value: String, exponents: [Int], basis: String, absolute: Bool, unit: String?)
    /// `x in UNIT`: the quantity and the unit text it prints in.
    case converted(ShardValue, unit: String)
    case string(String)
    case bool(Bool)
    case list([ShardValue])
    case record(names: [String], values: [ShardValue])
    case none
}

/// Why a sweep value cannot go into a shard file, or a shard value cannot come back.
struct ShardValueError: Error {
    var message: String
}

extension ShardValue {
    /// Encodes a runtime value, or explains which value kind cannot be stored (`column` names the
    /// sweep column in the message).
    init(_ value: Value, column: String) throws {
        switch value {
        case .quantity(let q):
            self = ShardValue(q)
        case .converted(let q, _, let text):
            self = .converted(ShardValue(q), unit: text)
        case .string(let s): self = .string(s)
        case .bool(let b): self = .bool(b)
        case .none: self = .none
        case .list(let xs): self = .list(try xs.map { try ShardValue($0, column: column) })
        case .record(let r):
            self = .record(names: r.names, values: try r.fields.map { try ShardValue($0.value, column: column) })
        default:
            throw ShardValueError(message: "column `\(column)` holds a \(value.typeName), which a shard file cannot store; "
                                  + "select scalars, lists or records from it (e.g. `.ccd`, `.conductivity.separator`)")
        }
    }

    init(_ q: Quantity) {
        self = .quantity(value: "\(q.value)", exponents: q.dimension.exponents, basis: q.basis.rawValue,
                         absolute: q.isAbsoluteTemperature, unit: q.unitText)
    }

    /// The runtime value back; throws on a malformed number, dimension, basis or unit.
    func value() throws -> Value {
        switch self {
        case .quantity:
            return .quantity(try quantity())
        case .converted(let inner, let text):
            let q = try inner.quantity()
            let unit: CellUnits.Unit
            do { unit = try CellUnits.Unit.parse(text) } catch {
                throw ShardValueError(message: "unknown unit `\(text)` in a shard file")
            }
            return .converted(q, unit, text: text)
        case .string(let s): return .string(s)
        case .bool(let b): return .bool(b)
        case .none: return .none
        case .list(let xs): return .list(try xs.map { try $0.value() })
        case .record(let names, let values):
            guard names.count == values.count else {
                throw ShardValueError(message: "a record in a shard file has \(names.count) names and \(values.count) values")
            }
            return .record(Record(try zip(names, values).map { (name: $0.0, value: try $0.1.value()) }))
        }
    }

    func quantity() throws -> Quantity {
        guard case .quantity(let text, let exponents, let basisText, let absolute, let unit) = self else {
            throw ShardValueError(message: "a shard file has a non-quantity where a quantity belongs")
        }
        guard let value = Double(text) else { throw ShardValueError(message: "`\(text)` in a shard file is not a number") }
        guard let basis = FractionBasis(rawValue: basisText) else {
            throw ShardValueError(message: "unknown fraction basis `\(basisText)` in a shard file")
        }
        let dimension: Dimension
        do { dimension = try Dimension(checkedExponents: exponents) } catch {
            throw ShardValueError(message: "dimension exponents \(exponents) in a shard file are out of range")
        }
        return Quantity(si: value, dimension: dimension, basis: basis, isAbsoluteTemperature: absolute, unitText: unit)
    }
}
