"""Applying pushed mutations at most once: receipts, jurisdiction, append-only records, conflicts and merges.

A batch runs in one write transaction. Every mutation gets a receipt; applied, conflicting and rejected ones
are stored under their mutation id (unique), so a replay gets the original answer and a reused id with
another payload is a conflict, never an overwrite. A mutation whose parent record is not here yet is
deferred: nothing is stored and the device sends it again later.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy import Connection, Engine, bindparam, select
from sqlalchemy.exc import DBAPIError

from fieldvisit.bureau import changelog
from fieldvisit.bureau.changelog import LogEntry, LogWrite
from fieldvisit.bureau.db import DatabaseUnavailableError, insert_rows, one_of, run_write
from fieldvisit.bureau.records import (
    PayloadError,
    differing_fields,
    load_rows,
    table_info,
    unstorable,
    validate_payload,
)
from fieldvisit.bureau.scope import root_audience
from fieldvisit.bureau.tables import blob, metadata, receipt
from fieldvisit.domain.types import Clock, utc_now
from fieldvisit.sync.protocol import (
    BOOKKEEPING_FIELDS,
    LOCKED_STATES,
    READ_ONLY_TABLES,
    SYNCED_MODELS,
    ConflictCode,
    Mutation,
    MutationOp,
    Receipt,
    ReceiptStatus,
    RecordRef,
    parent_columns,
    parent_of,
)

log = logging.getLogger(__name__)

Ref = tuple[str, str]
_TABLE_ORDER = {table.name: index for index, table in enumerate(metadata.sorted_tables)}


@dataclass(frozen=True)
class Caller:
    """Who pushes: a user on a device, holding scope keys (None for bureau staff using admin commands)."""

    user_id: str
    device_id: str
    keys: frozenset[str] | None

    def sees(self, audience: frozenset[str]) -> bool:
        """Whether a record with this audience is within the caller's jurisdiction."""
        return self.keys is None or bool(self.keys & audience)


def payload_hash(mutation: Mutation) -> str:
    """A digest of what a mutation asks for (not its base version), to tell a replay from a reused id: SHA-256
    of its canonical JSON (sorted keys). NaN hashes as null; a payload holding one is refused anyway."""
    return _digest(mutation)[0]


def _digest(mutation: Mutation) -> tuple[str, bool]:
    """`payload_hash`, and whether the record is plainly storable: orjson refuses half a surrogate pair and
    integers wider than 64 bits, which then take the standard encoder's way, and the text it makes shows a
    character U+0000; a record with any of these gets a closer look (`records.unstorable`)."""
    try:
        text = orjson.dumps(_hashed(mutation), option=orjson.OPT_SORT_KEYS)
    except TypeError:
        return _legacy_payload_hash(mutation), False
    return hashlib.sha256(text).hexdigest(), b"\\u0000" not in text


