import RealModule

/// The circuit values of one ionic layer (electrolyte, ionic interlayer or composite
/// electrolyte) at one temperature: a bulk R‖C and, when the model gives one, a grain-boundary
/// R‖C or R‖CPE (PHYSICS.md §1–§3).
struct IonicLayerCircuit {
    var name: String
    /// m
    var thickness: Double
    /// Ω and F
    var bulkResistance: Double
    var bulkCapacitance: Double
    var grainBoundary: (resistance: Double, capacitance: Double, n: Double)?
    /// Bulk conductivity near a contact at this temperature, S/m (for the constriction law).
    var bulkConductivity: Double
    var notes: [String] = []

    var totalResistance: Double { bulkResistance + (grainBoundary?.resistance ?? 0) }

    static let model = "impedance model"

    static func layerOwner(_ layer: LayerModel) -> String { "layer `\(layer.name)`" }
    static func materialOwner(_ material: MaterialModel) -> String { "material `\(material.identifier)`" }

    static func require<T>(_ value: T?, _ field: String, _ owner: String, model: String = model) throws -> T {
        guard let value else { throw ModelError.missingField(field: field, owner: owner, model: model) }
        return value
    }

    static func requirePositive(_ value: Double?, _ field: String, _ owner: String) throws -> Double {
        let v = try require(value, field, owner)
        guard v > 0, v.isFinite else {
            throw ModelError.outOfRange(what: "`\(field)` of \(owner)", value: "\(v)", allowed: "positive")
        }
        return v
    }

    /// σ of a material at temperature `t`, S/m (required and positive).
    static func conductivity(_ material: MaterialModel, at t: Double) throws -> Double {
        let parameter = try require(material.ionicConductivity, "sigma_ion", materialOwner(material))
        let sigma = parameter.value(at: t)
        guard sigma > 0, sigma.isFinite else {
            throw ModelError.outOfRange(what: "`sigma_ion` of \(materialOwner(material))", value: "\(sigma) S/m",
                                        allowed: "positive")
        }
        return sigma
    }

    /// Solid volume fraction 1 − porosity (porosity, else 1 − `density_rel`, else 0).
    static func solidFraction(_ layer: LayerModel) throws -> Double {
        let porosity = layer.porosity ?? layer.relativeDensity.map { 1 - $0 } ?? 0
        guard porosity >= 0, porosity < 1 else {
            throw ModelError.outOfRange(what: "porosity of \(layerOwner(layer))", value: "\(porosity)",
                                        allowed: "in 0 ..< 1")
        }
        return 1 - porosity
    }

    /// Volume fractions of a composite's components, normalised to 1 (mass fractions are
    /// converted with each component's density, PHYSICS.md §3).
    static func volumeFractions(_ layer: LayerModel) throws -> [Double] {
        let raw = layer.components.map(\.fraction)
        guard raw.allSatisfy({ $0 >= 0 && $0.isFinite }), raw.reduce(0, +) > 0 else {
            throw ModelError.outOfRange(what: "component fractions of \(layerOwner(layer))",
                                        value: raw.map { "\($0)" }.joined(separator: ", "),
                                        allowed: "non-negative with a positive sum")
        }
        switch layer.basis {
        case .volume:
            let total = raw.reduce(0, +)
            return raw.map { $0 / total }
        case .mass:
            let densities = try layer.components.map {
                try requirePositive($0.material.density, "density", materialOwner($0.material))
            }
            return EffectiveMedium.volumeFractions(massFractions: raw, densities: densities) ?? raw
        }
    }

    static func permittivity(_ material: MaterialModel, notes: inout [String]) -> Double {
        if let eps = material.relativePermittivity, eps > 0 { return eps }
        notes.append("\(materialOwner(material)) has no `eps_r`; its capacitance uses eps_r = "
            + "\(ImpedanceDefaults.relativePermittivity) (assumed)")
        return ImpedanceDefaults.relativePermittivity
    }

    /// Compiles an ionic layer of area `area` (m²) at temperature `t` (K).
    static func compile(_ layer: LayerModel, area: Double, temperature t: Double) throws -> IonicLayerCircuit {
        let thickness = try requirePositive(layer.thickness, "thickness", layerOwner(layer))
        if layer.isComposite {
            if let pair = SolderedGarnetModel.garnetAndSolder(layer) {
                return try solderedGarnet(layer, pair: pair, thickness: thickness, area: area, temperature: t)
            }
            return try bruggemanComposite(layer, thickness: thickness, area: area, temperature: t)
        }
        return try monolithic(layer, thickness: thickness, area: area, temperature: t)
    }

