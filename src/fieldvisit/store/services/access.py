"""Opening a workspace for the app: unlock by password or cached key, first-run demo creation, the actor."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from fieldvisit.domain.shared import AuditKind, User
from fieldvisit.domain.types import Clock, today_local, utc_now
from fieldvisit.security.keys import KdfParams
from fieldvisit.security.secret_store import SecretStore
from fieldvisit.store.services.settings import SettingsService
from fieldvisit.store.workspace import (
    DEMO_PASSWORD,
    Workspace,
    create_workspace,
    is_workspace,
    open_workspace,
    read_info,
    unlock_key,
)

if TYPE_CHECKING:
    from fieldvisit.store.changes import Actor

DEMO_LABEL = "演示数据"


@dataclass(frozen=True)
class WorkspaceFacts:
    """What the unlock screen may show before the password is given (nothing secret)."""

    path: Path
    exists: bool
    demo: bool = False
    label: str = ""


@dataclass
class OpenSession:
    """An unlocked workspace with who is working in it."""

    workspace: Workspace
    user: User | None
    settings: SettingsService
    device_id: str

    @cached_property
    def actor(self) -> Actor:
        """Who writes changes (the change writer is imported with it, after start-up: it pulls in pinyin)."""
        from fieldvisit.store.changes import Actor

        return Actor(user_id=self.user.id if self.user else "", device_id=self.device_id)

    @property
    def demo(self) -> bool:
        """Whether this is a demo workspace (演示数据)."""
        return self.workspace.info.demo


def workspace_facts(path: Path) -> WorkspaceFacts:
    """Whether a workspace is at `path`, and whether it is a demo one."""
    if not is_workspace(path):
        return WorkspaceFacts(path, False)
    info = read_info(path)
    return WorkspaceFacts(path, True, info.demo, info.label)


def unlock_with_password(
    path: Path, password: str, *, secret_store: SecretStore | None = None, clock: Clock = utc_now
) -> OpenSession:
    """Unwrap the key with `password` and open; raises WrongPasswordError, WorkspaceError or MigrationError.

    The unlock is audited with `record_unlock` once the app is shown.
    """
    key = unlock_key(path, password)
    workspace = open_workspace(path, key=key, secret_store=secret_store, clock=clock)
    return _session(workspace)


def open_unlocked(path: Path, key: bytes, *, clock: Clock = utc_now) -> OpenSession:
    """Open the workspace whose key `quick_open` already unwrapped (migrating it first if it must be)."""
    return _session(open_workspace(path, key=key, clock=clock))


def create_demo(
    path: Path,
    *,
    clock: Clock = utc_now,
    scale: float = 1.0,
    kdf_params: KdfParams | None = None,
    secret_store: SecretStore | None = None,
    today: date | None = None,
) -> OpenSession:
    """Create the demo workspace (演示数据, password DEMO_PASSWORD) filled with generated records, and open it."""
    from fieldvisit.store.demo import generate_demo

    workspace = create_workspace(
        path, DEMO_PASSWORD, demo=True, label=DEMO_LABEL, kdf_params=kdf_params, secret_store=secret_store, clock=clock
    )
    generate_demo(workspace.engine, today=today or today_local(clock), scale=scale)
    return _session(workspace)


def record_unlock(session: OpenSession) -> None:
    """The audit event of an unlock (written after the dashboard shows, off the start-up path)."""
    from fieldvisit.store.changes import write_changes

    with write_changes(session.workspace.engine, session.actor, clock=session.workspace.clock) as writer:
        writer.audit(AuditKind.UNLOCK)


def switch_user(session: OpenSession, user_id: str) -> OpenSession:
    """The same workspace with another staff account working (demo workspaces let testers try each role)."""
    session.settings.set_current_user(user_id)
    return _session(session.workspace)


def _session(workspace: Workspace) -> OpenSession:
    settings = SettingsService(workspace.engine)
    return OpenSession(workspace, settings.current_user(), settings, settings.device_id())
