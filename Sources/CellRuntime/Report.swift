import CellDiagnostics
import CellOutput
import Foundation

extension RecipeReport {
    /// The HTML page for a paper's supplementary material: the recipe, every printed result,
    /// every plot inline, the expects with pass/fail, the parameters used with their sources,
    /// the CellScript version and the recipe's SHA-256. Deterministic: no dates.
    public func htmlReport(version: String) -> Report? {
        guard let file else { return nil }
        let name = ((file.path as NSString).lastPathComponent as NSString).deletingPathExtension
        let renderer = DiagnosticRenderer(color: false)
        var printedResults = printed
        if !errors.isEmpty { printedResults.append(renderer.render(errors)) }
        return Report(
            title: "CellScript report: \(name)", recipeName: (file.path as NSString).lastPathComponent,
            recipeSource: file.text, cellScriptVersion: version, printedResults: printedResults,
            plots: plots.map { ReportPlot(caption: $0.caption, svg: $0.svg) },
            expectations: expects.map { e in
                let (line, col) = e.span.file.location(of: e.span.start)
                return ReportExpectation(position: "\(line):\(col)", expression: e.source, expected: e.expected,
                                         observed: e.observed, tolerance: e.tolerance, passed: e.passed)
            },
            parameters: usedParameters.map { ReportParameter(name: "\($0.material).\($0.field)", value: $0.value, source: $0.source) })
    }
}
