import CellDiagnostics
import CellNumerics
import CellOutput
import CellPhysics
import CellSyntax
import CellUnits
import Foundation

/// Built-ins that reach the models: Kramers–Kronig checks and figures.
extension Builtins {
    static func installModelBuiltins(into env: Environment) {
        func fn(_ name: String, _ params: [String], _ body: @escaping ([Value], [(label: String, value: Value)], CallSite) throws -> Value) {
            env.define(name, .function(Function(name: name, parameterNames: params, body: .builtin(body))))
        }
        // `kk(data)`, `kk(data, inductance: true, capacitance: true)`. By default a series
        // inductance is included when the data turn inductive (Z'' > 0) at their highest frequency.
        fn("kk", ["data", "inductance", "capacitance"]) { args, labels, site in
            guard args.count == 1 else {
                throw RuntimeError(.wrongArgumentCount(function: "kk", expected: 1, given: args.count), at: site.span)
            }
            if args[0].isUnknown { return args[0] }
            let s = try site.interpreter.spectrumOperand(args[0], span: site.span(ofArgument: 0))
            // Defaults as `LinKK.automatic`: inductance if inductive at the top, capacitance if the
            // data end in a capacitive spike; labels override.
            var (inductance, capacitance) = LinKK.automaticOptions(s.spectrum)
            for (label, value) in labels {
                guard case .bool(let b) = value else {
                    throw RuntimeError(.typeMismatch(expected: "true or false", found: site.interpreter.describeType(value), context: "`kk`"),
                                       at: site.labelSpans[label] ?? site.span)
                }
                switch label {
                case "inductance": inductance = b
                case "capacitance": capacitance = b
                default:
                    throw RuntimeError(.unknownArgument(function: "kk", label: label, suggestion: Suggestions.closest(to: label, in: ["inductance", "capacitance"])),
                                       at: site.labelSpans[label] ?? site.span)
                }
            }
            return .object(KKObject(result: LinKK.test(s.spectrum, includeInductance: inductance, includeCapacitance: capacitance),
                                    label: s.label))
        }
        fn("nyquist", ["spectra"]) { args, labels, site in
            if args.contains(where: \.isUnknown) { return .unknown("nyquist plot") }
            let (spectra, fits) = try spectraArguments(args, labels, site, function: "nyquist")
            let plot = NyquistPlot(title: title(labels, default: "Nyquist plot"), spectra: spectra, fits: fits)
            return .object(PlotObject(kind: "nyquist", caption: "Nyquist plot of " + spectra.map(\.label).joined(separator: ", "), svg: plot.svg()))
        }
        fn("bode", ["spectra"]) { args, labels, site in
            if args.contains(where: \.isUnknown) { return .unknown("Bode plot") }
            let (spectra, fits) = try spectraArguments(args, labels, site, function: "bode")
            let plot = BodePlot(title: title(labels, default: "Bode plot"), spectra: spectra, fits: fits)
            return .object(PlotObject(kind: "bode", caption: "Bode plot of " + spectra.map(\.label).joined(separator: ", "), svg: plot.svg()))
        }
        fn("residuals", ["fit_or_kk"]) { args, labels, site in
            guard args.count == 1 else {
                throw RuntimeError(.wrongArgumentCount(function: "residuals", expected: 1, given: args.count), at: site.span)
            }
            switch args[0] {
            case .unknown: return args[0]
            case .object(let k as KKObject):
                let plot = ResidualPlot(title: "lin-KK residuals, \(k.label)", frequencies: k.result.frequencies,
                                        realResiduals: k.result.residualsReal.map { $0 * 100 },
                                        imaginaryResiduals: k.result.residualsImaginary.map { $0 * 100 })
                return .object(PlotObject(kind: "residuals", caption: "Kramers–Kronig residuals of \(k.label)", svg: plot.svg()))
            case .object(let f as FitObject):
                guard let model = f.fittedSpectrum else { throw RuntimeError(.other("the fitted circuit cannot be evaluated"), at: site.span) }
                let re = zip(f.data.impedance, model.impedance).map { ($0.real - $1.real) / $0.length * 100 }
                let im = zip(f.data.impedance, model.impedance).map { ($0.imaginary - $1.imaginary) / $0.length * 100 }
                let plot = ResidualPlot(title: "fit residuals, \(f.label)", frequencies: f.data.frequencies,
                                        realResiduals: re, imaginaryResiduals: im)
                return .object(PlotObject(kind: "residuals", caption: "residuals of the fit to \(f.label)", svg: plot.svg()))
            default:
                throw RuntimeError(.typeMismatch(expected: "a fit or a `kk(...)` result", found: site.interpreter.describeType(args[0]),
                                                 context: "`residuals`"), at: site.span(ofArgument: 0))
            }
        }
        fn("arrhenius", ["materials", "range"]) { args, labels, site in try arrheniusPlot(args, labels, site) }
        // `ocp = table "lco_ocp.csv"`: an OCP tabulated in a CSV file next to the recipe.
        fn("table", ["path"]) { args, labels, site in
            guard args.count == 1, labels.isEmpty, case .string(let path) = args[0] else {
                throw RuntimeError(.other("`table` takes one file name: `table \"ocp.csv\"` (columns x, U)"), at: site.span)
            }
            let interp = site.interpreter
            let full = interp.resolve(path)
            try interp.checkReadAllowed(full, written: path, span: site.span(ofArgument: 0))
            guard let data = FileManager.default.contents(atPath: full), data.count <= 16 << 20 else {
                throw RuntimeError(.fileNotFound(path), at: site.span(ofArgument: 0))
            }
            do {
                return .object(try PotentialTableObject.read(String(decoding: data, as: UTF8.self), path: path))
            } catch PotentialTableObject.TableError.invalid(let message) {
                throw RuntimeError(.other(message), at: site.span(ofArgument: 0))
            }
        }
    }

