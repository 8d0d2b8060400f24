"""Acceptance 6, scope changes: a child reassigned between directors, a jurisdiction moved, a damaged local scope."""

from __future__ import annotations

import hashlib

from sqlalchemy import select, text
from tests.sync.harness import OTHER_TOWN, TOWN, Device, child, visit

from fieldvisit.bureau import admin
from fieldvisit.bureau.tables import receipt
from fieldvisit.domain.children import ChildFile, ChildVisit
from fieldvisit.domain.shared import Attachment, Role
from fieldvisit.store.repositories.sync import SyncRepository
from fieldvisit.store.tables import OutboxEntry, SearchEntry
from fieldvisit.sync.client import SyncStatus

PHOTO = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 400


def _photo(device: Device, owner: ChildFile, content: bytes = PHOTO) -> Attachment:
    sha256 = device.workspace.vault.put_bytes(content)
    return Attachment(sha256=sha256, owner_table="child_file", owner_id=owner.id, size_bytes=len(content))


def _search_names(device: Device) -> set[str]:
    return {entry.name for entry in device.all(SearchEntry)}


def test_a_reassigned_child_moves_to_the_new_director_and_pending_edits_become_a_conflict(world) -> None:
    old = world.user("dir-old", Role.CHILD_DIRECTOR)
    new = world.user("dir-new", Role.CHILD_DIRECTOR)
    supervisor = world.user("sup-scope", Role.CHILD_SUPERVISOR)
    laptop_a, laptop_b, office = world.device(old), world.device(new), world.device(supervisor)
    record = child(old, name="陈小花")
    photo = _photo(laptop_a, record)
    laptop_a.save(record, visit(record), photo)
    assert laptop_a.sync().uploaded == 1
    laptop_b.sync()
    assert laptop_b.all(ChildFile) == [], "B does not see A's child before the reassignment"
    office.sync()
    laptop_a.edit(ChildFile, record.id, health_note="主任离线时记下的情况")
    laptop_a.save(visit(record, notes="离线时的新探访"))
    office.edit(ChildFile, record.id, director_id=new.user_id)
    assert office.sync().pushed == 1

    report = laptop_a.sync()
    assert report.status == SyncStatus.OK and report.conflicts == 2
    assert laptop_a.get(ChildFile, record.id) is None
    assert laptop_a.all(ChildVisit) == [] and laptop_a.all(Attachment) == []
    assert "陈小花" not in _search_names(laptop_a)
    assert not laptop_a.workspace.vault.has(photo.sha256)
    assert laptop_a.all(OutboxEntry) == []
    kept = SyncRepository(laptop_a.workspace.engine).conflicts()
    assert {c.kind for c in kept} == {"OUT_OF_SCOPE"}
    assert any(c.local.get("health_note") == "主任离线时记下的情况" for c in kept), "the edit is kept, not lost"
    with world.bureau.engine.connect() as connection:
        kept_at_bureau = connection.execute(
            select(receipt.c.payload).where(receipt.c.status == "CONFLICT", receipt.c.record_id == record.id)
        ).scalars()
        assert any("主任离线时记下的情况" in str(payload) for payload in kept_at_bureau)

    assert laptop_b.sync().status == SyncStatus.OK
    moved = laptop_b.get(ChildFile, record.id)
    assert moved is not None and moved.director_id == new.user_id
    assert len(laptop_b.all(ChildVisit)) == 1 and laptop_b.workspace.vault.has(photo.sha256)
    assert hashlib.sha256(laptop_b.workspace.vault.get_bytes(photo.sha256)).hexdigest() == photo.sha256
    assert "陈小花" in _search_names(laptop_b)
    world.check()


