import RealModule

// One Li | electrolyte interface: ASR split into charge transfer and constriction, the void /
// contact state during stripping and plating, and the Li supply that limits voiding
// (PHYSICS.md §4; the state model is RECONSTRUCTED). Interlayers act only through their
// material fields: `i0` (charge transfer), `D_vacancy` (Li supply), `sigma_e` (electronic
// blocking), `contact_density` (constriction), `sigma_ion` + thickness (ohmic drop).

/// What one Li electrode's interface is made of, resolved once from the cell.
public struct LithiumInterfaceSetup: Sendable {
    /// The Li (or Li-alloy) electrode layer.
    public var electrode: LayerModel
    /// Interlayers from the electrode toward the electrolyte.
    public var interlayers: [LayerModel]
    /// The layer the Li touches: the first interlayer, else the electrolyte.
    public var contactLayer: LayerModel
    /// The `interface` block on the Li side (Li | contact layer, or Li | electrolyte), if any.
    public var interface: InterfaceModel?
}

/// The interface's constants at one temperature and pressure (recomputed when either changes).
public struct LithiumInterfaceConditions: Sendable {
    /// Charge-transfer exchange current density i0, A/m².
    public var exchangeCurrentDensity: Double
    /// R T/(F i0), Ω·m².
    public var chargeTransferASR: Double
    /// Constriction ASR at full contact ASR_c(P), Ω·m².
    public var constrictionASR: Double
    /// Ohmic ASR of ion-conducting interlayers, Ω·m².
    public var interlayerASR: Double
    /// a = (F/2)·Π·√π of the vacancy supply j_void(t) = a/√t, A·s^½/m².
    public var vacancySupplyCoefficient: Double
    /// Pressure-assisted creep supply k_P·P^m, A/m².
    public var creepSupply: Double
    /// Smallest `sigma_e` of the interlayers (S/m), nil when none sets it: an electronically
    /// blocking interlayer shields the electrolyte's grain boundaries (Model C).
    public var interlayerElectronicConductivity: Double?

    /// k_int of St Venant focusing: the interface ASR at full contact, Ω·m².
    public var fullContactASR: Double { chargeTransferASR + constrictionASR }
    /// Li supply at stripping time t (s), A/m²: j_void(t) + j_creep (PHYSICS.md §4).
    public func supply(afterStripping t: Double) -> Double {
        t > 0 ? vacancySupplyCoefficient / t.squareRoot() + creepSupply : .infinity
    }
}

/// The contact state of one Li electrode (PHYSICS.md §4, RECONSTRUCTED state model).
/// v is the void volume per area (m); f_c = 1 − min(θ_max, v/h_v).
public struct LithiumInterface: Sendable {
    public let setup: LithiumInterfaceSetup
    /// Void volume per area at the start of the present phase, m.
    public private(set) var voidVolume: Double
    /// How long a dendrite criterion has held on this electrode, s (PHYSICS.md §5).
    public internal(set) var criterionHeldTime = 0.0

    init(setup: LithiumInterfaceSetup, initialVoidVolume: Double) {
        self.setup = setup
        self.voidVolume = initialVoidVolume
    }

    /// Contact fraction for a void volume per area `v` (m).
    public static func contactFraction(voidVolume v: Double, parameters p: LithiumMetalParameters) -> Double {
        1 - min(p.maxVoidCoverage, max(0, v) / p.voidDepth)
    }

    public func contactFraction(_ p: LithiumMetalParameters) -> Double {
        Self.contactFraction(voidVolume: voidVolume, parameters: p)
    }

    /// Interface ASR ASR_ct + ASR_c/f_c (+ interlayers), Ω·m² (PHYSICS.md §4).
    public static func areaSpecificResistance(_ c: LithiumInterfaceConditions, contactFraction f: Double) -> Double {
        c.chargeTransferASR + c.constrictionASR / f + c.interlayerASR
    }

    /// Void volume (m) after `tau` seconds of a phase that started with void volume `v0`.
    /// - Stripping at |j| (A/m²), `tau` counted from the start of stripping:
    ///   dv/dt = (V_m/F)·max(0, j − a/√t − c), integrated exactly: zero until t* = (a/(j − c))²,
    ///   then (V_m/F)·[(j − c)(t − t*) − 2a(√t − √t*)].
    /// - Plating at |j|: dv/dt = −(V_m/F)(r_fill·j + c), never below zero.
    /// - Rest (j = 0): creep alone closes voids, dv/dt = −(V_m/F)·c.
    static func voidVolume(from v0: Double, stripping: Bool, density j: Double, after tau: Double,
                           conditions c: LithiumInterfaceConditions, parameters p: LithiumMetalParameters) -> Double {
        let perCharge = p.molarVolume / Constants.faraday
        guard tau > 0 else { return v0 }
        if stripping && j > 0 {
            let excess = j - c.creepSupply
            guard excess > 0 else { return v0 }
            let a = c.vacancySupplyCoefficient
            let onset = (a / excess) * (a / excess)
            guard tau > onset else { return v0 }
            let grown = excess * (tau - onset) - 2 * a * (tau.squareRoot() - onset.squareRoot())
            return v0 + perCharge * max(0, grown)
        }
        let fill = (stripping ? 0 : p.refillFraction * j) + c.creepSupply
        return max(0, v0 - perCharge * fill * tau)
    }

    mutating func setVoidVolume(_ v: Double) { voidVolume = max(0, v) }
}

