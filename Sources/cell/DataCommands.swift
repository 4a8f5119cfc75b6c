import ArgumentParser
import CellData
import CellNumerics
import CellUnits
import Foundation

/// Parses `10MHz`, `10 mHz` or a plain number of Hz.
func frequency(_ text: String, option: String) throws -> Double {
    let q: Quantity
    do { q = try Quantity.parse(text) } catch {
        throw ValidationError("\(option): cannot read `\(text)` as a frequency (\(error.text))")
    }
    if q.isPlainNumber { return q.value }
    guard q.dimension == .frequency else {
        throw ValidationError("\(option): `\(text)` is a \(q.dimension.displayName), not a frequency")
    }
    return q.value
}

/// `10,100,1e-6` → numbers; a usage error names the option and the bad part.
func numbers(_ text: String, option: String) throws -> [Double] {
    try text.split(separator: ",").map { part -> Double in
        guard let v = Double(part.trimmingCharacters(in: .whitespaces)), v.isFinite else {
            throw ValidationError("\(option): `\(part)` is not a number")
        }
        return v
    }
}

/// Exit with status 1 after printing `error: message` (recipe-level failures, not usage errors).
func fail(_ message: String) -> ExitCode {
    Terminal.error("error: \(message)\n")
    return ExitCode(1)
}

func readSpectrum(_ path: String) throws -> EISData {
    do {
        let data = try EISFileReader.read(path: path)
        for w in data.warnings { Terminal.error("\(path): warning: \(w)\n") }
        return data
    } catch let e as DataError {
        Terminal.error(e.line.map { "\(path):\($0): error: \(e.text)\n" } ?? "\(path): error: \(e.text)\n")
        throw ExitCode(1)
    }
}

struct EISCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eis",
        abstract: "Evaluate an equivalent circuit over frequency; prints CSV frequency_Hz,Zre_ohm,Zim_ohm.",
        discussion: """
            Frequencies run from --from to --to with exactly N points per decade, both ends included.
            Example: cell eis --circuit "R0-p(R1,CPE1)" --params 10,100,1e-6,0.9 --from 1MHz --to 10mHz
            """)

    @Option(help: "Circuit in impedance.py notation, e.g. \"R0-p(R1,CPE1)\".") var circuit: String
    @Option(help: "Parameter values in circuit order, comma-separated (SI: ohm, F, s ...).") var params: String
    @Option(help: "First frequency: Hz, or a quantity such as 7MHz.") var from: String = "1MHz"
    @Option(help: "Last frequency: Hz, or a quantity such as 10mHz.") var to: String = "0.1Hz"
    @Option(name: .customLong("per-decade"), help: "Points per decade.") var perDecade: Int = 10

    func run() throws {
        let values = try numbers(params, option: "--params")
        let f1 = try frequency(from, option: "--from"), f2 = try frequency(to, option: "--to")
        do {
            let fs = try EISTable.frequencies(from: f1, to: f2, perDecade: perDecade)
            print(try EISTable.csv(circuit: circuit, parameters: values, frequencies: fs), terminator: "")
        } catch let e as CircuitSyntaxError {
            Terminal.error("error: \(e.message)\n  \(circuit)\n  \(String(repeating: " ", count: e.range.lowerBound))^\n")
            throw ExitCode(1)
        } catch {
            throw fail("\(error)")
        }
    }
}

struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit an equivalent circuit to a measured spectrum (multi-start Levenberg–Marquardt).",
        discussion: "Example: cell fit data/ce.csv --circuit \"R0-p(R1,CPE1)-p(R2,CPE2)-CPE3\" --json")

    @Argument(help: "Spectrum file: CSV or an instrument file (BioLogic, Gamry, Autolab, ZPlot, ...).") var data: String
    @Option(help: "Circuit in impedance.py notation.") var circuit: String
    @Option(help: "Initial guess in circuit order, comma-separated (optional; automatic guesses are always tried).") var guess: String?
    @Option(help: "Weighting: modulus (default), unit or proportional.") var weighting: String = "modulus"
    @Flag(help: "Print JSON: circuit, names, parameters, stderr, chi2.") var json = false

    func run() throws {
        let spectrum = try readSpectrum(data).spectrum
        guard let w = FitWeighting(rawValue: weighting) else {
            throw ValidationError("--weighting must be one of \(FitWeighting.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let initial = try guess.map { try numbers($0, option: "--guess") }
        do {
            let result = try CircuitFitter.fit(circuit: circuit, data: spectrum, initialGuess: initial, weighting: w)
            print(json ? result.json() : result.table())
            if !result.converged { Terminal.error("warning: the fit did not converge; best chi2 \(result.chi2)\n") }
        } catch {
            throw fail("cannot fit: \(error)")
        }
    }
}

struct KKCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kk",
        abstract: "Kramers–Kronig check of a spectrum (lin-KK, Schönleber et al. 2014).",
        discussion: "Prints the verdict, then CSV frequency_Hz,residual_re,residual_im (fractions of |Z|).\nExample: cell kk data/ce.csv")

    @Argument(help: "Spectrum file.") var data: String
    @Flag(help: "Force a series inductance (default: automatic, when the data are inductive at the top).") var inductance = false
    @Flag(help: "Force a series capacitance (default: automatic, when the data end in a capacitive spike).") var capacitance = false

    func run() throws {
        let spectrum = try readSpectrum(data).spectrum
        let result = inductance || capacitance
            ? LinKK.test(spectrum, includeInductance: inductance, includeCapacitance: capacitance)
            : LinKK.automatic(spectrum)
        print("# \(result.verdict) (M = \(result.m), mu = \(result.mu))")
        print("frequency_Hz,residual_re,residual_im")
        for i in 0..<result.frequencies.count {
            print("\(result.frequencies[i]),\(result.residualsReal[i]),\(result.residualsImaginary[i])")
        }
        if !result.isValid { throw ExitCode(1) }
    }
}

struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Read an instrument file and print it as CSV frequency_Hz,Zre_ohm,Zim_ohm.",
        discussion: "The format is detected from the content. Example: cell data run1.mpr")

    @Argument(help: "Spectrum file.") var file: String

    func run() throws {
        let data = try readSpectrum(file)
        Terminal.error("\(file): \(data.format)\(data.instrument.map { ", \($0)" } ?? ""), \(data.spectrum.count) points\n")
        print(csvText(data.spectrum), terminator: "")
    }
}
