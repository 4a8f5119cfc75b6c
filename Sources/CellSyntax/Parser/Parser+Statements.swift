import CellDiagnostics

extension Parser {
    /// program = { statement ( NEWLINE | ";" ) } END ;
    mutating func parseProgram() -> [Stmt] {
        parseItems(until: nil, stopAtNames: false) { $0.parseStatement() }
    }

    /// statement = letStmt | fnDecl | printStmt | expectStmt | forStmt | ifStmt | useStmt
    ///           | returnStmt | materialDecl | cellDecl | protocolDecl | exportStmt
    ///           | plotStmt | expression ;
    mutating func parseStatement() -> Stmt? {
        let start = peek
        let kind: Stmt.Kind
        switch start.kind {
        case .keyword(.let):
            advance()
            let (name, value) = parseBinding()
            kind = .let(name, value)
        case .keyword(.fn): kind = .function(parseFunction())
        case .keyword(.print): kind = parsePrint()
        case .keyword(.expect): kind = parseExpect()
        case .keyword(.for): kind = parseFor()
        case .keyword(.if): kind = parseIf()
        case .keyword(.use):
            advance()
            let path = consume(.string, "a file name string after `use`")
            kind = .use(path?.text ?? "")
        case .keyword(.return):
            advance()
            kind = .return(parseExpression())
        case .keyword(.material): kind = .material(parseMaterial())
        case .keyword(.cell): kind = .cell(parseCell())
        case .keyword(.protocol): kind = .protocol(parseProtocol())
        case .keyword(.export):
            advance()
            let value = parseAt()
            consume(.keyword(.to), "`to` in `export VALUE to PATH`")
            kind = .export(value, to: parseExpression())
        case .keyword(.plot): kind = parsePlot()
        default:
            guard Self.canStartStatementExpression(start.kind) else {
                errorAtToken(.expectedStatement(found: peek.description))
                return nil
            }
            kind = .expression(parseExpression())
        }
        return Stmt(kind, span: span(from: start.span))
    }

    /// Tokens that may begin an expression statement.
    static func canStartStatementExpression(_ kind: TokenKind) -> Bool {
        switch kind {
        case .leftBrace, .keyword(.from), .keyword(.run), .keyword(.fit), .keyword(.layer),
             .keyword(.table):
            return true
        default:
            return canStartExpression(kind)
        }
    }

    /// binding = IDENT "=" expression ;  (after `let`)
    mutating func parseBinding() -> (Name, Expr) {
        let name = consumeName("a name after `let`")
        consume(.equal, "`=` after `let \(name.text)`")
        return (name, parseExpression())
    }

    /// fnDecl = "fn" IDENT parameters ( "=" expression | block ) ;
    mutating func parseFunction() -> FunctionDecl {
        advance()
        let name = consumeName("a function name after `fn`")
        let parameters = check(.leftParen) ? parseParameters() : {
            errorAtNext(.expectedToken(expected: "`(` after `fn \(name.text)`", found: describeNext()))
            return []
        }()
        if match(.equal) {
            return FunctionDecl(name: name, parameters: parameters, body: .expression(parseExpression()))
        }
        let body = parseStatementBlock()
        return FunctionDecl(name: name, parameters: parameters, body: .block(body))
    }

    /// parameters = "(" [ parameter { "," parameter } [ "," ] ] ")" ;
    /// parameter = IDENT [ "=" expression ] ;
    mutating func parseParameters() -> [Parameter] {
        guard let open = consume(.leftParen, "`(`") else { return [] }
        let saved = newlinesSignificant
        newlinesSignificant = false
        defer { newlinesSignificant = saved }
        var parameters: [Parameter] = []
        while !check(.rightParen), !check(.endOfFile) {
            let before = current
            let name = consumeName("a parameter name")
            if panicMode { break }
            let value: Expr? = match(.equal) ? parseExpression() : nil
            parameters.append(Parameter(name: name, defaultValue: value))
            // Progress: each round consumes a name, or the loop ends.
            if panicMode || !match(.comma) || current == before { break }
        }
        closeDelimiter(.rightParen, opener: open)
        return parameters
    }

    /// block = "{" { statement ( NEWLINE | ";" ) } "}" ;
    mutating func parseStatementBlock() -> [Stmt] {
        parseBlock(stopAtNames: false) { $0.parseStatement() }
    }

    /// printStmt = "print" expression { "," expression } ;
    mutating func parsePrint() -> Stmt.Kind {
        advance()
        var values = [parseExpression()]
        while !panicMode, match(.comma) {
            values.append(parseExpression())
        }
        return .print(values)
    }

    /// expectStmt = "expect" expression [ ("≈" | "~=") expression "within" expression ] ;
    mutating func parseExpect() -> Stmt.Kind {
        advance()
        let left = parseExpression()
        guard match(.approx) else { return .expect(.condition(left)) }
        let right = parseExpression()
        consume(.keyword(.within), "`within` and a tolerance after `≈`")
        let tolerance = parseExpression()
        return .expect(.approximately(left, right, tolerance: tolerance))
    }

    /// forStmt = "for" IDENT "in" expression block ;
    mutating func parseFor() -> Stmt.Kind {
        advance()
        let variable = consumeName("a loop variable name after `for`")
        consume(.keyword(.in), "`in` after `for \(variable.text)`")
        let sequence = parseCondition()
        return .for(variable, sequence, parseStatementBlock())
    }

    /// ifStmt = "if" expression block [ "else" ( ifStmt | block ) ] ;
    mutating func parseIf() -> Stmt.Kind {
        advance()
        let condition = parseCondition()
        let thenBlock = parseStatementBlock()
        guard match(.keyword(.else)) else { return .if(condition, thenBlock, nil) }
        if check(.keyword(.if)) {
            let start = peek
            guard enterNesting() else { return .if(condition, thenBlock, nil) }
            defer { leaveNesting() }
            let nestedIf = parseIf()
            return .if(condition, thenBlock, [Stmt(nestedIf, span: span(from: start.span))])
        }
        return .if(condition, thenBlock, parseStatementBlock())
    }

    /// condition = expression ;  (not starting with `{`, which opens the block)
    mutating func parseCondition() -> Expr {
        if check(.leftBrace) {
            errorAtNext(.expectedExpression(found: describeNext()))
            return errorExpr()
        }
        return parseExpression()
    }

    /// plotStmt = "plot" atExpr [ "vs" atExpr ] "to" expression ;
    mutating func parsePlot() -> Stmt.Kind {
        advance()
        let y = parseAt()
        var x: Expr?
        if matchWord("vs") { x = parseAt() }
        consume(.keyword(.to), "`to` and a file name in `plot`")
        return .plot(y, versus: x, to: parseExpression())
    }
}
