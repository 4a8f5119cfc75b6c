/// What pressing Tab should do to the line: delete some characters before the cursor, insert
/// text at the cursor, and possibly list the candidates below the line.
public struct CompletionPlan: Sendable, Equatable {
    /// Characters (not bytes) to delete before the cursor; nonzero only when the typed word is
    /// replaced by a candidate that differs from it in case.
    public var deleteCount: Int
    /// Text to insert at the cursor (after deleting).
    public var insertion: String
    /// Candidates to show because the completion is ambiguous; empty when it is not.
    public var listing: [String]

    public init(deleteCount: Int = 0, insertion: String = "", listing: [String] = []) {
        self.deleteCount = deleteCount
        self.insertion = insertion
        self.listing = listing
    }
}

/// Tab-completion logic shared by the line editor and the tests (no terminal involved).
public enum Completion {
    /// Most candidates listed under the line: more would scroll the prompt away.
    public static let maximumListed = 120

    /// Whether `c` can be part of a completable word: letters (including `µ`), digits, `_`.
    public static func isWordCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "_"
    }

    /// The word that ends at `cursor` (a UTF-8 offset into `line`, clamped to its bounds and
    /// moved back to a character boundary): the longest run of word characters before it.
    /// Empty when the cursor follows a space, an operator or the start of the line.
    public static func word(in line: String, cursor: Int) -> Substring {
        let end = index(in: line, utf8Offset: cursor)
        var start = end
        while start > line.startIndex {
            let previous = line.index(before: start)
            guard isWordCharacter(line[previous]) else { break }
            start = previous
        }
        return line[start..<end]
    }

    /// The index of the character boundary at or before `utf8Offset`.
    static func index(in line: String, utf8Offset: Int) -> String.Index {
        var offset = min(max(0, utf8Offset), line.utf8.count)
        while offset > 0 {
            let raw = line.utf8.index(line.utf8.startIndex, offsetBy: offset)
            if let boundary = String.Index(raw, within: line) { return boundary }
            offset -= 1
        }
        return line.startIndex
    }

    /// The longest common prefix of `strings`, compared by `Character`; "" for no strings.
    public static func commonPrefix<S: StringProtocol>(_ strings: [S]) -> String {
        guard var prefix = strings.first.map({ Array($0) }) else { return "" }
        for string in strings.dropFirst() {
            let length = zip(prefix, string).prefix(while: { $0 == $1 }).count
            prefix.removeSubrange(length...)
            if prefix.isEmpty { break }
        }
        return String(prefix)
    }

    /// Plans the completion of `word` among `candidates` (duplicates and order do not matter).
    ///
    /// Candidates that start with `word` win: their common prefix is inserted and, when several
    /// remain, they are listed. Only when none does, candidates that start with it ignoring
    /// case are used (`llz` → `LLZTO`), replacing the typed word when there is just one.
    /// Returns nil when nothing matches (the editor beeps).
    public static func plan(word: String, candidates: [String]) -> CompletionPlan? {
        let unique = Array(Set(candidates)).sorted()
        let exact = unique.filter { $0.hasPrefix(word) }
        if !exact.isEmpty {
            let prefix = commonPrefix(exact)
            let insertion = String(prefix.dropFirst(word.count))
            return CompletionPlan(insertion: insertion, listing: exact.count > 1 ? exact : [])
        }
        let lowered = word.lowercased()
        let folded = unique.filter { $0.lowercased().hasPrefix(lowered) }
        switch folded.count {
        case 0: return nil
        case 1: return CompletionPlan(deleteCount: word.count, insertion: folded[0])
        default: return CompletionPlan(listing: folded)
        }
    }

    /// `items` laid out in columns (filled top to bottom, like `ls`) to fit `width` columns of
    /// text; each row ends with "\n". At most `maximumListed` items are shown, then a line says how many were left.
    public static func columns(_ items: [String], width: Int) -> String {
        guard !items.isEmpty else { return "" }
        let shown = Array(items.prefix(maximumListed))
        let gap = 2
        let cell = (shown.map(\.count).max() ?? 0) + gap
        let perRow = max(1, (max(width, 1) + gap) / cell)
        let rows = (shown.count + perRow - 1) / perRow
        var text = ""
        for row in 0..<rows {
            var line = ""
            for column in 0..<perRow {
                let position = column * rows + row  // column-major, like ls
                guard position < shown.count else { break }
                let item = shown[position]
                line += item
                if (column + 1) * rows + row < shown.count {
                    line += String(repeating: " ", count: cell - item.count)
                }
            }
            text += line + "\n"
        }
        if items.count > shown.count {
            text += "… and \(items.count - shown.count) more\n"
        }
        return text
    }
}