    /// Brick-layer model (PHYSICS.md §2): R_b = L/(σ_b A), C_b = ε₀ε A/L; with `sigma_gb`,
    /// R_gb = (L/d)(δ/σ_gb)/A and C_gb = ε₀ε A d/(L δ) (equal permittivities), ideal unless `n_gb`.
    /// Porosity p scales σ by (1−p)^1.5 (PHYSICS.md §3).
    static func monolithic(_ layer: LayerModel, thickness: Double, area: Double, temperature t: Double) throws
        -> IonicLayerCircuit
    {
        let material = layer.material
        var notes: [String] = []
        let sigma = try conductivity(material, at: t) * EffectiveMedium.tortuosityFactor(solidFraction: solidFraction(layer))
        let eps = permittivity(material, notes: &notes)
        var result = IonicLayerCircuit(
            name: layer.name, thickness: thickness, bulkResistance: thickness / (sigma * area),
            bulkCapacitance: Constants.vacuumPermittivity * eps * area / thickness, grainBoundary: nil,
            bulkConductivity: sigma, notes: notes)
        if let gbParameter = material.grainBoundaryConductivity {
            let owner = materialOwner(material)
            let grain = try requirePositive(layer.grainSize ?? material.grainSize, "grain_size",
                                            layer.grainSize == nil ? owner : layerOwner(layer))
            let delta = try requirePositive(material.grainBoundaryThickness, "gb_thickness", owner)
            let sigmaGB = gbParameter.value(at: t)
            guard sigmaGB > 0, sigmaGB.isFinite else {
                throw ModelError.outOfRange(what: "`sigma_gb` of \(owner)", value: "\(sigmaGB) S/m", allowed: "positive")
            }
            let n = material.grainBoundaryCPEExponent ?? 1
            guard n > 0, n <= 1 else {
                throw ModelError.outOfRange(what: "`n_gb` of \(owner)", value: "\(n)", allowed: "in (0, 1]")
            }
            result.grainBoundary = (
                resistance: thickness / grain * delta / (sigmaGB * area),
                capacitance: Constants.vacuumPermittivity * eps * area * grain / (thickness * delta), n: n)
        }
        return result
    }

    /// Garnet + solder: the EMPIRICAL model of PHYSICS.md §3 (``SolderedGarnetModel``). The bulk
    /// permittivity is the Bruggeman mix; the boundary capacitance is ε₀ε_s A/(Lφ/3) (solder shells
    /// in series), or the garnet's own brick-layer δ/d when φ = 0.
    static func solderedGarnet(_ layer: LayerModel, pair: (garnet: Int, solder: Int), thickness: Double, area: Double,
                               temperature t: Double) throws -> IonicLayerCircuit {
        let fractions = try volumeFractions(layer)
        let garnet = layer.components[pair.garnet].material
        let solder = layer.components[pair.solder].material
        let phi = fractions[pair.solder]
        guard phi < 1 else {
            throw ModelError.outOfRange(what: "solder fraction of \(layerOwner(layer))", value: "\(phi)", allowed: "below 1")
        }
        let sigmaG = try conductivity(garnet, at: t)
        let sigmaGFit = try conductivity(garnet, at: SolderedGarnetModel.fitTemperature)
        let sigmaS = try conductivity(solder, at: t)
        let solid = try solidFraction(layer)
        let model = SolderedGarnetModel.evaluate(thickness: thickness, solderFraction: phi, garnetConductivity: sigmaG,
                                                 garnetConductivityAtFit: sigmaGFit, solderConductivity: sigmaS)
        let porosityPenalty = 1 / EffectiveMedium.tortuosityFactor(solidFraction: solid)
        var notes = [SolderedGarnetModel.note + " for \(layerOwner(layer))"]
        let epsG = permittivity(garnet, notes: &notes)
        let epsS = permittivity(solder, notes: &notes)
        let epsBulk = EffectiveMedium.bruggeman(epsG, fraction: 1 - phi, epsS)
        let boundaryThickness: Double
        if phi > 0 {
            boundaryThickness = thickness * phi / 3
        } else if let d = layer.grainSize ?? garnet.grainSize, let delta = garnet.grainBoundaryThickness, d > 0 {
            boundaryThickness = thickness * delta / d
        } else {
            boundaryThickness = thickness * ImpedanceDefaults.boundaryThicknessRatio
        }
        let epsGB = phi > 0 ? epsS : epsG
        let n = garnet.grainBoundaryCPEExponent ?? 1
        return IonicLayerCircuit(
            name: layer.name, thickness: thickness, bulkResistance: model.bulkASR * porosityPenalty / area,
            bulkCapacitance: Constants.vacuumPermittivity * epsBulk * area / thickness,
            grainBoundary: (resistance: model.grainBoundaryASR * porosityPenalty / area,
                            capacitance: Constants.vacuumPermittivity * epsGB * area / boundaryThickness, n: n),
            bulkConductivity: sigmaG * EffectiveMedium.tortuosityFactor(solidFraction: 1 - phi), notes: notes)
    }

    /// Any other composite electrolyte: symmetric Bruggeman over the components (PHYSICS.md §3),
    /// times the porosity factor; one bulk arc, no grain-boundary arc.
    static func bruggemanComposite(_ layer: LayerModel, thickness: Double, area: Double, temperature t: Double) throws
        -> IonicLayerCircuit
    {
        let fractions = try volumeFractions(layer)
        var notes = ["Bruggeman effective medium for \(layerOwner(layer)) (PHYSICS.md §3)"]
        let sigmas = try layer.components.map { try conductivity($0.material, at: t) }
        let eps = layer.components.map { permittivity($0.material, notes: &notes) }
        let sigma = EffectiveMedium.bruggeman(fractions: fractions, conductivities: sigmas)
            * EffectiveMedium.tortuosityFactor(solidFraction: try solidFraction(layer))
        guard sigma > 0 else {
            throw ModelError.outOfRange(what: "effective conductivity of \(layerOwner(layer))", value: "0 S/m",
                                        allowed: "positive (the conducting phases do not percolate)")
        }
        let epsEff = EffectiveMedium.bruggeman(fractions: fractions, conductivities: eps)
        return IonicLayerCircuit(
            name: layer.name, thickness: thickness, bulkResistance: thickness / (sigma * area),
            bulkCapacitance: Constants.vacuumPermittivity * epsEff * area / thickness, grainBoundary: nil,
            bulkConductivity: sigma, notes: notes)
    }
}
