"""The bureau's schema: the shared domain tables (client-only tables left out) plus accounts, devices, receipts, log."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    UniqueConstraint,
)
from sqlmodel import SQLModel

from fieldvisit.domain import models
from fieldvisit.domain.types import UTCDateTime
from fieldvisit.sync.protocol import SYNCED_MODELS, parent_columns

metadata = MetaData()


_LOOKUPS = {("child_file", "file_no"), ("staff_user", "username"), ("attachment", "sha256")}
"""Single-column indexes of domain tables that bureau queries use, besides those on a parent's id."""


def _copy_domain_tables() -> None:
    for module in models.TABLE_MODULES:
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, SQLModel)
                and value.__module__ == module.__name__
                and hasattr(value, "__table__")
            ):
                _keep_bureau_indexes(value.__table__.to_metadata(metadata))  # type: ignore[attr-defined]


def _keep_bureau_indexes(table: Table) -> None:
    """Leave out the indexes that serve the device's lists and filters (migration 0002): the bureau never
    searches by them, and each would cost every pushed row an index entry."""
    if table.name not in SYNCED_MODELS:
        return
    parents = set(parent_columns(table.name))
    for index in list(table.indexes):
        names = [column.name for column in index.columns]
        if len(names) == 1 and (names[0] in parents or (table.name, names[0]) in _LOOKUPS):
            continue
        table.indexes.discard(index)
        for column in index.columns:
            column.index = None


_copy_domain_tables()

credential = Table(
    "bureau_credential",
    metadata,
    Column("user_id", String(36), primary_key=True),
    Column("password_hash", String(200), nullable=False),
    Column("changed_at", UTCDateTime, nullable=False),
)

device = Table(
    "bureau_device",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("user_id", String(36), nullable=False, index=True),
    Column("name", String(200), nullable=False),
    Column("state", String(16), nullable=False),
    Column("enrolled_at", UTCDateTime, nullable=False),
    Column("last_seen_at", UTCDateTime, nullable=True),
    Column("last_sync_at", UTCDateTime, nullable=True),
    Column("pending_count", Integer, nullable=False),
    Column("client_version", String(200), nullable=False),
    Column("protocol", Integer, nullable=False),
    Column("revoked_at", UTCDateTime, nullable=True),
    Column("wiped_at", UTCDateTime, nullable=True),
)

refresh_token = Table(
    "bureau_refresh_token",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("device_id", String(36), nullable=False, index=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
)

receipt = Table(
    "bureau_receipt",
    metadata,
    Column("mutation_id", String(36), primary_key=True),
    Column("device_id", String(36), nullable=False, index=True),
    Column("user_id", String(36), nullable=False),
    Column("table_name", String(40), nullable=False),
    Column("record_id", String(36), nullable=False),
    Column("op", String(10), nullable=False),
    Column("payload_hash", String(64), nullable=False),
    Column("status", String(16), nullable=False),
    Column("version", Integer, nullable=False),
    Column("code", String(40), nullable=False),
    Column("reason", String(500), nullable=False),
    Column("conflict_fields", JSON, nullable=False),
    Column("payload", JSON, nullable=True),
    Column("received_at", UTCDateTime, nullable=False),
    Index("ix_bureau_receipt_record", "table_name", "record_id"),
)
"""One row per mutation id ever answered durably (applied, conflict or rejected): the at-most-once guard."""

change_log = Table(
    "bureau_change_log",
    metadata,
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("table_name", String(40), nullable=False),
    Column("record_id", String(36), nullable=False),
    Column("version", Integer, nullable=False),
    Column("root_table", String(40), nullable=False),
    Column("root_id", String(36), nullable=False),
    Column("audience", JSON, nullable=False),
    Column("removed", JSON, nullable=False),
    Column("field_versions", JSON, nullable=False),
    UniqueConstraint("table_name", "record_id", name="uq_bureau_change_log_record"),
    Index("ix_bureau_change_log_root", "root_table", "root_id"),
)
"""The latest position of every record in the gap-free pull order, with its scope (audience) and field versions."""

change_audience = Table(
    "bureau_change_audience",
    metadata,
    Column("key", String(80), primary_key=True),
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("removal", Boolean, nullable=False),
    Index("ix_bureau_change_audience_seq", "seq"),
)
"""Who a log entry is for: scope keys that see the record, and keys that must remove it (scope shrank)."""

log_head = Table(
    "bureau_log_head",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", BigInteger, nullable=False),
)
"""A single row holding the last assigned cursor. Writers take its row lock to number their changes, so log
entries become visible in cursor order (a PostgreSQL sequence would let a later number commit first)."""

blob = Table(
    "bureau_blob",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("complete", Boolean, nullable=False),
    Column("uploaded_by", String(36), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("completed_at", UTCDateTime, nullable=True),
)
"""Attachment content known to the bureau, by SHA-256; the bytes live in the attachments directory."""
