// Compiles a CellModel into the pieces of the transport model (PHYSICS.md "What a stack compiles
// into", item 2): two electrodes, series ohmic terms, interface branches, an electronic shunt.

/// Li concentration in Li metal, mol/m³ (PHYSICS.md §0), for the stripping inventory.
private let lithiumMetalConcentration = 7.7e4

/// The transport view of a cell; built once, evaluated at any temperature.
struct TransportCell: Sendable {
    var name: String
    /// m²
    var area: Double
    /// Negative (index 0) and positive (index 1) electrodes.
    var electrodes: [ElectrodeParameters]
    var ohmic: [OhmicTerm]
    /// Electronic path through the electrolyte layers (PHYSICS.md §7 leakage); nil is insulating.
    var leakage: [OhmicTerm]?
    var branches: [InterfaceBranch]
    /// Index into `branches` of the cathode interface that ages (PHYSICS.md §8), with E_s (Pa).
    var ageing: (branch: Int, modulus: Double, solder: String)?
    var notes: [String]
    /// The layers between the electrodes (their DC resistance can come from the impedance model).
    var middleLayers: [LayerModel]

    /// DC ionic ASR (Ω·m²) of each middle layer as the impedance model computes it at `t`
    /// (bulk + grain boundaries, including its composite and EMPIRICAL models), so both models
    /// agree at DC; layers it cannot compile keep the transport model's own terms.
    func impedanceLayerASRs(at t: Double) -> [String: Double] {
        var result: [String: Double] = [:]
        for layer in middleLayers where !(layer.material.kind == .metal && !layer.isComposite) {
            if let compiled = try? IonicLayerCircuit.compile(layer, area: area, temperature: t),
               compiled.totalResistance.isFinite, compiled.totalResistance > 0 {
                result[layer.name] = compiled.totalResistance * area
            }
        }
        return result
    }

    /// The electrode whose active mass defines capacities and 1 C: the positive one if it
    /// intercalates, else the negative one.
    var workingElectrode: Int { electrodes[1].isMetal ? 0 : 1 }

    init(cell: CellModel) throws {
        name = cell.name
        notes = []
        guard let area = cell.area else { throw ModelError.missingField(field: "area", owner: "cell `\(cell.name)`", model: transportModelName) }
        guard area > 0, area.isFinite else {
            throw ModelError.outOfRange(what: "`area` of cell `\(cell.name)`", value: "\(area) m^2", allowed: "positive")
        }
        self.area = area
        guard cell.layers.count >= 3 else {
            throw ModelError.unsupported("the transport model needs a negative electrode, an electrolyte and a positive electrode (cell `\(cell.name)` has \(cell.layers.count) layers)")
        }
        let first = cell.layers[0], last = cell.layers[cell.layers.count - 1]
        electrodes = [try Self.electrode(first, area: area), try Self.electrode(last, area: area)]
        if electrodes[0].isMetal && electrodes[1].isMetal {
            throw ModelError.unsupported("the transport model needs at least one intercalation electrode; `\(first.name)` and `\(last.name)` are both metals (use the symmetric-cell model)")
        }
        ohmic = []
        middleLayers = Array(cell.layers[1..<(cell.layers.count - 1)])
        var shunt: [OhmicTerm]? = []
        for layer in cell.layers[1..<(cell.layers.count - 1)] {
            let (terms, electronic) = try Self.middleLayer(layer, notes: &notes)
            ohmic += terms
            if let electronic { shunt?.append(contentsOf: electronic) } else { shunt = nil }
        }
        leakage = shunt?.isEmpty == false ? shunt : nil
        for layer in [first, last] where layer.isComposite {
            if let term = try Self.compositeIonicPath(layer) {
                ohmic.append(term)
            } else {
                notes.append("`\(layer.name)`: no electrolyte component, the composite's ionic path is taken as ideal")
            }
        }
        branches = []
        for i in 0..<(cell.layers.count - 1) {
            let a = cell.layers[i].name, b = cell.layers[i + 1].name
            let model = cell.interface(between: a, and: b)
            let side: Int? = i == 0 ? 0 : (i + 1 == cell.layers.count - 1 ? 1 : nil)
            var branch = InterfaceBranch(name: "\(a)|\(b)", asr: model?.areaSpecificResistance,
                                         capacitance: model?.capacitance ?? defaultDoubleLayerCapacitance,
                                         electrode: side, exchange: nil, exchangeAreaRatio: 1, coating: nil)
            if let side {
                let e = electrodes[side]
                if let x = e.exchange, let ratio = e.surfaceRatio {
                    branch.exchange = x
                    branch.exchangeAreaRatio = ratio
                } else if let i0 = model?.exchangeCurrentDensity {
                    branch.exchange = .constant(i0)
                }
                if let c = e.coating, let ratio = e.surfaceRatio {
                    branch.coating = (c.thickness, c.conductivity, ratio)
                }
            }
            if branch.isActive { branches.append(branch) }
        }
        ageing = try Self.ageingSetup(cell: cell, branches: branches, notes: &notes)
    }

