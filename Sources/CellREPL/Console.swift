#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the session writes: stdout for results, stderr for diagnostics and messages.
public protocol REPLConsole: AnyObject {
    func writeOut(_ text: String)
    func writeErr(_ text: String)
}

/// The process's standard streams, written unbuffered with write(2) so that output and
/// libedit's own terminal writes never interleave out of order.
public final class StandardConsole: REPLConsole {
    public init() {}

    public func writeOut(_ text: String) { Self.write(text, to: TerminalInfo.standardOutput) }
    public func writeErr(_ text: String) { Self.write(text, to: 2) }

    /// Writes every byte, retrying on EINTR and short writes; gives up silently on other
    /// errors (a closed pipe must not stop the session from reading its input).
    static func write(_ text: String, to fd: Int32) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                #if canImport(Glibc)
                return Glibc.write(fd, base + offset, buffer.count - offset)
                #else
                return Darwin.write(fd, base + offset, buffer.count - offset)
                #endif
            }
            if written > 0 {
                offset += written
            } else if written < 0, errno == EINTR {
                continue
            } else {
                return
            }
        }
        bytes.removeAll()
    }
}
