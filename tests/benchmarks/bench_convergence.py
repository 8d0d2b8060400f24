"""Soak of the convergence state machine (acceptance 9): more examples than CI runs, drawn afresh, with a table.

Run on demand: `uv run python tests/benchmarks/bench_convergence.py [--examples 1000]`. It runs
tests/sync/test_sync_convergence.py with FIELDVISIT_CONVERGENCE_EXAMPLES and FIELDVISIT_CONVERGENCE_EXPLORE=1
(three devices, random offline edits, syncs through injected faults, reassignments, conflict choices), and
prints how many examples ran to their convergence and invariant checks, the outcome, and how long it took.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEST = "tests/sync/test_sync_convergence.py::test_three_devices_converge_under_faults"


def main() -> None:
    """Run the soak and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--examples", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "checked"
        env = {
            **os.environ,
            "FIELDVISIT_CONVERGENCE_EXAMPLES": str(args.examples),
            "FIELDVISIT_CONVERGENCE_EXPLORE": "1",
            "FIELDVISIT_CONVERGENCE_REPORT": str(report),
        }
        started = time.perf_counter()
        run = subprocess.run(
            [sys.executable, "-m", "pytest", TEST, "-q", "-p", "no:randomly"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - started
        checked = int(report.read_text()) if report.exists() else 0
    rows = [
        ("examples asked for", f"{args.examples:,}", ""),
        ("examples run to their checks", f"{checked:,}", f">= {args.examples:,}"),
        ("test outcome", "passed" if run.returncode == 0 else "FAILED", "passed"),
        ("wall time", f"{seconds / 60:.1f} min", ""),
    ]
    print(f"\nConvergence soak, 3 devices, {os.cpu_count()} cores")
    width = max(len(row[0]) for row in rows)
    for name, value, target in rows:
        print(f"{name:<{width}}  {value:<12} {target}")
    if run.returncode != 0:
        print(run.stdout[-4000:])
        raise SystemExit(1)


if __name__ == "__main__":
    main()
