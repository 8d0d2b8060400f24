"""Household assessments (入户调查): start a numbered draft, finalize it with the means test stored."""

from __future__ import annotations

from datetime import timedelta, timezone

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from fieldvisit.domain.assistance import (
    Asset,
    AssistanceType,
    HouseholdAssessment,
    HouseholdMember,
    IncomeItem,
    RigidExpense,
    SurveyKind,
)
from fieldvisit.domain.base import RecordState
from fieldvisit.domain.means_test import MeansTestResult, run_means_test
from fieldvisit.domain.numbering import format_survey_no
from fieldvisit.domain.shared import AuditKind
from fieldvisit.domain.types import Clock, today_local
from fieldvisit.store.changes import Actor, write_changes
from fieldvisit.store.services.amendments import AmendmentService
from fieldvisit.store.services.drafts import DraftService, form
from fieldvisit.store.services.numbers import next_free, numbers_like, template_prefix
from fieldvisit.store.services.records import Outcome, blocking_issues, refused, staff

FORM_ID = "household_assessment"
_CST = timezone(timedelta(hours=8))


class AssessmentService:
    """The social worker's home visits."""

    def __init__(self, engine: Engine, actor: Actor, clock: Clock, drafts: DraftService) -> None:
        self.engine = engine
        self.actor = actor
        self.clock = clock
        self.drafts = drafts
        self.amendments = AmendmentService(engine, actor, clock, drafts)

    def start(self, town_code: str, village_id: str = "") -> str:
        """A new assessment draft with its survey number, today's date and the worker as first investigator."""
        spec = form(FORM_ID)
        year = today_local(self.clock).year
        with write_changes(self.engine, self.actor, clock=self.clock) as writer:
            session = writer.session

            def make(seq: int) -> str:
                return format_survey_no(town_code, year, seq)

            used = numbers_like(session, HouseholdAssessment.survey_no, template_prefix(make))  # type: ignore[arg-type]
            _, number = next_free(used, make, len(used) + 1)
            user = staff(session, self.actor.user_id)
            investigators = [{"name": user.display_name, "unit": user.unit}] if user else []
            assessment = HouseholdAssessment(
                form_id=FORM_ID,
                form_version=spec.version,
                state=RecordState.DRAFT,
                survey_no=number,
                assistance_type=AssistanceType.MINIMUM_LIVING,
                survey_kind=SurveyKind.NEW_APPLICATION,
                town_code=town_code,
                village_id=village_id,
                methods=["HOME"],
                survey_at=self.clock().replace(second=0, microsecond=0),
                investigators=investigators,
            )
            writer.save(assessment)
            return assessment.id

    def means_test(self, assessment_id: str) -> MeansTestResult:
        """The means test over the stored rows (what finalize stores and the printout shows)."""
        with Session(self.engine) as session:
            assessment = session.get(HouseholdAssessment, assessment_id)
            if assessment is None:
                raise LookupError(assessment_id)

            def rows(model: type) -> list:
                return list(
                    session.exec(
                        select(model).where(model.assessment_id == assessment_id, col(model.deleted).is_(False))
                    ).all()
                )

            members = sorted(rows(HouseholdMember), key=lambda m: m.position)
            survey_day = (assessment.survey_at or self.clock()).astimezone(_CST).date()
            return run_means_test(
                members,
                rows(IncomeItem),
                rows(RigidExpense),
                rows(Asset),
                survey_date=survey_day,
                params=self.drafts.params(),
            )

    def finalize(self, assessment_id: str) -> Outcome:
        """Check every rule (two investigators, signatures …); if sound, store the means test and lock."""
        draft = self.drafts.load(FORM_ID, assessment_id)
        if draft.final:
            return Outcome(False, assessment_id, (), "该入户调查已定稿。")
        errors, warnings = blocking_issues(self.drafts, draft)
        if errors:
            return refused(assessment_id, errors, warnings)
        spec = form(FORM_ID)
        with write_changes(self.engine, self.actor, clock=self.clock) as writer:
            assessment = writer.session.get(HouseholdAssessment, assessment_id)
            assert assessment is not None
            self.drafts.apply(writer, spec, assessment, draft.values, final=True)
            assessment.state = RecordState.FINAL
            writer.save(assessment, audit=AuditKind.FINALIZE)
            if "amends" in (assessment.extra or {}):
                self.amendments.complete(writer, "household_assessment", assessment.id)
        return Outcome(True, assessment_id, tuple(warnings), "入户调查已定稿。")
