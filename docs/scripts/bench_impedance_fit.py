#!/usr/bin/env python3
"""One impedance.py CustomCircuit.fit as a whole process (the peer of `cell fit ... --json`).

    python bench_impedance_fit.py DATA.csv "15,100,1e-6,0.9,500,1e-4,0.8,5e-3,0.9"

DATA.csv has columns frequency_Hz, Zre_ohm, Zim_ohm (Zim signed). Fits
R0-p(R1,CPE1)-p(R2,CPE2)-CPE3 with modulus weighting from the given start and prints JSON with
the parameters and chi2 = sum(|Z_fit - Z|^2 / |Z|^2), CellNumerics' definition.
"""
import json
import sys

import numpy as np
from impedance.models.circuits import CustomCircuit

data = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1)
guess = [float(x) for x in sys.argv[2].split(",")]
f = data[:, 0]
z = data[:, 1] + 1j * data[:, 2]
model = CustomCircuit("R0-p(R1,CPE1)-p(R2,CPE2)-CPE3", initial_guess=guess)
model.fit(f, z, weight_by_modulus=True)
fit = model.predict(f)
chi2 = float(np.sum(np.abs(fit - z) ** 2 / np.abs(z) ** 2))
print(json.dumps({"parameters": [float(v) for v in model.parameters_], "chi2": chi2}))
