import CellNumerics
import ComplexModule

/// An impedance spectrum read from a file, with what the reader learned on the way.
public struct EISData: Sendable, Equatable {
    /// Frequencies in Hz (positive, finite, in file order) and Z = Z' + jZ'' in ohm with Z''
    /// negative for capacitive behaviour, whatever sign convention the file used.
    public var spectrum: ImpedanceSpectrum
    /// Detected layout, e.g. `BioLogic .mpt` (the names are listed in docs/data-formats.md).
    public var format: String
    /// Instrument or model named in the file (`SP-150`, `CHI660E`), when it names one.
    public var instrument: String?
    /// Non-fatal findings, lowercase without final period (`experiment was aborted …`).
    public var warnings: [String]
    /// Number of text lines in the file; nil for binary files.
    public var lineCount: Int?

    public init(spectrum: ImpedanceSpectrum, format: String, instrument: String? = nil,
                warnings: [String] = [], lineCount: Int? = nil) {
        self.spectrum = spectrum
        self.format = format
        self.instrument = instrument
        self.warnings = warnings
        self.lineCount = lineCount
    }
}

/// Collects spectrum points; keeps frequencies and impedances the same length by construction.
struct SpectrumAccumulator {
    private(set) var frequencies: [Double] = []
    private(set) var impedance: [Complex<Double>] = []

    var count: Int { frequencies.count }

    mutating func append(_ point: (Double, Complex<Double>)) {
        frequencies.append(point.0)
        impedance.append(point.1)
    }

    /// The spectrum, or `noDataPoints` when nothing was collected.
    func spectrum(format: String) throws -> ImpedanceSpectrum {
        guard !frequencies.isEmpty else { throw DataError.noDataPoints(format: format) }
        return ImpedanceSpectrum(frequencies: frequencies, impedance: impedance)
    }
}

/// Data rows of a text table: non-blank lines from `start` through `end` (1-based, inclusive),
/// split with `separator`.
func collectRows(_ lines: TextLines, from start: Int, through end: Int? = nil,
                 separator: FieldSeparator) -> [DataRow] {
    var rows: [DataRow] = []
    let last = min(end ?? lines.count, lines.count)
    guard start <= last else { return rows }
    for number in max(start, 1)...last {
        let text = lines.text(number)
        if text.isBlank { continue }
        rows.append(DataRow(line: number, fields: separator.split(text)))
    }
    return rows
}

/// Reads every row of `rows` with `columns` into a spectrum.
/// Every row must have `fieldCount` fields (the header's count).
func readSpectrum(_ rows: [DataRow], columns: EISColumnMap, decimalComma: Bool, fieldCount: Int,
                  format: String) throws -> ImpedanceSpectrum {
    var points = SpectrumAccumulator()
    for row in rows { points.append(try columns.point(row, decimalComma: decimalComma, fieldCount: fieldCount)) }
    return try points.spectrum(format: format)
}

/// The value after the first `separator` on the first line starting with `key`, trimmed.
func headerValue(_ lines: TextLines, key: String, separator: Character = ":",
                 within limit: Int = 400) -> (value: String, line: Int)? {
    let last = min(limit, lines.count)
    guard last >= 1 else { return nil }
    for number in 1...last {
        let text = lines.text(number).trimmed
        guard text.hasPrefix(key), let index = text.firstIndex(of: separator) else { continue }
        return (String(text[text.index(after: index)...]).trimmed, number)
    }
    return nil
}
