"""责令限期整改通知书 in two copies (当事人联 / 存档联) and its 送达回证 on its own part (REFERENCE §3.6)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from fieldvisit.domain.burial import ServiceReceipt
from fieldvisit.printing.definitions import fill_template, form_definition
from fieldvisit.printing.document import Renderer
from fieldvisit.printing.formatting import choice_line, fmt_coordinates, fmt_date, fmt_datetime, fmt_number
from fieldvisit.printing.snapshots import NoticeSnapshot

NOTICE_TITLE = "责令限期整改通知书"
RECEIPT_TITLE = "送达回证"
COPIES = ("当事人联", "存档联")
SIGN_DATE = "年　　月　　日"
REFUSAL_NOTE = (
    "注：受送达人拒绝签收的，送达人应在备注栏注明拒收事由和日期，由送达人、见证人签名，"
    "把文书留在受送达人的住所，即视为送达。"
)


class RectificationNoticeRenderer(Renderer[NoticeSnapshot]):
    """The notice, once per copy named in the form definition, then the service receipt."""

    document = "rectification_notice"
    title_zh = NOTICE_TITLE
    default_form_id = "rectification_notice"
    top_margin_mm = 20.0
    left_margin_mm = 25.0
    right_margin_mm = 22.0

    def _story(self) -> list[Flowable]:
        story: list[Flowable] = []
        copies = self.form.print_hints.copies_zh or COPIES
        for index, copy in enumerate(copies):
            if index:
                story += [PageBreak(), self.part(copy)]
            else:
                story.append(self.part(copy))
            story += self._notice(filed=index > 0)
        story += [PageBreak(), self.part(RECEIPT_TITLE), *self._receipt()]
        return story

    def _notice(self, *, filed: bool) -> list[Flowable]:
        n, case = self.snapshot.notice, self.snapshot.case
        party = n.party
        body, indent = self.styles.body, self.styles.body_indent
        form = self.form
        place = f"{self.snapshot.town_name}{self.snapshot.village_name}{case.place_name}"
        coordinates = fmt_coordinates(case.latitude, case.longitude)
        kinds = n.extra.get("violation_types") or case.violation_types
        ticks = choice_line(self.options("extra.violation_types", kinds))
        kinds_line = f"违法行为类型：{ticks}"
        details = [
            f"坟墓位置：{place}" + (f"（{coordinates}）" if coordinates else ""),
            f"占地面积约 {fmt_number(case.area_m2, '平方米')}" if case.area_m2 is not None else "",
            "附照片编号：" + str(n.extra.get("evidence_photo_refs") or "、".join(self.snapshot.photo_refs)),
        ]
        details_line = "；".join(d for d in details if d and not d.endswith("：")) + "。"
        remedies = "　".join(choice_line([o]) for o in self.options("remedies", n.remedies))
        requirement = (
            f"现责令你于{fmt_date(n.deadline)}前（自收到本通知书之日起{n.deadline_days}日内）自行完成以下整改："
        )
        requirements = next(s for s in form.sections if s.key == "requirements")
        rights = next(s for s in form.sections if s.key == "remedy_rights")
        review = {"review_body": n.review_body or "________", "court": n.court or "________人民法院"}
        story: list[Flowable] = [
            Spacer(1, 4 * mm),
            self.title(NOTICE_TITLE, 22),
            self.para(n.notice_no, self.styles.subtitle),
            Spacer(1, 3 * mm),
            self.para(
                f"当事人：{party.get('name', '')}　　公民身份号码：{self.id_number(party.get('id_number'))}", body
            ),
            self.para(f"住址：{party.get('address', '')}　　联系电话：{party.get('phone', '')}", body),
            Spacer(1, 2 * mm),
            self.para(f"经查，{n.facts}" if n.facts else "经查，", indent),
            self.para(kinds_line, self.styles.choice_body),
            self.para(details_line, indent),
            self.para(n.legal_basis_text, indent),
            self.para(requirement, indent),
            self.para(remedies, self.styles.choice_body),
        ]
        if n.extra.get("written_commitment"):
            story.append(self.para("并于收到本通知书之日起三日内向我单位提交书面整改承诺。", indent))
        story += [
            self.para(requirements.statement_zh, indent),
            self.para(fill_template(rights.statement_zh, review), indent),
            self.para(f"联系人：{n.contact_name}　　联系电话：{n.contact_phone}", indent),
            Spacer(1, 10 * mm),
            KeepTogether(
                [
                    self.para(f"{n.issuer_name}（盖章）", self.styles.signoff),
                    self.para(fmt_date(n.issued_on), self.styles.signoff),
                ]
            ),
        ]
        if filed:
            story += [
                Spacer(1, 8 * mm),
                self.para("当事人签收：________________　　签收日期：______年____月____日", body),
            ]
        return story

    def _signed(self, names: str) -> list[Flowable]:
        """A signing cell: printed names, room to sign, and the date line at the right."""
        return [self.cell(names), Spacer(1, 8 * mm), self.para(SIGN_DATE, self.styles.signoff)]

    def _receipt(self) -> list[Flowable]:
        n = self.snapshot.notice
        receipt = self.snapshot.receipt or ServiceReceipt(id="", notice_id=n.id)
        served = self.snapshot.receipt is not None
        receipt_form = form_definition(self.form_id)
        method = self.choices(self.options("method", receipt.method if served else None, receipt_form))
        label, cell = self.label, self.cell
        when = fmt_datetime(receipt.served_at) if receipt.served_at else "      年    月    日    时    分"
        servers = "、".join(receipt.servers)
        refusal = "受送达人拒绝签收。" if receipt.refused else ""
        rows = [
            [label("送达文书名称"), cell(NOTICE_TITLE)],
            [label("文号"), cell(n.notice_no)],
            [label("受送达人"), cell(receipt.recipient_name or str(n.party.get("name", "")))],
            [label("送达地点"), cell(receipt.place)],
            [label("送达方式"), method],
            [label("送达时间"), cell(when)],
            [label("受送达人签名或盖章"), self._signed("")],
            [label("送达人签名"), self._signed(servers)],
            [label("见证人签名\n（留置送达时）"), self._signed(receipt.witness)],
            [label("备注"), cell(refusal + receipt.note)],
        ]  # fmt: skip
        heights = [None] * 6 + [24 * mm, 24 * mm, 24 * mm, 22 * mm]
        return [
            Spacer(1, 4 * mm),
            self.title(RECEIPT_TITLE, 22),
            self.para(f"{n.issuer_name}　{n.notice_no}", self.styles.subtitle),
            Spacer(1, 2 * mm),
            self.grid(rows, (0.24, 0.76), row_heights=heights, min_height=11 * mm),
            Spacer(1, 2 * mm),
            self.para(REFUSAL_NOTE, self.styles.small),
        ]
