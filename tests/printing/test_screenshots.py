"""Rasterise every document (pdftoppm -r 60) into one PNG per document where FIELDVISIT_SCREENSHOTS points."""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from tests.printing.conftest import CASES

from fieldvisit.printing.document import PrintedDocument

Printed = Callable[[str], tuple[PrintedDocument, Any]]
COLUMNS = 6


def _sheet(pages: list[Path], out: Path) -> None:
    """All pages of a document side by side, in rows of COLUMNS."""
    images = [Image.open(p).convert("RGB") for p in pages]
    width, height = images[0].size
    columns = min(COLUMNS, len(images))
    sheet = Image.new("RGB", (columns * width, math.ceil(len(images) / columns) * height), "white")
    for index, image in enumerate(images):
        sheet.paste(image, ((index % columns) * width, (index // columns) * height))
    sheet.save(out)


@pytest.mark.skipif(not os.environ.get("FIELDVISIT_SCREENSHOTS"), reason="FIELDVISIT_SCREENSHOTS is not set")
@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
@pytest.mark.parametrize("name", sorted(CASES))
def test_screenshot(printed: Printed, name: str) -> None:
    target = Path(os.environ["FIELDVISIT_SCREENSHOTS"])
    target.mkdir(parents=True, exist_ok=True)
    result, _ = printed(name)
    with tempfile.TemporaryDirectory() as work:
        pdf = Path(work) / f"{name}.pdf"
        pdf.write_bytes(result.pdf)
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(Path(work) / "page")], check=True)
        pages = sorted(Path(work).glob("page-*.png"))
        assert len(pages) == result.page_count
        _sheet(pages, target / f"{name}.png")
    assert (target / f"{name}.png").stat().st_size > 0
