#!/usr/bin/env python3
"""Generate impedance.py reference fixtures for CellNumerics tests.

Run in a throwaway venv (never a runtime dependency):

    python3 -m venv /tmp/venv-imp && /tmp/venv-imp/bin/pip install impedance pandas
    /tmp/venv-imp/bin/python docs/scripts/impedance_py_fixture.py Tests/CellNumericsTests/Fixtures

Writes:
  impedance_py_elements.json  every impedance.py element alone and several circuit strings,
                              evaluated by impedance.py (values to full double precision)
  impedance_py_fits.json      synthetic spectra and what CustomCircuit.fit (scipy curve_fit)
                              returns from given starts, with chi^2 and wall time
"""
import json
import sys
import time

import numpy as np
import impedance
from impedance.models.circuits import CustomCircuit
from impedance.models.circuits import elements

OUT = sys.argv[1] if len(sys.argv) > 1 else "."
FREQS = np.logspace(6, -3, 46)  # 5 per decade, 1 MHz .. 1 mHz

ELEMENTS = [
    ("R", [12.5]),
    ("C", [3.3e-6]),
    ("L", [2.2e-7]),
    ("CPE", [4.7e-5, 0.83]),
    ("W", [35.0]),
    ("Wo", [120.0, 2.5]),
    ("Ws", [80.0, 0.7]),
    ("G", [60.0, 0.02]),
    ("Gs", [60.0, 0.02, 1.7]),
    ("K", [45.0, 1e-3]),
    ("Zarc", [70.0, 5e-3, 0.78]),
    ("La", [1e-6, 0.9]),
]

CIRCUITS = [
    ("R0-p(R1,CPE1)-p(R2-Wo1,C2)", [15.0, 120.0, 2e-6, 0.88, 300.0, 90.0, 4.0, 1e-4]),
    ("R0-p(R1,CPE1)-p(R2,CPE2)-CPE3", [20.0, 150.0, 2e-6, 0.85, 800.0, 5e-4, 0.75, 1e-2, 0.9]),
    ("L0-R0-p(R1,C1)-W1", [1e-7, 8.0, 50.0, 1e-6, 12.0]),
    ("p(R1-Ws1,CPE1)-G1", [40.0, 200.0, 0.3, 3e-5, 0.92, 25.0, 0.05]),
    ("R0-p(R1-p(R2,C2),CPE1)-K1-La1", [5.0, 30.0, 60.0, 1e-7, 2e-6, 0.8, 10.0, 1e-2, 3e-7, 0.95]),
    ("p(R1,C1,L1)", [100.0, 1e-6, 1e-3]),
    ("Zarc1-Gs1", [70.0, 5e-3, 0.78, 60.0, 0.02, 1.7]),
]


def complex_lists(z):
    return [float(v) for v in np.real(z)], [float(v) for v in np.imag(z)]


def element_cases():
    cases = []
    for name, params in ELEMENTS:
        z = elements.circuit_elements[name](params, FREQS)
        real, imag = complex_lists(z)
        cases.append({"circuit": name + "1", "parameters": params,
                      "frequencies": [float(f) for f in FREQS], "real": real, "imag": imag})
    for circuit, params in CIRCUITS:
        model = CustomCircuit(circuit, initial_guess=params)
        z = model.predict(FREQS, use_initial=True)
        real, imag = complex_lists(z)
        cases.append({"circuit": circuit, "parameters": params,
                      "frequencies": [float(f) for f in FREQS], "real": real, "imag": imag,
                      "names": model.get_param_names()[0]})
    return cases


def chi2(z_fit, z, weight_by_modulus):
    w = np.abs(z) if weight_by_modulus else np.ones(len(z))
    return float(np.sum(((z_fit.real - z.real) / w) ** 2 + ((z_fit.imag - z.imag) / w) ** 2))


def fit_case(label, circuit, truth, freqs, z, starts, weight_by_modulus, repeats=1):
    runs = []
    for guess in starts:
        best_time = None
        for _ in range(repeats):
            model = CustomCircuit(circuit, initial_guess=guess)
            t0 = time.perf_counter()
            model.fit(freqs, z, weight_by_modulus=weight_by_modulus)
            elapsed = time.perf_counter() - t0
            best_time = elapsed if best_time is None else min(best_time, elapsed)
        z_fit = model.predict(freqs)
        runs.append({"guess": guess, "parameters": [float(v) for v in model.parameters_],
                     "chi2": chi2(z_fit, z, weight_by_modulus), "seconds": best_time})
    real, imag = complex_lists(z)
    return {"label": label, "circuit": circuit, "truth": truth,
            "weighting": "modulus" if weight_by_modulus else "unit",
            "frequencies": [float(f) for f in freqs], "real": real, "imag": imag, "runs": runs}


def fit_cases():
    cases = []
    # Two arcs, noise-free: naive starts where curve_fit stops early.
    freqs = np.logspace(6, -1, 71)
    circuit = "R0-p(R1,CPE1)-p(R2,CPE2)"
    truth = [20.0, 150.0, 2e-6, 0.85, 800.0, 5e-4, 0.75]
    z = CustomCircuit(circuit, initial_guess=truth).predict(freqs, use_initial=True)
    cases.append(fit_case("two-arc-unit", circuit, truth, freqs, z,
                          [[10, 10, 1e-5, 0.8, 10, 1e-5, 0.8]], False))
    cases.append(fit_case("two-arc-modulus", circuit, truth, freqs, z,
                          [[1, 1, 1, 1, 1, 1, 1]], True))
    # Benchmark: 9 parameters, 71 points, 0.5 % seeded multiplicative noise.
    freqs = np.logspace(6, -1, 71)
    circuit = "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3"
    truth = [20.0, 150.0, 2e-6, 0.85, 800.0, 5e-4, 0.75, 1e-2, 0.9]
    z0 = CustomCircuit(circuit, initial_guess=truth).predict(freqs, use_initial=True)
    rng = np.random.default_rng(20261122)
    noise = 1 + 0.005 * (rng.standard_normal(len(freqs)) + 1j * rng.standard_normal(len(freqs)))
    z = z0 * noise
    guess = [15.0, 100.0, 1e-6, 0.9, 500.0, 1e-4, 0.8, 5e-3, 0.9]
    cases.append(fit_case("bench-9-parameter", circuit, truth, freqs, z, [guess], True, repeats=20))
    return cases


def main():
    meta = {"generator": "docs/scripts/impedance_py_fixture.py",
            "impedance_py": impedance.__version__ if hasattr(impedance, "__version__") else "1.7.1",
            "numpy": np.__version__}
    with open(f"{OUT}/impedance_py_elements.json", "w") as handle:
        json.dump({"meta": meta, "cases": element_cases()}, handle, indent=1)
    with open(f"{OUT}/impedance_py_fits.json", "w") as handle:
        json.dump({"meta": meta, "cases": fit_cases()}, handle, indent=1)


if __name__ == "__main__":
    main()
