/// The parsed structure of a BioLogic EC-Lab binary file (.mpr): its modules and the columns
/// of its `VMP data` module.
///
/// Layout (reverse-engineered; documented by the Python package `galvani`, BioLogic.py, and in
/// docs/data-formats.md):
/// - 52-byte signature: `BIO-LOGIC MODULAR FILE\x1a`, spaces to 48 bytes, 4 zero bytes;
/// - modules, each `MODULE` then a header: short name (10 bytes), long name (25), then either
///   length (u32), version (u32), date (8) — or, from EC-Lab 11.50, `ff ff ff ff` (max length),
///   length, version, an unknown u32, date — then `length` bytes of module data;
/// - `VMP data`: point count (u32), column count (u8), column IDs — version 0: one byte each
///   at offset 5 with records at 100, or (older) two bytes each with the ID in the second and
///   records at 1007; version 2/3: u16 each, records at 405 (version 2) or 406 (version 3) —
///   then fixed-size little-endian records, columns in ID order (`MPRColumns`).
///
/// Every offset and length is checked against the file size; nothing here traps.
struct MPRFile: Sendable {
    struct Module: Sendable {
        let shortName: String
        let longName: String
        let version: Int
        /// Offset of the module's data in the file.
        let dataStart: Int
        let length: Int
        let date: String
    }

    let modules: [Module]
    let columnIDs: [Int]
    let pointCount: Int
    /// Values per column ID (first occurrence of an ID), converted to Double, in record order.
    let values: [Int: [Double]]
    /// File offset of record 0 and the size of one record, for positioned errors.
    let recordsStart: Int
    let recordSize: Int
    let warnings: [String]

    static let signatureText = "BIO-LOGIC MODULAR FILE"
    /// The full 52-byte signature.
    static let signature: [UInt8] = {
        var bytes = Array((signatureText + "\u{1A}").utf8)
        while bytes.count < 48 { bytes.append(0x20) }
        return bytes + [0, 0, 0, 0]
    }()
    static let moduleMarker = Array("MODULE".utf8)
    static let dataModuleName = "VMP data"
    /// Header bytes after `MODULE`: before EC-Lab 11.50, and from then on.
    static let headerSizeV1 = 51, headerSizeV2 = 59

