// Atomic replacement of one file: temporary file in the same folder, fsync, rename.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that no reader, and no crash, ever sees it half-written.
enum AtomicFile {
    /// Permissions of written files (rw-r--r--, before the umask).
    private static let fileMode: mode_t = 0o644
    /// How many random temporary names to try before giving up (collisions need a concurrent
    /// writer picking the same 64-bit suffix, so one retry is already generous).
    private static let temporaryNameAttempts = 8

    /// Writes `bytes` to `target` (= `folder/fileName`) through a temporary file in `folder`.
    /// On failure the temporary file is removed and the old target, if any, is untouched.
    /// `reportedPath` is the path as the recipe wrote it, for messages.
    static func write(_ bytes: [UInt8], folder: String, fileName: String, target: String,
                      reportedPath: String) throws(OutputError) {
        let (descriptor, temporary) = try createTemporary(folder: folder, fileName: fileName,
                                                          reportedPath: reportedPath)
        var failure: OutputError?
        if let problem = writeAll(bytes, to: descriptor) {
            failure = .writeFailed(path: reportedPath, operation: "write", reason: problem)
        } else if fsync(descriptor) != 0 {
            failure = .writeFailed(path: reportedPath, operation: "fsync", reason: lastError())
        }
        if close(descriptor) != 0 && failure == nil {
            failure = .writeFailed(path: reportedPath, operation: "close", reason: lastError())
        }
        if failure == nil && rename(temporary, target) != 0 {
            let code = errno
            if code == EISDIR || code == ENOTEMPTY || code == EEXIST {
                failure = .targetIsFolder(path: reportedPath)
            } else {
                failure = .writeFailed(path: reportedPath, operation: "rename",
                                       reason: systemReason(code))
            }
        }
        if let failure {
            unlink(temporary)
            throw failure
        }
        syncFolder(folder)
    }

    /// Creates a new, exclusive temporary file next to the target: `.<name>.<hex>.tmp`.
    private static func createTemporary(folder: String, fileName: String,
                                        reportedPath: String) throws(OutputError) -> (Int32, String) {
        for _ in 0..<temporaryNameAttempts {
            let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 16)
            let temporary = folder + "/." + fileName + "." + suffix + ".tmp"
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, fileMode)
            if descriptor >= 0 { return (descriptor, temporary) }
            if errno != EEXIST {
                throw .writeFailed(path: reportedPath, operation: "create", reason: lastError())
            }
        }
        throw .writeFailed(path: reportedPath, operation: "create",
                           reason: "no free temporary file name")
    }

    /// Writes every byte, retrying short writes and interruptions. Returns an error text or nil.
    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> String? {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return systemWrite(descriptor, base + offset, bytes.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return lastError()
            }
            if written == 0 { return "the device accepted no bytes" }
            offset += written
        }
        return nil
    }

    /// Makes the rename itself durable; best effort (some file systems refuse to open folders).
    private static func syncFolder(_ folder: String) {
        let descriptor = open(folder, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        _ = close(descriptor)
    }

    private static func lastError() -> String {
        systemReason(errno)
    }
}

/// The system's text for an `errno` value, with a lowercase first letter to match the
/// message style (`permission denied`, `no space left on device`).
func systemReason(_ code: Int32) -> String {
    let text = String(cString: strerror(code))
    guard let first = text.first else { return "error \(code)" }
    return first.lowercased() + text.dropFirst()
}

/// `write(2)`, named apart from this module's own `write` functions.
@inline(__always)
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(descriptor, buffer, count)
    #elseif canImport(Musl)
    return Musl.write(descriptor, buffer, count)
    #else
    return Darwin.write(descriptor, buffer, count)
    #endif
}
