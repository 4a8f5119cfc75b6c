/// BioLogic EC-Lab ASCII export (.mpt).
///
/// Layout: line 1 `EC-Lab ASCII FILE`; a line `Nb header lines : N`; line N holds the
/// tab-separated column names (`freq/Hz`, `Re(Z)/Ohm`, `-Im(Z)/Ohm`, …); data follow from line
/// N + 1, tab-separated, decimal commas allowed. `-Im(Z)` is −Z'' and is flipped.
enum BioLogicMPT {
    static let name = "BioLogic .mpt"
    static let signature = "EC-Lab ASCII FILE"
    static let expected = EISColumnMap.ExpectedNames(frequency: "freq/Hz", real: "Re(Z)/Ohm",
                                                     imaginary: "-Im(Z)/Ohm")

    static let format = TextEISFormat(name: name, extensions: ["mpt"],
                                      matches: { $0.firstContent.hasPrefix(signature) }, read: read)

    static func read(_ lines: TextLines) throws -> EISData {
        let headerLine = try columnHeaderLine(lines)
        let headers = FieldSeparator.tab.split(lines.text(headerLine)).map(String.init)
        let columns = try EISColumnMap.locate(headers: headers, headerLine: headerLine, names: expected)
        let rows = collectRows(lines, from: headerLine + 1, separator: .tab)
        let spectrum = try readSpectrum(rows, columns: columns, decimalComma: true, fieldCount: headers.count,
                                        format: name)
        return EISData(spectrum: spectrum, format: name, instrument: instrument(lines),
                       lineCount: lines.count)
    }

    /// Line number of the column names, from `Nb header lines : N`.
    static func columnHeaderLine(_ lines: TextLines) throws -> Int {
        guard let (value, line) = headerValue(lines, key: "Nb header lines") else {
            throw DataError.malformed(reason: "missing `Nb header lines` in EC-Lab header", line: nil)
        }
        guard let count = Int(value), count >= 2, count <= lines.count else {
            throw DataError.malformed(reason: "invalid `Nb header lines` value `\(DataError.clip(value))`",
                                      line: line)
        }
        return count
    }

    /// `SP-150` from `Device : SP-150 (SN 10791079)`.
    static func instrument(_ lines: TextLines) -> String? {
        guard let (value, _) = headerValue(lines, key: "Device"), !value.isEmpty else { return nil }
        if let paren = value.firstRange(of: " (") { return String(value[..<paren.lowerBound]) }
        return value
    }
}
