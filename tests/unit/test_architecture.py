"""The layer rules of ARCHITECTURE.md, enforced: who may import whom, and only ui/ touches Qt."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "fieldvisit"
NON_UI_PACKAGES = ["domain", "formspec", "store", "security", "sync", "printing", "bureau"]

# What each layer may import from fieldvisit (besides itself and the top-level helpers `assets`, `__init__`).
ALLOWED = {
    "domain": set(),
    "formspec": {"domain"},
    "security": {"domain"},
    "store": {"domain", "formspec", "security"},
    "printing": {"domain", "formspec"},
    "sync": {"domain", "store", "security"},
    "bureau": {"domain", "formspec", "sync", "security"},
    "ui": {"domain", "formspec", "store", "security", "sync", "printing", "print_service"},
}


def _fieldvisit_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "fieldvisit" and len(parts) > 1:
                found.add(parts[1])
    return found


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_layer_imports_only_what_it_may(layer: str) -> None:
    allowed = ALLOWED[layer] | {layer, "assets", "__init__"}
    offenders = {}
    for path in sorted((SRC / layer).rglob("*.py")):
        bad = _fieldvisit_imports(path) - allowed
        if bad:
            offenders[str(path.relative_to(SRC))] = sorted(bad)
    assert offenders == {}, f"layer {layer} imports what it may not: {offenders}"


def test_print_service_bridges_store_and_printing_without_qt() -> None:
    assert _fieldvisit_imports(SRC / "print_service.py") <= {"domain", "store", "printing"}


def test_sync_protocol_is_shared_and_imports_only_the_domain() -> None:
    protocol = SRC / "sync" / "protocol.py"
    if protocol.exists():
        assert _fieldvisit_imports(protocol) <= {"domain", "sync"}


def test_only_ui_imports_pyside() -> None:
    offenders = []
    for path in SRC.rglob("*.py"):
        if (SRC / "ui") in path.parents:
            continue
        text = path.read_text(encoding="utf-8")
        if "PySide6" in text or "shiboken6" in text:
            offenders.append(str(path.relative_to(SRC)))
    assert offenders == []


def test_every_non_ui_module_imports_with_pyside_blocked(tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import importlib, os, pkgutil, sys

        class BlockQt:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("PySide6", "shiboken6"):
                    raise ImportError("PySide6 is blocked for non-UI packages")
                return None

        sys.meta_path.insert(0, BlockQt())
        import fieldvisit
        before = set(os.listdir(os.environ["HOME"]))
        for package in {NON_UI_PACKAGES!r}:
            module = importlib.import_module("fieldvisit." + package)
            for info in pkgutil.walk_packages(module.__path__, module.__name__ + "."):
                if ".migrations." in info.name:
                    continue
                importlib.import_module(info.name)
        after = set(os.listdir(os.environ["HOME"]))
        assert before == after, f"import created files: {{after - before}}"
        print("ok")
        """
    )
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data")}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("ok")
