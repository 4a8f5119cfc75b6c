/// The lines of a text file, decoded leniently, with 1-based line numbers.
///
/// Line ends: `\n`, `\r\n` and runs such as `\r\r\n` (PowerSuite) all end one line; a file with
/// no `\n` at all but with `\r` (classic Mac) is split at `\r`. A UTF-8 byte-order mark is
/// dropped. Bytes that are not UTF-8 (Latin-1 `µ` or `°` in instrument headers) become U+FFFD:
/// numbers are ASCII, so data never depends on them.
struct TextLines: Sendable {
    /// Line texts; `texts[0]` is line 1.
    let texts: [String]

    init(bytes: [UInt8]) {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        let terminator: UInt8 = bytes.contains(0x0A) ? 0x0A : 0x0D
        var texts: [String] = []
        var lineStart = start
        var index = start
        while index < bytes.count {
            if bytes[index] == terminator {
                texts.append(TextLines.decode(bytes, from: lineStart, to: index))
                lineStart = index + 1
            }
            index += 1
        }
        if lineStart < bytes.count {
            texts.append(TextLines.decode(bytes, from: lineStart, to: bytes.count))
        }
        self.texts = texts
    }

    /// Number of lines (a last line without a terminator counts).
    var count: Int { texts.count }

    /// Text of 1-based line `number`, or "" past the end.
    func text(_ number: Int) -> String {
        guard number >= 1, number <= texts.count else { return "" }
        return texts[number - 1]
    }

    /// First 1-based line number at or after `start` whose text satisfies `predicate`.
    /// Stops after line `end` when given.
    func firstLine(from start: Int = 1, through end: Int? = nil, where predicate: (String) -> Bool) -> Int? {
        var number = max(start, 1)
        let last = min(end ?? texts.count, texts.count)
        while number <= last {
            if predicate(texts[number - 1]) { return number }
            number += 1
        }
        return nil
    }

    /// Text of the first non-blank line, trimmed, or "" when every line is blank.
    var firstContent: String {
        for text in texts where !text.isBlank { return text.trimmed }
        return ""
    }

    private static func decode(_ bytes: [UInt8], from start: Int, to end: Int) -> String {
        var stop = end
        while stop > start, bytes[stop - 1] == 0x0D { stop -= 1 }
        return String(decoding: bytes[start..<stop], as: UTF8.self)
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line ends.
    var trimmed: String { String(Substring(self).trimmed) }

    /// True when the string holds only spaces, tabs and line ends.
    var isBlank: Bool { utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A } }
}

extension Substring {
    /// The substring without leading and trailing whitespace (spaces, tabs, line ends, NBSP),
    /// found on Unicode scalars so no grapheme breaking is needed.
    var trimmed: Substring {
        let isSpace: (Unicode.Scalar) -> Bool = {
            $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\u{00A0}"
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) }) else { return Substring(scalars[endIndex...]) }
        return Substring(scalars[first...last])
    }
}
