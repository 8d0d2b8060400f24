"""The overdue-visit roster of one supervisor (儿童督导员), grouped by village and child director."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from fieldvisit.domain.children import ChildCategory, RiskLevel
from fieldvisit.printing.document import Renderer
from fieldvisit.printing.formatting import fmt_date, fmt_short_date, zh
from fieldvisit.printing.snapshots import OverdueEntry, OverdueRosterSnapshot

ROSTER_LAYOUT = "overdue_roster"
ROSTER_VERSION = 1
COLUMNS = ("序号", "儿童姓名", "档案编号", "儿童类别", "风险等级", "最近探访", "应探访", "逾期天数", "备注")
WIDTHS = (0.06, 0.12, 0.19, 0.16, 0.09, 0.11, 0.11, 0.07, 0.09)


def _group_key(entry: OverdueEntry) -> tuple[str, str]:
    return entry.village_name, entry.director_name


class OverdueRosterRenderer(Renderer[OverdueRosterSnapshot]):
    """探访逾期名单: every overdue child of a supervisor's area, most overdue first within each group."""

    document = "overdue_roster"
    title_zh = "困境儿童/留守儿童探访逾期名单"
    default_form_id = ROSTER_LAYOUT
    confidential = True

    @property
    def record_id(self) -> str:
        return f"{self.snapshot.supervisor_id}@{self.snapshot.as_of.isoformat()}"

    @property
    def form_id(self) -> str:
        return ROSTER_LAYOUT

    @property
    def form_version(self) -> int:
        return ROSTER_VERSION

    def _story(self) -> list[Flowable]:
        s = self.snapshot
        entries = sorted(s.entries, key=lambda e: (*_group_key(e), e.next_visit_due or s.as_of, e.child_name))
        story: list[Flowable] = [
            self.title(f"慈溪市{s.town_name}困境儿童/留守儿童探访逾期名单"),
            self.para(
                f"儿童督导员：{s.supervisor_name}　统计日期：{fmt_date(s.as_of)}　逾期共 {len(entries)} 人",
                self.styles.subtitle,
            ),
        ]
        if not entries:
            story.append(self.para("截至统计日期，无逾期未探访儿童。", self.styles.subtitle))
        for (village, director), group in groupby(entries, key=_group_key):
            story += self._group(village, director, list(group))
        story.append(Spacer(1, 6 * mm))
        story.append(self.para("督导员签名：________________　　日期：______年____月____日", self.styles.right))
        return story

    def _group(self, village: str, director: str, entries: list[OverdueEntry]) -> list[Flowable]:
        heading = self.heading(f"{village or '未分村(社区)'}　儿童主任：{director or '未指定'}　（{len(entries)} 人）")
        rows: list[list[object]] = [[self.header(h) for h in COLUMNS]]
        rows += list(self._rows(entries))
        table = self.grid(rows, WIDTHS, header_rows=1, min_height=6.5 * mm)
        return [KeepTogether([heading, table]), Spacer(1, 2 * mm)]

    def _rows(self, entries: Iterable[OverdueEntry]) -> Iterable[list[object]]:
        as_of = self.snapshot.as_of
        for number, e in enumerate(entries, start=1):
            overdue = (as_of - e.next_visit_due).days if e.next_visit_due else None
            yield [
                self.center(str(number)),
                self.cell(e.child_name),
                self.center(e.file_no),
                self.center(zh(ChildCategory, e.category)),
                self.center(zh(RiskLevel, e.risk_level)),
                self.center(fmt_short_date(e.last_visit_on)),
                self.center(fmt_short_date(e.next_visit_due)),
                self.center("" if overdue is None else str(overdue)),
                self.cell(""),
            ]
