"""The one build command: `uv run python installer/build.py` makes the onedir bundle, its manifest and a .deb."""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
BUNDLE_NAME = "fieldvisit"


def project_version() -> str:
    """The version, from its one home: pyproject.toml."""
    with (ROOT / "pyproject.toml").open("rb") as f:
        return str(tomllib.load(f)["project"]["version"])


def bundle_files(bundle: Path) -> list[str]:
    """Every file in the bundle, as sorted POSIX paths relative to it."""
    return sorted(p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file())


def build_bundle(dist: Path = DIST) -> Path:
    """Run PyInstaller over installer/fieldvisit.spec; returns the bundle directory."""
    import PyInstaller.__main__

    work = ROOT / "build" / "pyinstaller"
    PyInstaller.__main__.run(
        [
            str(ROOT / "installer" / "fieldvisit.spec"),
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
            "--noconfirm",
            "--log-level",
            "WARN",
        ]
    )
    bundle = dist / BUNDLE_NAME
    (dist / f"{BUNDLE_NAME}-manifest.txt").write_text("\n".join(bundle_files(bundle)) + "\n", encoding="utf-8")
    return bundle


def _size_mb(path: Path) -> float:
    files = path.rglob("*") if path.is_dir() else [path]
    return sum(p.stat().st_size for p in files if p.is_file()) / 1e6


def main(argv: list[str] | None = None) -> int:
    """Build everything this platform can build and print what was made."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-deb", action="store_true", help="skip the Debian package")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    bundle = build_bundle()
    print(f"bundle: {bundle} ({_size_mb(bundle):.0f} MB) in {time.perf_counter() - started:.0f} s")
    if sys.platform.startswith("linux") and not args.no_deb:
        spec = importlib.util.spec_from_file_location("build_deb", ROOT / "installer" / "linux" / "build_deb.py")
        assert spec and spec.loader
        build_deb = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(build_deb)
        deb = build_deb.build_deb(bundle, project_version(), DIST)
        print(f"debian package: {deb} ({_size_mb(deb):.0f} MB)")
    if sys.platform == "win32":
        print(
            "Windows installer: run ISCC with /DAppVersion=" + project_version() + " installer/windows/fieldvisit.iss"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
