/// CH Instruments text export.
///
/// Layout: a free-text preamble (`A.C. Impedance`, `Instrument Model:  CHI660E`, settings), a
/// header `Freq/Hz, Z'/ohm, Z"/ohm, Z/ohm, Phase/deg`, then comma-separated data. Z'' is
/// already negative for capacitive behaviour.
enum CHInstruments {
    static let name = "CH Instruments .txt"
    static let expected = EISColumnMap.ExpectedNames(frequency: "Freq/Hz", real: "Z'/ohm", imaginary: "Z\"/ohm")
    /// Preamble lines searched for the signature; the real preamble is about 20 lines.
    static let preambleLimit = 200

    static let format = TextEISFormat(name: name, extensions: ["txt"], matches: matches, read: read)

    static func matches(_ lines: TextLines) -> Bool {
        headerLine(lines) != nil
            && (headerValue(lines, key: "Instrument Model", within: preambleLimit) != nil
                || lines.firstLine(through: preambleLimit, where: { $0.trimmed == "A.C. Impedance" }) != nil)
    }

    static func headerLine(_ lines: TextLines) -> Int? {
        lines.firstLine(through: preambleLimit, where: { $0.trimmed.hasPrefix("Freq/Hz") })
    }

    static func read(_ lines: TextLines) throws -> EISData {
        guard let headerLine = headerLine(lines) else {
            throw DataError.missingColumn(name: expected.frequency, line: nil)
        }
        let headers = FieldSeparator.comma.split(lines.text(headerLine)).map(String.init)
        let columns = try EISColumnMap.locate(headers: headers, headerLine: headerLine, names: expected)
        let rows = collectRows(lines, from: headerLine + 1, separator: .comma)
        let spectrum = try readSpectrum(rows, columns: columns, decimalComma: false, fieldCount: headers.count,
                                        format: name)
        let model = headerValue(lines, key: "Instrument Model", within: preambleLimit)?.value
        return EISData(spectrum: spectrum, format: name, instrument: model.flatMap { $0.isEmpty ? nil : $0 },
                       lineCount: lines.count)
    }
}

/// AMETEK VersaStudio project file (.par).
///
/// Layout: XML-like sections `<Application>`, `<Instrument>` (`Type=VersaSTAT4`), and
/// `<SegmentN>` blocks whose `Definition=` line lists comma-separated column names
/// (`Frequency(Hz)`, `Z Real`, `Z Imag`); comma-separated rows follow until `</SegmentN>`.
/// Every segment with frequency and impedance columns contributes its rows, in file order.
enum VersaStudio {
    static let name = "VersaStudio .par"
    static let expected = EISColumnMap.ExpectedNames(frequency: "Frequency(Hz)", real: "Z Real", imaginary: "Z Imag")

    static let format = TextEISFormat(name: name, extensions: ["par"], matches: matches, read: read)

    static func matches(_ lines: TextLines) -> Bool {
        guard lines.firstContent.hasPrefix("<Application>") else { return false }
        return lines.firstLine(where: { $0.trimmed.hasPrefix("Definition=") }) != nil
    }

    static func read(_ lines: TextLines) throws -> EISData {
        var points = SpectrumAccumulator()
        var firstError: DataError?
        var start = 1
        while let open = lines.firstLine(from: start, where: { isSegmentTag($0, closing: false) }) {
            let close = lines.firstLine(from: open + 1, where: { isSegmentTag($0, closing: true) })
                ?? lines.count + 1
            start = close + 1
            guard let definition = lines.firstLine(from: open + 1, where: { $0.trimmed.hasPrefix("Definition=") }),
                  definition < close else { continue }
            let headers = FieldSeparator.comma.split(String(lines.text(definition).trimmed.dropFirst("Definition=".count)))
                .map(String.init)
            let columns: EISColumnMap
            do {
                columns = try EISColumnMap.locate(headers: headers, headerLine: definition, names: expected)
            } catch let error as DataError {
                // A segment without impedance columns (a DC step) is not an error on its own.
                if firstError == nil { firstError = error }
                continue
            }
            // `Definition=` may list one name more than the rows hold (a trailing `0`), so the
            // segment's first row sets the length every row must have.
            let rows = collectRows(lines, from: definition + 1, through: close - 1, separator: .comma)
            let fieldCount = rows.first?.fields.count
            for row in rows {
                points.append(try columns.point(row, decimalComma: false, fieldCount: fieldCount))
            }
        }
        if points.count == 0, let firstError { throw firstError }
        if points.count == 0, lines.firstLine(where: { isSegmentTag($0, closing: false) }) == nil {
            throw DataError.missingColumn(name: expected.frequency, line: nil)
        }
        let instrument = instrumentType(lines)
        return EISData(spectrum: try points.spectrum(format: name), format: name, instrument: instrument,
                       lineCount: lines.count)
    }

