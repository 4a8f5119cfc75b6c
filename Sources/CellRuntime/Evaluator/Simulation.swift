import CellData
import CellDiagnostics
import CellNumerics
import CellOutput
import CellPhysics
import CellSyntax
import CellUnits
import Foundation

/// Where the language hands work to the models and to files: `run`, `fit`, `load`, `circuit`,
/// `export`, `plot`. In check mode nothing is simulated, read or written: results are unknown.
extension Interpreter {
    // MARK: load

    func load(_ kind: Name, path: Expr, span: Span, in env: Environment) throws -> Value {
        let p = try evaluate(path, in: env)
        guard case .string(let written) = p else {
            if p.isUnknown { return p }
            throw RuntimeError(.typeMismatch(expected: "a file path string", found: describeType(p), context: "`load`"), at: path.span)
        }
        guard ["eis", "trace"].contains(kind.text) else {
            throw RuntimeError(.other("unknown data kind `\(kind.text)` (expected `eis` or `trace`)"), at: kind.span)
        }
        if isChecking { return .unknown("data of `\(path.span.text)`") }
        let full = resolve(written)
        try checkReadAllowed(full, written: written, span: path.span)
        try checkReadableFile(full, written: written, limit: DataLimits.maximumFileBytes, span: path.span)
        do {
            if kind.text == "eis" {
                let data = try EISFileReader.read(path: full)
                for w in data.warnings { warnings.warning(PlainMessage("\(written): \(w)", id: "data.warning"), at: span) }
                return .object(SpectrumObject(label: (written as NSString).lastPathComponent, spectrum: data.spectrum,
                                              format: data.format, warnings: data.warnings))
            }
            let trace = try TraceReader.read(path: full)
            return .object(TraceObject(label: (written as NSString).lastPathComponent, trace: trace))
        } catch let e as DataError {
            let where_ = e.line.map { "\(written):\($0): " } ?? "\(written): "
            throw RuntimeError(.other(where_ + e.text), at: path.span)
        }
    }

    // MARK: circuits

    func circuit(_ text: Expr, span: Span, in env: Environment) throws -> Value {
        let t = try evaluate(text, in: env)
        guard case .string(let s) = t else {
            if t.isUnknown { return t }
            throw RuntimeError(.typeMismatch(expected: "a circuit string", found: describeType(t), context: "`circuit`"), at: text.span)
        }
        do {
            return .object(CircuitObject(circuit: try Circuit(parsing: s)))
        } catch {
            throw RuntimeError(.other("in circuit `\(s)`: \(error.message)"), at: circuitSpan(text, error.range))
        }
    }

    /// Points inside the string literal at the offending characters when it is a plain literal.
    func circuitSpan(_ expr: Expr, _ range: Range<Int>) -> Span {
        guard case .string = expr.kind else { return expr.span }
        let start = expr.span.start + 1 + range.lowerBound
        return Span(file: expr.span.file, start: min(start, expr.span.end), end: min(start + max(1, range.count), expr.span.end))
    }

    // MARK: fit

    func fit(_ model: Expr, to data: Expr, vary: [Expr]?, span: Span, in env: Environment) throws -> Value {
        let m = try evaluate(model, in: env)
        let d = try evaluate(data, in: env)
        if isChecking || m.isUnknown || d.isUnknown { return .unknown("fit") }
        let spectrum = try spectrumOperand(d, span: data.span)
        switch m {
        case .object(let o as CircuitObject):
            if vary != nil {
                throw RuntimeError(.other("`vary` is for fitting a cell's physical parameters; a circuit fits all its elements"), at: span)
            }
            return try fitCircuit(o.circuit, guess: o.parameters, to: spectrum, span: span)
        case .cell, .cellTemplate:
            return try fitCell(m, to: spectrum, vary: vary ?? [], span: span, modelSpan: model.span, in: env)
        case .string(let s):
            let c = try circuit(Expr(.string(s), span: model.span), span: model.span, in: env)
            guard case .object(let o as CircuitObject) = c else { return c }
            return try fitCircuit(o.circuit, guess: nil, to: spectrum, span: span)
        case .record(let r):
            return try fitCircuit(options: r, to: spectrum, span: span, modelSpan: model.span)
        default:
            throw RuntimeError(.typeMismatch(expected: "a circuit or a cell", found: describeType(m), context: "`fit`"), at: model.span)
        }
    }

