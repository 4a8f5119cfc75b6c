import CellDiagnostics

// Expressions, lowest precedence first (grammar/cell.ebnf, "Expressions"):
// or, and, not, comparison, conversion (`in UNIT`), range (`to`), `at`, additive,
// multiplicative, unary, power, postfix, primary.
//
// These functions recurse once per bracket level, so they keep few locals: the stack frame
// of each level bounds how deep `maxNestingDepth` can be.

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
        var links = 0
        defer { leaveChain(links) }
        while check(.keyword(.or)), enterChainLink(&links) {
            advance()
            left = binary(.or, left, parseAnd())
        }
        return left
    }

    /// andExpr = notExpr { "and" notExpr } ;
    mutating func parseAnd() -> Expr {
        var left = parseNot()
        var links = 0
        defer { leaveChain(links) }
        while check(.keyword(.and)), enterChainLink(&links) {
            advance()
            left = binary(.and, left, parseNot())
        }
        return left
    }

    /// notExpr = "not" notExpr | comparison ;
    mutating func parseNot() -> Expr {
        guard check(.keyword(.not)) else { return parseComparison() }
        guard enterNesting() else { return errorExpr() }
        defer { leaveNesting() }
        let op = advance()
        let operand = parseNot()
        return Expr(.unary(.not, operand), span: op.span.merged(with: operand.span))
    }

    /// The comparison operator a token spells, if any.
    static func comparisonOperator(_ kind: TokenKind) -> BinaryOperator? {
        switch kind {
        case .less: return .less
        case .lessEqual: return .lessEqual
        case .greater: return .greater
        case .greaterEqual: return .greaterEqual
        case .equalEqual: return .equal
        case .bangEqual: return .notEqual
        default: return nil
        }
    }

    /// comparison = conversion [ compareOp conversion ] ;  (non-associative)
    /// compareOp = "<" | "<=" | ">" | ">=" | "==" | "!=" ;
    mutating func parseComparison() -> Expr {
        let left = parseConversion()
        guard let op = Self.comparisonOperator(peek.kind) else { return left }
        advance()
        let result = binary(op, left, parseConversion())
        if Self.comparisonOperator(peek.kind) != nil { reportChainedComparison() }
        return result
    }

    @inline(never)
    private mutating func reportChainedComparison() {
        errorAtNext(.chainedComparison)
    }

    /// conversion = rangeExpr { "in" unitExpr } ;
    mutating func parseConversion() -> Expr {
        var value = parseRange()
        var links = 0
        defer { leaveChain(links) }
        while check(.keyword(.in)), enterChainLink(&links) {
            advance()
            guard let unit = parseUnitExpr(afterIn: true) else { return value }
            value = Expr(.convert(value, unit), span: value.span.merged(with: unit.span))
        }
        return value
    }

    /// rangeExpr = atExpr [ "to" atExpr [ "step" atExpr ] ] ;
    mutating func parseRange() -> Expr {
        let low = parseAt()
        guard check(.keyword(.to)) else { return low }
        return parseRangeRest(from: low)
    }

    /// The `"to" atExpr [ "step" atExpr ]` part of a range.
    @inline(never)
    private mutating func parseRangeRest(from low: Expr) -> Expr {
        advance()
        let high = parseAt()
        var step: Expr?
        if !atLineStart, matchWord("step") { step = parseAt() }
        let end = step ?? high
        return Expr(.range(low, high, step: step), span: low.span.merged(with: end.span))
    }

    /// atExpr = additive { "at" additive } ;
    mutating func parseAt() -> Expr {
        var value = parseAdditive()
        var links = 0
        defer { leaveChain(links) }
        while check(.keyword(.at)), enterChainLink(&links) {
            advance()
            let temperature = parseAdditive()
            value = Expr(.at(value, temperature), span: value.span.merged(with: temperature.span))
        }
        return value
    }

    /// additive = multiplicative { ("+" | "-") multiplicative } ;
    /// A `+` or `-` that starts a line begins a new statement instead.
    mutating func parseAdditive() -> Expr {
        var left = parseMultiplicative()
        var links = 0
        defer { leaveChain(links) }
        while !atLineStart, check(.plus) || check(.minus), enterChainLink(&links) {
            let op: BinaryOperator = advance().kind == .plus ? .add : .subtract
            left = binary(op, left, parseMultiplicative())
        }
        return left
    }

    /// multiplicative = unary { ("*" | "·" | "/") unary } ;
    mutating func parseMultiplicative() -> Expr {
        var left = parseUnary()
        var links = 0
        defer { leaveChain(links) }
        while check(.star) || check(.slash), enterChainLink(&links) {
            let op: BinaryOperator = advance().kind == .star ? .multiply : .divide
            left = binary(op, left, parseUnary())
        }
        return left
    }

    /// unary = ("-" | "+") unary | power ;
    mutating func parseUnary() -> Expr {
        guard check(.minus) || check(.plus) else { return parsePower() }
        guard enterNesting() else { return errorExpr() }
        defer { leaveNesting() }
        let op = advance()
        let operand = parseUnary()
        return Expr(.unary(op.kind == .minus ? .negate : .plus, operand),
                    span: op.span.merged(with: operand.span))
    }

    /// power = postfix [ "^" unary | SUPERSCRIPT ] ;  (right-associative; `-2^2` is `-(2^2)`)
    mutating func parsePower() -> Expr {
        let base = parsePostfix()
        if check(.caret) { return parsePowerRest(base: base) }
        if checkSameLine(.superscript) { return parseSuperscriptPower(base: base) }
        return base
    }

    /// `"^" unary` after `base`; `2^2^2^...` recurses through here, so it counts as nesting.
    @inline(never)
    private mutating func parsePowerRest(base: Expr) -> Expr {
        advance()
        guard enterNesting() else { return errorExpr() }
        defer { leaveNesting() }
        return binary(.power, base, parseUnary())
    }

    /// `x²`: a superscript exponent written directly after an operand.
    @inline(never)
    private mutating func parseSuperscriptPower(base: Expr) -> Expr {
        let exponent = advance()
        return binary(.power, base, Expr(.number(Double(exponent.exponent)), span: exponent.span))
    }

    /// postfix = primary { "(" arguments ")" | "." memberName | "[" expression "]" } ;
    /// A `(` or `[` that starts a line does not continue the expression; a `.` does.
    mutating func parsePostfix() -> Expr {
        var expr = parsePrimary()
        var links = 0
        defer { leaveChain(links) }
        // Progress: each suffix consumes its opener; after an error the chain stops.
        while !panicMode {
            let continues = checkSameLine(.leftParen) || checkSameLine(.leftBracket) || check(.dot)
            if continues, !enterChainLink(&links) { return expr }
            if checkSameLine(.leftParen) {
                expr = parseCallSuffix(callee: expr)
            } else if checkSameLine(.leftBracket) {
                expr = parseIndexSuffix(base: expr)
            } else if match(.dot) {
                let name = parseMemberName()
                expr = Expr(.member(expr, name), span: span(from: expr.span))
            } else {
                return expr
            }
        }
        return expr
    }

    /// `"(" arguments ")"` after a callee.
    @inline(never)
    private mutating func parseCallSuffix(callee: Expr) -> Expr {
        guard enterNesting() else { return errorExpr() }
        defer { leaveNesting() }
        let open = advance()
        let arguments = parseArguments(open: open)
        return Expr(.call(callee, arguments), span: span(from: callee.span))
    }

    /// `"[" expression "]"` after a base.
    @inline(never)
    private mutating func parseIndexSuffix(base: Expr) -> Expr {
        guard enterNesting() else { return errorExpr() }
        defer { leaveNesting() }
        let open = advance()
        let saved = newlinesSignificant
        newlinesSignificant = false
        let index = parseExpression()
        newlinesSignificant = saved
        closeDelimiter(.rightBracket, opener: open)
        return Expr(.index(base, index), span: span(from: base.span))
    }

    /// memberName = IDENT | keyword ;  (`r.table`, `aclb.circuit`)
    @inline(never)
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
        let saved = newlinesSignificant
        newlinesSignificant = false
        defer { newlinesSignificant = saved }
        var arguments: [Argument] = []
        while !check(.rightParen), !check(.endOfFile) {
            let before = current
            arguments.append(parseArgument())
            // Progress: each round consumes an argument, or the loop ends.
            if panicMode || !match(.comma) || current == before { break }
        }
        closeDelimiter(.rightParen, opener: open)
        return arguments
    }

    private mutating func parseArgument() -> Argument {
        var label: Name?
        if check(.identifier), peek(1).kind == .colon {
            let token = advance()
            label = Name(token.text, span: token.span)
            advance()
        }
        return Argument(label: label, value: parseExpression())
    }
}
