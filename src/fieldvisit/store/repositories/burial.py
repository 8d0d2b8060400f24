"""Queries about grave cases: the ledger list by status and deadline, one case with its timeline, patrols."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import and_, func
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
from fieldvisit.domain.places import Town, Village
from fieldvisit.domain.shared import Attachment
from fieldvisit.store.repositories.badges import sync_badge
from fieldvisit.store.repositories.base import Repository
from fieldvisit.store.repositories.search import matching_record_ids
from fieldvisit.store.tables import RecordSync

_ONE_DAY = timedelta(days=1)
OPEN_WITH_DEADLINE = (CaseStatus.NOTICE_ISSUED, CaseStatus.RECTIFYING)


@dataclass(frozen=True)
class CaseFilter:
    """What the case list is narrowed to; empty fields do not filter."""

    text: str = ""
    town_code: str = ""
    village_id: str = ""
    status: str = ""
    open_only: bool = False
    deadline_before: date | None = None
    limit: int | None = None


@dataclass(frozen=True)
class CaseRow:
    """One line of the case ledger."""

    id: str
    case_no: str
    found_on: date
    town_name: str
    village_name: str
    place_name: str
    party_name: str
    violation_types: list[str]
    status: str
    deadline: date | None
    sync_state: str


@dataclass(frozen=True)
class CaseBundle:
    """One case with its status timeline, notices and their receipts, re-inspections and photos."""

    case: GraveCase
    events: list[CaseEvent] = field(default_factory=list)
    notices: list[RectificationNotice] = field(default_factory=list)
    receipts: list[ServiceReceipt] = field(default_factory=list)
    reinspections: list[Reinspection] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    town_name: str = ""
    village_name: str = ""


class CaseRepository(Repository):
    """Illegal-grave cases (违建坟墓台账) and patrols."""

    def list(self, flt: CaseFilter = CaseFilter()) -> list[CaseRow]:
        """Cases matching `flt`, nearest deadline first, then newest found."""
        sync = RecordSync.__table__
        query = (
            select(
                GraveCase.id,
                GraveCase.case_no,
                GraveCase.found_on,
                func.coalesce(Town.name, ""),
                func.coalesce(Village.name, ""),
                GraveCase.place_name,
                func.coalesce(func.json_extract(GraveCase.party, "$.name"), ""),
                GraveCase.violation_types,
                GraveCase.status,
                GraveCase.deadline,
                sync_badge(sync),
            )
            .outerjoin(Town, col(Town.division_code) == GraveCase.town_code)
            .outerjoin(Village, col(Village.id) == GraveCase.village_id)
            .outerjoin(sync, and_(sync.c.table_name == "grave_case", sync.c.record_id == GraveCase.id))
            .where(col(GraveCase.deleted).is_(False))
        )
        if flt.town_code:
            query = query.where(GraveCase.town_code == flt.town_code)
        if flt.village_id:
            query = query.where(GraveCase.village_id == flt.village_id)
        if flt.status:
            query = query.where(GraveCase.status == flt.status)
        if flt.open_only:
            query = query.where(GraveCase.status != CaseStatus.CLOSED)
        if flt.deadline_before is not None:
            query = query.where(
                col(GraveCase.deadline) <= flt.deadline_before, col(GraveCase.status).in_(OPEN_WITH_DEADLINE)
            )
        if flt.text.strip():
            query = query.where(col(GraveCase.id).in_(matching_record_ids(flt.text, "grave_case")))
        query = query.order_by(col(GraveCase.deadline).is_(None), GraveCase.deadline, col(GraveCase.found_on).desc())
        if flt.limit:
            query = query.limit(flt.limit)
        with self._session() as session:
            return [CaseRow(*row) for row in session.exec(query).all()]

    def get(self, case_id: str) -> CaseBundle | None:
        """One case with everything that belongs to it."""
        with self._session() as session:
            case = session.get(GraveCase, case_id)
            if case is None:
                return None
            events = session.exec(select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.at)).all()
            notices = session.exec(
                select(RectificationNotice)
                .where(RectificationNotice.case_id == case_id)
                .order_by(RectificationNotice.issued_on)
            ).all()
            notice_ids = [n.id for n in notices]
            receipts = session.exec(select(ServiceReceipt).where(col(ServiceReceipt.notice_id).in_(notice_ids))).all()
            reinspections = session.exec(
                select(Reinspection).where(Reinspection.case_id == case_id).order_by(Reinspection.inspected_on)
            ).all()
            owner_ids = [case_id, *notice_ids, *(r.id for r in reinspections)]
            attachments = session.exec(
                select(Attachment).where(col(Attachment.owner_id).in_(owner_ids), col(Attachment.deleted).is_(False))
            ).all()
            town = session.get(Town, case.town_code)
            village = session.get(Village, case.village_id) if case.village_id else None
            return CaseBundle(
                case=case,
                events=list(events),
                notices=list(notices),
                receipts=list(receipts),
                reinspections=list(reinspections),
                attachments=list(attachments),
                town_name=town.name if town else "",
                village_name=village.name if village else "",
            )

    def past_deadline(self, today: date) -> list[CaseRow]:
        """Cases whose rectification deadline has passed without a re-inspection."""
        return self.list(CaseFilter(deadline_before=today - _ONE_DAY))

    def reinspections_due(self, today: date, *, within_days: int = 3) -> list[CaseRow]:
        """Cases whose deadline falls within `within_days` (re-inspection is due the day after)."""
        return self.list(CaseFilter(deadline_before=today + _ONE_DAY * within_days))

    def patrols(self, *, town_code: str = "", limit: int = 200) -> list[Patrol]:
        """Recent patrols, newest first."""
        query = select(Patrol).where(col(Patrol.deleted).is_(False))
        if town_code:
            query = query.where(Patrol.town_code == town_code)
        with self._session() as session:
            return list(session.exec(query.order_by(col(Patrol.patrol_date).desc()).limit(limit)).all())