    // MARK: electrodes

    /// Builds an electrode from the first or last layer: intercalation if the layer (or a
    /// composite component) is `.active`, a metal if the layer is `.metal`.
    static func electrode(_ layer: LayerModel, area: Double) throws -> ElectrodeParameters {
        let material = layer.isComposite ? layer.components.first { $0.material.kind == .active }?.material : layer.material
        if !layer.isComposite && layer.material.kind == .metal {
            return try metalElectrode(layer, area: area)
        }
        guard let active = material, active.kind == .active else {
            throw ModelError.unsupported("layer `\(layer.name)` is not an electrode: the transport model needs an active (intercalation) material or a metal with an `ocp` at each end of the stack")
        }
        func need<T>(_ value: T?, _ field: String) throws -> T {
            guard let value else { throw ModelError.missingField(field: field, owner: "material `\(active.name)`", model: transportModelName) }
            return value
        }
        let ocp = try need(active.ocp, "ocp")
        let radius = try need(active.particleRadius, "particle_radius")
        let diffusivity = try need(active.diffusivity, "D")
        let x0 = try need(active.initialLiFraction, "x_init")
        let mass = try activeMass(layer, active: active, area: area)
        let charge: Double
        if let cMax = active.maxConcentration, let rho = active.density {
            charge = Constants.faraday * cMax * mass / rho
        } else if let capacity = active.capacity {
            charge = capacity * mass
        } else {
            throw ModelError.missingField(field: "capacity", owner: "material `\(active.name)`", model: transportModelName)
        }
        var surfaceRatio: Double?
        if let rho = active.density { surfaceRatio = 3 * mass / rho / (radius * area) }
        else if let cMax = active.maxConcentration { surfaceRatio = 3 * charge / (Constants.faraday * cMax) / (radius * area) }
        var exchange: ExchangeCurrent?
        if let k0 = active.rateConstant {
            exchange = .rateConstant(k0, maxConcentration: try need(active.maxConcentration, "c_max"))
        } else if let i0 = active.exchangeCurrentDensity {
            exchange = .fractionScaled(i0)
        }
        if exchange != nil, surfaceRatio == nil {
            throw ModelError.missingField(field: "density", owner: "material `\(active.name)`", model: transportModelName)
        }
        var range = max(0, active.minLiFraction ?? 0)...min(1, active.maxLiFraction ?? 1)
        let domain = ocp.domain
        range = max(range.lowerBound, domain.lowerBound)...min(range.upperBound, domain.upperBound)
        guard range.contains(x0) else {
            throw ModelError.outOfRange(what: "`x_init` of material `\(active.name)`", value: "\(x0)",
                                        allowed: "within its OCP range \(range.lowerBound)...\(range.upperBound)")
        }
        for (value, field) in [(radius, "particle_radius"), (diffusivity.reference, "D"), (charge, "capacity")] where !(value > 0 && value.isFinite) {
            throw ModelError.outOfRange(what: "`\(field)` of material `\(active.name)`", value: "\(value)", allowed: "positive")
        }
        var coating: (Double, ThermalParameter)?
        if let component = layer.components.first(where: { $0.material.kind == .active }), let shell = component.coating,
           let t = shell.thickness, let sigma = shell.material.ionicConductivity {
            coating = (t, sigma)
        }
        var basis: (Double, String)?
        if let r = active.rateBasis { basis = (r, "rate_basis") } else if let c = active.capacity { basis = (c, "capacity") }
        return ElectrodeParameters(
            layerName: layer.name, materialName: active.name, ocp: ocp, isMetal: false, validRange: range,
            chargePerFraction: charge, particleRadius: radius, diffusivity: diffusivity, initialFraction: x0,
            surfaceRatio: surfaceRatio, exchange: exchange, coating: coating, activeMass: mass,
            rateBasis: basis, metalInventory: nil, volumeChange: active.volumeChange)
    }

