import CellDiagnostics

extension Parser {
    /// Tokens after which an entry cannot end: the REPL keeps reading when a line ends
    /// with one of them (`let x =`, `a +`, `print a,`, `} else`). Every hard keyword but
    /// `true` and `false` needs something after it.
    static func needsContinuation(_ kind: TokenKind) -> Bool {
        switch kind {
        case .equal, .plus, .minus, .star, .slash, .caret, .comma, .dot, .pipe, .colon,
             .less, .lessEqual, .greater, .greaterEqual, .equalEqual, .bangEqual, .approx:
            return true
        case .keyword(let keyword):
            return keyword != .true && keyword != .false
        default:
            return false
        }
    }

    /// Whether `text` is a complete REPL entry, or the REPL should read another line:
    /// false while a `(`, `[` or `{` is open, a block comment is unterminated, or the last
    /// token is an operator, `=`, `,` or a keyword that needs something after it. Strings are
    /// single-line, so an open string never continues an entry (it is reported instead).
    /// A closer with nothing to close makes the entry complete, so its error shows at once.
    public static func isComplete(_ text: String) -> Bool {
        let file = SourceFile(path: "<repl>", text: text)
        let bag = DiagnosticBag()
        let tokens = Lexer.tokenize(file, diagnostics: bag)
        let openComment = bag.diagnostics.contains {
            ($0.message as? SyntaxMessage) == .unterminatedComment
        }
        if openComment { return false }
        var open = 0
        for token in tokens {
            switch token.kind {
            case .leftParen, .leftBracket, .leftBrace:
                open += 1
            case .rightParen, .rightBracket, .rightBrace:
                if open == 0 { return true }
                open -= 1
            default:
                break
            }
        }
        if open > 0 { return false }
        let last = tokens.dropLast().last  // the token before end of file
        return last.map { !needsContinuation($0.kind) } ?? true
    }
}
