"""The bundled CJK fonts: registration on first use, glyph coverage by cmap, and per-character fallback runs."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFDocument
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from fieldvisit.assets import resource_path


@dataclass(frozen=True)
class FontFace:
    """One TrueType face shipped under `resources/fonts/` (a `.ttc` needs its subfont index)."""

    name: str
    family_zh: str
    parts: tuple[str, ...]
    subfont_index: int = 0

    @property
    def path(self) -> Path:
        return resource_path("fonts", *self.parts)


HEI = FontFace("FVHei", "文泉驿微米黑", ("wqy-microhei", "wqy-microhei.ttc"))
SONG = FontFace("FVSong", "AR PL UMing CN", ("arphic-uming", "uming.ttc"))
MING_A = FontFace("FVMingA", "花园明朝A(子集)", ("hanazono", "HanaMinA-subset.ttf"))
MING_B = FontFace("FVMingB", "花园明朝B", ("hanazono", "HanaMinB.ttf"))
ALL_FACES: tuple[FontFace, ...] = (SONG, HEI, MING_A, MING_B)


@dataclass(frozen=True)
class FontChain:
    """A main face and its fallbacks, tried in order for every character."""

    faces: tuple[FontFace, ...]

    @property
    def primary(self) -> FontFace:
        return self.faces[0]


# 宋体 body: a Ming face falls back to Ming faces first so a rare character keeps the look of the line.
BODY = FontChain((SONG, MING_A, MING_B, HEI))
# 黑体 titles and headings.
HEI_CHAIN = FontChain((HEI, MING_A, SONG, MING_B))

_SUPPLEMENTARY_ENTRY = re.compile(r"<([0-9A-F]{2})> <([0-9A-F]{5,6})>")


def _utf16_entry(match: re.Match[str]) -> str:
    offset = int(match.group(2), 16) - 0x10000
    high, low = 0xD800 + (offset >> 10), 0xDC00 + (offset & 0x3FF)
    return f"<{match.group(1)}> <{high:04X}{low:04X}>"


class _EmbeddedFont(TTFont):
    """A TTFont whose ToUnicode CMap writes supplementary-plane characters as UTF-16 surrogate pairs.

    ReportLab 5.1 writes them as odd-length hex (<20BB7>), so 𠮷 printed but could not be extracted or
    searched; this rewrites only those entries, after ReportLab has built the subset objects.
    """

    def addObjects(self, doc: PDFDocument) -> None:
        marker = "+" + self.face.name.decode("latin-1")
        super().addObjects(doc)
        for name, obj in doc.idToObject.items():
            if name.startswith("toUnicodeCMap:") and marker in name:
                obj.content = _SUPPLEMENTARY_ENTRY.sub(_utf16_entry, obj.content)


_lock = threading.RLock()
_loaded: dict[str, TTFont] = {}
_choice: dict[tuple[FontChain, str], FontFace | None] = {}


def ttfont(face: FontFace) -> TTFont:
    """The registered ReportLab font of `face`, parsing and registering it on first use (thread-safe)."""
    font = _loaded.get(face.name)
    if font is not None:
        return font
    with _lock:
        font = _loaded.get(face.name)
        if font is None:
            # asciiReadable=False: subsets hold only the characters printed, so each ToUnicode entry is a real glyph
            font = _EmbeddedFont(face.name, str(face.path), subfontIndex=face.subfont_index, asciiReadable=False)
            pdfmetrics.registerFont(font)
            _loaded[face.name] = font
        return font


def register_fonts(faces: Iterable[FontFace] = ALL_FACES) -> None:
    """Register `faces` now (e.g. in the background after the first paint) instead of on first use."""
    for face in faces:
        ttfont(face)


def has_glyph(face: FontFace, char: str) -> bool:
    """True when the face's cmap maps `char` to a real glyph (not .notdef)."""
    return ttfont(face).face.charToGlyph.get(ord(char), 0) != 0


def face_for(char: str, chain: FontChain = BODY) -> FontFace | None:
    """The first face of `chain` that has a glyph for `char`; None when no bundled face has one.

    Fallback faces are parsed only when a character actually needs them.
    """
    key = (chain, char)
    if key in _choice:
        return _choice[key]
    found = next((face for face in chain.faces if has_glyph(face, char)), None)
    _choice[key] = found
    return found


def _drawable(char: str) -> bool:
    return char >= " " or char == "\t"


def runs(text: str, chain: FontChain = BODY) -> Iterator[tuple[FontFace, str]]:
    """Split `text` into runs that one face can draw; characters no face has stay with the main face."""
    current: FontFace | None = None
    buffer: list[str] = []
    for char in text:
        if not _drawable(char):
            continue
        if char == "\t":
            char = " "
        face = face_for(char, chain) or chain.primary
        if face is not current and buffer:
            yield current or chain.primary, "".join(buffer)
            buffer = []
        current = face
        buffer.append(char)
    if buffer:
        yield current or chain.primary, "".join(buffer)


def missing_glyphs(text: str, chain: FontChain = BODY) -> set[str]:
    """The characters of `text` that no face of `chain` can draw (they would print as boxes)."""
    return {c for c in set(text) if _drawable(c) and c not in " \t" and face_for(c, chain) is None}


_SPACE_RUN = re.compile(r"(?<= ) |^ +")


def _keep_spaces(line: str) -> str:
    """Leading spaces and the 2nd, 3rd… space of a run become no-break spaces, which paragraphs do not collapse.

    Blank forms rely on them: "      年    月    日" keeps its room for handwriting.
    """
    return _SPACE_RUN.sub(lambda m: "\u00a0" * len(m.group(0)), line)


def markup(text: str, chain: FontChain = BODY) -> str:
    """Paragraph markup for plain `text`: escaped, line breaks and runs of spaces kept, fallback runs in <font>."""
    lines = []
    for line in (_keep_spaces(raw) for raw in text.split("\n")):
        parts = []
        for face, run in runs(line, chain):
            escaped = escape(run)
            parts.append(escaped if face is chain.primary else f'<font face="{face.name}">{escaped}</font>')
        lines.append("".join(parts))
    return "<br/>".join(lines)


def text_width(text: str, size: float, chain: FontChain = BODY) -> float:
    """Width in points of `text` set in `chain` at `size`, fallback runs included."""
    return sum(pdfmetrics.stringWidth(run, ttfont(face).fontName, size) for face, run in runs(text, chain))


def draw_text(
    canvas: Canvas,
    x: float,
    y: float,
    text: str,
    size: float,
    chain: FontChain = BODY,
    *,
    align: str = "left",
    render_mode: int = 0,
) -> None:
    """Draw one line with per-character fallback; `align` is left, center or right of `x`.

    `render_mode` 2 fills and strokes the glyphs (with the canvas line width): a faux bold.
    """
    if align != "left":
        width = text_width(text, size, chain)
        x -= width / 2 if align == "center" else width
    line = canvas.beginText(x, y)
    if render_mode:
        line.setTextRenderMode(render_mode)
    for face, run in runs(text, chain):
        line.setFont(ttfont(face).fontName, size)
        line.textOut(run)
    canvas.drawText(line)
