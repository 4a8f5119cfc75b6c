import RealModule

// DC conduction through electrolyte layers for the Li-metal and blocking-electrode models:
// bulk plus brick-layer grain boundaries (PHYSICS.md §1–§2), composites by the symmetric
// Bruggeman effective medium (PHYSICS.md §3). The EIS model has its own circuit compiler; this
// is the DC limit only.

/// Which conductivity of a material to combine.
enum ConductionCarrier {
    case ionic, electronic
}

enum ElectrolyteConduction {
    /// Relative bracket width at which the Bruggeman bisection stops.
    static let bruggemanTolerance = 1e-12

    /// Ionic ASR L/σ of an electrolyte (or composite) layer at temperature `t` (K), Ω·m², with the
    /// brick-layer grain-boundary term L·(δ/d)/σ_gb when `sigma_gb`, `gb_thickness` and a grain
    /// size are all set (PHYSICS.md §2).
    static func ionicASR(of layer: LayerModel, at t: Double, model: String) throws -> Double {
        let thickness = try requireThickness(layer, model: model)
        if layer.isComposite {
            return thickness / (try compositeConductivity(layer, carrier: .ionic, at: t, model: model))
        }
        let material = layer.material
        guard let sigma = material.ionicConductivity else {
            throw ModelError.missingField(field: "sigma_ion", owner: "material `\(material.identifier)`", model: model)
        }
        var asr = thickness / (try positiveValue(sigma, at: t, field: "sigma_ion", owner: material.identifier))
        if let sigmaGB = material.grainBoundaryConductivity, let delta = material.grainBoundaryThickness,
           let grain = layer.grainSize ?? material.grainSize, grain > 0 {
            let gb = try positiveValue(sigmaGB, at: t, field: "sigma_gb", owner: material.identifier)
            asr += thickness * (delta / grain) / gb
        }
        return asr
    }

    /// Effective electronic conductivity of a layer (S/m) for DC polarization; throws when a
    /// component lacks `sigma_e`.
    static func electronicConductivity(of layer: LayerModel, at t: Double, model: String) throws -> Double {
        if layer.isComposite { return try compositeConductivity(layer, carrier: .electronic, at: t, model: model) }
        guard let sigma = layer.material.electronicConductivity else {
            throw ModelError.missingField(field: "sigma_e", owner: "material `\(layer.material.identifier)`", model: model)
        }
        return try positiveValue(sigma, at: t, field: "sigma_e", owner: layer.material.identifier)
    }

    /// The electronic conductivity of the phase that forms the grain boundaries (S/m), for the
    /// electronic dendrite criterion (PHYSICS.md §5 Model C): the material's `sigma_e` for a plain
    /// electrolyte; for a composite the minority component by volume (the phase that wraps the
    /// grains, e.g. a solder) when it sets `sigma_e`, else the next one that does. Nil when no
    /// material sets `sigma_e`.
    static func grainBoundaryElectronicConductivity(of layer: LayerModel, at t: Double) throws -> Double? {
        guard layer.isComposite else {
            guard let sigma = layer.material.electronicConductivity else { return nil }
            return try positiveValue(sigma, at: t, field: "sigma_e", owner: layer.material.identifier)
        }
        let fractions = try volumeFractions(layer, model: "electronic dendrite criterion")
        let order = layer.components.indices.sorted { fractions[$0] < fractions[$1] }
        for i in order {
            if let sigma = layer.components[i].material.electronicConductivity {
                return try positiveValue(sigma, at: t, field: "sigma_e", owner: layer.components[i].material.identifier)
            }
        }
        return nil
    }

    /// Grain size of a layer (m): the layer's own, else its material's, else a composite's
    /// majority component's; nil when unset.
    static func grainSize(of layer: LayerModel) -> Double? {
        if let d = layer.grainSize ?? layer.material.grainSize { return d }
        return layer.components.max { $0.fraction < $1.fraction }?.material.grainSize
    }