    /// Whether `bytes` start with the text part of the signature (a damaged rest is then
    /// reported as corruption rather than as an unknown format).
    static func hasSignaturePrefix(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: Array(signatureText.utf8))
    }

    init(bytes: [UInt8]) throws {
        let reader = ByteReader(bytes: bytes)
        for (index, expected) in MPRFile.signature.enumerated() {
            guard index < bytes.count else {
                throw DataError.corrupt(reason: "file ends inside the signature", offset: bytes.count)
            }
            guard bytes[index] == expected else {
                throw DataError.corrupt(reason: "damaged `BIO-LOGIC MODULAR FILE` signature", offset: index)
            }
        }
        modules = try MPRFile.readModules(reader, from: MPRFile.signature.count)
        guard let data = modules.first(where: { $0.shortName == MPRFile.dataModuleName }) else {
            throw DataError.corrupt(reason: "no `VMP data` module", offset: bytes.count)
        }
        let base = data.dataStart
        let end = base + data.length
        guard data.length >= 5 else {
            throw DataError.corrupt(reason: "`VMP data` module is too short", offset: base)
        }
        pointCount = try reader.uint32(at: base)
        let columnCount = try reader.uint8(at: base + 4)
        var ids: [Int] = []
        let start: Int
        switch data.version {
        case 0:
            if columnCount > 0, try reader.uint8(at: base + 5) != 0 {
                guard 5 + columnCount <= 100 else {
                    throw DataError.corrupt(reason: "too many columns (\(columnCount))", offset: base + 4)
                }
                for index in 0..<columnCount { ids.append(try reader.uint8(at: base + 5 + index)) }
                start = base + 100
            } else {
                for index in 0..<columnCount { ids.append(try reader.uint8(at: base + 6 + 2 * index)) }
                start = base + 1007
            }
        case 2, 3:
            guard 5 + 2 * columnCount <= 405 else {
                throw DataError.corrupt(reason: "too many columns (\(columnCount))", offset: base + 4)
            }
            for index in 0..<columnCount { ids.append(try reader.uint16(at: base + 5 + 2 * index)) }
            start = base + (data.version == 3 ? 406 : 405)
        default:
            throw DataError.corrupt(reason: "unsupported `VMP data` module version \(data.version)", offset: base)
        }
        guard start <= end else {
            throw DataError.corrupt(reason: "`VMP data` module ends before its records", offset: end)
        }
        columnIDs = ids

        // Record layout: columns in header order; all flag IDs share one byte.
        var layout: [(id: Int, offset: Int, kind: MPRValueKind)] = []
        var size = 0
        var flagsPlaced = false
        for (index, id) in ids.enumerated() {
            if MPRColumns.flagIDs.contains(id) {
                if !flagsPlaced { size += 1; flagsPlaced = true }
                continue
            }
            guard let column = MPRColumns.known[id] else {
                throw DataError.corrupt(reason: "unknown column id \(id): its width, and so the record layout, is unknown",
                                        offset: base + 5 + index)
            }
            layout.append((id, size, column.kind))
            size += column.kind.size
        }
        guard size > 0 else { throw DataError.corrupt(reason: "`VMP data` module has no columns", offset: base + 4) }
        let available = (end - start) / size
        guard pointCount <= available else {
            throw DataError.corrupt(reason: "`VMP data` announces \(pointCount) records but holds \(available)",
                                    offset: start)
        }
        var warnings: [String] = []
        let spare = end - start - pointCount * size
        if spare > 0 { warnings.append("\(spare) bytes after the last of \(pointCount) records ignored") }

        var values: [Int: [Double]] = [:]
        for column in layout where values[column.id] == nil {
            var series: [Double] = []
            series.reserveCapacity(pointCount)
            for record in 0..<pointCount {
                series.append(try reader.value(column.kind, at: start + record * size + column.offset))
            }
            values[column.id] = series
        }
        self.values = values
        self.recordsStart = start
        self.recordSize = size
        self.warnings = warnings
    }

    private static func readModules(_ reader: ByteReader, from offset: Int) throws -> [Module] {
        var modules: [Module] = []
        var offset = offset
        let count = reader.bytes.count
        while offset < count {
            guard count - offset >= moduleMarker.count,
                  Array(reader.bytes[offset..<offset + moduleMarker.count]) == moduleMarker else {
                throw DataError.corrupt(reason: "expected `MODULE` marker", offset: offset)
            }
            let header = offset + moduleMarker.count
            guard count - header >= headerSizeV1 else {
                throw DataError.corrupt(reason: "file ends inside a module header", offset: header)
            }
            let shortName = reader.text(at: header, count: 10)
            let longName = reader.text(at: header + 10, count: 25)
            let isV2 = reader.bytes[(header + 35)..<(header + 39)].allSatisfy { $0 == 0xFF }
            let length, version, dataStart: Int
            let date: String
            if isV2 {
                guard count - header >= headerSizeV2 else {
                    throw DataError.corrupt(reason: "file ends inside a module header", offset: header)
                }
                length = try reader.uint32(at: header + 39)
                version = try reader.uint32(at: header + 43)
                date = reader.text(at: header + 51, count: 8)
                dataStart = header + headerSizeV2
            } else {
                length = try reader.uint32(at: header + 35)
                version = try reader.uint32(at: header + 39)
                date = reader.text(at: header + 43, count: 8)
                dataStart = header + headerSizeV1
            }
            guard length <= count - dataStart else {
                throw DataError.corrupt(
                    reason: "module `\(DataError.clip(shortName))` announces \(length) bytes but \(count - dataStart) remain",
                    offset: dataStart)
            }
            modules.append(Module(shortName: shortName, longName: longName, version: version,
                                  dataStart: dataStart, length: length, date: date))
            offset = dataStart + length
        }
        return modules
    }
}

/// Bounds-checked little-endian reads from a byte array.
struct ByteReader: Sendable {
    let bytes: [UInt8]

    private func check(_ offset: Int, _ size: Int) throws {
        guard offset >= 0, offset <= bytes.count - size else {
            throw DataError.corrupt(reason: "unexpected end of file", offset: min(max(offset, 0), bytes.count))
        }
    }

    func uint8(at offset: Int) throws -> Int {
        try check(offset, 1)
        return Int(bytes[offset])
    }

    func uint16(at offset: Int) throws -> Int {
        try check(offset, 2)
        return Int(bytes[offset]) | Int(bytes[offset + 1]) << 8
    }

    func uint32(at offset: Int) throws -> Int {
        try check(offset, 4)
        var value = 0
        for index in (0..<4).reversed() { value = value << 8 | Int(bytes[offset + index]) }
        return value
    }

    func uint64(at offset: Int) throws -> UInt64 {
        try check(offset, 8)
        var value: UInt64 = 0
        for index in (0..<8).reversed() { value = value << 8 | UInt64(bytes[offset + index]) }
        return value
    }

    func value(_ kind: MPRValueKind, at offset: Int) throws -> Double {
        switch kind {
        case .uint8: return Double(try uint8(at: offset))
        case .uint16: return Double(try uint16(at: offset))
        case .uint32: return Double(try uint32(at: offset))
        case .float32: return Double(Float(bitPattern: UInt32(try uint32(at: offset))))
        case .float64: return Double(bitPattern: try uint64(at: offset))
        }
    }

    /// `count` bytes at `offset` as text, cut at the first NUL, trailing spaces removed.
    func text(at offset: Int, count: Int) -> String {
        guard offset >= 0, count >= 0, offset <= bytes.count - count else { return "" }
        let slice = bytes[offset..<(offset + count)].prefix { $0 != 0 }
        return String(decoding: slice, as: UTF8.self).trimmed
    }
}
