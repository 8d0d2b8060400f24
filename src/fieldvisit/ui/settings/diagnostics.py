"""Facts for the About page and its "copy diagnostics" text: versions, storage, encryption; never personal data."""

from __future__ import annotations

import platform
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import PySide6
from PySide6.QtCore import qVersion

from fieldvisit import __version__
from fieldvisit.ui.i18n import is_chinese


@dataclass(frozen=True)
class Diagnostics:
    """What the About page shows. Paths are reduced to their shape; no names, ID numbers or usernames."""

    app_version: str
    qt: str
    python: str
    system: str
    data_dir: str
    demo: bool
    keyring_backend: str
    keyring_persistent: bool
    cipher: str
    header_encrypted: bool
    schema: str
    integrity: str
    counts: tuple[tuple[str, int], ...]
    problems: tuple[str, ...]


def path_shape(path: Path, home: Path | None = None) -> str:
    """A path without what could name the user: "~/…" under the home folder, else only its last two parts."""
    home = home or Path.home()
    try:
        return "~/" + path.resolve().relative_to(home.resolve()).as_posix()
    except ValueError:
        return "…/" + "/".join(path.parts[-2:])


def collect(workspace: Any, secret_store: Any) -> Diagnostics:
    """Read the facts (runs the store's health check: call it off the GUI thread)."""
    from fieldvisit.store.checkup import check_workspace
    from fieldvisit.store.engine import is_encrypted_file

    report = check_workspace(workspace)
    facts = dict(report.facts)
    cipher = facts.get("encryption (加密)", "").partition(",")[0].removeprefix("SQLCipher").strip()
    return Diagnostics(
        app_version=__version__,
        qt=f"Qt {qVersion()} · PySide6 {PySide6.__version__}",
        python=f"{platform.python_implementation()} {platform.python_version()}",
        system=f"{platform.system()} {platform.release()} {platform.machine()}",
        data_dir=path_shape(workspace.path),
        demo=workspace.info.demo,
        keyring_backend=str(getattr(secret_store, "backend_name", "")),
        keyring_persistent=bool(getattr(secret_store, "persistent", False)),
        cipher=cipher,
        header_encrypted=is_encrypted_file(workspace.db_path),
        schema=facts.get("schema (数据结构)", ""),
        integrity=facts.get("integrity (完整性)", ""),
        counts=tuple((label_zh if is_chinese() else label, count) for label, label_zh, count in report.counts),
        problems=tuple(problem.replace(str(Path.home()), "~") for problem in report.problems),
    )
