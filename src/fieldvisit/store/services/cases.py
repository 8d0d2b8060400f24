"""Burial enforcement: patrols, grave cases through the state machine, notices with numbers, re-inspections."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from fieldvisit.domain.base import RecordState
from fieldvisit.domain.burial import (
    CaseEvent,
    CaseSource,
    CaseStatus,
    GraveCase,
    Patrol,
    PatrolMode,
    RectificationNotice,
    Reinspection,
    ReinspectionConclusion,
    ReinspectionResult,
    ViolationType,
)
from fieldvisit.domain.burial_rules import TransitionError, allowed_transitions, check_transition, legal_basis_for
from fieldvisit.domain.numbering import default_numbering, format_case_no, format_notice_no, format_patrol_no
from fieldvisit.domain.shared import AuditKind, LegalBasis
from fieldvisit.domain.types import Clock, today_local
from fieldvisit.store.changes import Actor, ChangeWriter, write_changes
from fieldvisit.store.services.drafts import DraftService, form
from fieldvisit.store.services.numbers import next_free, numbers_like, template_prefix
from fieldvisit.store.services.records import Outcome, blocking_issues, refused, staff

# Steps the case page offers as plain buttons; the others happen through a form (notice, re-inspection).
DIRECT_STEPS = frozenset(
    {
        CaseStatus.REGISTERED,
        CaseStatus.VERIFIED,
        CaseStatus.RECTIFYING,
        CaseStatus.REINSPECTION,
        CaseStatus.URGED,
        CaseStatus.ENFORCED,
        CaseStatus.TRANSFERRED,
        CaseStatus.CLOSED,
    }
)
FORM_STEPS = {
    CaseStatus.NOTICE_ISSUED: "rectification_notice",
    CaseStatus.RECTIFIED: "reinspection",
    CaseStatus.NOT_RECTIFIED: "reinspection",
}
EDITABLE_STATUSES = frozenset({CaseStatus.DISCOVERED, CaseStatus.REGISTERED, CaseStatus.VERIFIED})
REVIEW_BODY = "慈溪市人民政府"
COURT = "慈溪市人民法院"


class CaseService:
    """Everything a patrol officer does to the ledger; every status change is checked and kept as an event."""

    def __init__(self, engine: Engine, actor: Actor, clock: Clock, drafts: DraftService) -> None:
        self.engine = engine
        self.actor = actor
        self.clock = clock
        self.drafts = drafts

    # ------------------------------------------------------------------ patrols
    def start_patrol(self, town_code: str) -> str:
        """A patrol draft for today with its number, started now, the worker as first inspector."""
        today = today_local(self.clock)
        with write_changes(self.engine, self.actor, clock=self.clock) as writer:
            session = writer.session

            def make(seq: int) -> str:
                return format_patrol_no(town_code, today, seq)

            used = numbers_like(session, Patrol.patrol_no, template_prefix(make))  # type: ignore[arg-type]
            _, number = next_free(used, make, len(used) + 1)
            patrol = Patrol(
                form_id="patrol",
                form_version=form("patrol").version,
                state=RecordState.DRAFT,
                patrol_no=number,
                town_code=town_code,
                patrol_date=today,
                start_at=self.clock().replace(second=0, microsecond=0),
                inspectors=self._me(session),
                mode=PatrolMode.ON_FOOT,
            )
            writer.save(patrol)
            return patrol.id

    def finalize_patrol(self, patrol_id: str) -> Outcome:
        """Check and lock a patrol record."""
        return self._finalize_plain("patrol", Patrol, patrol_id, "巡查记录已定稿。")

    def register_grave(self, patrol_id: str) -> str:
        """A new ledger record for a grave found on a patrol (发现), linked both ways."""
        with write_changes(self.engine, self.actor, clock=self.clock) as writer:
            session = writer.session
            patrol = session.get(Patrol, patrol_id)
            if patrol is None:
                raise LookupError(patrol_id)
            case = self._new_case(session, patrol.town_code, patrol.patrol_date, CaseSource.PATROL, patrol_id)
            writer.save(case)
            self._event(writer, case, "", CaseStatus.DISCOVERED, f"巡查发现（{patrol.patrol_no}）")
            if patrol.state == RecordState.DRAFT:
                patrol.case_ids = [*patrol.case_ids, case.id]
                patrol.found_issue = True
                writer.save(patrol)
            return case.id

    def new_case(self, town_code: str, source: CaseSource = CaseSource.PUBLIC_REPORT) -> str:
        """A ledger record for a grave reported other than by patrol."""
        with write_changes(self.engine, self.actor, clock=self.clock) as writer:
            case = self._new_case(writer.session, town_code, today_local(self.clock), source, "")
            writer.save(case)
            self._event(writer, case, "", CaseStatus.DISCOVERED, f"{source.zh}")
            return case.id

    def _new_case(
        self, session: Session, town_code: str, found_on: date, source: CaseSource, patrol_id: str
    ) -> GraveCase:
        year = found_on.year

        def make(seq: int) -> str:
            return format_case_no(town_code, year, seq)

        used = numbers_like(session, GraveCase.case_no, template_prefix(make))  # type: ignore[arg-type]
        _, number = next_free(used, make, len(used) + 1)
        return GraveCase(
            form_id="grave_case",
            form_version=form("grave_case").version,
            state=RecordState.DRAFT,
            case_no=number,
            source=source,
            found_on=found_on,
            patrol_id=patrol_id,
            town_code=town_code,
            violation_types=[ViolationType.NEW_ILLEGAL_GRAVE],
            status=CaseStatus.DISCOVERED,
        )

    # ------------------------------------------------------------------ the state machine
    def next_steps(self, status: str) -> list[CaseStatus]:
        """The statuses a case may move to, in the state machine's order (only these are offered)."""
        allowed = allowed_transitions(status)
        return [s for s in CaseStatus if s in allowed]

    def move(self, case_id: str, to: CaseStatus | str, note: str = "") -> Outcome:
        """A plain step (登记, 核查, 进入整改期, 到期复查, 催告, 强制, 移交, 销号); refused if not allowed.

        Registering checks the ledger form (location, violation, three photos…) as final.
        """
        target = CaseStatus(to)
        if target not in DIRECT_STEPS:
            return Outcome(False, case_id, (), "此步骤须通过填写相应文书完成。")
        if target == CaseStatus.REGISTERED:
            draft = self.drafts.load("grave_case", case_id)
            errors, warnings = blocking_issues(self.drafts, draft)
            if errors:
                return refused(case_id, errors, warnings)
        with write_changes(self.engine, self.actor, clock=self.clock) as writer:
            case = writer.session.get(GraveCase, case_id)
            if case is None:
                raise LookupError(case_id)
            try:
                check_transition(case.status, target)
            except TransitionError as exc:
                return Outcome(False, case_id, (), str(exc))
            previous = case.status
            case.status = target
            if target == CaseStatus.CLOSED:
                case.closed_on = today_local(self.clock)
                case.closed_by = self._my_name(writer.session)
            writer.save(case)
            self._event(writer, case, previous, target, note)
        return Outcome(True, case_id, (), f"案件状态已变更为“{target.zh}”。")

    def _event(self, writer: ChangeWriter, case: GraveCase, frm: str, to: CaseStatus, note: str) -> None:
        writer.save(
            CaseEvent(
                case_id=case.id,
                at=self.clock(),
                from_status=frm,
                to_status=to,
                actor=self._my_name(writer.session),
                note=note[:500],
            )
        )

    # ------------------------------------------------------------------ notices
    def start_notice(self, case_id: str) -> str:
        """A notice draft for a verified case, filled from the case, with the legal basis in force today."""
        today = today_local(self.clock)
        with write_changes(self.engine, self.actor, clock=self.clock) as writer:
            session = writer.session
            case = session.get(GraveCase, case_id)
            if case is None:
                raise LookupError(case_id)
            existing = session.exec(
                select(RectificationNotice.id).where(
                    RectificationNotice.case_id == case_id,
                    RectificationNotice.state == RecordState.DRAFT,
                    col(RectificationNotice.deleted).is_(False),
                )
            ).first()
            if existing:
                return existing
            check_transition(case.status, CaseStatus.NOTICE_ISSUED)
            issuer = default_numbering().issuers[0]
            bases = list(session.exec(select(LegalBasis)).all())
            basis = legal_basis_for(today, bases, code="national.burial.order_to_correct")
            user = staff(session, self.actor.user_id)
            days = self.drafts.params().days("burial_rectification_deadline_days", today)
            notice = RectificationNotice(
                form_id="rectification_notice",
                form_version=form("rectification_notice").version,
                state=RecordState.DRAFT,
                case_id=case_id,
                issuer_code=issuer.code,
                issuer_name=issuer.name,
                year=today.year,
                sequence=0,
                notice_no="",
                issued_on=today,
                deadline=today + timedelta(days=days),
                deadline_days=days,
                party=dict(case.party or {}),
                facts=_facts(case),
                remedies=[],
                legal_basis_id=basis.id,
                legal_basis_text=f"{basis.title}{basis.article}：{basis.text}",
                contact_name=user.display_name if user else "",
                contact_phone=user.phone if user else "",
                review_body=REVIEW_BODY,
                court=COURT,
                extra={"violation_types": list(case.violation_types)},
            )
            writer.save(notice)
            return notice.id

    def issue_notice(self, notice_id: str) -> Outcome:
        """Check the notice; if sound, number it (per issuer and year), lock it, and move the case to 已下达通知."""
        draft = self.drafts.load("rectification_notice", notice_id)
        if draft.final:
            return Outcome(False, notice_id, (), "该通知书已下达。")
        errors, warnings = blocking_issues(self.drafts, draft)
        if errors:
            return refused(notice_id, errors, warnings)
        with write_changes(self.engine, self.actor, clock=self.clock) as writer:
            session = writer.session
            notice = session.get(RectificationNotice, notice_id)
            assert notice is not None
            self.drafts.apply(writer, form("rectification_notice"), notice, draft.values, final=True)
            case = session.get(GraveCase, notice.case_id)
            assert case is not None
            try:
                check_transition(case.status, CaseStatus.NOTICE_ISSUED)
            except TransitionError as exc:
                return Outcome(False, notice_id, (), str(exc))
            issuer = default_numbering().issuer(notice.issuer_code)
            year = notice.issued_on.year
            taken = session.exec(
                select(RectificationNotice.issuer_code, RectificationNotice.year, RectificationNotice.sequence)
            ).all()
            start = 1 + max((seq for code, y, seq in taken if code == notice.issuer_code and y == year), default=0)
            used = [str(n) for n in session.exec(select(RectificationNotice.notice_no)).all()]
            notice.sequence, notice.notice_no = next_free(
                used, lambda seq: format_notice_no(issuer.prefix, year, seq), start
            )
            notice.year = year
            notice.state = RecordState.FINAL
            writer.save(notice, audit=AuditKind.FINALIZE)
            previous = case.status
            case.status = CaseStatus.NOTICE_ISSUED
            case.notice_id = notice.id
            case.deadline = notice.deadline
            case.state = RecordState.FINAL
            writer.save(case)
            note = f"下达《责令限期整改通知书》{notice.notice_no}，整改期限至{notice.deadline.isoformat()}"
            self._event(writer, case, previous, CaseStatus.NOTICE_ISSUED, note)
        return Outcome(True, notice_id, tuple(warnings), f"通知书已下达，文号{notice.notice_no}。")

    # ------------------------------------------------------------------ re-inspections
    def start_reinspection(self, case_id: str) -> str:
        """A re-inspection draft for today (the open one if there is one)."""
        with write_changes(self.engine, self.actor, clock=self.clock) as writer:
            session = writer.session
            existing = session.exec(
                select(Reinspection.id).where(
                    Reinspection.case_id == case_id,
                    Reinspection.state == RecordState.DRAFT,
                    col(Reinspection.deleted).is_(False),
                )
            ).first()
            if existing:
                return existing
            if session.get(GraveCase, case_id) is None:
                raise LookupError(case_id)
            reinspection = Reinspection(
                form_id="reinspection",
                form_version=form("reinspection").version,
                state=RecordState.DRAFT,
                case_id=case_id,
                inspected_on=today_local(self.clock),
                inspectors=self._me(session),
                result=ReinspectionResult.NOT_RECTIFIED,
                conclusion=ReinspectionConclusion.CONTINUE,
            )
            writer.save(reinspection)
            return reinspection.id

    def finalize_reinspection(self, reinspection_id: str) -> Outcome:
        """Lock the re-inspection and move the case as its conclusion says (整改到位 / 继续整改 / 未整改)."""
        draft = self.drafts.load("reinspection", reinspection_id)
        if draft.final:
            return Outcome(False, reinspection_id, (), "该复查记录已定稿。")
        errors, warnings = blocking_issues(self.drafts, draft)
        if errors:
            return refused(reinspection_id, errors, warnings)
        with write_changes(self.engine, self.actor, clock=self.clock) as writer:
            session = writer.session
            record = session.get(Reinspection, reinspection_id)
            assert record is not None
            self.drafts.apply(writer, form("reinspection"), record, draft.values, final=True)
            case = session.get(GraveCase, record.case_id)
            assert case is not None
            steps = self._reinspection_path(case.status, record)
            if steps is None:
                current = CaseStatus(case.status).zh
                return Outcome(False, reinspection_id, (), f"案件处于“{current}”状态，不能据此复查结论变更。")
            record.state = RecordState.FINAL
            writer.save(record, audit=AuditKind.FINALIZE)
            note = f"复查（{record.inspected_on.isoformat()}）：{ReinspectionResult(record.result).zh}"
            for target in steps:
                previous = case.status
                case.status = target
                if target == CaseStatus.RECTIFYING and record.new_deadline:
                    case.deadline = record.new_deadline
                self._event(writer, case, previous, target, note)
            writer.save(case)
        return Outcome(True, reinspection_id, tuple(warnings), "复查记录已定稿。")

    def _reinspection_path(self, status: str, record: Reinspection) -> list[CaseStatus] | None:
        conclusion = ReinspectionConclusion(record.conclusion)
        outcome = {
            ReinspectionConclusion.CLOSE: CaseStatus.RECTIFIED,
            ReinspectionConclusion.CONTINUE: CaseStatus.RECTIFYING,
            ReinspectionConclusion.ESCALATE: CaseStatus.NOT_RECTIFIED,
        }[conclusion]
        path: list[CaseStatus] = []
        current = CaseStatus(status)
        if current != CaseStatus.REINSPECTION:
            if CaseStatus.REINSPECTION not in allowed_transitions(current):
                return None
            path.append(CaseStatus.REINSPECTION)
        path.append(outcome)
        return path

    # ------------------------------------------------------------------ helpers
    def _finalize_plain(self, form_id: str, model: Any, record_id: str, done: str) -> Outcome:
        draft = self.drafts.load(form_id, record_id)
        if draft.final:
            return Outcome(False, record_id, (), "该记录已定稿。")
        errors, warnings = blocking_issues(self.drafts, draft)
        if errors:
            return refused(record_id, errors, warnings)
        with write_changes(self.engine, self.actor, clock=self.clock) as writer:
            record = writer.session.get(model, record_id)
            self.drafts.apply(writer, form(form_id), record, draft.values, final=True)
            record.state = RecordState.FINAL
            writer.save(record, audit=AuditKind.FINALIZE)
        return Outcome(True, record_id, tuple(warnings), done)

    def _me(self, session: Session) -> list[dict[str, Any]]:
        user = staff(session, self.actor.user_id)
        return [{"name": user.display_name, "unit": user.unit}] if user else []

    def _my_name(self, session: Session) -> str:
        user = staff(session, self.actor.user_id)
        return user.display_name if user else self.actor.user_id


def _facts(case: GraveCase) -> str:
    known = {member.value for member in ViolationType}
    kinds = "、".join(ViolationType(v).zh for v in case.violation_types if v in known)
    area = f"，占地约{case.area_m2:g}平方米" if case.area_m2 else ""
    where = case.place_name or "（小地名）"
    return f"经查，你于{case.found_on.year}年在{where}建造坟墓一座（{kinds or '违建坟墓'}）{area}。"
