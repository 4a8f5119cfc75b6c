/// Gamry Framework data file (.DTA).
///
/// Layout: line 1 `EXPLAIN`; tab-separated `KEY TYPE VALUE …` lines; tables start with
/// `NAME TABLE [count]`, then a line of column names, a line of units, and rows indented by a
/// tab. The spectrum is the `ZCURVE` table (`Freq` Hz, `Zreal`, `Zimag` ohm, Z'' already
/// negative for capacitive). `EXPERIMENTABORTED TOGGLE T` marks a sweep stopped early: the
/// points present are returned with a warning.
enum GamryDTA {
    static let name = "Gamry .DTA"
    static let expected = EISColumnMap.ExpectedNames(frequency: "Freq", real: "Zreal", imaginary: "Zimag")

    static let format = TextEISFormat(name: name, extensions: ["dta"],
                                      matches: { $0.firstContent.hasPrefix("EXPLAIN") }, read: read)

    static func read(_ lines: TextLines) throws -> EISData {
        guard let tableLine = lines.firstLine(where: { keyField($0) == "ZCURVE" }) else {
            throw DataError.missingColumn(name: "ZCURVE", line: nil)
        }
        let headerLine = tableLine + 1
        let names = FieldSeparator.tab.split(lines.text(headerLine)).map(String.init)
        let units = FieldSeparator.tab.split(lines.text(headerLine + 1)).map(String.init)
        // Join each name with its unit (`Freq` + `Hz` → `Freq/Hz`) so units are checked too.
        let headers = names.enumerated().map { index, name -> String in
            guard index < units.count, names.count == units.count else { return name }
            let unit = units[index]
            return unit.isEmpty || unit.hasPrefix("#") ? name : "\(name)/\(unit)"
        }
        let columns = try EISColumnMap.locate(headers: headers, headerLine: headerLine, names: expected)

        // Rows are indented; the table ends at the first line that is not.
        var end = lines.count
        if let stop = lines.firstLine(from: headerLine + 2, where: { !$0.isBlank && !isIndented($0) }) {
            end = stop - 1
        }
        let rows = collectRows(lines, from: headerLine + 2, through: end, separator: .tab)
        let spectrum = try readSpectrum(rows, columns: columns, decimalComma: true, fieldCount: names.count,
                                        format: name)

        var warnings: [String] = []
        let aborted = lines.firstLine(where: {
            let fields = FieldSeparator.tab.split($0)
            return fields.count >= 3 && fields[0] == "EXPERIMENTABORTED" && fields[2] == "T"
        })
        if aborted != nil {
            var message = "experiment was aborted: the sweep stopped after \(spectrum.count) points"
            if let lowest = spectrum.frequencies.min() { message += " (lowest frequency \(lowest) Hz)" }
            warnings.append(message)
        }
        return EISData(spectrum: spectrum, format: name, instrument: instrument(lines),
                       warnings: warnings, lineCount: lines.count)
    }

    /// First tab-separated field of a non-indented line (`ZCURVE` in `ZCURVE\tTABLE`).
    private static func keyField(_ text: String) -> Substring? {
        guard !isIndented(text) else { return nil }
        return text.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false).first?.trimmed
    }

    private static func isIndented(_ text: String) -> Bool {
        text.first == "\t" || text.first == " "
    }

    /// `REF3000-34128` from `PSTAT\tPSTAT\tREF3000-34128\tPotentiostat`.
    static func instrument(_ lines: TextLines) -> String? {
        guard let line = lines.firstLine(where: { keyField($0) == "PSTAT" }) else { return nil }
        let fields = FieldSeparator.tab.split(lines.text(line))
        return fields.count >= 3 && !fields[2].isEmpty ? String(fields[2]) : nil
    }
}
