"""The dashboard's plain-SQL reads and the quick unlock: the same numbers and rows as the ORM queries, no SQLAlchemy."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, col, func, select
from tests.conftest import TEST_PASSWORD

from fieldvisit.domain.assistance import HouseholdAssessment
from fieldvisit.domain.base import RecordState
from fieldvisit.domain.burial import GraveCase, Patrol, Reinspection
from fieldvisit.domain.children import ChildFile, ChildVisit
from fieldvisit.domain.shared import Role
from fieldvisit.security.keys import WrongPasswordError
from fieldvisit.store import quick_open as quick
from fieldvisit.store.demo import generate_demo
from fieldvisit.store.migrate import head_revision
from fieldvisit.store.repositories import burial
from fieldvisit.store.repositories.burial import CaseRepository
from fieldvisit.store.repositories.children import ChildFilter, ChildRepository
from fieldvisit.store.repositories.dashboard import DashboardRepository
from fieldvisit.store.repositories.dashboard_reads import (
    LAST_SYNC_KEY,
    OPEN_WITH_DEADLINE,
    DashboardParts,
    read_dashboard,
)
from fieldvisit.store.services.settings import SettingsService
from fieldvisit.store.sync_state import Key
from fieldvisit.store.workspace import Workspace

TODAY = date(2026, 11, 28)


@pytest.fixture
def demo(workspace: Workspace) -> Workspace:
    generate_demo(workspace.engine, today=TODAY, scale=0.5)
    return workspace


def _director(workspace: Workspace) -> str:
    with Session(workspace.engine) as session:
        return session.exec(select(ChildFile.director_id).where(col(ChildFile.director_id) != "")).first() or ""


@pytest.mark.parametrize("mine", [False, True], ids=["everyone", "one-director"])
def test_counts_agree_with_the_record_lists(demo: Workspace, mine: bool) -> None:
    director = _director(demo) if mine else ""
    counts = DashboardRepository(demo.engine).counts(TODAY, director_id=director)
    children = ChildRepository(demo.engine)
    cases = CaseRepository(demo.engine)
    assert counts.children_active == len(children.list(ChildFilter(director_id=director)))
    assert counts.visits_overdue == len(children.overdue(TODAY, director_id=director))
    assert mine or counts.visits_overdue > 0
    assert counts.visits_due_soon == len(children.due(TODAY, director_id=director))
    assert counts.red_risk_children == len(children.list(ChildFilter(director_id=director, risk_level="RED")))
    assert counts.notices_past_deadline == len(cases.past_deadline(TODAY)) > 0
    with Session(demo.engine) as session:

        def count(model: type, *where: object) -> int:
            return int(session.exec(select(func.count()).select_from(model).where(*where)).one())

        drafts = sum(
            count(model, model.state == RecordState.DRAFT, col(model.deleted).is_(False))
            for model in (HouseholdAssessment, ChildVisit, Patrol, GraveCase, Reinspection)
        )
        assert counts.households == count(HouseholdAssessment, col(HouseholdAssessment.deleted).is_(False))
        assert counts.cases_open == count(GraveCase, col(GraveCase.deleted).is_(False), GraveCase.status != "CLOSED")
    assert counts.drafts == drafts > 0


@pytest.mark.parametrize("mine", [False, True], ids=["everyone", "one-director"])
def test_the_urgent_rows_are_the_first_of_the_lists(demo: Workspace, mine: bool) -> None:
    director = _director(demo) if mine else ""
    snapshot = DashboardRepository(demo.engine).snapshot(TODAY, director_id=director, limit=3)
    expected = ChildRepository(demo.engine).overdue(TODAY, director_id=director)[:3]
    assert [(c.id, c.name, c.village_name, c.next_visit_due, c.risk_level) for c in expected] == [
        (u.id, u.name, u.village_name, u.next_visit_due, u.risk_level) for u in snapshot.overdue
    ]
    cases = CaseRepository(demo.engine).past_deadline(TODAY)[:3]
    assert [(c.id, c.case_no, c.party_name, c.place_name, c.deadline) for c in cases] == [
        (u.id, u.case_no, u.party_name, u.place_name, u.deadline) for u in snapshot.past_deadline
    ]
    assert mine or (len(snapshot.overdue) == 3 and snapshot.past_deadline)


def test_parts_not_asked_for_are_not_read(demo: Workspace) -> None:
    only_children = DashboardRepository(demo.engine).snapshot(TODAY, parts=DashboardParts(True, False, False))
    everything = DashboardRepository(demo.engine).snapshot(TODAY)
    assert only_children.counts.visits_overdue == everything.counts.visits_overdue
    assert only_children.counts.drafts == everything.counts.drafts
    assert only_children.counts.households == 0 and only_children.past_deadline == []
    assert everything.counts.households > 0


def test_constants_shared_with_the_orm_side_agree() -> None:
    assert head_revision() == quick.SCHEMA_HEAD, "a new migration: set store.quick_open.SCHEMA_HEAD to it"
    assert set(OPEN_WITH_DEADLINE) == set(burial.OPEN_WITH_DEADLINE)
    assert LAST_SYNC_KEY == Key.LAST_SUCCESS


def test_quick_open_reads_the_user_and_the_schema(demo: Workspace) -> None:
    settings = SettingsService(demo.engine)
    user = settings.current_user()
    assert user is not None and user.role == Role.CHILD_DIRECTOR
    opened = quick.quick_open(demo.path, TEST_PASSWORD)
    try:
        assert opened.schema_current and not opened.demo
        assert opened.user == quick.StaffFacts(user.id, user.display_name, user.role)
        later = TODAY + timedelta(days=1)
        snapshot = read_dashboard(opened.connection, later, director_id=user.id)
        assert snapshot.counts == DashboardRepository(demo.engine).counts(later, director_id=user.id)
        assert snapshot.last_sync is None
    finally:
        opened.close()
    with pytest.raises(WrongPasswordError):
        quick.quick_open(demo.path, "wrong")


def test_quick_open_leaves_an_other_schema_to_the_full_open(demo: Workspace) -> None:
    with demo.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '0001'")
    opened = quick.quick_open(demo.path, TEST_PASSWORD)
    opened.close()
    assert not opened.schema_current and opened.user is None


def test_the_quick_path_loads_no_database_layers(demo: Workspace, tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import sys
        from datetime import date
        from pathlib import Path
        from fieldvisit.store.quick_open import quick_open
        from fieldvisit.store.repositories.dashboard_reads import read_dashboard
        opened = quick_open(Path({str(demo.path)!r}), {TEST_PASSWORD!r})
        read_dashboard(opened.connection, date(2026, 11, 28))
        opened.close()
        print(sorted(m for m in ("sqlalchemy", "sqlmodel", "alembic", "pydantic", "keyring") if m in sys.modules))
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


class _RecordingConnection:
    """A DB-API connection that notes every statement the dashboard runs."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self.statements: list[tuple[str, tuple[Any, ...]]] = []

    def cursor(self) -> Any:
        outer, inner = self, self.connection.cursor()

        class Cursor:
            def execute(self, sql: str, parameters: tuple[Any, ...] = ()) -> Any:
                outer.statements.append((sql, tuple(parameters)))
                return inner.execute(sql, parameters)

            def close(self) -> None:
                inner.close()

        return Cursor()


@pytest.mark.parametrize("mine", [False, True], ids=["everyone", "one-director"])
def test_dashboard_reads_no_whole_table(demo: Workspace, mine: bool) -> None:
    """Unlocking paints these numbers: each query reads an index (migration 0003), never a whole table's rows."""
    raw = demo.engine.raw_connection()
    try:
        recording = _RecordingConnection(raw)
        read_dashboard(recording, TODAY, director_id=_director(demo) if mine else "")
        cursor = raw.cursor()
        for sql, parameters in recording.statements:
            if not sql.startswith("SELECT"):
                continue
            steps = [row[3] for row in cursor.execute(f"EXPLAIN QUERY PLAN {sql}", parameters).fetchall()]
            assert all(not step.startswith("SCAN") or "COVERING INDEX" in step for step in steps), (sql, steps)
        cursor.close()
    finally:
        raw.close()
