"""违建坟墓整改复查记录: the re-inspection after the deadline, with before/after photos (REFERENCE §3.7)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak

from fieldvisit.printing.definitions import form_definition
from fieldvisit.printing.document import Renderer
from fieldvisit.printing.flowables import fitted_image
from fieldvisit.printing.formatting import choice_line, fmt_coordinates, fmt_date, fmt_datetime, fmt_number
from fieldvisit.printing.patrol import people
from fieldvisit.printing.snapshots import Photo, ReinspectionSnapshot, SignerRole, signed_by

PAIR = (0.16, 0.34, 0.16, 0.34)
COMPARE_HEIGHT = 62 * mm


class ReinspectionRenderer(Renderer[ReinspectionSnapshot]):
    """复查记录: the case, what was found at re-inspection, the conclusion, signatures, comparison photos."""

    document = "reinspection_record"
    title_zh = "违建坟墓整改复查记录"
    default_form_id = "reinspection"

    def _story(self) -> list[Flowable]:
        s, x, case, blank = self.snapshot, self.snapshot.reinspection, self.snapshot.case, self.snapshot.blank
        case_form = form_definition("grave_case")
        label, cell = self.label, self.cell
        place = "".join(v for v in (s.village_name, case.place_name) if v)
        coordinates = fmt_coordinates(case.latitude, case.longitude)
        violations = "、".join(self.choice_text("violation_types", v, case_form) for v in case.violation_types)
        before = f"原占地面积 {fmt_number(case.area_m2, '平方米')}" if case.area_m2 is not None else ""
        deadline = s.notice.deadline if s.notice is not None else case.deadline
        new_deadline = fmt_date(x.new_deadline) if x.new_deadline else "______年____月____日"
        photo_count = "" if blank else f"整改前 {len(s.photos_before)} 张，整改后 {len(s.photos_after)} 张"
        conclusion = self.options("conclusion", None if blank else x.conclusion)
        conclusion_text = choice_line(conclusion)
        rows = [
            [label("台账编号"), cell(case.case_no), label("通知书文号"), cell(s.notice.notice_no if s.notice else "")],
            [label("当事人"), cell(str(case.party.get("name", ""))), label("坟墓位置"),
             cell(place + (f"\n{coordinates}" if coordinates else ""))],
            [label("整改期限"), cell(fmt_date(deadline)), label("复查日期"),
             cell("      年    月    日" if blank else fmt_date(x.inspected_on))],
            [label("复查人员"), cell(people(x.inspectors)), "", ""],
            [label("原违规情形"), cell("；".join(v for v in (violations, before) if v)), "", ""],
            [label("整改结果"), self.choices(self.options("result", x.result), blank=blank), "", ""],
            [label("复查后面积"), cell(fmt_number(x.area_m2_after, "平方米") if x.area_m2_after is not None else ""),
             label("对比照片"), cell(photo_count)],
            [label("复查结论"), self.ticked(conclusion_text + f"　新整改期限：{new_deadline}"), "", ""],
            [label("复查说明"), cell(x.note), "", ""],
        ]  # fmt: skip
        spans = [((1, i), (3, i)) for i in (3, 4, 5, 7, 8)]
        heights: list[float | None] = [None] * len(rows)
        if blank or not x.note:
            heights[8] = 24 * mm
        story: list[Flowable] = [
            self.title(self.form_title(town=s.town_name or "______镇(街道)")),
            self.grid(rows, PAIR, spans=spans, row_heights=heights, min_height=self.row_min),
            self._signatures(),
        ]
        story += self._comparison()
        return story

    def _signatures(self) -> Flowable:
        s = self.snapshot
        inspectors = signed_by(s.signatures, SignerRole.INSPECTOR)
        width = 0.34 * self.frame_width - 8
        first = inspectors[0] if inspectors else None
        second = inspectors[1] if len(inspectors) > 1 else None
        rows = [
            [
                self.label("复查人员签名"),
                self.signature(first, width=width, height=10 * mm),
                self.signature(second, width=width, height=10 * mm),
            ],
            [self.label("当事人签名"), "", self.center("      年    月    日")],
        ]
        return self.grid(rows, (0.16, 0.42, 0.42), row_heights=[13 * mm, 13 * mm])

    def _comparison(self) -> list[Flowable]:
        s = self.snapshot
        pairs = max(len(s.photos_before), len(s.photos_after))
        if not pairs:
            return []
        story: list[Flowable] = [PageBreak(), self.title("附：整改前后对比照片（同一视角）", 15)]
        half = self.frame_width / 2 - 8
        for i in range(pairs):
            rows: list[list[object]] = [[self.header("整改前"), self.header("整改后")]]
            before = s.photos_before[i] if i < len(s.photos_before) else None
            after = s.photos_after[i] if i < len(s.photos_after) else None
            rows.append([self._image(before, half), self._image(after, half)])
            rows.append([self._caption(f"前{i + 1}", before), self._caption(f"后{i + 1}", after)])
            story.append(KeepTogether([self.grid(rows, (0.5, 0.5), extra=[("ALIGN", (0, 1), (-1, 1), "CENTER")])]))
        return story

    def _image(self, photo: Photo | None, width: float) -> Flowable | str:
        return fitted_image(photo.image, width, COMPARE_HEIGHT) if photo is not None else ""

    def _caption(self, number: str, photo: Photo | None) -> Flowable | str:
        if photo is None:
            return ""
        place = fmt_coordinates(photo.latitude, photo.longitude)
        lines = [f"照片{number}　{photo.caption}".rstrip(), fmt_datetime(photo.taken_at), place, photo.sha256[:16]]
        return self.para("\n".join(line for line in lines if line), self.styles.small)
