"""UI benchmarks against the scale-100 demo workspace; prints a table of results and their targets.

Run with `uv run python tests/benchmarks/bench_ui.py` (QT_QPA_PLATFORM=offscreen is set unless a display is
wanted with --onscreen). The workspace (15,000 households, 6,000 children, ~100,000 visits) is generated once,
about 30–40 s, into FIELDVISIT_BENCH_CACHE (default: <tmp>/fieldvisit-bench) and reused afterwards.
Start-up runs in fresh processes with compiled bytecode cached beside the workspace, as an installed app has.
"Interactive dashboard" is `AppController.ready`: the dashboard painted with the store's numbers, the window
taking input. The database layers load after it; the time until every section opens at once is shown too.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CACHE = Path(os.environ.get("FIELDVISIT_BENCH_CACHE", Path(tempfile.gettempdir()) / "fieldvisit-bench"))
WORKSPACE = CACHE / "scale-100"
RUNS = 5
START_RUNS = 9
CHILD_VISITS = 50

BARE = textwrap.dedent(
    """
    from PySide6.QtWidgets import QApplication, QLabel
    app = QApplication([])
    window = QLabel("FieldVisit")
    window.resize(900, 640)
    window.show()
    while not window.isVisible() or not window.windowHandle().isExposed():
        app.processEvents()
    app.processEvents()
    print("READY", flush=True)
    """
)

APP = textwrap.dedent(
    """
    import sys, time
    launched = float(sys.argv[3])  # the parent's wall clock when it started this process
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from fieldvisit.ui.app import AppController, make_application
    from fieldvisit.ui.errors import ErrorReporter
    from fieldvisit.ui.i18n import install_translators
    from fieldvisit.ui.tasks import TaskRunner

    app = make_application()
    translators = install_translators(app)
    controller = AppController(Path(sys.argv[1]), tasks=TaskRunner(), reporter=ErrorReporter(show_dialogs=False))
    marks = {}

    def ready():
        if "dashboard" not in marks:
            marks["dashboard"] = time.time() - launched
            print("READY", " ".join(f"{k}={v:.3f}" for k, v in marks.items()), flush=True)

    def loaded():
        print(f"LOADED sections={time.time() - launched:.3f}", flush=True)
        controller.shutdown()
        app.quit()

    def type_password():
        marks["unlock_window"] = time.time() - launched
        controller.unlock_window.password.setText(sys.argv[2])
        controller.unlock_window.unlock_button.click()

    controller.ready.connect(ready)
    controller.loaded.connect(loaded)
    window = controller.start()
    QTimer.singleShot(0, type_password)
    app.exec()
    """
)


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(CACHE / "pycache")
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["FIELDVISIT_HOME"] = str(WORKSPACE)
    return env


def ensure_workspace() -> None:
    """Generate the scale-100 demo once (it is reused by later runs)."""
    if (WORKSPACE / "workspace.json").exists():
        return
    CACHE.mkdir(parents=True, exist_ok=True)
    print(f"generating the scale-100 demo workspace in {WORKSPACE} (once, about 40 s)…", flush=True)
    subprocess.run(
        [
            sys.executable,
            "-c",
            "from fieldvisit.cli import main; raise SystemExit(main())",
            "demo",
            "--out",
            str(WORKSPACE),
            "--scale",
            "100",
        ],
        check=True,
        cwd=ROOT,
        env=_env(),
    )


def timed_start(script: str, *args: str) -> tuple[float, str]:
    """Wall time from launching a fresh Python process to its READY line, and that line."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", script, *args, repr(time.time())],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=_env(),
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    elapsed = time.perf_counter() - started
    rest = process.stdout.read()
    process.wait(timeout=120)
    if not line.startswith("READY"):
        raise RuntimeError(f"start failed: {process.stderr.read() if process.stderr else ''}")
    return elapsed, " ".join((line + rest).replace("READY", "").replace("LOADED", "").split())


def bench_start() -> dict[str, float]:
    """Start to an interactive dashboard, against a bare PySide6 window, medians of START_RUNS fresh processes."""
    from fieldvisit.store.workspace import DEMO_PASSWORD

    timed_start(BARE)
    timed_start(APP, str(WORKSPACE), DEMO_PASSWORD)  # warm the bytecode cache and the file cache
    bare: list[float] = []
    app_runs: list[tuple[float, str]] = []
    for _ in range(START_RUNS):  # interleaved, so that a machine slowing down or speeding up affects both alike
        bare.append(timed_start(BARE)[0])
        app_runs.append(timed_start(APP, str(WORKSPACE), DEMO_PASSWORD))
    marks = [dict(part.split("=") for part in line.split()) for _, line in app_runs]
    return {
        "bare": statistics.median(bare),
        "app": statistics.median(t for t, _ in app_runs),
        "unlock_window": statistics.median(float(m["unlock_window"]) for m in marks),
        "sections": statistics.median(float(m["sections"]) for m in marks),
    }


