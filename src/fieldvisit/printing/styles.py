"""The one stylesheet of the printed forms: 黑体 titles and headings, 宋体 body and table cells."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from fieldvisit.printing.fonts import HEI, SONG

TITLE_SIZE = 18.0
BODY_SIZE = 10.5  # 五号, the size of body text in official documents
CELL_SIZE = 9.5
SMALL_SIZE = 8.0
CELL_LEADING = 1.32  # table cells: mostly one line, a little tighter than running text


@dataclass(frozen=True)
class Styles:
    """Paragraph styles by role; every style wraps Chinese text between any two characters."""

    heading: ParagraphStyle
    subtitle: ParagraphStyle
    body: ParagraphStyle
    body_indent: ParagraphStyle
    right: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    choice: ParagraphStyle
    label: ParagraphStyle
    header_cell: ParagraphStyle
    small: ParagraphStyle
    small_center: ParagraphStyle
    caption: ParagraphStyle
    choice_body: ParagraphStyle
    signoff: ParagraphStyle


def _style(
    name: str, font: str, size: float, align: int = TA_LEFT, *, leading: float = 1.45, **extra: object
) -> ParagraphStyle:
    options: dict[str, object] = {"wordWrap": "CJK", **extra}
    return ParagraphStyle(
        name, fontName=font, fontSize=size, leading=round(size * leading, 1), alignment=align, **options
    )


@cache
def stylesheet(cell_size: float = CELL_SIZE) -> Styles:
    """The shared stylesheet (font names only: the fonts are registered on first render).

    `cell_size` sets table text; a long document such as the dossier prints its tables a little smaller.
    """
    return Styles(
        heading=_style("heading", HEI.name, 11.5, spaceBefore=7, spaceAfter=3),
        subtitle=_style("subtitle", SONG.name, BODY_SIZE, TA_CENTER, spaceAfter=4),
        body=_style("body", SONG.name, BODY_SIZE, TA_JUSTIFY, spaceAfter=3),
        body_indent=_style(
            "body_indent", SONG.name, BODY_SIZE, TA_JUSTIFY, firstLineIndent=2 * BODY_SIZE, spaceAfter=3
        ),
        right=_style("right", SONG.name, BODY_SIZE, TA_RIGHT),
        cell=_style("cell", SONG.name, cell_size, leading=CELL_LEADING),
        cell_center=_style("cell_center", SONG.name, cell_size, TA_CENTER, leading=CELL_LEADING),
        # tick boxes wrap only between options (at spaces), never between a box and its label
        choice=_style("choice", SONG.name, cell_size, leading=CELL_LEADING, wordWrap=None),
        label=_style("label", SONG.name, cell_size, TA_CENTER, leading=CELL_LEADING),
        header_cell=_style("header_cell", HEI.name, cell_size - 0.5, TA_CENTER, leading=CELL_LEADING),
        small=_style("small", SONG.name, SMALL_SIZE),
        small_center=_style("small_center", SONG.name, SMALL_SIZE, TA_CENTER),
        caption=_style("caption", SONG.name, 9.0),
        choice_body=_style("choice_body", SONG.name, BODY_SIZE, leftIndent=2 * BODY_SIZE, wordWrap=None, spaceAfter=3),
        signoff=_style("signoff", SONG.name, BODY_SIZE + 1, TA_RIGHT, rightIndent=2 * BODY_SIZE, spaceAfter=4),
    )
