"""Status changes of a child's file (变更/注销): category, guardian, closure, each kept in its change history."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Engine

from fieldvisit.domain.base import RecordState
from fieldvisit.domain.child_rules import first_visit_due
from fieldvisit.domain.children import ChildCategory, ChildChange, ChildFile, ChildStatus, ClosureReason, RiskLevel
from fieldvisit.domain.numbering import format_child_file_no
from fieldvisit.domain.shared import AuditKind, Role
from fieldvisit.domain.types import Clock, today_local
from fieldvisit.store.changes import Actor, ChangeWriter, write_changes
from fieldvisit.store.services.drafts import DraftService, form
from fieldvisit.store.services.numbers import next_free, numbers_like, template_prefix
from fieldvisit.store.services.records import Outcome, blocking_issues, refused, staff

FILE_FORM = "child_file"


class ChildFileService:
    """New files (排查发现 → 在册), and changes that must leave a trace: who changed what, from what, why."""

    def __init__(self, engine: Engine, actor: Actor, clock: Clock, drafts: DraftService) -> None:
        self.engine = engine
        self.actor = actor
        self.clock = clock
        self.drafts = drafts

    def start_file(self, town_code: str, village_id: str = "") -> str:
        """A new file in draft (排查发现/待核实) with its number; the worker becomes its child director."""
        with write_changes(self.engine, self.actor, clock=self.clock) as writer:

            def make(seq: int) -> str:
                return format_child_file_no(town_code, seq)

            used = numbers_like(writer.session, ChildFile.file_no, template_prefix(make))  # type: ignore[arg-type]
            _, number = next_free(used, make, len(used) + 1)
            user = staff(writer.session, self.actor.user_id)
            child = ChildFile(
                form_id=FILE_FORM,
                form_version=form(FILE_FORM).version,
                state=RecordState.DRAFT,
                file_no=number,
                name="",
                town_code=town_code,
                village_id=village_id or (user.village_ids[0] if user and user.village_ids else ""),
                status=ChildStatus.DISCOVERED,
                risk_level=RiskLevel.GREEN,
                director_id=user.id if user is not None and user.role == Role.CHILD_DIRECTOR else "",
                listed_at=today_local(self.clock),
            )
            writer.save(child)
            return child.id

    def finalize_file(self, child_id: str) -> Outcome:
        """Check the new file; if sound, put the child on the list (在册) with the first visit due in 5 working days."""
        draft = self.drafts.load(FILE_FORM, child_id)
        if draft.final:
            return Outcome(False, child_id, (), "该档案已登记在册。")
        errors, warnings = blocking_issues(self.drafts, draft)
        if errors:
            return refused(child_id, errors, warnings)
        with write_changes(self.engine, self.actor, clock=self.clock) as writer:
            child = writer.session.get(ChildFile, child_id)
            assert child is not None
            self.drafts.apply(writer, form(FILE_FORM), child, draft.values, final=True)
            child.state = RecordState.FINAL
            if child.status == ChildStatus.DISCOVERED:
                child.status = ChildStatus.ACTIVE
            child.listed_at = child.listed_at or today_local(self.clock)
            if child.next_visit_due is None and child.status == ChildStatus.ACTIVE:
                child.next_visit_due = first_visit_due(child.listed_at, self.drafts.calendar(), self.drafts.params())
            writer.save(child, audit=AuditKind.FINALIZE)
        return Outcome(True, child_id, tuple(warnings), "儿童档案已登记在册。")

    def record_open(self, child_id: str) -> None:
        """Every opening of a child's file is an audit event (synced to the bureau)."""
        with write_changes(self.engine, self.actor, clock=self.clock) as writer:
            child = writer.session.get(ChildFile, child_id)
            if child is not None:
                writer.audit(AuditKind.OPEN, child)

    def change_category(self, child_id: str, category: ChildCategory | str, reason: str) -> Outcome:
        """Move the child to another category (儿童类别变更)."""
        new = ChildCategory(category)
        return self._change(
            child_id, "primary_category", new.value, reason, lambda c: setattr(c, "primary_category", new)
        )

    def change_guardian(self, child_id: str, guardian: dict[str, Any], reason: str) -> Outcome:
        """Record a new guardian (监护人变更)."""
        name = str(guardian.get("name", "")).strip()
        if not name:
            return Outcome(False, child_id, (), "请填写新监护人姓名。")

        def apply(child: ChildFile) -> None:
            child.guardian = {**(child.guardian or {}), **guardian}

        return self._change(
            child_id, "guardian", name, reason, apply, old=lambda c: str((c.guardian or {}).get("name", ""))
        )

    def close(self, child_id: str, closure: ClosureReason | str, reason: str, on: date | None = None) -> Outcome:
        """Close the file (注销) with its reason; it leaves the visit schedule."""
        why = ClosureReason(closure)
        day = on or today_local(self.clock)

        def apply(child: ChildFile) -> None:
            child.status = ChildStatus.CLOSED
            child.closure_reason = why
            child.closed_on = day
            child.next_visit_due = None

        return self._change(
            child_id,
            "status",
            ChildStatus.CLOSED.value,
            f"{why.zh}：{reason}".rstrip("："),
            apply,
            old=lambda c: c.status,
        )

    def _change(
        self,
        child_id: str,
        field: str,
        new_value: str,
        reason: str,
        apply: Any,
        *,
        old: Any = None,
    ) -> Outcome:
        if not reason.strip():
            return Outcome(False, child_id, (), "请填写变更理由。")
        with write_changes(self.engine, self.actor, clock=self.clock) as writer:
            child = writer.session.get(ChildFile, child_id)
            if child is None:
                raise LookupError(child_id)
            if child.status == ChildStatus.CLOSED:
                return Outcome(False, child_id, (), "该儿童档案已注销。")
            old_value = old(child) if old else str(getattr(child, field, ""))
            if old_value == new_value:
                return Outcome(False, child_id, (), "新值与原值相同，无需变更。")
            apply(child)
            writer.save(child)
            self._history(writer, child_id, field, str(old_value), new_value, reason)
        return Outcome(True, child_id, (), "变更已保存，并记入变更记录。")

    def _history(self, writer: ChangeWriter, child_id: str, field: str, old: str, new: str, reason: str) -> None:
        writer.save(
            ChildChange(
                child_id=child_id,
                changed_on=today_local(self.clock),
                field=field,
                old_value=old[:500],
                new_value=new[:500],
                reason=reason.strip()[:500],
            )
        )