def test_a_supervisor_moved_to_another_town_swaps_the_scope(world) -> None:
    director = world.user("dir-t1", Role.CHILD_DIRECTOR, towns=[TOWN])
    far = world.user("dir-t2", Role.CHILD_DIRECTOR, towns=[OTHER_TOWN])
    supervisor = world.user("sup-move", Role.CHILD_SUPERVISOR, towns=[TOWN])
    near_laptop, far_laptop, office = world.device(director), world.device(far), world.device(supervisor)
    near_laptop.save(child(director, name="本镇儿童"))
    far_laptop.save(child(far, name="外镇儿童", town=OTHER_TOWN))
    near_laptop.sync()
    far_laptop.sync()
    office.sync()
    assert {c.name for c in office.all(ChildFile)} == {"本镇儿童"}
    admin.update_record(world.bureau.engine, "staff_user", supervisor.user_id, {"town_codes": [OTHER_TOWN]})
    report = office.sync()
    assert report.status == SyncStatus.OK and report.rescoped
    assert {c.name for c in office.all(ChildFile)} == {"外镇儿童"}
    assert office.engine.workspace is office.workspace
    world.check()


def test_a_damaged_local_scope_is_repaired_by_the_digest_check(world) -> None:
    director = world.user("dir-digest", Role.CHILD_DIRECTOR)
    laptop = world.device(director)
    records = [child(director, name=f"儿童{i}") for i in range(4)]
    laptop.save(*records)
    laptop.sync()
    with laptop.workspace.engine.begin() as connection:
        connection.execute(text("DELETE FROM child_file WHERE id = :id"), {"id": records[0].id})
        connection.execute(text("DELETE FROM record_sync WHERE record_id = :id"), {"id": records[0].id})
        connection.execute(
            text("UPDATE record_sync SET bureau_version = 0 WHERE record_id = :id"), {"id": records[1].id}
        )
    report = laptop.sync()
    assert report.rescoped and report.pulled == 2
    assert {c.name for c in laptop.all(ChildFile)} == {f"儿童{i}" for i in range(4)}
    assert laptop.sync().rescoped is False, "once repaired, the digests agree"
    world.check()


def test_a_child_reassigned_away_and_back_returns_and_the_old_edit_stays_listed(world) -> None:
    director = world.user("dir-back", Role.CHILD_DIRECTOR)
    other = world.user("dir-away", Role.CHILD_DIRECTOR)
    supervisor = world.user("sup-back", Role.CHILD_SUPERVISOR)
    laptop, office = world.device(director), world.device(supervisor)
    record = child(director)
    laptop.save(record)
    laptop.sync()
    office.sync()
    laptop.edit(ChildFile, record.id, grade="离线修改")
    office.edit(ChildFile, record.id, director_id=other.user_id)
    office.sync()
    assert laptop.sync().conflicts == 1 and laptop.get(ChildFile, record.id) is None
    office.edit(ChildFile, record.id, director_id=director.user_id)
    office.sync()
    laptop.sync()
    back = laptop.get(ChildFile, record.id)
    assert back is not None and back.grade == "", "the bureau's version came back, not the refused edit"
    [kept] = SyncRepository(laptop.workspace.engine).conflicts()
    assert kept.kind == "OUT_OF_SCOPE" and kept.local["grade"] == "离线修改"
    world.check()


def test_a_visit_pushed_in_the_batch_that_reassigns_its_child_follows_the_child(world) -> None:
    first = world.user("dir-first", Role.CHILD_DIRECTOR)
    second = world.user("dir-second", Role.CHILD_DIRECTOR)
    supervisor = world.user("sup-batch", Role.CHILD_SUPERVISOR)
    laptop_a, laptop_b, office = world.device(first), world.device(second), world.device(supervisor)
    record = child(second)
    laptop_b.save(record)
    for device in (laptop_a, laptop_b, office):
        device.sync()
    office.save(visit(office.get(ChildFile, record.id), notes="督导员的探访"))
    office.edit(ChildFile, record.id, director_id=first.user_id)
    assert office.sync().pushed == 2  # the visit, then the reassignment, in one batch
    laptop_a.sync()
    laptop_b.sync()
    assert [v.notes for v in laptop_a.all(ChildVisit)] == ["督导员的探访"]
    assert laptop_b.all(ChildVisit) == [] and laptop_b.get(ChildFile, record.id) is None
    world.check()