    /// Active mass (kg): loading × area × active mass fraction, or thickness × area × solid volume
    /// fraction × density when no loading is given.
    static func activeMass(_ layer: LayerModel, active: MaterialModel, area: Double) throws -> Double {
        func missing(_ field: String, _ owner: String) -> ModelError {
            ModelError.missingField(field: field, owner: owner, model: transportModelName)
        }
        if !layer.isComposite {
            if let loading = layer.loading { return loading * area }
            guard let l = layer.thickness else { throw missing("thickness", "layer `\(layer.name)`") }
            guard let rho = active.density else { throw missing("density", "material `\(active.name)`") }
            let solid = layer.activeFraction ?? (1 - (layer.porosity ?? 0))
            return l * area * solid * rho
        }
        let fractions = try volumeFractions(layer)
        guard let index = layer.components.firstIndex(where: { $0.material.kind == .active }) else { return 0 }
        if let loading = layer.loading {
            let massFraction = try massFractions(layer)[index]
            return loading * area * massFraction
        }
        guard let l = layer.thickness else { throw missing("thickness", "layer `\(layer.name)`") }
        guard let rho = active.density else { throw missing("density", "material `\(active.name)`") }
        let solid = 1 - (layer.porosity ?? 0)
        return l * area * solid * fractions[index] * rho
    }

    /// Component volume fractions (sum 1) of a composite (PHYSICS.md §3: φ from w via densities).
    static func volumeFractions(_ layer: LayerModel) throws -> [Double] {
        let w = layer.components.map(\.fraction)
        let total = w.reduce(0, +)
        guard total > 0 else {
            throw ModelError.outOfRange(what: "the component fractions of `\(layer.name)`", value: "0", allowed: "positive")
        }
        if layer.basis == .volume { return w.map { $0 / total } }
        let volumes = try layer.components.map { c -> Double in
            guard let rho = c.material.density, rho > 0 else {
                throw ModelError.missingField(field: "density", owner: "material `\(c.material.name)`", model: transportModelName)
            }
            return c.fraction / rho
        }
        let sum = volumes.reduce(0, +)
        return volumes.map { $0 / sum }
    }

    /// Component mass fractions (sum 1).
    static func massFractions(_ layer: LayerModel) throws -> [Double] {
        let w = layer.components.map(\.fraction)
        if layer.basis == .mass {
            let total = w.reduce(0, +)
            return w.map { $0 / total }
        }
        let masses = try layer.components.map { c -> Double in
            guard let rho = c.material.density else {
                throw ModelError.missingField(field: "density", owner: "material `\(c.material.name)`", model: transportModelName)
            }
            return c.fraction * rho
        }
        let sum = masses.reduce(0, +)
        return masses.map { $0 / sum }
    }

