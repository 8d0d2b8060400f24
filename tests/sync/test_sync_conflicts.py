"""Acceptance 5, concurrent edits: same field -> a conflict a person resolves; different fields merge; visits and
notices are append-only and both survive; a finalized record is never edited in place."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from tests.sync.harness import TOWN, child, visit

from fieldvisit.bureau.tables import metadata as bureau_metadata
from fieldvisit.domain.burial import GraveCase, RectificationNotice
from fieldvisit.domain.children import ChildFile, ChildVisit
from fieldvisit.domain.shared import Role
from fieldvisit.store.repositories.sync import SyncRepository
from fieldvisit.store.sync_local import list_quarantined, resolve_conflict
from fieldvisit.store.tables import OutboxEntry
from fieldvisit.sync.client import SyncStatus


def _bureau(world, table_name: str, record_id: str):  # type: ignore[no-untyped-def]
    table = bureau_metadata.tables[table_name]
    with world.bureau.engine.connect() as connection:
        return connection.execute(select(table).where(table.c.id == record_id)).first()


def _two_devices_with_a_child(world):  # type: ignore[no-untyped-def]
    director = world.user("dir-c", Role.CHILD_DIRECTOR)
    supervisor = world.user("sup-c", Role.CHILD_SUPERVISOR)
    laptop = world.device(director)
    office = world.device(supervisor)
    record = child(director, grade="二年级", school_name="坎墩小学")
    laptop.save(record)
    laptop.sync()
    office.sync()
    return laptop, office, record


def test_the_same_field_edited_on_two_devices_goes_to_the_conflict_list(world) -> None:
    laptop, office, record = _two_devices_with_a_child(world)
    laptop.edit(ChildFile, record.id, grade="三年级")
    office.edit(ChildFile, record.id, grade="四年级")
    assert office.sync().pushed == 1
    report = laptop.sync()
    assert report.status == SyncStatus.OK and report.conflicts == 1
    assert _bureau(world, "child_file", record.id).grade == "四年级", "no silent last-writer-wins"
    repository = SyncRepository(laptop.workspace.engine)
    [conflict] = repository.conflicts()
    assert [(d.field, d.local, d.bureau) for d in conflict.differences if d.conflicting] == [
        ("grade", "三年级", "四年级")
    ]
    assert repository.summary().conflicts == 1
    assert laptop.get(ChildFile, record.id).grade == "三年级", "the local version is kept until someone chooses"
    laptop.edit(ChildFile, record.id, health_note="近期感冒")
    assert laptop.sync().pushed == 0, "later edits of a record in conflict wait for the resolution"
    resolve_conflict(laptop.workspace.engine, laptop.actor, conflict.id, {"grade": "local"})
    assert laptop.sync().pushed == 1
    row = _bureau(world, "child_file", record.id)
    assert (row.grade, row.health_note) == ("三年级", "近期感冒")
    office.sync()
    assert office.get(ChildFile, record.id).grade == "三年级"
    assert repository.conflicts() == []
    world.check()


def test_choosing_the_bureaus_value_takes_it_locally(world) -> None:
    laptop, office, record = _two_devices_with_a_child(world)
    laptop.edit(ChildFile, record.id, risk_level="YELLOW")
    office.edit(ChildFile, record.id, risk_level="RED")
    office.sync()
    laptop.sync()
    [conflict] = SyncRepository(laptop.workspace.engine).conflicts()
    resolve_conflict(laptop.workspace.engine, laptop.actor, conflict.id, {"risk_level": "bureau"})
    assert laptop.get(ChildFile, record.id).risk_level == "RED"
    assert laptop.sync().status == SyncStatus.OK
    assert _bureau(world, "child_file", record.id).risk_level == "RED"
    world.check()


def test_different_fields_edited_on_two_devices_merge(world) -> None:
    laptop, office, record = _two_devices_with_a_child(world)
    laptop.edit(ChildFile, record.id, grade="三年级")
    office.edit(ChildFile, record.id, school_name="观海卫镇中心小学")
    office.sync()
    report = laptop.sync()
    assert report.conflicts == 0 and report.pushed == 1
    office.sync()
    for device in (laptop, office):
        merged = device.get(ChildFile, record.id)
        assert (merged.grade, merged.school_name) == ("三年级", "观海卫镇中心小学")
    world.check()


def test_visits_made_on_two_devices_both_survive(world) -> None:
    laptop, office, record = _two_devices_with_a_child(world)
    laptop.save(visit(record, notes="主任入户探访"))
    office.save(visit(record, notes="督导员电话回访", mode="PHONE"))
    laptop.sync()
    office.sync()
    laptop.sync()
    for device in (laptop, office):
        assert sorted(v.notes for v in device.all(ChildVisit)) == ["主任入户探访", "督导员电话回访"]
    world.check()


def test_a_finalized_visit_is_not_edited_in_place(world) -> None:
    laptop, _office, record = _two_devices_with_a_child(world)
    final = visit(record, notes="定稿的探访", state="FINAL")
    laptop.save(final)
    laptop.sync()
    laptop.edit(ChildVisit, final.id, notes="事后修改")
    report = laptop.sync()
    assert report.quarantined == 1
    [refused] = list_quarantined(laptop.workspace.engine)
    assert "更正" in refused.last_error
    assert _bureau(world, "child_visit", final.id).notes == "定稿的探访"
    laptop.edit(ChildVisit, final.id, notes="定稿的探访", state="VOID")
    assert laptop.sync().pushed == 1, "voiding a finalized record is allowed"
    assert _bureau(world, "child_visit", final.id).state == "VOID"
    world.check()


def test_two_notices_for_one_case_both_survive(world) -> None:
    first_officer = world.user("patrol-1", Role.PATROL_OFFICER)
    second_officer = world.user("patrol-2", Role.PATROL_OFFICER)
    car = world.device(first_officer)
    tablet = world.device(second_officer)
    case = GraveCase(case_no="FM-2026-001", found_on=date(2026, 11, 2), town_code=TOWN, status="REGISTERED")
    car.save(case)
    car.sync()
    tablet.sync()

    def notice(sequence: int) -> RectificationNotice:
        return RectificationNotice(
            case_id=case.id,
            issuer_code="CXMZ",
            issuer_name="慈溪市民政局",
            year=2026,
            sequence=sequence,
            notice_no=f"慈民殡〔2026〕第{sequence:03d}号",
            issued_on=date(2026, 11, 20),
            deadline=date(2026, 12, 5),
            state="FINAL",
        )

    car.save(notice(1))
    tablet.save(notice(2))
    car.sync()
    tablet.sync()
    car.sync()
    for device in (car, tablet):
        assert sorted(n.notice_no for n in device.all(RectificationNotice)) == [
            "慈民殡〔2026〕第001号",
            "慈民殡〔2026〕第002号",
        ]
    assert car.all(OutboxEntry) == [] and tablet.all(OutboxEntry) == []
    world.check()
