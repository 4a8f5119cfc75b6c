import CellNumerics
import RealModule

/// A composite electrode (active particles + solid electrolyte, PHYSICS.md §6) as circuit values:
/// the ionic path through the electrolyte fraction, charge transfer with its double layer and
/// spherical solid diffusion, Randles-style: R_ion − p(R_ct − Sph, CPE_dl).
struct CompositeElectrodeCircuit {
    var name: String
    /// m
    var thickness: Double
    /// Ionic rail resistance L/(σ_eff A), Ω; its DC contribution is a third of it.
    var railResistance: Double
    var chargeTransferResistance: Double
    /// Double-layer capacitance, F, and CPE exponent.
    var doubleLayerCapacitance: Double
    var n: Double
    /// R_s (Ω) and τ (s) of the sphere element; nil for a flat OCP.
    var diffusion: (resistance: Double, tau: Double)?
    var notes: [String] = []

    /// ASR_ion = L/(3σ_eff) as a resistance, Ω (the transmission line's DC limit, PHYSICS.md §6).
    var ionicResistance: Double { railResistance / 3 }

    private typealias Owner = IonicLayerCircuit

    /// Compiles `layer` against the interfaces toward its electrolyte neighbour (`interfaces`,
    /// named `interfaceName` in errors) at area `area` (m²) and temperature `t` (K).
    static func compile(_ layer: LayerModel, interfaces: [InterfaceModel], interfaceName: String, area: Double,
                        temperature t: Double) throws -> CompositeElectrodeCircuit {
        let owner = Owner.layerOwner(layer)
        let activeIndices = layer.components.indices.filter { layer.components[$0].material.kind == .active }
        guard activeIndices.count == 1, let activeIndex = activeIndices.first else {
            throw ModelError.unsupported("\(owner) has \(activeIndices.count) active components; the impedance model "
                + "needs exactly one")
        }
        let ionicIndices = layer.components.indices.filter {
            let kind = layer.components[$0].material.kind
            return kind == .electrolyte || kind == .coating
        }
        guard !ionicIndices.isEmpty else {
            throw ModelError.unsupported("\(owner) has no electrolyte component, so its ionic path is undefined")
        }
        var notes: [String] = []
        let solid = try Owner.solidFraction(layer)
        var fractions = try Owner.volumeFractions(layer).map { $0 * solid }
        if let active = layer.activeFraction {
            guard active > 0, active < solid else {
                throw ModelError.outOfRange(what: "`active_fraction` of \(owner)", value: "\(active)",
                                            allowed: "between 0 and the solid fraction \(solid)")
            }
            let others = solid - fractions[activeIndex]
            let scale = others > 0 ? (solid - active) / others : 0
            fractions = fractions.indices.map { $0 == activeIndex ? active : fractions[$0] * scale }
        }
        let thickness: Double
        if let given = layer.thickness {
            thickness = try Owner.requirePositive(given, "thickness", owner)
        } else if let loading = layer.loading {
            // L = loading/ρ_layer with ρ_layer = Σφᵢρᵢ (PHYSICS.md §6 example: 1.85 mg/cm² → 4.7 µm).
            let density = try zip(layer.components, fractions).reduce(0.0) { sum, pair in
                sum + pair.1 * (try Owner.requirePositive(pair.0.material.density, "density",
                                                          Owner.materialOwner(pair.0.material)))
            }
            thickness = loading / density
        } else {
            throw ModelError.missingField(field: "thickness", owner: owner, model: "impedance model (without a `loading`)")
        }

        // Active surface: S = 3 φ_act L A / R_p (spheres, PHYSICS.md §6).
        let active = layer.components[activeIndex].material
        let activeOwner = Owner.materialOwner(active)
        let radius = try Owner.requirePositive(active.particleRadius, "particle_radius", activeOwner)
        let surface = 3 * fractions[activeIndex] * thickness * area / radius
        let x = try Owner.require(active.initialLiFraction, "x_init", activeOwner)
        let cMax = try Owner.requirePositive(active.maxConcentration ?? {
            guard let rho = active.density, let molar = active.molarMass, molar > 0 else { return nil }
            return rho / molar
        }(), "c_max", activeOwner)
        if layer.components[activeIndex].coating != nil {
            notes.append("the coating in \(owner) is not a separate circuit element; it belongs in the interface `asr`")
        }

        // Charge transfer: interface asr (geometric) > interface i0 > material i0(x) or k0 (per active area).
        let rt = Constants.gas * t / Constants.faraday
        let chargeTransfer: Double
        let withASR = interfaces.compactMap(\.areaSpecificResistance)
        if !withASR.isEmpty {
            chargeTransfer = withASR.reduce(0) { $0 + $1.value(at: t) } / area
        } else if let i0 = interfaces.compactMap(\.exchangeCurrentDensity).first {
            chargeTransfer = rt / (i0.value(at: t) * area)
        } else if let i0 = active.exchangeCurrentDensity {
            chargeTransfer = rt / (i0.value(at: t) * 2 * (x * (1 - x)).squareRoot() * surface)
        } else if let k0 = active.rateConstant {
            let cs = x * cMax
            chargeTransfer = rt / (k0.value(at: t) * (cs * (cMax - cs)).squareRoot() * surface)
        } else {
            throw ModelError.missingField(field: "asr", owner: "interface `\(interfaceName)`",
                                          model: "impedance model (without `i0` on the interface or on \(activeOwner))")
        }
        guard chargeTransfer > 0, chargeTransfer.isFinite else {
            throw ModelError.outOfRange(what: "charge-transfer resistance of \(owner)", value: "\(chargeTransfer) ohm",
                                        allowed: "positive and finite (check `x_init`, `asr`, `i0`)")
        }
        let declaredCapacitance = interfaces.compactMap(\.capacitance).first
        if declaredCapacitance == nil {
            notes.append("interface `\(interfaceName)` has no `capacitance`; the double layer uses "
                + "5 uF/cm^2 (assumed, PHYSICS.md §2)")
        }
        let capacitance = (declaredCapacitance ?? ImpedanceDefaults.doubleLayerCapacitance) * area
        let n = interfaces.compactMap(\.cpeExponent).first ?? ImpedanceDefaults.cpeExponent
        guard n > 0, n <= 1 else {
            throw ModelError.outOfRange(what: "`n` of interface `\(interfaceName)`", value: "\(n)", allowed: "in (0, 1]")
        }
        guard capacitance > 0, capacitance.isFinite else {
            throw ModelError.outOfRange(what: "`capacitance` of interface `\(interfaceName)`", value: "\(capacitance / area) F/m^2",
                                        allowed: "positive")
        }

        // Spherical diffusion (PHYSICS.md §2 sphere row): R_s = |dU/dc| R_p/(F D S), τ = R_p²/D.
        let diffusivity = try Owner.requirePositive(Owner.require(active.diffusivity, "D", activeOwner).value(at: t),
                                                    "D", activeOwner)
        let ocp = try Owner.require(active.ocp, "ocp", activeOwner)
        let slope = abs(ocp.slope(at: x))
        var diffusion: (resistance: Double, tau: Double)?
        if slope > 0 {
            diffusion = (slope / cMax * radius / (Constants.faraday * diffusivity * surface), radius * radius / diffusivity)
        } else {
            notes.append("\(activeOwner) has a flat `ocp` at x = \(x); no solid-diffusion element")
        }

        // Ionic path: σ_eff = σ_SE·φ_SE^1.5, σ_SE the Bruggeman mix of the electrolyte components.
        let sePhis = ionicIndices.map { fractions[$0] }
        let seSigmas = try ionicIndices.map { try Owner.conductivity(layer.components[$0].material, at: t) }
        let seFraction = sePhis.reduce(0, +)
        let sigmaSE = EffectiveMedium.bruggeman(fractions: sePhis, conductivities: seSigmas)
        let sigmaEff = sigmaSE * EffectiveMedium.tortuosityFactor(solidFraction: seFraction)
        guard sigmaEff > 0 else {
            throw ModelError.outOfRange(what: "ionic conductivity of \(owner)", value: "0 S/m",
                                        allowed: "positive (the electrolyte fraction does not percolate)")
        }
        return CompositeElectrodeCircuit(
            name: layer.name, thickness: thickness, railResistance: thickness / (sigmaEff * area),
            chargeTransferResistance: chargeTransfer, doubleLayerCapacitance: capacitance, n: n,
            diffusion: diffusion, notes: notes)
    }

