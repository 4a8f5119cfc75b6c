/// Reads voltage–time traces (`load trace "file"`): delimited text with a time and a voltage
/// column (and optionally current), BioLogic .mpt exports, and BioLogic .mpr files.
///
/// Columns are found by header name with units taken from the header (`time/h`, `t (s)`,
/// `U (mV)`, `<I>/mA`, `voltage_V`; see docs/data-formats.md, "Traces"). Without a header the
/// columns are time (s), voltage (V) and, if present, current (A), with a warning.
public enum TraceReader {
    static let delimitedName = "delimited text"

    /// Reads the file at `path`.
    ///
    /// - Throws: `DataError.unreadable`, `tooLarge`, or any error of `parse(data:fileName:)`.
    public static func read(path: String) throws -> Trace {
        try parse(data: FileLoader.bytes(atPath: path), fileName: path)
    }

    /// Parses file content; `fileName` is used only for messages and as a hint.
    ///
    /// - Throws: a `DataError`; never traps, whatever the bytes.
    public static func parse(data: [UInt8], fileName: String) throws -> Trace {
        guard data.count <= DataLimits.maximumFileBytes else {
            throw DataError.tooLarge(bytes: data.count, limit: DataLimits.maximumFileBytes)
        }
        if BioLogicMPR.hasMagic(data) { return try readMPR(data) }
        guard data.contains(where: { !EISFileReader.isWhitespace($0) }) else { throw DataError.empty }
        if EISFileReader.looksBinary(data) {
            throw DataError.unknownFormat(tried: [BioLogicMPR.name, BioLogicMPT.name, delimitedName])
        }
        let lines = TextLines(bytes: data)
        if lines.firstContent.hasPrefix(BioLogicMPT.signature) {
            let headerLine = try BioLogicMPT.columnHeaderLine(lines)
            let dataLines = ((headerLine + 1)...max(headerLine + 1, lines.count)).filter {
                $0 <= lines.count && !lines.text($0).isBlank
            }
            return try readTable(lines, headerLine: headerLine, dataLines: dataLines, separator: .tab,
                                 format: BioLogicMPT.name)
        }
        let content = (0..<lines.count).map { $0 + 1 }.filter { DelimitedEIS.isContent(lines.text($0)) }
        guard let first = content.first else { throw DataError.empty }
        let separator = FieldSeparator.detect(in: lines.text(first))
        let firstRow = DataRow(line: first, fields: separator.split(lines.text(first)))
        if firstRow.isNumeric(decimalComma: separator.allowsDecimalComma) {
            return try readTable(lines, headerLine: nil, dataLines: content, separator: separator,
                                 format: delimitedName)
        }
        return try readTable(lines, headerLine: first, dataLines: Array(content.dropFirst()), separator: separator,
                             format: delimitedName)
    }

    private struct Column {
        let index: Int
        let factor: Double
    }

    /// Every row must have as many fields as the header (or the first row): a shorter or
    /// longer row would shift columns.
    private static func readTable(_ lines: TextLines, headerLine: Int?, dataLines: [Int],
                                  separator: FieldSeparator, format: String) throws -> Trace {
        var warnings: [String] = []
        var time: Column, voltage: Column
        var current: Column?
        let expectedFields: Int
        if let headerLine {
            let headers = separator.split(lines.text(headerLine)).map(String.init)
            var found: [TraceColumnRole: Column] = [:]
            for (index, header) in headers.enumerated() {
                guard let (role, unit) = TraceColumnRole.classify(header), found[role] == nil else { continue }
                guard let factor = role.scale(unit) else {
                    throw DataError.unsupportedUnit(unit: unit ?? "", column: header, line: headerLine)
                }
                found[role] = Column(index: index, factor: factor)
            }
            guard let timeColumn = found[.time] else { throw DataError.missingColumn(name: "time", line: headerLine) }
            guard let voltageColumn = found[.voltage] else {
                throw DataError.missingColumn(name: "voltage", line: headerLine)
            }
            time = timeColumn
            voltage = voltageColumn
            current = found[.current]
            expectedFields = headers.count
        } else {
            guard let first = dataLines.first else { throw DataError.noDataPoints(format: format) }
            let width = separator.split(lines.text(first)).count
            guard width >= 2 else {
                throw DataError.malformed(reason: "headerless trace needs 2 columns (time, voltage), found \(width)",
                                          line: first)
            }
            time = Column(index: 0, factor: 1)
            voltage = Column(index: 1, factor: 1)
            current = width >= 3 ? Column(index: 2, factor: 1) : nil
            expectedFields = width
            warnings.append("no header: columns read as time (s), voltage (V)" + (width >= 3 ? ", current (A)" : ""))
        }
        let decimalComma = separator.allowsDecimalComma
        var times: [Double] = [], voltages: [Double] = [], currents: [Double] = []
        var reportedBackwards = false
        for number in dataLines {
            let row = DataRow(line: number, fields: separator.split(lines.text(number)))
            if row.fields.count != expectedFields {
                throw DataError.inconsistentRowLength(expected: expectedFields, found: row.fields.count, line: number)
            }
            func value(_ column: Column) throws -> Double {
                let scaled = try row.number(column.index, decimalComma: decimalComma, expectedFields: expectedFields)
                    * column.factor
                guard scaled.isFinite else {
                    throw DataError.nonFinite(text: String(row.fields[column.index]), line: number, column: column.index + 1)
                }
                return scaled
            }
            let t = try value(time)
            if let previous = times.last, t < previous, !reportedBackwards {
                warnings.append("time decreases at line \(number) (from \(previous) s to \(t) s)")
                reportedBackwards = true
            }
            times.append(t)
            voltages.append(try value(voltage))
            if let current { currents.append(try value(current)) }
        }
        guard !times.isEmpty else { throw DataError.noDataPoints(format: format) }
        return Trace(time: times, voltage: voltages, current: current == nil ? nil : currents,
                     format: format, warnings: warnings)
    }

    /// Time (ID 4, s), voltage (`Ewe/V` 6, or `<Ewe>/V` 77/174) and current (`I/mA` 8,
    /// `<I>/mA` 11/76, converted to A) from a .mpr file.
    private static func readMPR(_ bytes: [UInt8]) throws -> Trace {
        let file = try MPRFile(bytes: bytes)
        guard file.pointCount > 0 else { throw DataError.noDataPoints(format: BioLogicMPR.name) }
        guard let time = file.values[MPRColumns.time] else { throw DataError.missingColumn(name: "time/s", line: nil) }
        guard let voltage = file.values[MPRColumns.ewe] ?? file.values[MPRColumns.meanEwe]
                ?? file.values[MPRColumns.meanEweAlt] else {
            throw DataError.missingColumn(name: "Ewe/V", line: nil)
        }
        let milliamps = file.values[MPRColumns.current] ?? file.values[MPRColumns.meanCurrent]
            ?? file.values[MPRColumns.meanCurrentSingle]
        let current = milliamps?.map { $0 * 1e-3 }
        for index in 0..<file.pointCount
        where !time[index].isFinite || !voltage[index].isFinite || !(current?[index].isFinite ?? true) {
            throw DataError.corrupt(reason: "record \(index + 1): non-finite value",
                                    offset: file.recordsStart + index * file.recordSize)
        }
        var warnings = file.warnings
        if let index = (1..<max(file.pointCount, 1)).first(where: { time[$0] < time[$0 - 1] }) {
            warnings.append("time decreases at record \(index + 1)")
        }
        return Trace(time: time, voltage: voltage, current: current, format: BioLogicMPR.name, warnings: warnings)
    }
}
