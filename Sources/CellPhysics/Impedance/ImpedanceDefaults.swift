/// Values the impedance model uses when a recipe leaves a field unset. Each default is reported
/// in ``CompiledCircuit/notes`` when it is used, so a printed circuit never hides an assumption
/// (see docs/models/impedance.md).
public enum ImpedanceDefaults {
    /// Relative permittivity of an electrolyte without `eps_r`: an ASSUMPTION between the
    /// anti-perovskites (≈ 20) and the garnets (60–150, PHYSICS.md §2); it only moves the bulk
    /// arc's apex frequency, never a resistance.
    public static let relativePermittivity = 50.0

    /// Capacitance of an interface with an ASR but no `capacitance`, F/m² (1 µF/cm²): the
    /// sample–electrode row of PHYSICS.md §2 (10⁻⁷–10⁻⁵ F for 1 cm²), in the middle on a log scale.
    public static let interfaceCapacitance = 1e-2

    /// Double-layer capacitance of a blocking metal electrode, F/m² (5 µF/cm²): PHYSICS.md §2,
    /// "Q_dl ... C ≈ 1–10 µF/cm²".
    public static let doubleLayerCapacitance = 5e-2

    /// CPE exponent of interfaces and double layers without `n`: PHYSICS.md §2 "n ≈ 0.8–0.95".
    public static let cpeExponent = 0.9

    /// Boundary thickness per grain, δ/d, of a soldered garnet whose solder fraction is zero and
    /// whose garnet has no `grain_size`/`gb_thickness`: the brick-layer example of PHYSICS.md §2
    /// (d = 5 µm, δ = 5 nm, C_gb/C_b = 1000). Only the grain-boundary arc's capacitance uses it.
    public static let boundaryThicknessRatio = 1e-3

    /// Ratio ASR_ion/ASR_ct of a composite cathode above which its ionic path is drawn as a
    /// transmission line instead of one series resistor L/(3σ_eff A): below it the two differ by
    /// less than a few per cent of the cathode arc (PHYSICS.md §6).
    public static let transmissionLineThreshold = 0.1

    /// Segments of the discretised transmission line: N = ⌈k·√(R_rail/R_ct)⌉ with k = 3 segments
    /// per penetration depth L·√(R_ct/R_rail), clamped to 8...64. With the midpoint rule the DC
    /// limit then stays within 1.5 % of the continuum √(R_rail R_ct)·coth√(R_rail/R_ct) up to
    /// R_rail/R_ct ≈ 450; beyond that the line is under-resolved and a note says so.
    public static let transmissionLineSegmentsPerDepth = 3.0
    public static let transmissionLineSegments = 8...64
}
