// The catalogue of output-layer errors: refused paths, failed writes, unwritable values.
import Foundation

/// Why an output could not be written.
///
/// Every case renders as one lowercase line without a final period (`text`), naming the path
/// the recipe asked for and the output folder it must stay in, so the runtime can position it
/// at the `export`/`plot` statement that asked for the write.
public enum OutputError: Error, Sendable, Equatable {
    /// The relative path was empty.
    case emptyPath
    /// The path contains a NUL byte (the file system would silently truncate it).
    case containsNul(path: String)
    /// The path starts with `/`: outputs are always relative to the output folder.
    case absolutePath(path: String)
    /// `..` components climb above the output folder.
    case leavesOutputFolder(path: String, root: String)
    /// The path ends in `/`, `.` or `..` and so names no file.
    case noFileName(path: String)
    /// An existing folder component is a symbolic link that resolves outside the output folder.
    case symlinkLeavesOutputFolder(path: String, component: String, root: String)
    /// An existing component that should be a folder is a file.
    case notAFolder(path: String, component: String)
    /// The target exists and is a folder, so no file can replace it.
    case targetIsFolder(path: String)
    /// The output folder itself could not be created or resolved.
    case cannotCreateOutputFolder(root: String, reason: String)
    /// A system call failed while writing; `operation` says which step (`create`, `write`, ...).
    case writeFailed(path: String, operation: String, reason: String)
    /// The extension of an export path is not one the exporter knows.
    case unsupportedFormat(path: String, supported: [String])
    /// A number to be written is NaN or infinite; `index` is the 0-based row and `value` its
    /// text (`nan`, `inf`, `-inf`), kept as text so the error stays `Equatable` for NaN.
    case nonFiniteValue(column: String, index: Int, value: String)
    /// Columns of one table must all have the same number of rows.
    case columnLengthMismatch(column: String, expected: Int, found: Int)
    /// Two columns of one table would get the same header.
    case duplicateColumn(header: String)
    /// A column needs a non-empty name.
    case emptyColumnName(position: Int)

    /// The message, lowercase, identifiers in backticks, no final period.
    public var text: String {
        switch self {
        case .emptyPath:
            return "output path is empty"
        case .containsNul(let path):
            return "output path `\(visible(path))` contains a NUL byte"
        case .absolutePath(let path):
            return "output path `\(path)` is absolute; output paths are relative to the output folder"
        case .leavesOutputFolder(let path, let root):
            return "output path `\(path)` leaves the output folder `\(root)`"
        case .noFileName(let path):
            return "output path `\(path)` does not name a file"
        case .symlinkLeavesOutputFolder(let path, let component, let root):
            return "output path `\(path)` goes through the symbolic link `\(component)`, "
                + "which leads outside the output folder `\(root)`"
        case .notAFolder(let path, let component):
            return "output path `\(path)` needs `\(component)` to be a folder, but it is a file"
        case .targetIsFolder(let path):
            return "output path `\(path)` is an existing folder, not a file"
        case .cannotCreateOutputFolder(let root, let reason):
            return "cannot create the output folder `\(root)`: \(reason)"
        case .writeFailed(let path, let operation, let reason):
            return "cannot write `\(path)` (\(operation) failed): \(reason)"
        case .unsupportedFormat(let path, let supported):
            let list = supported.map { "`.\($0)`" }.joined(separator: ", ")
            return "cannot write `\(path)`: the file name must end in \(supported.count == 1 ? "" : "one of ")\(list)"
        case .nonFiniteValue(let column, let index, let value):
            return "column `\(column)` holds \(value) at row \(index); non-finite numbers are not written"
        case .columnLengthMismatch(let column, let expected, let found):
            return "column `\(column)` has \(found) rows but the table has \(expected)"
        case .duplicateColumn(let header):
            return "two columns are both named `\(header)`"
        case .emptyColumnName(let position):
            return "column \(position) has an empty name"
        }
    }
}

/// The path with NUL bytes shown as `\0`, so the message itself stays printable.
private func visible(_ path: String) -> String {
    path.replacingOccurrences(of: "\u{0}", with: "\\0")
}

extension OutputError: CustomStringConvertible {
    public var description: String { text }
}
