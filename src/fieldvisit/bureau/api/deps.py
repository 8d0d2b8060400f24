"""Request dependencies: the service state, and the authenticated device (with or without a retiring one)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import Engine

from fieldvisit.bureau import devices
from fieldvisit.bureau.blobs import BlobStore
from fieldvisit.bureau.config import Settings
from fieldvisit.bureau.errors import BureauError
from fieldvisit.bureau.pull import DigestCache
from fieldvisit.domain.types import Clock
from fieldvisit.sync.protocol import MIN_PROTOCOL_VERSION, ErrorCode


@dataclass(frozen=True)
class BureauState:
    """What every handler may need: settings, the database engine, attachment storage and the clock."""

    settings: Settings
    engine: Engine
    blobs: BlobStore
    clock: Clock
    digests: DigestCache = field(default_factory=DigestCache)


def get_state(request: Request) -> BureauState:
    """The state created by `create_app`."""
    return request.app.state.bureau  # type: ignore[no-any-return]


StateDep = Annotated[BureauState, Depends(get_state)]


def _bearer(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise BureauError(401, ErrorCode.TOKEN_INVALID, "需要登录", headers={"WWW-Authenticate": "Bearer"})
    return token.strip()


def current_device(request: Request, state: StateDep) -> devices.DeviceSession:
    """The device making the request; a retiring device is still let in (to upload before it wipes)."""
    return devices.authenticate(state.engine, state.settings, _bearer(request), now=state.clock(), allow_retiring=True)


def reading_device(request: Request, state: StateDep) -> devices.DeviceSession:
    """The device making a request that reads data: retiring devices are refused."""
    return devices.authenticate(state.engine, state.settings, _bearer(request), now=state.clock(), allow_retiring=False)


DeviceDep = Annotated[devices.DeviceSession, Depends(current_device)]
ReaderDep = Annotated[devices.DeviceSession, Depends(reading_device)]


def require_current_protocol(protocol: int) -> None:
    """Refuse reads from a client too old to understand them (it may still upload its outbox)."""
    if protocol < MIN_PROTOCOL_VERSION:
        raise BureauError(426, ErrorCode.UPDATE_REQUIRED, "客户端版本过旧，请在上传数据后升级")
