"""Burial management (殡葬管理): patrols, illegal-grave cases, rectification notices, re-inspections."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlmodel import Field

from fieldvisit.domain.base import FormRecord, LabelledEnum, Syncable, enum_field, json_dict, json_list
from fieldvisit.domain.enums import CaseStatus as CaseStatus
from fieldvisit.domain.types import UTCDateTime


class ZoneType(LabelledEnum):
    FARMLAND = "FARMLAND", "耕地"
    FOREST = "FOREST", "林地"
    PARK_SCENIC_HERITAGE = "PARK_SCENIC_HERITAGE", "公园/风景名胜区/文保区"
    RESERVOIR_RIVER_WATER = "RESERVOIR_RIVER_WATER", "水库/河道堤坝/水源保护区"
    RAIL_ROAD_CORRIDOR = "RAIL_ROAD_CORRIDOR", "铁路/公路主干线两侧"
    NO_BURIAL_ZONE = "NO_BURIAL_ZONE", "禁坟区/三沿五区"
    CEMETERY_SURROUNDINGS = "CEMETERY_SURROUNDINGS", "公墓周边"
    OTHER = "OTHER", "其他"


class PatrolMode(LabelledEnum):
    ON_FOOT = "ON_FOOT", "步行"
    VEHICLE = "VEHICLE", "车巡"
    DRONE = "DRONE", "无人机"
    SATELLITE = "SATELLITE", "卫星图斑核查"
    JOINT = "JOINT", "联合巡查"


class OnSiteAction(LabelledEnum):
    NONE = "NONE", "无"
    STOP_WORK = "STOP_WORK", "劝阻停工"
    REGISTER = "REGISTER", "登记"
    INFORM = "INFORM", "告知/约谈"
    REMOVE_ON_SITE = "REMOVE_ON_SITE", "当场拆除(在建)"
    REPORT = "REPORT", "报告"


class CaseSource(LabelledEnum):
    PATROL = "PATROL", "日常巡查"
    PUBLIC_REPORT = "PUBLIC_REPORT", "群众举报"
    HOTLINE_12345 = "HOTLINE_12345", "12345"
    DRONE_IMAGERY = "DRONE_IMAGERY", "无人机/图斑"
    DEPARTMENT_TRANSFER = "DEPARTMENT_TRANSFER", "部门移送"
    CAMPAIGN = "CAMPAIGN", "专项排查"


class ViolationType(LabelledEnum):
    NEW_ILLEGAL_GRAVE = "NEW_ILLEGAL_GRAVE", "新建违建坟墓(散埋乱葬)"
    IN_PROHIBITED_ZONE = "IN_PROHIBITED_ZONE", "禁葬区内坟墓"
    HARDENED_LARGE = "HARDENED_LARGE", "硬化大墓"
    LIVING_PERSON = "LIVING_PERSON", "活人墓(寿坟)"
    LUXURY = "LUXURY", "豪华墓"
    RENOVATED_OLD = "RENOVATED_OLD", "旧坟翻新/扩建/硬化"
    OVERSIZE = "OVERSIZE", "超面积/超高墓碑"
    RESIDENTIAL_STYLE = "RESIDENTIAL_STYLE", "住宅式墓地/骨灰房"


class BuildState(LabelledEnum):
    UNDER_CONSTRUCTION = "UNDER_CONSTRUCTION", "在建"
    BUILT_EMPTY = "BUILT_EMPTY", "已建成未安葬(活人墓)"
    OCCUPIED = "OCCUPIED", "已安葬"


class GraveKind(LabelledEnum):
    ASHES = "ASHES", "骨灰"
    REMAINS = "REMAINS", "遗体"


class GraveCapacity(LabelledEnum):
    SINGLE = "SINGLE", "单穴"
    DOUBLE = "DOUBLE", "双穴"
    MULTIPLE = "MULTIPLE", "多穴"


class ServiceMethod(LabelledEnum):
    DIRECT = "DIRECT", "直接送达"
    LEFT_AT_PREMISES = "LEFT_AT_PREMISES", "留置送达"
    POST = "POST", "邮寄送达"
    PUBLIC_NOTICE = "PUBLIC_NOTICE", "公告送达"


class Remedy(LabelledEnum):
    REMOVE_HARDENING = "REMOVE_HARDENING", "拆除硬化物/附属设施"
    MOVE_TO_CEMETERY = "MOVE_TO_CEMETERY", "迁入公墓或农村公益性墓地"
    DEEP_BURY = "DEEP_BURY", "深埋不留坟头"
    RESTORE_LAND = "RESTORE_LAND", "恢复土地/林地原状并复绿"


class ReinspectionResult(LabelledEnum):
    REMOVED = "REMOVED", "已拆除"
    MOVED = "MOVED", "已迁移"
    DEEP_BURIED = "DEEP_BURIED", "已深埋不留坟头"
    REDUCED = "REDUCED", "已缩小面积/拆除硬化物"
    REGREENED = "REGREENED", "已复绿"
    PARTIAL = "PARTIAL", "部分整改"
    NOT_RECTIFIED = "NOT_RECTIFIED", "未整改"
    FAKED = "FAKED", "弄虚作假(涂改碑文/掩土/遮阴网)"

    @property
    def rectified(self) -> bool:
        """True when this result counts as 整改到位."""
        return self not in (ReinspectionResult.PARTIAL, ReinspectionResult.NOT_RECTIFIED, ReinspectionResult.FAKED)


class ReinspectionConclusion(LabelledEnum):
    CLOSE = "CLOSE", "同意销号"
    CONTINUE = "CONTINUE", "继续整改(新期限)"
    ESCALATE = "ESCALATE", "转强制/移送"


class Patrol(FormRecord, table=True):
    """One patrol of a no-burial zone (巡查记录)."""

    __tablename__ = "patrol"

    patrol_no: str = Field(index=True, max_length=40)
    town_code: str = Field(index=True, max_length=9)
    patrol_date: date = Field(index=True)
    start_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    end_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    inspectors: list[dict[str, Any]] = json_list()
    area: str = Field(default="", max_length=200)
    route: str = Field(default="", max_length=500)
    zone_types: list[str] = json_list()
    mode: str = enum_field(PatrolMode.ON_FOOT)
    track: list[dict[str, Any]] = json_list()
    found_issue: bool = Field(default=False)
    case_ids: list[str] = json_list()
    on_site_action: str = enum_field(OnSiteAction.NONE)
    on_site_note: str = Field(default="", max_length=500)


class GraveCase(FormRecord, table=True):
    """One illegal grave (违建坟墓台账, 一墓一档) from discovery to closure (销号)."""

    __tablename__ = "grave_case"

    case_no: str = Field(index=True, max_length=40)
    source: str = enum_field(CaseSource.PATROL)
    found_on: date = Field(index=True)
    patrol_id: str = Field(default="", max_length=36)
    town_code: str = Field(index=True, max_length=9)
    village_id: str = Field(default="", index=True, max_length=16)
    place_name: str = Field(default="", max_length=100)
    latitude: float | None = None
    longitude: float | None = None
    zone_type: str = enum_field(ZoneType.FARMLAND)
    violation_types: list[str] = json_list()
    build_state: str = enum_field(BuildState.OCCUPIED)
    grave_kind: str = enum_field(GraveKind.REMAINS)
    capacity: str = enum_field(GraveCapacity.SINGLE)
    area_m2: float | None = None
    stone_height_m: float | None = None
    materials: list[str] = json_list()
    structures: str = Field(default="", max_length=500)
    party: dict[str, Any] = json_dict()
    unknown_owner: bool = Field(default=False)
    deceased_name: str = Field(default="", max_length=64)
    buried_on: date | None = None
    is_official_related: bool = Field(default=False)
    status: str = enum_field(CaseStatus.DISCOVERED, index=True)
    notice_id: str = Field(default="", max_length=36)
    deadline: date | None = Field(default=None, index=True)
    closed_on: date | None = None
    closed_by: str = Field(default="", max_length=64)


class CaseEvent(Syncable, table=True):
    """One step in a grave case's status timeline: from, to, when, by whom, and why. Append-only."""

    __tablename__ = "case_event"

    case_id: str = Field(foreign_key="grave_case.id", index=True, max_length=36)
    at: datetime = Field(sa_type=UTCDateTime)
    from_status: str = enum_field("")
    to_status: str = enum_field(CaseStatus.DISCOVERED)
    actor: str = Field(default="", max_length=64)
    note: str = Field(default="", max_length=500)