    static func title(_ labels: [(label: String, value: Value)], default d: String) -> String {
        if case .string(let s)? = labels.first(where: { $0.label == "title" })?.value { return s }
        return d
    }

    /// Spectra from positional arguments (spectra, results with an `eis` step, fits → data + fit line).
    static func spectraArguments(_ args: [Value], _ labels: [(label: String, value: Value)], _ site: CallSite,
                                 function: String) throws -> ([LabeledSpectrum], [LabeledSpectrum]) {
        var spectra: [LabeledSpectrum] = [], fits: [LabeledSpectrum] = []
        for (label, _) in labels where label != "title" {
            throw RuntimeError(.unknownArgument(function: function, label: label, suggestion: "title"), at: site.labelSpans[label] ?? site.span)
        }
        guard !args.isEmpty else { throw RuntimeError(.missingArgument(function: function, parameter: "spectra"), at: site.span) }
        for (i, a) in args.enumerated() {
            if case .object(let f as FitObject) = a {
                spectra.append(LabeledSpectrum(f.label, f.data))
                if let m = f.fittedSpectrum { fits.append(LabeledSpectrum("fit \(f.result.circuit.description)", m)) }
                continue
            }
            if case .list(let items) = a {
                let (s, f) = try spectraArguments(items, [], site, function: function)
                spectra += s
                fits += f
                continue
            }
            let s = try site.interpreter.spectrumOperand(a, span: site.span(ofArgument: i))
            spectra.append(LabeledSpectrum(s.label, s.spectrum))
        }
        return (spectra, fits)
    }

    /// `arrhenius(LBOCl, Li3OCl, from 25 degC to 120 degC)`: σ_ion(T) of each material (form (a),
    /// PHYSICS.md §1) as log10 σ vs 1000/T.
    static func arrheniusPlot(_ args: [Value], _ labels: [(label: String, value: Value)], _ site: CallSite) throws -> Value {
        let interp = site.interpreter
        var materials: [Material] = []
        var range: (Double, Double)?
        for (i, a) in args.enumerated() {
            switch a {
            case .material(let m): materials.append(m)
            case .layer(let l): materials.append(l.material)
            case .range(let lo, let hi, _) where lo.dimension == .temperature && hi.dimension == .temperature:
                range = (lo.value, hi.value)
            case .unknown: return a
            default:
                throw RuntimeError(.typeMismatch(expected: "materials and a temperature range (`from 25 degC to 120 degC`)",
                                                 found: interp.describeType(a), context: "`arrhenius`"), at: site.span(ofArgument: i))
            }
        }
        guard let (lo, hi) = range, lo > 0, hi > lo else {
            throw RuntimeError(.other("`arrhenius` needs a temperature range such as `from 25 degC to 120 degC`"), at: site.span)
        }
        guard !materials.isEmpty else { throw RuntimeError(.missingArgument(function: "arrhenius", parameter: "materials"), at: site.span) }
        var series: [ArrheniusSeries] = []
        let temperatures = (0...24).map { lo + (hi - lo) * Double($0) / 24 }
        for m in materials {
            let name = Name("sigma_ion", span: site.span)
            let field = try interp.materialField(m, name)
            guard case .temperatureDependent(let td) = field, let ea = td.activation else {
                throw RuntimeError(.noActivationEnergy(field: "sigma_ion", owner: m.identifier, activation: "Ea"), at: site.span)
            }
            let eV = ea.value / PhysicalConstantsSI.elementaryCharge
            let sigma = temperatures.map { td.law.scale(td.value.value, from: td.reference.value, to: $0, activationEV: eV) / 100 }
            series.append(ArrheniusSeries(m.identifier, temperatures: temperatures, conductivities: sigma, style: .line))
        }
        let plot = ArrheniusPlot(title: title(labels, default: "Arrhenius plot"), series: series)
        return .object(PlotObject(kind: "arrhenius", caption: "Arrhenius plot of " + materials.map(\.identifier).joined(separator: ", "),
                                  svg: plot.svg()))
    }
}
