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
