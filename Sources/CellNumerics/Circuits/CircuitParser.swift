/// A syntax error in a circuit string, positioned by UTF-8 byte offsets into that string.
public struct CircuitSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// UTF-8 offsets of the offending text within the circuit string (may be empty at the end).
    public var range: Range<Int>
    /// Lowercase message with identifiers in backticks, no final period.
    public var message: String

    public init(range: Range<Int>, message: String) {
        self.range = range
        self.message = message
    }

    public var description: String { "\(message) (at offset \(range.lowerBound))" }
}

/// Parser for impedance.py circuit strings. Spaces are ignored, as impedance.py strips them.
///
///     circuit  = series ;
///     series   = term { "-" term } ;
///     term     = parallel | element ;
///     parallel = "p(" series "," series { "," series } ")" ;
///     element  = letter { letter } { digit | "_" } ;     (* letters name the kind *)
///
/// Labels must be unique, as parameter names are derived from them.
public struct CircuitParser {
    private let bytes: [UInt8]
    private var position = 0
    private var seenLabels: [String: Range<Int>] = [:]

    private init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// Parses `text` into a circuit or throws the first error found.
    public static func parse(_ text: String) throws(CircuitSyntaxError) -> Circuit {
        var parser = CircuitParser(text)
        parser.skipSpaces()
        guard parser.position < parser.bytes.count else {
            throw CircuitSyntaxError(range: 0..<parser.bytes.count, message: "empty circuit")
        }
        let root = try parser.parseSeries()
        parser.skipSpaces()
        if parser.position < parser.bytes.count {
            let start = parser.position
            let message: String
            switch parser.bytes[start] {
            case UInt8(ascii: ")"): message = "unexpected `)` with no open `p(`"
            case UInt8(ascii: ","): message = "`,` outside `p(...)`; join elements in series with `-`"
            default: message = "unexpected `\(parser.text(start..<start + 1))`"
            }
            throw CircuitSyntaxError(range: start..<start + 1, message: message)
        }
        return Circuit(root)
    }

    // series = term { "-" term } ;
    private mutating func parseSeries() throws(CircuitSyntaxError) -> Circuit.Node {
        var terms = [try parseTerm()]
        while peek() == UInt8(ascii: "-") {
            position += 1
            terms.append(try parseTerm())
        }
        return terms.count == 1 ? terms[0] : .series(terms)
    }

    // term = parallel | element ;
    private mutating func parseTerm() throws(CircuitSyntaxError) -> Circuit.Node {
        skipSpaces()
        let start = position
        guard position < bytes.count else {
            throw CircuitSyntaxError(range: start..<start, message: "expected an element or `p(` at the end")
        }
        let byte = bytes[position]
        if byte == UInt8(ascii: "p"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "(") {
            return try parseParallel()
        }
        guard isLetter(byte) else {
            let shown = byte < 0x80 ? text(start..<start + 1) : "non-ASCII text"
            throw CircuitSyntaxError(
                range: start..<start + 1, message: "expected an element or `p(`, found `\(shown)`")
        }
        return try parseElement()
    }

    // parallel = "p(" series "," series { "," series } ")" ;
    private mutating func parseParallel() throws(CircuitSyntaxError) -> Circuit.Node {
        let open = position..<position + 2
        position += 2
        var branches = [try parseSeries()]
        while peek() == UInt8(ascii: ",") {
            position += 1
            branches.append(try parseSeries())
        }
        guard peek() == UInt8(ascii: ")") else {
            if position < bytes.count {
                let found = position..<position + 1
                throw CircuitSyntaxError(
                    range: found, message: "expected `,` or `)` in `p(` opened at offset \(open.lowerBound), found `\(text(found))`")
            }
            throw CircuitSyntaxError(range: open, message: "`p(` is not closed")
        }
        position += 1
        guard branches.count >= 2 else {
            throw CircuitSyntaxError(
                range: open.lowerBound..<position, message: "`p(` needs at least two branches")
        }
        return .parallel(branches)
    }

    // element = letter { letter } { digit | "_" } ;
    private mutating func parseElement() throws(CircuitSyntaxError) -> Circuit.Node {
        let start = position
        while position < bytes.count, isLetter(bytes[position]) { position += 1 }
        let symbolEnd = position
        while position < bytes.count, isDigit(bytes[position]) || bytes[position] == UInt8(ascii: "_") {
            position += 1
        }
        let range = start..<position
        let label = text(range)
        let symbol = text(start..<symbolEnd)
        guard let kind = CircuitElementKind(symbol: symbol) else {
            let known = CircuitElementKind.allCases.map { "`\($0.symbol)`" }.joined(separator: ", ")
            throw CircuitSyntaxError(range: range, message: "unknown element `\(label)` (known: \(known))")
        }
        if let previous = seenLabels[label] {
            throw CircuitSyntaxError(
                range: range, message: "duplicate element `\(label)` (first at offset \(previous.lowerBound))")
        }
        seenLabels[label] = range
        return .element(CircuitElement(kind, label: label))
    }

    private mutating func peek() -> UInt8? {
        skipSpaces()
        return position < bytes.count ? bytes[position] : nil
    }

    private mutating func skipSpaces() {
        while position < bytes.count, bytes[position] == UInt8(ascii: " ") { position += 1 }
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range.clamped(to: 0..<bytes.count)], as: UTF8.self)
    }

    private func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
