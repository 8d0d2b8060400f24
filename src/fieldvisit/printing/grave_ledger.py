"""违建坟墓台账 of one town: counts by village (found / rectifying / closed / enforced), then every case."""

from __future__ import annotations

from collections import Counter
from enum import StrEnum

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from fieldvisit.domain.burial import CaseStatus
from fieldvisit.printing.definitions import form_definition
from fieldvisit.printing.document import Renderer
from fieldvisit.printing.formatting import fmt_date, fmt_number, fmt_short_date
from fieldvisit.printing.snapshots import LedgerEntry, LedgerSnapshot

LEDGER_LAYOUT = "grave_ledger"
LEDGER_VERSION = 1


class Stage(StrEnum):
    """The four columns of the cumulative ledger (REFERENCE §3.9)."""

    FOUND = "新发现"
    RECTIFYING = "整改中"
    CLOSED = "已销号"
    ENFORCED = "强制拆除"


_FOUND = {CaseStatus.DISCOVERED, CaseStatus.REGISTERED, CaseStatus.VERIFIED}
_CLOSED = {CaseStatus.RECTIFIED, CaseStatus.CLOSED}


def stage_of(entry: LedgerEntry) -> Stage:
    """Enforced cases count as 强制拆除 even once closed; other closed cases as 已销号; open ones by progress."""
    status = entry.case.status
    if status == CaseStatus.ENFORCED or entry.enforced:
        return Stage.ENFORCED
    if status in _CLOSED:
        return Stage.CLOSED
    if status in _FOUND:
        return Stage.FOUND
    return Stage.RECTIFYING


class GraveLedgerRenderer(Renderer[LedgerSnapshot]):
    """The town's ledger: a summary by village, then the cases stage by stage."""

    document = "grave_ledger"
    title_zh = "违建坟墓台账"
    default_form_id = LEDGER_LAYOUT
    cell_size = 8.0
    cell_padding = 2.0
    left_margin_mm = 14.0
    right_margin_mm = 14.0

    @property
    def record_id(self) -> str:
        return f"{self.snapshot.town_code}@{self.snapshot.as_of.isoformat()}"

    @property
    def form_id(self) -> str:
        return LEDGER_LAYOUT

    @property
    def form_version(self) -> int:
        return LEDGER_VERSION

    def _story(self) -> list[Flowable]:
        s = self.snapshot
        story: list[Flowable] = [
            self.title(f"慈溪市{s.town_name}违建坟墓台账"),
            self.para(f"统计截至：{fmt_date(s.as_of)}　共 {len(s.entries)} 处", self.styles.subtitle),
            KeepTogether([self.heading("一、汇总（按村(社区)）"), self._summary()]),
        ]
        numerals = "二三四五"
        for index, stage in enumerate(Stage):
            entries = [e for e in s.entries if stage_of(e) == stage]
            story.append(Spacer(1, 2 * mm))
            story += self._detail(f"{numerals[index]}、{stage.value}（{len(entries)} 处）", entries)
        return story

    def _summary(self) -> Flowable:
        counts: dict[str, Counter[Stage]] = {}
        for e in self.snapshot.entries:
            counts.setdefault(e.village_name or "未分村(社区)", Counter())[stage_of(e)] += 1
        rows: list[list[object]] = [[self.header(h) for h in ("村(社区)", *[s.value for s in Stage], "合计")]]
        total: Counter[Stage] = Counter()
        for village in sorted(counts):
            c = counts[village]
            total.update(c)
            rows.append([self.center(village), *[self.center(str(c[s])) for s in Stage], self.center(str(c.total()))])
        rows.append(
            [self.header("合计"), *[self.center(str(total[s])) for s in Stage], self.center(str(total.total()))]
        )
        return self.grid(rows, (0.25, 0.15, 0.15, 0.15, 0.15, 0.15), header_rows=1, min_height=6 * mm)

    def _detail(self, heading: str, entries: list[LedgerEntry]) -> list[Flowable]:
        form = form_definition("grave_case")
        header = ("序号", "台账编号", "村(社区)/小地名", "发现日期", "违规类型", "面积(m²)", "当事人", "通知书文号",
                  "整改期限", "状态/销号")  # fmt: skip
        rows: list[list[object]] = [[self.header(h) for h in header]]
        for number, e in enumerate(sorted(entries, key=lambda e: (e.village_name, e.case.found_on)), start=1):
            c = e.case
            status = self.choice_text("status", c.status, form)
            if c.closed_on:
                status += f"\n{fmt_short_date(c.closed_on)}"
            rows.append(
                [
                    self.center(str(number)),
                    self.center(c.case_no),
                    self.cell("".join(x for x in (e.village_name, c.place_name) if x)),
                    self.center(fmt_short_date(c.found_on)),
                    self.cell("、".join(self.choice_text("violation_types", v, form) for v in c.violation_types)),
                    self.center(fmt_number(c.area_m2)),
                    self.cell("墓主不明" if c.unknown_owner else str(c.party.get("name", ""))),
                    self.center(e.notice_no),
                    self.center(fmt_short_date(c.deadline)),
                    self.center(status),
                ]
            )
        if not entries:
            rows.append([self.center("无"), *[""] * 9])
        widths = (0.04, 0.19, 0.11, 0.08, 0.13, 0.06, 0.08, 0.12, 0.08, 0.11)
        return [KeepTogether([self.heading(heading), self.grid(rows, widths, header_rows=1, min_height=6 * mm)])]
