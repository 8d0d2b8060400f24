"""Sign-in, device enrollment, token refresh, and the device registry (last sync, pending, revocation)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, select, update

from fieldvisit.bureau import auth
from fieldvisit.bureau.config import Settings
from fieldvisit.bureau.db import read_transaction, run_write, single_read
from fieldvisit.bureau.errors import BureauError
from fieldvisit.bureau.mutations import Caller
from fieldvisit.bureau.scope import user_keys
from fieldvisit.bureau.tables import credential, device, metadata, receipt, refresh_token
from fieldvisit.sync.protocol import DeviceState, ErrorCode, LoginRequest, RefreshRequest, TokenGrant, UserInfo

staff_user = metadata.tables["staff_user"]
_REVOKED_ACTIONS = {DeviceState.STOLEN: "wipe", DeviceState.WIPED: "wipe", DeviceState.RETIRE: "upload_then_wipe"}
_RENEW_REFRESH_WITHIN = timedelta(days=7)


@dataclass(frozen=True)
class DeviceSession:
    """An authenticated request's device and user, with the user's scope keys."""

    device: dict[str, Any]
    user: dict[str, Any]

    @property
    def keys(self) -> frozenset[str]:
        """The scope keys of the device's user."""
        return user_keys(self.user)

    @property
    def caller(self) -> Caller:
        """The pushing party as the mutation engine knows it."""
        return Caller(user_id=str(self.user["id"]), device_id=str(self.device["id"]), keys=self.keys)

    @property
    def state(self) -> DeviceState:
        """What the bureau wants the device to do."""
        return DeviceState(self.device["state"])


def user_info(user: dict[str, Any]) -> UserInfo:
    """The user as the device is told about it."""
    return UserInfo(
        id=user["id"],
        username=user["username"],
        display_name=user["display_name"],
        role=user["role"],
        town_codes=list(user["town_codes"] or []),
        village_ids=list(user["village_ids"] or []),
    )


def revoked_error(state: DeviceState) -> BureauError:
    """The refusal a revoked device gets, telling it whether to wipe now or upload first."""
    if state == DeviceState.RETIRE:
        return BureauError(
            403,
            ErrorCode.DEVICE_RETIRING,
            "此设备已停用：请先上传未同步的数据，随后将清除本机数据",
            action="upload_then_wipe",
        )
    return BureauError(
        403, ErrorCode.DEVICE_REVOKED, "此设备已被吊销，本机数据将被清除", action=_REVOKED_ACTIONS[state]
    )


def _grant(
    connection: Connection, settings: Settings, device_row: dict[str, Any], user: dict[str, Any], now: datetime
) -> TokenGrant:
    refresh = auth.new_refresh_token()
    expires = now + timedelta(days=settings.refresh_token_days)
    connection.execute(
        refresh_token.insert(),
        [
            {
                "token_hash": auth.refresh_token_hash(refresh),
                "device_id": device_row["id"],
                "created_at": now,
                "expires_at": expires,
            }
        ],
    )
    return _token_grant(settings, device_row, user, now, refresh, expires)


def _token_grant(
    settings: Settings, device_row: dict[str, Any], user: dict[str, Any], now: datetime, refresh: str, expires: datetime
) -> TokenGrant:
    return TokenGrant(
        access_token=auth.issue_access_token(settings, device_id=device_row["id"], user_id=user["id"], now=now),
        refresh_token=refresh,
        expires_in=settings.access_token_seconds,
        refresh_expires_in=int((expires - now).total_seconds()),
        device_id=device_row["id"],
        user=user_info(user),
    )


def login(engine: Engine, settings: Settings, request: LoginRequest, *, now: datetime) -> TokenGrant:
    """Check the password, enroll the device at its first sign-in, and grant tokens bound to it."""
    with read_transaction(engine) as connection:
        row = connection.execute(
            select(staff_user, credential.c.password_hash)
            .join(credential, credential.c.user_id == staff_user.c.id)
            .where(staff_user.c.username == request.username)
        ).first()
    user = dict(row._mapping) if row is not None else None
    if not auth.verify_password(settings, user["password_hash"] if user else None, request.password):
        raise BureauError(401, ErrorCode.BAD_CREDENTIALS, "用户名或密码错误")
    assert user is not None
    if not user["active"]:
        raise BureauError(403, ErrorCode.FORBIDDEN, "该账户已停用")
    user.pop("password_hash")

    def enroll(connection: Connection) -> TokenGrant:
        existing = connection.execute(select(device).where(device.c.id == request.device_id)).first()
        if existing is None:
            device_row = {
                "id": request.device_id,
                "user_id": user["id"],
                "name": request.device_name,
                "state": DeviceState.ACTIVE.value,
                "enrolled_at": now,
                "last_seen_at": now,
                "last_sync_at": None,
                "pending_count": 0,
                "client_version": request.client_version,
                "protocol": request.protocol,
                "revoked_at": None,
                "wiped_at": None,
            }
            connection.execute(device.insert(), [device_row])
        else:
            device_row = dict(existing._mapping)
            if device_row["user_id"] != user["id"]:
                raise BureauError(403, ErrorCode.FORBIDDEN, "此设备已登记给其他用户")
            if device_row["state"] != DeviceState.ACTIVE:
                raise revoked_error(DeviceState(device_row["state"]))
        return _grant(connection, settings, device_row, user, now)

    return run_write(engine, enroll)


