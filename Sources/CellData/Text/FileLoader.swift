import Foundation

/// Reads whole files into memory, refusing anything past `DataLimits.maximumFileBytes`.
enum FileLoader {
    /// The bytes of the file at `path`.
    ///
    /// - Throws: `DataError.unreadable` (missing, a directory, not readable) or
    ///   `DataError.tooLarge`; reads at most one byte past the limit, so a huge file or an
    ///   endless device costs no more than the limit.
    static func bytes(atPath path: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DataError.unreadable(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else {
            throw DataError.unreadable(path: path, reason: "is a directory")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw DataError.unreadable(path: path, reason: "permission denied")
        }
        defer { try? handle.close() }
        let limit = DataLimits.maximumFileBytes
        let data: Data
        do {
            data = try handle.read(upToCount: limit + 1) ?? Data()
        } catch {
            throw DataError.unreadable(path: path, reason: "read failed")
        }
        guard data.count <= limit else {
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
            throw DataError.tooLarge(bytes: size ?? data.count, limit: limit)
        }
        return [UInt8](data)
    }
}
