/// Plain delimited text (CSV, TSV, semicolon or whitespace separated), with or without a header.
///
/// Rules (docs/data-formats.md, "Plain CSV"):
/// - blank lines and lines starting with `#` are skipped;
/// - the separator is detected on the first content line (tab, then `;`, then `,`, then spaces);
///   a decimal comma is accepted when the separator is not a comma;
/// - if the first content line is not all numbers it is the header, and columns are found by
///   name (`EISColumnRole`); a `-Z''`/`-Im(Z)` column is flipped to Z'';
/// - without a header, columns 1–3 are frequency (Hz), Z' (ohm), Z'' (ohm), with a warning;
/// - every data row must have as many fields as the header (or the first row).
enum DelimitedEIS {
    static let name = "delimited text"
    /// Fewest columns of a headerless file: frequency, Z', Z''.
    static let headerlessColumns = 3

    static func read(_ lines: TextLines, tried: [String]) throws -> EISData {
        let contentLines = (0..<lines.count).map { $0 + 1 }.filter { isContent(lines.text($0)) }
        guard let firstLine = contentLines.first else { throw DataError.empty }
        let separator = FieldSeparator.detect(in: lines.text(firstLine))
        let decimalComma = separator.allowsDecimalComma
        let firstRow = DataRow(line: firstLine, fields: separator.split(lines.text(firstLine)))
        var warnings: [String] = []
        let columns: EISColumnMap
        let expectedFields: Int
        var dataLines = contentLines
        if firstRow.isNumeric(decimalComma: decimalComma) {
            guard firstRow.fields.count >= headerlessColumns else {
                throw DataError.malformed(
                    reason: "headerless data needs \(headerlessColumns) columns (frequency, Z', Z''), found \(firstRow.fields.count)",
                    line: firstLine)
            }
            columns = EISColumnMap(
                frequency: .init(index: 0, header: "column 1", factor: 1),
                real: .init(index: 1, header: "column 2", factor: 1),
                imaginary: .init(index: 2, header: "column 3", factor: 1), modulus: nil, phase: nil)
            expectedFields = firstRow.fields.count
            warnings.append("no header: columns read as frequency (Hz), Z' (ohm), Z'' (ohm, negative for capacitive)")
        } else {
            let headers = firstRow.fields.map(String.init)
            guard EISColumnMap.recognisesAny(headers) else {
                throw DataError.unknownFormat(tried: tried + [name])
            }
            columns = try EISColumnMap.locate(headers: headers, headerLine: firstLine)
            expectedFields = headers.count
            dataLines.removeFirst()
        }
        var points = SpectrumAccumulator()
        for number in dataLines {
            let row = DataRow(line: number, fields: separator.split(lines.text(number)))
            guard row.fields.count == expectedFields else {
                throw DataError.inconsistentRowLength(expected: expectedFields, found: row.fields.count, line: number)
            }
            points.append(try columns.point(row, decimalComma: decimalComma))
        }
        return EISData(spectrum: try points.spectrum(format: name), format: name, warnings: warnings,
                       lineCount: lines.count)
    }

    /// Not blank and not a `#` comment.
    static func isContent(_ text: String) -> Bool {
        !text.isBlank && !text.trimmed.hasPrefix("#")
    }
}
