import CellNumerics

/// Reads impedance spectra from instrument files and plain CSV.
///
/// The layout is recognised from the content (header signatures, see docs/data-formats.md);
/// the file extension only decides which layouts are tried first. Results are normalised to
/// Hz and ohm with Z = Z' + jZ'', Z'' negative for capacitive behaviour.
public enum EISFileReader {
    /// Text layouts in the order they are tried when no extension hint applies. Every entry has
    /// a distinctive signature, so the order only matters for the error's `tried` list.
    static let textFormats: [TextEISFormat] = [
        BioLogicMPT.format, GamryDTA.format, ZPlotText.zplot2, ZPlotText.legacy,
        CHInstruments.format, VersaStudio.format, PARText.parstat, PARText.powerSuite,
    ]

    /// Every layout name, binary first, as listed in an unknown-format error.
    public static var formatNames: [String] {
        [BioLogicMPR.name] + textFormats.map(\.name) + [DelimitedEIS.name]
    }

    /// Reads the file at `path`.
    ///
    /// - Throws: `DataError.unreadable` when the file cannot be opened, `tooLarge` past
    ///   `DataLimits.maximumFileBytes`, and any error of `parse(data:fileName:)`.
    public static func read(path: String) throws -> EISData {
        try parse(data: FileLoader.bytes(atPath: path), fileName: path)
    }

    /// Parses file content; `fileName` is used only for its extension, as a hint.
    ///
    /// - Throws: a `DataError`; never traps, whatever the bytes.
    public static func parse(data: [UInt8], fileName: String) throws -> EISData {
        guard data.count <= DataLimits.maximumFileBytes else {
            throw DataError.tooLarge(bytes: data.count, limit: DataLimits.maximumFileBytes)
        }
        if BioLogicMPR.hasMagic(data) { return try BioLogicMPR.readSpectrum(data) }
        guard data.contains(where: { !isWhitespace($0) }) else { throw DataError.empty }
        if looksBinary(data) {
            if fileExtension(fileName) == "mpr" {
                throw DataError.corrupt(reason: "missing `BIO-LOGIC MODULAR FILE` signature", offset: 0)
            }
            throw DataError.unknownFormat(tried: formatNames)
        }
        let lines = TextLines(bytes: data)
        let hint = fileExtension(fileName)
        let ordered = textFormats.filter { $0.extensions.contains(hint) }
            + textFormats.filter { !$0.extensions.contains(hint) }
        for format in ordered where format.matches(lines) {
            return try format.read(lines)
        }
        return try DelimitedEIS.read(lines, tried: [BioLogicMPR.name] + textFormats.map(\.name))
    }

    /// Lowercased extension of `fileName` without the dot, or "".
    static func fileExtension(_ fileName: String) -> String {
        let base = fileName.split(separator: "/").last ?? Substring(fileName)
        guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return "" }
        return base[base.index(after: dot)...].lowercased()
    }

    /// Bytes that no text file holds: NUL, or other C0 controls besides tab, line ends and the
    /// form feed / EOF marks some exporters leave. Only the first `binarySniffBytes` are checked.
    static func looksBinary(_ data: [UInt8]) -> Bool {
        data.prefix(binarySniffBytes).contains { $0 < 0x20 && ![0x09, 0x0A, 0x0D, 0x0C, 0x1A].contains($0) }
    }

    /// How much of a file is inspected to tell text from binary: enough to cover any header.
    static let binarySniffBytes = 8192

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}

/// Plain `frequency_Hz,Zre_ohm,Zim_ohm` CSV of a spectrum, one row per point in spectrum order,
/// numbers in Swift's shortest round-trip form (`0.1`, `1e-05`), each row ending in `\n`.
/// Reading the text back with `EISFileReader` gives the same values bit for bit.
public func csvText(_ spectrum: ImpedanceSpectrum) -> String {
    var text = "frequency_Hz,Zre_ohm,Zim_ohm\n"
    for (frequency, impedance) in zip(spectrum.frequencies, spectrum.impedance) {
        text += "\(frequency),\(impedance.real),\(impedance.imaginary)\n"
    }
    return text
}

/// A text EIS layout: how to recognise it and how to read it.
struct TextEISFormat: Sendable {
    let name: String
    /// File extensions (lowercase, no dot) that suggest this layout; a hint for ordering only.
    let extensions: [String]
    let matches: @Sendable (TextLines) -> Bool
    let read: @Sendable (TextLines) throws -> EISData
}