    /// Component volume fractions (normalised), converting mass fractions with the densities.
    static func volumeFractions(_ layer: LayerModel, model: String) throws -> [Double] {
        var raw: [Double] = []
        for component in layer.components {
            guard component.fraction >= 0, component.fraction.isFinite else {
                throw ModelError.outOfRange(what: "the fraction of `\(component.material.identifier)`",
                                            value: "\(component.fraction)", allowed: "between 0 and 1")
            }
            switch layer.basis {
            case .volume:
                raw.append(component.fraction)
            case .mass:
                guard let density = component.material.density, density > 0 else {
                    throw ModelError.missingField(field: "density", owner: "material `\(component.material.identifier)`",
                                                  model: model)
                }
                raw.append(component.fraction / density)
            }
        }
        let total = raw.reduce(0, +)
        guard total > 0 else {
            throw ModelError.outOfRange(what: "the component fractions of `\(layer.name)`", value: "0", allowed: "positive")
        }
        return raw.map { $0 / total }
    }

    /// Symmetric Bruggeman effective medium Σφᵢ(σᵢ − σ)/(σᵢ + 2σ) = 0 (PHYSICS.md §3), solved by
    /// bisection in log σ between the smallest and largest component conductivity. A component
    /// with σ = 0 is an insulator (conduction percolates away below a conductor fraction of 1/3).
    static func bruggeman(fractions: [Double], conductivities: [Double]) -> Double {
        let positive = conductivities.filter { $0 > 0 }
        guard let high = positive.max(), let lowest = positive.min() else { return 0 }
        func residual(_ s: Double) -> Double {
            zip(fractions, conductivities).reduce(0) { $0 + $1.0 * ($1.1 - s) / ($1.1 + 2 * s) }
        }
        // residual falls with σ; at σ → 0 it is Σφ over conductors minus φ_insulators/2.
        var lo = lowest * 1e-12, hi = high
        if residual(lo) <= 0 { return 0 }
        if residual(hi) >= 0 { return hi }
        for _ in 0..<200 where hi / lo > 1 + bruggemanTolerance {
            let mid = (lo * hi).squareRoot()
            if residual(mid) > 0 { lo = mid } else { hi = mid }
        }
        return (lo * hi).squareRoot()
    }

    private static func compositeConductivity(_ layer: LayerModel, carrier: ConductionCarrier, at t: Double,
                                              model: String) throws -> Double {
        let fractions = try volumeFractions(layer, model: model)
        var sigmas: [Double] = []
        for component in layer.components {
            let material = component.material
            let parameter = carrier == .ionic ? material.ionicConductivity : material.electronicConductivity
            let field = carrier == .ionic ? "sigma_ion" : "sigma_e"
            guard let parameter else {
                throw ModelError.missingField(field: field, owner: "material `\(material.identifier)`", model: model)
            }
            sigmas.append(try positiveValue(parameter, at: t, field: field, owner: material.identifier))
        }
        let sigma = bruggeman(fractions: fractions, conductivities: sigmas)
        guard sigma > 0 else {
            throw ModelError.outOfRange(what: "the effective conductivity of `\(layer.name)`", value: "0",
                                        allowed: "positive (a conducting phase must percolate)")
        }
        return sigma
    }

    static func requireThickness(_ layer: LayerModel, model: String) throws -> Double {
        guard let thickness = layer.thickness else {
            throw ModelError.missingField(field: "thickness", owner: "layer `\(layer.name)`", model: model)
        }
        guard thickness > 0, thickness.isFinite else {
            throw ModelError.outOfRange(what: "the thickness of `\(layer.name)`", value: "\(thickness) m", allowed: "positive")
        }
        return thickness
    }

    static func positiveValue(_ parameter: ThermalParameter, at t: Double, field: String, owner: String) throws -> Double {
        let value = parameter.value(at: t)
        guard value > 0, value.isFinite else {
            throw ModelError.outOfRange(what: "`\(field)` of `\(owner)`", value: "\(value)", allowed: "positive")
        }
        return value
    }
}
