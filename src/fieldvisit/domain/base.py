"""Shared building blocks of every table: labelled enums, record and sync states, the syncable columns."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String
from sqlmodel import Field, SQLModel

from fieldvisit.domain.enums import LabelledEnum as LabelledEnum
from fieldvisit.domain.enums import RecordState as RecordState
from fieldvisit.domain.ids import new_id
from fieldvisit.domain.types import UTCDateTime, utc_now


class SyncState(LabelledEnum):
    PENDING = "PENDING", "待同步"
    SYNCED = "SYNCED", "已同步"
    CONFLICT = "CONFLICT", "冲突"
    QUARANTINED = "QUARANTINED", "隔离"


def enum_field(default: Any = None, *, index: bool = False, nullable: bool = False) -> Any:
    """A column holding a LabelledEnum by its value, as portable VARCHAR (no native DB enum types)."""
    return Field(default=default, sa_type=String(40), index=index, nullable=nullable)


def json_list() -> Any:
    """A JSON column holding a list (flags, multi-choice answers, small repeat groups)."""
    return Field(default_factory=list, sa_type=JSON)


def json_dict() -> Any:
    """A JSON column holding an object (a nested block such as a parent's or guardian's details)."""
    return Field(default_factory=dict, sa_type=JSON)


def utc_field(*, nullable: bool = True, index: bool = False) -> Any:
    """An aware-UTC datetime column."""
    return Field(default=None, sa_type=UTCDateTime, nullable=nullable, index=index)


class Syncable(SQLModel):
    """Columns every synced record carries: a client-minted UUIDv7, a version, authorship and a tombstone.

    `updated_at` is the client clock, kept for display only; ordering comes from the bureau's cursor.
    """

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    version: int = Field(default=1)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    created_by: str = Field(default="", max_length=64)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_by: str = Field(default="", max_length=64)
    deleted: bool = Field(default=False)


class FormRecord(Syncable):
    """A record captured through a form definition: it remembers the form and its version.

    `extra` holds answers to form fields that have no typed column yet, so that adding a field to a
    definition needs no migration unless the field must be queried.
    """

    form_id: str = Field(default="", max_length=64)
    form_version: int = Field(default=1)
    state: str = enum_field(RecordState.DRAFT, index=True)
    extra: dict[str, Any] = json_dict()
