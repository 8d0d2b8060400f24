"""Reading printed PDFs back in tests: text, fonts and their embedding, ToUnicode maps, the drawn QR modules."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

from pypdf import PdfReader
from pypdf.generic import DictionaryObject
from reportlab.graphics.barcode import qrencoder

_SPACE = re.compile(r"\s+")
_NUMBER = r"(-?(?:\d+\.?\d*|\.\d+))"
_RECT = re.compile(rf"{_NUMBER} {_NUMBER} {_NUMBER} {_NUMBER} re")
_HEX = re.compile(r"<([0-9A-Fa-f]+)>")


def squeeze(text: str) -> str:
    """Text without any whitespace: PDF extraction puts spaces and breaks between runs and cells."""
    return _SPACE.sub("", text.replace("\u00a0", " "))


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def page_texts(pdf: bytes) -> list[str]:
    return [squeeze(page.extract_text() or "") for page in reader(pdf).pages]


def _resources(obj: DictionaryObject) -> Iterator[DictionaryObject]:
    resources = obj.get("/Resources")
    if resources is None:
        return
    resources = resources.get_object()
    yield resources
    for xobject in resources.get("/XObject", {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form":
            yield from _resources(xobject)


def fonts(pdf: bytes) -> dict[str, DictionaryObject]:
    """Every font used on any page (or in a form XObject), by base font name."""
    found: dict[str, DictionaryObject] = {}
    for page in reader(pdf).pages:
        for resources in _resources(page):
            for font in resources.get("/Font", {}).values():
                font = font.get_object()
                found[str(font["/BaseFont"])] = font
    return found


def embedded_file(font: DictionaryObject) -> Any:
    """The embedded font program of a font (FontFile2 for TrueType), or None when it is not embedded."""
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        for descendant in font.get("/DescendantFonts", []):
            descriptor = descendant.get_object().get("/FontDescriptor")
    if descriptor is None:
        return None
    descriptor = descriptor.get_object()
    return descriptor.get("/FontFile2") or descriptor.get("/FontFile") or descriptor.get("/FontFile3")


def _utf16(hex_text: str) -> str:
    return bytes.fromhex(hex_text).decode("utf-16-be")


def to_unicode_chars(font: DictionaryObject) -> set[str]:
    """The characters a font's ToUnicode CMap says it draws (bfchar entries, as ReportLab writes them)."""
    cmap = font.get("/ToUnicode")
    if cmap is None:
        return set()
    data = cmap.get_object().get_data().decode("latin-1")
    chars: set[str] = set()
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        values = _HEX.findall(block)
        chars.update(_utf16(v) for v in values[1::2])
    return chars


def qr_modules(pdf: bytes, page: int = 0) -> list[list[bool]]:
    """The dark/light module grid of the QR code drawn on a page (read back from its form XObject)."""
    resources = reader(pdf).pages[page]["/Resources"].get_object()
    forms = {str(k): v.get_object() for k, v in resources["/XObject"].items() if "FVQR" in str(k)}
    assert len(forms) == 1, f"expected one QR code on page {page + 1}, found {sorted(forms)}"
    form = next(iter(forms.values()))
    size = float(form["/BBox"][3])
    rects = [tuple(map(float, m)) for m in _RECT.findall(form.get_data().decode("latin-1"))]
    box = min(h for _, _, _, h in rects)
    count = round(size / box)
    grid = [[False] * count for _ in range(count)]
    for x, y, w, _ in rects:
        row = round((size - y) / box) - 1
        first = round(x / box)
        for column in range(first, first + round(w / box)):
            grid[row][column] = True
    return grid


def qr_expected(payload: str) -> list[list[bool]]:
    """The module grid a QR code (error correction M) of `payload` must have."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(payload)
    code.make()
    return [[bool(m) for m in row] for row in code.modules]
