"""Sync badges in the lists tell the truth: none before enrollment, 已同步 only for records the bureau acknowledged."""

from __future__ import annotations

from sqlalchemy import delete, update

from fieldvisit.domain.children import ChildFile
from fieldvisit.store.changes import write_changes
from fieldvisit.store.repositories.badges import BadgeRepository
from fieldvisit.store.repositories.children import ChildFilter, ChildRepository
from fieldvisit.store.sync_state import Key, put_setting
from fieldvisit.store.tables import RecordSync

BADGES = RecordSync.__table__  # type: ignore[attr-defined]


def _save_child(workspace, actor) -> str:  # type: ignore[no-untyped-def]
    child = ChildFile(file_no="ET-330282107-00001", name="张建华", town_code="330282107")
    with write_changes(workspace.engine, actor) as writer:
        writer.save(child)
    return child.id


def _states(workspace, child_id: str) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    [row] = ChildRepository(workspace.engine).list(ChildFilter(status=""))
    return row.sync_state, BadgeRepository(workspace.engine).state("child_file", child_id)


def test_a_workspace_not_enrolled_shows_no_badge_even_for_local_changes(workspace, actor) -> None:
    child_id = _save_child(workspace, actor)
    assert not ChildRepository(workspace.engine).sync_enrolled()
    assert _states(workspace, child_id) == ("", "")


def test_an_enrolled_workspace_shows_synced_only_once_the_bureau_acknowledged(workspace, actor) -> None:
    child_id = _save_child(workspace, actor)
    with workspace.engine.begin() as connection:
        put_setting(connection, Key.SESSION, {"bureau_url": "https://mz.cixi.example", "device_id": "d", "user": {}})
    assert ChildRepository(workspace.engine).sync_enrolled()
    assert _states(workspace, child_id) == ("PENDING", "PENDING")

    def badge(**values: object) -> None:
        with workspace.engine.begin() as connection:
            connection.execute(update(BADGES).where(BADGES.c.record_id == child_id).values(**values))

    badge(state="SYNCED", bureau_version=0)
    assert _states(workspace, child_id) == ("", ""), "no bureau version: never acknowledged"
    badge(bureau_version=3)
    assert _states(workspace, child_id) == ("SYNCED", "SYNCED")
    badge(state="CONFLICT")
    assert _states(workspace, child_id) == ("CONFLICT", "CONFLICT")
    with workspace.engine.begin() as connection:
        connection.execute(delete(BADGES).where(BADGES.c.record_id == child_id))
    assert _states(workspace, child_id) == ("", ""), "no badge row is no claim"
