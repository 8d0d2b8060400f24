"""Signing this computer in to the bureau (no Qt): the first sign-in creates the workspace, later ones renew it.

These steps would sit well in `store/services/access.py`; they live here until the store offers them.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fieldvisit.domain.types import Clock
from fieldvisit.security.keys import KdfParams
from fieldvisit.security.secret_store import SecretStore
from fieldvisit.store.services.access import OpenSession
from fieldvisit.store.services.settings import SettingsService
from fieldvisit.store.workspace import BACKUPS_DIR, DB_FILE, INFO_FILE, VAULT_DIR, Workspace, create_workspace
from fieldvisit.sync.session import BureauSession, sign_in

log = logging.getLogger(__name__)

CREATED = (INFO_FILE, DB_FILE, f"{DB_FILE}-wal", f"{DB_FILE}-shm", VAULT_DIR, BACKUPS_DIR)
"""What creating a workspace puts in its folder (removed again when the first sign-in fails)."""


def bureau_address(text: str) -> str:
    """The server address as typed, made a URL: https:// unless a scheme is given, no trailing slash."""
    address = text.strip().rstrip("/")
    if address and "://" not in address:
        address = "https://" + address
    return address


def open_session(workspace: Workspace) -> OpenSession:
    """The app session of a workspace already open (who works on it is the signed-in bureau user)."""
    settings = SettingsService(workspace.engine)
    return OpenSession(workspace, settings.current_user(), settings, settings.device_id())


def adopt(workspace: Workspace, session: BureauSession) -> None:
    """The enrolled device id and the signed-in user become this workspace's device and current user."""
    settings = SettingsService(workspace.engine)
    settings.set("device_id", session.device_id)
    settings.set_current_user(session.user.id)


def enroll(
    path: Path,
    *,
    bureau_url: str,
    username: str,
    password: str,
    secret_store: SecretStore,
    clock: Clock,
    kdf_params: KdfParams | None = None,
    first_sync: Callable[[Workspace], Any] | None = None,
) -> OpenSession:
    """First sign-in on this computer: a new workspace protected by the same password (so it unlocks offline
    afterwards), the device enrolled at the bureau, then `first_sync` (the first download) before it opens.
    If the bureau refuses, nothing is left behind and the first-run screen can try again."""
    workspace = create_workspace(path, password, kdf_params=kdf_params, secret_store=secret_store, clock=clock)
    try:
        session = sign_in(
            workspace, bureau_url=bureau_url, username=username, password=password, secret_store=secret_store
        )
    except BaseException:
        workspace.engine.dispose()
        for name in CREATED:
            target = path / name
            if target.is_dir():
                shutil.rmtree(target, ignore_errors=True)
            else:
                target.unlink(missing_ok=True)
        raise
    adopt(workspace, session)
    if first_sync is not None:
        try:
            first_sync(workspace)
        except Exception as exc:  # the workspace is signed in and sound; the next sync fetches what is missing
            log.warning("first download after sign-in failed: %s", type(exc).__name__, exc_info=exc)
    return open_session(workspace)


def sign_in_again(
    workspace: Workspace, *, bureau_url: str, username: str, password: str, secret_store: SecretStore
) -> BureauSession:
    """Sign an existing workspace in (first time, or after the tokens expired)."""
    session = sign_in(workspace, bureau_url=bureau_url, username=username, password=password, secret_store=secret_store)
    adopt(workspace, session)
    return session
