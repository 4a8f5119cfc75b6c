import RealModule

// EMPIRICAL cathode-interface ageing (PHYSICS.md §8): the interface ASR grows after every cycle
// in proportion to the solder's Young's modulus; capacity fade then emerges under fixed limits.

extension TransportModel {
    /// Applies the ageing law for every cycle the recorder closed since the last call:
    /// ASR(N) = ASR₀·[1 + Σₙ g₁(n)·n^−β], g₁ = k_E·E_s·(ε/ε_ref)²·(Δx/Δx_ref), with Δx the swing of
    /// the working electrode's mean Li fraction during cycle n (PHYSICS.md §8, EMPIRICAL).
    mutating func applyAgeing(completedCycles: Int) {
        guard completedCycles > agedCycles else { return }
        defer {
            agedCycles = completedCycles
            cycleSwing = (.infinity, -.infinity)
        }
        guard options.ageing, let ageing = transport.ageing else { return }
        let swing = cycleSwing.high > cycleSwing.low ? cycleSwing.high - cycleSwing.low : 0
        let strain = transport.electrodes[1].volumeChange.map { $0 / options.ageingReferenceStrain } ?? 1
        let g1 = options.ageingModulusCoefficient * ageing.modulus * strain * strain * swing / options.ageingReferenceSwing
        // Cycles closed together (no step in between) share the swing measured since the last call.
        for n in (agedCycles + 1)...completedCycles {
            ageingDamage += g1 * Double.pow(Double(n), -options.ageingExponent)
        }
        var cellCopy = transport
        cellCopy.branches[ageing.branch].asrFactor = 1 + ageingDamage
        transport = cellCopy
        solver = AlgebraicSolver(cell: transport)
    }

    /// The ageing multiplier on the cathode-interface ASR so far (1 before the first cycle ends).
    public var ageingFactor: Double { 1 + ageingDamage }
}
