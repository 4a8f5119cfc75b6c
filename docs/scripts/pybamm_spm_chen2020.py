"""PyBaMM reference for the CellScript transport model (docs/models/transport.md).

Runs PyBaMM's single-particle model (SPM) with the Chen2020 parameter set and writes
Tests/CellPhysicsTests/Fixtures/pybamm/spm_chen2020.json:
  - the parameters the Swift model needs (radii, diffusivities, c_max, initial stoichiometries,
    thicknesses, active volume fractions, area, rate constants with c_e folded in, cut-offs),
  - both OCPs as (x, U) tables,
  - V(t) for 0.5 C, 1 C and 2 C constant-current discharges to the lower cut-off,
  - per-cycle capacities of the 10-cycle CC-CV benchmark protocol.

Usage (throwaway venv, never a runtime dependency):
  python3 -m venv /tmp/venv-pybamm && /tmp/venv-pybamm/bin/pip install pybamm
  /tmp/venv-pybamm/bin/python docs/scripts/pybamm_spm_chen2020.py [--bench] [--out PATH]
With --bench only the 10-cycle CC-CV protocol is solved and timed (solve-only wall time printed);
time the whole process with `time`.
"""
import argparse
import json
import math
import time

import numpy as np
import pybamm

CHEN = "Chen2020"
RATES = [0.5, 1.0, 2.0]
# Chen2020 evaluates i0 with the electrolyte at its initial concentration; SPM keeps it there.
ELECTROLYTE_CONCENTRATION = 1000.0
CYCLE_STEPS = [
    "Discharge at 1C until 2.5 V",
    "Rest for 10 minutes",
    "Charge at 1C until 4.2 V",
    "Hold at 4.2 V until C/50",
]


def ocp_table(function, points):
    """(x, U) on a grid that is dense near both ends, where the OCPs bend sharply."""
    s = np.linspace(0.0, 1.0, points)
    xs = 0.5 - 0.5 * np.cos(np.pi * s)          # Chebyshev-like clustering at 0 and 1
    xs = np.clip(xs, 1e-4, 1 - 1e-4)
    xs = np.unique(xs)
    us = [float(function(pybamm.Scalar(x)).evaluate()) for x in xs]
    return [float(x) for x in xs], us


def rate_constant(params, side, c_max):
    """k0 in the c_e-folded convention i0 = k0 sqrt(c_s (c_max - c_s)), from i0 at c_s = c_max/2."""
    j0 = params[f"{side} electrode exchange-current density [A.m-2]"]
    T = params["Reference temperature [K]"]
    value = j0(pybamm.Scalar(ELECTROLYTE_CONCENTRATION), pybamm.Scalar(c_max / 2), pybamm.Scalar(c_max),
               pybamm.Scalar(T))
    i0_mid = float(value.evaluate())
    return i0_mid / (c_max / 2)


def discharge(params, rate):
    model = pybamm.lithium_ion.SPM()
    p = params.copy()
    capacity = p["Nominal cell capacity [A.h]"]
    p["Current function [A]"] = rate * capacity
    sim = pybamm.Simulation(model, parameter_values=p, solver=pybamm.IDAKLUSolver(rtol=1e-8, atol=1e-10))
    t_end = 3600.0 / rate * 1.2
    solution = sim.solve([0, t_end], t_interp=np.linspace(0, t_end, 2000))
    t = solution["Time [s]"].entries
    v = solution["Voltage [V]"].entries
    step = max(1, len(t) // 300)
    idx = list(range(0, len(t), step))
    if idx[-1] != len(t) - 1:
        idx.append(len(t) - 1)
    return {"c_rate": rate, "current_A": rate * capacity,
            "time_s": [float(t[i]) for i in idx], "voltage_V": [float(v[i]) for i in idx]}


def cccv(params):
    model = pybamm.lithium_ion.SPM()
    experiment = pybamm.Experiment([tuple(CYCLE_STEPS)] * 10)
    sim = pybamm.Simulation(model, parameter_values=params.copy(), experiment=experiment)
    start = time.perf_counter()
    solution = sim.solve()
    elapsed = time.perf_counter() - start
    cycles = []
    # per-step capacities: each experiment step is one entry of solution.steps
    steps = [step for cycle in solution.cycles for step in cycle.steps]
    for k, step in enumerate(steps):
        q = step["Discharge capacity [A.h]"].entries
        cycles.append({"step": k, "description": CYCLE_STEPS[k % 4],
                       "charge_Ah": float(q[-1] - q[0]), "end_time_s": float(step["Time [s]"].entries[-1]),
                       "end_voltage_V": float(step["Voltage [V]"].entries[-1])})
    return elapsed, cycles


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bench", action="store_true")
    parser.add_argument("--out", default="Tests/CellPhysicsTests/Fixtures/pybamm/spm_chen2020.json")
    args = parser.parse_args()
    params = pybamm.ParameterValues(CHEN)
    if args.bench:
        elapsed, _ = cccv(params)
        print(f"pybamm {pybamm.__version__} SPM Chen2020 10-cycle CC-CV solve-only: {elapsed:.3f} s")
        # A second solve of the already built simulation: integration without model set-up.
        model = pybamm.lithium_ion.SPM()
        sim = pybamm.Simulation(model, parameter_values=params.copy(),
                                experiment=pybamm.Experiment([tuple(CYCLE_STEPS)] * 10))
        sim.solve()
        start = time.perf_counter()
        sim.solve()
        print(f"second solve of the built simulation: {time.perf_counter() - start:.3f} s")
        return
    out = {"pybamm_version": pybamm.__version__, "parameter_set": CHEN, "model": "SPM"}
    sides = {}
    for side, short in (("Negative", "n"), ("Positive", "p")):
        c_max = params[f"Maximum concentration in {side.lower()} electrode [mol.m-3]"]
        c0 = params[f"Initial concentration in {side.lower()} electrode [mol.m-3]"]
        xs, us = ocp_table(params[f"{side} electrode OCP [V]"], 241)
        sides[side.lower()] = {
            "max_concentration": c_max,
            "initial_fraction": c0 / c_max,
            "particle_radius": params[f"{side} particle radius [m]"],
            "diffusivity": params[f"{side} particle diffusivity [m2.s-1]"],
            "thickness": params[f"{side} electrode thickness [m]"],
            "active_volume_fraction": params[f"{side} electrode active material volume fraction"],
            "rate_constant": rate_constant(params, side, c_max),
            "ocp_x": xs, "ocp_u": us,
        }
    out["negative"] = sides["negative"]
    out["positive"] = sides["positive"]
    out["area"] = params["Electrode height [m]"] * params["Electrode width [m]"]
    out["temperature"] = params["Reference temperature [K]"]
    out["nominal_capacity_Ah"] = params["Nominal cell capacity [A.h]"]
    out["lower_cutoff"] = params["Lower voltage cut-off [V]"]
    out["upper_cutoff"] = params["Upper voltage cut-off [V]"]
    out["discharges"] = [discharge(params, r) for r in RATES]
    elapsed, steps = cccv(params)
    out["cccv_solve_seconds"] = elapsed
    out["cccv_steps"] = steps
    with open(args.out, "w") as f:
        json.dump(out, f, separators=(",", ":"))
    print(f"wrote {args.out}; CC-CV solve {elapsed:.3f} s")


if __name__ == "__main__":
    main()
