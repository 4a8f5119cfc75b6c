#!/usr/bin/env python3
"""Thread scaling of a sweep, corrected for how much of a second core the machine really gives.

    python3 docs/scripts/bench_scaling.py [RECIPE] [--runs 9] [--cell .build/release/cell]

Alternates, `--runs` times: (a) one `cell run` with CELL_THREADS=1; (b) two such processes started
together (the wall time of the slower); (c) one process with CELL_THREADS=2. Reports medians and
  thread speed-up      = a / c
  available speed-up   = 2 a / b   (what two independent processes get on this machine right now:
                                    2.0 on two idle cores, 1.0 when only one core is free)
  parallel efficiency  = thread speed-up / available speed-up
so that a loaded, shared machine still says whether the interpreter's parallel loop scales.
"""
import argparse
import os
import statistics
import subprocess
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def start(cmd, threads, out):
    env = dict(os.environ, CELL_THREADS=str(threads))
    return subprocess.Popen(cmd + ["--out", out], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("recipe", nargs="?", default=os.path.join(HERE, "bench", "sweep_spm.cell"))
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--cell", default=".build/release/cell")
    args = ap.parse_args()
    out = tempfile.mkdtemp(prefix="cell-scaling-")
    cmd = [os.path.abspath(args.cell), "run", args.recipe]
    a, b, c = [], [], []
    load = os.getloadavg()[0]
    for _ in range(args.runs):
        t0 = time.perf_counter()
        start(cmd, 1, out + "/a").wait()
        a.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        p, q = start(cmd, 1, out + "/b1"), start(cmd, 1, out + "/b2")
        p.wait()
        q.wait()
        b.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        start(cmd, 2, out + "/c").wait()
        c.append(time.perf_counter() - t0)
    ma, mb, mc = statistics.median(a), statistics.median(b), statistics.median(c)
    speedup, available = ma / mc, 2 * ma / mb
    print(f"{os.path.basename(args.recipe)}: load {load:.2f} -> {os.getloadavg()[0]:.2f}, {args.runs} runs, medians")
    print(f"  1 process, 1 thread:           {ma * 1e3:.0f} ms")
    print(f"  2 processes, 1 thread each:    {mb * 1e3:.0f} ms  (available speed-up {available:.2f}x)")
    print(f"  1 process, 2 threads:          {mc * 1e3:.0f} ms  (thread speed-up {speedup:.2f}x)")
    print(f"  parallel efficiency:           {speedup / available:.2f}")


if __name__ == "__main__":
    main()
