import CellDiagnostics
import CellUnits

extension Parser {
    /// Largest unit exponent written with `^`; beyond this it is surely a typo.
    static let maxUnitExponent = 12

    /// Whether `token` can begin a unit after a number or a list: `%`, or an unquoted name
    /// that `UnitTable` knows.
    static func isUnitToken(_ token: Token) -> Bool {
        switch token.kind {
        case .percent: return true
        case .identifier: return !token.isQuoted && UnitTable.isUnitSymbol(token.text)
        default: return false
        }
    }

    /// A name right after a number that ends a statement: glued to it (`1e`, `0x10`, `12abc`)
    /// it is a malformed number; after a space (`5 foo`) it is a unit the table does not know.
    @inline(never)
    mutating func reportNameAfterNumber() {
        if peek.span.start == previous.span.end {
            error(.invalidNumber(previous.span.text + peek.span.text), at: previous.span.merged(with: peek.span))
        } else {
            error(.unknownUnit(name: peek.text, suggestion: UnitTable.suggestion(for: peek.text)), at: peek.span)
        }
    }

    /// True when a unit follows on the same line (after a number or a list literal).
    func startsUnit() -> Bool {
        !atLineStart && Self.isUnitToken(peek)
    }

    /// unitExpr = unitFactor { ("*" | "·" | "/") unitFactor } ;
    ///
    /// After a number or list (`afterIn == false`) the unit continues past `*` or `/` only
    /// if a unit symbol follows (`2 mm * x` multiplies by `x`; `1 mA/cm^2` is one unit).
    /// After `in` every name must be a unit. Each factor's sign comes from the operator
    /// just before it, left to right: `mA/cm^2` is [(mA, 1), (cm, -2)], `J/mol/K` is
    /// [(J, 1), (mol, -1), (K, -1)] and `J/mol*K` is [(J, 1), (mol, -1), (K, 1)].
    mutating func parseUnitExpr(afterIn: Bool) -> UnitExpr? {
        guard let first = parseUnitFactor(negated: false, mustBeKnown: afterIn) else { return nil }
        var factors = [first]
        while checkSameLine(.star) || checkSameLine(.slash) {
            let next = peek(1)
            let continues: Bool
            if newlinesSignificant, next.precededByNewline {
                continues = false
            } else if afterIn {
                continues = next.kind == .identifier || next.kind == .percent
            } else {
                continues = Self.isUnitToken(next)
            }
            guard continues else {
                // `mA/cm2` written without spaces: a unit power missing its `^`.
                if !afterIn, peek.span.start == previous.span.end, next.span.start == peek.span.end {
                    reportUnitPowerWithoutCaret(next)
                }
                break
            }
            let negated = advance().kind == .slash
            guard let factor = parseUnitFactor(negated: negated, mustBeKnown: afterIn) else { break }
            factors.append(factor)
        }
        return UnitExpr(factors: factors, span: first.span.merged(with: previous.span))
    }

    /// `cm^2` when `token` is a name such as `cm2`: a unit symbol followed by digits.
    static func unitPowerWithoutCaret(_ token: Token) -> String? {
        guard token.kind == .identifier, !token.isQuoted, !UnitTable.isUnitSymbol(token.text) else { return nil }
        let digits = token.text.reversed().prefix { $0.isASCII && $0.isNumber }
        let symbol = String(token.text.dropLast(digits.count))
        guard !digits.isEmpty, !symbol.isEmpty, UnitTable.isUnitSymbol(symbol) else { return nil }
        return symbol + "^" + String(digits.reversed())
    }

    /// Reports `cm2` written for `cm^2` (no-op for any other token).
    mutating func reportUnitPowerWithoutCaret(_ token: Token) {
        guard let suggestion = Self.unitPowerWithoutCaret(token) else { return }
        error(.unitPowerWithoutCaret(written: token.text, suggestion: suggestion), at: token.span)
    }

    /// unitFactor = UNIT [ "^" [ "-" | "+" ] INTEGER | SUPERSCRIPT ] ;
    /// UNIT = IDENT | "%" ;  (`wt%`, `vol%` and `degC` arrive from the lexer as one name)
    mutating func parseUnitFactor(negated: Bool, mustBeKnown: Bool) -> UnitFactor? {
        let token = peek
        guard token.kind == .identifier || token.kind == .percent, !atLineStart else {
            errorAtNext(.expectedUnit(found: describeNext()))
            return nil
        }
        let symbol = token.kind == .percent ? "%" : token.text
        if mustBeKnown, token.kind == .identifier, !UnitTable.isUnitSymbol(symbol) || token.isQuoted {
            errorAtNext(.unknownUnit(name: symbol, suggestion: UnitTable.suggestion(for: symbol)))
            return nil
        }
        advance()
        var exponent = 1
        if checkSameLine(.caret), let written = parseUnitExponent() {
            exponent = written
        } else if checkSameLine(.superscript) {
            exponent = advance().exponent
        }
        return UnitFactor(symbol: symbol, exponent: negated ? -exponent : exponent,
                          span: token.span.merged(with: previous.span))
    }

    /// `"^" [ "-" | "+" ] INTEGER` after a unit symbol. Returns nil without consuming when
    /// no number follows the `^` (then `^` is the power operator on the whole quantity).
    private mutating func parseUnitExponent() -> Int? {
        var offset = 1
        var sign = 1
        if peek(1).kind == .minus || peek(1).kind == .plus {
            sign = peek(1).kind == .minus ? -1 : 1
            offset = 2
        }
        let number = peek(offset)
        guard number.kind == .number else { return nil }
        for _ in 0..<offset { advance() }
        advance()
        let value = number.number
        // Range first, so that the conversion to Int cannot trap.
        guard abs(value) <= Double(Self.maxUnitExponent), value == Double(Int(value)) else {
            error(.expectedToken(expected: "an integer unit exponent", found: number.description),
                  at: number.span)
            return nil
        }
        return sign * Int(value)
    }
}
