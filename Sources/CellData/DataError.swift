/// Why a measured-data file could not be read.
///
/// Every case renders a lowercase `text` without a final period and, where the problem sits on
/// one line of a text file, a 1-based `line`, so a caller can print
/// `file.csv:17: error: non-numeric value `1.2.3` in column 2`. Binary files (.mpr) report a
/// byte `offset` instead of a line. No reader traps on any input: bad bytes end up here.
public enum DataError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be opened or read (missing, a directory, no permission).
    case unreadable(path: String, reason: String)
    /// The file has no bytes, or only blank lines.
    case empty
    /// The content matched no known layout; `tried` lists the layouts checked, in order.
    case unknownFormat(tried: [String])
    /// A column (or table) the format needs is absent; `name` is the header the format uses.
    case missingColumn(name: String, line: Int?)
    /// A field that must be a number is not one.
    case nonNumeric(text: String, line: Int, column: Int)
    /// A frequency is zero or negative.
    case nonPositiveFrequency(value: Double, line: Int)
    /// A number is NaN or infinite, as written (`nan`, `inf`) or after unit scaling (`1e400`).
    case nonFinite(text: String, line: Int, column: Int)
    /// A data row has a different number of fields than the header or the first row.
    case inconsistentRowLength(expected: Int, found: Int, line: Int)
    /// The file exceeds `limit` bytes (see `DataLimits.maximumFileBytes` for the reason).
    case tooLarge(bytes: Int, limit: Int)
    /// A header names a unit that cannot be converted to the SI unit the reader returns.
    case unsupportedUnit(unit: String, column: String, line: Int)
    /// The layout was recognised but holds no data points.
    case noDataPoints(format: String)
    /// A binary file's structure is broken (truncated module, impossible length, bad magic).
    case corrupt(reason: String, offset: Int)
    /// A text file's structure is broken in a way no other case names.
    case malformed(reason: String, line: Int?)

    /// 1-based line of the problem in a text file, when known.
    public var line: Int? {
        switch self {
        case .missingColumn(_, let line), .malformed(_, let line):
            return line
        case .nonNumeric(_, let line, _), .nonPositiveFrequency(_, let line),
             .nonFinite(_, let line, _), .inconsistentRowLength(_, _, let line),
             .unsupportedUnit(_, _, let line):
            return line
        case .unreadable, .empty, .unknownFormat, .tooLarge, .noDataPoints, .corrupt:
            return nil
        }
    }

    /// Byte offset of the problem in a binary file, when known.
    public var offset: Int? {
        if case .corrupt(_, let offset) = self { return offset }
        return nil
    }

    /// The message, lowercase, without the position and without a final period.
    public var text: String {
        switch self {
        case .unreadable(let path, let reason):
            return "cannot read `\(path)`: \(reason)"
        case .empty:
            return "file is empty"
        case .unknownFormat(let tried):
            return "unknown data format (tried: \(tried.joined(separator: ", ")))"
        case .missingColumn(let name, _):
            return "missing column `\(name)`"
        case .nonNumeric(let text, _, let column):
            return "non-numeric value `\(DataError.clip(text))` in column \(column)"
        case .nonPositiveFrequency(let value, _):
            return "frequency must be positive, found \(value) Hz"
        case .nonFinite(let text, _, let column):
            return "non-finite value `\(DataError.clip(text))` in column \(column)"
        case .inconsistentRowLength(let expected, let found, _):
            return "row has \(found) fields, expected \(expected)"
        case .tooLarge(let bytes, let limit):
            return "file is too large (\(bytes) bytes, limit \(limit) bytes): "
                + "larger files are not single measurements and would stall the interpreter"
        case .unsupportedUnit(let unit, let column, _):
            return "unsupported unit `\(DataError.clip(unit))` in column `\(DataError.clip(column))`"
        case .noDataPoints(let format):
            return "no data points in \(format) file"
        case .corrupt(let reason, let offset):
            return "corrupt file at byte \(offset): \(reason)"
        case .malformed(let reason, _):
            return reason
        }
    }

    /// `line 17: text`, or just `text` when no line is known.
    public var description: String {
        if let line { return "line \(line): \(text)" }
        return text
    }

    /// Longest piece of offending input quoted in a message: enough to recognise it, short
    /// enough that a binary blob does not flood the terminal.
    static let quotedTextLimit = 40

    /// Offending text cut to `quotedTextLimit` characters, control characters made visible.
    static func clip(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars.prefix(quotedTextLimit) {
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        if text.unicodeScalars.count > quotedTextLimit { out += "…" }
        return out
    }
}

/// Size limits shared by every reader.
public enum DataLimits {
    /// Largest file read into memory, 64 MiB: a million-point trace CSV is about 60 MB, so a
    /// larger file is not one measurement, and reading it whole would stall the interpreter.
    public static let maximumFileBytes = 64 * 1024 * 1024
}
