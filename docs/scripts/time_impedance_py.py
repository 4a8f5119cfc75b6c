#!/usr/bin/env python3
"""Time impedance.py's CustomCircuit.fit on the cell-bench 9-parameter spectrum.

    /tmp/venv-imp/bin/python docs/scripts/time_impedance_py.py Tests/CellNumericsTests/Fixtures/impedance_py_fits.json

Prints the minimum and median wall time over repeats and the chi^2 (modulus weighting, same
definition as CellNumerics: sum of squared residuals divided by |Z|^2).
"""
import json
import statistics
import sys
import time

import numpy as np
from impedance.models.circuits import CustomCircuit

path = sys.argv[1] if len(sys.argv) > 1 else "Tests/CellNumericsTests/Fixtures/impedance_py_fits.json"
case = next(c for c in json.load(open(path))["cases"] if c["label"] == "bench-9-parameter")
f = np.array(case["frequencies"])
z = np.array(case["real"]) + 1j * np.array(case["imag"])
guess = case["runs"][0]["guess"]
times = []
for _ in range(30):
    model = CustomCircuit(case["circuit"], initial_guess=guess)
    t0 = time.perf_counter()
    model.fit(f, z, weight_by_modulus=True)
    times.append(time.perf_counter() - t0)
fit = model.predict(f)
chi2 = float(np.sum(((fit.real - z.real) / np.abs(z)) ** 2 + ((fit.imag - z.imag) / np.abs(z)) ** 2))
print(f"circuit {case['circuit']}, {len(f)} points, guess {guess}")
print(f"impedance.py CustomCircuit.fit: min {min(times) * 1e3:.2f} ms, median {statistics.median(times) * 1e3:.2f} ms")
print(f"chi2 (modulus) = {chi2!r}")
print("parameters =", [float(v) for v in model.parameters_])
