"""The renderer base: A4 page template, numbered canvas, QR check code, markings, and the text recorder.

Every string a renderer prints passes through `Renderer.text()` (or a helper built on it): that is where
rare characters get their fallback font and where the printed content is recorded for the check code.
"""

from __future__ import annotations

import hashlib
import io
import itertools
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate, Paragraph, Table, TableStyle

from fieldvisit.domain.resident_id import mask_id_number
from fieldvisit.formspec import FormSpec
from fieldvisit.printing import definitions
from fieldvisit.printing.check_code import CheckCode, content_sha256
from fieldvisit.printing.flowables import PartStart, TitleLine, fitted_image
from fieldvisit.printing.fonts import BODY, HEI, HEI_CHAIN, SONG, draw_text, markup, missing_glyphs, register_fonts
from fieldvisit.printing.formatting import choice_line
from fieldvisit.printing.snapshots import Signature
from fieldvisit.printing.styles import CELL_SIZE, TITLE_SIZE, Styles, stylesheet

S = TypeVar("S")

CONFIDENTIAL_ZH = "内部资料 注意保密"
QR_SIZE = 17 * mm
GRID_WIDTH = 0.5
BOX_WIDTH = 1.0


@dataclass(frozen=True)
class Part:
    """A run of pages numbered on their own ("第 X 页 共 Y 页"), e.g. one copy of a notice."""

    renderer: Renderer[Any]
    key: int
    label: str = ""


@dataclass(frozen=True)
class PrintedRecord:
    """What was printed for one record: its check code and the exact printed strings that were hashed."""

    check: CheckCode
    content: tuple[str, ...]


@dataclass(frozen=True)
class PrintedDocument:
    """A rendered PDF and what the caller needs to log the print (an audit event of kind PRINT)."""

    document: str
    pdf: bytes
    page_count: int
    records: tuple[PrintedRecord, ...]
    missing_glyphs: frozenset[str] = frozenset()

    @property
    def check(self) -> CheckCode:
        """The check code of the first (usually the only) record."""
        return self.records[0].check

    @property
    def content_sha256(self) -> str:
        return self.check.sha256

    def audit_detail(self, copies: int = 1) -> dict[str, Any]:
        """What a PRINT or EXPORT audit event records about this document (the caller adds who and when)."""
        return {
            "document": self.document,
            "copies": copies,
            "pages": self.page_count,
            "pdf_sha256": hashlib.sha256(self.pdf).hexdigest(),
            "records": [
                {"id": r.check.record_id, "form": r.check.form_id, "version": r.check.form_version,
                 "sha256": r.check.sha256}
                for r in self.records
            ],
        }  # fmt: skip


