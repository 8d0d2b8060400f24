"""Acceptance 8, clocks: a device clock a year wrong changes no ordering and no conflict outcome."""

from __future__ import annotations

import time
from datetime import timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import select
from tests.sync.harness import child, visit

from fieldvisit.bureau.tables import metadata as bureau_metadata
from fieldvisit.domain import ids
from fieldvisit.domain.children import ChildFile, ChildVisit
from fieldvisit.domain.shared import Role
from fieldvisit.domain.types import utc_now
from fieldvisit.store.repositories.sync import SyncRepository

YEAR = timedelta(days=365)


def _skewed(offset: timedelta):  # type: ignore[no-untyped-def]
    return lambda: utc_now() + offset


def _scenario(world, monkeypatch, skew_a: timedelta, skew_b: timedelta) -> dict:  # type: ignore[no-untyped-def]
    """Two devices with the given clock errors edit one child: a same-field clash, a merge and two visits."""
    director = world.user(f"dir-{skew_a.days}-{skew_b.days}", Role.CHILD_DIRECTOR)
    supervisor = world.user(f"sup-{skew_a.days}-{skew_b.days}", Role.CHILD_SUPERVISOR)
    first = world.device(director, clock=_skewed(skew_a))
    second = world.device(supervisor, clock=_skewed(skew_b))

    def minting(offset: timedelta):  # type: ignore[no-untyped-def]
        # Ids minted on a device carry its wrong clock too (UUIDv7 is time-ordered).
        return SimpleNamespace(time_ns=lambda: time.time_ns() + int(offset.total_seconds() * 1e9))

    monkeypatch.setattr(ids, "time", minting(skew_a))
    record = child(director, grade="一年级", school_name="甲小学")
    first.save(record)
    first.sync()
    second.sync()
    first.edit(ChildFile, record.id, grade="二年级", health_note="A的记录")
    first.save(visit(record, notes="A的探访"))
    monkeypatch.setattr(ids, "time", minting(skew_b))
    second.edit(ChildFile, record.id, grade="三年级", school_name="乙小学")
    second.save(visit(record, notes="B的探访"))
    monkeypatch.setattr(ids, "time", time)
    first.sync()  # A reaches the bureau first, whatever its clock says
    second.sync()
    first.sync()
    [conflict] = SyncRepository(second.workspace.engine).conflicts()
    table = bureau_metadata.tables["child_file"]
    with world.bureau.engine.connect() as connection:
        row = connection.execute(select(table).where(table.c.id == record.id)).one()
    world.check()
    return {
        "bureau": (row.grade, row.school_name, row.health_note, row.version),
        "conflict": [(d.field, d.local, d.bureau) for d in conflict.differences if d.conflicting],
        "visits_a": sorted(v.notes for v in first.all(ChildVisit)),
        "visits_b": sorted(v.notes for v in second.all(ChildVisit)),
    }


EXPECTED = {
    "bureau": ("二年级", "甲小学", "A的记录", 2),
    "conflict": [("grade", "三年级", "二年级")],
    "visits_a": ["A的探访", "B的探访"],
    "visits_b": ["A的探访", "B的探访"],
}


@pytest.mark.parametrize(
    ("skew_a", "skew_b"),
    [(timedelta(0), timedelta(0)), (YEAR, -YEAR), (-YEAR, YEAR), (-YEAR, timedelta(0))],
    ids=["right", "a-ahead-b-behind", "a-behind-b-ahead", "a-behind"],
)
def test_a_clock_a_year_wrong_changes_no_outcome(world, monkeypatch, skew_a: timedelta, skew_b: timedelta) -> None:
    assert _scenario(world, monkeypatch, skew_a, skew_b) == EXPECTED
