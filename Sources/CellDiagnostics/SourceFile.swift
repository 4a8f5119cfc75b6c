/// A recipe's text and the table that turns byte offsets into line:column positions.
///
/// Positions inside the compiler are UTF-8 byte offsets (cheap to carry, exact to slice);
/// they become human line and column numbers only when a diagnostic is rendered.
public final class SourceFile: Sendable {
    /// The path as the user wrote it (or a pseudo-name such as `<repl>`).
    public let path: String
    /// The whole text, decoded. Invalid UTF-8 is replaced by U+FFFD by the loader.
    public let text: String
    /// UTF-8 bytes of `text`.
    public let bytes: [UInt8]
    /// Byte offset at which each line starts (line 1 is index 0).
    public let lineStarts: [Int]

    public init(path: String, text: String) {
        self.path = path
        self.text = text
        let bytes = Array(text.utf8)
        self.bytes = bytes
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") { starts.append(i + 1) }
        self.lineStarts = starts
    }

    /// 1-based line and column (in Unicode scalars, so `Ω` counts once) of a byte offset.
    /// Offsets past the end clamp to the end of the file.
    public func location(of offset: Int) -> (line: Int, column: Int) {
        let offset = max(0, min(offset, bytes.count))
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {  // last line start <= offset
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        var start = lineStarts[lo]
        // A byte-order mark at the start of the file is not a column.
        if lo == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]), offset >= 3 { start = 3 }
        var column = 1
        var i = start
        while i < offset {
            // Count scalar starts: bytes that are not UTF-8 continuation bytes.
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return (lo + 1, column)
    }

    /// The text of a 1-based line without its line terminator.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }
}

/// A half-open byte range `start..<end` in one source file.
public struct Span: Sendable, Hashable {
    public let file: SourceFile
    public let start: Int
    public let end: Int

    public init(file: SourceFile, start: Int, end: Int) {
        self.file = file
        self.start = start
        self.end = max(start, end)
    }

    /// The smallest span covering both (same file assumed; the receiver's file wins).
    public func merged(with other: Span) -> Span {
        Span(file: file, start: min(start, other.start), end: max(end, other.end))
    }

    /// The source text the span covers.
    public var text: String {
        let s = max(0, min(start, file.bytes.count)), e = max(s, min(end, file.bytes.count))
        return String(decoding: file.bytes[s..<e], as: UTF8.self)
    }

    public static func == (a: Span, b: Span) -> Bool {
        a.file === b.file && a.start == b.start && a.end == b.end
    }
    public func hash(into h: inout Hasher) {
        h.combine(ObjectIdentifier(file)); h.combine(start); h.combine(end)
    }
}
