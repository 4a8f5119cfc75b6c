import CellNumerics

/// Compiles a cell's stack into its equivalent circuit (PHYSICS.md "What a stack compiles into",
/// item 1; §1–§4, §6). Layers are walked from the negative side:
/// - an ionic layer gives a bulk R‖C and, with `sigma_gb` or a soldered-garnet composite, a
///   grain-boundary R‖C (``IonicLayerCircuit``);
/// - a metal interlayer is transparent (its ohmic R, ρL/A ≈ 10⁻¹¹ Ω for 20 nm of Au, is dropped);
/// - an interface with `asr` is R‖CPE (R = asr(T)/A, C_eff = `capacitance`·A);
/// - a metal electrode without `asr` is blocking when it has no `ocp` (a double-layer CPE) and
///   reversible otherwise (R‖CPE from `i0` and/or the constriction law at the cell's pressure);
/// - a composite electrode is R_ion − p(R_ct − Sph, CPE_dl) (``CompositeElectrodeCircuit``).
public enum StackCircuit {
    /// What a layer is to the circuit.
    enum Role: Equatable {
        case electrode, transparent, ionic, compositeElectrode
    }

    static func role(of layer: LayerModel) throws -> Role {
        if layer.isComposite {
            let kinds = layer.components.map(\.material.kind)
            if kinds.contains(.active) { return .compositeElectrode }
            guard !kinds.contains(.metal) else {
                throw ModelError.unsupported("layer `\(layer.name)` mixes a metal into an electrolyte composite; "
                    + "the impedance model has no mixed-conductor medium")
            }
            return .ionic
        }
        switch layer.material.kind {
        case .metal: return layer.isInterlayer ? .transparent : .electrode
        case .electrolyte, .coating: return .ionic
        case .active:
            throw ModelError.unsupported("layer `\(layer.name)` is a pure active material; the impedance model needs "
                + "a composite electrode (active + electrolyte components)")
        case .composite:
            throw ModelError.unsupported("layer `\(layer.name)` is a composite without components")
        }
    }

    /// The circuit of `cell` at temperature `temperature` (K). Throws ``ModelError/missingField``
    /// for a field a formula needs (`area`, `thickness`, `sigma_ion`, `asr` or `pressure` ...).
    /// With `shape`, composite electrodes keep that circuit's ionic-path segmentation (fits use it
    /// so a trial value cannot change the circuit's structure).
    public static func compile(_ cell: CellModel, temperature: Double, keepingShapeOf shape: CompiledCircuit? = nil)
        throws -> CompiledCircuit
    {
        guard temperature > 0, temperature.isFinite else {
            throw ModelError.outOfRange(what: "temperature", value: "\(temperature) K", allowed: "positive")
        }
        let area = try IonicLayerCircuit.requirePositive(cell.area, "area", "cell `\(cell.name)`")
        let layers = cell.layers
        let roles = try layers.map(role(of:))
        guard roles.contains(.ionic) else {
            throw ModelError.unsupported("cell `\(cell.name)` has no electrolyte layer, so it has no ionic circuit")
        }
        var ionic: [Int: IonicLayerCircuit] = [:]
        for index in layers.indices where roles[index] == .ionic {
            ionic[index] = try IonicLayerCircuit.compile(layers[index], area: area, temperature: temperature)
        }
        let effective = layers.indices.filter { roles[$0] != .transparent }
        var assembly = CircuitAssembly()
        for index in layers.indices where roles[index] == .transparent {
            // Metal interlayers: R = ρL/A is ~10⁻¹¹ Ω for nanometre films, below any measurement.
            assembly.note("metal interlayer `\(layers[index].name)` is transparent (negligible ohmic resistance)")
        }
        for (position, index) in effective.enumerated() {
            let layer = layers[index]
            switch roles[index] {
            case .ionic:
                if let values = ionic[index] { emit(values, area: area, into: &assembly) }
            case .compositeElectrode:
                let neighbours = [position > 0 ? effective[position - 1] : nil,
                                  position + 1 < effective.count ? effective[position + 1] : nil]
                guard let partner = neighbours.compactMap({ $0 }).first(where: { roles[$0] == .ionic }) else {
                    throw ModelError.unsupported("composite electrode `\(layer.name)` has no electrolyte layer next to it")
                }
                let (lo, hi) = (min(index, partner), max(index, partner))
                let electrode = try CompositeElectrodeCircuit.compile(
                    layer, interfaces: spanInterfaces(cell, from: lo, to: hi),
                    interfaceName: "\(layers[lo].name) | \(layers[hi].name)", area: area, temperature: temperature)
                electrode.notes.forEach { assembly.note($0) }
                electrode.emit(into: &assembly, segments: shape?.ionicSegments[layer.name])
            case .electrode, .transparent:
                break
            }
            if position + 1 < effective.count {
                let next = effective[position + 1]
                try emitInterface(cell, left: index, right: next, roles: roles, ionic: ionic, area: area,
                                  temperature: temperature, into: &assembly)
            }
        }
        return assembly.finish(area: area, temperature: temperature)
    }

