"""Printing benchmark: render times and PDF sizes of the filled 入户调查表 and a 40-visit dossier.

Run with `uv run python tests/benchmarks/bench_printing.py`. Targets: filled survey < 300 ms, dossier < 2 s.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository root, for tests.printing

from tests.printing import burial_factories as b
from tests.printing import factories as f

RUNS = 7


def _time(render: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = render()
    return (time.perf_counter() - start) * 1000, result


def main() -> None:
    start = time.perf_counter()
    from fieldvisit.printing.api import render_blank, render_pdf
    from fieldvisit.printing.fonts import register_fonts

    import_ms = (time.perf_counter() - start) * 1000
    survey5, survey12, dossier = f.household(5), f.household(12), f.dossier(40)
    notice, ledger = b.notice(), b.ledger(24)
    cases: list[tuple[str, float | None, Callable[[], Any]]] = [
        ("入户调查表 filled: 5 members, 3 photos", 300, lambda: render_pdf("household_survey", survey5)),
        ("入户调查表 filled: 12 members, 3 photos", 300, lambda: render_pdf("household_survey", survey12)),
        ("入户调查表 blank", None, lambda: render_blank("household_assessment")),
        ("一人一档 dossier: 40 visits", 2000, lambda: render_pdf("child_dossier", dossier)),
        ("责令限期整改通知书 + 送达回证", None, lambda: render_pdf("rectification_notice", notice)),
        ("违建坟墓台账: 24 cases", None, lambda: render_pdf("grave_ledger", ledger)),
    ]
    register_ms, _ = _time(register_fonts)  # all four faces; normally done in the background, or on first use
    cold_ms, _ = _time(cases[0][2])  # first render: form definitions loaded, caches cold

    print(f"import fieldvisit.printing.api: {import_ms:.0f} ms; parsing all bundled fonts: {register_ms:.0f} ms;")
    print(f"first render after that: {cold_ms:.0f} ms\n")
    header = f"{'document':44} {'median ms':>10} {'min ms':>8} {'target':>8} {'pages':>6} {'PDF KB':>8}"
    print(header)
    print("-" * len(header))
    failed = False
    for label, target, render in cases:
        times = []
        result = None
        for _ in range(RUNS):
            elapsed, result = _time(render)
            times.append(elapsed)
        median = statistics.median(times)
        verdict = "" if target is None else ("ok" if median < target else "SLOW")
        failed |= verdict == "SLOW"
        target_text = "" if target is None else f"<{target}"
        print(
            f"{label:44} {median:10.0f} {min(times):8.0f} {target_text:>8} {result.page_count:6d} "
            f"{len(result.pdf) / 1024:8.0f} {verdict}"
        )
    print(f"\n(median of {RUNS} runs after the first render; snapshots are built before timing)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
