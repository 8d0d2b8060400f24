"""Queries about children: the filtered list, one child's whole file, due and overdue visits."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import and_, func, or_
from sqlmodel import col, select

from fieldvisit.domain.children import ChildChange, ChildFile, ChildService, ChildStatus, ChildVisit, Referral
from fieldvisit.domain.places import Town, Village
from fieldvisit.domain.shared import Attachment, User
from fieldvisit.store.repositories.badges import sync_badge
from fieldvisit.store.repositories.base import Repository
from fieldvisit.store.repositories.search import matching_record_ids
from fieldvisit.store.tables import RecordSync


@dataclass(frozen=True)
class ChildFilter:
    """What the child list is narrowed to; empty fields do not filter."""

    text: str = ""
    town_code: str = ""
    village_id: str = ""
    category: str = ""
    risk_level: str = ""
    status: str = ChildStatus.ACTIVE
    director_id: str = ""
    due_before: date | None = None
    limit: int | None = None


@dataclass(frozen=True)
class ChildRow:
    """One line of the child list."""

    id: str
    file_no: str
    name: str
    id_number: str
    sex: str
    birth_date: date | None
    town_name: str
    village_name: str
    primary_category: str
    risk_level: str
    status: str
    last_visit_on: date | None
    next_visit_due: date | None
    director_name: str
    sync_state: str


@dataclass(frozen=True)
class ChildDossier:
    """A child's whole file: the record, visits newest first, referrals, services, changes and attachments."""

    child: ChildFile
    visits: list[ChildVisit] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)
    services: list[ChildService] = field(default_factory=list)
    changes: list[ChildChange] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    town_name: str = ""
    village_name: str = ""
    director_name: str = ""
    supervisor_name: str = ""


class ChildRepository(Repository):
    """Children (一人一档) and their visits."""

    def list(self, flt: ChildFilter = ChildFilter()) -> list[ChildRow]:
        """The children matching `flt`, most urgent (earliest next visit due) first."""
        director = User.__table__.alias("director")
        sync = RecordSync.__table__
        query = (
            select(
                ChildFile.id,
                ChildFile.file_no,
                ChildFile.name,
                ChildFile.id_number,
                ChildFile.sex,
                ChildFile.birth_date,
                func.coalesce(Town.name, ""),
                func.coalesce(Village.name, ""),
                ChildFile.primary_category,
                ChildFile.risk_level,
                ChildFile.status,
                ChildFile.last_visit_on,
                ChildFile.next_visit_due,
                func.coalesce(director.c.display_name, ""),
                sync_badge(sync),
            )
            .outerjoin(Town, col(Town.division_code) == ChildFile.town_code)
            .outerjoin(Village, col(Village.id) == ChildFile.village_id)
            .outerjoin(director, director.c.id == ChildFile.director_id)
            .outerjoin(sync, and_(sync.c.table_name == "child_file", sync.c.record_id == ChildFile.id))
            .where(col(ChildFile.deleted).is_(False))
        )
        if flt.status:
            query = query.where(ChildFile.status == flt.status)
        if flt.town_code:
            query = query.where(ChildFile.town_code == flt.town_code)
        if flt.village_id:
            query = query.where(ChildFile.village_id == flt.village_id)
        if flt.category:
            query = query.where(
                or_(ChildFile.primary_category == flt.category, col(ChildFile.flags).contains(flt.category))
            )
        if flt.risk_level:
            query = query.where(ChildFile.risk_level == flt.risk_level)
        if flt.director_id:
            query = query.where(ChildFile.director_id == flt.director_id)
        if flt.due_before is not None:
            query = query.where(col(ChildFile.next_visit_due) <= flt.due_before)
        if flt.text.strip():
            query = query.where(col(ChildFile.id).in_(matching_record_ids(flt.text, "child_file")))
        query = query.order_by(col(ChildFile.next_visit_due).is_(None), ChildFile.next_visit_due, ChildFile.name)
        if flt.limit:
            query = query.limit(flt.limit)
        with self._session() as session:
            return [ChildRow(*row) for row in session.exec(query).all()]

    def get(self, child_id: str) -> ChildDossier | None:
        """One child's whole file, or None."""
        with self._session() as session:
            child = session.get(ChildFile, child_id)
            if child is None:
                return None
            visits = session.exec(
                select(ChildVisit)
                .where(ChildVisit.child_id == child_id, col(ChildVisit.deleted).is_(False))
                .order_by(col(ChildVisit.visit_at).desc())
            ).all()
            referrals = session.exec(
                select(Referral).where(Referral.child_id == child_id).order_by(col(Referral.referred_on).desc())
            ).all()
            services = session.exec(
                select(ChildService)
                .where(ChildService.child_id == child_id)
                .order_by(col(ChildService.served_on).desc())
            ).all()
            changes = session.exec(
                select(ChildChange).where(ChildChange.child_id == child_id).order_by(col(ChildChange.changed_on).desc())
            ).all()
            owner_ids = [child_id, *(v.id for v in visits)]
            attachments = session.exec(
                select(Attachment).where(col(Attachment.owner_id).in_(owner_ids), col(Attachment.deleted).is_(False))
            ).all()
            town = session.get(Town, child.town_code)
            village = session.get(Village, child.village_id) if child.village_id else None
            director = session.get(User, child.director_id) if child.director_id else None
            supervisor = session.get(User, child.supervisor_id) if child.supervisor_id else None
            return ChildDossier(
                child=child,
                visits=list(visits),
                referrals=list(referrals),
                services=list(services),
                changes=list(changes),
                attachments=list(attachments),
                town_name=town.name if town else "",
                village_name=village.name if village else "",
                director_name=director.display_name if director else "",
                supervisor_name=supervisor.display_name if supervisor else "",
            )

    def due(self, today: date, *, within_days: int = 14, director_id: str = "") -> list[ChildRow]:
        """Active children whose next visit is due within `within_days` (overdue ones included)."""
        return self.list(ChildFilter(director_id=director_id, due_before=today + timedelta(days=within_days)))

    def overdue(self, today: date, *, director_id: str = "") -> list[ChildRow]:
        """Active children whose next visit date has passed."""
        return self.list(ChildFilter(director_id=director_id, due_before=today - timedelta(days=1)))

    def visit(self, visit_id: str) -> ChildVisit | None:
        """One visit record."""
        with self._session() as session:
            return session.get(ChildVisit, visit_id)