    static func emit(_ values: IonicLayerCircuit, area: Double, into assembly: inout CircuitAssembly) {
        values.notes.forEach { assembly.note($0) }
        assembly.relaxation(resistance: values.bulkResistance, capacitance: values.bulkCapacitance,
                            origin: "\(values.name).bulk")
        if let gb = values.grainBoundary {
            assembly.relaxation(resistance: gb.resistance, capacitance: gb.capacitance, n: gb.n,
                                origin: "\(values.name).grain_boundary")
        }
        assembly.layerResistances.append(LayerResistance(
            layer: values.name, thickness: values.thickness, resistance: values.totalResistance,
            apparentConductivity: values.thickness / (values.totalResistance * area)))
    }

    /// Interfaces declared between layers `from` and `to` (indices, from < to), across any
    /// transparent interlayers: each adjacent pair and the pair (from, to) itself.
    static func spanInterfaces(_ cell: CellModel, from: Int, to: Int) -> [InterfaceModel] {
        let layers = cell.layers
        var pairs: [(String, String)] = (from..<to).map { (layers[$0].name, layers[$0 + 1].name) }
        if to - from > 1 { pairs.append((layers[from].name, layers[to].name)) }
        return pairs.compactMap { cell.interface(between: $0.0, and: $0.1) }
    }

