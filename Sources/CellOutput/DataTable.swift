// The tabular content every export shares: named columns with a unit label each.
import CellNumerics

/// The values of one column: all numbers or all text.
public enum ColumnValues: Sendable, Equatable {
    case numbers([Double])
    case text([String])

    public var count: Int {
        switch self {
        case .numbers(let values): values.count
        case .text(let values): values.count
        }
    }
}

/// One column of an export: `name`, an optional unit label and the values.
///
/// The header is `name_unit` (`discharge_capacity_mAh_per_g`), or just `name` without a unit.
/// The unit label is used as given; ``unitLabel(forSymbol:)`` turns a unit symbol such as
/// `mAh/g` into a header-safe label.
public struct DataColumn: Sendable, Equatable {
    public var name: String
    public var unitLabel: String?
    public var values: ColumnValues

    public init(name: String, unitLabel: String? = nil, values: ColumnValues) {
        self.name = name
        self.unitLabel = unitLabel
        self.values = values
    }

    public init(name: String, unitLabel: String? = nil, numbers: [Double]) {
        self.init(name: name, unitLabel: unitLabel, values: .numbers(numbers))
    }

    public init(name: String, unitLabel: String? = nil, text: [String]) {
        self.init(name: name, unitLabel: unitLabel, values: .text(text))
    }

    /// `name_unit`, or `name` when there is no (or an empty) unit label.
    public var header: String {
        guard let unitLabel, !unitLabel.isEmpty else { return name }
        return name + "_" + unitLabel
    }

    /// A header-safe label for a unit symbol, so the column name stays one identifier in
    /// pandas: `/` → `_per_`, `*`, `·` and spaces → `_`, `^2`/`²` → `2`, `^-1`/`⁻¹` → `-1`,
    /// `%` → `percent`, `°C` → `degC`, `Ω` → `ohm`, `µ` → `u`.
    /// Examples: `mAh/g` → `mAh_per_g`, `ohm*cm^2` → `ohm_cm2`, `S/cm` → `S_per_cm`.
    public static func unitLabel(forSymbol symbol: String) -> String {
        var label = ""
        for character in symbol {
            switch character {
            case "/": label += "_per_"
            case "*", "·", " ", "⋅": label += "_"
            case "^": continue
            case "%": label += "percent"
            case "°": label += "deg"
            case "Ω": label += "ohm"
            case "µ", "μ": label += "u"
            case "²": label += "2"
            case "³": label += "3"
            case "⁻": label += "-"
            case "¹": label += "1"
            default: label.append(character)
            }
        }
        return label
    }
}

/// A table of columns, all of the same length. The same value exports as CSV and as JSON.
public struct DataTable: Sendable, Equatable {
    public var columns: [DataColumn]

    public init(columns: [DataColumn]) {
        self.columns = columns
    }

    /// Number of rows (of the first column; ``validate()`` checks the others agree).
    public var rowCount: Int { columns.first?.values.count ?? 0 }

    /// The headers, in column order.
    public var headers: [String] { columns.map(\.header) }

    /// Checks that the table can be written: non-empty distinct names, equal lengths and only
    /// finite numbers. Throws the first problem found, scanning column by column.
    public func validate() throws(OutputError) {
        var seen: Set<String> = []
        for (position, column) in columns.enumerated() {
            if column.name.isEmpty { throw .emptyColumnName(position: position) }
            if !seen.insert(column.header).inserted { throw .duplicateColumn(header: column.header) }
            if column.values.count != rowCount {
                throw .columnLengthMismatch(column: column.header, expected: rowCount,
                                            found: column.values.count)
            }
            if case .numbers(let numbers) = column.values,
               let bad = numbers.firstIndex(where: { !$0.isFinite }) {
                throw .nonFiniteValue(column: column.header, index: bad, value: numbers[bad].description)
            }
        }
    }

    /// A time series as exported by `export r to "x.csv"`:
    /// `time_s,voltage_V,current_A,capacity_Ah,temperature_K`, all in SI base units.
    /// - Parameters:
    ///   - time: seconds. - voltage: volts. - current: amperes (sign as the simulator uses it).
    ///   - capacity: ampere-hours. - temperature: kelvin.
    public static func timeSeries(time: [Double], voltage: [Double], current: [Double],
                                  capacity: [Double], temperature: [Double]) -> DataTable {
        DataTable(columns: [
            DataColumn(name: "time", unitLabel: "s", numbers: time),
            DataColumn(name: "voltage", unitLabel: "V", numbers: voltage),
            DataColumn(name: "current", unitLabel: "A", numbers: current),
            DataColumn(name: "capacity", unitLabel: "Ah", numbers: capacity),
            DataColumn(name: "temperature", unitLabel: "K", numbers: temperature),
        ])
    }

    /// An impedance spectrum: `frequency_Hz,Zre_ohm,Zim_ohm`, Zim signed (negative for
    /// capacitive behaviour), rows in the spectrum's own order.
    public static func spectrum(_ spectrum: ImpedanceSpectrum) -> DataTable {
        DataTable(columns: [
            DataColumn(name: "frequency", unitLabel: "Hz", numbers: spectrum.frequencies),
            DataColumn(name: "Zre", unitLabel: "ohm", numbers: spectrum.real),
            DataColumn(name: "Zim", unitLabel: "ohm", numbers: spectrum.imaginary),
        ])
    }
}
