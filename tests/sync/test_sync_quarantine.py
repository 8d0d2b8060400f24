"""The quarantine list's actions: send a refused change again once the bureau allows it, or give it up."""

from __future__ import annotations

from sqlalchemy import select
from tests.sync.harness import TOWN, child, visit

from fieldvisit.bureau import admin
from fieldvisit.bureau.tables import metadata as bureau_metadata
from fieldvisit.domain.assistance import HouseholdAssessment
from fieldvisit.domain.children import ChildFile, ChildVisit
from fieldvisit.domain.shared import Role
from fieldvisit.store.repositories.sync import SyncRepository
from fieldvisit.store.sync_local import discard_quarantined, requeue_quarantined
from fieldvisit.store.tables import OutboxEntry

VILLAGE, OTHER_VILLAGE = "330282107001", "330282107002"


def test_a_refused_change_is_sent_again_once_the_jurisdiction_allows_it(world) -> None:
    worker = world.user("sw-village", Role.SOCIAL_WORKER, villages=[VILLAGE])
    laptop = world.device(worker)
    household = HouseholdAssessment(survey_no="HC-1", applicant_name="赵老伯", town_code=TOWN, village_id=OTHER_VILLAGE)
    laptop.save(household)
    assert laptop.sync().quarantined == 1
    [refused] = SyncRepository(laptop.workspace.engine).quarantine()
    assert "管辖范围" in refused.reason
    admin.update_record(world.bureau.engine, "staff_user", worker.user_id, {"village_ids": [VILLAGE, OTHER_VILLAGE]})
    requeue_quarantined(laptop.workspace.engine, refused.seq)
    laptop.queued.update(e.mutation_id for e in laptop.all(OutboxEntry))
    assert laptop.sync().pushed == 1
    assert SyncRepository(laptop.workspace.engine).quarantine() == []
    world.check()


def test_giving_up_a_refused_new_record_removes_it_here(world) -> None:
    director = world.user("dir-discard", Role.CHILD_DIRECTOR)
    laptop = world.device(director)
    bad = child(director, name="名" * 70)
    laptop.save(bad)
    laptop.sync()
    [refused] = SyncRepository(laptop.workspace.engine).quarantine()
    assert refused.reason == "数据无效：“姓名”过长（最多 64 个字符）", "in Chinese, naming the field as the form does"
    assert refused.values["name"] == "名" * 70, "the list can name the record as it was sent"
    discard_quarantined(laptop.workspace.engine, refused.seq)
    assert laptop.get(ChildFile, bad.id) is None
    assert laptop.all(OutboxEntry) == []
    world.check()


def test_giving_up_a_refused_edit_brings_back_the_bureaus_version(world) -> None:
    director = world.user("dir-discard-edit", Role.CHILD_DIRECTOR)
    laptop = world.device(director)
    record = child(director)
    final = visit(record, notes="定稿", state="FINAL")
    laptop.save(record, final)
    laptop.sync()
    laptop.edit(ChildVisit, final.id, notes="不该改的")
    assert laptop.sync().quarantined == 1
    [refused] = SyncRepository(laptop.workspace.engine).quarantine()
    discard_quarantined(laptop.workspace.engine, refused.seq)
    assert laptop.sync().rescoped
    assert laptop.get(ChildVisit, final.id).notes == "定稿"
    table = bureau_metadata.tables["child_visit"]
    with world.bureau.engine.connect() as connection:
        assert connection.execute(select(table.c.notes).where(table.c.id == final.id)).scalar_one() == "定稿"
    world.check()
