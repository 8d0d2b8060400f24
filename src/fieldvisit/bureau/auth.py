"""Accounts and tokens: Argon2id password hashes, signed short-lived access tokens, hashed refresh tokens."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from fieldvisit.bureau.config import Settings
from fieldvisit.sync.protocol import ErrorCode

_TOKEN_PREFIX = "fv1"
# Verified when a user is unknown, so that a wrong username costs as much time as a wrong password.
_DUMMY_PASSWORD = "not-a-real-password"


class TokenError(Exception):
    """An access token is not valid; `code` says whether it expired or is bad."""

    def __init__(self, code: ErrorCode) -> None:
        super().__init__(code.value)
        self.code = code


def password_hasher(settings: Settings) -> PasswordHasher:
    """The Argon2id hasher with the configured costs."""
    return _hasher(settings.password_time_cost, settings.password_memory_kib)


@cache
def _hasher(time_cost: int, memory_kib: int) -> PasswordHasher:
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_kib, parallelism=2)


@cache
def _dummy_hash(time_cost: int, memory_kib: int) -> str:
    return _hasher(time_cost, memory_kib).hash(_DUMMY_PASSWORD)


def hash_password(settings: Settings, password: str) -> str:
    """An Argon2id hash of `password` for storage."""
    return password_hasher(settings).hash(password)


def verify_password(settings: Settings, stored_hash: str | None, password: str) -> bool:
    """Whether `password` matches; with no stored hash a dummy verification still runs (no timing oracle)."""
    hasher = password_hasher(settings)
    if stored_hash is None:
        with contextlib.suppress(VerificationError):
            hasher.verify(_dummy_hash(settings.password_time_cost, settings.password_memory_kib), password)
        return False
    try:
        return hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@dataclass(frozen=True)
class AccessClaims:
    """What an access token says: which device of which user, until when (bureau clock, epoch seconds)."""

    device_id: str
    user_id: str
    expires: int


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _sign(settings: Settings, body: str) -> str:
    key = settings.secret_key.get_secret_value().encode()
    return _b64(hmac.new(key, f"{_TOKEN_PREFIX}.{body}".encode(), hashlib.sha256).digest())


def issue_access_token(settings: Settings, *, device_id: str, user_id: str, now: datetime) -> str:
    """A signed access token for one device, valid for the configured number of seconds."""
    claims = {"d": device_id, "u": user_id, "e": int(now.timestamp()) + settings.access_token_seconds}
    body = _b64(json.dumps(claims, separators=(",", ":")).encode())
    return f"{_TOKEN_PREFIX}.{body}.{_sign(settings, body)}"


def read_access_token(settings: Settings, token: str, *, now: datetime) -> AccessClaims:
    """The claims of a genuine, unexpired access token; TokenError otherwise."""
    parts = token.split(".")
    if len(parts) != 3 or parts[0] != _TOKEN_PREFIX:
        raise TokenError(ErrorCode.TOKEN_INVALID)
    body, signature = parts[1], parts[2]
    if not hmac.compare_digest(signature, _sign(settings, body)):
        raise TokenError(ErrorCode.TOKEN_INVALID)
    try:
        claims = json.loads(_unb64(body))
        result = AccessClaims(device_id=str(claims["d"]), user_id=str(claims["u"]), expires=int(claims["e"]))
    except (ValueError, KeyError, TypeError):
        raise TokenError(ErrorCode.TOKEN_INVALID) from None
    if result.expires <= now.timestamp():
        raise TokenError(ErrorCode.TOKEN_EXPIRED)
    return result


def new_refresh_token() -> str:
    """A random refresh token (only its hash is stored)."""
    return secrets.token_urlsafe(32)


def refresh_token_hash(token: str) -> str:
    """The stored form of a refresh token."""
    return hashlib.sha256(token.encode()).hexdigest()
