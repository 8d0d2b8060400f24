"""Benchmark of the local store at scale: demo generation vs raw executemany, dashboard, search, open a child.

Run on demand: `uv run python tests/benchmarks/bench_store.py [--scale 100]`. Prints a table against the targets.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import func, select, text

from fieldvisit.domain.children import ChildVisit
from fieldvisit.security.keys import FAST_TEST_PARAMS
from fieldvisit.store.demo import generate_demo
from fieldvisit.store.repositories.assistance import AssessmentFilter, AssessmentRepository
from fieldvisit.store.repositories.children import ChildFilter, ChildRepository
from fieldvisit.store.repositories.dashboard import DashboardRepository
from fieldvisit.store.schema import target_metadata
from fieldvisit.store.workspace import Workspace, create_workspace, unlock_key

TODAY = date(2026, 11, 28)


def _median_ms(fn: Callable[[], object], runs: int = 15) -> float:
    fn()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def _raw_executemany_rate(source: Workspace, target_dir: Path) -> tuple[int, float]:
    """Copy every generated row into a fresh migrated store with raw SQLCipher executemany; rows/s."""
    with source.engine.connect() as connection:
        tables = [t for t in target_metadata().sorted_tables if t.name != "alembic_version"]
        data = {}
        for table in tables:
            rows = connection.exec_driver_sql(f'SELECT * FROM "{table.name}"').fetchall()
            if rows:
                data[table.name] = (len(rows[0]), rows)
    target = create_workspace(target_dir, "bench", kdf_params=FAST_TEST_PARAMS)
    target.close()
    key = unlock_key(target_dir, "bench")
    conn = sqlcipher.connect(str(target.db_path))
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    total = sum(len(rows) for _, rows in data.values())
    started = time.perf_counter()
    conn.execute("BEGIN")
    for name, (width, rows) in data.items():
        conn.executemany(f'INSERT INTO "{name}" VALUES ({", ".join("?" * width)})', rows)
    conn.execute("COMMIT")
    seconds = time.perf_counter() - started
    conn.close()
    return total, total / seconds


def main() -> None:
    """Build a workspace at the given scale and print the measurements."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workspace = create_workspace(Path(tmp) / "ws", "bench", kdf_params=FAST_TEST_PARAMS)
        stats = generate_demo(workspace.engine, today=TODAY, scale=args.scale)
        gen_rate = stats.rows / stats.seconds
        _, raw_rate = _raw_executemany_rate(workspace, Path(tmp) / "raw")

        children = ChildRepository(workspace.engine)
        households = AssessmentRepository(workspace.engine)
        dashboard = DashboardRepository(workspace.engine)
        with workspace.engine.connect() as connection:
            busiest = connection.execute(
                select(ChildVisit.child_id, func.count().label("n"))
                .group_by(ChildVisit.child_id)
                .order_by(text("n DESC"))
                .limit(1)
            ).one()
        results = [
            ("generation rate (rows/s)", f"{gen_rate:,.0f}", ""),
            ("raw sqlite executemany (rows/s)", f"{raw_rate:,.0f}", ""),
            ("generation / raw", f"{gen_rate / raw_rate:.0%}", ">= 25%"),
            ("dashboard counts (ms)", f"{_median_ms(lambda: dashboard.counts(TODAY)):.1f}", ""),
            ("child name search '陈' (ms)", f"{_median_ms(lambda: children.list(ChildFilter(text='陈'))):.1f}", "< 50"),
            (
                "household search 'zjh' (ms)",
                f"{_median_ms(lambda: households.list(AssessmentFilter(text='zjh'))):.1f}",
                "< 50",
            ),
            (
                f"open child file with {busiest.n} visits (ms)",
                f"{_median_ms(lambda: children.get(busiest.child_id)):.1f}",
                "< 20",
            ),
        ]
        workspace.close()
    print(f"\nstore benchmark at scale {args.scale:g}: {stats.rows:,} rows in {stats.seconds:.1f} s")
    for table, count in sorted(stats.counts.items()):
        print(f"  {table:24} {count:>9,}")
    print(f"\n{'measure':44} {'result':>12}  target")
    for name, value, target in results:
        print(f"{name:44} {value:>12}  {target}")


if __name__ == "__main__":
    main()
