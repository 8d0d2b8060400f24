"""Queries that gather what one printed document shows: a patrol, a notice, a re-inspection, a ledger, a roster."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlmodel import col, select

from fieldvisit.domain.burial import (
    CaseEvent,
    CaseStatus,
    GraveCase,
    Patrol,
    RectificationNotice,
    Reinspection,
    ServiceReceipt,
)
from fieldvisit.domain.children import ChildFile, ChildStatus
from fieldvisit.domain.places import Town, Village
from fieldvisit.domain.shared import Attachment, User
from fieldvisit.store.repositories.base import Repository


@dataclass(frozen=True)
class PatrolBundle:
    """A patrol with the cases it found and the attachments (signatures) of the patrol."""

    patrol: Patrol
    cases: list[GraveCase]
    town_name: str
    village_names: dict[str, str]
    attachments: list[Attachment]


@dataclass(frozen=True)
class NoticeBundle:
    """A rectification notice with its case and its service receipt."""

    notice: RectificationNotice
    case: GraveCase
    receipt: ServiceReceipt | None
    town_name: str
    village_name: str
    case_attachments: list[Attachment]


@dataclass(frozen=True)
class ReinspectionBundle:
    """A re-inspection with its case, the notice it checks, and photos before (the case's) and after."""

    reinspection: Reinspection
    case: GraveCase
    notice: RectificationNotice | None
    town_name: str
    village_name: str
    before: list[Attachment]
    after: list[Attachment]


@dataclass(frozen=True)
class LedgerRow:
    """One grave of a town's ledger."""

    case: GraveCase
    village_name: str
    notice_no: str
    enforced: bool


@dataclass(frozen=True)
class OverdueRow:
    """One overdue child of a supervisor's roster."""

    child: ChildFile
    village_name: str
    director_name: str


@dataclass(frozen=True)
class OverdueRoster:
    """The overdue visits of one supervisor's children."""

    supervisor: User | None
    town_name: str
    rows: list[OverdueRow] = field(default_factory=list)


class PrintRepository(Repository):
    """Reads everything a document prints, in one short session per document."""

    def patrol(self, patrol_id: str) -> PatrolBundle | None:
        """A patrol record and the cases it found."""
        with self._session() as session:
            patrol = session.get(Patrol, patrol_id)
            if patrol is None:
                return None
            cases = list(session.exec(select(GraveCase).where(col(GraveCase.id).in_(patrol.case_ids))).all())
            cases += session.exec(
                select(GraveCase).where(GraveCase.patrol_id == patrol_id, col(GraveCase.id).notin_(patrol.case_ids))
            ).all()
            villages = {
                v.id: v.name for v in session.exec(select(Village).where(Village.town_code == patrol.town_code))
            }
            town = session.get(Town, patrol.town_code)
            attachments = session.exec(select(Attachment).where(Attachment.owner_id == patrol_id)).all()
            return PatrolBundle(patrol, cases, town.name if town else "", villages, list(attachments))

    def notice(self, notice_id: str) -> NoticeBundle | None:
        """A notice with its case and receipt."""
        with self._session() as session:
            notice = session.get(RectificationNotice, notice_id)
            if notice is None:
                return None
            case = session.get(GraveCase, notice.case_id)
            assert case is not None
            receipt = session.exec(select(ServiceReceipt).where(ServiceReceipt.notice_id == notice_id)).first()
            town = session.get(Town, case.town_code)
            village = session.get(Village, case.village_id) if case.village_id else None
            photos = session.exec(select(Attachment).where(Attachment.owner_id == case.id)).all()
            return NoticeBundle(
                notice, case, receipt, town.name if town else "", village.name if village else "", list(photos)
            )

    def reinspection(self, reinspection_id: str) -> ReinspectionBundle | None:
        """A re-inspection with its case, the latest notice before it, and before/after photos."""
        with self._session() as session:
            reinspection = session.get(Reinspection, reinspection_id)
            if reinspection is None:
                return None
            case = session.get(GraveCase, reinspection.case_id)
            assert case is not None
            notice = session.exec(
                select(RectificationNotice)
                .where(
                    RectificationNotice.case_id == case.id,
                    col(RectificationNotice.issued_on) <= reinspection.inspected_on,
                )
                .order_by(col(RectificationNotice.issued_on).desc())
            ).first()
            town = session.get(Town, case.town_code)
            village = session.get(Village, case.village_id) if case.village_id else None
            before = session.exec(select(Attachment).where(Attachment.owner_id == case.id)).all()
            after = session.exec(select(Attachment).where(Attachment.owner_id == reinspection_id)).all()
            return ReinspectionBundle(
                reinspection,
                case,
                notice,
                town.name if town else "",
                village.name if village else "",
                list(before),
                list(after),
            )

    def ledger(self, town_code: str) -> tuple[str, list[LedgerRow]]:
        """A town's name and every live grave case in it, oldest first."""
        with self._session() as session:
            town = session.get(Town, town_code)
            villages = {v.id: v.name for v in session.exec(select(Village).where(Village.town_code == town_code))}
            cases = session.exec(
                select(GraveCase)
                .where(GraveCase.town_code == town_code, col(GraveCase.deleted).is_(False))
                .order_by(GraveCase.found_on, GraveCase.case_no)
            ).all()
            ids = [c.id for c in cases]
            notice_nos = dict(
                session.exec(
                    select(RectificationNotice.case_id, RectificationNotice.notice_no)
                    .where(col(RectificationNotice.case_id).in_(ids))
                    .order_by(RectificationNotice.issued_on)
                ).all()
            )
            enforced = set(
                session.exec(
                    select(CaseEvent.case_id).where(
                        col(CaseEvent.case_id).in_(ids), CaseEvent.to_status == CaseStatus.ENFORCED
                    )
                ).all()
            )
            rows = [
                LedgerRow(c, villages.get(c.village_id, ""), notice_nos.get(c.id, ""), c.id in enforced) for c in cases
            ]
            return (town.name if town else "", rows)

    def overdue_roster(self, supervisor_id: str, today: date) -> OverdueRoster:
        """Every active child of a supervisor whose next visit date has passed, by village and director."""
        with self._session() as session:
            supervisor = session.get(User, supervisor_id)
            children = session.exec(
                select(ChildFile).where(
                    ChildFile.supervisor_id == supervisor_id,
                    ChildFile.status == ChildStatus.ACTIVE,
                    col(ChildFile.deleted).is_(False),
                    col(ChildFile.next_visit_due) < today,
                )
            ).all()
            village_ids = {c.village_id for c in children}
            villages = {v.id: v.name for v in session.exec(select(Village).where(col(Village.id).in_(village_ids)))}
            directors = {u.id: u.display_name for u in session.exec(select(User))}
            town_code = supervisor.town_codes[0] if supervisor and supervisor.town_codes else ""
            town = session.get(Town, town_code) if town_code else None
            rows = sorted(
                (OverdueRow(c, villages.get(c.village_id, ""), directors.get(c.director_id, "")) for c in children),
                key=lambda r: (r.village_name, r.director_name, r.child.next_visit_due or today),
            )
            return OverdueRoster(supervisor, town.name if town else "", rows)
