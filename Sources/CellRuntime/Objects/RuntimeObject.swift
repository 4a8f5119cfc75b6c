import CellUnits

/// A value backed by a model or a file: spectra, circuits, fits, Kramers–Kronig checks, run
/// results, plots. Each exposes named members (`z.arcs`, `f.chi2`) and prints a summary.
public protocol RuntimeObject: AnyObject {
    /// The type name used in messages (`spectrum`, `circuit`, `fit`, `result`, `plot`).
    var typeName: String { get }
    /// Member names, for did-you-mean and completion.
    var memberNames: [String] { get }
    /// The member's value, or nil when there is no such member.
    func member(_ name: String) -> Value?
    /// What `print` shows.
    var summary: String { get }
}

/// Helpers to turn SI numbers into language values.
enum Values {
    /// A quantity from an SI value and an SI unit text readable by CellUnits (`A/m^2`, `ohm*m^2`).
    static func quantity(_ value: Double, unit: String) -> Value {
        if unit.isEmpty { return .number(value) }
        guard let u = try? CellUnits.Unit.parse(unit) else { return .number(value) }
        return .quantity(Quantity(si: value * u.scale + u.offset, dimension: u.dimension))
    }

    static func quantity(_ value: Double, _ dimension: CellUnits.Dimension) -> Value {
        .quantity(Quantity(si: value, dimension: dimension))
    }

    static func list(_ values: [Double], _ dimension: CellUnits.Dimension) -> Value {
        .list(values.map { quantity($0, dimension) })
    }

    static func list(_ values: [Double], unit: String) -> Value {
        // The unit text is parsed once for the whole list, not once per element.
        guard !unit.isEmpty, let u = try? CellUnits.Unit.parse(unit) else { return .list(values.map { .number($0) }) }
        return .list(values.map { .quantity(Quantity(si: $0 * u.scale + u.offset, dimension: u.dimension)) })
    }

    static func absoluteTemperature(_ kelvin: Double) -> Value {
        .quantity(Quantity(si: kelvin, dimension: .temperature, isAbsoluteTemperature: true))
    }
}
