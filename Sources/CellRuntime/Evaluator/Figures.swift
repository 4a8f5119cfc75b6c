import CellDiagnostics
import CellNumerics
import CellOutput
import CellPhysics
import CellUnits

/// Tables for `export` and figures for `plot` (LANGUAGE.md §7; formats in docs/output.md).
extension Interpreter {
    // MARK: export tables

    func exportTable(_ v: Value, span: Span) throws -> DataTable {
        switch v {
        case .object(let r as ResultObject):
            let s = r.result.series
            if s.count > 1 {
                return DataTable.timeSeries(time: s.time, voltage: s.voltage, current: s.current, capacity: s.capacity,
                                            temperature: s.temperature)
            }
            if let spectrum = r.result.spectra.last?.spectrum { return DataTable.spectrum(spectrum) }
            throw RuntimeError(.other("this result has neither a time series nor a spectrum to export"), at: span)
        case .object(let s as SpectrumObject):
            return DataTable.spectrum(s.spectrum)
        case .object(let t as TraceObject):
            var columns = [DataColumn(name: "time", unitLabel: "s", numbers: t.trace.time),
                           DataColumn(name: "voltage", unitLabel: "V", numbers: t.trace.voltage)]
            if let i = t.trace.current { columns.append(DataColumn(name: "current", unitLabel: "A", numbers: i)) }
            return DataTable(columns: columns)
        case .object(let f as FitObject):
            return DataTable(columns: [
                DataColumn(name: "parameter", text: f.result.names),
                DataColumn(name: "value", numbers: f.result.parameters),
                // An infinite standard error means the data do not determine the parameter.
                DataColumn(name: "stderr", text: f.result.standardErrors.map { $0.isFinite ? (NumberText.shortest($0) ?? "") : "undetermined" }),
                DataColumn(name: "unit", text: f.result.units),
            ])
        case .table(let t):
            return try dataTable(columns: t.columns, rows: t.rows, span: span)
        case .record(let r):
            return try dataTable(columns: r.names, rows: [r.fields.map(\.value)], span: span)
        case .list(let items):
            return try dataTable(columns: ["value"], rows: items.map { [$0] }, span: span)
        default:
            throw RuntimeError(.typeMismatch(expected: "a result, spectrum, table, record or list", found: describeType(v),
                                             context: "`export`"), at: span)
        }
    }

    /// One column per field: quantities in one display unit per column (header `name_unit`),
    /// strings and bools as text.
    func dataTable(columns: [String], rows: [[Value]], span: Span) throws -> DataTable {
        var result: [DataColumn] = []
        for (j, name) in columns.enumerated() {
            let cells = rows.map { j < $0.count ? $0[j] : .none }
            let quantities = cells.compactMap(\.quantity)
            if quantities.count == cells.count, let first = quantities.first {
                guard quantities.allSatisfy({ $0.dimension == first.dimension }) else {
                    throw RuntimeError(.other("column `\(name)` mixes dimensions; it cannot be exported as one column"), at: span)
                }
                let magnitude = quantities.map { abs($0.value) }.max() ?? 0
                let unit = Quantity.displayUnit(for: first.dimension, magnitude: magnitude, basis: first.basis,
                                                isAbsoluteTemperature: first.isAbsoluteTemperature)
                let numbers = quantities.map { (try? $0.value(in: unit)) ?? .nan }
                let label = unit.symbol.isEmpty ? nil : DataColumn.unitLabel(forSymbol: unit.symbol)
                result.append(DataColumn(name: name, unitLabel: label, numbers: numbers))
            } else {
                result.append(DataColumn(name: name, text: cells.map { Self.describe($0, nested: false) }))
            }
        }
        return DataTable(columns: result)
    }

    // MARK: figures

