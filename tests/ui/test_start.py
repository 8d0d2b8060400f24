"""Starting the app: `fieldvisit --quit-after-start` shows the first window and quits cleanly (CI smoke test)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _command() -> list[str]:
    script = Path(sys.executable).parent / "fieldvisit"
    if script.exists():
        return [str(script), "--quit-after-start"]
    return [sys.executable, "-c", "from fieldvisit.cli import main; raise SystemExit(main(['--quit-after-start']))"]


@pytest.mark.parametrize("with_workspace", [False, True], ids=["first-run", "existing-demo"])
def test_quit_after_start_exits_cleanly(tmp_path: Path, demo_template: Path, with_workspace: bool) -> None:
    home = tmp_path / "home"
    if with_workspace:
        import shutil

        shutil.copytree(demo_template, home)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FIELDVISIT_HOME": str(home), "HOME": str(tmp_path)}
    result = subprocess.run(_command(), capture_output=True, text=True, env=env, cwd=ROOT, timeout=180)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    if not with_workspace:
        assert not (home / "workspace.json").exists(), "quitting must not create a workspace by itself"


FIRST_WINDOW = """
import sys
from pathlib import Path
from fieldvisit.ui.app import AppController, make_application
from fieldvisit.ui.errors import ErrorReporter
from fieldvisit.ui.i18n import install_translators
from fieldvisit.ui.tasks import TaskRunner

app = make_application()
translators = install_translators(app)
controller = AppController(Path(sys.argv[1]), tasks=TaskRunner(), reporter=ErrorReporter(show_dialogs=False))
window = controller.start()
while not window.isVisible() or not window.windowHandle().isExposed():
    app.processEvents()
app.processEvents()
loaded = sorted(name for name in ("sqlalchemy", "sqlmodel", "alembic", "reportlab") if name in sys.modules)
namespace = "Qt" if sys.modules["PySide6.QtCore"].__dict__.get("Qt") is not None else ""
print("LOADED", " ".join([*loaded, namespace]).strip() or "-", flush=True)
controller.shutdown()
"""


def test_the_unlock_screen_shows_before_the_heavy_layers_load(tmp_path: Path, demo_template: Path) -> None:
    """Start-up budget: the database layers, the printing library and the Qt namespace's enums (15-19 ms) are
    loaded behind the first window, not before it."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", FIRST_WINDOW, str(demo_template)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "LOADED -" in result.stdout, result.stdout
