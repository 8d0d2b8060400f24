"""儿童信息登记表 (the cover sheet of a child's file) and 儿童探访记录表 (one visit), REFERENCE §2.8.

The sheet builders take the renderer that prints them, so the dossier reuses them page by page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from fieldvisit.domain.children import ChildFile, ChildVisit, Referral
from fieldvisit.formspec import FormSpec
from fieldvisit.printing.definitions import fill_template, form_definition
from fieldvisit.printing.document import Renderer
from fieldvisit.printing.flowables import fitted_image
from fieldvisit.printing.formatting import (
    age_on,
    choice_line,
    fmt_date,
    fmt_datetime,
    fmt_yuan,
)
from fieldvisit.printing.snapshots import ChildFileSnapshot, ChildVisitSnapshot, Signature, SignerRole, signed_by

BLOCK = (0.06, 0.14, 0.31, 0.14, 0.35)  # block label, label, value, label, value
PAIR = (0.16, 0.34, 0.16, 0.34)
PLACE_BLANKS = {"town": "______镇(街道)", "village": "______村(社区)"}


def _as_date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        return date.fromisoformat(value[:10])
    return None


def _month(value: object) -> str:
    day = _as_date(value)
    return f"{day.year}年{day.month}月" if day else ""


def vertical(text: str) -> str:
    """A block label set one character per line, as on paper forms."""
    return "\n".join(text)


def yes_no_boxes(value: bool | None, *, blank: bool = False, yes: str = "是", no: str = "否") -> str:
    known = value is not None and not blank
    return choice_line([(yes, known and bool(value)), (no, known and not value)])


def _block_spans(first_row: int, rows: int) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    return [((0, first_row), (0, first_row + rows - 1))]


def _title_values(town: str, village: str) -> dict[str, str]:
    return {"town": town or PLACE_BLANKS["town"], "village": village or PLACE_BLANKS["village"]}


# the child information sheet


def child_sheet(r: Renderer[Any], s: ChildFileSnapshot, *, with_title: bool = True) -> list[Flowable]:
    """The 信息登记表 of one child: header, child, parents, guardian, benefits, risk, signatures."""
    form = form_definition(s.child.form_id or "child_file")
    c, blank = s.child, s.blank
    story: list[Flowable] = []
    if with_title:
        story.append(r.title(fill_template(form.print_hints.title_zh, _title_values(s.town_name, s.village_name))))
    filled_on = "      年    月    日" if blank else fmt_date(_as_date(c.extra.get("filled_on")) or c.created_at)
    story.append(r.para(f"档案编号：{c.file_no or '____________________'}　填表日期：{filled_on}", r.styles.right))
    story.append(Spacer(1, 1.5 * mm))
    story.append(_header_grid(r, form, c, blank))
    story.append(_child_grid(r, form, s))
    story.append(_parents_grid(r, form, c, blank))
    story.append(_guardian_grid(r, form, c, blank))
    story.append(_benefits_grid(r, form, c, blank))
    story.append(_risk_grid(r, form, s))
    return story


def _header_grid(r: Renderer[Any], form: FormSpec, c: ChildFile, blank: bool) -> Flowable:
    rows = [
        [r.label("儿童类别"), r.choices(r.options("primary_category", c.primary_category, form), blank=blank), "", ""],
        [r.label("困境类型"), r.choices(r.options("difficulty_kinds", c.difficulty_kinds, form), blank=blank), "", ""],
        [r.label("其他标识"), r.choices(r.options("flags", c.flags, form), blank=blank), "", ""],
        [r.label("认定日期"), fmt_date(c.recognized_at), r.label("认定文号"), c.recognition_ref],
        [r.label("列入名册日期"), fmt_date(c.listed_at), r.label("档案状态"), _status(r, form, c)],
    ]
    spans = [((1, i), (3, i)) for i in range(3)]
    if blank:
        rows[4][3] = r.choices(r.options("status", None, form), blank=True)
    return r.grid(rows, PAIR, spans=spans, min_height=r.row_min)


def _status(r: Renderer[Any], form: FormSpec, c: ChildFile) -> str:
    closure = "，".join(
        x for x in (r.choice_text("closure_reason", c.closure_reason, form), fmt_date(c.closed_on)) if x
    )
    status = r.choice_text("status", c.status, form)
    return f"{status}（{closure}）" if closure else status


def _child_grid(r: Renderer[Any], form: FormSpec, s: ChildFileSnapshot) -> Flowable:
    c, blank = s.child, s.blank
    widths = (0.06, 0.12, 0.25, 0.12, 0.2, 0.25)
    photo: object = r.center("照片" if blank else "")
    if s.photo is not None:
        photo = fitted_image(s.photo.image, widths[5] * r.frame_width - 8, 4 * r.row_min - 3 * mm)
    age = "" if blank else age_on(c.birth_date, s.as_of or c.updated_at)
    label, cell, center = r.label, r.cell, r.center
    rows = [
        [label(vertical("儿童基本情况")), label("姓名"), cell(c.name), label("性别"),
         center(r.choice_text("sex", c.sex, form)), photo],
        ["", label("身份证号"), cell(r.id_number(c.id_number)), label("出生日期"), center(fmt_date(c.birth_date)), ""],
        ["", label("民族"), cell(r.choice_text("ethnicity", c.ethnicity, form)), label("年龄"), center(age), ""],
        ["", label("健康状况"), r.choices(r.options("health", c.health, form), blank=blank), label("病名/残疾"),
         cell(c.health_note), ""],
        ["", label("户籍地址"), cell(c.hukou_address), "", "", ""],
        ["", label("现住址"), cell(c.residence_address), "", "", ""],
        ["", label("就学情况"), r.choices(r.options("schooling", c.schooling, form), blank=blank), "", "", ""],
        ["", label("学校"), cell(c.school_name), label("年级"), cell(c.grade), ""],
    ]  # fmt: skip
    spans = [((0, 0), (0, 7)), ((5, 0), (5, 3)), ((2, 4), (5, 4)), ((2, 5), (5, 5)), ((2, 6), (5, 6)), ((4, 7), (5, 7))]
    return r.grid(rows, widths, spans=spans, min_height=r.row_min)


def _parent_rows(
    r: Renderer[Any], form: FormSpec, key: str, who: str, p: Mapping[str, Any], blank: bool
) -> list[list[object]]:
    label, cell = r.label, r.cell
    status = r.choices(r.options(f"{key}.status", p.get("status"), form), blank=blank)
    since = fmt_date(_as_date(p.get("since")))
    return [
        ["", label(f"{who}姓名"), cell(p.get("name", "")), label("联系电话"), cell(p.get("phone", ""))],
        ["", label("身份证号"), cell(r.id_number(p.get("id_number"))), label("情形发生时间"), cell(since)],
        ["", label(f"{who}状况"), status, "", ""],
        ["", label("务工/所在地"), cell(p.get("work_place", "")), "", ""],
    ]


def _parents_grid(r: Renderer[Any], form: FormSpec, c: ChildFile, blank: bool) -> Flowable:
    rows = _parent_rows(r, form, "father", "父亲", c.father, blank)
    rows += _parent_rows(r, form, "mother", "母亲", c.mother, blank)
    rows[0][0] = r.label(vertical("父亲情况"))
    rows[4][0] = r.label(vertical("母亲情况"))
    spans = [*_block_spans(0, 4), *_block_spans(4, 4)]
    spans += [((2, row), (4, row)) for row in (2, 3, 6, 7)]
    return r.grid(rows, BLOCK, spans=spans, min_height=r.row_min)


def _guardian_grid(r: Renderer[Any], form: FormSpec, c: ChildFile, blank: bool) -> Flowable:
    g = c.guardian
    label, cell = r.label, r.cell
    labor: Flowable = cell(r.choice_text("guardian.labor_capacity", g.get("labor_capacity"), form))
    if blank:
        labor = r.choices(r.options("guardian.labor_capacity", None, form), blank=True)
    rows = [
        [label(vertical("监护人")), label("监护人姓名"), cell(g.get("name", "")), label("与儿童关系"),
         cell(g.get("relation", ""))],
        ["", label("年龄"), cell(str(g.get("age") or "")), label("联系电话"), cell(g.get("phone", ""))],
        ["", label("健康状况"), r.choices(r.options("guardian.health", g.get("health"), form), blank=blank),
         label("劳动能力"), labor],
        ["", label("是否同住"), cell(yes_no_boxes(g.get("lives_with_child"), blank=blank)), label("监护情况评估"),
         r.choices(r.options("guardianship_rating", c.guardianship_rating, form), blank=blank)],
    ]  # fmt: skip
    return r.grid(rows, BLOCK, spans=_block_spans(0, 4), min_height=r.row_min)


def _benefits_grid(r: Renderer[Any], form: FormSpec, c: ChildFile, blank: bool) -> Flowable:
    assistance = r.choices(r.options("family_assistance", c.family_assistance, form), blank=blank)
    rows: list[list[object]] = [
        [r.label("家庭经济状况"), assistance, "", ""],
        [r.header("享受保障类型"), r.header("月金额(元)"), r.header("起始月份"), r.header("截止月份")],
    ]
    for b in c.benefits:
        amount = b.get("monthly_amount_fen")
        rows.append(
            [
                r.cell(r.choice_text("benefits.type", b.get("type"), form)),
                r.para(fmt_yuan(int(amount)) if amount is not None else "", r.styles.right),
                r.center(_month(b.get("start_month"))),
                r.center(_month(b.get("end_month"))),
            ]
        )
    if blank or not c.benefits:
        rows += [["", "", "", ""] for _ in range(form.fields_by_key["benefits"].print_blank_rows)]
    return r.grid(rows, (0.4, 0.2, 0.2, 0.2), spans=[((1, 0), (3, 0))], min_height=r.row_min)


def _risk_grid(r: Renderer[Any], form: FormSpec, s: ChildFileSnapshot) -> Flowable:
    c, blank = s.child, s.blank
    label, cell, center = r.label, r.cell, r.center
    rows = [
        [label("风险等级"), r.choices(r.options("risk_level", c.risk_level, form), blank=blank), label("调整理由"),
         cell(c.risk_override_reason)],
        [label("最近探访日期"), center(fmt_date(c.last_visit_on)), label("下次探访日期"),
         center(fmt_date(c.next_visit_due))],
        [label("负责儿童主任\n（签名）"), cell(s.director_name), label("儿童督导员\n（签名）"),
         cell(s.supervisor_name)],
    ]  # fmt: skip
    extra = [("VALIGN", (1, 2), (1, 2), "TOP"), ("VALIGN", (3, 2), (3, 2), "TOP")]
    return r.grid(rows, PAIR, row_heights=[None, None, 13 * mm], min_height=r.row_min, extra=extra)


# the visit record


def _ticks(r: Renderer[Any], form: FormSpec, key: str, value: object, blank: bool) -> str:
    return choice_line([(label, ticked and not blank) for label, ticked in r.options(key, value, form)])


def visit_grid(
    r: Renderer[Any],
    child: ChildFile,
    visit: ChildVisit | None,
    referrals: Sequence[Referral],
    *,
    village_name: str = "",
    signatures: Sequence[Signature] = (),
    compact: bool = False,
) -> list[Flowable]:
    """One visit as a boxed grid; without a visit, the blank form under the child's header.

    `compact` (for the dossier) leaves out the child's header rows, and the referral table and signature row
    when there is nothing to print in them.
    """
    form = form_definition(visit.form_id if visit is not None and visit.form_id else "child_visit")
    file_form = form_definition(child.form_id or "child_file")
    blank = visit is None
    v = visit or ChildVisit(id="", child_id=child.id, saw_child=False, guardian_present=False, benefits_ok=False)
    label, cell, center = r.label, r.cell, r.center

    def ticks(key: str, value: object) -> str:
        return _ticks(r, form, key, value, blank)

    living = "\n".join(
        "　".join(f"{name}：{ticks(f'living.{key}', v.living.get(key))}" for key, name in pair)
        for pair in ((("food", "饮食"), ("clothing", "衣着")), (("housing_safety", "住房安全"), ("hygiene", "卫生")))
    )
    months = "____" if blank or v.parent_last_met_months is None else str(v.parent_last_met_months)
    contact = f"距上次与父母见面 {months} 个月　联系频次：{ticks('parent_call_frequency', v.parent_call_frequency)}"
    report = (
        yes_no_boxes(v.mandatory_report_triggered, blank=blank, yes="已触发", no="未触发")
        + f"　报告对象：{ticks('mandatory_report_to', v.mandatory_report_to)}"
        + f"　报告时间：{fmt_datetime(v.mandatory_report_at)}"
    )
    companions = "、".join(str(c.get("name", "")) if isinstance(c, Mapping) else str(c) for c in v.companions)
    risk_note = v.risk_override_reason
    if v.suggested_risk_level:
        suggested = r.choice_text("suggested_risk_level", v.suggested_risk_level, form)
        risk_note = f"系统建议：{suggested}" + (f"；调整理由：{risk_note}" if risk_note else "")
    when = "      年    月    日    时    分" if blank else fmt_datetime(v.visit_at)
    benefits = yes_no_boxes(v.benefits_ok, blank=blank, yes="已落实", no="未落实")
    rows: list[list[object]] = []
    if not compact:
        category: Flowable | list[Flowable] = cell(r.choice_text("primary_category", child.primary_category, file_form))
        if not child.id:  # the blank form: no child yet
            category = r.ticked(
                choice_line([(name, False) for name, _ in r.options("primary_category", None, file_form)])
            )
        rows += [
            [label("儿童姓名"), cell(child.name), label("档案编号"), cell(child.file_no)],
            [label("村(社区)"), cell(village_name), label("儿童类别"), category],
        ]
    rows += [
        [label("探访日期/时间"), cell(when), label("探访方式"), r.ticked(ticks("mode", v.mode))],
        [label("探访人"), cell(v.visitor), label("陪同人"), cell(companions)],
        [label("是否见到儿童本人"), cell(yes_no_boxes(v.saw_child, blank=blank)), label("未见原因"),
         cell(v.not_seen_reason)],
        [label("监护人是否在场"), cell(yes_no_boxes(v.guardian_present, blank=blank)), label("监护人是否变化"),
         cell(yes_no_boxes(v.guardian_changed, blank=blank))],
    ]  # fmt: skip
    note = r.cell
    full_rows: list[tuple[str, Flowable, object]] = [
        (
            "监护情况评估",
            label("监护情况评估"),
            r.ticked(ticks("guardianship_rating", v.guardianship_rating)),
        ),
        ("生活状况", label("生活状况"), r.ticked(living, v.living.get("note"))),
        ("安全状况", label("安全状况"), r.ticked(ticks("safety", v.safety))),
        ("健康状况", label("健康状况"), note(v.health)),
        ("就学状况", label("就学状况"), r.ticked(ticks("school", v.school))),
        ("心理/行为", label("心理/行为"), r.ticked(ticks("psych", v.psych), v.extra.get("psych_note"))),
        ("亲情联系", label("亲情联系"), r.ticked(contact)),
        ("政策落实情况", label("政策落实情况"), r.ticked(benefits, v.benefits_note)),
        ("需求", label("需求"), r.ticked(ticks("needs", v.needs), v.needs_note)),
        ("已提供服务", label("已提供服务"), note(v.services_given)),
        ("强制报告", label("强制报告"), r.ticked(report)),
        ("风险等级(本次)", label("风险等级(本次)"), r.ticked(ticks("risk_level", v.risk_level))),
    ]
    first_full = len(rows)
    rows += [[name_cell, content, "", ""] for _, name_cell, content in full_rows]
    rows.append([label("风险说明"), cell(risk_note), label("下次探访日期"), center(fmt_date(v.next_visit_due))])
    rows.append([label("备注"), cell(v.notes), "", ""])
    spans = [((1, i), (3, i)) for i in range(first_full, first_full + len(full_rows))]
    spans.append(((1, len(rows) - 1), (3, len(rows) - 1)))
    heights: list[float | None] = [None] * len(rows)
    if blank:
        for name in ("健康状况", "已提供服务"):
            heights[first_full + [n for n, _, _ in full_rows].index(name)] = 13 * mm
        heights[-1] = 13 * mm
    table = r.grid(rows, (0.17, 0.33, 0.17, 0.33), spans=spans, row_heights=heights, min_height=r.row_min - 1 * mm)
    story: list[Flowable] = [table]
    if referrals or not compact:
        story.append(_referral_grid(r, form, referrals, blank))
    if signatures or not compact:
        story.append(_visit_signatures(r, signatures))
    return story


def _referral_grid(r: Renderer[Any], form: FormSpec, referrals: Sequence[Referral], blank: bool) -> Flowable:
    title = "转介：" + yes_no_boxes(bool(referrals), blank=blank, yes="有", no="无")
    rows: list[list[object]] = [
        [r.cell(title), "", "", ""],
        [r.header("转介对象"), r.header("转介原因"), r.header("转介日期"), r.header("处理结果")],
    ]
    for ref in referrals:
        rows.append(
            [
                r.center(r.choice_text("referrals.target", ref.target, form)),
                r.cell(ref.reason),
                r.center(fmt_date(ref.referred_on)),
                r.cell(ref.result),
            ]
        )
    blank_rows = form.fields_by_key["referrals"].print_blank_rows if blank else 0
    rows += [["", "", "", ""] for _ in range(max(0, blank_rows - len(referrals)))]
    return r.grid(rows, (0.2, 0.4, 0.15, 0.25), spans=[((0, 0), (3, 0))], min_height=r.row_min - 1 * mm)


def _visit_signatures(r: Renderer[Any], signatures: Sequence[Signature]) -> Flowable:
    width = 0.3 * r.frame_width - 8
    visitor = next(iter(signed_by(tuple(signatures), SignerRole.VISITOR)), None)
    guardian = next(iter(signed_by(tuple(signatures), SignerRole.GUARDIAN)), None)
    rows = [
        [
            r.label("探访人签名"),
            r.signature(visitor, width=width, height=10 * mm),
            r.label("监护人签名"),
            r.signature(guardian, width=width, height=10 * mm),
        ]
    ]
    return r.grid(rows, (0.17, 0.33, 0.17, 0.33), row_heights=12 * mm)


class ChildInfoRenderer(Renderer[ChildFileSnapshot]):
    """困境儿童/留守儿童信息登记表: the cover sheet of one child's file."""

    document = "child_info"
    title_zh = "困境儿童/留守儿童信息登记表"
    default_form_id = "child_file"
    confidential = True
    filled_row_mm = 6.0
    blank_row_mm = 6.1

    def _story(self) -> list[Flowable]:
        return child_sheet(self, self.snapshot)


class ChildVisitRenderer(Renderer[ChildVisitSnapshot]):
    """儿童探访记录表: one visit; without a visit, the blank form for the child (to take along)."""

    document = "child_visit"
    title_zh = "儿童探访记录表"
    default_form_id = "child_visit"
    confidential = True

    @property
    def form_id(self) -> str:
        return self.snapshot.form_id

    @property
    def form_version(self) -> int:
        return self.snapshot.form_version

    @property
    def blank(self) -> bool:
        return self.snapshot.visit is None

    def _story(self) -> list[Flowable]:
        s = self.snapshot
        title = self.title(self.form_title(**_title_values(s.town_name, s.village_name)))
        return [
            title,
            *visit_grid(self, s.child, s.visit, s.referrals, village_name=s.village_name, signatures=s.signatures),
        ]
