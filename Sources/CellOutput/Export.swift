// `export X to "file.csv"` / `"file.json"` and `plot ... to "file.svg"`: check the format by
// extension, then write confined.
import Foundation

/// The data formats `export` understands, chosen by file extension.
public enum ExportFormat: String, Sendable, CaseIterable {
    case csv
    case json

    /// The format for a path's extension (case-insensitive), or nil for any other extension.
    public init?(path: String) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        self.init(rawValue: name[name.index(after: dot)...].lowercased())
    }
}

extension OutputDirectory {
    /// Writes a table as CSV or JSON, chosen by the extension of `relativePath`.
    /// Throws ``OutputError/unsupportedFormat(path:supported:)`` for other extensions, the
    /// table's validation error (e.g. a NaN, naming column and row) before anything is
    /// written, or any path/write error of ``write(_:to:)-(String,_)``.
    @discardableResult
    public func export(_ table: DataTable, to relativePath: String) throws(OutputError) -> URL {
        guard let format = ExportFormat(path: relativePath) else {
            throw .unsupportedFormat(path: relativePath, supported: ExportFormat.allCases.map(\.rawValue))
        }
        let text: String
        switch format {
        case .csv: text = try table.csv()
        case .json: text = try table.json()
        }
        return try write(text, to: relativePath)
    }
}

extension OutputDirectory {
    /// Writes SVG markup from one of this module's plots; the path must end in `.svg`
    /// (case-insensitive), otherwise ``OutputError/unsupportedFormat(path:supported:)``.
    @discardableResult
    public func writePlot(_ svg: String, to relativePath: String) throws(OutputError) -> URL {
        let name = relativePath.split(separator: "/").last.map(String.init) ?? relativePath
        guard name.lowercased().hasSuffix(".svg"), name.count > 4 else {
            throw .unsupportedFormat(path: relativePath, supported: ["svg"])
        }
        return try write(svg, to: relativePath)
    }
}
