import CellNumerics
import ComplexModule
import Foundation

/// Impedance spectra from BioLogic EC-Lab binary files (.mpr).
///
/// Uses columns `freq/Hz` (ID 32), `Re(Z)/Ohm` (37) and `-Im(Z)/Ohm` (38, flipped to Z''); when
/// Re/Im are absent, `|Z|/Ohm` (36) with `Phase(Z)/deg` (35). See `MPRFile` for the layout.
enum BioLogicMPR {
    static let name = "BioLogic .mpr"

    static func hasMagic(_ bytes: [UInt8]) -> Bool { MPRFile.hasSignaturePrefix(bytes) }

    static func readSpectrum(_ bytes: [UInt8]) throws -> EISData {
        let file = try MPRFile(bytes: bytes)
        guard file.pointCount > 0 else { throw DataError.noDataPoints(format: name) }
        guard let frequencies = file.values[MPRColumns.frequency] else {
            throw DataError.missingColumn(name: "freq/Hz", line: nil)
        }
        var impedance: [Complex<Double>] = []
        impedance.reserveCapacity(file.pointCount)
        if let real = file.values[MPRColumns.realZ], let negatedImaginary = file.values[MPRColumns.negatedImaginaryZ] {
            for index in 0..<file.pointCount {
                impedance.append(Complex(real[index], -negatedImaginary[index]))
            }
        } else if let modulus = file.values[MPRColumns.modulusZ], let phase = file.values[MPRColumns.phaseZ] {
            for index in 0..<file.pointCount {
                let angle = phase[index] * Double.pi / 180
                impedance.append(Complex(modulus[index] * cos(angle), modulus[index] * sin(angle)))
            }
        } else {
            throw DataError.missingColumn(name: file.values[MPRColumns.realZ] == nil ? "Re(Z)/Ohm" : "-Im(Z)/Ohm",
                                          line: nil)
        }
        for index in 0..<file.pointCount {
            let offset = file.recordsStart + index * file.recordSize
            let frequency = frequencies[index]
            guard frequency.isFinite, impedance[index].real.isFinite, impedance[index].imaginary.isFinite else {
                throw DataError.corrupt(reason: "record \(index + 1): non-finite value", offset: offset)
            }
            guard frequency > 0 else {
                throw DataError.corrupt(reason: "record \(index + 1): frequency must be positive, found \(frequency) Hz",
                                        offset: offset)
            }
        }
        return EISData(spectrum: ImpedanceSpectrum(frequencies: frequencies, impedance: impedance),
                       format: name, warnings: file.warnings)
    }
}