    static func metalElectrode(_ layer: LayerModel, area: Double) throws -> ElectrodeParameters {
        let m = layer.material
        guard let ocp = m.ocp else {
            throw ModelError.missingField(field: "ocp", owner: "material `\(m.name)`", model: transportModelName)
        }
        var inventory: Double?
        if let l = layer.thickness {
            if let rho = m.density, let molar = m.molarMass { inventory = l * area * rho / molar }
            else if case .constant(let u) = ocp, u == 0 { inventory = l * area * lithiumMetalConcentration }
        }
        return ElectrodeParameters(
            layerName: layer.name, materialName: m.name, ocp: ocp, isMetal: true, validRange: 0...1,
            chargePerFraction: 1, particleRadius: 1, diffusivity: ThermalParameter(1, law: .simple), initialFraction: 0.5,
            surfaceRatio: nil, exchange: nil, coating: nil, activeMass: 0, rateBasis: nil, metalInventory: inventory,
            volumeChange: nil)
    }

    // MARK: electrolyte layers

    /// Ohmic terms of a layer between the electrodes and its electronic terms (nil: insulating).
    static func middleLayer(_ layer: LayerModel, notes: inout [String]) throws -> ([OhmicTerm], [OhmicTerm]?) {
        func missing(_ field: String, _ owner: String) -> ModelError {
            ModelError.missingField(field: field, owner: owner, model: transportModelName)
        }
        let m = layer.material
        if !layer.isComposite && m.kind == .metal {
            notes.append("interlayer `\(layer.name)` (\(m.name)) is an electronic conductor: no ionic resistance")
            return ([], [])
        }
        guard let l = layer.thickness else { throw missing("thickness", "layer `\(layer.name)`") }
        if layer.isComposite {
            let phi = try volumeFractions(layer)
            let ionic = try zip(layer.components, phi).map { c, f -> (fraction: Double, conductivity: ThermalParameter) in
                guard let s = c.material.ionicConductivity else { throw missing("sigma_ion", "material `\(c.material.name)`") }
                return (f, s)
            }
            let terms: [OhmicTerm] = [.composite(name: "\(layer.name).bulk", thickness: l, phases: ionic,
                                                 conductingFraction: 1, exponent: 0, factor: 1)]
            var electronic: [OhmicTerm]?
            let sigmaE = layer.components.compactMap(\.material.electronicConductivity)
            if let (g, sIndex) = SolderedGarnetModel.garnetAndSolder(layer) {
                // A solder wraps every garnet grain, so electrons cross its shells in series: the
                // brick-layer geometry of PHYSICS.md §3 (total shell thickness Lφ/3) with the
                // solder's own σ_e — the grain-boundary σ_e that PHYSICS.md §7 says matters.
                let shell = l * phi[sIndex] / 3
                if let grains = layer.components[g].material.electronicConductivity,
                   let solder = layer.components[sIndex].material.electronicConductivity {
                    electronic = [.layer(name: "\(layer.name).electronic.grains", thickness: l - shell, conductivity: grains),
                                  .layer(name: "\(layer.name).electronic.shells", thickness: shell, conductivity: solder)]
                } else {
                    notes.append("`\(layer.components[sIndex].material.name)` in `\(layer.name)` has no `sigma_e`: its grain-boundary shells are taken as electronically blocking (no leakage)")
                }
            } else if sigmaE.count == layer.components.count {
                electronic = [.composite(name: "\(layer.name).electronic", thickness: l,
                                         phases: Array(zip(phi, sigmaE)).map { ($0, $1) },
                                         conductingFraction: 1, exponent: 0, factor: 1)]
            }
            return (terms, electronic)
        }
        guard let sigma = m.ionicConductivity else { throw missing("sigma_ion", "material `\(m.name)`") }
        var terms: [OhmicTerm] = [.layer(name: "\(layer.name).bulk", thickness: l, conductivity: sigma)]
        if let gb = m.grainBoundaryConductivity {
            if let d = layer.grainSize ?? m.grainSize, let delta = m.grainBoundaryThickness {
                terms.append(.grainBoundaries(name: "\(layer.name).grain_boundary", thickness: l, grainSize: d,
                                              boundary: delta, conductivity: gb))
            } else {
                notes.append("`\(m.name)` has `sigma_gb` but no `grain_size` and `gb_thickness`: grain boundaries ignored by the transport model")
            }
        }
        let electronic: [OhmicTerm]? = m.electronicConductivity.map {
            [.layer(name: "\(layer.name).electronic", thickness: l, conductivity: $0)]
        }
        return (terms, electronic)
    }

