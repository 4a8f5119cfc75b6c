import CellData
import CellNumerics
import CellUnits

/// An impedance spectrum: loaded from an instrument file or produced by an `eis` step.
public final class SpectrumObject: RuntimeObject {
    public let label: String
    public let spectrum: ImpedanceSpectrum
    /// Detected file format, or nil for simulated spectra.
    public let format: String?
    public let warnings: [String]

    public init(label: String, spectrum: ImpedanceSpectrum, format: String? = nil, warnings: [String] = []) {
        self.label = label
        self.spectrum = spectrum
        self.format = format
        self.warnings = warnings
    }

    public var typeName: String { "spectrum" }
    public var memberNames: [String] { ["frequency", "zre", "zim", "count", "format", "table"] }

    public func member(_ name: String) -> Value? {
        switch name {
        case "frequency": return Values.list(spectrum.frequencies, .frequency)
        case "zre": return Values.list(spectrum.real, .resistance)
        case "zim": return Values.list(spectrum.imaginary, .resistance)
        case "count": return .number(Double(spectrum.count))
        case "format": return format.map { .string($0) } ?? .none
        case "table": return .table(table)
        default: return nil
        }
    }

    var table: Table {
        Table(columns: ["frequency", "zre", "zim"], rows: (0..<spectrum.count).map { i in
            [Values.quantity(spectrum.frequencies[i], .frequency), Values.quantity(spectrum.real[i], .resistance),
             Values.quantity(spectrum.imaginary[i], .resistance)]
        })
    }

    public var summary: String {
        guard let fmin = spectrum.frequencies.min(), let fmax = spectrum.frequencies.max() else {
            return "spectrum \(label) (empty)"
        }
        let f = { (x: Double) in Quantity(si: x, dimension: .frequency).formatted() }
        return "spectrum \(label): \(spectrum.count) points, \(f(fmax)) to \(f(fmin))" + (format.map { " (\($0))" } ?? "")
    }
}

/// A measured voltage–time trace (`load trace "file.csv"`).
public final class TraceObject: RuntimeObject {
    public let label: String
    public let trace: Trace

    public init(label: String, trace: Trace) {
        self.label = label
        self.trace = trace
    }

    public var typeName: String { "trace" }
    public var memberNames: [String] { ["time", "voltage", "current", "count"] }

    public func member(_ name: String) -> Value? {
        switch name {
        case "time": return Values.list(trace.time, .time)
        case "voltage": return Values.list(trace.voltage, .voltage)
        case "current": return trace.current.map { Values.list($0, .current) } ?? .none
        case "count": return .number(Double(trace.count))
        default: return nil
        }
    }

    public var summary: String { "trace \(label): \(trace.count) points (\(trace.format))" }
}
