"""Glyph coverage: every character a document prints is drawn by an embedded font whose cmap has a glyph for it."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any

import pytest
from tests.printing import factories as f
from tests.printing.conftest import CASES
from tests.printing.pdfcheck import fonts, page_texts, to_unicode_chars

from fieldvisit.printing import fonts as bundled
from fieldvisit.printing.api import render_pdf
from fieldvisit.printing.document import PrintedDocument

Printed = Callable[[str], tuple[PrintedDocument, Any]]

# Characters seen in real names: CJK Ext A (䶮 㐂 㵘 䲜), Ext B (𠮷 𡈽 𪚥), Ext C–E (𫖮 𬌗 𬍛 𬱖), 〇, and
# rare but unified ones (龘 嫑 喆 堃 赟 犇 淼 鑫 昇 旻 玥).
RARE = "𠮷䶮〇㐂龘𡈽𪚥𬌗㵘䲜嫑喆堃赟犇淼鑫𬱖𫖮𬍛昇旻玥"


def _faces_by_base_font() -> dict[str, bundled.FontFace]:
    return {bundled.ttfont(face).face.name.decode("latin-1"): face for face in bundled.ALL_FACES}


def _drawn_by_embedded_fonts(pdf: bytes) -> dict[str, set[str]]:
    """For each bundled face embedded in the PDF, the characters it draws; checks each against the face's cmap."""
    faces = _faces_by_base_font()
    drawn: dict[str, set[str]] = {}
    for base_font, font in fonts(pdf).items():
        name = re.sub(r"^/[A-Z]{6}\+", "", base_font)
        face = next((faces[k] for k in faces if name.startswith(k)), None)
        assert face is not None, f"{base_font} is not one of the bundled fonts"
        chars = to_unicode_chars(font) - {"\x00"}  # ReportLab's code 0 is .notdef; runs() never prints U+0000
        without_glyph = {c for c in chars if c not in " \u00a0" and not bundled.has_glyph(face, c)}
        assert not without_glyph, f"{face.family_zh} draws {sorted(without_glyph)} without a glyph (boxes)"
        drawn.setdefault(face.name, set()).update(chars)
    return drawn


def _printed_chars(result: PrintedDocument) -> set[str]:
    text = "".join(page_texts(result.pdf)) + "".join(line for r in result.records for line in r.content)
    return {c for c in text if not c.isspace()}


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_printed_character_has_a_glyph_in_an_embedded_font(printed: Printed, name: str) -> None:
    result, _ = printed(name)
    drawn = set().union(*_drawn_by_embedded_fonts(result.pdf).values())
    missing = _printed_chars(result) - drawn
    assert not missing, f"{name} prints {sorted(missing)} with no embedded glyph"


def test_rare_name_characters_print_as_real_glyphs() -> None:
    snapshot = f.child_file(name=RARE[:6])
    guardian = dict(snapshot.child.guardian, name=RARE[6:14])
    child = snapshot.child.model_copy(update={"guardian": guardian, "health_note": RARE[14:]})
    result = render_pdf("child_info", dataclasses.replace(snapshot, child=child))
    assert result.missing_glyphs == frozenset()
    drawn = _drawn_by_embedded_fonts(result.pdf)
    for char in RARE:
        owners = [face for face, chars in drawn.items() if char in chars]
        assert owners, f"{char} (U+{ord(char):04X}) is not drawn by any embedded font"
    assert {"FVMingA", "FVMingB", "FVSong"} <= set(drawn)
    text = "".join(page_texts(result.pdf))
    assert RARE[:6] in text and RARE[6:14] in text and RARE[14:] in text  # nothing dropped or normalised


def test_fallback_is_chosen_by_cmap_not_by_block() -> None:
    assert bundled.face_for("王") is bundled.SONG
    assert bundled.face_for("𠮷") is bundled.MING_B
    assert bundled.face_for("㐂") is bundled.MING_A  # Ext A, missing from UMing
    assert bundled.face_for("䶮") is bundled.SONG  # Ext A too, but UMing has it
    assert bundled.face_for("☑") is bundled.MING_A
    assert bundled.face_for("王", bundled.HEI_CHAIN) is bundled.HEI
    assert list(bundled.runs("王𠮷丽", bundled.BODY)) == [
        (bundled.SONG, "王"),
        (bundled.MING_B, "𠮷"),
        (bundled.SONG, "丽"),
    ]
    assert bundled.markup("a<b>&𠮷") == 'a&lt;b&gt;&amp;<font face="FVMingB">𠮷</font>'


def test_characters_no_bundled_font_has_are_reported_not_hidden() -> None:
    assert bundled.missing_glyphs("王😀") == {"😀"}
    snapshot = f.child_visit()
    assert snapshot.visit is not None
    visit = snapshot.visit.model_copy(update={"notes": "开心😀"})
    result = render_pdf("child_visit", dataclasses.replace(snapshot, visit=visit))
    assert result.missing_glyphs == frozenset({"😀"})
