"""Synced rows written through the fast encoding (pulled records, badges and versions after receipts) are stored
as SQLAlchemy's typed path stores them."""

from __future__ import annotations

import types
import typing
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import text

from fieldvisit.domain.ids import new_id
from fieldvisit.store.sync_rows import badge_upsert_sql, insert_sql, storage_row, upsert_sql, version_sql
from fieldvisit.store.sync_state import from_wire, record_table
from fieldvisit.sync.protocol import SYNCED_MODELS

SAMPLES: dict[Any, list[Any]] = {
    str: ["王䶮𠮷 测试", ""],
    int: [7, 0],
    float: [30.123456789, -0.5],
    bool: [True, False],
    date: [date(2026, 1, 2), date(1999, 12, 31)],
    datetime: [datetime(2026, 11, 20, 2, 0, tzinfo=UTC), datetime(2026, 3, 4, 5, 6, 7, 89, tzinfo=UTC)],
    list: [["甲", "乙"], []],
    dict: [{"名": "值", "n": [1, 2.5, None]}, {}],
}


def _sample(annotation: Any, which: int) -> Any:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return None if which else _sample(options[0], 0)
    if origin is list and typing.get_args(annotation)[0] is not str and not which:
        return [{"乙": 1, "丙": [True, None]}]
    if origin is dict and typing.get_args(annotation)[1] is bool and not which:
        return {"自理": True, "行走": False}
    return SAMPLES[origin or annotation][which]


@pytest.mark.parametrize("which", [0, 1], ids=["full", "empty"])
@pytest.mark.parametrize("table_name", sorted(SYNCED_MODELS))
def test_fast_encoding_stores_what_the_typed_path_stores(workspace, table_name: str, which: int) -> None:
    model = SYNCED_MODELS[table_name]
    values = {name: _sample(field.annotation, which) for name, field in model.model_fields.items()}
    wire = model.model_validate(values).model_dump(mode="json")
    typed, fast = dict(wire, id=new_id()), dict(wire, id=new_id())
    if "username" in wire:  # unique
        typed["username"], fast["username"] = "typed", "fast"
    with workspace.engine.begin() as connection:
        connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        connection.execute(record_table(table_name).insert(), [from_wire(table_name, typed)])
        connection.exec_driver_sql(insert_sql(table_name), [storage_row(table_name, fast)])
        connection.exec_driver_sql(upsert_sql(table_name), [storage_row(table_name, fast)])
        rows = {
            row[0]: row[1:]
            for row in connection.execute(text(f'SELECT * FROM "{table_name}"'))  # raw stored values
        }
        connection.rollback()
    unique = [i for i, column in enumerate(record_table(table_name).columns[1:]) if column.name == "username"]
    typed_row, fast_row = list(rows[typed["id"]]), list(rows[fast["id"]])
    for index in unique:
        typed_row[index] = fast_row[index] = None
    assert fast_row == typed_row


def test_fast_encoding_of_sync_badges_matches_the_typed_path(workspace) -> None:
    badge = {"table_name": "child_file", "state": "SYNCED", "bureau_version": 3}
    badge["synced_at"] = datetime(2026, 11, 20, 2, 0, 0, 123, tzinfo=UTC)
    typed, fast = dict(badge, record_id=new_id()), dict(badge, record_id=new_id())
    table = record_table("record_sync")
    with workspace.engine.begin() as connection:
        connection.execute(table.insert(), [typed])
        connection.exec_driver_sql(insert_sql("record_sync"), [storage_row("record_sync", fast)])
        rows = {row[1]: (row[0], *row[2:]) for row in connection.execute(text("SELECT * FROM record_sync"))}
    assert rows[fast["record_id"]] == rows[typed["record_id"]]


def test_badges_after_receipts_read_back_as_written_and_keep_the_last_sync_while_a_record_waits(workspace) -> None:
    table = record_table("record_sync")
    earlier = datetime(2026, 11, 20, 2, 0, 0, 123, tzinfo=UTC)
    later = datetime(2026, 11, 21, 3, 4, 5, 6, tzinfo=UTC)
    waiting, synced, new = new_id(), new_id(), new_id()
    known = [
        {"table_name": "child_file", "record_id": i, "state": "PENDING", "bureau_version": 1} for i in (waiting, synced)
    ]
    with workspace.engine.begin() as connection:
        connection.execute(table.insert(), [dict(badge, synced_at=earlier) for badge in known])
        badges = [(waiting, "PENDING", None), (synced, "SYNCED", later), (new, "SYNCED", later)]
        connection.exec_driver_sql(
            badge_upsert_sql(),
            [
                storage_row(
                    "record_sync",
                    {"table_name": "child_file", "record_id": i, "state": state, "bureau_version": 2, "synced_at": at},
                )
                for i, state, at in badges
            ],
        )
        rows = {row.record_id: row for row in connection.execute(table.select())}
    assert (rows[waiting].state, rows[waiting].bureau_version, rows[waiting].synced_at) == ("PENDING", 2, earlier)
    assert (rows[synced].state, rows[synced].bureau_version, rows[synced].synced_at) == ("SYNCED", 2, later)
    assert (rows[new].state, rows[new].bureau_version, rows[new].synced_at) == ("SYNCED", 2, later)


@pytest.mark.parametrize("table_name", sorted(SYNCED_MODELS))
def test_the_version_update_after_receipts_changes_the_version_alone(workspace, table_name: str) -> None:
    model = SYNCED_MODELS[table_name]
    values = {name: _sample(field.annotation, 0) for name, field in model.model_fields.items()}
    wire = dict(model.model_validate(values).model_dump(mode="json"), id=new_id(), version=1)
    with workspace.engine.begin() as connection:
        connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        connection.exec_driver_sql(insert_sql(table_name), [storage_row(table_name, wire)])
        before = connection.execute(text(f'SELECT * FROM "{table_name}"')).one()
        connection.exec_driver_sql(version_sql(table_name), [(5, wire["id"])])
        after = connection.execute(text(f'SELECT * FROM "{table_name}"')).one()
        connection.rollback()
    version = list(before._fields).index("version")
    assert after[version] == 5
    assert [v for i, v in enumerate(after) if i != version] == [v for i, v in enumerate(before) if i != version]


def test_a_pulled_record_without_its_parent_is_left_out_not_fatal(workspace) -> None:
    from fieldvisit.domain.children import ChildFile, ChildVisit
    from fieldvisit.store.sync_apply import IncomingRecord, apply_records
    from fieldvisit.sync.client import LINKS

    parent = ChildFile(file_no="P", name="父记录", town_code="330282107")
    orphan = ChildVisit(child_id=new_id(), notes="无主")
    sibling = ChildVisit(child_id=parent.id, notes="有主")
    page = [
        IncomingRecord(r.__tablename__, r.id, 1, r.model_dump(mode="json"))  # type: ignore[attr-defined]
        for r in (orphan, parent, sibling)
    ]
    outcome = apply_records(workspace.engine, page, [], LINKS, cursor=7)
    assert outcome.applied == 2
    with workspace.engine.connect() as connection:
        visits = {row[0] for row in connection.execute(text("SELECT notes FROM child_visit"))}
        cursor = connection.execute(text("SELECT value FROM setting WHERE key = 'sync.cursor'")).scalar_one()
    assert visits == {"有主"} and int(cursor) == 7
