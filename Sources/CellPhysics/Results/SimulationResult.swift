import CellNumerics

/// What a protocol run produced, in SI. The runtime turns it into result members with units
/// (LANGUAGE.md §7: `time`, `voltage`, `capacity`, `discharge_capacity`, `arcs`, `ccd`, ...).
public struct SimulationResult: Sendable {
    /// Sampled time series of the whole run.
    public var series = TimeSeries()
    /// One record per completed cycle (a cycle = a charge followed by a discharge, or a
    /// plating/stripping pair in a symmetric cell).
    public var cycles: [CycleRecord] = []
    /// Impedance spectra in the order measured.
    public var spectra: [SpectrumRecord] = []
    /// Named scalars with their SI unit, e.g. ("ccd", 18, "A/m^2"), ("gitt_diffusivity", 1e-14, "m^2/s").
    public var scalars: [Scalar] = []
    /// Named tables of numbers (e.g. GITT pulses, CCD steps), each column with an SI unit.
    public var tables: [ResultTable] = []
    /// Model notes printed with the result: EMPIRICAL/RECONSTRUCTED models used, warnings.
    public var notes: [String] = []

    public init() {}

    public func scalar(_ name: String) -> Scalar? { scalars.first { $0.name == name } }
}

public struct Scalar: Sendable {
    public var name: String
    public var value: Double
    /// SI unit text readable by CellUnits (`A/m^2`, `ohm*m^2`, `s`, `` for dimensionless).
    public var unit: String
    public var summary: String
    public init(_ name: String, _ value: Double, unit: String, summary: String = "") {
        self.name = name
        self.value = value
        self.unit = unit
        self.summary = summary
    }
}

public struct ResultTable: Sendable {
    public var name: String
    public var columns: [(name: String, unit: String, values: [Double])]
    public init(name: String, columns: [(name: String, unit: String, values: [Double])]) {
        self.name = name
        self.columns = columns
    }
}

/// Time series sampled at accepted solver steps (and at every step boundary).
public struct TimeSeries: Sendable {
    public var time: [Double] = []         // s
    public var voltage: [Double] = []      // V
    public var current: [Double] = []      // A, positive on charge / plating
    public var capacity: [Double] = []     // Ah passed since the start of the current step
    public var temperature: [Double] = []  // K
    /// Extra model traces (`asr` Ω·m², `contact_fraction`, `x_surface` ...), each with its SI unit.
    public var extra: [String: (unit: String, values: [Double])] = [:]

    public init() {}
    public var count: Int { time.count }

    public mutating func append(time t: Double, voltage v: Double, current i: Double, capacity q: Double,
                                temperature k: Double) {
        time.append(t)
        voltage.append(v)
        current.append(i)
        capacity.append(q)
        temperature.append(k)
    }
}

public struct CycleRecord: Sendable {
    public var index: Int
    /// C/kg of active material (0 when the cell has none, e.g. symmetric Li cells).
    public var chargeCapacity: Double
    public var dischargeCapacity: Double
    /// discharge / charge (0...1); NaN when nothing was charged.
    public var coulombicEfficiency: Double
    public var meanChargeVoltage: Double
    public var meanDischargeVoltage: Double
    /// Total cell ASR at the end of the cycle, Ω·m² (NaN when not defined).
    public var endASR: Double
    public init(index: Int, chargeCapacity: Double, dischargeCapacity: Double, coulombicEfficiency: Double,
                meanChargeVoltage: Double, meanDischargeVoltage: Double, endASR: Double) {
        self.index = index
        self.chargeCapacity = chargeCapacity
        self.dischargeCapacity = dischargeCapacity
        self.coulombicEfficiency = coulombicEfficiency
        self.meanChargeVoltage = meanChargeVoltage
        self.meanDischargeVoltage = meanDischargeVoltage
        self.endASR = endASR
    }
}

/// One arc of a spectrum and what produced it (PHYSICS.md §2 "which arc is which").
public struct Arc: Sendable {
    /// Layer or interface path, e.g. `separator.bulk`, `separator.grain_boundary`, `anode|separator`.
    public var origin: String
    /// Ω
    public var resistance: Double
    /// Effective capacitance, F (C_eff = Q^{1/n} R^{(1−n)/n} for a CPE).
    public var capacitance: Double
    /// Apex frequency, Hz.
    public var peakFrequency: Double
    /// R·A, Ω·m²
    public var areaSpecificResistance: Double
    public init(origin: String, resistance: Double, capacitance: Double, peakFrequency: Double, areaSpecificResistance: Double) {
        self.origin = origin
        self.resistance = resistance
        self.capacitance = capacitance
        self.peakFrequency = peakFrequency
        self.areaSpecificResistance = areaSpecificResistance
    }
}

public struct SpectrumRecord: Sendable {
    public var label: String
    /// K
    public var temperature: Double
    /// Time in the run when measured (s).
    public var time: Double
    public var spectrum: ImpedanceSpectrum
    public var arcs: [Arc]
    /// The circuit the stack compiled to, with values and origins (impedance.py notation).
    public var circuit: Circuit?
    public var parameters: [Double]
    /// Apparent conductivity σ = L/(R·A) of each electrolyte layer, S/m.
    public var apparentConductivities: [(layer: String, value: Double)]
    public init(label: String, temperature: Double, time: Double, spectrum: ImpedanceSpectrum, arcs: [Arc],
                circuit: Circuit?, parameters: [Double], apparentConductivities: [(layer: String, value: Double)]) {
        self.label = label
        self.temperature = temperature
        self.time = time
        self.spectrum = spectrum
        self.arcs = arcs
        self.circuit = circuit
        self.parameters = parameters
        self.apparentConductivities = apparentConductivities
    }
}
