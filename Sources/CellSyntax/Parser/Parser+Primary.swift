import CellDiagnostics
import CellUnits

extension Parser {
    /// primary = NUMBER [ unitExpr ] | STRING | "true" | "false"
    ///         | "circuit" STRING | "load" IDENT expression | IDENT
    ///         | "(" expression ")" | list | record
    ///         | "from" atExpr "to" atExpr [ "step" atExpr ]
    ///         | runExpr | fitExpr | "layer" layerSpec | tableExpr ;
    mutating func parsePrimary() -> Expr {
        guard enterNesting() else { return errorExpr() }
        defer { leaveNesting() }
        // An operand may start on the next line (`let x =` ⏎ `5`): the operator before it
        // cannot end a statement. Each case is its own function to keep this frame small.
        switch peek.kind {
        case .number: return parseNumber()
        case .string, .keyword(.true), .keyword(.false): return parseLiteral()
        case .identifier: return parseNameExpression()
        case .leftParen: return parseParenthesized()
        case .leftBracket: return parseList()
        case .leftBrace: return parseRecord()
        case .keyword(.from): return parseFromRange()
        case .keyword(.run): return parseRun()
        case .keyword(.fit): return parseFit()
        case .keyword(.layer): return parseLayerExpression()
        case .keyword(.table): return parseTable()
        default:
            errorAtNext(.expectedExpression(found: describeNext()))
            return errorExpr()
        }
    }

    /// `NUMBER [ unitExpr ]`: a bare number or a quantity literal.
    @inline(never)
    private mutating func parseNumber() -> Expr {
        let token = advance()
        if startsUnit(), let unit = parseUnitExpr(afterIn: false) {
            return Expr(.quantity(token.number, unit), span: span(from: token.span))
        }
        if !atLineStart { reportUnitPowerWithoutCaret(peek) }  // `5 cm2`
        return Expr(.number(token.number), span: token.span)
    }

    /// `STRING | "true" | "false"`
    @inline(never)
    private mutating func parseLiteral() -> Expr {
        let token = advance()
        if token.kind == .string { return Expr(.string(token.text), span: token.span) }
        return Expr(.bool(token.kind == .keyword(.true)), span: token.span)
    }

    /// `"(" expression ")"`, with line breaks insignificant inside.
    @inline(never)
    private mutating func parseParenthesized() -> Expr {
        let open = advance()
        let saved = newlinesSignificant
        newlinesSignificant = false
        let inner = parseExpression()
        newlinesSignificant = saved
        closeDelimiter(.rightParen, opener: open)
        return Expr(inner.kind, span: span(from: open.span))
    }

    /// `"from" atExpr "to" atExpr [ "step" atExpr ]` (argument form of a range).
    @inline(never)
    private mutating func parseFromRange() -> Expr {
        let start = advance()
        let low = parseAt()
        consume(.keyword(.to), "`to` in `from ... to ...`")
        let high = parseAt()
        var step: Expr?
        if !atLineStart, matchWord("step") { step = parseAt() }
        return Expr(.range(low, high, step: step), span: span(from: start.span))
    }

    /// `"layer" layerSpec` (a layer as a value).
    @inline(never)
    private mutating func parseLayerExpression() -> Expr {
        let start = advance()
        let spec = parseLayerSpec()
        return Expr(.layer(spec), span: span(from: start.span))
    }

    /// An identifier, or one of the contextual forms `circuit STRING` and `load KIND PATH`.
    @inline(never)
    private mutating func parseNameExpression() -> Expr {
        let token = advance()
        if token.isWord("circuit"), checkSameLine(.string) {
            let description = parsePostfix()
            return Expr(.circuit(description), span: span(from: token.span))
        }
        if token.isWord("load"), checkSameLine(.identifier), !peek(1).precededByNewline,
           Self.canStartExpression(peek(1).kind) {
            let kind = advance()
            let path = parseAdditive()
            return Expr(.load(kind: Name(kind.text, span: kind.span), path: path),
                        span: span(from: token.span))
        }
        return Expr(.identifier(token.text), span: token.span)
    }

    /// Whether a token of this kind can begin an expression (used for `load KIND PATH`).
    static func canStartExpression(_ kind: TokenKind) -> Bool {
        switch kind {
        case .number, .string, .identifier, .leftParen, .leftBracket, .minus, .plus,
             .keyword(.true), .keyword(.false), .keyword(.not):
            return true
        default:
            return false
        }
    }