class _NumberedCanvas(Canvas):
    """Holds pages back until the end so each can print "第 X 页 共 Y 页" within its own part."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held: list[tuple[dict[str, Any], int]] = []
        self.fieldvisit_part: Part | None = None

    def showPage(self) -> None:
        part = self.fieldvisit_part
        self._held.append((dict(self.__dict__), part.key if part else 0))
        self._startPage()

    def save(self) -> None:
        counts: dict[int, int] = {}
        for _, key in self._held:
            counts[key] = counts.get(key, 0) + 1
        seen: dict[int, int] = {}
        for state, key in self._held:
            seen[key] = seen.get(key, 0) + 1
            self.__dict__.update(state)
            self.setFillColor(colors.black)
            draw_text(self, self._pagesize[0] / 2, 10 * mm, f"第 {seen[key]} 页 共 {counts[key]} 页", 9, align="center")
            super().showPage()
        self.page_count = len(self._held)
        super().save()


def _qr_form(canvas: Canvas, check: CheckCode) -> str:
    """Define (once per document) a form XObject holding the QR code of `check`; return its name."""
    name = f"FVQR{check.sha256[:16]}"
    if canvas.hasForm(name):
        return name
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(check.payload)
    code.make()
    count = code.getModuleCount()
    box = QR_SIZE / count
    canvas.beginForm(name, lowerx=0, lowery=0, upperx=QR_SIZE, uppery=QR_SIZE)
    canvas.setFillColor(colors.black)
    for row, modules in enumerate(code.modules):
        column = 0
        for dark, run in itertools.groupby(bool(m) for m in modules):
            length = len(list(run))
            if dark:
                canvas.rect(column * box, QR_SIZE - (row + 1) * box, length * box, box, stroke=0, fill=1)
            column += length
    canvas.endForm()
    return name


def _decorate(canvas: Canvas, doc: BaseDocTemplate) -> None:
    """Page furniture of the current part: confidentiality mark, copy label, QR check code."""
    part: Part | None = getattr(canvas, "fieldvisit_part", None)
    if part is None:
        return
    renderer = part.renderer
    width, height = canvas._pagesize
    top = height - 9 * mm
    canvas.saveState()
    if renderer.confidential:
        draw_text(canvas, renderer.left_margin_mm * mm, top, CONFIDENTIAL_ZH, 10, HEI_CHAIN)
    if part.label:
        draw_text(canvas, width - renderer.right_margin_mm * mm, top, part.label, 10.5, HEI_CHAIN, align="right")
    check = renderer.check
    x = width - renderer.right_margin_mm * mm - QR_SIZE
    y = 5 * mm
    canvas.translate(x, y)
    canvas.doForm(_qr_form(canvas, check))
    canvas.translate(-x, -y)
    draw_text(canvas, x - 2 * mm, y + 2 * mm, f"校验码 {check.short}", 7, align="right")
    draw_text(canvas, x - 2 * mm, y + 5.5 * mm, f"{check.form_id} 第{check.form_version}版", 7, align="right")
    canvas.restoreState()


class Renderer(ABC, Generic[S]):
    """One printed document over one immutable snapshot (see `snapshots.py`)."""

    document: ClassVar[str]
    title_zh: ClassVar[str]
    default_form_id: ClassVar[str]
    confidential: ClassVar[bool] = False
    page_size: ClassVar[tuple[float, float]] = A4
    top_margin_mm: ClassVar[float] = 16.0
    bottom_margin_mm: ClassVar[float] = 25.0
    left_margin_mm: ClassVar[float] = 18.0
    right_margin_mm: ClassVar[float] = 18.0
    filled_row_mm: ClassVar[float] = 7.0
    blank_row_mm: ClassVar[float] = 8.5
    cell_size: ClassVar[float] = CELL_SIZE
    cell_padding: ClassVar[float] = 3.0

    def __init__(self, snapshot: S) -> None:
        self.snapshot = snapshot
        self.styles: Styles = stylesheet(self.cell_size)
        self._content: list[str] = []
        self._parts = 0
        self._check: CheckCode | None = None

    # identity of what is printed

    @property
    def record_id(self) -> str:
        return str(self.snapshot.record.id)

    @property
    def form_id(self) -> str:
        return str(getattr(self.snapshot.record, "form_id", "") or self.default_form_id)

    @property
    def form_version(self) -> int:
        return int(getattr(self.snapshot.record, "form_version", 1) or 1)

    @property
    def blank(self) -> bool:
        """True for a blank paper form, filled in by hand."""
        return bool(getattr(self.snapshot, "blank", False))

    @property
    def row_min(self) -> float:
        """The least height of a form row: room for handwriting on a blank form."""
        return (self.blank_row_mm if self.blank else self.filled_row_mm) * mm

    @property
    def show_full_ids(self) -> bool:
        return bool(getattr(self.snapshot, "show_full_ids", False))

    @property
    def check(self) -> CheckCode:
        if self._check is None:
            raise RuntimeError("the story has not been built yet")
        return self._check

    @property
    def form(self) -> FormSpec:
        """The form definition this document prints (labels, choice lists, title template)."""
        return definitions.form_definition(self.form_id)

    def options(self, key: str, selected: object, form: FormSpec | None = None) -> list[tuple[str, bool]]:
        """The choices of form field `key` as (label, ticked) for the stored value(s) `selected`."""
        return definitions.options(form or self.form, key, selected)

    def choice_text(self, key: str, value: object, form: FormSpec | None = None) -> str:
        """The Chinese label of a stored choice value of form field `key`."""
        return definitions.choice_label(form or self.form, key, value)

    def form_title(self, **values: str) -> str:
        """The printed title from the definition's template, e.g. 慈溪市观海卫镇儿童探访记录表."""
        hints = self.form.print_hints
        return definitions.fill_template(hints.title_zh or self.form.title_zh, values)

    @property
    def frame_width(self) -> float:
        return self.page_size[0] - (self.left_margin_mm + self.right_margin_mm) * mm

    @property
    def content(self) -> tuple[str, ...]:
        return tuple(self._content)

    # the story

    @abstractmethod
    def _story(self) -> list[Flowable]:
        """The flowables of this document; print every string through `text()` and its helpers."""

    def story(self) -> list[Flowable]:
        """Build the flowables, record what they print and fix the check code."""
        self._content.clear()
        self._parts = 0
        if self.confidential:
            self.text(CONFIDENTIAL_ZH)
        first = self.part()
        body = self._story()
        digest = content_sha256(self.document, self.form_id, self.form_version, self.record_id, self._content)
        self._check = CheckCode(self.document, self.record_id, self.form_id, self.form_version, digest)
        return [first, *body]

    def part(self, label: str = "") -> Flowable:
        """Start a new separately numbered run of pages (e.g. 存档联); `label` is printed top right."""
        self._parts += 1
        if label:
            self.text(label)
        return PartStart(Part(self, id(self) * 100 + self._parts, label))

    # printing text: everything goes through here

    def text(self, value: object) -> str:
        """Record `value` as printed content and return it as text."""
        text = "" if value is None else str(value)
        self._content.append(text)
        return text

    def para(self, value: object, style: Any = None) -> Paragraph:
        """A paragraph of plain text in `style` (body by default), with per-character font fallback."""
        style = style or self.styles.body
        chain = HEI_CHAIN if style.fontName == HEI.name else BODY
        return Paragraph(markup(self.text(value), chain), style)

    def cell(self, value: object) -> Paragraph:
        return self.para(value, self.styles.cell)

    def center(self, value: object) -> Paragraph:
        return self.para(value, self.styles.cell_center)

    def label(self, value: str) -> Paragraph:
        return self.para(value, self.styles.label)

    def header(self, value: str) -> Paragraph:
        return self.para(value, self.styles.header_cell)

    def heading(self, value: str) -> Paragraph:
        return self.para(value, self.styles.heading)

    def title(self, value: str, size: float = TITLE_SIZE) -> Flowable:
        return TitleLine(self.text(value), size)

    def choices(self, options: Sequence[tuple[str, bool]], *, blank: bool = False) -> Paragraph:
        """Tick boxes, e.g. ☑低保 ☐低保边缘; on a blank form every box is empty."""
        return self.para(choice_line([(label, ticked and not blank) for label, ticked in options]), self.styles.choice)

    def ticked(self, boxes: str, note: object = "") -> list[Flowable]:
        """A cell of tick boxes (wrapping only between options) with an optional free-text note below."""
        cell: list[Flowable] = [self.para(boxes, self.styles.choice)]
        if note:
            cell.append(self.cell(note))
        return cell

    def id_number(self, value: str | None) -> str:
        """An ID number as this print may show it: masked unless full numbers were authorised."""
        return (value or "") if self.show_full_ids else mask_id_number(value)

    # tables

    def grid(
        self,
        rows: Sequence[Sequence[object]],
        widths: Sequence[float],
        *,
        header_rows: int = 0,
        spans: Sequence[tuple[tuple[int, int], tuple[int, int]]] = (),
        row_heights: Sequence[float | None] | float | None = None,
        min_height: float = 0,
        extra: Sequence[tuple[Any, ...]] = (),
    ) -> Table:
        """A boxed grid with thin inner lines; `widths` are fractions of the frame; str cells become text.

        Rows get `row_heights` where given; otherwise their natural height, but at least `min_height`
        (room to write by hand on a blank form, and the even rhythm of a paper form when filled).
        """
        body = [[c if isinstance(c, Flowable | list) else self.cell("" if c is None else c) for c in r] for r in rows]
        column_widths = [w * self.frame_width for w in widths]
        spans = [(_cell_index(a, body), _cell_index(b, body)) for a, b in spans]
        heights: list[float | None]
        if row_heights is None or isinstance(row_heights, int | float):
            heights = [row_heights] * len(body)
        else:
            heights = list(row_heights)
        pad = self.cell_padding
        if min_height:
            natural = _natural_heights(body, column_widths, spans, pad)
            heights = [h if h is not None else max(n, min_height) for h, n in zip(heights, natural, strict=True)]
        table = Table(body, colWidths=column_widths, rowHeights=heights, repeatRows=header_rows, hAlign="CENTER")
        commands: list[tuple[Any, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), SONG.name),  # else ReportLab selects Helvetica, an unembedded font
            ("GRID", (0, 0), (-1, -1), GRID_WIDTH, colors.black),
            ("BOX", (0, 0), (-1, -1), BOX_WIDTH, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), pad),
            ("RIGHTPADDING", (0, 0), (-1, -1), pad),
            ("TOPPADDING", (0, 0), (-1, -1), pad - 0.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
        ]
        commands += [("SPAN", start, end) for start, end in spans]
        if header_rows:
            commands.append(("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), BOX_WIDTH, colors.black))
        table.setStyle(TableStyle([*commands, *extra]))
        return table

    def signature(self, signature: Signature | None, *, width: float, height: float = 11 * mm) -> Flowable | str:
        """The captured signature or fingerprint image scaled into a cell; empty for signing by hand."""
        if signature is None or not signature.image:
            return ""
        return fitted_image(signature.image, width, height, grey=True)

    def render(self) -> PrintedDocument:
        """Render this document alone."""
        return build_pdf([self])


def _cell_index(cell: tuple[int, int], body: Sequence[Sequence[object]]) -> tuple[int, int]:
    column, row = cell
    return column % len(body[0]), row % len(body)


def _natural_heights(
    body: Sequence[Sequence[object]],
    widths: Sequence[float],
    spans: Sequence[tuple[tuple[int, int], tuple[int, int]]],
    pad: float,
) -> list[float]:
    """The height each row needs for its content, with cell padding `pad`.

    A cell spanning several columns wraps in their joint width; a cell spanning several rows (a vertical block
    label, a photo) does not set the height of its first row.
    """
    span_end = dict(spans)
    tall = {start for start, end in spans if end[1] > start[1]}
    covered = {
        (c, r)
        for (c0, r0), (c1, r1) in spans
        for c in range(c0, c1 + 1)
        for r in range(r0, r1 + 1)
        if (c, r) != (c0, r0)
    }
    heights = []
    for r, row in enumerate(body):
        tallest = 0.0
        for c, content in enumerate(row):
            if (c, r) in covered or (c, r) in tall:
                continue
            last = span_end.get((c, r), (c, r))[0]
            width = sum(widths[c : last + 1]) - 2 * pad
            flowables = content if isinstance(content, list) else [content]
            tallest = max(tallest, sum(f.wrap(width, 1e6)[1] for f in flowables if isinstance(f, Flowable)))
        heights.append(tallest + 2 * pad - 0.5)
    return heights


def build_pdf(renderers: Sequence[Renderer[Any]]) -> PrintedDocument:
    """Render several documents of one kind into one PDF; each keeps its own numbering and check code."""
    if not renderers:
        raise ValueError("nothing to print")
    register_fonts((SONG, HEI))
    first = renderers[0]
    story: list[Flowable] = []
    for index, renderer in enumerate(renderers):
        if index:
            story.append(PageBreak())
        story += renderer.story()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=first.page_size,
        leftMargin=first.left_margin_mm * mm,
        rightMargin=first.right_margin_mm * mm,
        topMargin=first.top_margin_mm * mm,
        bottomMargin=first.bottom_margin_mm * mm,
        title=first.title_zh,
        author="慈溪市民政局 FieldVisit",
        subject=first.document,
        creator="FieldVisit",
        initialFontName=SONG.name,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, 0, 0, 0, 0, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=_decorate, pagesize=first.page_size)])
    holder: dict[str, _NumberedCanvas] = {}

    def canvas_maker(*args: Any, **kwargs: Any) -> _NumberedCanvas:
        holder["canvas"] = _NumberedCanvas(*args, **kwargs)
        return holder["canvas"]

    doc.build(story, canvasmaker=canvas_maker)
    records = tuple(PrintedRecord(r.check, r.content) for r in renderers)
    missing = frozenset().union(*(missing_glyphs("".join(r.content)) for r in renderers))
    return PrintedDocument(first.document, buffer.getvalue(), holder["canvas"].page_count, records, missing)
