"""社会救助家庭经济状况入户调查表: the household home-visit form, filled or blank (REFERENCE §1.6)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from fieldvisit.domain.assistance import (
    Asset,
    AssetKind,
    AssistanceType,
    DisabilityType,
    ExclusionReason,
    Health,
    HouseholdMember,
    IncomeCategory,
    InvestigatorOpinion,
    LaborCapacity,
    Relation,
    RigidExpenseKind,
    SurveyKind,
)
from fieldvisit.printing.document import Renderer
from fieldvisit.printing.formatting import (
    age_on,
    choice_line,
    enum_choices,
    fmt_date,
    fmt_datetime,
    fmt_number,
    fmt_yuan,
    yes_no,
    zh,
)
from fieldvisit.printing.photos import photo_appendix
from fieldvisit.printing.snapshots import HouseholdSnapshot, SignerRole, signed_by

PAIR = (0.14, 0.36, 0.14, 0.36)  # label, value, label, value


def _blank_row(columns: int) -> list[str]:
    return [""] * columns


class HouseholdSurveyRenderer(Renderer[HouseholdSnapshot]):
    """The 入户调查表: header, household, members, obligors, income, calculation, assets, living, signatures."""

    document = "household_survey"
    title_zh = "社会救助家庭经济状况入户调查表"
    default_form_id = "household_assessment"
    member_rows = 6
    obligor_rows = 2

    def _story(self) -> list[Flowable]:
        s = self.snapshot
        story: list[Flowable] = [self.title(self.form_title(town=s.town_name or "________镇(街道)"))]
        story.append(self.para(f"编号：{s.assessment.survey_no or '____________________'}", self.styles.right))
        story.append(Spacer(1, 2 * mm))
        story.append(self._header())
        story += self._section("一、家庭基本情况", self._household())
        story += self._section("二、共同生活家庭成员", self._members(list(s.members[: self.member_rows])))
        story += self._section("三、非共同生活的法定赡养(抚养、扶养)义务人", self._obligors())
        story += self._section("四、家庭收入（申请前12个月）", self._income())
        story += self._section("五、核算结果", self._calculation())
        story += self._section("六、家庭财产", self._assets())
        story += self._section("七、刚性支出（前12个月，报销后）", self._rigid())
        story += self._section("八、实际生活状况", self._living())
        story += self._section("九、调查人员意见", self._opinion())
        story += self._signatures()
        story += self._overflow()
        story += photo_appendix(self, s.photos, "附：入户调查照片", form=self.form)
        return story

    def _section(self, heading: str, body: Flowable | list[Flowable]) -> list[Flowable]:
        return [KeepTogether([self.heading(heading), *(body if isinstance(body, list) else [body])])]

    # header and household

    def _header(self) -> Flowable:
        a, blank = self.snapshot.assessment, self.snapshot.blank
        rows = [
            [
                self.label("救助类别"),
                self.choices(enum_choices(AssistanceType, a.assistance_type), blank=blank),
                "",
                "",
            ],
            [self.label("调查类型"), self.choices(enum_choices(SurveyKind, a.survey_kind), blank=blank), "", ""],
            [
                self.label("调查日期"),
                fmt_datetime(a.survey_at) or "      年    月    日",
                self.label("调查方式"),
                self.choices(self.options("methods", a.methods), blank=blank),
            ],
            [self.label("镇(街道)"), self.snapshot.town_name, self.label("村(社区)"), self.snapshot.village_name],
        ]
        return self.grid(rows, PAIR, spans=[((1, 0), (3, 0)), ((1, 1), (3, 1))], min_height=self.row_min)

    def _household(self) -> Flowable:
        s, a, blank = self.snapshot, self.snapshot.assessment, self.snapshot.blank
        residence = a.residence_address
        if residence and a.hukou_address and residence != a.hukou_address:
            residence += "（人户分离）"
        size = "" if blank else f"{a.household_size or sum(m.co_resident for m in s.members)} 人"
        relatives = "、".join(
            f"{r.get('name', '')}({r.get('relation', '')}，{r.get('post', '')})" for r in a.staff_relatives
        )
        bank = a.bank
        account = str(bank.get("account", "") or "")
        masked_account = account if self.show_full_ids or len(account) <= 4 else "*" * (len(account) - 4) + account[-4:]
        rows = [
            [
                self.label("申请人(户主)"),
                a.applicant_name,
                self.label("公民身份号码"),
                self.id_number(a.applicant_id_number),
            ],
            [self.label("户籍地址"), a.hukou_address, "", ""],
            [self.label("现居住地址"), residence, "", ""],
            [
                self.label("联系电话"),
                a.phone,
                self.label("户口性质"),
                self.choices(self.options("hukou_type", a.hukou_type), blank=blank),
            ],
            [
                self.label("共同生活人口"),
                size,
                self.label("近亲属备案"),
                self.choices([("是", a.is_relative_of_staff), ("否", not a.is_relative_of_staff)], blank=blank),
            ],
            [self.label("求助原因"), self.choices(self.options("hardship_reasons", a.hardship_reasons), blank=blank)],
            [self.label("开户银行"), bank.get("bank_name", ""), self.label("户名"), bank.get("holder", "")],
            [self.label("银行账号"), masked_account, self.label("备案近亲属"), relatives],
        ]
        rows[5] += ["", ""]
        spans = [((1, 1), (3, 1)), ((1, 2), (3, 2)), ((1, 5), (3, 5))]
        return self.grid(rows, PAIR, spans=spans, min_height=self.row_min)

    # members

    def _member_income(self, member: HouseholdMember) -> str:
        rows = [i for i in self.snapshot.income if i.member_id_number and i.member_id_number == member.id_number]
        if not rows:
            return ""
        return fmt_yuan(round(sum(i.amount_12m_fen for i in rows if i.countable) / 12))

    def _member_row(self, number: int, m: HouseholdMember) -> list[object]:
        relation = zh(Relation, m.relation)
        if not m.co_resident:
            relation += f"（不计入：{zh(ExclusionReason, m.exclusion_reason) or '其他'}）"
        health = zh(Health, m.health) + (f"（{m.major_illness}）" if m.major_illness else "")
        level = self.choice_text("members.disability_level", m.disability_level)
        disability = "/".join(x for x in (zh(DisabilityType, m.disability_type), level) if x)
        return [
            self.center(str(number)),
            self.cell(m.name),
            self.center(relation),
            self.center(self.id_number(m.id_number)),
            self.center(age_on(m.birth_date, self.snapshot.assessment.survey_at)),
            self.center(health),
            self.center(disability),
            self.center(zh(LaborCapacity, m.labor_capacity)),
            self.center(self.choice_text("members.employment", m.employment)),
            self.para(self._member_income(m), self.styles.right),
        ]

    def _member_table(self, members: Sequence[HouseholdMember], first: int, pad_to: int) -> Flowable:
        header = [
            "序号",
            "姓名",
            "与申请人关系",
            "公民身份号码",
            "年龄",
            "健康状况",
            "残疾类别/等级",
            "劳动能力",
            "从业状况",
        ]
        rows: list[list[object]] = [[self.header(h) for h in [*header, "月收入(元)"]]]
        rows += [self._member_row(first + i, m) for i, m in enumerate(members)]
        rows += [_blank_row(10) for _ in range(pad_to - len(members))]
        widths = (0.05, 0.09, 0.1, 0.195, 0.05, 0.1, 0.1, 0.12, 0.09, 0.105)
        return self.grid(rows, widths, header_rows=1, min_height=self.row_min)

    def _members(self, shown: list[HouseholdMember]) -> list[Flowable]:
        table = self._member_table(shown, 1, self.member_rows)
        total = len(self.snapshot.members)
        if total <= len(shown):
            return [table]
        note = f"共 {total} 人，第 {len(shown) + 1}—{total} 人见附表《共同生活家庭成员续表》。"
        return [table, self.para(note, self.styles.small)]

    def _overflow(self) -> list[Flowable]:
        rest = self.snapshot.members[self.member_rows :]
        if not rest:
            return []
        first = self.member_rows + 1
        return [
            PageBreak(),
            self.title("附表：共同生活家庭成员续表", 15),
            self.para(f"申请人：{self.snapshot.assessment.applicant_name}　第 {first}—{first + len(rest) - 1} 人"),
            self._member_table(rest, first, 0),
        ]

    def _obligors(self) -> Flowable:
        header = [
            "姓名",
            "关系",
            "公民身份号码",
            "健康/劳动能力",
            "家庭人口",
            "家庭人均月收入(元)",
            "实际给付(元/月)",
            "主要财产",
        ]
        rows: list[list[object]] = [[self.header(h) for h in header]]
        for o in self.snapshot.obligors:
            health = "/".join(x for x in (zh(Health, o.health), zh(LaborCapacity, o.labor_capacity)) if x)
            rows.append(
                [
                    self.cell(o.name),
                    self.center(self.choice_text("obligors.relation", o.relation)),
                    self.center(self.id_number(o.id_number)),
                    self.center(health),
                    self.center("" if o.obligor_household_size is None else str(o.obligor_household_size)),
                    self.para(fmt_yuan(o.obligor_per_capita_income_fen), self.styles.right),
                    self.para(fmt_yuan(o.support_paid_monthly_fen), self.styles.right),
                    self.cell(o.assets_note),
                ]
            )
        rows += [_blank_row(8) for _ in range(self.obligor_rows - len(self.snapshot.obligors))]
        widths = (0.09, 0.07, 0.2, 0.13, 0.07, 0.13, 0.12, 0.19)
        return self.grid(rows, widths, header_rows=1, min_height=self.row_min)

    # money

    def _income(self) -> Flowable:
        s = self.snapshot
        names = {m.id_number: m.name for m in s.members if m.id_number}
        header = ["收入类别", "项目", "所属成员", "12个月合计(元)", "是否计入", "核实来源"]
        rows: list[list[object]] = [[self.header(h) for h in header]]
        order = {c.value: i for i, c in enumerate(IncomeCategory)}
        items = sorted(s.income, key=lambda i: (order.get(i.category, 99), i.position))
        for i in items:
            rows.append(
                [
                    self.center(zh(IncomeCategory, i.category)),
                    self.cell(i.item + (f"（{i.note}）" if i.note else "")),
                    self.center(names.get(i.member_id_number, "家庭") if i.member_id_number else "家庭"),
                    self.para(fmt_yuan(i.amount_12m_fen), self.styles.right),
                    self.center(yes_no(i.countable)),
                    self.center(self.choice_text("income_items.evidence", i.evidence)),
                ]
            )
        if s.blank or not items:
            rows += [[self.center(c.zh), "", "", "", "", ""] for c in IncomeCategory]
        counted = None if s.blank else sum(i.amount_12m_fen for i in items if i.countable)
        excluded = None if s.blank else sum(i.amount_12m_fen for i in items if not i.countable)
        totals = [
            ("计入收入合计", counted),
            ("不计入收入合计（优待抚恤金、奖学金、救助款物等）", excluded),
            ("按规定扣减（刚性支出、必要就业成本）", None if s.blank else s.deductions_fen),
        ]
        spans = []
        for label, amount in totals:
            spans.append(((0, len(rows)), (2, len(rows))))
            rows.append([self.label(label), "", "", self.para(fmt_yuan(amount), self.styles.right), "", ""])
        widths = (0.14, 0.3, 0.12, 0.16, 0.1, 0.18)
        return self.grid(rows, widths, header_rows=1, spans=spans, min_height=self.row_min)

    def _calculation(self) -> list[Flowable]:
        s, a = self.snapshot, self.snapshot.assessment
        story: list[Flowable] = []
        if s.calculation:
            rows: list[list[object]] = [[self.header(h) for h in ("核算项目", "金额/结果", "计算依据")]]
            for line in s.calculation:
                value = f"{fmt_yuan(line.amount_fen)} 元" if line.amount_fen is not None else line.text
                rows.append([self.cell(line.label), self.para(value, self.styles.right), self.cell(line.formula)])
            story += [self.grid(rows, (0.3, 0.2, 0.5), header_rows=1, min_height=6 * mm), Spacer(1, 2 * mm)]
        unknown = s.blank or a.per_capita_monthly_income_fen is None

        def money(fen: int | None) -> str:
            return "________ 元" if unknown or fen is None else f"{fmt_yuan(fen)} 元"

        if unknown:
            result = self.choices([(t.zh, False) for t in list(AssistanceType)[:4]] + [("均不符合", False)])
        else:
            suggestion = zh(AssistanceType, a.suggestion)
            result = self.cell(f"符合{suggestion}条件" if suggestion else "不符合低保、低保边缘条件")
        summary = [
            [
                self.label("家庭月人均收入"),
                self.center(money(a.per_capita_monthly_income_fen)),
                self.label("当地低保标准"),
                self.center(money(s.minimum_living_standard_fen)),
                self.label(f"{s.near_factor}倍低保标准"),
                self.center(money(s.near_limit_fen)),
            ],
            [self.label("核算结论"), result, "", "", "", ""],
        ]
        widths = (0.17, 0.16, 0.17, 0.16, 0.17, 0.17)
        story.append(self.grid(summary, widths, spans=[((1, 1), (5, 1))], min_height=self.row_min))
        return story

    def _assets(self) -> Flowable:
        s = self.snapshot
        rows: list[list[object]] = [
            [self.header(h) for h in ("财产类别", "所有人", "说明(品牌型号、车牌、地址、面积等)", "价值(元)")]
        ]
        order = {k.value: i for i, k in enumerate(AssetKind)}
        for asset in sorted(s.assets, key=lambda x: (order.get(x.kind, 99), x.position)):
            detail = self._asset_detail(asset)
            rows.append(
                [
                    self.center(zh(AssetKind, asset.kind)),
                    self.center(asset.owner),
                    self.cell(detail),
                    self.para(fmt_yuan(asset.value_fen), self.styles.right),
                ]
            )
        if s.blank or not s.assets:
            rows += [[self.center(k.zh), "", "", ""] for k in AssetKind]
        financial = None if s.blank else sum(x.value_fen for x in s.assets if AssetKind(x.kind).is_financial)
        rows.append([self.label("金融资产合计"), "", "", self.para(fmt_yuan(financial), self.styles.right)])
        last = len(rows) - 1
        return self.grid(
            rows, (0.2, 0.14, 0.48, 0.18), header_rows=1, spans=[((0, last), (2, last))], min_height=self.row_min
        )

    def _asset_detail(self, asset: Asset) -> str:
        """What the paper says about an asset: description plus the details its form group records."""
        d = asset.details
        if asset.kind == AssetKind.VEHICLE:
            parts = [
                self.choice_text("vehicles.details.vehicle_type", d.get("vehicle_type")),
                str(d.get("plate") or ""),
                self.choice_text("vehicles.details.use", d.get("use")),
                f"{fmt_date(date.fromisoformat(str(d['purchase_date'])))}购置" if d.get("purchase_date") else "",
            ]
        elif asset.kind == AssetKind.PROPERTY:
            area = d.get("area_m2")
            parts = [
                self.choice_text("properties.details.nature", d.get("nature")),
                str(d.get("address") or ""),
                fmt_number(float(area), "平方米") if area is not None else "",
            ]
        elif asset.kind == AssetKind.BUSINESS:
            capital = d.get("reg_capital_fen")
            parts = [str(d.get("role") or ""), f"注册资本{fmt_yuan(int(capital))}元" if capital is not None else ""]
        else:
            parts = []
        return "，".join(p for p in [asset.description, *parts] if p)

    def _rigid(self) -> Flowable:
        s = self.snapshot
        rows: list[list[object]] = [[self.header(h) for h in ("支出类别", "12个月合计(元)", "说明(票据、报销情况)")]]
        for e in sorted(s.rigid_expenses, key=lambda x: x.position):
            rows.append(
                [
                    self.center(zh(RigidExpenseKind, e.kind)),
                    self.para(fmt_yuan(e.amount_12m_fen), self.styles.right),
                    self.cell(e.note),
                ]
            )
        if s.blank or not s.rigid_expenses:
            rows += [[self.center(k.zh), "", ""] for k in RigidExpenseKind]
        total = None if s.blank else sum(e.amount_12m_fen for e in s.rigid_expenses)
        rows.append([self.label("合计"), self.para(fmt_yuan(total), self.styles.right), ""])
        return self.grid(rows, (0.24, 0.2, 0.56), header_rows=1, min_height=self.row_min)

    # living conditions, opinion, signatures

    def _living(self) -> Flowable:
        a, blank = self.snapshot.assessment, self.snapshot.blank
        housing = a.housing
        area = housing.get("area_m2")
        housing_line = "\n".join(
            [
                "结构：" + choice_line(self.options("housing.structure", housing.get("structure"))),
                "面积："
                + (fmt_number(area, "平方米") if area is not None else "______ 平方米")
                + "　装修："
                + choice_line(self.options("housing.decoration", housing.get("decoration"))),
                "居住方式：" + choice_line(self.options("housing.tenure", housing.get("tenure"))),
            ]
        )
        appliances = "、".join(self.choice_text("appliances", v) for v in a.appliances)
        if a.extra.get("appliances_note"):
            appliances += f"（{a.extra['appliances_note']}）"
        high = a.high_consumption_signs
        rows = [
            [self.label("住房情况"), self.ticked(housing_line)],
            [self.label("主要家电/大件"), appliances],
            [
                self.label("月水电燃气通讯费"),
                "" if a.utilities_monthly_fen is None else f"{fmt_yuan(a.utilities_monthly_fen)} 元/月",
            ],
            [
                self.label("高消费迹象"),
                self.ticked(
                    choice_line([("有", high and not blank), ("无", not high and not blank)]), a.high_consumption_note
                ),
            ],
            [self.label("饮食、衣着情况"), a.food_clothing],
            [self.label("邻里访问情况"), a.neighbour_findings],
        ]
        heights = [None, None, None, None, 14 * mm, 16 * mm] if blank else None
        return self.grid(rows, (0.18, 0.82), row_heights=heights, min_height=self.row_min)

    def _opinion(self) -> Flowable:
        a, blank = self.snapshot.assessment, self.snapshot.blank
        rows = [
            [self.choices(enum_choices(InvestigatorOpinion, a.investigator_opinion), blank=blank)],
            [self.cell(a.opinion_text)],
        ]
        return self.grid(rows, (1.0,), row_heights=[None, None if a.opinion_text else 20 * mm], min_height=self.row_min)

    def _signatures(self) -> list[Flowable]:
        s, a = self.snapshot, self.snapshot.assessment
        consent = choice_line([("是", a.consent_signed and not s.blank), ("否", not a.consent_signed and not s.blank)])
        section = next(x for x in self.form.sections if x.key == "signatures")
        statement = (
            f"{section.statement_zh}本表由调查人员和在场的共同生活家庭成员分别签字（不能签字的按手印）确认。"
            f"申请人已签署承诺书并授权核对家庭经济状况：{consent}"
        )
        sig_width = 0.34 * self.frame_width - 8
        rows: list[list[object]] = [[self.header(h) for h in ("身份", "姓名、单位", "签名（手印）", "日期")]]
        investigators = list(a.investigators)
        signatures = signed_by(s.signatures, SignerRole.INVESTIGATOR)
        for i in range(max(2, len(investigators), len(signatures))):
            person = investigators[i] if i < len(investigators) else {}
            sig = signatures[i] if i < len(signatures) else None
            who = "，".join(str(x) for x in (person.get("name", ""), person.get("unit", "")) if x)
            rows.append(
                [
                    self.label(f"调查人员{i + 1}"),
                    self.cell(who),
                    self.signature(sig, width=sig_width),
                    self.center(fmt_date(sig.signed_at) if sig else ""),
                ]
            )
        members = signed_by(s.signatures, SignerRole.MEMBER)
        for i in range(max(2, len(members))):
            sig = members[i] if i < len(members) else None
            rows.append(
                [
                    self.label("在场家庭成员"),
                    self.cell(sig.name + ("（手印）" if sig.fingerprint else "") if sig else ""),
                    self.signature(sig, width=sig_width),
                    self.center(fmt_date(sig.signed_at) if sig else ""),
                ]
            )
        village = next(iter(signed_by(s.signatures, SignerRole.VILLAGE)), None)
        rows.append(
            [
                self.label("村(社区)经办人"),
                self.cell((village.name if village else "") + "\n（村(社区)盖章）"),
                self.signature(village, width=sig_width),
                self.center(fmt_date(village.signed_at) if village else ""),
            ]
        )
        table = self.grid(
            rows, (0.18, 0.3, 0.34, 0.18), header_rows=1, row_heights=[None] + [13 * mm] * (len(rows) - 1)
        )
        return [KeepTogether([self.heading("十、签字确认"), self.para(statement), table])]
