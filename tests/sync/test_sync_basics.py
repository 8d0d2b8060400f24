"""The ordinary paths: sign in, push, pull, edits both ways, deletions, attachments, audit events."""

from __future__ import annotations

from tests.sync.harness import child, visit

from fieldvisit.domain.children import ChildFile, ChildVisit
from fieldvisit.domain.shared import Role
from fieldvisit.sync.client import SyncStatus


def test_a_record_made_on_one_device_reaches_the_other(world) -> None:
    director = world.user("dir-a", Role.CHILD_DIRECTOR)
    supervisor = world.user("sup-a", Role.CHILD_SUPERVISOR)
    laptop = world.device(director)
    office = world.device(supervisor)
    record = child(director)
    laptop.save(record, visit(record))
    report = laptop.sync()
    assert report.status == SyncStatus.OK and report.pushed == 2
    report = office.sync()
    assert report.status == SyncStatus.OK
    assert office.get(ChildFile, record.id).name == "王小明"
    assert len(office.all(ChildVisit)) == 1
    office.edit(ChildFile, record.id, grade="三年级")
    assert office.sync().pushed == 1
    laptop.sync()
    assert laptop.get(ChildFile, record.id).grade == "三年级"
    world.check()
