/// Scribner ZPlot/ZView text files, in their two generations.
///
/// `ZPLOT2 ASCII` (.z): a `Key: value` header; the line before `End Comments` holds the
/// tab-separated column names (`Freq(Hz)`, `Z'(a)`, `Z''(b)`), data follow. `Data Points: N`
/// announces the count; a mismatch is a warning.
///
/// `ZPlotW`/`Z60W Data File` (legacy ZView text, also written by Metrohm Autolab NOVA's ZView
/// export): a few quoted title lines, a configuration line, the point count on a line of its
/// own, then a quoted, space-separated header with `Freq(Hz)` and comma-separated data.
/// Both write Z'' negative for capacitive behaviour.
enum ZPlotText {
    static let zplot2Name = "ZPlot .z"
    static let zplotWName = "ZPlot .z (ZPlotW)"
    static let autolabName = "Autolab .txt (ZView Z60W)"
    static let expected = EISColumnMap.ExpectedNames(frequency: "Freq(Hz)", real: "Z'(a)", imaginary: "Z''(b)")

    static let zplot2 = TextEISFormat(name: zplot2Name, extensions: ["z"],
                                      matches: { $0.firstContent.hasPrefix("ZPLOT2 ASCII") }, read: readZPlot2)

    static let legacy = TextEISFormat(name: "\(zplotWName) / \(autolabName)", extensions: ["z", "txt"],
                                      matches: { legacyKind($0) != nil }, read: readLegacy)

    static func readZPlot2(_ lines: TextLines) throws -> EISData {
        guard let endComments = lines.firstLine(where: { $0.trimmed == "End Comments" }) else {
            throw DataError.malformed(reason: "no `End Comments` line before the data", line: nil)
        }
        guard let headerLine = (1..<endComments).reversed().first(where: { !lines.text($0).isBlank }) else {
            throw DataError.missingColumn(name: expected.frequency, line: endComments)
        }
        let headers = FieldSeparator.tab.split(lines.text(headerLine)).map(String.init)
        let columns = try EISColumnMap.locate(headers: headers, headerLine: headerLine, names: expected)
        let separator = firstDataSeparator(lines, after: endComments)
        let rows = collectRows(lines, from: endComments + 1, separator: separator)
        let spectrum = try readSpectrum(rows, columns: columns, decimalComma: separator.allowsDecimalComma,
                                        fieldCount: headers.count, format: zplot2Name)
        var warnings: [String] = []
        if let (value, line) = headerValue(lines, key: "Data Points", within: endComments),
           let announced = Int(value), announced != spectrum.count {
            warnings.append("line \(line) announces \(announced) data points but the file holds \(spectrum.count)")
        }
        return EISData(spectrum: spectrum, format: zplot2Name, warnings: warnings, lineCount: lines.count)
    }

    /// Which legacy generation the first line names, if any.
    static func legacyKind(_ lines: TextLines) -> String? {
        let first = lines.firstContent
        if first.contains("ZPlotW Data File") { return zplotWName }
        if first.contains("Z60W Data File") { return autolabName }
        return nil
    }

    static func readLegacy(_ lines: TextLines) throws -> EISData {
        let name = legacyKind(lines) ?? zplotWName
        guard let headerLine = lines.firstLine(where: { ColumnName.normalise($0).contains("Freq(Hz)") }) else {
            throw DataError.missingColumn(name: expected.frequency, line: nil)
        }
        // Names are separated by two or more spaces; one space may sit inside (`Freq (Hz)`).
        let headers = splitOnWideGaps(lines.text(headerLine).replacingAll("\"", with: " "))
        let columns = try EISColumnMap.locate(headers: headers, headerLine: headerLine, names: expected)
        let separator = firstDataSeparator(lines, after: headerLine)
        let rows = collectRows(lines, from: headerLine + 1, separator: separator)
        let spectrum = try readSpectrum(rows, columns: columns, decimalComma: separator.allowsDecimalComma,
                                        fieldCount: headers.count, format: name)
        var warnings: [String] = []
        // The point count sits alone on the last non-blank line before the header.
        if let countLine = (1..<headerLine).reversed().first(where: { !lines.text($0).isBlank }),
           let announced = Int(lines.text(countLine).trimmed), announced != spectrum.count {
            warnings.append("line \(countLine) announces \(announced) data points but the file holds \(spectrum.count)")
        }
        return EISData(spectrum: spectrum, format: name, warnings: warnings,
                       lineCount: lines.count)
    }

    /// Separator of the first non-blank line after `line`.
    static func firstDataSeparator(_ lines: TextLines, after line: Int) -> FieldSeparator {
        guard let first = lines.firstLine(from: line + 1, where: { !$0.isBlank }) else { return .tab }
        return FieldSeparator.detect(in: lines.text(first))
    }

    /// Pieces of `text` separated by tabs or by runs of at least two spaces, trimmed.
    static func splitOnWideGaps(_ text: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        var spaces = 0
        for character in text {
            if character == "\t" || character == " " {
                spaces += character == "\t" ? 2 : 1
                continue
            }
            if spaces >= 2, !current.isEmpty { pieces.append(current); current = "" }
            if spaces == 1, !current.isEmpty { current.append(" ") }
            spaces = 0
            current.append(character)
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }
}
