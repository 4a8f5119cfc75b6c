import CellDiagnostics

/// The hand-written recursive-descent parser for `.cell` recipes (grammar/cell.ebnf).
///
/// It never prints and never stops at the first error: each problem goes into the
/// `DiagnosticBag`, the parser enters panic mode (quiet), resynchronises at the next statement
/// or `}`, and carries on, so one run reports every independent error. The returned tree is
/// complete when the bag holds no errors; where an error stood it holds the placeholder
/// identifier `Parser.errorName`.
///
/// Helpers follow Crafting Interpreters: `peek`/`check`/`checkWord` never consume,
/// `advance`/`match`/`consume` do.
public struct Parser {
    /// Deepest nesting of brackets, blocks and prefix operators; deeper input is one
    /// positioned error instead of a stack overflow. Far beyond any real recipe, and low
    /// enough for the stack: one level costs about 2 KiB in release builds and 8 KiB in
    /// debug builds (measured), so the worst case needs ~0.5 MiB / ~2 MiB, well inside the
    /// 8 MiB main-thread stack (`RecoveryTests` checks it on a 1 MiB / 4 MiB thread).
    public static let maxNestingDepth = 256

    /// The placeholder name of an expression that could not be parsed (never a valid name).
    public static let errorName = "<error>"

    let file: SourceFile
    let tokens: [Token]
    let diagnostics: DiagnosticBag
    var current = 0
    /// Set by the first error; silences further reports until `synchronize` runs.
    var panicMode = false
    /// Current nesting of brackets, blocks and prefix operators (see `maxNestingDepth`).
    var depth = 0
    /// False inside `(`, `[` and record braces, where line breaks are plain whitespace.
    var newlinesSignificant = true

    /// True when an unterminated block comment swallowed the end of the file: whatever is
    /// missing at the end is a consequence of that error, so it is not reported again.
    let endIsInsideComment: Bool

    init(file: SourceFile, diagnostics: DiagnosticBag) {
        self.file = file
        self.diagnostics = diagnostics
        let before = diagnostics.diagnostics.count
        self.tokens = Lexer.tokenize(file, diagnostics: diagnostics)
        self.endIsInsideComment = diagnostics.diagnostics.dropFirst(before).contains {
            ($0.message as? SyntaxMessage) == .unterminatedComment
        }
    }

    /// Parses a whole recipe (or one REPL entry). Errors go to `diagnostics`.
    public static func parse(_ file: SourceFile, diagnostics: DiagnosticBag) -> Program {
        var parser = Parser(file: file, diagnostics: diagnostics)
        return Program(file: file, statements: parser.parseProgram())
    }

    /// Parses `file` as a single expression (for `cell eis --from`, tools and tests);
    /// nil when nothing usable was found. Anything after the expression is an error.
    public static func parseExpression(_ file: SourceFile, diagnostics: DiagnosticBag) -> Expr? {
        var parser = Parser(file: file, diagnostics: diagnostics)
        let errorsBefore = diagnostics.errors.count
        let expr = parser.parseExpression()
        if !parser.check(.endOfFile) {
            parser.errorAtNext(.expectedToken(expected: "end of expression", found: parser.describeNext()))
        }
        return diagnostics.errors.count > errorsBefore ? nil : expr
    }

    // MARK: - Looking at tokens (never consume)

    var peek: Token { tokens[current] }

    /// The token `n` places ahead (the end-of-file token when past the end).
    func peek(_ n: Int) -> Token { tokens[min(current + n, tokens.count - 1)] }

    var previous: Token { tokens[max(current - 1, 0)] }

    func check(_ kind: TokenKind) -> Bool { peek.kind == kind }

    /// True when the next token is the unquoted identifier `word` (a contextual keyword).
    func checkWord(_ word: String) -> Bool { peek.isWord(word) }

    /// True when the next token starts a new line where line breaks end statements.
    var atLineStart: Bool { newlinesSignificant && peek.precededByNewline && !check(.endOfFile) }

    /// True when the next token is `kind` on the same line (or line breaks do not matter here).
    func checkSameLine(_ kind: TokenKind) -> Bool { check(kind) && !atLineStart }

    // MARK: - Consuming tokens

    @discardableResult
    mutating func advance() -> Token {
        let token = tokens[current]
        if current < tokens.count - 1 { current += 1 }
        return token
    }

    mutating func match(_ kind: TokenKind) -> Bool {
        guard check(kind) else { return false }
        advance()
        return true
    }

    mutating func matchWord(_ word: String) -> Bool {
        guard checkWord(word) else { return false }
        advance()
        return true
    }