    /// Whether the ionic path is drawn as a transmission line (ASR_ion ≥ threshold·ASR_ct).
    var usesTransmissionLine: Bool {
        ionicResistance >= ImpedanceDefaults.transmissionLineThreshold * chargeTransferResistance
    }

    /// Segments of the ionic path: 0 for one series resistor, else N = ⌈3√(R_rail/R_ct)⌉ in 8...64
    /// (``ImpedanceDefaults/transmissionLineSegments``).
    var preferredSegments: Int {
        guard usesTransmissionLine else { return 0 }
        let range = ImpedanceDefaults.transmissionLineSegments
        let wanted = (ImpedanceDefaults.transmissionLineSegmentsPerDepth
            * (railResistance / chargeTransferResistance).squareRoot()).rounded(.up)
        return Int(min(max(wanted, Double(range.lowerBound)), Double(range.upperBound)))
    }

    /// Adds the electrode's blocks to `assembly` with `segments` ionic segments (0: series resistor;
    /// nil: ``preferredSegments``). A fit pins the count so the circuit keeps its shape.
    func emit(into assembly: inout CircuitAssembly, segments pinned: Int? = nil) {
        let ctOrigin = "\(name).charge_transfer"
        let q = assembly.cpeQ(capacitance: doubleLayerCapacitance, resistance: chargeTransferResistance, n: n)
        let arc = CircuitArc(origin: ctOrigin, resistance: chargeTransferResistance, q: q, n: n)
        let segments = pinned ?? preferredSegments
        assembly.ionicSegments[name] = segments
        guard segments > 0 else {
            assembly.resistor(ionicResistance, origin: "\(name).ionic")
            let (node, values) = branch(scale: 1)
            assembly.block(node, parameters: values, arcs: [arc], dcResistance: diffusion == nil ? chargeTransferResistance : 0,
                           blocks: diffusion != nil)
            return
        }
        // Midpoint-rule ladder (PHYSICS.md §6 transmission line): r/2 + b ∥ (r + b ∥ (... r + b)),
        // r = R_rail/N, each branch b the interface impedance of 1/N of the particles.
        let ratio = railResistance / chargeTransferResistance
        if ImpedanceDefaults.transmissionLineSegmentsPerDepth * ratio.squareRoot() > Double(segments) {
            assembly.note("the transmission line of layer `\(name)` is under-resolved (R_rail/R_ct = "
                + "\(CompiledCircuit.format(ratio)) for \(segments) segments)")
        }
        let r = railResistance / Double(segments)
        let ionic = "\(name).ionic"
        var (inner, innerValues) = branch(scale: Double(segments))
        var dc = Double(segments) * chargeTransferResistance
        for _ in 1..<segments {
            let (b, bValues) = branch(scale: Double(segments))
            inner = .parallel([b, .series([CircuitAssembly.node(.resistor, ionic), inner])])
            innerValues = bValues + [r] + innerValues
            dc = 1 / (1 / (Double(segments) * chargeTransferResistance) + 1 / (r + dc))
        }
        let node = Circuit.Node.series([CircuitAssembly.node(.resistor, ionic), inner])
        assembly.block(node, parameters: [r / 2] + innerValues, arcs: [arc], dcResistance: diffusion == nil ? r / 2 + dc : 0,
                       blocks: diffusion != nil)
        assembly.note("the ionic path of layer `\(name)` is a \(segments)-segment transmission line "
            + "(ASR_ion is comparable to the charge-transfer ASR, PHYSICS.md §6)")
    }

    /// p(R_ct·s − Sph(R_s·s, τ), CPE(Q/s, n)): the interface of a fraction 1/s of the particles.
    private func branch(scale s: Double) -> (Circuit.Node, [Double]) {
        let ct = CircuitAssembly.node(.resistor, "\(name).charge_transfer")
        let dl = CircuitAssembly.node(.constantPhase, "\(name).double_layer")
        let q = Double.pow(doubleLayerCapacitance, n) * Double.pow(chargeTransferResistance, n - 1) / s
        if let diffusion {
            let sphere = CircuitAssembly.node(.sphericalDiffusion, "\(name).diffusion")
            return (.parallel([.series([ct, sphere]), dl]),
                    [chargeTransferResistance * s, diffusion.resistance * s, diffusion.tau, q, n])
        }
        return (.parallel([ct, dl]), [chargeTransferResistance * s, q, n])
    }
}