class RectificationNotice(FormRecord, table=True):
    """A 责令限期整改通知书: numbered per issuer per year, with a snapshot of the legal basis it cites."""

    __tablename__ = "rectification_notice"

    case_id: str = Field(foreign_key="grave_case.id", index=True, max_length=36)
    issuer_code: str = Field(max_length=40)
    issuer_name: str = Field(max_length=100)
    year: int
    sequence: int
    notice_no: str = Field(index=True, max_length=60)
    issued_on: date
    deadline: date
    deadline_days: int = Field(default=15)
    party: dict[str, Any] = json_dict()
    facts: str = Field(default="")
    remedies: list[str] = json_list()
    legal_basis_id: str = Field(default="", max_length=36)
    legal_basis_text: str = Field(default="")
    contact_name: str = Field(default="", max_length=64)
    contact_phone: str = Field(default="", max_length=32)
    review_body: str = Field(default="", max_length=100)
    court: str = Field(default="", max_length=100)


class ServiceReceipt(Syncable, table=True):
    """The 送达回证 of a notice: how, where and when it was served, and who signed."""

    __tablename__ = "service_receipt"

    notice_id: str = Field(foreign_key="rectification_notice.id", index=True, max_length=36)
    method: str = enum_field(ServiceMethod.DIRECT)
    place: str = Field(default="", max_length=200)
    served_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    recipient_name: str = Field(default="", max_length=64)
    servers: list[str] = json_list()
    witness: str = Field(default="", max_length=64)
    refused: bool = Field(default=False)
    note: str = Field(default="", max_length=500)


class Reinspection(FormRecord, table=True):
    """A re-inspection (复查) after the deadline, with before/after comparison and a conclusion."""

    __tablename__ = "reinspection"

    case_id: str = Field(foreign_key="grave_case.id", index=True, max_length=36)
    inspected_on: date
    inspectors: list[dict[str, Any]] = json_list()
    result: str = enum_field(ReinspectionResult.NOT_RECTIFIED)
    area_m2_after: float | None = None
    conclusion: str = enum_field(ReinspectionConclusion.CONTINUE)
    new_deadline: date | None = None
    note: str = Field(default="")
