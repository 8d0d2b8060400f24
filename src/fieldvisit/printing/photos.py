"""Photo pages: each photo with its number, caption, capture time, place, photographer and hash."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer

from fieldvisit.formspec import FormSpec
from fieldvisit.printing.definitions import find_field
from fieldvisit.printing.document import Renderer
from fieldvisit.printing.flowables import fitted_image
from fieldvisit.printing.formatting import fmt_coordinates, fmt_datetime
from fieldvisit.printing.snapshots import Photo

PHOTO_HEIGHT = 88 * mm


def photo_block(
    renderer: Renderer[Any], number: str, photo: Photo, *, height: float = PHOTO_HEIGHT, form: FormSpec | None = None
) -> Flowable:
    """One photo, scaled into a box of the frame's width, above its caption grid.

    The caption is the photo's own, else the label of its slot in the form (住房外观(含门牌), …).
    """
    image = fitted_image(photo.image, renderer.frame_width - 6, height)
    slot = find_field(form, photo.kind) if form is not None and photo.kind else None
    caption = "；".join(x for x in (slot.label_zh if slot else photo.kind, photo.caption) if x)
    rows = [
        [image, "", "", ""],
        [renderer.label("照片编号"), renderer.cell(number), renderer.label("说明"), renderer.cell(caption)],
        [
            renderer.label("拍摄时间"),
            renderer.cell(fmt_datetime(photo.taken_at)),
            renderer.label("拍摄地点"),
            renderer.cell(fmt_coordinates(photo.latitude, photo.longitude)),
        ],
        [
            renderer.label("拍摄人"),
            renderer.cell(photo.photographer),
            renderer.label("SHA-256"),
            renderer.para(photo.sha256[:32], renderer.styles.small),
        ],
    ]
    table = renderer.grid(
        rows,
        (0.13, 0.27, 0.13, 0.47),
        spans=[((0, 0), (-1, 0))],
        extra=[("ALIGN", (0, 0), (-1, 0), "CENTER")],
    )
    return KeepTogether([table, Spacer(1, 5 * mm)])


def photo_appendix(
    renderer: Renderer[Any], photos: Sequence[Photo], title: str, *, prefix: str = "", form: FormSpec | None = None
) -> list[Flowable]:
    """A new page titled `title`, then the photos two to a page, numbered from `prefix`1."""
    if not photos:
        return []
    story: list[Flowable] = [PageBreak(), renderer.title(title, 15)]
    for index, photo in enumerate(photos, start=1):
        story.append(CondPageBreak(PHOTO_HEIGHT + 30 * mm))
        story.append(photo_block(renderer, f"{prefix}{index}", photo, form=form))
    return story
