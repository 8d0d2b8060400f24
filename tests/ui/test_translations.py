"""The zh_CN catalogue is complete for every string in the code, and the shipped .qm matches the .ts."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "fieldvisit_zh_CN.ts"
QM = ROOT / "resources" / "i18n" / "fieldvisit_zh_CN.qm"


def _messages(path: Path) -> dict[tuple[str, str], tuple[str, str, bool]]:
    """(context, source) → (translation, its type, whether it has plural forms)."""
    found = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            plural = message.get("numerus") == "yes"
            text = (translation.findtext("numerusform") or "") if plural else (translation.text or "")
            found[(name, message.findtext("source") or "")] = (text, translation.get("type", ""), plural)
    return found


def test_every_entry_is_translated_and_compiled() -> None:
    messages = _messages(TS)
    assert messages
    unfinished = [key for key, (text, kind, _) in messages.items() if not text or kind == "unfinished"]
    assert unfinished == []
    translator = QTranslator()
    assert translator.load(str(QM))
    stale = [
        key
        for key, (text, _, plural) in messages.items()
        if translator.translate(key[0], key[1], None, 1 if plural else -1) != text
    ]
    assert stale == [], "rebuild the .qm with pyside6-lrelease (resources/i18n/README.md)"


def test_every_string_in_the_code_is_in_the_catalogue(tmp_path: Path) -> None:
    lupdate = shutil.which("pyside6-lupdate") or str(Path(sys.executable).parent / "pyside6-lupdate")
    if not Path(lupdate).exists():
        pytest.skip("pyside6-lupdate is not installed")
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "src" / "fieldvisit" / "ui").rglob("*.py"))
    subprocess.run(
        [lupdate, *sources, "-ts", str(fresh), "-source-language", "en", "-target-language", "zh_CN"],
        check=True,
        capture_output=True,
    )
    missing = sorted(set(_messages(fresh)) - set(_messages(TS)))
    assert missing == [], "run pyside6-lupdate and translate the new entries (resources/i18n/README.md)"
