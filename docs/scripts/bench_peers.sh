#!/bin/sh
# `make bench-peers`: the whole-process benchmarks of docs/scripts/bench_peers.py side by side with
# impedance.py and PyBaMM, installed from PyPI into a throwaway venv (never a runtime dependency).
#   VENV=/tmp/cellscript-bench-venv RUNS=5 sh docs/scripts/bench_peers.sh
set -eu
VENV=${VENV:-/tmp/cellscript-bench-venv}
RUNS=${RUNS:-5}
SWIFT=${SWIFT:-swift}
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c "import impedance, pybamm" 2>/dev/null; then
  echo "installing impedance.py and PyBaMM into $VENV (network)"
  "$VENV/bin/pip" install -q impedance pybamm pandas
fi
"$SWIFT" build -c release --product cell
echo "uptime: $(uptime)"
python3 docs/scripts/bench_peers.py --runs "$RUNS" --imp-python "$VENV/bin/python" --pybamm-python "$VENV/bin/python"
