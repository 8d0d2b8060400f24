"""One resolver for the top-level `forms/` and `resources/` in a checkout, a wheel or a frozen bundle."""

from __future__ import annotations

import os
import sys
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _candidate_roots() -> list[Path]:
    roots: list[Path] = []
    override = os.environ.get("FIELDVISIT_ASSETS")
    if override:
        roots.append(Path(override))
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        roots.append(Path(frozen))
    roots.append(_PACKAGE_DIR / "_bundled")
    roots.append(_PACKAGE_DIR.parent.parent)  # source checkout: src/fieldvisit -> repo root
    return roots


def asset_root(kind: str) -> Path:
    """Return the directory holding `kind` ("forms" or "resources")."""
    for root in _candidate_roots():
        candidate = root / kind
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"{kind}/ not found in any of {[str(r) for r in _candidate_roots()]}")


def resource_path(*parts: str) -> Path:
    """Path of a file under `resources/`, e.g. resource_path("reference", "towns.toml")."""
    return asset_root("resources").joinpath(*parts)


def forms_dir() -> Path:
    """Directory of the form definitions (`forms/*.toml`)."""
    return asset_root("forms")
