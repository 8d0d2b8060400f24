"""What finalizing any record shares: the final check of its form, and the outcome shown to the worker."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session

from fieldvisit.domain.shared import User
from fieldvisit.formspec import Issue
from fieldvisit.store.services.drafts import Draft, DraftService


@dataclass(frozen=True)
class Outcome:
    """The result of a step such as finalize: done or not, and the problems to show (errors and warnings)."""

    ok: bool
    record_id: str
    issues: tuple[Issue, ...] = field(default_factory=tuple)
    message_zh: str = ""

    @property
    def errors(self) -> tuple[Issue, ...]:
        """The problems that stopped the step."""
        return tuple(i for i in self.issues if i.severity == "error")


def blocking_issues(drafts: DraftService, draft: Draft) -> tuple[list[Issue], list[Issue]]:
    """(errors, warnings) of a draft checked as final: every rule of its form, every answer kept as typed."""
    issues = drafts.issues(draft, final=True)
    return [i for i in issues if i.severity == "error"], [i for i in issues if i.severity != "error"]


def refused(record_id: str, errors: list[Issue], warnings: list[Issue]) -> Outcome:
    """The outcome of a finalize that found problems."""
    return Outcome(False, record_id, tuple(errors + warnings), f"还有{len(errors)}处需要填写或更正，暂不能定稿。")


def staff(session: Session, user_id: str) -> User | None:
    """A staff account, detached."""
    user = session.get(User, user_id) if user_id else None
    if user is not None:
        session.expunge(user)
    return user