def _legacy_payload_hash(mutation: Mutation) -> str:
    """The digest as receipts stored before 2026-11-29 hold it (the standard encoder's spacing)."""
    text = json.dumps(_hashed(mutation), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _same_payload(stored_hash: str, mutation: Mutation, digest: str) -> bool:
    return stored_hash == digest or stored_hash == _legacy_payload_hash(mutation)


def _hashed(mutation: Mutation) -> dict[str, Any]:
    return {
        "table": mutation.table,
        "record_id": mutation.record_id,
        "op": mutation.op.value,
        "changed": sorted(mutation.changed),
        "payload": mutation.payload,
    }


@dataclass
class _Batch:
    """Working state of one batch: rows and log entries as they stand after the mutations decided so far."""

    caller: Caller
    now: Any
    receipts_before: dict[str, Any]
    rows: dict[Ref, dict[str, Any]]
    entries: dict[Ref, LogEntry]
    complete_blobs: set[str]
    existed: set[Ref] = field(default_factory=set)
    changed: dict[Ref, dict[str, Any]] = field(default_factory=dict)
    writes: dict[Ref, LogWrite] = field(default_factory=dict)
    stored: list[dict[str, Any]] = field(default_factory=list)
    answered: dict[str, tuple[str, Receipt]] = field(default_factory=dict)
    moved_roots: set[Ref] = field(default_factory=set)


def apply_batch(engine: Engine, caller: Caller, mutations: list[Mutation], *, clock: Clock = utc_now) -> list[Receipt]:
    """Apply `mutations` in order and return one receipt each, all durably committed before returning."""
    try:
        return run_write(engine, lambda connection: apply_in(connection, caller, mutations, now=clock()))
    except DatabaseUnavailableError:
        raise
    except DBAPIError as exc:
        if len(mutations) > 1:
            log.warning("batch of %d failed in the database (%s); applying one by one", len(mutations), exc.orig)
            return [
                receipt for mutation in mutations for receipt in apply_batch(engine, caller, [mutation], clock=clock)
            ]
        reason = f"局端数据库拒绝了该记录（{type(exc.orig).__name__}）"
        return [run_write(engine, lambda connection: _store_refusal(connection, caller, mutations[0], reason, clock))]


def _store_refusal(connection: Connection, caller: Caller, mutation: Mutation, reason: str, clock: Clock) -> Receipt:
    existing = connection.execute(select(receipt).where(receipt.c.mutation_id == mutation.mutation_id)).first()
    if existing is not None:
        return _replay(existing._mapping, mutation, None)
    answer = Receipt(mutation_id=mutation.mutation_id, status=ReceiptStatus.REJECTED, code="database", reason=reason)
    connection.execute(receipt.insert(), [_receipt_row(caller, mutation, answer, clock())])
    return answer


def apply_in(connection: Connection, caller: Caller, mutations: list[Mutation], *, now: Any) -> list[Receipt]:
    """Apply `mutations` inside the caller's open write transaction (see `apply_batch`)."""
    ids = [m.mutation_id for m in mutations]
    before = {
        row.mutation_id: row._mapping
        for condition in one_of(connection, receipt.c.mutation_id, ids)
        for row in connection.execute(select(receipt).where(condition))
    }
    fresh = [m for m in mutations if m.mutation_id not in before and m.table in SYNCED_MODELS]
    by_table: dict[str, set[str]] = {}
    for m in fresh:
        by_table.setdefault(m.table, set()).add(m.record_id)
    rows: dict[Ref, dict[str, Any]] = {}
    for table, record_ids in sorted(by_table.items()):
        for record_id, row in load_rows(connection, table, record_ids, for_update=True).items():
            rows[(table, record_id)] = row
    refs = set(rows) | {(m.table, m.record_id) for m in fresh} | {ref for m in fresh if (ref := _raw_parent(m))}
    entries = changelog.load_entries(connection, refs)
    shas = {str(m.payload.get("sha256", "")) for m in fresh if m.table == "attachment"}
    complete = {
        row.sha256
        for condition in one_of(connection, blob.c.sha256, shas)
        for row in connection.execute(select(blob.c.sha256).where(condition, blob.c.complete))
    }
    batch = _Batch(caller, now, before, rows, entries, complete, existed=set(rows))
    answers = [_decide(connection, batch, m) for m in mutations]
    _write(connection, batch)
    return answers


def _raw_parent(mutation: Mutation) -> Ref | None:
    parent = parent_of(mutation.table, mutation.payload)
    return parent if parent and parent[0] and parent[1] else None


def _decide(connection: Connection, batch: _Batch, m: Mutation) -> Receipt:
    digest, plain = _digest(m)
    if m.mutation_id in batch.answered:
        earlier_hash, earlier = batch.answered[m.mutation_id]
        if earlier_hash == digest:
            return earlier.model_copy(update={"status": ReceiptStatus.DUPLICATE, "original_status": earlier.status})
        return _reused(m)
    if m.mutation_id in batch.receipts_before:
        stored = batch.receipts_before[m.mutation_id]
        if not _same_payload(stored["payload_hash"], m, digest):
            return _reused(m)
        ref = (stored["table_name"], stored["record_id"])
        current = None
        if ref[0] in SYNCED_MODELS:
            current = load_rows(connection, ref[0], [ref[1]]).get(ref[1])
            entry = changelog.load_entries(connection, [ref]).get(ref)
            if current is not None and (entry is None or not batch.caller.sees(entry.audience)):
                current = None
        return _replay(stored, m, current)
    answer = _judge(batch, m, suspect=not plain)
    if answer.status != ReceiptStatus.DEFERRED and not (
        answer.status == ReceiptStatus.CONFLICT and answer.code == ConflictCode.MUTATION_ID_REUSED
    ):
        batch.stored.append(_receipt_row(batch.caller, m, answer, batch.now, digest))
        batch.answered[m.mutation_id] = (digest, answer)
    return answer


def _reused(m: Mutation) -> Receipt:
    return Receipt(
        mutation_id=m.mutation_id,
        status=ReceiptStatus.CONFLICT,
        code=ConflictCode.MUTATION_ID_REUSED,
        reason="同一变更编号已用于不同的内容，未覆盖局端数据",
    )


def _replay(stored: Mapping[str, Any], m: Mutation, current: dict[str, Any] | None) -> Receipt:
    record = None
    if current is not None and stored["status"] in (ReceiptStatus.APPLIED, ReceiptStatus.CONFLICT):
        sent = m.payload
        if stored["status"] == ReceiptStatus.CONFLICT or _differs_from_payload(m.table, current, sent):
            record = current
    return Receipt(
        mutation_id=m.mutation_id,
        status=ReceiptStatus.DUPLICATE,
        original_status=ReceiptStatus(stored["status"]),
        version=int(stored["version"]),
        code=stored["code"],
        reason=stored["reason"],
        conflict_fields=list(stored["conflict_fields"] or []),
        record=record,
    )


def _differs_from_payload(table: str, current: dict[str, Any], payload: Mapping[str, Any]) -> bool:
    try:
        sent = validate_payload(table, payload)
    except PayloadError:
        return True
    return bool(differing_fields(current, sent, table_info(table).content))


def _rejected(m: Mutation, code: str, reason: str) -> Receipt:
    return Receipt(mutation_id=m.mutation_id, status=ReceiptStatus.REJECTED, code=code, reason=reason)


def _judge(batch: _Batch, m: Mutation, *, suspect: bool = False) -> Receipt:
    """The answer to a fresh mutation; `suspect` when it may hold what the database cannot (see `_digest`)."""
    caller = batch.caller
    if m.table not in SYNCED_MODELS:
        return _rejected(m, "unknown_table", f"未知的数据表 {m.table}")
    if suspect and (problem := unstorable(m.payload) or unstorable(m.changed)):
        return _rejected(m, "invalid", f"数据无效：{problem}")
    if m.table in READ_ONLY_TABLES and caller.keys is not None:
        return _rejected(m, "read_only", "该类数据只能由民政局修改")
    try:
        values = validate_payload(m.table, m.payload)
    except PayloadError as exc:
        return _rejected(m, "invalid", f"数据无效：{exc}")
    if values["id"] != m.record_id:
        return _rejected(m, "invalid", "记录编号与内容不一致")
    info = table_info(m.table)
    unknown = sorted(set(m.changed) - set(info.columns))
    if unknown:
        return _rejected(m, "invalid", f"未知字段：{', '.join(unknown[:5])}")
    if m.op == MutationOp.DELETE:
        values["deleted"] = True
    ref = (m.table, m.record_id)
    current = batch.rows.get(ref)
    parent = parent_of(m.table, values)
    if parent is not None:
        if parent[0] not in SYNCED_MODELS or not parent[1]:
            return _rejected(m, "invalid", "所属记录无效")
        if current is not None and any(current[c] != values[c] for c in parent_columns(m.table)):
            return _rejected(m, "invalid", "记录不能改挂到其他档案")
        parent_entry = batch.entries.get(parent)
        if parent_entry is None:
            return Receipt(
                mutation_id=m.mutation_id,
                status=ReceiptStatus.DEFERRED,
                code="parent_missing",
                reason="所属记录尚未同步到局端",
                depends_on=RecordRef(table=parent[0], record_id=parent[1]),
            )
    if (
        m.table == "attachment"
        and not values["deleted"]
        and values["sha256"] not in batch.complete_blobs
        and (current is None or current["sha256"] != values["sha256"])
    ):
        return Receipt(
            mutation_id=m.mutation_id,
            status=ReceiptStatus.DEFERRED,
            code="attachment_content_missing",
            reason="附件内容尚未上传完成",
        )
    entry = batch.entries.get(ref)
    merged, conflicts = _merge(m, values, current, entry)
    if parent is not None:
        parent_entry = batch.entries[parent]
        audience, root = parent_entry.audience, (parent_entry.root_table, parent_entry.root_id)
    else:
        audience, root = root_audience(m.table, merged), ref
    moved_away = current is not None and entry is not None and not caller.sees(entry.audience)
    if moved_away or (current is None and parent is not None and not caller.sees(audience)):
        return Receipt(
            mutation_id=m.mutation_id,
            status=ReceiptStatus.CONFLICT,
            code=ConflictCode.OUT_OF_SCOPE,
            reason="该记录已不在您的管辖范围内（可能已转给他人），您的修改已交局端保存",
        )
    if not caller.sees(audience):
        return _rejected(m, "forbidden", "超出您的管辖范围，不能保存该记录")
    if current is not None:
        locked = _locked_change(m.table, current, merged)
        if locked:
            return _rejected(m, "locked", locked)
    if conflicts:
        return Receipt(
            mutation_id=m.mutation_id,
            status=ReceiptStatus.CONFLICT,
            version=int(current["version"]) if current else 0,
            code=ConflictCode.FIELDS,
            reason="其他设备同时修改了相同的字段，请比较后选择",
            conflict_fields=conflicts,
            record=current,
        )
    return _accept(batch, m, ref, values, current, entry, merged, audience, root)


def _merge(
    m: Mutation, values: dict[str, Any], current: dict[str, Any] | None, entry: LogEntry | None
) -> tuple[dict[str, Any], list[str]]:
    """The row after the mutation, and the fields both sides changed differently since the device's base."""
    if current is None:
        return dict(values), []
    base = m.base_version
    if base >= int(current["version"]):
        merged = dict(values)
        merged["created_at"], merged["created_by"] = current["created_at"], current["created_by"]
        return merged, []
    versions = entry.field_versions if entry else {}
    columns = table_info(m.table).content
    changed = set(m.changed) - BOOKKEEPING_FIELDS
    if m.op == MutationOp.DELETE:
        changed = {"deleted"}
        conflicts = [c for c in columns if c != "deleted" and versions.get(c, 0) > base and values[c] != current[c]]
    else:
        conflicts = [c for c in columns if c in changed and versions.get(c, 0) > base and values[c] != current[c]]
        if current["deleted"] and not values["deleted"] and versions.get("deleted", 0) > base:
            conflicts.append("deleted")
    merged = dict(current)
    for column in changed:
        merged[column] = values[column]
    merged["updated_at"], merged["updated_by"] = values["updated_at"], values["updated_by"]
    return merged, sorted(set(conflicts))


def _locked_change(table: str, current: dict[str, Any], merged: dict[str, Any]) -> str:
    """Why changing a finalized record this way is refused ("" when allowed: only FINAL -> VOID)."""
    if current.get("state") not in LOCKED_STATES:
        return ""
    changed = set(differing_fields(current, merged, table_info(table).columns)) - BOOKKEEPING_FIELDS
    if not changed or (changed == {"state"} and current["state"] == "FINAL" and merged["state"] == "VOID"):
        return ""
    return "已定稿的记录不能直接修改，请新建更正记录"


def _accept(
    batch: _Batch,
    m: Mutation,
    ref: Ref,
    values: dict[str, Any],
    current: dict[str, Any] | None,
    entry: LogEntry | None,
    merged: dict[str, Any],
    audience: frozenset[str],
    root: Ref,
) -> Receipt:
    version = int(current["version"]) + 1 if current else 1
    merged["version"] = version
    columns = table_info(m.table).content
    versions = dict(entry.field_versions) if entry else {}
    if current is None:
        versions.update(dict.fromkeys(columns, version))
    else:
        versions.update((column, version) for column in columns if merged[column] != current[column])
    batch.rows[ref] = merged
    batch.changed[ref] = merged
    previous = batch.writes[ref].previous if ref in batch.writes else entry
    batch.writes[ref] = LogWrite(m.table, m.record_id, version, root[0], root[1], audience, versions, previous)
    batch.entries[ref] = LogEntry(0, m.table, m.record_id, version, root[0], root[1], audience, frozenset(), versions)
    if root == ref and entry is not None and entry.audience != audience:
        batch.moved_roots.add(ref)
    record = merged if current is not None and differing_fields(merged, values, columns) else None
    return Receipt(mutation_id=m.mutation_id, status=ReceiptStatus.APPLIED, version=version, record=record)


def _receipt_row(caller: Caller, m: Mutation, answer: Receipt, now: Any, digest: str | None = None) -> dict[str, Any]:
    keep_payload = answer.status != ReceiptStatus.APPLIED
    return {
        "mutation_id": m.mutation_id,
        "device_id": caller.device_id,
        "user_id": caller.user_id,
        "table_name": m.table[:40],
        "record_id": m.record_id,
        "op": m.op.value,
        "payload_hash": digest or payload_hash(m),
        "status": answer.status.value,
        "version": answer.version,
        "code": answer.code[:40],
        "reason": answer.reason[:500],
        "conflict_fields": answer.conflict_fields,
        "payload": _as_sent(m) if keep_payload else None,
        "received_at": now,
    }


def _as_sent(m: Mutation) -> Any:
    """The mutation as sent, kept with a refusal for the bureau's staff to read: as JSON data or, when it holds
    what JSON data cannot (half a surrogate pair in a key), as its JSON text with that character escaped."""
    try:
        return m.model_dump(mode="json")
    except ValueError:  # UnicodeEncodeError
        return json.dumps(m.model_dump(), default=str)


def _write(connection: Connection, batch: _Batch) -> None:
    insert_rows(connection, receipt, batch.stored)
    by_table_insert: dict[str, list[dict[str, Any]]] = {}
    by_table_update: dict[str, list[dict[str, Any]]] = {}
    for ref, row in batch.changed.items():
        target = by_table_update if ref in batch.existed else by_table_insert
        target.setdefault(ref[0], []).append(row)
    for table, rows in sorted(by_table_insert.items(), key=lambda item: _TABLE_ORDER[item[0]]):
        insert_rows(connection, table_info(table).table, rows)  # parents before children (foreign keys)
    for table, rows in by_table_update.items():
        _update_rows(connection, table, rows)
    writes = list(batch.writes.values())
    for write in writes:
        # A dependent decided before its root moved (in the same batch) takes the root's final audience.
        root = batch.entries.get((write.root_table, write.root_id))
        if root is not None and (write.table, write.record_id) != (write.root_table, write.root_id):
            write.audience = root.audience
    for root_ref in sorted(batch.moved_roots):
        audience = batch.writes[root_ref].audience
        for dependent in changelog.dependents(connection, *root_ref):
            key = (dependent.table, dependent.record_id)
            if key in batch.writes:
                continue
            writes.append(
                LogWrite(
                    dependent.table,
                    dependent.record_id,
                    dependent.version,
                    dependent.root_table,
                    dependent.root_id,
                    audience,
                    dependent.field_versions,
                    dependent,
                )
            )
    changelog.append(connection, writes)


def _update_rows(connection: Connection, table: str, rows: list[dict[str, Any]]) -> None:
    info = table_info(table)
    statement = (
        info.table.update()
        .where(info.table.c.id == bindparam("key_id"))
        .values({column: bindparam(f"v_{column}") for column in info.columns if column != "id"})
    )
    connection.execute(
        statement,
        [{"key_id": row["id"], **{f"v_{c}": row[c] for c in info.columns if c != "id"}} for row in rows],
    )
