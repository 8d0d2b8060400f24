"""Packs the onedir bundle as a .deb for Debian-based systems (统信 UOS, 银河麒麟 Kylin): /opt, launcher, menu."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACKAGE = "fieldvisit"
# What the Qt xcb platform plugin and the bundled libraries expect from the system.
DEPENDS = (
    "libc6, libglib2.0-0, libfontconfig1, libfreetype6, libdbus-1-3, libegl1, libgl1, libxkbcommon0, "
    "libxkbcommon-x11-0, libxcb-cursor0, libxcb-icccm4, libxcb-image0, libxcb-keysyms1, libxcb-randr0, "
    "libxcb-render-util0, libxcb-shape0, libxcb-xinerama0, libxcb-xkb1, libx11-xcb1"
)
RECOMMENDS = "fonts-noto-cjk | fonts-wqy-microhei, gnome-keyring | kwalletmanager"


def _control(version: str, installed_kib: int) -> str:
    return (
        f"Package: {PACKAGE}\n"
        f"Version: {version}\n"
        "Section: utils\n"
        "Priority: optional\n"
        "Architecture: amd64\n"
        "Maintainer: FieldVisit team <fieldvisit@localhost>\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {DEPENDS}\n"
        f"Recommends: {RECOMMENDS}\n"
        "Description: FieldVisit (民政走访) offline field-work client\n"
        " Household means-test visits, child files and visits, and burial patrols for the civil-affairs\n"
        " bureau, with an encrypted local store and official printed forms.\n"
    )


def build_deb(bundle: Path, version: str, out_dir: Path) -> Path:
    """Build `fieldvisit_<version>_amd64.deb` in `out_dir` from the bundle directory."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "root"
        shutil.copytree(bundle, root / "opt" / PACKAGE, symlinks=True)
        launcher = root / "usr" / "bin" / PACKAGE
        launcher.parent.mkdir(parents=True)
        launcher.write_text(f'#!/bin/sh\nexec /opt/{PACKAGE}/{PACKAGE} "$@"\n', encoding="utf-8")
        launcher.chmod(0o755)
        applications = root / "usr" / "share" / "applications"
        applications.mkdir(parents=True)
        shutil.copy(HERE / "fieldvisit.desktop", applications / "fieldvisit.desktop")
        icons = root / "usr" / "share" / "icons" / "hicolor" / "256x256" / "apps"
        icons.mkdir(parents=True)
        shutil.copy(bundle / "_internal" / "resources" / "icons" / "fieldvisit.png", icons / "fieldvisit.png")
        installed_kib = sum(p.stat().st_size for p in root.rglob("*") if p.is_file()) // 1024
        debian = root / "DEBIAN"
        debian.mkdir()
        (debian / "control").write_text(_control(version, installed_kib), encoding="utf-8")
        for script in ("postinst", "postrm"):
            shutil.copy(HERE / script, debian / script)
            (debian / script).chmod(0o755)
        out_dir.mkdir(parents=True, exist_ok=True)
        deb = out_dir / f"{PACKAGE}_{version}_amd64.deb"
        subprocess.run(["dpkg-deb", "--root-owner-group", "--build", str(root), str(deb)], check=True)
    return deb
