// Extra traces of the transport model, kept by the model and merged into the result at the end
// (``TransportModel/appendResults(to:)``): `Recorder.sampleExtra` copies the whole trace on every
// call, which makes long runs quadratic.

/// Per-sample model traces aligned with the recorder's series by sample index.
struct TransportTraces: Sendable {
    var indices: [Int] = []
    var surfacePositive: [Double] = []
    var surfaceNegative: [Double] = []
    var asr: [Double] = []

    mutating func append(index: Int, surface: [Double], asr value: Double) {
        indices.append(index)
        surfaceNegative.append(surface[0])
        surfacePositive.append(surface[1])
        asr.append(value)
    }

    /// Writes `x_surface_positive`, `x_surface_negative` (intercalation electrodes only) and `asr`
    /// into `series`; samples the model did not record get NaN.
    func merge(into series: inout TimeSeries, positive: Bool, negative: Bool) {
        var columns: [(String, String, [Double])] = [("asr", "ohm*m^2", asr)]
        if positive { columns.append(("x_surface_positive", "", surfacePositive)) }
        if negative { columns.append(("x_surface_negative", "", surfaceNegative)) }
        for (name, unit, values) in columns {
            var column = [Double](repeating: .nan, count: series.count)
            for (k, index) in indices.enumerated() where index >= 0 && index < column.count { column[index] = values[k] }
            series.extra[name] = (unit: unit, values: column)
        }
    }
}