extension LithiumInterfaceSetup {
    /// Resolves the interface constants at temperature `t` (K) and stack pressure `pressure` (Pa);
    /// `electrolyteResistivity` is the DC resistivity of the electrolyte (Ω·m) into which the
    /// current constricts.
    func conditions(temperature t: Double, pressure: Double, electrolyteResistivity rho: Double,
                    parameters p: LithiumMetalParameters) throws -> LithiumInterfaceConditions {
        let model = "Li-metal interface model"
        // Charge transfer: the interface's i0, else the contact material's, else the Li|SE default.
        let i0: Double
        if let given = interface?.exchangeCurrentDensity ?? contactLayer.material.exchangeCurrentDensity {
            i0 = try ElectrolyteConduction.positiveValue(given, at: t, field: "i0", owner: contactLayer.material.identifier)
        } else {
            i0 = ArrheniusLaw.simple.scale(p.defaultExchangeCurrentDensity, from: 298.15, to: t,
                                           activationEV: p.exchangeCurrentActivationEnergy)
        }
        let ct = Constants.gas * t / (Constants.faraday * i0)

        // Constriction: a given interface ASR is the total at full contact; otherwise Holm's
        // n-spot law ASR_c = (ρ/2)·√(πH/(N·P)) = K·P^(−1/2), full contact (ASR_min) at P ≥ H.
        let constriction: Double
        if let asr = interface?.areaSpecificResistance {
            let total = asr.value(at: t)
            guard total >= 0, total.isFinite else {
                throw ModelError.outOfRange(what: "the `asr` of interface `\(electrode.name) | \(contactLayer.name)`",
                                            value: "\(total) ohm*m^2", allowed: "non-negative")
            }
            constriction = max(0, total - ct)
        } else {
            guard let hardness = electrode.material.hardness else {
                throw ModelError.missingField(field: "H", owner: "material `\(electrode.material.identifier)`",
                                              model: "constriction model (no interface `asr`)")
            }
            guard hardness > 0 else {
                throw ModelError.outOfRange(what: "`H` of `\(electrode.material.identifier)`", value: "\(hardness) Pa",
                                            allowed: "positive")
            }
            let spots = p.extra("contact_density", of: contactLayer.material) ?? p.defaultContactSpotDensity
            guard spots > 0 else {
                throw ModelError.outOfRange(what: "`contact_density` of `\(contactLayer.material.identifier)`",
                                            value: "\(spots)", allowed: "positive")
            }
            let effective = max(pressure, p.assemblyPressure)
            if effective >= hardness {
                constriction = p.minimumConstrictionASR
            } else {
                // The impedance model's Holm law per unit area (one implementation for both models).
                let holm = ContactConstriction.holmASR(resistivity: rho, hardness: hardness, area: 1, spots: spots,
                                                       pressure: effective)
                constriction = max(p.minimumConstrictionASR, holm)
            }
        }

        // Ohmic interlayers (those with an ionic conductivity); metals alloy and add nothing.
        var ohmic = 0.0
        var blocking: Double?
        for layer in interlayers {
            if layer.material.ionicConductivity != nil {
                ohmic += try ElectrolyteConduction.ionicASR(of: layer, at: t, model: model)
            }
            if let se = layer.material.electronicConductivity {
                let value = try ElectrolyteConduction.positiveValue(se, at: t, field: "sigma_e", owner: layer.material.identifier)
                blocking = min(blocking ?? value, value)
            }
        }

        // Li supply: the vacancy diffusivity of the layer nearest the electrolyte that sets one.
        let diffusivity = try vacancyDiffusivity(parameters: p)
        let dV = ArrheniusLaw.simple.scale(diffusivity, from: 298.15, to: t, activationEV: p.vacancyActivationEnergy)
        let supplyConstant = p.vacancySupersaturation * dV.squareRoot()          // Π, mol m⁻² s⁻½
        let a = Constants.faraday / 2 * supplyConstant * Double.pi.squareRoot()
        let dSelf = ArrheniusLaw.simple.scale(p.creepSelfDiffusivity, from: 298.15, to: t,
                                              activationEV: p.vacancyActivationEnergy)
        let kT = Constants.boltzmannEV * Constants.elementaryCharge * t
        let kP = Constants.faraday * dSelf * p.lithiumConcentration * p.atomicVolume / (kT * p.creepSpacing)
        let creep = pressure > 0
            ? kP * p.creepReferencePressure * Double.pow(pressure / p.creepReferencePressure, p.creepExponent)
            : 0
        return LithiumInterfaceConditions(
            exchangeCurrentDensity: i0, chargeTransferASR: ct, constrictionASR: constriction, interlayerASR: ohmic,
            vacancySupplyCoefficient: a, creepSupply: creep, interlayerElectronicConductivity: blocking)
    }

    /// D_V (m²/s at 298.15 K): the nearest-to-electrolyte interlayer with `D_vacancy`, else the
    /// electrode's, else the default for Li.
    func vacancyDiffusivity(parameters p: LithiumMetalParameters) throws -> Double {
        for layer in ([electrode] + interlayers).reversed() {
            if let d = layer.material.vacancyDiffusivity {
                guard d > 0, d.isFinite else {
                    throw ModelError.outOfRange(what: "`D_vacancy` of `\(layer.material.identifier)`", value: "\(d) m^2/s",
                                                allowed: "positive")
                }
                return d
            }
        }
        return p.lithiumVacancyDiffusivity
    }
}
