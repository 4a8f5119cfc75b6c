import CellDiagnostics

// Protocol steps (LANGUAGE.md §6). Step words are contextual keywords. Values inside a step
// are parsed at the additive level, so `until`, `for`, `,`, `per`, `step`, `to` and `at`
// end them; a step ends at a line break, `;` or `}`.

extension Parser {
    /// stepBlock = "{" { step ( NEWLINE | ";" ) } "}" ;
    mutating func parseStepBlock() -> [Step] {
        parseBlock(stopAtNames: true) { $0.parseStep() }
    }

    /// step = currentStep | restStep | holdStep | polarizeStep | eisStep | ccdStep
    ///      | setStep | repeatStep | forStep ;
    mutating func parseStep() -> Step? {
        let start = peek
        let kind: Step.Kind
        if match(.keyword(.for)) {
            kind = parseForStep()
        } else if start.kind == .identifier, !start.isQuoted {
            switch start.text {
            case "charge", "discharge", "plate", "strip":
                advance()
                let direction = CurrentDirection(rawValue: start.text) ?? .charge
                consume(.keyword(.at), "`at` and a current after `\(start.text)`")
                let amount = parseStepValue()
                kind = .current(direction, amount: amount, limits: parseLimits())
            case "rest":
                advance()
                kind = .rest(limits: parseLimits())
            case "hold", "polarize":
                advance()
                consume(.keyword(.at), "`at` and a voltage after `\(start.text)`")
                let voltage = parseStepValue()
                let limits = parseLimits()
                kind = start.text == "hold" ? .hold(voltage: voltage, limits: limits)
                    : .polarize(voltage: voltage, limits: limits)
            case "eis": kind = parseEISStep()
            case "ccd": kind = parseCCDStep()
            case "set":
                advance()
                let name = consumeName("a setting name after `set` (`temperature`, `pressure`)")
                kind = .set(name, parseStepValue())
            case "repeat": kind = parseRepeatStep()
            default:
                let suggestion = Suggestions.closest(to: start.text, in: SyntaxMessage.stepWords)
                errorAtToken(.unknownStep(name: start.text, suggestion: suggestion))
                return nil
            }
        } else {
            errorAtToken(.expectedStep(found: peek.description))
            return nil
        }
        return Step(kind, span: span(from: start.span))
    }

    /// stepValue = additive ;  (on the step's own line: a step is one sentence)
    mutating func parseStepValue() -> Expr {
        guard stepValueStarts() else { return errorExpr() }
        return parseAdditive()
    }

    /// A step value must start on the step's line, and not with `{` (which would read as a
    /// record literal; in a step it means the value is missing). Reports otherwise.
    private mutating func stepValueStarts() -> Bool {
        if atLineStart || check(.leftBrace) {
            errorAtNext(.expectedExpression(found: describeNext()))
            return false
        }
        return true
    }

    /// limits = { ( "until" | "for" ) stepValue } ;  (on the step's line, any order)
    mutating func parseLimits() -> [StepLimit] {
        var limits: [StepLimit] = []
        while !atLineStart, !panicMode {
            let start = peek
            let limitKind: StepLimit.Kind
            if match(.keyword(.for)) {
                limitKind = .for
            } else if matchWord("until") {
                limitKind = .until
            } else {
                break
            }
            let value = parseStepValue()
            limits.append(StepLimit(kind: limitKind, value: value, span: span(from: start.span)))
        }
        if !atLineStart, check(.identifier) || check(.keyword(.to)) {
            // `charge at 1 C to 4.2 V` reads naturally but the limit word is `until`.
            let suggestion = check(.keyword(.to)) ? "until"
                : Suggestions.closest(to: peek.text, in: ["until", "for"])
            errorAtToken(.unknownLimit(name: peek.text, suggestion: suggestion))
        }
        return limits
    }

    /// eisStep = "eis" "from" stepValue "to" stepValue
    ///           { "," ( stepValue "per" "decade" | "amplitude" stepValue ) } ;
    mutating func parseEISStep() -> Step.Kind {
        advance()
        consume(.keyword(.from), "`from` after `eis`")
        let low = parseStepValue()
        consume(.keyword(.to), "`to` in `eis from ... to ...`")
        let high = parseStepValue()
        var perDecade: Expr?
        var amplitude: Expr?
        while !atLineStart, !panicMode, match(.comma) {
            if matchWord("amplitude") {
                amplitude = parseStepValue()
            } else {
                perDecade = parseStepValue()
                if consumeWord("per") { consumeWord("decade") }
            }
        }
        return .eis(from: low, to: high, perDecade: perDecade, amplitude: amplitude)
    }

    /// ccdStep = "ccd" "from" stepValue "to" stepValue "step" stepValue ","
    ///           stepValue "per" ( "half" "-" "cycle" | "cycle" ) ;
    mutating func parseCCDStep() -> Step.Kind {
        advance()
        consume(.keyword(.from), "`from` after `ccd`")
        let low = parseStepValue()
        consume(.keyword(.to), "`to` in `ccd from ... to ...`")
        let high = parseStepValue()
        consumeWord("step")
        let increment = parseStepValue()
        consume(.comma, "`,` and a duration `per half-cycle` after the current step")
        let duration = parseStepValue()
        consumeWord("per")
        var perHalfCycle = false
        if matchWord("half") {
            consume(.minus, "`-` in `half-cycle`")
            consumeWord("cycle")
            perHalfCycle = true
        } else if !matchWord("cycle") {
            errorAtNext(.expectedToken(expected: "`half-cycle` or `cycle` after `per`", found: describeNext()))
        }
        return .ccd(from: low, to: high, step: increment, duration: duration, perHalfCycle: perHalfCycle)
    }

    /// repeatStep = "repeat" ( "until" stepValue | stepValue ) stepBlock ;
    mutating func parseRepeatStep() -> Step.Kind {
        advance()
        if matchWord("until") {
            let limit = parseStepValue()
            return .repeatUntil(limit: limit, body: parseStepBlock())
        }
        let count = parseStepValue()
        return .repeat(count: count, body: parseStepBlock())
    }

    /// forStep = "for" IDENT "in" expression stepBlock ;  (on the step's line; a range such
    /// as `0.1 C to 1 C step 0.1 C` is fine here, as the block follows)
    mutating func parseForStep() -> Step.Kind {
        let variable = consumeName("a loop variable name after `for`")
        consume(.keyword(.in), "`in` after `for \(variable.text)`")
        let sequence = stepValueStarts() ? parseExpression() : errorExpr()
        return .forEach(variable, sequence, body: parseStepBlock())
    }
}