    func plotSVG(_ y: Value, versus x: Value?, ySpan: Span, xSpan: Span?) throws -> (caption: String, markup: String) {
        if x == nil {
            switch y {
            case .object(let p as PlotObject): return (p.caption, p.svg)
            case .object(let s as SpectrumObject):
                return ("Nyquist plot of \(s.label)", NyquistPlot(title: s.label, spectra: [LabeledSpectrum(s.label, s.spectrum)]).svg())
            case .object(let f as FitObject):
                let fits = f.fittedSpectrum.map { [LabeledSpectrum("fit", $0)] } ?? []
                return ("fit of \(f.result.circuit.description) to \(f.label)",
                        NyquistPlot(title: f.label, spectra: [LabeledSpectrum(f.label, f.data)], fits: fits).svg())
            case .object(let r as ResultObject):
                if r.result.series.count > 1 {
                    let s = r.result.series
                    // Time in hours when the run is long; the short circuit (CCD) is marked.
                    let hours = (s.time.last ?? 0) >= 7200
                    let scale = hours ? 3600.0 : 1.0
                    var markers: [VerticalMarker] = []
                    if let short = r.result.scalar("short_at") {
                        let at = r.result.scalar("ccd_fail").map { " at " + Interpreter.describe(Values.quantity($0.value, unit: $0.unit)) } ?? ""
                        markers.append(VerticalMarker(x: short.value / scale, label: "short" + at))
                    }
                    let series = Self.segments(x: s.time, y: s.voltage).enumerated().map { k, range in
                        PlotSeries(k == 0 ? "voltage" : "", x: s.time[range].map { $0 / scale }, y: Array(s.voltage[range]), colourIndex: 0)
                    }
                    let plot = LinePlot(title: "\(r.protocolName) on \(r.cellName)", x: Axis(hours ? "time / h" : "time / s"),
                                        y: Axis("voltage / V"), series: series, verticalMarkers: markers)
                    return ("voltage vs time, \(r.protocolName) on \(r.cellName)", plot.svg())
                }
                if let spectrum = r.lastSpectrum {
                    return try plotSVG(.object(spectrum), versus: nil, ySpan: ySpan, xSpan: nil)
                }
            default: break
            }
            throw RuntimeError(.other("`plot` needs `Y vs X`, or a spectrum, fit, result or figure (`nyquist(...)`, `bode(...)`, `arrhenius(...)`)"),
                               at: ySpan)
        }
        guard let x, let xSpan else { throw RuntimeError(.other("nothing to plot"), at: ySpan) }
        return ("\(ySpan.text) vs \(xSpan.text)", try linePlot(y: y, x: x, title: "\(ySpan.text) vs \(xSpan.text)", ySpan: ySpan, xSpan: xSpan))
    }

    /// A line plot of two equally long lists of quantities; axes labelled `name / unit`.
    func linePlot(y: Value, x: Value, title: String, ySpan: Span, xSpan: Span, markers: [VerticalMarker] = []) throws -> String {
        let (ys, yUnit, yName) = try column(y, span: ySpan)
        let (xs, xUnit, xName) = try column(x, span: xSpan)
        guard xs.count == ys.count else {
            throw RuntimeError(.other("cannot plot \(ys.count) values against \(xs.count)"), at: ySpan)
        }
        let series = Self.segments(x: xs, y: ys).enumerated().map { k, range in
            PlotSeries(k == 0 ? yName : "", x: Array(xs[range]), y: Array(ys[range]), colourIndex: 0)
        }
        return LinePlot(title: title, x: Axis(xUnit.isEmpty ? xName : "\(xName) / \(xUnit)"),
                        y: Axis(yUnit.isEmpty ? yName : "\(yName) / \(yUnit)"), series: series,
                        verticalMarkers: markers).svg()
    }

    /// Splits a series where x falls back (a step's capacity restarting at zero), so that a
    /// voltage–capacity plot draws one curve per step instead of joining them.
    static func segments(x: [Double], y: [Double]) -> [Range<Int>] {
        guard x.count > 1 else { return [0..<x.count] }
        let span = (x.max() ?? 0) - (x.min() ?? 0)
        var ranges: [Range<Int>] = [], start = 0
        for i in 1..<x.count where x[i] < x[i - 1] - 1e-9 * max(span, 1e-300) {
            ranges.append(start..<i)
            start = i
        }
        ranges.append(start..<x.count)
        return ranges
    }

    func column(_ v: Value, span: Span) throws -> (values: [Double], unit: String, name: String) {
        guard case .list(let items) = v else {
            throw RuntimeError(.typeMismatch(expected: "a list of numbers or quantities", found: describeType(v), context: "`plot`"), at: span)
        }
        let qs = try items.map { try quantityOperand($0, span: span, context: "`plot`") }
        guard let first = qs.first else { return ([], "", span.text) }
        let unit = Quantity.displayUnit(for: first.dimension, magnitude: qs.map { abs($0.value) }.max() ?? 0,
                                        basis: first.basis, isAbsoluteTemperature: first.isAbsoluteTemperature)
        let values = qs.map { (try? $0.value(in: unit)) ?? .nan }
        let name = first.dimension.name ?? span.text
        return (values, unit.symbol, name)
    }
}