    /// DC ionic path of a composite electrode, L/(3σ_SE·φ_SE^1.5) (PHYSICS.md §6); nil without
    /// electrolyte components. The thickness comes from `thickness` or loading/ρ_mix.
    static func compositeIonicPath(_ layer: LayerModel) throws -> OhmicTerm? {
        let phi = try volumeFractions(layer)
        var phases: [(fraction: Double, conductivity: ThermalParameter)] = []
        var total = 0.0
        for (c, f) in zip(layer.components, phi) where c.material.kind == .electrolyte {
            guard let s = c.material.ionicConductivity else {
                throw ModelError.missingField(field: "sigma_ion", owner: "material `\(c.material.name)`", model: transportModelName)
            }
            phases.append((f, s))
            total += f
        }
        guard total > 0 else { return nil }
        let thickness: Double
        if let l = layer.thickness {
            thickness = l
        } else if let loading = layer.loading {
            let w = try massFractions(layer)
            var specificVolume = 0.0
            for (c, wi) in zip(layer.components, w) {
                guard let rho = c.material.density else {
                    throw ModelError.missingField(field: "density", owner: "material `\(c.material.name)`", model: transportModelName)
                }
                specificVolume += wi / rho
            }
            thickness = loading * specificVolume / (1 - (layer.porosity ?? 0))
        } else {
            throw ModelError.missingField(field: "thickness", owner: "layer `\(layer.name)`", model: transportModelName)
        }
        let solid = 1 - (layer.porosity ?? 0)
        return .composite(name: "\(layer.name).ionic_path", thickness: thickness, phases: phases,
                          conductingFraction: total * solid, exponent: 1.5, factor: 1.0 / 3.0)
    }

    // MARK: ageing

    /// The cathode-interface ageing hook (PHYSICS.md §8, EMPIRICAL): active when the positive
    /// electrode is a composite with an electrolyte phase of known Young's modulus (the solder:
    /// the smallest E among its non-garnet electrolyte components, or the active material's coating) and its
    /// interface with the electrolyte has an ASR.
    static func ageingSetup(cell: CellModel, branches: [InterfaceBranch], notes: inout [String])
        throws -> (branch: Int, modulus: Double, solder: String)? {
        guard let cathode = cell.layers.last, cathode.isComposite,
              let index = branches.firstIndex(where: { $0.electrode == 1 && $0.asr != nil }) else { return nil }
        // The law is calibrated on solders (7.8–20.5 GPa, [seed-000]); a garnet host is not a
        // solder, so a cathode without a solder or coating has no ageing hook.
        var candidates = cathode.components.filter { $0.material.kind == .electrolyte && !SolderedGarnetModel.isGarnet($0.material) }
            .compactMap { c in c.material.youngsModulus.map { (c.material.name, $0) } }
        if let coating = cathode.components.first(where: { $0.material.kind == .active })?.coating,
           let e = coating.material.youngsModulus {
            candidates.append((coating.material.name, e))
        }
        guard let solder = candidates.min(by: { $0.1 < $1.1 }) else { return nil }
        return (index, solder.1, solder.0)
    }
}