    /// The interface between effective neighbours `left` and `right` (PHYSICS.md §2, §4).
    static func emitInterface(_ cell: CellModel, left: Int, right: Int, roles: [Role], ionic: [Int: IonicLayerCircuit],
                              area: Double, temperature t: Double, into assembly: inout CircuitAssembly) throws {
        let layers = cell.layers
        let (leftRole, rightRole) = (roles[left], roles[right])
        // Toward a composite electrode the interface is its charge transfer (already emitted).
        if (leftRole == .ionic && rightRole == .compositeElectrode)
            || (leftRole == .compositeElectrode && rightRole == .ionic) { return }
        let declared = spanInterfaces(cell, from: left, to: right)
        let origin = "\(layers[left].name)|\(layers[right].name)"
        let withASR = declared.filter { $0.areaSpecificResistance != nil }
        for interface in withASR {
            // asr = 0 declares an ideal contact: no element.
            if interface.areaSpecificResistance?.reference == 0 { continue }
            guard let asr = interface.areaSpecificResistance?.value(at: t), asr > 0, asr.isFinite else {
                throw ModelError.outOfRange(what: "`asr` of interface `\(interface.left) | \(interface.right)`",
                                            value: "\(interface.areaSpecificResistance?.value(at: t) ?? .nan) ohm*m^2",
                                            allowed: "positive (or 0 for an ideal contact)")
            }
            try addInterfaceArc(asr: asr, interface: interface, origin: "\(interface.left)|\(interface.right)",
                                area: area, into: &assembly)
        }
        guard withASR.isEmpty else { return }
        let pair: (electrode: Int, electrolyte: Int)
        switch (leftRole, rightRole) {
        case (.electrode, .ionic): pair = (left, right)
        case (.ionic, .electrode): pair = (right, left)
        default: return  // ionic|ionic, metal|metal, electrode|collector: ideal contact without `asr`
        }
        let metal = layers[pair.electrode].material
        let data = declared.first
        if metal.ocp == nil {
            // Blocking electrode: double-layer CPE, Q numerically equal to C (PHYSICS.md §2).
            if data?.capacitance == nil {
                assembly.note("blocking electrode `\(layers[pair.electrode].name)` uses a double layer of 5 uF/cm^2, "
                    + "n = \(data?.cpeExponent ?? ImpedanceDefaults.cpeExponent) (PHYSICS.md §2)")
            }
            let c = (data?.capacitance ?? ImpedanceDefaults.doubleLayerCapacitance) * area
            guard c > 0, c.isFinite else {
                throw ModelError.outOfRange(what: "`capacitance` of interface `\(origin)`", value: "\(c / area) F/m^2",
                                            allowed: "positive")
            }
            let n = try exponent(data, origin: origin)
            assembly.blockingCPE(capacitance: c, n: n, origin: "\(layers[pair.electrode].name).double_layer")
            return
        }
        // Reversible electrode: ASR = RT/(F i0) + ASR_c(P) (PHYSICS.md §4).
        var asr = 0.0
        var known = false
        if let i0 = data?.exchangeCurrentDensity?.value(at: t), i0 > 0 {
            asr += Constants.gas * t / (Constants.faraday * i0)
            known = true
        }
        if let pressure = cell.pressure, pressure > 0 {
            let hardness = try IonicLayerCircuit.requirePositive(metal.hardness, "H", "material `\(metal.identifier)`")
            let sigma = ionic[pair.electrolyte]?.bulkConductivity ?? 0
            guard sigma > 0 else { return }
            // The surface the Li touches sets the spot density (an interlayer's own, else the electrolyte's).
            let spots = layers[pair.electrolyte].material.contactDensity ?? ContactConstriction.spotDensity
            asr += ContactConstriction.asr(pressure: pressure, hardness: hardness, electrolyteConductivity: sigma,
                                           temperature: t, spots: spots)
            assembly.note(ContactConstriction.note)
            known = true
        }
        guard known else {
            throw ModelError.missingField(field: "asr", owner: "interface `\(layers[left].name) | \(layers[right].name)`",
                                          model: "impedance model (without a cell `pressure` for the constriction law)")
        }
        let interface = data ?? InterfaceModel(left: layers[left].name, right: layers[right].name)
        try addInterfaceArc(asr: asr, interface: interface, origin: origin, area: area, into: &assembly)
    }

    static func exponent(_ interface: InterfaceModel?, origin: String) throws -> Double {
        let n = interface?.cpeExponent ?? ImpedanceDefaults.cpeExponent
        guard n > 0, n <= 1 else {
            throw ModelError.outOfRange(what: "`n` of interface `\(origin)`", value: "\(n)", allowed: "in (0, 1]")
        }
        return n
    }

    /// R‖CPE of an interface: R = ASR/A, C_eff = (`capacitance` or 1 µF/cm²)·A.
    static func addInterfaceArc(asr: Double, interface: InterfaceModel, origin: String, area: Double,
                                into assembly: inout CircuitAssembly) throws {
        if interface.capacitance == nil {
            assembly.note("interface `\(origin)` has no `capacitance`; it uses 1 uF/cm^2 (assumed, PHYSICS.md §2)")
        }
        let c = (interface.capacitance ?? ImpedanceDefaults.interfaceCapacitance) * area
        guard c > 0, c.isFinite else {
            throw ModelError.outOfRange(what: "`capacitance` of interface `\(origin)`", value: "\(c / area) F/m^2",
                                        allowed: "positive")
        }
        assembly.relaxation(resistance: asr / area, capacitance: c, n: try exponent(interface, origin: origin),
                            origin: origin)
    }
}
