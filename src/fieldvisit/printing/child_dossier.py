"""一人一档: the whole file of one child — cover sheet, every visit in date order, changes, services, referrals."""

from __future__ import annotations

from datetime import UTC, date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer

from fieldvisit.domain.children import ChildVisit
from fieldvisit.formspec import FormSpec
from fieldvisit.printing.child_forms import child_sheet, visit_grid
from fieldvisit.printing.definitions import find_field, form_definition
from fieldvisit.printing.document import Renderer
from fieldvisit.printing.formatting import fmt_date, fmt_datetime
from fieldvisit.printing.snapshots import DossierSnapshot

VISIT_ROOM = 95 * mm  # start a visit on a new page when less than this is left


def _changed_item(form: FormSpec, key: str) -> str:
    """The Chinese name of a changed item: its field label, else the title of its section."""
    field = find_field(form, key)
    if field is not None:
        return field.label_zh
    section = next((x for x in form.sections if x.key == key), None)
    return section.title_zh if section is not None else key


def _visit_order(visit: ChildVisit) -> datetime:
    return visit.visit_at or datetime.min.replace(tzinfo=UTC)


class ChildDossierRenderer(Renderer[DossierSnapshot]):
    """The dossier (一人一档) of one child, for the file or a hand-over."""

    document = "child_dossier"
    title_zh = "困境儿童/留守儿童档案（一人一档）"
    default_form_id = "child_file"
    confidential = True
    filled_row_mm = 5.5
    cell_size = 9.0
    cell_padding = 2.0

    def _story(self) -> list[Flowable]:
        s = self.snapshot
        story = child_sheet(self, s.file)
        story += self._visits()
        story += self._history()
        return story

    def _visits(self) -> list[Flowable]:
        s = self.snapshot
        visits = sorted(s.visits, key=_visit_order)
        story: list[Flowable] = [PageBreak(), self.title(f"探访记录（共 {len(visits)} 次）", 15)]
        if not visits:
            story.append(self.para("暂无探访记录。"))
        for number, visit in enumerate(visits, start=1):
            referrals = [r for r in s.referrals if r.visit_id == visit.id]
            heading = self.heading(f"第 {number} 次探访　{fmt_datetime(visit.visit_at)}")
            grid = visit_grid(self, s.file.child, visit, referrals, village_name=s.file.village_name, compact=True)
            story += [CondPageBreak(VISIT_ROOM), KeepTogether([heading, *grid]), Spacer(1, 3 * mm)]
        return story

    def _history(self) -> list[Flowable]:
        s = self.snapshot
        form = form_definition(s.file.child.form_id or "child_file")
        story: list[Flowable] = [PageBreak(), self.title("档案变更、服务与转介记录", 15)]

        changes = [[self.header(h) for h in ("日期", "变更项目", "原内容", "变更为", "原因")]]
        for c in sorted(s.changes, key=lambda c: c.changed_on):
            changes.append(
                [
                    self.center(fmt_date(c.changed_on)),
                    self.center(_changed_item(form, c.field)),
                    self.cell(c.old_value),
                    self.cell(c.new_value),
                    self.cell(c.reason),
                ]
            )
        story += self._table("一、状态变更记录", changes, (0.15, 0.13, 0.2, 0.2, 0.32))

        services = [[self.header(h) for h in ("日期", "服务类型", "提供方", "结果")]]
        for v in sorted(s.services, key=lambda v: v.served_on or date.min):
            services.append(
                [
                    self.center(fmt_date(v.served_on)),
                    self.cell(v.service_type),
                    self.cell(v.provider),
                    self.cell(v.result),
                ]
            )
        story += self._table("二、服务记录", services, (0.15, 0.2, 0.25, 0.4))

        referrals = [[self.header(h) for h in ("日期", "转介对象", "转介原因", "处理结果")]]
        for r in sorted(s.referrals, key=lambda r: r.referred_on or date.min):
            referrals.append(
                [
                    self.center(fmt_date(r.referred_on)),
                    self.center(self.choice_text("referrals.target", r.target, form_definition("child_visit"))),
                    self.cell(r.reason),
                    self.cell(r.result),
                ]
            )
        story += self._table("三、转介记录", referrals, (0.15, 0.15, 0.35, 0.35))
        return story

    def _table(self, heading: str, rows: list[list[object]], widths: tuple[float, ...]) -> list[Flowable]:
        if len(rows) == 1:
            rows.append([self.cell("无"), *([""] * (len(widths) - 1))])
        table = self.grid(rows, widths, header_rows=1, min_height=self.row_min)
        return [KeepTogether([self.heading(heading), table]), Spacer(1, 2 * mm)]
