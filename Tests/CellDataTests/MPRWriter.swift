import Foundation
@testable import CellData

/// Writes BioLogic .mpr bytes following the layout documented in docs/data-formats.md (and by
/// the Python package `galvani`), so the binary reader can be tested without an instrument
/// file. Test-only: written independently of the reader, from the documented layout.
struct MPRWriter {
    /// Module header: before EC-Lab 11.50 (`v1`) or from then on (`v2`, `ff ff ff ff` first).
    enum HeaderStyle { case v1, v2 }
    /// `VMP data` module layout: version 0 with one-byte IDs (records at 100), version 0 with
    /// two-byte ID slots (records at 1007), version 2 (u16 IDs, records at 405), version 3
    /// (records at 406).
    enum DataLayout { case version0Short, version0Long, version2, version3 }

    var headerStyle: HeaderStyle = .v1
    var layout: DataLayout = .version2
    /// `VMP Set` date, `MM/DD/YY` as EC-Lab writes it.
    var date = "11/22/26"
    /// Columns in record order; flag IDs (1, 2, 3, 21, 31, 65) share one byte holding the
    /// first flag column's value.
    var columns: [(id: Int, values: [Double])]

    var pointCount: Int { columns.first?.values.count ?? 0 }

    func bytes() -> [UInt8] {
        var out = Array("BIO-LOGIC MODULAR FILE\u{1A}".utf8)
        while out.count < 48 { out.append(0x20) }
        out += [0, 0, 0, 0]
        out += module(short: "VMP Set", long: "VMP settings", version: 0, kind: 10,
                      data: Array("Potentio Electrochemical Impedance Spectroscopy".utf8) + [UInt8](repeating: 0, count: 64))
        let version: Int
        switch layout {
        case .version0Short, .version0Long: version = 0
        case .version2: version = 2
        case .version3: version = 3
        }
        out += module(short: "VMP data", long: "VMP data", version: version, kind: 11, data: dataModule())
        return out
    }

    private func dataModule() -> [UInt8] {
        var data = le32(pointCount)
        data.append(UInt8(columns.count))
        let recordsAt: Int
        switch layout {
        case .version0Short:
            for column in columns { data.append(UInt8(column.id)) }
            recordsAt = 100
        case .version0Long:
            for column in columns { data += [0, UInt8(column.id)] }
            recordsAt = 1007
        case .version2, .version3:
            for column in columns { data += le16(column.id) }
            recordsAt = 405
        }
        while data.count < recordsAt { data.append(0) }
        if layout == .version3 { data.append(0x01) }
        for record in 0..<pointCount {
            var flagsWritten = false
            for column in columns {
                if MPRColumns.flagIDs.contains(column.id) {
                    if !flagsWritten { data.append(UInt8(column.values[record])); flagsWritten = true }
                    continue
                }
                let value = column.values[record]
                switch MPRColumns.known[column.id]?.kind ?? .float32 {
                case .uint8: data.append(UInt8(value))
                case .uint16: data += le16(Int(value))
                case .uint32: data += le32(Int(value))
                case .float32: data += le32(Int(Float(value).bitPattern))
                case .float64: data += le64(value.bitPattern)
                }
            }
        }
        return data
    }

    private func module(short: String, long: String, version: Int, kind: Int, data: [UInt8]) -> [UInt8] {
        var out = Array("MODULE".utf8)
        out += padded(short, 10) + padded(long, 25)
        switch headerStyle {
        case .v1:
            out += le32(data.count) + le32(version) + padded(date, 8)
        case .v2:
            out += [0xFF, 0xFF, 0xFF, 0xFF] + le32(data.count) + le32(version) + le32(kind) + padded(date, 8)
        }
        return out + data
    }

    private func padded(_ text: String, _ count: Int) -> [UInt8] {
        var bytes = Array(text.utf8.prefix(count))
        while bytes.count < count { bytes.append(0x20) }
        return bytes
    }

    private func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF)] }
    private func le32(_ value: Int) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }
    private func le64(_ value: UInt64) -> [UInt8] { (0..<8).map { UInt8((value >> (8 * UInt64($0))) & 0xFF) } }
}

/// A parallel RC in series with a resistor, the analytic oracle of the synthetic .mpr files:
/// Z(ω) = R0 + R1 / (1 + jωR1C) with R0 = 10 Ω, R1 = 100 Ω, C = 10 µF.
enum RandlesOracle {
    static let seriesResistance = 10.0, parallelResistance = 100.0, capacitance = 1e-5

    /// 25 frequencies, log-spaced from 100 kHz down to 0.1 Hz.
    static let frequencies: [Double] = (0..<25).map { 1e5 * pow(10, -Double($0) * 6 / 24) }

    /// (Z', Z'') in ohm at `frequency` Hz.
    static func impedance(_ frequency: Double) -> (real: Double, imaginary: Double) {
        let omegaTau = 2 * Double.pi * frequency * parallelResistance * capacitance
        let denominator = 1 + omegaTau * omegaTau
        return (seriesResistance + parallelResistance / denominator,
                -parallelResistance * omegaTau / denominator)
    }

    /// Columns of a PEIS-like .mpr: flags (mode, error), freq/Hz, Re(Z)/Ohm, -Im(Z)/Ohm,
    /// |Z|/Ohm, Phase(Z)/deg, time/s.
    static func eisColumns() -> [(id: Int, values: [Double])] {
        let z = frequencies.map(impedance)
        return [
            (1, frequencies.map { _ in 3 }),
            (3, frequencies.map { _ in 0 }),
            (32, frequencies),
            (37, z.map(\.real)),
            (38, z.map { -$0.imaginary }),
            (36, z.map { ($0.real * $0.real + $0.imaginary * $0.imaginary).squareRoot() }),
            (35, z.map { atan2($0.imaginary, $0.real) * 180 / Double.pi }),
            (4, frequencies.indices.map { Double($0) * 1.5 }),
        ]
    }
}