    private static func isSegmentTag(_ text: String, closing: Bool) -> Bool {
        let trimmed = text.trimmed
        return trimmed.hasPrefix(closing ? "</Segment" : "<Segment") && trimmed.hasSuffix(">")
    }

    /// `VersaSTAT4` from `Type=VersaSTAT4` inside `<Instrument>`.
    static func instrumentType(_ lines: TextLines) -> String? {
        guard let open = lines.firstLine(where: { $0.trimmed == "<Instrument>" }),
              let type = lines.firstLine(from: open + 1, where: { $0.trimmed.hasPrefix("Type=") || $0.trimmed == "</Instrument>" }),
              lines.text(type).trimmed.hasPrefix("Type=") else { return nil }
        let value = String(lines.text(type).trimmed.dropFirst("Type=".count))
        return value.isEmpty ? nil : value
    }
}

/// Princeton Applied Research Parstat text export and PAR PowerSuite text export.
///
/// Parstat: one tab-separated table with `Frequency (Hz)`, `Zre (ohms)`, `Zim (ohms)` among
/// potential, current and time columns; rows of the experiment's DC steps carry frequency 0
/// and Z = 0 and are skipped with a warning. PowerSuite: `Frequency`, `Zre`, `Zimg`. Both
/// write Z'' negative for capacitive behaviour.
enum PARText {
    static let parstatName = "Parstat .txt"
    static let powerSuiteName = "PowerSuite .txt"

    static let parstat = TextEISFormat(name: parstatName, extensions: ["txt"], matches: isParstat, read: readParstat)
    static let powerSuite = TextEISFormat(name: powerSuiteName, extensions: ["txt"], matches: isPowerSuite,
                                          read: readPowerSuite)

    static func isParstat(_ lines: TextLines) -> Bool {
        let first = lines.firstContent
        return first.contains("Zre (ohms)") && first.contains("Zim (ohms)") && first.contains("Frequency (Hz)")
    }

    static func isPowerSuite(_ lines: TextLines) -> Bool {
        let names = FieldSeparator.detect(in: lines.firstContent).split(lines.firstContent)
        return names.count >= 3 && names[0] == "Frequency" && names[1] == "Zre" && names[2] == "Zimg"
    }

    static func readParstat(_ lines: TextLines) throws -> EISData {
        guard let headerLine = lines.firstLine(where: { !$0.isBlank }) else { throw DataError.empty }
        let separator = FieldSeparator.detect(in: lines.text(headerLine))
        let headers = separator.split(lines.text(headerLine)).map(String.init)
        let names = EISColumnMap.ExpectedNames(frequency: "Frequency (Hz)", real: "Zre (ohms)", imaginary: "Zim (ohms)")
        let columns = try EISColumnMap.locate(headers: headers, headerLine: headerLine, names: names)
        var points = SpectrumAccumulator()
        var skipped = 0
        for row in collectRows(lines, from: headerLine + 1, separator: separator) {
            guard row.fields.count == headers.count else {
                throw DataError.inconsistentRowLength(expected: headers.count, found: row.fields.count, line: row.line)
            }
            if try isDCStep(row, columns: columns, decimalComma: separator.allowsDecimalComma) {
                skipped += 1
                continue
            }
            points.append(try columns.point(row, decimalComma: separator.allowsDecimalComma,
                                            fieldCount: headers.count))
        }
        var warnings: [String] = []
        if skipped > 0 {
            warnings.append("skipped \(skipped) rows with frequency 0 and zero impedance (dc steps of the experiment)")
        }
        return EISData(spectrum: try points.spectrum(format: parstatName), format: parstatName,
                       warnings: warnings, lineCount: lines.count)
    }

    /// A row with frequency exactly 0 and Z' = Z'' = 0: a DC record, not an impedance point.
    private static func isDCStep(_ row: DataRow, columns: EISColumnMap, decimalComma: Bool) throws -> Bool {
        guard let real = columns.real, let imaginary = columns.imaginary else { return false }
        let required = columns.requiredFields
        return try row.number(columns.frequency.index, decimalComma: decimalComma, expectedFields: required) == 0
            && row.number(real.index, decimalComma: decimalComma, expectedFields: required) == 0
            && row.number(imaginary.index, decimalComma: decimalComma, expectedFields: required) == 0
    }

    static func readPowerSuite(_ lines: TextLines) throws -> EISData {
        var data = try DelimitedEIS.read(lines, tried: [])
        data.format = powerSuiteName
        data.warnings = []
        return data
    }
}
