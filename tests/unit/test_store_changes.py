"""Every change writes the row, its outbox mutation, sync badge, search keys and audit event together, or nothing."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from fieldvisit.domain.assistance import HouseholdAssessment, HouseholdMember
from fieldvisit.domain.base import SyncState
from fieldvisit.domain.children import ChildFile
from fieldvisit.domain.shared import AuditEvent, AuditKind
from fieldvisit.store import changes
from fieldvisit.store.changes import write_changes
from fieldvisit.store.repositories.children import ChildFilter, ChildRepository
from fieldvisit.store.tables import OutboxEntry, RecordSync, SearchEntry


def _child(**overrides: object) -> ChildFile:
    values: dict[str, object] = {"file_no": "ET-330282107-00001", "name": "张建华", "town_code": "330282107"}
    values.update(overrides)
    return ChildFile(**values)  # type: ignore[arg-type]


def _all(workspace, model: type) -> list:
    with Session(workspace.engine) as session:
        return list(session.exec(select(model)).all())


def test_a_save_writes_row_outbox_badge_search_and_audit(workspace, actor) -> None:
    child = _child(id_number="11010519491231002X")
    with write_changes(workspace.engine, actor) as writer:
        writer.save(child)

    [row] = _all(workspace, ChildFile)
    assert row.version == 1 and row.created_by == actor.user_id
    [entry] = _all(workspace, OutboxEntry)
    assert entry.record_id == child.id and entry.base_version == 0 and entry.payload["name"] == "张建华"
    [badge] = _all(workspace, RecordSync)
    assert badge.state == SyncState.PENDING
    [search] = _all(workspace, SearchEntry)
    assert (search.initials, search.id_last4) == ("zjh", "002X")
    [event] = _all(workspace, AuditEvent)
    assert event.kind == AuditKind.CREATE and event.record_id == child.id


def test_failure_between_row_and_outbox_leaves_neither(workspace, actor, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_queue(self, record, op, base_version, changed):  # type: ignore[no-untyped-def]
        raise OSError("power cut between the row and its outbox entry")

    monkeypatch.setattr(changes.ChangeWriter, "_queue", broken_queue)
    with pytest.raises(OSError), write_changes(workspace.engine, actor) as writer:
        writer.save(_child())
    assert _all(workspace, ChildFile) == []
    assert _all(workspace, OutboxEntry) == []
    assert _all(workspace, AuditEvent) == []


def test_failure_after_outbox_rolls_back_the_row_too(workspace, actor, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_audit(self, kind, record=None, detail=None):  # type: ignore[no-untyped-def]
        raise RuntimeError("audit write failed")

    monkeypatch.setattr(changes.ChangeWriter, "audit", broken_audit)
    with pytest.raises(RuntimeError), write_changes(workspace.engine, actor) as writer:
        writer.save(_child())
    assert _all(workspace, ChildFile) == []
    assert _all(workspace, OutboxEntry) == []


def test_unsent_mutation_absorbs_later_edits_but_a_sent_one_is_frozen(workspace, actor) -> None:
    child = _child()
    with write_changes(workspace.engine, actor) as writer:
        writer.save(child)
    for grade in ("一年级", "二年级"):
        with write_changes(workspace.engine, actor) as writer:
            loaded = writer.session.get(ChildFile, child.id)
            assert loaded is not None
            loaded.grade = grade
            writer.save(loaded)
    [entry] = _all(workspace, OutboxEntry)
    assert entry.payload["grade"] == "二年级" and entry.payload["version"] == 3 and entry.base_version == 0

    with write_changes(workspace.engine, actor) as writer:
        sent = writer.session.exec(select(OutboxEntry)).one()
        sent.attempts = 1
        writer.session.add(sent)
    with write_changes(workspace.engine, actor) as writer:
        loaded = writer.session.get(ChildFile, child.id)
        assert loaded is not None
        loaded.grade = "三年级"
        writer.save(loaded)
    first, second = sorted(_all(workspace, OutboxEntry), key=lambda e: e.seq)
    assert first.payload["grade"] == "二年级", "a mutation already sent must never change"
    assert second.base_version == 3 and second.changed == ["grade"] and second.payload["grade"] == "三年级"


def test_saving_without_changes_queues_nothing(workspace, actor) -> None:
    child = _child()
    with write_changes(workspace.engine, actor) as writer:
        writer.save(child)
    with write_changes(workspace.engine, actor) as writer:
        loaded = writer.session.get(ChildFile, child.id)
        assert loaded is not None
        writer.save(loaded)
    assert len(_all(workspace, AuditEvent)) == 1
    assert _all(workspace, ChildFile)[0].version == 1


def test_delete_is_a_tombstone_with_a_mutation(workspace, actor) -> None:
    child = _child()
    with write_changes(workspace.engine, actor) as writer:
        writer.save(child)
    with write_changes(workspace.engine, actor) as writer:
        loaded = writer.session.get(ChildFile, child.id)
        assert loaded is not None
        writer.delete(loaded, reason="重复录入")
    [row] = _all(workspace, ChildFile)
    assert row.deleted
    ops = sorted(e.op for e in _all(workspace, OutboxEntry))
    assert ops == ["DELETE", "UPSERT"]
    assert _all(workspace, SearchEntry) == []


def test_search_by_name_initials_and_id_tail(workspace, actor) -> None:
    with write_changes(workspace.engine, actor) as writer:
        writer.save(_child(name="张建华", id_number="11010519491231002X"))
        writer.save(_child(file_no="ET-2", name="李𠮷", id_number="330282201001011234"))
        writer.save(_child(file_no="ET-3", name="王芳"))
    repo = ChildRepository(workspace.engine)

    def names(text: str) -> set[str]:
        return {row.name for row in repo.list(ChildFilter(text=text))}

    assert names("zjh") == {"张建华"}
    assert names("建") == {"张建华"}
    assert names("𠮷") == {"李𠮷"}
    assert names("1234") == {"李𠮷"}
    assert names("002x") == {"张建华"}
    assert names("王") == {"王芳"}
    assert names("%") == set()


def test_household_member_is_found_through_its_assessment(workspace, actor) -> None:
    assessment = HouseholdAssessment(survey_no="CX-1", town_code="330282107", applicant_name="陈国强")
    with write_changes(workspace.engine, actor) as writer:
        writer.save(assessment)
        writer.save(HouseholdMember(assessment_id=assessment.id, name="陈小燕", id_number="330282201001011234"))
    from fieldvisit.store.repositories.assistance import AssessmentFilter, AssessmentRepository

    rows = AssessmentRepository(workspace.engine).list(AssessmentFilter(text="小燕"))
    assert [r.applicant_name for r in rows] == ["陈国强"]
