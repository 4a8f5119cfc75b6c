import ComplexModule
import Foundation

/// What an EIS column holds, recognised from its header (see docs/data-formats.md).
enum EISColumnRole: Sendable, Equatable {
    case frequency
    case real
    /// Z'' with its sign as written (negative for capacitive).
    case imaginary
    /// −Z'' (`-Im(Z)`, `-Z''`): flipped on reading.
    case negatedImaginary
    case modulus
    case phase
    /// −phase (`-Phase`): flipped on reading.
    case negatedPhase

    /// Known base names per role, after `ColumnName` normalisation.
    private static let names: [(EISColumnRole, Set<String>)] = [
        (.frequency, ["f", "freq", "freq.", "frequency", "frequenz", "fr", "hz"]),
        (.real, ["z'", "zre", "zreal", "re(z)", "z_re", "z_real", "real(z)", "rez", "zr", "realz",
                 "real", "re", "z'real", "zreal'"]),
        (.imaginary, ["z''", "zim", "zimag", "zimg", "im(z)", "z_im", "z_imag", "imag(z)", "imz",
                      "zi", "imagz", "imag", "im", "zimaginary", "z''imag"]),
        (.modulus, ["|z|", "z", "zmod", "mod(z)", "abs(z)", "zabs", "|z|mod", "modz"]),
        (.phase, ["phase", "phase(z)", "zphz", "zphase", "phi", "φ", "θ", "theta", "arg(z)",
                  "phaseangle"]),
    ]

    /// The role and unit of a header, or nil when it is not an EIS column.
    static func classify(_ header: String) -> (role: EISColumnRole, unit: String?)? {
        for reading in ColumnName.readings(of: header) {
            var base = reading.base
            var negated = false
            if base.hasPrefix("-"), base.count > 1 { negated = true; base.removeFirst() }
            for (role, names) in names where names.contains(base) {
                switch (role, negated) {
                case (.imaginary, true): return (.negatedImaginary, reading.unit)
                case (.phase, true): return (.negatedPhase, reading.unit)
                case (_, true): return nil
                default:
                    if role == .frequency, base == "hz", reading.unit == nil { return (.frequency, "Hz") }
                    return (role, reading.unit)
                }
            }
        }
        return nil
    }
}

/// Where frequency and impedance sit in a table, with their unit factors.
struct EISColumnMap: Sendable {
    struct Column: Sendable {
        let index: Int
        let header: String
        /// Multiplies the value read to give SI (Hz, ohm, rad); negative for flipped columns.
        let factor: Double
    }
    let frequency: Column
    let real: Column?
    let imaginary: Column?
    let modulus: Column?
    let phase: Column?

    /// Largest column index used, plus one: the fewest fields a row may have.
    let requiredFields: Int

    init(frequency: Column, real: Column?, imaginary: Column?, modulus: Column?, phase: Column?) {
        self.frequency = frequency
        self.real = real
        self.imaginary = imaginary
        self.modulus = modulus
        self.phase = phase
        requiredFields = [frequency, real, imaginary, modulus, phase].compactMap { $0?.index }.max().map { $0 + 1 } ?? 1
    }

    /// True when at least one header was recognised as an EIS column.
    static func recognisesAny(_ headers: [String]) -> Bool {
        headers.contains { EISColumnRole.classify($0) != nil }
    }

