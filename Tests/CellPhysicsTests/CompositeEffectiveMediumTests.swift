import XCTest
@testable import CellPhysics

/// Effective-medium formulas of PHYSICS.md §3 against hand values and the percolation threshold.
final class CompositeEffectiveMediumTests: XCTestCase {
    func testWienerBounds() {
        // φ = ½ of σ = 1 and 2: series 1/(0.5 + 0.25) = 4/3, parallel 1.5.
        eisAssertClose(EffectiveMedium.seriesBound(fractions: [0.5, 0.5], conductivities: [1, 2]), 4.0 / 3,
                       relative: 1e-15, "series")
        eisAssertClose(EffectiveMedium.parallelBound(fractions: [0.5, 0.5], conductivities: [1, 2]), 1.5,
                       relative: 1e-15, "parallel")
        XCTAssertEqual(EffectiveMedium.seriesBound(fractions: [0.5, 0.5], conductivities: [1, 0]), 0)
    }

    func testMaxwellGarnettHandValues() {
        // Insulating inclusions at φ = ½ in a unit matrix: (2 − 1)/(2 + ½) = 0.4.
        eisAssertClose(EffectiveMedium.maxwellGarnett(matrix: 1, inclusion: 0, inclusionFraction: 0.5), 0.4,
                       relative: 1e-15, "MG insulating")
        // Perfect-conductor limit is finite: σ_i → ∞ gives (1 + 2φ)/(1 − φ) = 4 at φ = ½.
        eisAssertClose(EffectiveMedium.maxwellGarnett(matrix: 1, inclusion: 1e12, inclusionFraction: 0.5), 4,
                       relative: 1e-9, "MG conducting")
        eisAssertClose(EffectiveMedium.maxwellGarnett(matrix: 2, inclusion: 7, inclusionFraction: 0), 2,
                       relative: 1e-15, "MG at φ = 0")
    }

    func testBruggemanHandValuesAndPercolation() {
        // σ₂ = 0, φ₁ = ½: b = ½, σ = (½ + ½)/4 = ¼.
        eisAssertClose(EffectiveMedium.bruggeman(1, fraction: 0.5, 0), 0.25, relative: 1e-15, "Bruggeman ½")
        // Below and at the threshold φ₁ = ⅓ an insulating second phase leaves no path.
        XCTAssertEqual(EffectiveMedium.bruggeman(1, fraction: 0.3, 0), 0)
        XCTAssertEqual(EffectiveMedium.bruggeman(1, fraction: 1.0 / 3, 0), 0, accuracy: 1e-16)
        // Just above it σ = (3φ₁ − 1)/2 rises linearly.
        eisAssertClose(EffectiveMedium.bruggeman(1, fraction: 0.4, 0), 0.1, relative: 1e-12, "Bruggeman 0.4")
        eisAssertClose(EffectiveMedium.bruggeman(3, fraction: 1, 5), 3, relative: 1e-15, "pure phase 1")
        // Equal phases give the phase value; the root lies between the Wiener bounds.
        eisAssertClose(EffectiveMedium.bruggeman(2, fraction: 0.37, 2), 2, relative: 1e-15, "equal phases")
        let s = EffectiveMedium.bruggeman(1, fraction: 0.6, 10)
        XCTAssertGreaterThan(s, EffectiveMedium.seriesBound(fractions: [0.6, 0.4], conductivities: [1, 10]))
        XCTAssertLessThan(s, EffectiveMedium.parallelBound(fractions: [0.6, 0.4], conductivities: [1, 10]))
    }

    func testNPhaseBruggemanMatchesTheClosedFormAndItsEquation() {
        for phi in [0.1, 0.34, 0.5, 0.8] {
            let closed = EffectiveMedium.bruggeman(1e-3, fraction: phi, 7e-5)
            // Three phases with one split in two must give the two-phase value.
            let split = EffectiveMedium.bruggeman(fractions: [phi / 2, phi / 2, 1 - phi],
                                                  conductivities: [1e-3, 1e-3, 7e-5])
            eisAssertClose(split, closed, relative: 1e-10, "split phase at φ = \(phi)")
        }
        let phis = [0.2, 0.5, 0.3], sigmas = [1.0, 0.01, 0.3]
        let s = EffectiveMedium.bruggeman(fractions: phis, conductivities: sigmas)
        let residual = zip(phis, sigmas).reduce(0) { $0 + $1.0 * ($1.1 - s) / ($1.1 + 2 * s) }
        XCTAssertLessThan(abs(residual), 1e-12, "Σφ(σ−σ*)/(σ+2σ*) = \(residual)")
        XCTAssertEqual(EffectiveMedium.bruggeman(fractions: [0.3, 0.4, 0.3], conductivities: [1, 0, 0]), 0)
    }

    func testMassToVolumeFraction() {
        // 10 wt% solder (2.0 g/cm³) in LLZTO (5.3 g/cm³): φ = 0.227 (PHYSICS.md §3 Table S1).
        eisAssertClose(EffectiveMedium.volumeFraction(massFraction: 0.10, density: 2.0, hostDensity: 5.3), 0.2275,
                       relative: 1e-3, "φ at 10 wt%")
        let fractions = EffectiveMedium.volumeFractions(massFractions: [0.55, 0.25, 0.20], densities: [5.05, 5.3, 2.0])
        let expected = [0.425, 0.184, 0.390]  // PHYSICS.md §6: 0.43 / 0.18 / 0.39
        for (observed, value) in zip(fractions ?? [], expected) {
            eisAssertClose(observed, value, relative: 5e-3, "cathode volume fraction")
        }
        XCTAssertNil(EffectiveMedium.volumeFractions(massFractions: [1], densities: [0]))
    }

    func testTortuosityFactor() {
        eisAssertClose(EffectiveMedium.tortuosityFactor(solidFraction: 0.25), 0.125, relative: 1e-15, "0.25^1.5")
    }
}
