"""Bureau staff operations: accounts, roster imports, assignments, record edits, CSV export.

Every write goes through the same mutation engine as devices' pushes (with no jurisdiction limit), so it is
numbered in the change log, receipted, and reaches the devices whose scope it touches.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import Connection, Engine, select
from sqlmodel import SQLModel

from fieldvisit.bureau import auth
from fieldvisit.bureau.config import Settings
from fieldvisit.bureau.db import read_transaction, refresh_statistics, run_write
from fieldvisit.bureau.mutations import Caller, apply_batch, apply_in
from fieldvisit.bureau.records import load_rows, table_info
from fieldvisit.bureau.tables import change_audience, change_log, credential, metadata, receipt
from fieldvisit.domain.assistance import AssistanceType, HouseholdAssessment
from fieldvisit.domain.children import ChildCategory, ChildFile
from fieldvisit.domain.ids import new_id
from fieldvisit.domain.shared import Assignment, AssignmentKind, Role, User
from fieldvisit.domain.types import Clock, utc_now
from fieldvisit.sync.protocol import MAX_PUSH_BATCH, SYNCED_MODELS, Mutation, MutationOp, Receipt, ReceiptStatus

staff_user = metadata.tables["staff_user"]


class AdminError(Exception):
    """An admin command cannot do what was asked; the message says why."""


def _caller(actor: str) -> Caller:
    return Caller(user_id=f"admin:{actor}"[:36], device_id="", keys=None)


def _mutation(record: SQLModel, *, base_version: int = 0, changed: Iterable[str] = ()) -> Mutation:
    payload = record.model_dump(mode="json")
    return Mutation(
        mutation_id=new_id(),
        table=str(record.__tablename__),
        record_id=payload["id"],
        op=MutationOp.UPSERT,
        base_version=base_version,
        changed=list(changed) or [name for name in payload if name not in ("id", "version")],
        payload=payload,
    )


def _check(receipts: list[Receipt]) -> None:
    refused = [r for r in receipts if r.outcome != ReceiptStatus.APPLIED]
    if refused:
        raise AdminError("; ".join(f"{r.status}: {r.reason}" for r in refused[:5]))


def save_records(engine: Engine, records: Iterable[SQLModel], *, actor: str = "admin", clock: Clock = utc_now) -> int:
    """Insert new synced records in batches, then refresh the planner's statistics of the tables they went to (a
    roster import is a bulk load); returns how many were saved."""
    count = 0
    written: set[str] = set()
    batch: list[Mutation] = []
    for record in records:
        batch.append(_mutation(record))
        if len(batch) == MAX_PUSH_BATCH:
            count += _save_batch(engine, batch, actor, clock, written)
            batch = []
    if batch:
        count += _save_batch(engine, batch, actor, clock, written)
    if written:
        refresh_statistics(engine, written | {receipt.name, change_log.name, change_audience.name})
    return count


def _save_batch(engine: Engine, batch: list[Mutation], actor: str, clock: Clock, written: set[str]) -> int:
    _check(apply_batch(engine, _caller(actor), batch, clock=clock))
    written.update(mutation.table for mutation in batch)
    return len(batch)


def update_record(
    engine: Engine, table: str, record_id: str, changes: dict[str, Any], *, actor: str = "admin", clock: Clock = utc_now
) -> int:
    """Change fields of one record as bureau staff; returns its new version."""
    if table not in SYNCED_MODELS:
        raise AdminError(f"{table} is not a synced table")
    with read_transaction(engine) as connection:
        current = load_rows(connection, table, [record_id]).get(record_id)
    if current is None:
        raise AdminError(f"no {table} {record_id}")
    record = SYNCED_MODELS[table].model_validate({**current, **changes})
    record.updated_at = clock()
    record.updated_by = f"admin:{actor}"[:64]
    mutation = _mutation(record, base_version=int(current["version"]), changed=changes)
    [answer] = apply_batch(engine, _caller(actor), [mutation], clock=clock)
    _check([answer])
    return answer.version


def find_user(engine: Engine, username: str) -> dict[str, Any]:
    """A staff user by username, or AdminError."""
    with read_transaction(engine) as connection:
        row = connection.execute(select(staff_user).where(staff_user.c.username == username)).first()
    if row is None:
        raise AdminError(f"no user {username!r}")
    return dict(row._mapping)


def create_user(
    engine: Engine,
    settings: Settings,
    *,
    username: str,
    password: str,
    display_name: str,
    role: Role,
    town_codes: list[str] | None = None,
    village_ids: list[str] | None = None,
    unit: str = "",
    phone: str = "",
    clock: Clock = utc_now,
) -> str:
    """Create a staff account with its role, jurisdiction and Argon2id password hash; returns the user id."""
    if not password:
        raise AdminError("a password is required")
    now = clock()
    user = User(
        username=username,
        display_name=display_name,
        role=role,
        unit=unit,
        phone=phone,
        town_codes=town_codes or [],
        village_ids=village_ids or [],
        created_at=now,
        updated_at=now,
        created_by="admin",
        updated_by="admin",
    )
    password_hash = auth.hash_password(settings, password)

    def work(connection: Connection) -> None:
        taken = connection.execute(select(staff_user.c.id).where(staff_user.c.username == username)).first()
        if taken is not None:
            raise AdminError(f"user {username!r} exists")
        _check(apply_in(connection, _caller("admin"), [_mutation(user)], now=now))
        connection.execute(
            credential.insert(), [{"user_id": user.id, "password_hash": password_hash, "changed_at": now}]
        )

    run_write(engine, work)
    return user.id


def set_password(engine: Engine, settings: Settings, username: str, password: str, *, clock: Clock = utc_now) -> None:
    """Replace a user's password."""
    user = find_user(engine, username)
    password_hash = auth.hash_password(settings, password)
    run_write(
        engine,
        lambda connection: connection.execute(
            credential.update()
            .where(credential.c.user_id == user["id"])
            .values(password_hash=password_hash, changed_at=clock())
        ),
    )


