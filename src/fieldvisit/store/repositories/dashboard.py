"""The dashboard's counts (工作台): due and overdue visits, drafts, deadlines, unsynced changes, in one read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func
from sqlmodel import col, select

from fieldvisit.domain.assistance import HouseholdAssessment
from fieldvisit.domain.base import RecordState
from fieldvisit.domain.burial import CaseStatus, GraveCase, Patrol, Reinspection
from fieldvisit.domain.children import ChildFile, ChildStatus, ChildVisit
from fieldvisit.store.repositories.base import Repository
from fieldvisit.store.repositories.burial import OPEN_WITH_DEADLINE
from fieldvisit.store.tables import OutboxEntry, OutboxState


@dataclass(frozen=True)
class DashboardCounts:
    """Everything the dashboard shows as a number."""

    children_active: int
    visits_due_soon: int
    visits_overdue: int
    red_risk_children: int
    households: int
    household_drafts: int
    cases_open: int
    cases_by_status: dict[str, int]
    notices_past_deadline: int
    reinspections_due: int
    drafts: int
    unsynced: int
    quarantined: int


class DashboardRepository(Repository):
    """Counts for the dashboard, optionally for one child director."""

    def counts(self, today: date, *, director_id: str = "", due_within_days: int = 14) -> DashboardCounts:
        """All dashboard numbers as of `today`."""
        active_child = [col(ChildFile.deleted).is_(False), ChildFile.status == ChildStatus.ACTIVE]
        if director_id:
            active_child.append(ChildFile.director_id == director_id)
        live_case = col(GraveCase.deleted).is_(False)
        with self._session() as session:

            def count(model: type, *where: object) -> int:
                return int(session.exec(select(func.count()).select_from(model).where(*where)).one())

            by_status = dict(
                session.exec(select(GraveCase.status, func.count()).where(live_case).group_by(GraveCase.status)).all()
            )
            drafts = sum(
                count(model, model.state == RecordState.DRAFT, col(model.deleted).is_(False))
                for model in (HouseholdAssessment, ChildVisit, Patrol, GraveCase, Reinspection)
            )
            return DashboardCounts(
                children_active=count(ChildFile, *active_child),
                visits_due_soon=count(
                    ChildFile, *active_child, col(ChildFile.next_visit_due) <= today + timedelta(days=due_within_days)
                ),
                visits_overdue=count(ChildFile, *active_child, col(ChildFile.next_visit_due) < today),
                red_risk_children=count(ChildFile, *active_child, ChildFile.risk_level == "RED"),
                households=count(HouseholdAssessment, col(HouseholdAssessment.deleted).is_(False)),
                household_drafts=count(
                    HouseholdAssessment,
                    col(HouseholdAssessment.deleted).is_(False),
                    HouseholdAssessment.state == RecordState.DRAFT,
                ),
                cases_open=sum(n for status, n in by_status.items() if status != CaseStatus.CLOSED),
                cases_by_status={str(k): int(v) for k, v in by_status.items()},
                notices_past_deadline=count(
                    GraveCase, live_case, col(GraveCase.status).in_(OPEN_WITH_DEADLINE), col(GraveCase.deadline) < today
                ),
                reinspections_due=count(
                    GraveCase,
                    live_case,
                    col(GraveCase.status).in_((*OPEN_WITH_DEADLINE, CaseStatus.REINSPECTION)),
                    col(GraveCase.deadline) <= today + timedelta(days=3),
                ),
                drafts=drafts,
                unsynced=count(OutboxEntry),
                quarantined=count(OutboxEntry, OutboxEntry.state == OutboxState.QUARANTINED),
            )