def _child_with_visits(services: object) -> str:
    """A child with at least CHILD_VISITS visits (visits are added to the demo's busiest child once)."""
    from datetime import UTC, datetime, timedelta

    from sqlmodel import Session, func, select

    from fieldvisit.domain.base import RecordState
    from fieldvisit.domain.children import ChildVisit
    from fieldvisit.store.changes import write_changes

    engine = services.session.workspace.engine  # type: ignore[attr-defined]
    with Session(engine) as session:
        child_id, count = session.exec(
            select(ChildVisit.child_id, func.count()).group_by(ChildVisit.child_id).order_by(func.count().desc())
        ).first()
    if count < CHILD_VISITS:
        with write_changes(engine, services.session.actor) as writer:  # type: ignore[attr-defined]
            for n in range(CHILD_VISITS - count):
                at = datetime(2020, 1, 1, 2, tzinfo=UTC) + timedelta(days=14 * n)
                writer.save(
                    ChildVisit(
                        form_id="child_visit",
                        state=RecordState.FINAL,
                        child_id=child_id,
                        visit_at=at,
                        visitor="基准测试",
                        safety=["NONE"],
                        risk_level="GREEN",
                    )
                )
    return child_id


def bench_in_app() -> dict[str, float]:
    """Open a child file with 50 visits; filter the 15,000-row household list by typing one character."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from fieldvisit.store.services.access import unlock_with_password
    from fieldvisit.store.workspace import DEMO_PASSWORD
    from fieldvisit.ui.app import freeze_long_lived
    from fieldvisit.ui.i18n import install_translators
    from fieldvisit.ui.prefs import Preferences
    from fieldvisit.ui.shell.main_window import MainWindow
    from fieldvisit.ui.shell.services import AppServices
    from fieldvisit.ui.tasks import TaskRunner
    from fieldvisit.ui.theme import apply_theme

    app = QApplication.instance() or QApplication([])
    translators = install_translators(app)
    apply_theme(app, 100)
    session = unlock_with_password(WORKSPACE, DEMO_PASSWORD)
    from datetime import UTC, datetime

    services = AppServices.build(session, TaskRunner(inline=True), lambda: datetime.now(UTC), Preferences(CACHE), None)
    child_id = _child_with_visits(services)
    window = MainWindow.for_services(services)
    window.resize(1366, 820)
    window.show()
    app.processEvents()
    freeze_long_lived()  # as the app does once it has loaded

    opens = []
    for _ in range(RUNS):
        started = time.perf_counter()
        window.open_child(child_id)
        app.processEvents()
        opens.append(time.perf_counter() - started)
        assert window.children.currentWidget().visits_model.rowCount() >= CHILD_VISITS
        window.children.pop_to_root()
        app.processEvents()

    window.show_section("households")
    page = window.households.list
    app.processEvents()
    rows = page.model.rowCount()
    filters = []
    for character in ("张", "z", "王", "8", "陈"):
        page.search.clear()
        app.processEvents()
        started = time.perf_counter()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(page.search, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, character))
        app.processEvents()
        filters.append(time.perf_counter() - started)
    window.close()
    session.workspace.close()
    del translators
    return {"open_child": statistics.median(opens), "filter": statistics.median(filters), "rows": rows}


def main() -> int:
    """Print the benchmark table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--onscreen", action="store_true", help="use the real display instead of offscreen")
    args = parser.parse_args()
    if not args.onscreen:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    sys.path.insert(0, str(ROOT / "src"))
    ensure_workspace()
    start = bench_start()
    inside = bench_in_app()
    first_ratio = start["unlock_window"] / start["bare"]
    dashboard_ratio = start["app"] / start["bare"]
    rows: list[tuple[str, float, float | None, str]] = [
        ("bare PySide6 window: start to painted", start["bare"], None, "ms"),
        ("FieldVisit: start to first window (unlock screen)", start["unlock_window"], None, "ms"),
        ("  … ÷ bare window", first_ratio, 3.0, "×"),
        ("FieldVisit: start to interactive dashboard (password typed at once)", start["app"], 1.5, "ms"),
        ("  … ÷ bare window", dashboard_ratio, 3.0, "×"),
        ("FieldVisit: start to every section loaded (in the background, after)", start["sections"], None, "ms"),
        (f"open a child file with {CHILD_VISITS} visits", inside["open_child"], 0.150, "ms"),
        (f"filter the {int(inside['rows']):,}-row household list by one character", inside["filter"], 0.100, "ms"),
    ]
    print()
    print(f"{'measure':<72} {'median':>9} {'target':>9}  result")
    print("-" * 100)
    ok = True
    for label, value, target, unit in rows:
        shown = f"{value * 1000:.0f} ms" if unit == "ms" else f"{value:.1f} ×"
        goal = "" if target is None else (f"{target * 1000:.0f} ms" if unit == "ms" else f"{target:.0f} ×")
        verdict = "" if target is None else ("pass" if value <= target else "FAIL")
        ok = ok and verdict != "FAIL"
        print(f"{label:<72} {shown:>9} {goal:>9}  {verdict}")
    print(f"\nmedians of {START_RUNS} starts (bare and app in turn) and {RUNS} in-app runs; workspace {WORKSPACE}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