def _rows(source: TextIO, required: tuple[str, ...] = ()) -> Iterator[dict[str, str]]:
    """The CSV's rows with their line numbers, trimmed; a row without a value in a `required` column is refused
    by line, before anything is saved (a roster is imported whole or not at all)."""
    for line, row in enumerate(csv.DictReader(source), start=2):
        values = {(k or "").strip(): (v or "").strip() for k, v in row.items()}
        missing = [column for column in required if not values.get(column)]
        if missing:
            raise AdminError(f"line {line}: no value in column {', '.join(missing)}")
        yield {"_line": str(line), **values}


def _date(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def import_children(engine: Engine, source: TextIO, *, clock: Clock = utc_now) -> int:
    """Import a roster of children (CSV with a header row).

    Columns: name, town_code, director (username); optional file_no, id_number, sex, birth_date, village_id,
    primary_category, supervisor (username), residence_address, guardian_name, guardian_phone.
    """
    users: dict[str, str] = {}

    def user_id(username: str) -> str:
        if username and username not in users:
            users[username] = find_user(engine, username)["id"]
        return users.get(username, "")

    now = clock()
    children = []
    for row in _rows(source, required=("name", "town_code", "director")):
        try:
            guardian = {"name": row.get("guardian_name", ""), "phone": row.get("guardian_phone", "")}
            children.append(
                ChildFile(
                    file_no=row.get("file_no") or f"ET-{row['town_code']}-{row['_line']}",
                    name=row["name"],
                    id_number=row.get("id_number", ""),
                    sex=row.get("sex", ""),
                    birth_date=_date(row.get("birth_date", "")),
                    town_code=row["town_code"],
                    village_id=row.get("village_id", ""),
                    primary_category=ChildCategory(row.get("primary_category") or ChildCategory.IN_DIFFICULTY),
                    residence_address=row.get("residence_address", ""),
                    guardian={k: v for k, v in guardian.items() if v},
                    director_id=user_id(row["director"]),
                    supervisor_id=user_id(row.get("supervisor", "")),
                    created_at=now,
                    updated_at=now,
                    created_by="admin",
                    updated_by="admin",
                )
            )
        except (KeyError, ValueError) as exc:
            raise AdminError(f"line {row['_line']}: {exc}") from exc
    return save_records(engine, children, clock=clock)


def import_households(engine: Engine, source: TextIO, *, clock: Clock = utc_now) -> int:
    """Import a roster of households to assess (CSV with a header row).

    Columns: applicant_name, town_code; optional survey_no, applicant_id_number, village_id, assistance_type,
    residence_address, hukou_address, phone, household_size.
    """
    now = clock()
    households = []
    for row in _rows(source, required=("applicant_name", "town_code")):
        try:
            households.append(
                HouseholdAssessment(
                    survey_no=row.get("survey_no") or f"HC-{row['town_code']}-{row['_line']}",
                    applicant_name=row["applicant_name"],
                    applicant_id_number=row.get("applicant_id_number", ""),
                    town_code=row["town_code"],
                    village_id=row.get("village_id", ""),
                    assistance_type=AssistanceType(row.get("assistance_type") or AssistanceType.MINIMUM_LIVING),
                    residence_address=row.get("residence_address", ""),
                    hukou_address=row.get("hukou_address", ""),
                    phone=row.get("phone", ""),
                    household_size=int(row.get("household_size") or 0),
                    created_at=now,
                    updated_at=now,
                    created_by="admin",
                    updated_by="admin",
                )
            )
        except (KeyError, ValueError) as exc:
            raise AdminError(f"line {row['_line']}: {exc}") from exc
    return save_records(engine, households, clock=clock)


def create_assignments(
    engine: Engine,
    *,
    assignee: str,
    kind: AssignmentKind,
    items: list[dict[str, str]],
    due_date: date | None = None,
    clock: Clock = utc_now,
) -> int:
    """Create one task per item (title, town_code, village_id, target_table, target_id; the rest go to details)."""
    user = find_user(engine, assignee)
    now = clock()
    known = {"title", "town_code", "village_id", "target_table", "target_id", "_line"}
    assignments = [
        Assignment(
            kind=kind,
            title=item.get("title") or kind.zh,
            assignee_id=user["id"],
            town_code=item.get("town_code", ""),
            village_id=item.get("village_id", ""),
            target_table=item.get("target_table", ""),
            target_id=item.get("target_id", ""),
            due_date=due_date,
            details={k: v for k, v in item.items() if k not in known and v},
            created_at=now,
            updated_at=now,
            created_by="admin",
            updated_by="admin",
        )
        for item in items
    ]
    return save_records(engine, assignments, clock=clock)


def read_items(source: TextIO) -> list[dict[str, str]]:
    """Rows of a CSV file as dicts (for assignments)."""
    return list(_rows(source))


def reassign_child(engine: Engine, file_no: str, director: str, *, clock: Clock = utc_now) -> int:
    """Give a child's file to another director; the old director's devices purge it at their next sync."""
    child_table = metadata.tables["child_file"]
    with read_transaction(engine) as connection:
        row = connection.execute(select(child_table.c.id).where(child_table.c.file_no == file_no)).first()
    if row is None:
        raise AdminError(f"no child file {file_no!r}")
    return update_record(engine, "child_file", row.id, {"director_id": find_user(engine, director)["id"]}, clock=clock)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def export_csv(engine: Engine, table: str, out: TextIO, *, include_deleted: bool = False) -> int:
    """Write every row of a synced table as CSV (JSON columns as JSON text); returns the row count."""
    if table not in SYNCED_MODELS:
        raise AdminError(f"{table} is not an exportable table")
    info = table_info(table)
    query = select(info.table).order_by(info.table.c.created_at, info.table.c.id)
    if not include_deleted:
        query = query.where(info.table.c.deleted.is_(False))
    writer = csv.writer(out)
    writer.writerow(info.columns)
    count = 0
    with read_transaction(engine) as connection:
        for row in connection.execute(query):
            writer.writerow([_cell(value) for value in row])
            count += 1
    return count


def open_text(path: Path) -> TextIO:
    """A CSV file opened as UTF-8 (a BOM, as Excel writes, is accepted)."""
    return path.open("r", encoding="utf-8-sig", newline="")
