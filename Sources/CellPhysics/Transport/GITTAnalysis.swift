import RealModule

/// Galvanostatic intermittent titration analysis of any time series (PHYSICS.md §7,
/// Weppner–Huggins): for each current pulse followed by a rest,
/// D = (4/πτ)·(R_p/3)²·(ΔE_s/ΔE_t)² and the polarization V_pulse-end − V_relaxed.
public enum GITTAnalysis {
    /// A pulse counts when the rest after it lasts at least this multiple of the pulse (GITT rests
    /// are long; a cycling protocol's short rests after hour-long steps are not titration).
    public static let minimumRestToPulse = 1.0
    /// Fewer pulse–rest pairs than this is not a titration.
    public static let minimumPulses = 2
    /// The first fraction of each pulse is left out of the √t fit: it holds the ohmic jump and
    /// the double-layer charging, which ΔE_t must exclude.
    public static let transientFraction = 0.02

    public struct Pulse: Sendable {
        public var startTime: Double      // s
        public var duration: Double       // s, τ
        public var current: Double        // A, signed
        public var relaxedBefore: Double  // V
        public var relaxedAfter: Double   // V
        public var pulseEnd: Double       // V
        /// Slope of V against √t during the pulse times √τ (V): ΔE_t without the IR step.
        public var transientChange: Double
        /// R² of the V–√t fit (1 = ideal Weppner–Huggins behaviour).
        public var sqrtLinearity: Double
        /// m²/s; NaN without a particle radius or with ΔE_t = 0.
        public var diffusivity: Double
        /// V_pulse-end − V_relaxed-after (V).
        public var polarization: Double
        public var steadyStateChange: Double { relaxedAfter - relaxedBefore }
    }

    public struct Analysis: Sendable {
        public var pulses: [Pulse]
        /// The `gitt` table, one row per pulse, SI units.
        public var table: ResultTable
        /// `gitt_polarization` (mean, V) and `gitt_diffusivity` (median, m²/s).
        public var scalars: [Scalar]
    }

    /// Finds current pulses followed by rests in `series` and analyses them; nil when there are
    /// fewer than ``minimumPulses`` (not a titration). `particleRadius` (m) is needed for D.
    public static func analyse(series: TimeSeries, particleRadius: Double?) -> Analysis? {
        let segments = segmentsOf(series)
        var pulses: [Pulse] = []
        for s in segments.indices where segments[s].active {
            guard s + 1 < segments.count, !segments[s + 1].active else { continue }
            let pulse = segments[s], rest = segments[s + 1]
            let tau = series.time[pulse.last] - series.time[pulse.first]
            let restLength = series.time[rest.last] - series.time[rest.first]
            guard tau > 0, restLength >= minimumRestToPulse * tau else { continue }
            let before = s > 0 ? series.voltage[segments[s - 1].last] : series.voltage[pulse.first]
            let after = series.voltage[rest.last]
            let end = series.voltage[pulse.last]
            let t0 = series.time[pulse.first]
            var xs: [Double] = [], ys: [Double] = []
            for i in pulse.first...pulse.last where series.time[i] - t0 >= transientFraction * tau {
                xs.append((series.time[i] - t0).squareRoot())
                ys.append(series.voltage[i])
            }
            let (slope, r2) = linearFit(xs, ys)
            let change = slope * tau.squareRoot()
            var d = Double.nan
            if let r = particleRadius, change != 0 {
                let ratio = (after - before) / change
                d = 4 / (Double.pi * tau) * (r / 3) * (r / 3) * ratio * ratio
            }
            pulses.append(Pulse(startTime: t0, duration: tau, current: series.current[pulse.last], relaxedBefore: before,
                                relaxedAfter: after, pulseEnd: end, transientChange: change, sqrtLinearity: r2,
                                diffusivity: d, polarization: end - after))
        }
        guard pulses.count >= minimumPulses else { return nil }
        let table = ResultTable(name: "gitt", columns: [
            ("pulse", "", pulses.indices.map(Double.init)),
            ("start_time", "s", pulses.map(\.startTime)),
            ("duration", "s", pulses.map(\.duration)),
            ("current", "A", pulses.map(\.current)),
            ("relaxed_voltage", "V", pulses.map(\.relaxedAfter)),
            ("delta_E_s", "V", pulses.map(\.steadyStateChange)),
            ("delta_E_t", "V", pulses.map(\.transientChange)),
            ("sqrt_t_r2", "", pulses.map(\.sqrtLinearity)),
            ("diffusivity", "m^2/s", pulses.map(\.diffusivity)),
            ("polarization", "V", pulses.map(\.polarization)),
        ])
        let polarization = pulses.map(\.polarization).reduce(0, +) / Double(pulses.count)
        var scalars = [Scalar("gitt_polarization", polarization, unit: "V",
                              summary: "mean GITT polarization V_pulse-end − V_relaxed over \(pulses.count) pulses")]
        let ds = pulses.map(\.diffusivity).filter { $0.isFinite && $0 > 0 }.sorted()
        if !ds.isEmpty {
            let median = ds.count % 2 == 1 ? ds[ds.count / 2] : (ds[ds.count / 2 - 1] * ds[ds.count / 2]).squareRoot()
            scalars.append(Scalar("gitt_diffusivity", median, unit: "m^2/s",
                                  summary: "median Weppner–Huggins diffusivity over \(ds.count) pulses (PHYSICS.md §7)"))
        }
        return Analysis(pulses: pulses, table: table, scalars: scalars)
    }

    /// Runs of samples with current (active) or without (rest); index ranges into the series.
    static func segmentsOf(_ series: TimeSeries) -> [(first: Int, last: Int, active: Bool)] {
        let peak = series.current.reduce(0) { max($0, abs($1)) }
        guard peak > 0 else { return [] }
        // Currents below this fraction of the largest count as rest (leakage, CV tails).
        let threshold = peak * 1e-9
        var segments: [(first: Int, last: Int, active: Bool)] = []
        for i in 0..<series.count {
            let active = abs(series.current[i]) > threshold
            if let last = segments.last, last.active == active {
                segments[segments.count - 1].last = i
            } else {
                segments.append((i, i, active))
            }
        }
        return segments
    }

    /// Least-squares slope and R² of y against x (slope 0, R² NaN with fewer than 2 points).
    static func linearFit(_ x: [Double], _ y: [Double]) -> (slope: Double, r2: Double) {
        let n = Double(x.count)
        guard x.count >= 2 else { return (0, .nan) }
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxx = 0.0, sxy = 0.0, syy = 0.0
        for i in x.indices {
            sxx += (x[i] - mx) * (x[i] - mx)
            sxy += (x[i] - mx) * (y[i] - my)
            syy += (y[i] - my) * (y[i] - my)
        }
        guard sxx > 0 else { return (0, .nan) }
        let slope = sxy / sxx
        return (slope, syy > 0 ? sxy * sxy / (sxx * syy) : 1)
    }
}
