"""Records shared by all three jobs: users, attachments, parameters, legal bases, assignments, audit, amendments."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlmodel import Field, SQLModel

from fieldvisit.domain.base import LabelledEnum, Syncable, enum_field, json_dict, json_list
from fieldvisit.domain.enums import Role as Role
from fieldvisit.domain.ids import new_id
from fieldvisit.domain.types import UTCDateTime, utc_now


class User(Syncable, table=True):
    """A staff account (工作人员账户) with its role and jurisdiction (towns and villages it may see)."""

    __tablename__ = "staff_user"

    username: str = Field(index=True, unique=True, max_length=64)
    display_name: str = Field(max_length=64)
    role: str = enum_field(Role.SOCIAL_WORKER)
    unit: str = Field(default="", max_length=100)
    phone: str = Field(default="", max_length=32)
    town_codes: list[str] = json_list()
    village_ids: list[str] = json_list()
    active: bool = Field(default=True)


class AttachmentKind(LabelledEnum):
    PHOTO = "PHOTO", "照片"
    SIGNATURE = "SIGNATURE", "签名"
    FINGERPRINT = "FINGERPRINT", "手印"
    DOCUMENT = "DOCUMENT", "证件/票据"


class Attachment(Syncable, table=True):
    """A photo, signature or scanned document, stored encrypted in the vault under its SHA-256."""

    sha256: str = Field(index=True, max_length=64)
    kind: str = enum_field(AttachmentKind.PHOTO)
    mime_type: str = Field(default="image/jpeg", max_length=64)
    size_bytes: int = Field(default=0)
    owner_table: str = Field(index=True, max_length=40)
    owner_id: str = Field(index=True, max_length=36)
    slot: str = Field(default="", max_length=40)
    caption: str = Field(default="", max_length=200)
    captured_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    latitude: float | None = None
    longitude: float | None = None
    bearing: float | None = None
    photographer: str = Field(default="", max_length=64)


class Parameter(SQLModel, table=True):
    """An effective-dated parameter (参数) by locality: a standard, factor, interval or limit.

    `value` is JSON text so one table holds amounts in fen, factors and day counts alike. `status` records
    how well the value is verified (V, P or U, as in the domain reference).
    """

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    key: str = Field(index=True, max_length=64)
    value: str = Field(max_length=200)
    locality: str = Field(default="330282", index=True, max_length=12)
    effective_from: date = Field(index=True)
    effective_to: date | None = None
    unit: str = Field(default="", max_length=16)
    status: str = Field(default="U", max_length=1)
    source: str = Field(default="", max_length=200)


class LegalBasis(SQLModel, table=True):
    """A versioned legal-basis template (法律依据) that notices cite, with its effective period."""

    __tablename__ = "legal_basis"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    code: str = Field(index=True, max_length=40)
    title: str = Field(max_length=100)
    article: str = Field(default="", max_length=100)
    text: str = Field(default="")
    version: str = Field(max_length=40)
    effective_from: date
    effective_to: date | None = None
    verified: bool = Field(default=False)


class AssignmentKind(LabelledEnum):
    HOUSEHOLD_VISIT = "HOUSEHOLD_VISIT", "入户调查"
    PROACTIVE_REFERRAL = "PROACTIVE_REFERRAL", "主动发现"
    CHILD_VISIT = "CHILD_VISIT", "儿童探访"
    REINSPECTION = "REINSPECTION", "复查"
    PATROL = "PATROL", "巡查"


class AssignmentStatus(LabelledEnum):
    OPEN = "OPEN", "待办"
    IN_PROGRESS = "IN_PROGRESS", "进行中"
    DONE = "DONE", "已完成"
    CANCELLED = "CANCELLED", "已取消"


class Assignment(Syncable, table=True):
    """A task (任务) sent down by the bureau: a household to visit, a child to see, a case to re-inspect."""

    kind: str = enum_field(AssignmentKind.HOUSEHOLD_VISIT, index=True)
    title: str = Field(max_length=200)
    assignee_id: str = Field(index=True, max_length=36)
    town_code: str = Field(default="", index=True, max_length=9)
    village_id: str = Field(default="", max_length=16)
    target_table: str = Field(default="", max_length=40)
    target_id: str = Field(default="", max_length=36)
    due_date: date | None = Field(default=None, index=True)
    status: str = enum_field(AssignmentStatus.OPEN, index=True)
    details: dict[str, Any] = json_dict()


class AuditKind(LabelledEnum):
    CREATE = "CREATE", "新建"
    UPDATE = "UPDATE", "修改"
    DELETE = "DELETE", "删除"
    FINALIZE = "FINALIZE", "定稿"
    AMEND = "AMEND", "更正"
    VOID = "VOID", "作废"
    OPEN = "OPEN", "查阅"
    PRINT = "PRINT", "打印"
    EXPORT = "EXPORT", "导出"
    REVEAL_ID = "REVEAL_ID", "查看完整证件号"
    UNLOCK = "UNLOCK", "解锁"
    UNLOCK_FAILED = "UNLOCK_FAILED", "解锁失败"
    SYNC = "SYNC", "同步"


class AuditEvent(SQLModel, table=True):
    """An append-only audit event (审计事件): who did what to which record, and when."""

    __tablename__ = "audit_event"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime, index=True)
    user_id: str = Field(default="", index=True, max_length=36)
    device_id: str = Field(default="", max_length=36)
    kind: str = enum_field(AuditKind.UPDATE, index=True)
    table_name: str = Field(default="", max_length=40)
    record_id: str = Field(default="", index=True, max_length=36)
    detail: dict[str, Any] = json_dict()


class Amendment(Syncable, table=True):
    """A correction (更正) of a finalized record: the new record points to the original, with a reason."""

    table_name: str = Field(max_length=40)
    original_id: str = Field(index=True, max_length=36)
    amended_id: str = Field(index=True, max_length=36)
    reason: str = Field(max_length=500)
    changed_fields: list[str] = json_list()
