#!/usr/bin/env python3
"""How long loading the shipped gazetteer takes, in fresh processes (the budget: well under 1 s).

    python benchmarks/gazetteer_load.py [--runs 5] [--budget 1.0]

Each run starts a new interpreter, so nothing is cached; the figure is the time of
``load_gazetteer()`` itself, without the interpreter's start-up and imports (spaCy). Exits 1 over the budget.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys

PROBE = (
    "import time; from eventwire.extract.places.gazetteer import load_gazetteer;"
    "t = time.perf_counter(); g = load_gazetteer(); g.lookup('Paris');"
    "print(time.perf_counter() - t, len(g))"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--budget", type=float, default=1.0, help="seconds (median)")
    args = parser.parse_args()
    times = []
    size = 0
    for _ in range(args.runs):
        out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
        seconds, count = out.stdout.split()
        times.append(float(seconds))
        size = int(count)
    median = statistics.median(times)
    print(f"gazetteer: {size} places, load median {median:.3f} s "
          f"(min {min(times):.3f}, max {max(times):.3f}, {args.runs} runs)")
    return 0 if median <= args.budget else 1


if __name__ == "__main__":
    sys.exit(main())