def refresh(engine: Engine, settings: Settings, request: RefreshRequest, *, now: datetime) -> TokenGrant:
    """A new access token for a valid refresh token of an active device (a new refresh token near expiry)."""

    def work(connection: Connection) -> TokenGrant:
        token_hash = auth.refresh_token_hash(request.refresh_token)
        row = connection.execute(
            select(refresh_token).where(
                refresh_token.c.token_hash == token_hash, refresh_token.c.device_id == request.device_id
            )
        ).first()
        if row is None or row.expires_at <= now:
            raise BureauError(401, ErrorCode.TOKEN_INVALID, "登录已过期，请重新登录")
        session = _load_session(connection, request.device_id)
        if session is None:
            raise BureauError(401, ErrorCode.TOKEN_INVALID, "登录已过期，请重新登录")
        if session.state in (DeviceState.STOLEN, DeviceState.WIPED):
            raise revoked_error(session.state)
        if not session.user["active"]:
            raise BureauError(403, ErrorCode.FORBIDDEN, "该账户已停用")
        if row.expires_at - now < _RENEW_REFRESH_WITHIN:
            return _grant(connection, settings, session.device, session.user, now)
        return _token_grant(settings, session.device, session.user, now, request.refresh_token, row.expires_at)

    return run_write(engine, work)


_SESSION_QUERY = select(*device.c, *(column.label(f"staff_user_{column.name}") for column in staff_user.c)).join(
    staff_user, staff_user.c.id == device.c.user_id
)


def _load_session(connection: Connection, device_id: str) -> DeviceSession | None:
    """The device and its user, read in one statement."""
    row = connection.execute(_SESSION_QUERY.where(device.c.id == device_id)).first()
    if row is None:
        return None
    values = tuple(row)
    return DeviceSession(
        device=dict(zip(device.c.keys(), values[: len(device.c)], strict=True)),
        user=dict(zip(staff_user.c.keys(), values[len(device.c) :], strict=True)),
    )


def authenticate(
    engine: Engine, settings: Settings, token: str, *, now: datetime, allow_retiring: bool
) -> DeviceSession:
    """The device and user behind an access token, or a BureauError (401 to refresh, 403 when revoked)."""
    try:
        claims = auth.read_access_token(settings, token, now=now)
    except auth.TokenError as exc:
        raise BureauError(401, exc.code, "登录已过期" if exc.code == ErrorCode.TOKEN_EXPIRED else "凭证无效") from None
    with single_read(engine) as connection:
        session = _load_session(connection, claims.device_id)
    if session is None or session.user["id"] != claims.user_id:
        raise BureauError(401, ErrorCode.TOKEN_INVALID, "凭证无效")
    state = session.state
    if state in (DeviceState.STOLEN, DeviceState.WIPED) or (state == DeviceState.RETIRE and not allow_retiring):
        raise revoked_error(state)
    if not session.user["active"]:
        raise BureauError(403, ErrorCode.FORBIDDEN, "该账户已停用")
    return session


def record_hello(
    engine: Engine, device_id: str, *, pending: int, client_version: str, protocol: int, now: datetime
) -> None:
    """Note that a device is syncing, with what it still has to send."""
    run_write(
        engine,
        lambda connection: connection.execute(
            update(device)
            .where(device.c.id == device_id)
            .values(
                last_seen_at=now,
                last_sync_at=now,
                pending_count=pending,
                client_version=client_version,
                protocol=protocol,
            )
        ),
    )


def revoke(engine: Engine, device_id: str, state: DeviceState, *, now: datetime) -> None:
    """Revoke a device: RETIRE (it uploads, then wipes) or STOLEN (it wipes at once). Its tokens stay on file
    only so that the device, when it next calls, is told to wipe rather than merely to sign in again."""
    if state not in (DeviceState.RETIRE, DeviceState.STOLEN):
        raise ValueError("a device is revoked as RETIRE or STOLEN")

    def work(connection: Connection) -> None:
        result = connection.execute(update(device).where(device.c.id == device_id).values(state=state, revoked_at=now))
        if result.rowcount == 0:
            raise KeyError(device_id)

    run_write(engine, work)


def mark_wiped(engine: Engine, device_id: str, *, now: datetime) -> None:
    """A revoked device reports that it wiped its store; it can never sign in again."""

    def work(connection: Connection) -> None:
        connection.execute(
            update(device)
            .where(device.c.id == device_id, device.c.state != DeviceState.ACTIVE)
            .values(state=DeviceState.WIPED, wiped_at=now, pending_count=0)
        )
        connection.execute(delete(refresh_token).where(refresh_token.c.device_id == device_id))

    run_write(engine, work)


def list_devices(engine: Engine) -> list[dict[str, Any]]:
    """Every device with its user, state, last sync, pending count reported, and mutations received."""
    received = select(receipt.c.device_id, func.count().label("received")).group_by(receipt.c.device_id).subquery()
    query = (
        select(
            device,
            staff_user.c.username,
            staff_user.c.display_name,
            func.coalesce(received.c.received, 0).label("received"),
        )
        .join(staff_user, staff_user.c.id == device.c.user_id)
        .outerjoin(received, received.c.device_id == device.c.id)
        .order_by(staff_user.c.username, device.c.enrolled_at)
    )
    with read_transaction(engine) as connection:
        return [dict(row._mapping) for row in connection.execute(query)]