    /// list = "[" [ expression { "," expression } [ "," ] ] "]" [ unitExpr ] ;
    @inline(never)
    mutating func parseList() -> Expr {
        let open = advance()
        let elements = parseListElements(open: open)
        if startsUnit(), let unit = parseUnitExpr(afterIn: false) {
            return Expr(.list(elements, unit: unit), span: span(from: open.span))
        }
        return Expr(.list(elements, unit: nil), span: span(from: open.span))
    }

    /// The elements of a `[...]` whose `[` (`open`) was consumed, through the `]`.
    mutating func parseListElements(open: Token) -> [Expr] {
        let saved = newlinesSignificant
        newlinesSignificant = false
        defer { newlinesSignificant = saved }
        var elements: [Expr] = []
        while !check(.rightBracket), !check(.endOfFile) {
            let before = current
            elements.append(parseExpression())
            // Progress: each round consumes an element, or the loop ends.
            if panicMode || !match(.comma) || current == before { break }
        }
        closeDelimiter(.rightBracket, opener: open)
        return elements
    }

    /// record = "{" [ recordField { ("," | NEWLINE) recordField } [ "," ] ] "}" ;
    /// recordField = IDENT ":" expression ;
    @inline(never)
    mutating func parseRecord() -> Expr {
        let open = advance()
        let saved = newlinesSignificant
        newlinesSignificant = false
        var fields: [RecordField] = []
        while !check(.rightBrace), !check(.endOfFile) {
            let before = current
            let name = consumeName("field name in record")
            if panicMode { break }
            consume(.colon, "`:` after record field name")
            fields.append(RecordField(name: name, value: parseExpression()))
            // Progress: each round consumes a field, or the loop ends.
            if panicMode || current == before { break }
            // Fields are separated by a comma or by a line break.
            if !match(.comma), !peek.precededByNewline { break }
        }
        newlinesSignificant = saved
        closeDelimiter(.rightBrace, opener: open)
        return Expr(.record(fields), span: span(from: open.span))
    }

    /// runExpr = "run" postfix "on" additive [ "at" additive ] ;
    @inline(never)
    mutating func parseRun() -> Expr {
        let start = advance()
        let procedure = parsePostfix()
        guard consumeWord("on") else { return errorExpr() }
        let cell = parseAdditive()
        var temperature: Expr?
        if match(.keyword(.at)) { temperature = parseAdditive() }
        return Expr(.run(protocol: procedure, cell: cell, temperature: temperature),
                    span: span(from: start.span))
    }

    /// fitExpr = "fit" atExpr "to" atExpr [ "vary" "[" [ expression { "," expression } ] "]" ] ;
    @inline(never)
    mutating func parseFit() -> Expr {
        let start = advance()
        let model = parseAt()
        consume(.keyword(.to), "`to` in `fit MODEL to DATA`")
        let data = parseAt()
        var vary: [Expr]?
        if !atLineStart, matchWord("vary") {
            if let open = consume(.leftBracket, "`[` after `vary`") {
                vary = parseListElements(open: open)
            }
        }
        return Expr(.fit(model: model, data: data, vary: vary), span: span(from: start.span))
    }

    /// tableExpr = "table" "for" IDENT "in" expression record
    ///           | "table" STRING ;  (a table read from a CSV file, as `call(table, [path])`)
    @inline(never)
    mutating func parseTable() -> Expr {
        let start = advance()
        if checkSameLine(.string) {
            let path = advance()
            let callee = Expr(.identifier("table"), span: start.span)
            let argument = Argument(label: nil, value: Expr(.string(path.text), span: path.span))
            return Expr(.call(callee, [argument]), span: span(from: start.span))
        }
        consume(.keyword(.for), "`for` or a file name after `table`")
        let variable = consumeName("loop variable name")
        consume(.keyword(.in), "`in` after loop variable")
        let sequence = parseExpression()
        guard check(.leftBrace) else {
            errorAtNext(.expectedToken(expected: "`{` to start the row record", found: describeNext()))
            return errorExpr()
        }
        guard enterNesting() else { return errorExpr() }
        defer { leaveNesting() }
        let row = parseRecord()
        return Expr(.tableFor(variable: variable, sequence: sequence, row: row), span: span(from: start.span))
    }
}
