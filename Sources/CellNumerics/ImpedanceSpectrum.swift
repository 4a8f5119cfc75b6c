import ComplexModule
import RealModule

/// A measured or simulated impedance spectrum: the data type every EIS reader, plot, fit and
/// Kramers–Kronig check shares.
///
/// Sign convention: `Z = Z' + j·Z''` with Z'' negative for capacitive behaviour (impedance.py's
/// convention); plots show −Z'' upward. Frequencies are in Hz and need not be sorted.
public struct ImpedanceSpectrum: Sendable, Equatable {
    /// Frequencies in Hz, all positive and finite.
    public var frequencies: [Double]
    /// Complex impedance in ohm, one per frequency.
    public var impedance: [Complex<Double>]

    public init(frequencies: [Double], impedance: [Complex<Double>]) {
        precondition(frequencies.count == impedance.count, "one impedance per frequency")
        self.frequencies = frequencies
        self.impedance = impedance
    }

    public var count: Int { frequencies.count }
    /// Real parts Z' (ohm).
    public var real: [Double] { impedance.map(\.real) }
    /// Imaginary parts Z'' (ohm), negative for capacitive behaviour.
    public var imaginary: [Double] { impedance.map(\.imaginary) }
}
