"""Child protection (未成年人保护): the child file (一人一档), visits, referrals, services and change history."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlmodel import Field

from fieldvisit.domain.base import FormRecord, LabelledEnum, Syncable, enum_field, json_dict, json_list
from fieldvisit.domain.enums import ChildStatus as ChildStatus
from fieldvisit.domain.enums import RiskLevel as RiskLevel
from fieldvisit.domain.types import UTCDateTime


class ChildCategory(LabelledEnum):
    ORPHAN = "ORPHAN", "孤儿"
    DE_FACTO_UNSUPPORTED = "DE_FACTO_UNSUPPORTED", "事实无人抚养儿童"
    IN_DIFFICULTY = "IN_DIFFICULTY", "困境儿童"
    LEFT_BEHIND = "LEFT_BEHIND", "农村留守儿童"


class DifficultyKind(LabelledEnum):
    POVERTY = "POVERTY", "家庭贫困"
    DISABILITY = "DISABILITY", "自身残疾"
    GUARDIANSHIP = "GUARDIANSHIP", "监护缺失或不当"


class ChildFlag(LabelledEnum):
    ASSISTANCE_FAMILY = "ASSISTANCE_FAMILY", "低保/特困/低边家庭儿童"
    MIGRANT = "MIGRANT", "流动儿童"
    PRISONER_CHILD = "PRISONER_CHILD", "服刑人员子女"
    DISABLED = "DISABLED", "残疾儿童"
    SERIOUS_ILLNESS = "SERIOUS_ILLNESS", "重病儿童"
    RETURNED_RUNAWAY = "RETURNED_RUNAWAY", "流浪返家儿童"


class ClosureReason(LabelledEnum):
    AGE_18 = "AGE_18", "年满18周岁"
    AGE_16_LEFT_BEHIND = "AGE_16_LEFT_BEHIND", "年满16周岁(留守)"
    PARENT_SITUATION_ENDED = "PARENT_SITUATION_ENDED", "父母情形消失"
    PARENTS_RETURNED = "PARENTS_RETURNED", "父母返乡/随迁"
    DECEASED = "DECEASED", "死亡"
    ADOPTED = "ADOPTED", "被收养"
    MOVED_AWAY = "MOVED_AWAY", "户籍迁出/转移"
    NO_LONGER_ELIGIBLE = "NO_LONGER_ELIGIBLE", "不再符合其他条件"


class ParentStatus(LabelledEnum):
    PRESENT = "PRESENT", "健在同住"
    WORKING_AWAY = "WORKING_AWAY", "外出务工"
    DECEASED = "DECEASED", "死亡"
    DECLARED_DEAD = "DECLARED_DEAD", "宣告死亡"
    MISSING = "MISSING", "失踪/宣告失踪"
    SEVERELY_DISABLED = "SEVERELY_DISABLED", "重残"
    SERIOUSLY_ILL = "SERIOUSLY_ILL", "重病"
    IMPRISONED = "IMPRISONED", "服刑在押"
    DRUG_REHAB = "DRUG_REHAB", "强制隔离戒毒"
    RESTRICTED = "RESTRICTED", "限制人身自由"
    LOST_CONTACT = "LOST_CONTACT", "失联"
    DIVORCED_AWAY = "DIVORCED_AWAY", "离异不在身边"


class GuardianshipRating(LabelledEnum):
    GOOD = "GOOD", "较好"
    FAIR = "FAIR", "一般"
    POOR = "POOR", "差"


class VisitMode(LabelledEnum):
    HOME = "HOME", "入户"
    PHONE = "PHONE", "电话"
    VIDEO = "VIDEO", "视频"
    SCHOOL = "SCHOOL", "学校走访"
    CHILDREN_HOME = "CHILDREN_HOME", "儿童之家"


class SafetyFinding(LabelledEnum):
    NONE = "NONE", "无异常"
    ALONE_UNCARED = "ALONE_UNCARED", "单独居住/无人照料"
    MISSING = "MISSING", "失踪/离家"
    SUSPECTED_DOMESTIC_VIOLENCE = "SUSPECTED_DOMESTIC_VIOLENCE", "疑似家暴"
    SUSPECTED_INJURY = "SUSPECTED_INJURY", "疑似意外伤害/不法侵害"
    HAZARD = "HAZARD", "溺水/用电/交通隐患"
    OTHER = "OTHER", "其他"


class SchoolStatus(LabelledEnum):
    NORMAL = "NORMAL", "正常在读"
    FREQUENT_ABSENCE = "FREQUENT_ABSENCE", "缺勤较多"
    DROPOUT_RISK = "DROPOUT_RISK", "辍学风险"
    DROPPED_OUT = "DROPPED_OUT", "已辍学"
    PRESCHOOL = "PRESCHOOL", "未到学龄"


class PsychSign(LabelledEnum):
    NORMAL = "NORMAL", "正常"
    LOW_MOOD = "LOW_MOOD", "情绪低落"
    SCHOOL_AVERSION = "SCHOOL_AVERSION", "厌学"
    SOCIAL_DIFFICULTY = "SOCIAL_DIFFICULTY", "人际交往困难"
    BEHAVIOUR = "BEHAVIOUR", "行为偏差"
    INTERNET_ADDICTION = "INTERNET_ADDICTION", "网络沉迷"
    OTHER = "OTHER", "其他"


class ReferralTarget(LabelledEnum):
    POLICE = "POLICE", "公安"
    EDUCATION = "EDUCATION", "教育"
    HEALTH = "HEALTH", "卫健"
    DISABLED_FEDERATION = "DISABLED_FEDERATION", "残联"
    WOMENS_FEDERATION = "WOMENS_FEDERATION", "妇联"
    YOUTH_LEAGUE = "YOUTH_LEAGUE", "团委"
    LEGAL_AID = "LEGAL_AID", "司法/法律援助"
    MINOR_PROTECTION_CENTRE = "MINOR_PROTECTION_CENTRE", "未保中心"
    SOCIAL_WORK_AGENCY = "SOCIAL_WORK_AGENCY", "社工机构"
    TOWN = "TOWN", "乡镇"


class ChildFile(FormRecord, table=True):
    """The file of one child (一人一档): identity, category, family, guardian, school, health, risk, status."""

    __tablename__ = "child_file"

    file_no: str = Field(index=True, max_length=40)
    name: str = Field(index=True, max_length=64)
    id_number: str = Field(default="", index=True, max_length=18)
    sex: str = enum_field("")
    birth_date: date | None = Field(default=None, index=True)
    ethnicity: str = Field(default="", max_length=16)
    hukou_address: str = Field(default="", max_length=200)
    residence_address: str = Field(default="", max_length=200)
    town_code: str = Field(index=True, max_length=9)
    village_id: str = Field(default="", index=True, max_length=16)
    primary_category: str = enum_field(ChildCategory.IN_DIFFICULTY, index=True)
    difficulty_kinds: list[str] = json_list()
    flags: list[str] = json_list()
    recognized_at: date | None = None
    recognition_ref: str = Field(default="", max_length=64)
    listed_at: date | None = None
    health: str = Field(default="", max_length=16)
    health_note: str = Field(default="", max_length=200)
    schooling: str = Field(default="", max_length=16)
    school_name: str = Field(default="", max_length=100)
    grade: str = Field(default="", max_length=16)
    father: dict[str, Any] = json_dict()
    mother: dict[str, Any] = json_dict()
    guardian: dict[str, Any] = json_dict()
    guardianship_rating: str = enum_field("")
    family_assistance: list[str] = json_list()
    benefits: list[dict[str, Any]] = json_list()
    risk_level: str = enum_field(RiskLevel.GREEN, index=True)
    risk_override_reason: str = Field(default="", max_length=200)
    director_id: str = Field(default="", index=True, max_length=36)
    supervisor_id: str = Field(default="", index=True, max_length=36)
    status: str = enum_field(ChildStatus.ACTIVE, index=True)
    closure_reason: str = enum_field("")
    closed_on: date | None = None
    last_visit_on: date | None = None
    next_visit_due: date | None = Field(default=None, index=True)


class ChildVisit(FormRecord, table=True):
    """One visit to a child (探访记录). Append-only once final: corrections are amendments."""

    __tablename__ = "child_visit"

    child_id: str = Field(foreign_key="child_file.id", index=True, max_length=36)
    visit_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    mode: str = enum_field(VisitMode.HOME)
    visitor: str = Field(default="", max_length=64)
    visitor_id: str = Field(default="", max_length=36)
    companions: list[str] = json_list()
    saw_child: bool = Field(default=True)
    not_seen_reason: str = Field(default="", max_length=200)
    guardian_present: bool = Field(default=True)
    guardian_changed: bool = Field(default=False)
    guardianship_rating: str = enum_field("")
    living: dict[str, Any] = json_dict()
    safety: list[str] = json_list()
    health: str = Field(default="", max_length=200)
    school: str = enum_field("")
    psych: list[str] = json_list()
    parent_last_met_months: int | None = None
    parent_call_frequency: str = Field(default="", max_length=16)
    benefits_ok: bool = Field(default=True)
    benefits_note: str = Field(default="", max_length=200)
    needs: list[str] = json_list()
    needs_note: str = Field(default="", max_length=500)
    services_given: str = Field(default="")
    mandatory_report_triggered: bool = Field(default=False)
    mandatory_report_to: list[str] = json_list()
    mandatory_report_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    suggested_risk_level: str = enum_field("")
    risk_level: str = enum_field("")
    risk_override_reason: str = Field(default="", max_length=200)
    next_visit_due: date | None = None
    notes: str = Field(default="")


class Referral(Syncable, table=True):
    """A referral (转介) made during a visit to another agency."""

    __tablename__ = "referral"

    child_id: str = Field(foreign_key="child_file.id", index=True, max_length=36)
    visit_id: str = Field(default="", index=True, max_length=36)
    target: str = enum_field(ReferralTarget.TOWN)
    reason: str = Field(default="", max_length=500)
    referred_on: date | None = None
    result: str = Field(default="", max_length=500)


class ChildService(Syncable, table=True):
    """A service given to a child (服务记录): date, type, provider, result."""

    __tablename__ = "child_service"

    child_id: str = Field(foreign_key="child_file.id", index=True, max_length=36)
    served_on: date | None = None
    service_type: str = Field(default="", max_length=64)
    provider: str = Field(default="", max_length=100)
    result: str = Field(default="", max_length=500)


class ChildChange(Syncable, table=True):
    """One entry of a child file's change history (变更记录): category, guardian, address, risk, closure."""

    __tablename__ = "child_change"

    child_id: str = Field(foreign_key="child_file.id", index=True, max_length=36)
    changed_on: date
    field: str = Field(max_length=40)
    old_value: str = Field(default="", max_length=500)
    new_value: str = Field(default="", max_length=500)
    reason: str = Field(default="", max_length=500)