    /// Locates the columns in `headers` (the first match of each role wins). Impedance comes
    /// from Z' and Z'' when both exist, else from |Z| and phase.
    ///
    /// - Parameters:
    ///   - names: the names to put in a missing-column error, in the format's own spelling.
    /// - Throws: `missingColumn` (naming the format's header) or `unsupportedUnit`.
    static func locate(headers: [String], headerLine: Int, names: ExpectedNames = .generic) throws -> EISColumnMap {
        // Per role (negated roles folded in): column index, unit, and whether it is negated.
        var found: [EISColumnRole: (index: Int, unit: String?, negated: Bool)] = [:]
        for (index, header) in headers.enumerated() {
            guard let (role, unit) = EISColumnRole.classify(header) else { continue }
            let key: EISColumnRole
            switch role {
            case .negatedImaginary: key = .imaginary
            case .negatedPhase: key = .phase
            default: key = role
            }
            let negated = role == .negatedImaginary || role == .negatedPhase
            if found[key] == nil { found[key] = (index, unit, negated) }
        }
        func column(_ role: EISColumnRole, scale: (String?) -> Double?) throws -> Column? {
            guard let entry = found[role] else { return nil }
            let header = headers[entry.index]
            guard let factor = scale(entry.unit) else {
                throw DataError.unsupportedUnit(unit: entry.unit ?? "", column: header, line: headerLine)
            }
            return Column(index: entry.index, header: header, factor: entry.negated ? -factor : factor)
        }
        guard let frequency = try column(.frequency, scale: UnitScale.frequency) else {
            throw DataError.missingColumn(name: names.frequency, line: headerLine)
        }
        let real = try column(.real, scale: UnitScale.impedance)
        let imaginary = try column(.imaginary, scale: UnitScale.impedance)
        if real != nil, imaginary != nil {
            return EISColumnMap(frequency: frequency, real: real, imaginary: imaginary, modulus: nil, phase: nil)
        }
        let modulus = try column(.modulus, scale: UnitScale.impedance)
        let phase = try column(.phase, scale: UnitScale.phase)
        if modulus != nil, phase != nil {
            return EISColumnMap(frequency: frequency, real: nil, imaginary: nil, modulus: modulus, phase: phase)
        }
        throw DataError.missingColumn(name: real == nil ? names.real : names.imaginary, line: headerLine)
    }

    /// The header spellings a format uses, for missing-column messages.
    struct ExpectedNames: Sendable {
        let frequency: String
        let real: String
        let imaginary: String
        static let generic = ExpectedNames(frequency: "frequency", real: "Z'", imaginary: "Z''")
    }

    /// One spectrum point from a row: frequency in Hz and Z in ohm.
    ///
    /// - Parameter fieldCount: the number of fields every row must have (the header's), or
    ///   nil to require only the columns used. A row of another length would shift columns,
    ///   so it is an error rather than read.
    /// - Throws: positioned `nonNumeric`, `nonFinite`, `inconsistentRowLength`, and
    ///   `nonPositiveFrequency`.
    func point(_ row: DataRow, decimalComma: Bool, fieldCount: Int? = nil) throws -> (Double, Complex<Double>) {
        if let fieldCount, row.fields.count != fieldCount {
            throw DataError.inconsistentRowLength(expected: fieldCount, found: row.fields.count, line: row.line)
        }
        let required = requiredFields
        let frequencyValue = try scaled(frequency, row, decimalComma, required)
        guard frequencyValue > 0 else {
            throw DataError.nonPositiveFrequency(value: frequencyValue, line: row.line)
        }
        let impedance: Complex<Double>
        if let real, let imaginary {
            impedance = Complex(try scaled(real, row, decimalComma, required),
                                try scaled(imaginary, row, decimalComma, required))
        } else if let modulus, let phase {
            let magnitude = try scaled(modulus, row, decimalComma, required)
            let angle = try scaled(phase, row, decimalComma, required)
            impedance = Complex(magnitude * cos(angle), magnitude * sin(angle))
            guard impedance.real.isFinite, impedance.imaginary.isFinite else {
                throw DataError.nonFinite(text: String(row.fields[modulus.index]), line: row.line,
                                          column: modulus.index + 1)
            }
        } else {
            throw DataError.missingColumn(name: "Z'", line: nil)
        }
        return (frequencyValue, impedance)
    }

    private func scaled(_ column: Column, _ row: DataRow, _ decimalComma: Bool, _ required: Int) throws -> Double {
        let raw = try row.number(column.index, decimalComma: decimalComma, expectedFields: required)
        let value = raw * column.factor
        guard value.isFinite else {
            throw DataError.nonFinite(text: String(row.fields[column.index]), line: row.line,
                                      column: column.index + 1)
        }
        return value
    }
}
