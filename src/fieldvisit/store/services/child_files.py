"""Status changes of a child's file (变更/注销): category, guardian, closure, each kept in its change history."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Engine

from fieldvisit.domain.children import ChildCategory, ChildChange, ChildFile, ChildStatus, ClosureReason
from fieldvisit.domain.shared import AuditKind
from fieldvisit.domain.types import Clock, today_local
from fieldvisit.store.changes import Actor, ChangeWriter, write_changes
from fieldvisit.store.services.records import Outcome


class ChildFileService:
    """Changes to a child's file that must leave a trace: who changed what, from what, to what, and why."""

    def __init__(self, engine: Engine, actor: Actor, clock: Clock) -> None:
        self.engine = engine
        self.actor = actor
        self.clock = clock

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