    /// Consumes a token of `kind` or reports `expected <what>, found ...` and returns nil.
    @inline(never)
    @discardableResult
    mutating func consume(_ kind: TokenKind, _ what: String) -> Token? {
        if check(kind) { return advance() }
        errorAtNext(.expectedToken(expected: what, found: describeNext()))
        return nil
    }

    /// Consumes the contextual keyword `word` or reports it missing.
    @inline(never)
    @discardableResult
    mutating func consumeWord(_ word: String) -> Bool {
        if matchWord(word) { return true }
        errorAtNext(.expectedToken(expected: "`\(word)`", found: describeNext()))
        return false
    }

    /// `name = IDENT` (plain or backtick-quoted). On error returns a placeholder name.
    @inline(never)
    mutating func consumeName(_ what: String) -> Name {
        if check(.identifier) {
            let token = advance()
            return Name(token.text, span: token.span)
        }
        errorAtNext(.expectedToken(expected: what, found: describeNext()))
        return Name(Self.errorName, span: errorSpanAtNext())
    }

    /// Consumes the closer of a bracket pair, or reports it with a note at the opener.
    @inline(never)
    mutating func closeDelimiter(_ kind: TokenKind, opener: Token) {
        if match(kind) { return }
        let closing: String
        switch kind {
        case .rightParen: closing = ")"
        case .rightBracket: closing = "]"
        default: closing = "}"
        }
        let line = file.location(of: opener.span.start).line
        errorAtNext(.unclosedDelimiter(closing: closing, opening: opener.span.text, line: line),
                    notes: [Diagnostic.Note("`\(opener.span.text)` opened here", span: opener.span)])
    }

    // MARK: - Errors and recovery

    /// How the next token reads in a message; a token on a new line reads `end of line`.
    func describeNext() -> String {
        atLineStart ? "end of line" : peek.description
    }

    /// Where an error about the next token goes: on it, or just after the previous token
    /// when a line break came first (the statement, or an unclosed bracket, ended there).
    func errorSpanAtNext() -> Span {
        if peek.precededByNewline || check(.endOfFile), current > 0 {
            return Span(file: file, start: previous.span.end, end: previous.span.end)
        }
        return peek.span
    }

    /// Reports `message` unless already panicking; the lexer has already reported `.invalid`.
    @inline(never)
    mutating func error(_ message: SyntaxMessage, at span: Span, notes: [Diagnostic.Note] = []) {
        guard !panicMode else { return }
        panicMode = true
        diagnostics.error(message, at: span, notes: notes)
    }

    /// Reports a problem with the next token itself (a statement, field or step that cannot
    /// start with it), positioned on that token even when it starts a line.
    @inline(never)
    mutating func errorAtToken(_ message: SyntaxMessage) {
        if check(.invalid) || (check(.endOfFile) && endIsInsideComment) {
            panicMode = true
            return
        }
        error(message, at: check(.endOfFile) ? errorSpanAtNext() : peek.span)
    }

    @inline(never)
    mutating func errorAtNext(_ message: SyntaxMessage, notes: [Diagnostic.Note] = []) {
        if check(.invalid) || (check(.endOfFile) && endIsInsideComment) {
            panicMode = true
            return
        }
        error(message, at: errorSpanAtNext(), notes: notes)
    }

    /// Hard keywords that begin a statement or a declaration item; recovery stops before one
    /// that starts a line.
    static let statementKeywords: Set<Keyword> = [
        .let, .fn, .print, .expect, .for, .if, .use, .return, .material, .cell, .protocol,
        .export, .plot, .layer, .interlayer,
    ]

    /// Leaves panic mode by skipping to a point where parsing can resume: a `;` (consumed),
    /// a `}` closing the current block (not consumed), or a statement keyword at the start
    /// of a line — or, in material, cell, layer and protocol bodies (`stopAtNames`), any
    /// token at the start of a line. Braces met on the way are skipped as balanced pairs.
    /// At the top level (`insideBlock == false`) a stray `}` is skipped as part of the error.
    mutating func synchronize(stopAtNames: Bool, insideBlock: Bool = true) {
        var braces = 0
        while !check(.endOfFile) {
            let token = peek
            if braces == 0 {
                if token.kind == .rightBrace, insideBlock { break }
                if token.kind == .semicolon {
                    advance()
                    break
                }
                if token.precededByNewline {
                    if case .keyword(let k) = token.kind, Self.statementKeywords.contains(k) { break }
                    // Bodies are line-based: each line is an item, so every line is a restart.
                    if stopAtNames { break }
                }
            }
            if token.kind == .leftBrace { braces += 1 }
            if token.kind == .rightBrace { braces = max(0, braces - 1) }
            advance()
        }
        panicMode = false
    }

