"""Queries about household assessments: the filtered list and one assessment with all its rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, func
from sqlmodel import col, select

from fieldvisit.domain.assistance import (
    Asset,
    HouseholdAssessment,
    HouseholdMember,
    IncomeItem,
    RigidExpense,
    SupportObligor,
)
from fieldvisit.domain.places import Town, Village
from fieldvisit.domain.shared import Attachment
from fieldvisit.store.repositories.badges import sync_badge
from fieldvisit.store.repositories.base import Repository
from fieldvisit.store.repositories.search import matching_record_ids
from fieldvisit.store.tables import RecordSync


@dataclass(frozen=True)
class AssessmentFilter:
    """What the household list is narrowed to; empty fields do not filter."""

    text: str = ""
    town_code: str = ""
    village_id: str = ""
    assistance_type: str = ""
    state: str = ""
    limit: int | None = None


@dataclass(frozen=True)
class AssessmentRow:
    """One line of the household list."""

    id: str
    survey_no: str
    applicant_name: str
    applicant_id_number: str
    assistance_type: str
    survey_kind: str
    town_name: str
    village_name: str
    survey_at: datetime | None
    household_size: int
    per_capita_monthly_income_fen: int | None
    suggestion: str
    state: str
    sync_state: str


@dataclass(frozen=True)
class AssessmentBundle:
    """One assessment with every row that hangs off it, in form order."""

    assessment: HouseholdAssessment
    members: list[HouseholdMember] = field(default_factory=list)
    obligors: list[SupportObligor] = field(default_factory=list)
    incomes: list[IncomeItem] = field(default_factory=list)
    assets: list[Asset] = field(default_factory=list)
    expenses: list[RigidExpense] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    town_name: str = ""
    village_name: str = ""


class AssessmentRepository(Repository):
    """Household economic-status assessments (入户调查)."""

    def list(self, flt: AssessmentFilter = AssessmentFilter()) -> list[AssessmentRow]:
        """Assessments matching `flt`, newest survey first."""
        sync = RecordSync.__table__
        query = (
            select(
                HouseholdAssessment.id,
                HouseholdAssessment.survey_no,
                HouseholdAssessment.applicant_name,
                HouseholdAssessment.applicant_id_number,
                HouseholdAssessment.assistance_type,
                HouseholdAssessment.survey_kind,
                func.coalesce(Town.name, ""),
                func.coalesce(Village.name, ""),
                HouseholdAssessment.survey_at,
                HouseholdAssessment.household_size,
                HouseholdAssessment.per_capita_monthly_income_fen,
                HouseholdAssessment.suggestion,
                HouseholdAssessment.state,
                sync_badge(sync),
            )
            .outerjoin(Town, col(Town.division_code) == HouseholdAssessment.town_code)
            .outerjoin(Village, col(Village.id) == HouseholdAssessment.village_id)
            .outerjoin(
                sync, and_(sync.c.table_name == "household_assessment", sync.c.record_id == HouseholdAssessment.id)
            )
            .where(col(HouseholdAssessment.deleted).is_(False))
        )
        if flt.town_code:
            query = query.where(HouseholdAssessment.town_code == flt.town_code)
        if flt.village_id:
            query = query.where(HouseholdAssessment.village_id == flt.village_id)
        if flt.assistance_type:
            query = query.where(HouseholdAssessment.assistance_type == flt.assistance_type)
        if flt.state:
            query = query.where(HouseholdAssessment.state == flt.state)
        if flt.text.strip():
            query = query.where(col(HouseholdAssessment.id).in_(matching_record_ids(flt.text, "household_assessment")))
        query = query.order_by(col(HouseholdAssessment.survey_at).desc())
        if flt.limit:
            query = query.limit(flt.limit)
        with self._session() as session:
            return [AssessmentRow(*row) for row in session.exec(query).all()]

    def get(self, assessment_id: str) -> AssessmentBundle | None:
        """One assessment with its members, obligors, income rows, assets, expenses and attachments."""
        with self._session() as session:
            assessment = session.get(HouseholdAssessment, assessment_id)
            if assessment is None:
                return None

            def rows(model: type) -> list:
                return list(
                    session.exec(
                        select(model)
                        .where(model.assessment_id == assessment_id, col(model.deleted).is_(False))
                        .order_by(model.position)
                    ).all()
                )

            attachments = session.exec(
                select(Attachment).where(Attachment.owner_id == assessment_id, col(Attachment.deleted).is_(False))
            ).all()
            town = session.get(Town, assessment.town_code)
            village = session.get(Village, assessment.village_id) if assessment.village_id else None
            return AssessmentBundle(
                assessment=assessment,
                members=rows(HouseholdMember),
                obligors=rows(SupportObligor),
                incomes=rows(IncomeItem),
                assets=rows(Asset),
                expenses=rows(RigidExpense),
                attachments=list(attachments),
                town_name=town.name if town else "",
                village_name=village.name if village else "",
            )
