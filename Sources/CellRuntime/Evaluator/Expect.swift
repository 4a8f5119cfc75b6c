import CellDiagnostics
import CellSyntax
import CellUnits

/// `expect` statements: the self-checks that make a recipe reproducible (LANGUAGE.md §3).
extension Interpreter {
    func runExpect(_ e: Expectation, span: Span, in env: Environment) throws {
        switch e {
        case .approximately(let lhs, let rhs, let tolExpr):
            let a = try evaluate(lhs, in: env), b = try evaluate(rhs, in: env), tol = try evaluate(tolExpr, in: env)
            if a.isUnknown || b.isUnknown || tol.isUnknown { return }
            let qa = try quantityOperand(a, span: lhs.span, context: "`expect`")
            let qb = try quantityOperand(b, span: rhs.span, context: "`expect`")
            guard qa.dimension == qb.dimension else {
                throw RuntimeError(.unitError("cannot compare \(article(qa.dimension)) (`\(qa.formatted())`) with \(article(qb.dimension)) (`\(qb.formatted())`)"),
                                   at: span)
            }
            let qt = try quantityOperand(tol, span: tolExpr.span, context: "`within`")
            let allowed: Double
            let tolText: String
            if qt.dimension == .none {
                // `10%` and bare numbers are relative to the expected (right-hand) value.
                guard qt.value >= 0 else { throw RuntimeError(.toleranceDimension("tolerance must not be negative"), at: tolExpr.span) }
                allowed = qt.value * abs(qb.value)
                tolText = qt.basis == .none && tolExpr.span.text.contains("%") == false
                    ? "relative \(NumberFormat.format(qt.value))" : "\(NumberFormat.format(qt.value * 100)) %"
            } else if qt.dimension == qb.dimension {
                guard qt.value >= 0 else { throw RuntimeError(.toleranceDimension("tolerance must not be negative"), at: tolExpr.span) }
                allowed = qt.value
                tolText = qt.formatted()
            } else {
                throw RuntimeError(.toleranceDimension("tolerance `\(tolExpr.span.text)` is \(article(qt.dimension)); it must be a percentage, a plain number (relative) or \(article(qb.dimension))"),
                                   at: tolExpr.span)
            }
            if isChecking { return }
            let diff = abs(qa.value - qb.value)
            let passed = diff <= allowed
            let detail = "observed \(displayQuantity(a, qa)), expected \(displayQuantity(b, qb)) within \(tolText)"
                + (passed ? "" : " (off by \(relativeText(diff, qb.value)))")
            record(span: span, passed: passed, detail: detail, observed: displayQuantity(a, qa),
                   expected: displayQuantity(b, qb), tolerance: tolText)
        case .condition(let cond):
            let v = try evaluate(cond, in: env)
            if v.isUnknown { return }
            guard case .bool(let ok) = v else { throw RuntimeError(.expectNotBoolean(describeType(v)), at: cond.span) }
            if isChecking { return }
            var detail = "`\(cond.span.text)` is \(ok)"
            var observed = "\(ok)", expected = "true"
            if case .binary(let op, let l, let r) = cond.kind, op != .and, op != .or {
                let lv = try evaluate(l, in: env), rv = try evaluate(r, in: env)
                observed = try display(lv, at: l.span)
                expected = "\(op.rawValue) \(try display(rv, at: r.span))"
                detail = "observed \(observed) \(expected) is \(ok)"
            }
            record(span: span, passed: ok, detail: detail, observed: observed, expected: expected, tolerance: "")
        }
    }

    private func displayQuantity(_ v: Value, _ q: Quantity) -> String {
        if case .converted(let q, let u, _) = v, let s = try? q.formatted(in: u) { return s }
        return q.formatted()
    }

    private func relativeText(_ diff: Double, _ expected: Double) -> String {
        expected == 0 ? NumberFormat.format(diff) : NumberFormat.format(diff / abs(expected) * 100) + " %"
    }

    private func record(span: Span, passed: Bool, detail: String, observed: String, expected: String, tolerance: String) {
        expects.append(ExpectOutcome(span: span, passed: passed, source: span.text, detail: detail, observed: observed,
                                     expected: expected, tolerance: tolerance))
    }
}

extension ExpectOutcome {
    /// A failed expectation as a positioned diagnostic (`file:line:col: error: expectation failed: ...`).
    public var diagnostic: Diagnostic {
        .error(RuntimeMessage.expectFailed(detail), at: span)
    }
}
