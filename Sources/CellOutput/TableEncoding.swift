// CSV and JSON text of a DataTable (see docs/output.md for both layouts).

extension DataTable {
    /// CSV text (RFC 4180): one header line of `name_unit` fields, then one line per row,
    /// each line ending in `\n`. Numbers use ``NumberText/shortest(_:)``; text fields are quoted
    /// only when they contain `,`, `"`, a line break or leading/trailing spaces.
    /// Throws before producing any text if the table is invalid (see ``validate()``), e.g.
    /// ``OutputError/nonFiniteValue(column:index:value:)`` naming the column and row.
    public func csv() throws(OutputError) -> String {
        try validate()
        var out = headers.map(Self.csvField).joined(separator: ",") + "\n"
        for row in 0..<rowCount {
            var fields: [String] = []
            fields.reserveCapacity(columns.count)
            for column in columns {
                fields.append(try Self.csvCell(column, row: row))
            }
            out += fields.joined(separator: ",") + "\n"
        }
        return out
    }

    /// JSON text: an object with the column order, the unit of each column and the columns
    /// as arrays, keyed by the same headers as the CSV:
    /// ```
    /// {
    ///   "fields": ["time_s", "voltage_V"],
    ///   "units": {"time_s": "s", "voltage_V": "V"},
    ///   "columns": {
    ///     "time_s": [0, 1],
    ///     "voltage_V": [3.5, 3.6]
    ///   }
    /// }
    /// ```
    /// A column without a unit has `null` in `units`. Numbers are shortest round-trip; the
    /// output ends with `\n`. Throws like ``csv()``.
    public func json() throws(OutputError) -> String {
        try validate()
        let headers = self.headers
        var out = "{\n  \"fields\": [" + headers.map(Self.jsonString).joined(separator: ", ") + "],\n"
        let units = columns.map { column in
            Self.jsonString(column.header) + ": "
                + (column.unitLabel.flatMap { $0.isEmpty ? nil : Self.jsonString($0) } ?? "null")
        }
        out += "  \"units\": {" + units.joined(separator: ", ") + "},\n"
        out += "  \"columns\": {"
        for (position, column) in columns.enumerated() {
            out += position == 0 ? "\n" : ",\n"
            out += "    " + Self.jsonString(column.header) + ": ["
            var items: [String] = []
            items.reserveCapacity(column.values.count)
            switch column.values {
            case .numbers(let numbers):
                for (row, value) in numbers.enumerated() {
                    guard let text = NumberText.shortest(value) else {
                        throw .nonFiniteValue(column: column.header, index: row, value: value.description)
                    }
                    items.append(text)
                }
            case .text(let strings):
                items = strings.map(Self.jsonString)
            }
            out += items.joined(separator: ", ") + "]"
        }
        out += columns.isEmpty ? "}\n}\n" : "\n  }\n}\n"
        return out
    }

    private static func csvCell(_ column: DataColumn, row: Int) throws(OutputError) -> String {
        switch column.values {
        case .numbers(let numbers):
            guard let text = NumberText.shortest(numbers[row]) else {
                throw .nonFiniteValue(column: column.header, index: row, value: numbers[row].description)
            }
            return text
        case .text(let strings):
            return csvField(strings[row])
        }
    }

    /// A CSV field, quoted (with doubled quotes) when it would otherwise be misread.
    static func csvField(_ text: String) -> String {
        let needsQuotes = text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || text.hasPrefix(" ") || text.hasSuffix(" ")
        guard needsQuotes else { return text }
        return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
    }

    /// A JSON string literal with `"`, `\`, control characters and U+2028/U+2029 escaped.
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{2028}", "\u{2029}", _ where scalar.value < 0x20:
                out += "\\u" + hex4(scalar.value)
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

extension String {
    /// Every occurrence of `target` replaced (no Foundation needed).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        out.reserveCapacity(count)
        for character in self {
            if character == target { out += replacement } else { out.append(character) }
        }
        return out
    }
}
