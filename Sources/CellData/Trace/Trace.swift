/// A measured voltage–time trace (and current, when the file has it), in SI units.
public struct Trace: Sendable, Equatable {
    /// Time in seconds, finite, in file order (normally non-decreasing; see `warnings`).
    public var time: [Double]
    /// Cell voltage in volts, one per time.
    public var voltage: [Double]
    /// Current in amperes, one per time; nil when the file has no current column.
    public var current: [Double]?
    /// Detected layout: `delimited text`, `BioLogic .mpt` or `BioLogic .mpr`.
    public var format: String
    /// Non-fatal findings (time going backwards, assumed units), lowercase, no final period.
    public var warnings: [String]

    /// A trace; `voltage` (and `current`, if given) must have one value per time.
    public init(time: [Double], voltage: [Double], current: [Double]? = nil,
                format: String = "", warnings: [String] = []) {
        precondition(time.count == voltage.count && (current?.count ?? time.count) == time.count,
                     "one voltage (and current) per time")
        self.time = time
        self.voltage = voltage
        self.current = current
        self.format = format
        self.warnings = warnings
    }

    public var count: Int { time.count }
}

/// What a trace column holds, recognised from its header.
enum TraceColumnRole: Sendable, Equatable {
    case time, voltage, current

    private static let names: [(TraceColumnRole, Set<String>)] = [
        (.time, ["t", "time", "elapsedtime", "testtime", "totaltime", "elapsed", "runtime", "time(s)"]),
        (.voltage, ["v", "u", "e", "voltage", "potential", "ewe", "<ewe>", "ecell", "e_cell", "vcell",
                    "cellvoltage", "cell_voltage", "ucell", "e_we", "we", "volt", "volts"]),
        (.current, ["i", "current", "<i>", "icell", "i_cell", "cellcurrent", "cell_current", "amps"]),
    ]

    /// The role and unit of a header, or nil when it is not a trace column.
    static func classify(_ header: String) -> (role: TraceColumnRole, unit: String?)? {
        for reading in ColumnName.readings(of: header) {
            for (role, names) in names where names.contains(reading.base) {
                return (role, reading.unit)
            }
        }
        return nil
    }

    /// Factor to SI for a unit of this role, or nil when the unit is unknown.
    func scale(_ unit: String?) -> Double? {
        switch self {
        case .time: return UnitScale.time(unit)
        case .voltage: return UnitScale.voltage(unit)
        case .current: return UnitScale.current(unit)
        }
    }
}
