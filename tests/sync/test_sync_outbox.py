"""Taking a batch from the outbox: an autosave that lands while a batch is being taken is sent, never dropped."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import Session, select

from fieldvisit.domain.children import ChildFile
from fieldvisit.store import sync_local
from fieldvisit.store.changes import write_changes
from fieldvisit.store.tables import OutboxEntry
from fieldvisit.sync.client import _push_body
from fieldvisit.sync.protocol import PROTOCOL_VERSION, PushRequest


def test_an_autosave_while_the_batch_is_taken_is_in_what_is_sent(workspace, actor, monkeypatch) -> None:
    record = ChildFile(file_no="ET-1", name="王小明", town_code="330282107", director_id="director-1")
    with write_changes(workspace.engine, actor) as writer:
        writer.save(record)
    mark = sync_local.mark_sent

    def autosave_then_mark(engine: Any, seqs: Any) -> None:
        record.residence_address = "浙江省慈溪市观海卫镇新地址"  # typed just as the sync reaches this entry
        with write_changes(workspace.engine, actor) as writer:
            writer.save(record)
        mark(engine, seqs)

    monkeypatch.setattr(sync_local, "mark_sent", autosave_then_mark)
    [item] = sync_local.take_batch(workspace.engine, limit=10)
    assert item.payload["residence_address"] == "浙江省慈溪市观海卫镇新地址"
    assert item.attempts == 1


def test_an_autosave_after_the_batch_is_taken_waits_in_a_new_entry(workspace, actor) -> None:
    record = ChildFile(file_no="ET-2", name="李𠮷", town_code="330282107", director_id="director-1")
    with write_changes(workspace.engine, actor) as writer:
        writer.save(record)
    [sent] = sync_local.take_batch(workspace.engine, limit=10)
    record.residence_address = "浙江省慈溪市坎墩街道"
    with write_changes(workspace.engine, actor) as writer:
        writer.save(record)
    with Session(workspace.engine) as session:
        entries = session.exec(select(OutboxEntry).order_by(OutboxEntry.seq)).all()
    assert entries[0].mutation_id == sent.mutation_id
    assert [entry.payload["residence_address"] for entry in entries] == ["", "浙江省慈溪市坎墩街道"]
    [again] = sync_local.take_batch(workspace.engine, limit=10)
    assert again.mutation_id == sent.mutation_id  # the earliest entry of a record goes first, the new one after


@pytest.mark.parametrize("limit", [1, 3])
def test_one_entry_per_record_in_outbox_order(workspace, actor, limit: int) -> None:
    records = [ChildFile(file_no=f"ET-{n}", name=f"张{n}", town_code="330282107", director_id="d") for n in range(3)]
    with write_changes(workspace.engine, actor) as writer:
        for record in records:
            writer.save(record)
    items = sync_local.take_batch(workspace.engine, limit=limit)
    assert [item.record_id for item in items] == [record.id for record in records][:limit]


def test_a_push_body_is_a_valid_request_carrying_each_record_as_stored(workspace, actor) -> None:
    records = [
        ChildFile(file_no="ET-9", name="𠮷䶮😀", town_code="330282107", director_id="d", school_name="x" * 10_000),
        ChildFile(file_no="ET-10", name="张建华", town_code="330282107", director_id="d", flags=["留守"]),
    ]
    with write_changes(workspace.engine, actor) as writer:
        for record in records:
            writer.save(record)
    items = sync_local.take_batch(workspace.engine, limit=10)
    request = PushRequest.model_validate_json(_push_body(items))
    assert request.protocol == PROTOCOL_VERSION
    for item, mutation, record in zip(items, request.mutations, records, strict=True):
        assert (mutation.mutation_id, mutation.table, mutation.record_id) == (item.mutation_id, "child_file", record.id)
        assert (mutation.op, mutation.base_version, mutation.changed) == (item.op, 0, item.changed)
        assert mutation.payload == record.model_dump(mode="json") == item.payload