    func spectrumOperand(_ v: Value, span: Span) throws -> SpectrumObject {
        switch v {
        case .object(let s as SpectrumObject): return s
        case .object(let r as ResultObject):
            guard let s = r.lastSpectrum else {
                throw RuntimeError(.other("this result has no impedance spectrum (its protocol has no `eis` step)"), at: span)
            }
            return s
        default:
            throw RuntimeError(.typeMismatch(expected: "an impedance spectrum (`load eis` or a result with an `eis` step)",
                                             found: describeType(v), context: "fit"), at: span)
        }
    }

    /// Warns before a fit when the data fail the lin-KK test (PHYSICS.md §7): a circuit fitted to
    /// inconsistent data returns numbers that describe the drift, not the cell.
    func warnIfNotKramersKronig(_ data: SpectrumObject, span: Span) {
        let kk = LinKK.automatic(data.spectrum)
        let inner = LinKK.innerFailures(kk)
        if !inner.isEmpty {
            let worst = inner.map { max(abs(kk.residualsReal[$0]), abs(kk.residualsImaginary[$0])) }.max() ?? 0
            warnings.warning(PlainMessage("`\(data.label)` fails the Kramers–Kronig test at \(inner.count) point\(inner.count == 1 ? "" : "s") inside the band (worst residual \(NumberFormat.format(worst * 100)) %); check `kk(data)` and consider dropping them before fitting",
                                          id: "fit.kramersKronig"), at: span)
        }
    }

    /// `fit {circuit: c, weighting: "unit", guess: [...], bounds: {R0: [1 ohm, 100 ohm]}} to data`:
    /// a circuit fit with options. Weighting is `modulus` (default), `unit` or `proportional`;
    /// `guess` lists start values in circuit order (SI); `bounds` limits parameters by name.
    func fitCircuit(options r: Record, to data: SpectrumObject, span: Span, modelSpan: Span) throws -> Value {
        func fail(_ text: String) -> RuntimeError { RuntimeError(.other(text), at: modelSpan) }
        let allowed = ["circuit", "weighting", "guess", "bounds"]
        for name in r.names where !allowed.contains(name) {
            throw RuntimeError(.unknownArgument(function: "fit", label: name, suggestion: Suggestions.closest(to: name, in: allowed)), at: modelSpan)
        }
        let circuitValue: Circuit
        var start: [Double]?
        switch r["circuit"] {
        case .object(let o as CircuitObject)?:
            circuitValue = o.circuit
            start = o.parameters
        case .string(let text)?:
            do { circuitValue = try Circuit(parsing: text) } catch { throw fail("in circuit `\(text)`: \(error.message)") }
        default:
            throw fail("a fit record needs `circuit: circuit \"...\"`")
        }
        var weighting = FitWeighting.modulus
        if let w = r["weighting"] {
            guard case .string(let name) = w, let parsed = FitWeighting(rawValue: name) else {
                throw fail("`weighting` is one of \(FitWeighting.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))")
            }
            weighting = parsed
        }
        if let g = r["guess"] {
            guard case .list(let items) = g else { throw fail("`guess` is a list of start values in circuit order") }
            start = try items.map { try quantityOperand($0, span: modelSpan, context: "`guess`").value }
        }
        var bounds: [ParameterBound]?
        if let b = r["bounds"] {
            guard case .record(let byName) = b else { throw fail("`bounds` is a record such as `{R0: [1 ohm, 100 ohm]}`") }
            let names = circuitValue.parameterNames
            let exponents = circuitValue.elements.flatMap(\.kind.isExponent)
            var list = exponents.map { $0 ? ParameterBound.exponent : ParameterBound.positive }
            for (name, value) in byName.fields {
                guard let k = names.firstIndex(of: name) else {
                    throw RuntimeError(.unknownArgument(function: "bounds", label: name, suggestion: Suggestions.closest(to: name, in: names)), at: modelSpan)
                }
                guard case .list(let pair) = value, pair.count == 2 else { throw fail("bounds of `\(name)` are a pair `[low, high]`") }
                let lo = try quantityOperand(pair[0], span: modelSpan, context: "`bounds`").value
                let hi = try quantityOperand(pair[1], span: modelSpan, context: "`bounds`").value
                list[k] = ParameterBound(lower: lo, upper: hi)
            }
            bounds = list
        }
        return try fitCircuit(circuitValue, guess: start, to: data, span: span, weighting: weighting, bounds: bounds)
    }

