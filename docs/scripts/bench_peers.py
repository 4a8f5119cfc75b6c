#!/usr/bin/env python3
"""Whole-process benchmarks of the `cell` release binary, optionally side by side with the peers.

    python3 docs/scripts/bench_peers.py [--runs 5] [--cell .build/release/cell]
        [--imp-python /tmp/venv/bin/python] [--pybamm-python /tmp/venv/bin/python]

Cases (issue 10): (1) the 9-parameter fit `R0-p(R1,CPE1)-p(R2,CPE2)-CPE3` on 71 points vs
impedance.py's CustomCircuit.fit; (2) 10 CC-CV cycles of the Chen2020 SPM cell vs PyBaMM's SPM;
(3) examples/feng2020_garnet_aclb.cell end to end; (4) 2000 h of symmetric-cell cycling;
(6) sweeps (101 spectra, 20 fits, 8 SPM runs) with CELL_THREADS=1 and 2. A peer is timed only when its Python is given.

Every timing is a whole process (start-up, imports, parsing, solving, writing), measured with
time.perf_counter around subprocess.run; the commands of all cases are run alternately, one
after another, `--runs` times, and medians are reported, so a change of machine load hits every
command alike. Prints a Markdown table for docs/performance.md and the load average before/after.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.join(HERE, "bench")
CIRCUIT = "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3"
# impedance.py's start for the 9-parameter case (Tests/CellNumericsTests/Fixtures/impedance_py_fits.json).
GUESS = "15,100,1e-6,0.9,500,1e-4,0.8,5e-3,0.9"


def timed(cmd, env=None):
    """Wall time (s), stdout and return code of one whole process."""
    t0 = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    return time.perf_counter() - t0, p.stdout, p.returncode, p.stderr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--cell", default=".build/release/cell")
    ap.add_argument("--imp-python")
    ap.add_argument("--pybamm-python")
    ap.add_argument("--only", help="comma-separated case keys (fit,spm,feng,symmetric,sweep)")
    args = ap.parse_args()
    out = tempfile.mkdtemp(prefix="cell-bench-")
    cell = os.path.abspath(args.cell)
    env1 = dict(os.environ, CELL_THREADS="1")
    env2 = dict(os.environ, CELL_THREADS="2")

    cases = []  # (key, label, command, env, target text)
    data = os.path.join(BENCH, "fit_9param_71pt.csv")
    cases.append(("fit", "cell fit, automatic guess (multi-start)", [cell, "fit", data, "--circuit", CIRCUIT, "--json"], None))
    cases.append(("fit", "cell fit, impedance.py's start", [cell, "fit", data, "--circuit", CIRCUIT, "--guess", GUESS, "--json"], None))
    if args.imp_python:
        cases.append(("fit", "impedance.py CustomCircuit.fit", [args.imp_python, os.path.join(HERE, "bench_impedance_fit.py"), data, GUESS], None))
    cases.append(("spm", "cell run spm_chen2020.cell (10 CC-CV cycles)", [cell, "run", os.path.join(BENCH, "spm_chen2020.cell"), "--out", out + "/spm"], None))
    if args.pybamm_python:
        cases.append(("spm", "PyBaMM SPM Chen2020 (10 CC-CV cycles)", [args.pybamm_python, os.path.join(HERE, "pybamm_spm_chen2020.py"), "--bench"], None))
    cases.append(("feng", "cell run examples/feng2020_garnet_aclb.cell", [cell, "run", "examples/feng2020_garnet_aclb.cell", "--out", out + "/feng"], None))
    cases.append(("symmetric", "cell run symmetric_2000h.cell", [cell, "run", os.path.join(BENCH, "symmetric_2000h.cell"), "--out", out + "/sym"], None))
    cases.append(("sweep", "101-spectrum sweep, CELL_THREADS=1", [cell, "run", os.path.join(BENCH, "sweep_spectra.cell"), "--out", out + "/sweep1"], env1))
    cases.append(("sweep", "101-spectrum sweep, CELL_THREADS=2", [cell, "run", os.path.join(BENCH, "sweep_spectra.cell"), "--out", out + "/sweep2"], env2))
    cases.append(("sweep", "20-fit sweep, CELL_THREADS=1", [cell, "run", os.path.join(BENCH, "sweep_fits.cell"), "--out", out + "/fits1"], env1))
    cases.append(("sweep", "20-fit sweep, CELL_THREADS=2", [cell, "run", os.path.join(BENCH, "sweep_fits.cell"), "--out", out + "/fits2"], env2))
    cases.append(("sweep", "8 SPM runs sweep, CELL_THREADS=1", [cell, "run", os.path.join(BENCH, "sweep_spm.cell"), "--out", out + "/spm1"], env1))
    cases.append(("sweep", "8 SPM runs sweep, CELL_THREADS=2", [cell, "run", os.path.join(BENCH, "sweep_spm.cell"), "--out", out + "/spm2"], env2))
    if args.only:
        keep = set(args.only.split(","))
        cases = [c for c in cases if c[0] in keep]

    load_before = os.getloadavg()
    times = {i: [] for i in range(len(cases))}
    outputs = {}
    for run in range(args.runs):
        for i, (key, label, cmd, env) in enumerate(cases):
            dt, stdout, rc, stderr = timed(cmd, env)
            if rc != 0:
                print(f"warning: `{label}` exited with {rc}: {stderr.strip()[-400:]}", file=sys.stderr)
            times[i].append(dt)
            outputs[i] = stdout
    load_after = os.getloadavg()

    print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f} (1-minute), {os.cpu_count()} cores, "
          f"{args.runs} alternating runs each, whole processes, wall time")
    print()
    print("| case | command | median | min | runs |")
    print("|---|---|---|---|---|")
    med = {}
    for i, (key, label, cmd, env) in enumerate(cases):
        med[label] = statistics.median(times[i])
        print(f"| {key} | {label} | {med[label] * 1e3:.0f} ms | {min(times[i]) * 1e3:.0f} ms | {len(times[i])} |")
    print()
    for i, (key, label, _, _) in enumerate(cases):
        if key == "fit":
            m = re.search(r'"chi2"\s*:\s*([0-9eE.+-]+)', outputs[i]) or re.search(r"chi2[^=]*=\s*([0-9eE.+-]+)", outputs[i])
            if m:
                print(f"chi2 {label}: {m.group(1)}")

    def ratio(a, b, what):
        if a in med and b in med:
            print(f"{what}: {med[a] / med[b]:.1f}x")
    ratio("impedance.py CustomCircuit.fit", "cell fit, automatic guess (multi-start)", "fit speed-up (automatic guess)")
    ratio("impedance.py CustomCircuit.fit", "cell fit, impedance.py's start", "fit speed-up (same start)")
    ratio("PyBaMM SPM Chen2020 (10 CC-CV cycles)", "cell run spm_chen2020.cell (10 CC-CV cycles)", "SPM speed-up")
    ratio("101-spectrum sweep, CELL_THREADS=1", "101-spectrum sweep, CELL_THREADS=2", "spectrum sweep, 2 threads vs 1")
    ratio("20-fit sweep, CELL_THREADS=1", "20-fit sweep, CELL_THREADS=2", "fit sweep, 2 threads vs 1")
    ratio("8 SPM runs sweep, CELL_THREADS=1", "8 SPM runs sweep, CELL_THREADS=2", "SPM sweep, 2 threads vs 1")
    for a, b in [("sweep1/sweep.csv", "sweep2/sweep.csv"), ("fits1/fits.csv", "fits2/fits.csv"), ("spm1/rates.csv", "spm2/rates.csv")]:
        pa, pb = os.path.join(out, a), os.path.join(out, b)
        if os.path.exists(pa) and os.path.exists(pb):
            same = open(pa, "rb").read() == open(pb, "rb").read()
            print(f"{a} vs {b}: {'byte-identical' if same else 'DIFFERENT'}")


if __name__ == "__main__":
    main()
