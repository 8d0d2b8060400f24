"""Client-only tables: the transactional outbox, per-record sync state, workspace settings and the search index."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index
from sqlmodel import Field, SQLModel

from fieldvisit.domain.base import LabelledEnum, enum_field
from fieldvisit.domain.types import UTCDateTime, utc_now


class MutationOp(LabelledEnum):
    UPSERT = "UPSERT", "保存"
    DELETE = "DELETE", "删除"


class OutboxState(LabelledEnum):
    PENDING = "PENDING", "待同步"
    QUARANTINED = "QUARANTINED", "隔离"


class OutboxEntry(SQLModel, table=True):
    """One mutation waiting for the bureau's receipt. Deleted only after that receipt (never before).

    An entry that has never been sent (`attempts == 0`) absorbs later edits of the same record, so that
    autosave does not queue one mutation per keystroke; once sent, its payload is frozen.
    """

    __tablename__ = "outbox"

    seq: int | None = Field(default=None, primary_key=True)
    mutation_id: str = Field(unique=True, max_length=36)
    table_name: str = Field(max_length=40)
    record_id: str = Field(index=True, max_length=36)
    op: str = enum_field(MutationOp.UPSERT)
    base_version: int = Field(default=0)
    changed: list[str] = Field(default_factory=list, sa_type=JSON)
    payload: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    attempts: int = Field(default=0)
    state: str = enum_field(OutboxState.PENDING, index=True)
    last_error: str = Field(default="", max_length=500)


class RecordSync(SQLModel, table=True):
    """The sync badge of one record (待同步 / 已同步 / 冲突 / 隔离) and the bureau version last seen."""

    __tablename__ = "record_sync"

    table_name: str = Field(primary_key=True, max_length=40)
    record_id: str = Field(primary_key=True, max_length=36)
    state: str = enum_field("PENDING", index=True)
    bureau_version: int = Field(default=0)
    synced_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Setting(SQLModel, table=True):
    """A workspace setting or fact (device id, current user, idle-lock minutes, font scale …) as JSON."""

    __tablename__ = "setting"

    key: str = Field(primary_key=True, max_length=64)
    value: Any = Field(default=None, sa_type=JSON)


class SearchEntry(SQLModel, table=True):
    """One searchable person (child, applicant, member, grave owner) with the keys lists search by.

    Chinese names are mostly 2–3 characters, too short for a trigram index, so search runs on this narrow
    table: name substring, pinyin initials prefix, last four digits of the ID number.
    """

    __tablename__ = "search_entry"
    __table_args__ = (
        Index("ix_search_entry_initials", "initials"),
        Index("ix_search_entry_id_last4", "id_last4"),
        Index("ix_search_entry_owner", "owner_table", "owner_id"),
    )

    table_name: str = Field(primary_key=True, max_length=40)
    record_id: str = Field(primary_key=True, max_length=36)
    owner_table: str = Field(max_length=40)
    owner_id: str = Field(max_length=36)
    name: str = Field(max_length=64)
    initials: str = Field(default="", max_length=64)
    id_number: str = Field(default="", max_length=18)
    id_last4: str = Field(default="", max_length=4)
    town_code: str = Field(default="", max_length=9)
    village_id: str = Field(default="", max_length=16)
