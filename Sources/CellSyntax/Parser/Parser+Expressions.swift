import CellDiagnostics

// Expressions, lowest precedence first (grammar/cell.ebnf, "Expressions"):
// or, and, not, comparison, conversion (`in UNIT`), range (`to`), `at`, additive,
// multiplicative, unary, power, postfix, primary.

extension Parser {
    /// expression = orExpr ;
    mutating func parseExpression() -> Expr {
        parseOr()
    }

    /// Builds a binary node spanning both operands.
    func binary(_ op: BinaryOperator, _ left: Expr, _ right: Expr) -> Expr {
        Expr(.binary(op, left, right), span: left.span.merged(with: right.span))
    }

    /// orExpr = andExpr { "or" andExpr } ;
    mutating func parseOr() -> Expr {
        var left = parseAnd()
        while match(.keyword(.or)) {
            left = binary(.or, left, parseAnd())
        }
        return left
    }

    /// andExpr = notExpr { "and" notExpr } ;
    mutating func parseAnd() -> Expr {
        var left = parseNot()
        while match(.keyword(.and)) {
            left = binary(.and, left, parseNot())
        }
        return left
    }

    /// notExpr = "not" notExpr | comparison ;
    mutating func parseNot() -> Expr {
        guard check(.keyword(.not)) else { return parseComparison() }
        return nested { parser in
            let op = parser.advance()
            let operand = parser.parseNot()
            return Expr(.unary(.not, operand), span: op.span.merged(with: operand.span))
        } ?? errorExpr()
    }

    static let comparisonOperators: [TokenKind: BinaryOperator] = [
        .less: .less, .lessEqual: .lessEqual, .greater: .greater, .greaterEqual: .greaterEqual,
        .equalEqual: .equal, .bangEqual: .notEqual,
    ]

    /// comparison = conversion [ compareOp conversion ] ;  (non-associative)
    /// compareOp = "<" | "<=" | ">" | ">=" | "==" | "!=" ;
    mutating func parseComparison() -> Expr {
        let left = parseConversion()
        guard let op = Self.comparisonOperators[peek.kind] else { return left }
        advance()
        let result = binary(op, left, parseConversion())
        if Self.comparisonOperators[peek.kind] != nil {
            errorAtNext(.chainedComparison)
        }
        return result
    }

    /// conversion = rangeExpr { "in" unitExpr } ;
    mutating func parseConversion() -> Expr {
        var value = parseRange()
        while match(.keyword(.in)) {
            guard let unit = parseUnitExpr(afterIn: true) else { return value }
            value = Expr(.convert(value, unit), span: value.span.merged(with: unit.span))
        }
        return value
    }

    /// rangeExpr = atExpr [ "to" atExpr [ "step" atExpr ] ] ;
    mutating func parseRange() -> Expr {
        let low = parseAt()
        guard match(.keyword(.to)) else { return low }
        let high = parseAt()
        var step: Expr?
        if !atLineStart, matchWord("step") { step = parseAt() }
        let end = step ?? high
        return Expr(.range(low, high, step: step), span: low.span.merged(with: end.span))
    }

    /// atExpr = additive { "at" additive } ;
    mutating func parseAt() -> Expr {
        var value = parseAdditive()
        while match(.keyword(.at)) {
            let temperature = parseAdditive()
            value = Expr(.at(value, temperature), span: value.span.merged(with: temperature.span))
        }
        return value
    }

    /// additive = multiplicative { ("+" | "-") multiplicative } ;
    /// A `+` or `-` that starts a line begins a new statement instead.
    mutating func parseAdditive() -> Expr {
        var left = parseMultiplicative()
        while !atLineStart, check(.plus) || check(.minus) {
            let op: BinaryOperator = advance().kind == .plus ? .add : .subtract
            left = binary(op, left, parseMultiplicative())
        }
        return left
    }

    /// multiplicative = unary { ("*" | "·" | "/") unary } ;
    mutating func parseMultiplicative() -> Expr {
        var left = parseUnary()
        while check(.star) || check(.slash) {
            let op: BinaryOperator = advance().kind == .star ? .multiply : .divide
            left = binary(op, left, parseUnary())
        }
        return left
    }

    /// unary = ("-" | "+") unary | power ;
    mutating func parseUnary() -> Expr {
        guard check(.minus) || check(.plus) else { return parsePower() }
        return nested { parser in
            let op = parser.advance()
            let operand = parser.parseUnary()
            let kind: UnaryOperator = op.kind == .minus ? .negate : .plus
            return Expr(.unary(kind, operand), span: op.span.merged(with: operand.span))
        } ?? errorExpr()
    }

    /// power = postfix [ "^" unary | SUPERSCRIPT ] ;  (right-associative; `-2^2` is `-(2^2)`)
    mutating func parsePower() -> Expr {
        let base = parsePostfix()
        if match(.caret) {
            return binary(.power, base, parseUnary())
        }
        if checkSameLine(.superscript) {
            let exponent = advance()
            return binary(.power, base, Expr(.number(Double(exponent.exponent)), span: exponent.span))
        }
        return base
    }

    /// postfix = primary { "(" arguments ")" | "." memberName | "[" expression "]" } ;
    /// A `(` or `[` that starts a line does not continue the expression; a `.` does.
    mutating func parsePostfix() -> Expr {
        var expr = parsePrimary()
        while true {
            if checkSameLine(.leftParen) {
                let open = advance()
                let arguments = parseArguments(open: open)
                expr = Expr(.call(expr, arguments), span: span(from: expr.span))
            } else if checkSameLine(.leftBracket) {
                let open = advance()
                let index = withNewlines(false) { $0.parseExpression() }
                closeDelimiter(.rightBracket, opener: open)
                expr = Expr(.index(expr, index), span: span(from: expr.span))
            } else if match(.dot) {
                let name = parseMemberName()
                expr = Expr(.member(expr, name), span: span(from: expr.span))
            } else {
                return expr
            }
        }
    }

    /// memberName = IDENT | keyword ;  (`r.table`, `aclb.circuit`)
    mutating func parseMemberName() -> Name {
        if case .keyword = peek.kind {
            let token = advance()
            return Name(token.text, span: token.span)
        }
        return consumeName("member name after `.`")
    }

    /// arguments = [ argument { "," argument } [ "," ] ] ;
    /// argument = [ IDENT ":" ] expression ;
    mutating func parseArguments(open: Token) -> [Argument] {
        withNewlines(false) { parser in
            var arguments: [Argument] = []
            while !parser.check(.rightParen), !parser.check(.endOfFile) {
                let before = parser.current
                var label: Name?
                if parser.check(.identifier), parser.peek(1).kind == .colon {
                    let token = parser.advance()
                    label = Name(token.text, span: token.span)
                    parser.advance()
                }
                arguments.append(Argument(label: label, value: parser.parseExpression()))
                if parser.panicMode || !parser.match(.comma) || parser.current == before { break }
            }
            parser.closeDelimiter(.rightParen, opener: open)
            return arguments
        }
    }
}
