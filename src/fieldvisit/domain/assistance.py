"""Social assistance (社会救助): the household economic-status home visit (入户调查) and its parts."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlmodel import Field

from fieldvisit.domain.base import FormRecord, LabelledEnum, Syncable, enum_field, json_dict, json_list
from fieldvisit.domain.enums import Sex as Sex
from fieldvisit.domain.types import UTCDateTime


class AssistanceType(LabelledEnum):
    MINIMUM_LIVING = "MINIMUM_LIVING", "最低生活保障"
    NEAR_MINIMUM_LIVING = "NEAR_MINIMUM_LIVING", "低保边缘"
    EXTREME_POVERTY = "EXTREME_POVERTY", "特困人员"
    RIGID_EXPENSE_HARDSHIP = "RIGID_EXPENSE_HARDSHIP", "刚性支出困难"
    TEMPORARY = "TEMPORARY", "临时救助"
    PERIODIC_REVIEW = "PERIODIC_REVIEW", "复核/定期核查"


class SurveyKind(LabelledEnum):
    NEW_APPLICATION = "NEW_APPLICATION", "新申请"
    PERIODIC_REVIEW = "PERIODIC_REVIEW", "定期核查"
    CHANGE_REVIEW = "CHANGE_REVIEW", "变更核查"
    PROACTIVE = "PROACTIVE", "主动发现"
    COMPLAINT = "COMPLAINT", "投诉举报核查"


class Relation(LabelledEnum):
    SELF = "SELF", "本人"
    SPOUSE = "SPOUSE", "配偶"
    SON = "SON", "子"
    DAUGHTER = "DAUGHTER", "女"
    FATHER = "FATHER", "父"
    MOTHER = "MOTHER", "母"
    GRANDCHILD = "GRANDCHILD", "孙子女"
    GRANDPARENT = "GRANDPARENT", "祖父母/外祖父母"
    SIBLING = "SIBLING", "兄弟姐妹"
    DAUGHTER_IN_LAW = "DAUGHTER_IN_LAW", "儿媳"
    SON_IN_LAW = "SON_IN_LAW", "女婿"
    OTHER = "OTHER", "其他"


class Health(LabelledEnum):
    HEALTHY = "HEALTHY", "健康"
    CHRONIC = "CHRONIC", "慢性病"
    MAJOR_ILLNESS = "MAJOR_ILLNESS", "重病"
    DISABLED = "DISABLED", "残疾"


class DisabilityType(LabelledEnum):
    VISUAL = "VISUAL", "视力"
    HEARING = "HEARING", "听力"
    SPEECH = "SPEECH", "言语"
    PHYSICAL = "PHYSICAL", "肢体"
    INTELLECTUAL = "INTELLECTUAL", "智力"
    MENTAL = "MENTAL", "精神"
    MULTIPLE = "MULTIPLE", "多重"


class LaborCapacity(LabelledEnum):
    ABLE = "ABLE", "有劳动能力"
    PARTIAL = "PARTIAL", "部分丧失"
    NONE = "NONE", "完全丧失/无劳动能力"


class ExclusionReason(LabelledEnum):
    IMPRISONED = "IMPRISONED", "服刑"
    DRUG_REHAB = "DRUG_REHAB", "强制隔离戒毒"
    MISSING = "MISSING", "宣告失踪"
    CLERGY = "CLERGY", "宗教教职≥3年"
    OTHER = "OTHER", "其他"


class IncomeCategory(LabelledEnum):
    WAGES = "WAGES", "工资性收入"
    BUSINESS = "BUSINESS", "经营净收入"
    PROPERTY = "PROPERTY", "财产净收入"
    TRANSFER = "TRANSFER", "转移净收入"
    OTHER = "OTHER", "其他收入"


class AssetKind(LabelledEnum):
    DEPOSIT = "DEPOSIT", "银行存款"
    SECURITIES = "SECURITIES", "证券"
    FUND = "FUND", "基金"
    INSURANCE = "INSURANCE", "商业保险(现金价值)"
    CLAIM = "CLAIM", "债权"
    ONLINE_FINANCE = "ONLINE_FINANCE", "互联网金融资产"
    VEHICLE = "VEHICLE", "车辆"
    PROPERTY = "PROPERTY", "房产"
    BUSINESS = "BUSINESS", "经营实体"

    @property
    def is_financial(self) -> bool:
        return self not in (AssetKind.VEHICLE, AssetKind.PROPERTY, AssetKind.BUSINESS)


class RigidExpenseKind(LabelledEnum):
    MEDICAL = "MEDICAL", "医疗支出(自付)"
    EDUCATION = "EDUCATION", "教育支出"
    REHAB = "REHAB", "残疾康复支出"
    DISASTER = "DISASTER", "因灾/因意外支出"
    OTHER = "OTHER", "其他必需支出"


class InvestigatorOpinion(LabelledEnum):
    ELIGIBLE = "ELIGIBLE", "符合"
    NOT_ELIGIBLE = "NOT_ELIGIBLE", "不符合"
    TO_VERIFY = "TO_VERIFY", "待核实"


class HouseholdAssessment(FormRecord, table=True):
    """One home visit (家庭经济状况入户调查) of one household; members and money rows hang off it."""

    __tablename__ = "household_assessment"

    survey_no: str = Field(index=True, max_length=40)
    assistance_type: str = enum_field(AssistanceType.MINIMUM_LIVING, index=True)
    survey_kind: str = enum_field(SurveyKind.NEW_APPLICATION)
    town_code: str = Field(index=True, max_length=9)
    village_id: str = Field(default="", index=True, max_length=16)
    methods: list[str] = json_list()
    survey_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    investigators: list[dict[str, Any]] = json_list()
    assistants: list[dict[str, Any]] = json_list()
    latitude: float | None = None
    longitude: float | None = None
    applicant_name: str = Field(default="", index=True, max_length=64)
    applicant_id_number: str = Field(default="", index=True, max_length=18)
    hukou_address: str = Field(default="", max_length=200)
    residence_address: str = Field(default="", max_length=200)
    hukou_type: str = Field(default="", max_length=16)
    phone: str = Field(default="", max_length=32)
    is_relative_of_staff: bool = Field(default=False)
    staff_relatives: list[dict[str, Any]] = json_list()
    hardship_reasons: list[str] = json_list()
    bank: dict[str, Any] = json_dict()
    housing: dict[str, Any] = json_dict()
    appliances: list[str] = json_list()
    utilities_monthly_fen: int | None = None
    high_consumption_signs: bool = Field(default=False)
    high_consumption_note: str = Field(default="")
    food_clothing: str = Field(default="")
    neighbour_findings: str = Field(default="")
    investigator_opinion: str = enum_field("")
    opinion_text: str = Field(default="")
    consent_signed: bool = Field(default=False)
    household_size: int = Field(default=0)
    per_capita_monthly_income_fen: int | None = None
    suggestion: str = enum_field("")
    assignment_id: str = Field(default="", max_length=36)


class HouseholdMember(Syncable, table=True):
    """A member of the applying household (共同生活家庭成员, or listed but excluded with a reason)."""

    __tablename__ = "household_member"

    assessment_id: str = Field(foreign_key="household_assessment.id", index=True, max_length=36)
    position: int = Field(default=0)
    name: str = Field(max_length=64)
    relation: str = enum_field(Relation.SELF)
    id_number: str = Field(default="", index=True, max_length=18)
    sex: str = enum_field("")
    birth_date: date | None = None
    ethnicity: str = Field(default="", max_length=16)
    marital: str = Field(default="", max_length=16)
    co_resident: bool = Field(default=True)
    exclusion_reason: str = enum_field("")
    health: str = enum_field(Health.HEALTHY)
    major_illness: str = Field(default="", max_length=100)
    disability_type: str = enum_field("")
    disability_level: int | None = None
    disability_cert_no: str = Field(default="", max_length=40)
    labor_capacity: str = enum_field(LaborCapacity.ABLE)
    self_care: dict[str, bool] = json_dict()
    education: str = Field(default="", max_length=16)
    in_school: bool = Field(default=False)
    employment: str = Field(default="", max_length=16)
    employer: str = Field(default="", max_length=100)
    special_flags: list[str] = json_list()


class SupportObligor(Syncable, table=True):
    """A legally obliged supporter living apart (非共同生活法定赡养/抚养/扶养义务人)."""

    __tablename__ = "support_obligor"

    assessment_id: str = Field(foreign_key="household_assessment.id", index=True, max_length=36)
    position: int = Field(default=0)
    name: str = Field(max_length=64)
    id_number: str = Field(default="", max_length=18)
    relation: str = Field(default="", max_length=16)
    health: str = enum_field("")
    labor_capacity: str = enum_field("")
    obligor_household_size: int | None = None
    obligor_per_capita_income_fen: int | None = None
    assets_note: str = Field(default="")
    support_paid_monthly_fen: int = Field(default=0)


class IncomeItem(Syncable, table=True):
    """One income row for the previous 12 months (收入项), by category; `countable` False when excluded."""

    __tablename__ = "income_item"

    assessment_id: str = Field(foreign_key="household_assessment.id", index=True, max_length=36)
    position: int = Field(default=0)
    category: str = enum_field(IncomeCategory.WAGES)
    item: str = Field(default="", max_length=64)
    member_id_number: str = Field(default="", max_length=18)
    amount_12m_fen: int = Field(default=0)
    countable: bool = Field(default=True)
    evidence: str = Field(default="", max_length=16)
    note: str = Field(default="", max_length=200)


class Asset(Syncable, table=True):
    """A household asset (家庭财产): a financial balance, a vehicle, a property or a business."""

    __tablename__ = "asset"

    assessment_id: str = Field(foreign_key="household_assessment.id", index=True, max_length=36)
    position: int = Field(default=0)
    kind: str = enum_field(AssetKind.DEPOSIT)
    owner: str = Field(default="", max_length=64)
    value_fen: int = Field(default=0)
    description: str = Field(default="", max_length=200)
    details: dict[str, Any] = json_dict()


class RigidExpense(Syncable, table=True):
    """A rigid expense of the previous 12 months after reimbursement (刚性支出)."""

    __tablename__ = "rigid_expense"

    assessment_id: str = Field(foreign_key="household_assessment.id", index=True, max_length=36)
    position: int = Field(default=0)
    kind: str = enum_field(RigidExpenseKind.MEDICAL)
    amount_12m_fen: int = Field(default=0)
    note: str = Field(default="", max_length=200)