    /// Enters one more level of nesting (bracket, block or prefix operator), or reports
    /// `nestingTooDeep` and returns false — without entering — at the limit. Every `true`
    /// must be paired with `leaveNesting()` (use `defer`). Plain calls rather than a
    /// closure-taking helper keep the stack frames of the recursion small.
    mutating func enterNesting() -> Bool {
        guard depth < Self.maxNestingDepth else {
            reportNestingTooDeep()
            return false
        }
        depth += 1
        return true
    }

    @inline(never)
    private mutating func reportNestingTooDeep() {
        errorAtNext(.nestingTooDeep(limit: Self.maxNestingDepth))
    }

    mutating func leaveNesting() {
        depth -= 1
    }

    /// Enters one more level for an operator that lengthens a left-deep chain (`a + b + c`,
    /// `x.a.b`, `f(1)(2)`): such a tree is as deep as the chain is long, and evaluating or
    /// releasing it recurses once per link, so links count as nesting. Reports
    /// `nestingTooDeep` and returns false at the limit; the caller gives back all its links
    /// with `leaveChain(_:)`.
    mutating func enterChainLink(_ links: inout Int) -> Bool {
        guard enterNesting() else { return false }
        links += 1
        return true
    }

    mutating func leaveChain(_ links: Int) {
        depth -= links
    }

    /// The span from `start` to the end of the last consumed token.
    func span(from start: Span) -> Span {
        start.merged(with: previous.span)
    }

    /// An expression standing in for one that could not be parsed.
    @inline(never)
    func errorExpr() -> Expr {
        Expr(.identifier(Self.errorName), span: errorSpanAtNext())
    }

    // MARK: - Bodies

    /// The shared loop of every `{ ... }` body and of the program: items separated by line
    /// breaks or `;`, ending at `}` (or end of file). After an item, either the separator is
    /// checked or, after an error, the parser resynchronises.
    ///
    /// body = "{" { item ( NEWLINE | ";" ) } "}"
    mutating func parseItems<T>(until closer: TokenKind?, stopAtNames: Bool,
                                _ parseItem: (inout Parser) -> T?) -> [T] {
        var items: [T] = []
        while !check(.endOfFile), closer.map({ !check($0) }) ?? true {
            let before = current
            if match(.semicolon) { continue }
            if closer == nil, check(.rightBrace) {
                errorAtToken(.unexpectedClosingDelimiter("}"))
                advance()
                synchronize(stopAtNames: stopAtNames, insideBlock: false)
                continue
            }
            if let item = parseItem(&self) { items.append(item) }
            if panicMode {
                // Progress: an item that failed on its first token skips that token.
                if current == before, !check(.rightBrace) { advance() }
                synchronize(stopAtNames: stopAtNames, insideBlock: closer != nil)
            } else {
                expectItemEnd()
            }
            if current == before, !check(.endOfFile), closer.map({ !check($0) }) ?? true { advance() }
        }
        return items
    }

    /// After a statement: a line break, `;`, `}` or end of file must follow.
    mutating func expectItemEnd() {
        if check(.semicolon) || check(.rightBrace) || check(.endOfFile) || peek.precededByNewline {
            return
        }
        switch peek.kind {
        case .invalid:
            panicMode = true
        case .rightParen, .rightBracket:
            errorAtNext(.unexpectedClosingDelimiter(peek.span.text))
        case .identifier where previous.kind == .number && !peek.isQuoted:
            reportNameAfterNumber()
        default:
            // Go on with the next statement as if the `;` were there, but quietly: an error
            // in it would most likely be a consequence of this one.
            error(.missingSeparator, at: peek.span)
        }
    }

    /// `"{" body "}"` with line breaks significant inside, one nesting level deeper.
    mutating func parseBlock<T>(stopAtNames: Bool, _ parseItem: (inout Parser) -> T?) -> [T] {
        // The depth check comes before `{` is consumed, so that after a nesting error the
        // recovery skips the whole block as one balanced pair.
        guard enterNesting() else { return [] }
        defer { leaveNesting() }
        guard let open = consume(.leftBrace, "`{`") else { return [] }
        let saved = newlinesSignificant
        newlinesSignificant = true
        defer { newlinesSignificant = saved }
        let items = parseItems(until: .rightBrace, stopAtNames: stopAtNames, parseItem)
        closeDelimiter(.rightBrace, opener: open)
        return items
    }
}
