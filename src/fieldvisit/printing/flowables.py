"""Small flowables of the forms: the bold 黑体 title line, part markers, photos and signature images."""

from __future__ import annotations

import io
from typing import Any

from PIL import Image as PILImage
from PIL import ImageOps
from reportlab.platypus import Flowable, Image

from fieldvisit.printing.fonts import HEI_CHAIN, FontChain, draw_text, text_width

PHOTO_MAX_PIXELS = 1200  # about 250 dpi at the printed photo size (≤ 120 mm wide)
PHOTO_JPEG_QUALITY = 82
ORIENTATION_TAG = 0x0112


class TitleLine(Flowable):
    """A centred title in 黑体, drawn with a thin outline so it reads as bold; shrinks to fit one line."""

    def __init__(self, text: str, size: float, *, chain: FontChain = HEI_CHAIN, space_after: float = 9) -> None:
        super().__init__()
        self.text = text
        self.size = size
        self.chain = chain
        self.space_after = space_after

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        natural = text_width(self.text, self.size, self.chain)
        if natural > avail_width:
            self.size *= avail_width / natural
        self.width = avail_width
        self.height = self.size * 1.3
        return self.width, self.height + self.space_after

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setLineWidth(self.size * 0.035)  # the outline that makes the faux bold
        baseline = self.space_after + self.size * 0.25  # wrap() counted the space after below the line
        draw_text(canvas, self.width / 2, baseline, self.text, self.size, self.chain, align="center", render_mode=2)
        canvas.restoreState()


class PartStart(Flowable):
    """Zero-size marker: the pages from here on belong to `part` (numbering, QR code, markings)."""

    def __init__(self, part: Any) -> None:
        super().__init__()
        self.part = part

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.fieldvisit_part = self.part


def _prepared(data: bytes, max_pixels: int, *, grey: bool = False) -> tuple[io.BytesIO, int, int]:
    """JPEG bytes of a size fit for print, turned upright by its EXIF tag.

    A colour JPEG that is already upright and at most twice `max_pixels` is kept as it is (ReportLab embeds
    JPEG data without decoding it); anything larger, rotated or in another format is scaled and re-encoded.
    """
    with PILImage.open(io.BytesIO(data)) as opened:
        upright = opened.getexif().get(ORIENTATION_TAG, 1) == 1
        small = max(opened.size) <= 2 * max_pixels
        if opened.format == "JPEG" and opened.mode == "RGB" and upright and small and not grey:
            return io.BytesIO(data), *opened.size
        opened.draft("L" if grey else "RGB", (max_pixels, max_pixels))  # JPEG: decode at a reduced scale
        image = ImageOps.exif_transpose(opened).convert("L" if grey else "RGB")
        image.thumbnail((max_pixels, max_pixels), PILImage.Resampling.BILINEAR)
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=PHOTO_JPEG_QUALITY, optimize=True)
        width, height = image.size
    buffer.seek(0)
    return buffer, width, height


def fitted_image(data: bytes, max_width: float, max_height: float, *, grey: bool = False) -> Image:
    """A photo or signature scaled to fit the box, keeping its aspect ratio, turned upright by its EXIF tag."""
    jpeg, width, height = _prepared(data, PHOTO_MAX_PIXELS, grey=grey)
    scale = min(max_width / width, max_height / height)
    return Image(jpeg, width=width * scale, height=height * scale)
