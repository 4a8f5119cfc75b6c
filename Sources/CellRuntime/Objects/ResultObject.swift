import CellNumerics
import CellPhysics
import CellUnits

/// What `run PROTOCOL on CELL` returns (LANGUAGE.md §7): time series, per-cycle values,
/// spectra and arcs, and model-derived scalars, all with units.
public final class ResultObject: RuntimeObject {
    public let result: SimulationResult
    public let protocolName: String
    public let cellName: String

    public init(result: SimulationResult, protocolName: String, cellName: String) {
        self.result = result
        self.protocolName = protocolName
        self.cellName = cellName
    }

    public var typeName: String { "result" }

    static let seriesMembers = ["time", "voltage", "current", "capacity", "temperature"]
    static let cycleMembers = ["charge_capacity", "discharge_capacity", "coulombic_efficiency", "cycles",
                               "mean_charge_voltage", "mean_discharge_voltage", "end_asr"]

    public var memberNames: [String] {
        Self.seriesMembers + Self.cycleMembers + ["spectrum", "spectra", "arcs", "conductivity", "circuit", "notes"]
            + result.scalars.map(\.name) + result.tables.map(\.name) + Array(result.series.extra.keys).sorted()
    }

    public var lastSpectrum: SpectrumObject? {
        result.spectra.last.map { SpectrumObject(label: label(of: $0), spectrum: $0.spectrum) }
    }

    /// `spectrum on aclb, 90 degC`: what a legend needs to tell spectra apart.
    func label(of record: SpectrumRecord) -> String {
        let t = Interpreter.describe(Values.absoluteTemperature(record.temperature))
        return "\(protocolName) on \(cellName), \(t)"
    }

    public func member(_ name: String) -> Value? {
        let s = result.series
        switch name {
        case "time": return Values.list(s.time, .time)
        case "voltage": return Values.list(s.voltage, .voltage)
        case "current": return Values.list(s.current, .current)
        case "capacity": return Values.list(s.capacity.map { $0 * 3600 }, .charge)
        case "temperature": return .list(s.temperature.map { Values.absoluteTemperature($0) })
        case "charge_capacity": return Values.list(result.cycles.map(\.chargeCapacity), .specificCapacity)
        case "discharge_capacity": return Values.list(result.cycles.map(\.dischargeCapacity), .specificCapacity)
        case "coulombic_efficiency": return .list(result.cycles.map { .number($0.coulombicEfficiency) })
        case "mean_charge_voltage": return Values.list(result.cycles.map(\.meanChargeVoltage), .voltage)
        case "mean_discharge_voltage": return Values.list(result.cycles.map(\.meanDischargeVoltage), .voltage)
        case "end_asr": return Values.list(result.cycles.map(\.endASR), .areaSpecificResistance)
        case "cycles": return .table(cyclesTable)
        case "spectrum": return lastSpectrum.map { .object($0) } ?? .none
        case "spectra":
            return .list(result.spectra.map { .object(SpectrumObject(label: label(of: $0), spectrum: $0.spectrum)) })
        case "arcs": return .table(arcsTable(result.spectra.last?.arcs ?? []))
        case "conductivity":
            return .record(Record((result.spectra.last?.apparentConductivities ?? []).map {
                (name: $0.layer, value: Values.quantity($0.value, .conductivity))
            }))
        case "circuit":
            guard let last = result.spectra.last, let c = last.circuit else { return .none }
            return .object(CircuitObject(circuit: c, parameters: last.parameters))
        case "notes": return .list(result.notes.map { .string($0) })
        default:
            if let sc = result.scalar(name) { return Values.quantity(sc.value, unit: sc.unit) }
            if let t = result.tables.first(where: { $0.name == name }) { return .table(table(t)) }
            if let extra = s.extra[name] { return Values.list(extra.values, unit: extra.unit) }
            return nil
        }
    }

    var cyclesTable: Table {
        Table(columns: ["cycle", "charge_capacity", "discharge_capacity", "coulombic_efficiency",
                        "mean_charge_voltage", "mean_discharge_voltage", "end_asr"],
              rows: result.cycles.map { c in
                  [.number(Double(c.index)), Values.quantity(c.chargeCapacity, .specificCapacity),
                   Values.quantity(c.dischargeCapacity, .specificCapacity), .number(c.coulombicEfficiency),
                   Values.quantity(c.meanChargeVoltage, .voltage), Values.quantity(c.meanDischargeVoltage, .voltage),
                   Values.quantity(c.endASR, .areaSpecificResistance)]
              })
    }

    func arcsTable(_ arcs: [Arc]) -> Table {
        Table(columns: ["origin", "R", "C", "f_peak", "ASR"], rows: arcs.map { a in
            [.string(a.origin), Values.quantity(a.resistance, .resistance), Values.quantity(a.capacitance, .capacitance),
             Values.quantity(a.peakFrequency, .frequency), Values.quantity(a.areaSpecificResistance, .areaSpecificResistance)]
        })
    }

    func table(_ t: ResultTable) -> Table {
        let n = t.columns.map(\.values.count).max() ?? 0
        return Table(columns: t.columns.map(\.name), rows: (0..<n).map { i in
            t.columns.map { c in i < c.values.count ? Values.quantity(c.values[i], unit: c.unit) : .none }
        })
    }

    public var summary: String {
        var lines = ["result of `\(protocolName)` on \(cellName): \(result.series.count) samples"
            + (result.series.time.last.map { ", \(Quantity(si: $0, dimension: .time).formatted()) simulated" } ?? "")
            + (result.cycles.isEmpty ? "" : ", \(result.cycles.count) cycle\(result.cycles.count == 1 ? "" : "s")")
            + (result.spectra.isEmpty ? "" : ", \(result.spectra.count) spectr\(result.spectra.count == 1 ? "um" : "a")")]
        for sc in result.scalars {
            lines.append("  \(sc.name) = \(Interpreter.describe(Values.quantity(sc.value, unit: sc.unit)))" + (sc.summary.isEmpty ? "" : "  (\(sc.summary))"))
        }
        lines += result.notes.map { "  note: \($0)" }
        return lines.joined(separator: "\n")
    }
}
