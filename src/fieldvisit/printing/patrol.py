"""殡葬管理巡查记录: one patrol of the no-burial zones, with the cases it opened (REFERENCE §3.4)."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from fieldvisit.printing.definitions import form_definition
from fieldvisit.printing.document import Renderer
from fieldvisit.printing.formatting import choice_line, fmt_date, fmt_number, fmt_time
from fieldvisit.printing.snapshots import PatrolSnapshot, SignerRole, signed_by

PAIR = (0.16, 0.34, 0.16, 0.34)


def people(rows: Any) -> str:
    """Inspectors as printed: 周建国（观海卫镇综合行政执法队）、孙伟."""
    return "、".join(
        str(p.get("name", "")) + (f"（{p['unit']}）" if p.get("unit") else "") for p in rows if p.get("name")
    )


class PatrolRecordRenderer(Renderer[PatrolSnapshot]):
    """巡查记录: when, who, where, how, what was found and done on site, signatures."""

    document = "patrol_record"
    title_zh = "殡葬管理巡查记录"
    default_form_id = "patrol"

    def _story(self) -> list[Flowable]:
        s, p, blank = self.snapshot, self.snapshot.patrol, self.snapshot.blank
        label, cell = self.label, self.cell
        times = "    时    分 至    时    分" if blank else f"{fmt_time(p.start_at)} 至 {fmt_time(p.end_at)}"
        found = choice_line([("是", p.found_issue and not blank), ("否", not p.found_issue and not blank)])
        count = "" if blank else f"　共 {len(s.cases)} 处"
        rows = [
            [label("巡查编号"), cell(p.patrol_no), label("镇(街道)"), cell(s.town_name)],
            [label("巡查日期"), cell("      年    月    日" if blank else fmt_date(p.patrol_date)), label("起止时间"),
             cell(times)],
            [label("巡查人员"), cell(people(p.inspectors)), "", ""],
            [label("巡查区域"), cell(p.area), "", ""],
            [label("巡查路线"), cell(p.route), "", ""],
            [label("区域类型"), self.choices(self.options("zone_types", p.zone_types), blank=blank), "", ""],
            [label("巡查方式"), self.choices(self.options("mode", p.mode), blank=blank), "", ""],
            [label("是否发现问题"), self.ticked(found + count), "", ""],
        ]  # fmt: skip
        spans = [((1, i), (3, i)) for i in range(2, len(rows))]
        heights: list[float | None] = [None] * len(rows)
        if blank:
            heights[4] = 14 * mm
        story: list[Flowable] = [
            self.title(self.form_title(town=s.town_name or "______镇(街道)")),
            self.grid(rows, PAIR, spans=spans, row_heights=heights, min_height=self.row_min),
            self._cases(),
            self._action(),
            self._signatures(),
        ]
        return story

    def _cases(self) -> Flowable:
        s = self.snapshot
        case_form = form_definition("grave_case")
        rows: list[list[object]] = [
            [self.header("发现问题及关联台账"), "", "", "", "", ""],
            [self.header(h) for h in ("序号", "台账编号", "村(社区)/小地名", "违规类型", "面积(平方米)", "状态")],
        ]
        for number, c in enumerate(s.cases, start=1):
            place = "".join(x for x in (s.village_names.get(c.village_id, ""), c.place_name) if x)
            rows.append(
                [
                    self.center(str(number)),
                    self.center(c.case_no),
                    self.cell(place),
                    self.cell("、".join(self.choice_text("violation_types", v, case_form) for v in c.violation_types)),
                    self.center(fmt_number(c.area_m2)),
                    self.center(self.choice_text("status", c.status, case_form)),
                ]
            )
        blank_rows = 3 if s.blank else (0 if s.cases else 1)
        rows += [[""] * 6 for _ in range(blank_rows)]
        widths = (0.07, 0.22, 0.22, 0.25, 0.11, 0.13)
        return self.grid(rows, widths, header_rows=2, spans=[((0, 0), (5, 0))], min_height=self.row_min)

    def _action(self) -> Flowable:
        p, blank = self.snapshot.patrol, self.snapshot.blank
        rows = [
            [self.label("现场处置"), self.choices(self.options("on_site_action", p.on_site_action), blank=blank)],
            [self.label("处置情况说明"), self.cell(p.on_site_note)],
        ]
        heights = [None, 22 * mm] if blank or not p.on_site_note else None
        return self.grid(rows, (0.16, 0.84), row_heights=heights, min_height=self.row_min)

    def _signatures(self) -> Flowable:
        s, p = self.snapshot, self.snapshot.patrol
        signatures = signed_by(s.signatures, SignerRole.INSPECTOR)
        count = max(2, len(p.inspectors), len(signatures))
        width = 0.34 * self.frame_width - 8
        rows: list[list[object]] = [[self.header(h) for h in ("巡查人员", "签名", "日期")]]
        for i in range(count):
            person = p.inspectors[i] if i < len(p.inspectors) else {}
            signature = signatures[i] if i < len(signatures) else None
            rows.append(
                [
                    self.cell(str(person.get("name", ""))),
                    self.signature(signature, width=width, height=10 * mm),
                    self.center(fmt_date(signature.signed_at) if signature else ""),
                ]
            )
        return self.grid(rows, (0.3, 0.4, 0.3), header_rows=1, row_heights=[None] + [12 * mm] * count)