    func fitCircuit(_ circuit: Circuit, guess: [Double]?, to data: SpectrumObject, span: Span,
                    weighting: FitWeighting = .modulus, bounds: [ParameterBound]? = nil) throws -> Value {
        warnIfNotKramersKronig(data, span: span)
        let result: FitResult
        do {
            result = try CircuitFitter.fit(circuit: circuit, data: data.spectrum, initialGuess: guess, weighting: weighting, bounds: bounds)
        } catch {
            throw RuntimeError(.other("cannot fit: \(error)"), at: span)
        }
        var notes: [String] = []
        if !result.converged {
            notes.append("the fit did not converge; best chi2 reached \(NumberFormat.format(result.chi2))")
        }
        for (i, se) in result.standardErrors.enumerated() where !se.isFinite {
            notes.append("`\(result.names[i])` is not determined by the data (infinite standard error)")
        }
        // Exponents (CPE n) live in (0, 1]; one at 1 means the element is an ideal capacitor.
        let exponentFlags = result.circuit.elements.flatMap(\.kind.isExponent)
        for (i, isExponent) in exponentFlags.enumerated() where isExponent && result.parameters[i] >= 1 - 1e-6 {
            notes.append("`\(result.names[i])` is pinned at its bound 1 (an ideal capacitor would do)")
        }
        for n in notes { warnings.warning(PlainMessage(n, id: "fit.warning"), at: span) }
        return .object(FitObject(result: result, data: data.spectrum, label: data.label, warnings: notes))
    }

    // MARK: export and plot

    /// The output folder, or an error naming the statement when the run has none.
    func outputDirectory(at span: Span) throws -> OutputDirectory {
        guard let root = options.outputDirectory else {
            throw RuntimeError(.other("this session has no output folder (run the recipe with `cell run FILE --out DIR`)"), at: span)
        }
        return OutputDirectory(root: root)
    }

    func outputPath(_ pathExpr: Expr, in env: Environment) throws -> String {
        let p = try evaluate(pathExpr, in: env)
        guard case .string(let s) = p else {
            throw RuntimeError(.typeMismatch(expected: "an output file name string", found: describeType(p), context: "output path"),
                               at: pathExpr.span)
        }
        return s
    }

    func export(_ valueExpr: Expr, to pathExpr: Expr, in env: Environment) throws {
        let v = try evaluate(valueExpr, in: env)
        let path = try outputPath(pathExpr, in: env)
        if isChecking || v.isUnknown { return }
        let table = try exportTable(v, span: valueExpr.span)
        let dir = try outputDirectory(at: pathExpr.span)
        do {
            _ = try dir.checkedURL(for: path)
            if ExportFormat(path: path) == nil { _ = try dir.export(table, to: path) }  // reports the format error
        } catch {
            throw RuntimeError(.other(error.text), at: pathExpr.span)
        }
        try write(.table(table), to: path, span: pathExpr.span)
    }

    func plot(_ yExpr: Expr, versus xExpr: Expr?, to pathExpr: Expr, in env: Environment) throws {
        let y = try evaluate(yExpr, in: env)
        let x = try xExpr.map { try evaluate($0, in: env) }
        let path = try outputPath(pathExpr, in: env)
        if isChecking || y.isUnknown || (x?.isUnknown ?? false) { return }
        let svg = try plotSVG(y, versus: x, ySpan: yExpr.span, xSpan: xExpr?.span)
        let dir = try outputDirectory(at: pathExpr.span)
        do { _ = try dir.checkedURL(for: path) } catch { throw RuntimeError(.other(error.text), at: pathExpr.span) }
        try write(.plot(caption: svg.caption, svg: svg.markup), to: path, span: pathExpr.span)
    }

    /// Writes an output now, or, inside a parallel loop's worker, queues it so that the loop
    /// applies all writes in iteration order (the same files whatever the core count).
    func write(_ output: PendingWrite.Content, to path: String, span: Span) throws {
        let pending = PendingWrite(content: output, path: path, span: span)
        if defersWrites {
            pendingWrites.append(pending)
        } else {
            try flush(pending)
        }
    }

    func flush(_ w: PendingWrite) throws {
        let dir = try outputDirectory(at: w.span)
        do {
            switch w.content {
            case .table(let t): try dir.export(t, to: w.path)
            case .plot(let caption, let svg):
                try dir.writePlot(svg, to: w.path)
                plots.append((caption: caption, svg: svg))
            }
            writtenFiles.append(w.path)
        } catch {
            throw RuntimeError(.other(error.text), at: w.span)
        }
    }
}
