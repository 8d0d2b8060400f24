"""Signing a workspace in to a bureau: device enrollment, the session facts, and tokens held in the SecretStore."""

from __future__ import annotations

import json
import logging
import platform
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fieldvisit import __version__
from fieldvisit.domain.ids import new_id
from fieldvisit.security.secret_store import SecretStore, SecretStoreError
from fieldvisit.store.sync_state import Key, get_setting, put_setting
from fieldvisit.store.workspace import Workspace
from fieldvisit.sync.protocol import PROTOCOL_VERSION, LoginRequest, RefreshRequest, TokenGrant, UserInfo
from fieldvisit.sync.transport import DeviceRevokedError, PermanentError, SignInRequiredError, SyncError, Transport

log = logging.getLogger(__name__)
_REFRESH_MARGIN_SECONDS = 30.0


@dataclass(frozen=True)
class BureauSession:
    """Which bureau this workspace syncs with, as which device, for which user (kept in the workspace)."""

    bureau_url: str
    device_id: str
    user: UserInfo

    def to_json(self) -> dict[str, Any]:
        """The form stored in the `setting` table."""
        return {"bureau_url": self.bureau_url, "device_id": self.device_id, "user": self.user.model_dump()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BureauSession:
        """Read what `to_json` stored."""
        return cls(bureau_url=data["bureau_url"], device_id=data["device_id"], user=UserInfo(**data["user"]))


def load_session(workspace: Workspace) -> BureauSession | None:
    """The workspace's bureau session, or None before the first sign-in."""
    with workspace.engine.connect() as connection:
        data = get_setting(connection, Key.SESSION)
    return BureauSession.from_json(data) if data else None


def save_session(workspace: Workspace, session: BureauSession) -> None:
    """Store the session facts (no secrets: tokens live in the SecretStore)."""
    with workspace.engine.begin() as connection:
        put_setting(connection, Key.SESSION, session.to_json())


class Credentials:
    """The device's tokens, kept in the SecretStore under the workspace's id; expiry is tracked on the
    monotonic clock, so a wrong wall clock neither keeps a stale token nor throws away a good one."""

    def __init__(
        self, secret_store: SecretStore, workspace_id: str, *, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        self.secret_store = secret_store
        self.name = f"bureau-tokens:{workspace_id}"
        self._monotonic = monotonic
        self._expires_at: float | None = None

    def _load(self) -> dict[str, str]:
        raw = self.secret_store.get(self.name)
        if not raw:
            return {}
        try:
            data = json.loads(raw)
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}

    def save(self, grant: TokenGrant) -> None:
        """Keep a new grant."""
        self.secret_store.set(self.name, json.dumps({"access": grant.access_token, "refresh": grant.refresh_token}))
        self._expires_at = self._monotonic() + grant.expires_in

    def access_token(self) -> str | None:
        """The current access token, if any."""
        return self._load().get("access")

    def refresh_token(self) -> str | None:
        """The refresh token, if any."""
        return self._load().get("refresh")

    def expiring(self) -> bool:
        """Whether the access token is known to expire within a few seconds."""
        return self._expires_at is not None and self._monotonic() > self._expires_at - _REFRESH_MARGIN_SECONDS

    def forget(self) -> None:
        """Drop the tokens (signed out, revoked, wiped)."""
        try:
            self.secret_store.delete(self.name)
        except SecretStoreError:
            log.warning("could not remove tokens from %s", self.secret_store.backend_name)
        self._expires_at = None


def refresh_tokens(transport: Transport, credentials: Credentials, device_id: str) -> bool:
    """Trade the refresh token for a new access token; False when the user must sign in again."""
    refresh = credentials.refresh_token()
    if not refresh:
        return False
    try:
        grant = transport.call(
            "POST",
            "/auth/refresh",
            TokenGrant,
            auth=False,
            json=RefreshRequest(refresh_token=refresh, device_id=device_id).model_dump(),
        )
    except (PermanentError, SignInRequiredError):
        return False
    credentials.save(grant)
    return True


def sign_in(
    workspace: Workspace,
    *,
    bureau_url: str,
    username: str,
    password: str,
    secret_store: SecretStore,
    device_name: str = "",
    transport: Transport | None = None,
) -> BureauSession:
    """Sign in online: the bureau checks the password and enrolls this device (the first time); the tokens go
    to the SecretStore. A workspace belongs to one user: another user is refused."""
    existing = load_session(workspace)
    device_id = existing.device_id if existing else new_id()
    own = transport is None
    transport = transport or Transport(bureau_url)
    try:
        grant = transport.call(
            "POST",
            "/auth/login",
            TokenGrant,
            auth=False,
            json=LoginRequest(
                username=username,
                password=password,
                device_id=device_id,
                device_name=(device_name or platform.node())[:200],
                client_version=__version__,
                protocol=PROTOCOL_VERSION,
            ).model_dump(),
        )
    except DeviceRevokedError:
        raise
    except PermanentError as exc:
        raise SyncError(str(exc), exc.message_zh) from exc
    finally:
        if own:
            transport.close()
    if existing is not None and existing.user.id != grant.user.id:
        raise SyncError("workspace belongs to another user", "此设备上的数据属于另一位用户，不能用该账户登录")
    Credentials(secret_store, workspace.info.workspace_id).save(grant)
    session = BureauSession(bureau_url=bureau_url.rstrip("/"), device_id=grant.device_id, user=grant.user)
    save_session(workspace, session)
    return session
