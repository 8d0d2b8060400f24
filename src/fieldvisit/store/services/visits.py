"""Child visits: start a draft, finalize it with the child rules (risk, mandatory report, next visit), amend."""

from __future__ import annotations

from datetime import date, timedelta, timezone

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from fieldvisit.domain.base import RecordState
from fieldvisit.domain.child_rules import mandatory_report_triggers
from fieldvisit.domain.children import ChildChange, ChildFile, ChildVisit, RiskLevel, VisitMode
from fieldvisit.domain.shared import AuditKind
from fieldvisit.domain.types import Clock
from fieldvisit.store.changes import Actor, ChangeWriter, write_changes
from fieldvisit.store.services.amendments import AmendmentService
from fieldvisit.store.services.computations import next_visit_date
from fieldvisit.store.services.drafts import DraftService, form
from fieldvisit.store.services.records import Outcome, blocking_issues, refused, staff

FORM_ID = "child_visit"
_CST = timezone(timedelta(hours=8))


class VisitService:
    """The visit log of children (探访记录)."""

    def __init__(self, engine: Engine, actor: Actor, clock: Clock, drafts: DraftService) -> None:
        self.engine = engine
        self.actor = actor
        self.clock = clock
        self.drafts = drafts
        self.amendments = AmendmentService(engine, actor, clock, drafts)

    def open_draft(self, child_id: str) -> str | None:
        """The id of this child's unfinished new visit, if any (so "new visit" resumes it)."""
        with Session(self.engine) as session:
            drafts = session.exec(
                select(ChildVisit.id, ChildVisit.extra).where(
                    ChildVisit.child_id == child_id,
                    ChildVisit.state == RecordState.DRAFT,
                    col(ChildVisit.deleted).is_(False),
                )
            ).all()
        return next((visit_id for visit_id, extra in drafts if "amends" not in (extra or {})), None)

    def start(self, child_id: str) -> str:
        """A new visit draft for the child (or the unfinished one), dated now, by the current worker."""
        existing = self.open_draft(child_id)
        if existing:
            return existing
        spec = form(FORM_ID)
        with write_changes(self.engine, self.actor, clock=self.clock) as writer:
            if writer.session.get(ChildFile, child_id) is None:
                raise LookupError(f"child {child_id} not found")
            user = staff(writer.session, self.actor.user_id)
            visit = ChildVisit(
                form_id=FORM_ID,
                form_version=spec.version,
                state=RecordState.DRAFT,
                child_id=child_id,
                visit_at=self.clock().replace(second=0, microsecond=0),
                mode=VisitMode.HOME,
                visitor=user.display_name if user else "",
                visitor_id=self.actor.user_id,
                saw_child=True,
                guardian_present=True,
                benefits_ok=True,
            )
            writer.save(visit)
            return visit.id

    def finalize(self, visit_id: str) -> Outcome:
        """Check the visit; if sound, lock it and update the child's risk, last visit and next visit date.

        The child's risk change is kept in its change history; a mandatory-report finding marks the report.
        """
        draft = self.drafts.load(FORM_ID, visit_id)
        if draft.final:
            return Outcome(False, visit_id, (), "该探访记录已定稿。")
        errors, warnings = blocking_issues(self.drafts, draft)
        if errors:
            return refused(visit_id, errors, warnings)
        spec = form(FORM_ID)
        with write_changes(self.engine, self.actor, clock=self.clock) as writer:
            session = writer.session
            visit = session.get(ChildVisit, visit_id)
            assert visit is not None
            computed = self.drafts.apply(writer, spec, visit, draft.values, final=True)
            child = session.get(ChildFile, visit.child_id)
            assert child is not None and visit.visit_at is not None
            visit_day = visit.visit_at.astimezone(_CST).date()
            if computed.risk is not None:
                visit.suggested_risk_level = computed.risk.level
            if mandatory_report_triggers(visit.safety):
                visit.mandatory_report_triggered = True
            visit.next_visit_due = next_visit_date(visit.risk_level, visit_day, child, draft.context)
            visit.state = RecordState.FINAL
            writer.save(visit, audit=AuditKind.FINALIZE)
            if "amends" in (visit.extra or {}):
                self.amendments.complete(writer, "child_visit", visit.id)
            self._update_child(writer, child, visit, visit_day, computed.risk.reasons if computed.risk else ())
        return Outcome(True, visit_id, tuple(warnings), "探访记录已定稿。")

    def _update_child(
        self, writer: ChangeWriter, child: ChildFile, visit: ChildVisit, visit_day: date, reasons: tuple[str, ...]
    ) -> None:
        if visit.risk_level and visit.risk_level != child.risk_level:
            why = visit.risk_override_reason or "；".join(reasons[:3])
            writer.save(
                ChildChange(
                    child_id=child.id,
                    changed_on=visit_day,
                    field="risk_level",
                    old_value=child.risk_level,
                    new_value=visit.risk_level,
                    reason=f"{visit_day.isoformat()}探访：{why}"[:500],
                )
            )
            child.risk_level = RiskLevel(visit.risk_level)
            child.risk_override_reason = visit.risk_override_reason
        if child.last_visit_on is None or visit_day >= child.last_visit_on:
            child.last_visit_on = visit_day
            child.next_visit_due = visit.next_visit_due
        writer.save(child)
