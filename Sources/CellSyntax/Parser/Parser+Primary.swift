import CellDiagnostics
import CellUnits

extension Parser {
    /// primary = NUMBER [ unitExpr ] | STRING | "true" | "false"
    ///         | "circuit" STRING | "load" IDENT expression | IDENT
    ///         | "(" expression ")" | list | record
    ///         | "from" atExpr "to" atExpr [ "step" atExpr ]
    ///         | runExpr | fitExpr | "layer" layerSpec | tableExpr ;
    mutating func parsePrimary() -> Expr {
        nested { $0.parsePrimaryUnlimited() } ?? errorExpr()
    }

    private mutating func parsePrimaryUnlimited() -> Expr {
        // An operand may start on the next line (`let x =` ⏎ `5`): the operator before
        // it cannot end a statement.
        let token = peek
        switch token.kind {
        case .number:
            advance()
            if startsUnit(), let unit = parseUnitExpr(afterIn: false) {
                return Expr(.quantity(token.number, unit), span: span(from: token.span))
            }
            return Expr(.number(token.number), span: token.span)
        case .string:
            advance()
            return Expr(.string(token.text), span: token.span)
        case .keyword(.true), .keyword(.false):
            advance()
            return Expr(.bool(token.kind == .keyword(.true)), span: token.span)
        case .identifier:
            return parseNameExpression()
        case .leftParen:
            advance()
            let inner = withNewlines(false) { $0.parseExpression() }
            closeDelimiter(.rightParen, opener: token)
            return Expr(inner.kind, span: span(from: token.span))
        case .leftBracket:
            return parseList()
        case .leftBrace:
            return parseRecord()
        case .keyword(.from):
            advance()
            let low = parseAt()
            consume(.keyword(.to), "`to` in `from ... to ...`")
            let high = parseAt()
            var step: Expr?
            if !atLineStart, matchWord("step") { step = parseAt() }
            return Expr(.range(low, high, step: step), span: span(from: token.span))
        case .keyword(.run):
            return parseRun()
        case .keyword(.fit):
            return parseFit()
        case .keyword(.layer):
            advance()
            let spec = parseLayerSpec()
            return Expr(.layer(spec), span: span(from: token.span))
        case .keyword(.table):
            return parseTable()
        default:
            errorAtNext(.expectedExpression(found: describeNext()))
            return errorExpr()
        }
    }

    /// An identifier, or one of the contextual forms `circuit STRING` and `load KIND PATH`.
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
        withNewlines(false) { parser in
            var elements: [Expr] = []
            while !parser.check(.rightBracket), !parser.check(.endOfFile) {
                let before = parser.current
                elements.append(parser.parseExpression())
                if parser.panicMode || !parser.match(.comma) || parser.current == before { break }
            }
            parser.closeDelimiter(.rightBracket, opener: open)
            return elements
        }
    }

    /// record = "{" [ recordField { ("," | NEWLINE) recordField } [ "," ] ] "}" ;
    /// recordField = IDENT ":" expression ;
    mutating func parseRecord() -> Expr {
        let open = advance()
        let fields: [RecordField] = withNewlines(false) { parser in
            var fields: [RecordField] = []
            while !parser.check(.rightBrace), !parser.check(.endOfFile) {
                let before = parser.current
                let name = parser.consumeName("field name in record")
                if parser.panicMode { break }
                parser.consume(.colon, "`:` after record field name")
                fields.append(RecordField(name: name, value: parser.parseExpression()))
                if parser.panicMode || parser.current == before { break }
                // Fields are separated by a comma or by a line break.
                if !parser.match(.comma), !parser.peek.precededByNewline { break }
            }
            parser.closeDelimiter(.rightBrace, opener: open)
            return fields
        }
        return Expr(.record(fields), span: span(from: open.span))
    }

    /// runExpr = "run" postfix "on" additive [ "at" additive ] ;
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
        let row = nested { $0.parseRecord() } ?? errorExpr()
        return Expr(.tableFor(variable: variable, sequence: sequence, row: row), span: span(from: start.span))
    }
}
