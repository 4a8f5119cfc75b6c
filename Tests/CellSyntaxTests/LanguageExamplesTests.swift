import XCTest
import CellSyntax

/// Every code block of LANGUAGE.md must parse without a diagnostic (they are acceptance tests).
final class LanguageExamplesTests: XCTestCase {
    static let sectionMaterials = """
material LBOCl from Li3OCl {            // derive from a stdlib material, override fields
  name = "Li2.985B0.005OCl"
  sigma_ion = 6.8e-5 S/cm at 25 degC    // value at a reference temperature
  Ea = 0.51 eV                          // Arrhenius activation energy
  sigma_e = 5.2e-9 S/cm                 // electronic conductivity
  E = 7.8 GPa                           // Young's modulus
  T_melt = 267 degC
}
"""

    static let sectionCell = """
cell aclb(w = 10 wt%) {
  area = pi * (5 mm)^2
  temperature = 90 degC
  pressure = 0 MPa

  layer anode = Li { thickness = 450 um }
  interlayer wetting = Au { thickness = 20 nm }
  layer separator = composite(LLZTO: 100 % - w, LBOCl: w) {
    thickness = 1.0 mm
    grain_size = 5 um
  }
  layer cathode = composite(LCO: 55 wt%, LLZTO: 25 wt%, LBOCl: 20 wt%) {
    loading = 1.85 mg/cm^2              // whole composite; 55 wt% of it is LCO
    coating on LCO = LBOCl { thickness = 10 nm }
  }

  interface anode | separator { asr = 208 ohm*cm^2 }
  interface separator | cathode { asr = 386 ohm*cm^2 }
}
"""

    static let sectionProtocols = """
protocol formation {
  repeat 50 {
    charge at 0.05 C until 4.1 V
    rest for 10 min
    discharge at 0.05 C until 3.0 V
  }
}
protocol cccv { charge at 0.5 C until 4.2 V; hold at 4.2 V until 0.05 C }
protocol eis90 { eis from 7 MHz to 1 Hz, 10 per decade, amplitude 50 mV }
protocol ccd_test {
  ccd from 0.1 mA/cm^2 to 2.5 mA/cm^2 step 0.1 mA/cm^2, 10 min per half-cycle
}
protocol plating { repeat 1000 { plate at 0.5 mA/cm^2 for 1 h; strip at 0.5 mA/cm^2 for 1 h } }
protocol gitt { repeat until 4.3 V { charge at 0.1 C for 10 min; rest for 1 h } }
protocol electronic { polarize at 0.4 V for 1 h; polarize at 0.6 V for 1 h; polarize at 0.8 V for 1 h }
protocol rates {
  for r in [0.1, 0.2, 0.5, 1, 2] C {
    repeat 3 { charge at 0.1 C until 4.3 V; discharge at r until 2.6 V }
  }
}
protocol insitu { repeat 5 { charge at 0.05 C until 4.1 V; eis from 1 MHz to 1 Hz; discharge at 0.05 C until 3 V; eis from 1 MHz to 1 Hz } }
"""

    static let sectionRunning = """
let r = run formation on aclb
print r.discharge_capacity[0] in mAh/g, r.coulombic_efficiency[0] in %
let z = run eis90 on aclb at 25 degC
print z.arcs                               // per-arc R, C, f_peak, and which layer/interface it is
let c = run ccd_test on symmetric(Li, aclb.separator, area: 1 cm^2)
print c.ccd in mA/cm^2
export r to "formation.csv"
plot r.voltage vs r.capacity to "formation.svg"
plot nyquist(z, run eis90 on aclb) to "nyquist.svg"
plot arrhenius(LBOCl, from 25 degC to 120 degC) to "arrhenius.svg"
"""

    static let sectionCircuits = """
let c = circuit "R0-p(R1,CPE1)-p(R2,CPE2)-Wo1"   // the notation impedance.py users know
let data = load eis "data/ce.csv"                 // CSV f,Z',Z'' or instrument files
let f1 = fit c to data                             // parameters with units, 95 % CIs, chi^2
let f2 = fit aclb(w: 10 wt%) to data vary [separator.grain_size, interface(anode, separator).asr]
print f1, f2
print kk(data)                                     // Kramers–Kronig residuals and verdict
print aclb.circuit                                 // the circuit the stack compiles to
"""

    func testMaterialsExampleParses() {
        let (program, bag) = parseSource(Self.sectionMaterials)
        XCTAssertTrue(bag.diagnostics.isEmpty, rendered(bag))
        XCTAssertFalse(program.statements.isEmpty)
    }

    func testCellExampleParses() {
        let (program, bag) = parseSource(Self.sectionCell)
        XCTAssertTrue(bag.diagnostics.isEmpty, rendered(bag))
        XCTAssertFalse(program.statements.isEmpty)
    }

    func testProtocolsExampleParses() {
        let (program, bag) = parseSource(Self.sectionProtocols)
        XCTAssertTrue(bag.diagnostics.isEmpty, rendered(bag))
        XCTAssertFalse(program.statements.isEmpty)
    }

    func testRunningExampleParses() {
        let (program, bag) = parseSource(Self.sectionRunning)
        XCTAssertTrue(bag.diagnostics.isEmpty, rendered(bag))
        XCTAssertFalse(program.statements.isEmpty)
    }

    func testCircuitsExampleParses() {
        let (program, bag) = parseSource(Self.sectionCircuits)
        XCTAssertTrue(bag.diagnostics.isEmpty, rendered(bag))
        XCTAssertFalse(program.statements.isEmpty)
    }

}
