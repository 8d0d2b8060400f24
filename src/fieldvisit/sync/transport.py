"""HTTP to the bureau: error classes, capped jittered backoff honouring Retry-After, deadlines, receipt checks.

Only a JSON answer that parses as the expected reply counts; anything else on a 2xx (a captive portal's HTML
page, a proxy's own JSON) is treated like a network fault and retried, never as a receipt.
"""

from __future__ import annotations

import logging
import random
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from functools import cache
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from fieldvisit.sync.protocol import API_PREFIX, PROTOCOL_HEADER, PROTOCOL_VERSION, ErrorBody, ErrorCode

log = logging.getLogger(__name__)
R = TypeVar("R", bound=BaseModel)
T = TypeVar("T")

_TRANSIENT_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})


class SyncError(Exception):
    """A sync step failed; `message_zh` is what the user is shown."""

    message_zh = "同步失败"

    def __init__(self, message: str, message_zh: str | None = None) -> None:
        super().__init__(message)
        if message_zh is not None:
            self.message_zh = message_zh


class TransientError(SyncError):
    """The network or the bureau is not answering properly right now; nothing is lost, try again later."""

    message_zh = "暂时无法连接民政局服务器，数据已保存在本机，稍后将自动重试"


class BureauFaultError(TransientError):
    """The bureau answered, with an internal error (HTTP 500), on the last of the attempts: perhaps a fault of the
    bureau's that one record sets off every time (see `SyncEngine._isolate`)."""


class PermanentError(SyncError):
    """The bureau refused a request for good (4xx): retrying the same request will not help."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"{status} {code}: {message}", message or "民政局服务器拒绝了请求")
        self.status = status
        self.code = code


class SignInRequiredError(SyncError):
    """The device's tokens are no longer valid: the user must sign in to the bureau again."""

    message_zh = "登录已过期，请重新登录民政局服务器"


class DeviceRevokedError(SyncError):
    """The bureau revoked this device; `action` is "wipe" (at once) or "upload_then_wipe"."""

    message_zh = "此设备已被民政局停用"

    def __init__(self, action: str, message: str = "") -> None:
        super().__init__(f"device revoked ({action})", message or None)
        self.action = action


class UpdateRequiredError(SyncError):
    """The bureau no longer serves this client's protocol: update the app (after the outbox is uploaded)."""

    message_zh = "软件版本过旧，请升级后再同步（未上传的数据已保留）"


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to retry transient failures: full jitter, capped; Retry-After honoured up to a cap."""

    attempts: int = 5
    base_seconds: float = 0.5
    cap_seconds: float = 30.0
    max_retry_after_seconds: float = 120.0

    def delay(self, attempt: int, retry_after: float | None, rng: random.Random) -> float:
        """Seconds to wait before try `attempt + 1` (attempt counts from 0)."""
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.max_retry_after_seconds)
        return rng.uniform(0.0, min(self.cap_seconds, self.base_seconds * (2**attempt)))


def _retry_after(response_headers: httpx.Headers, now: float) -> float | None:
    value = response_headers.get("retry-after")
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        return parsedate_to_datetime(value).timestamp() - now
    except (TypeError, ValueError):
        return None


@dataclass
class _Answer:
    status: int
    headers: httpx.Headers
    body: bytes


class _DeadlineError(Exception):
    pass


class Transport:
    """Calls to one bureau over one keep-alive connection pool, with retries for transient failures.

    `sleep` and `rng` are injectable so that tests observe the backoff without waiting. `access_token` gives
    the current token and `refresh` gets a new one (True on success) when the bureau answers 401.
    """

    def __init__(
        self,
        base_url: str,
        *,
        timeout: httpx.Timeout | None = None,
        deadline_seconds: float = 120.0,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.deadline_seconds = deadline_seconds
        self.retry = retry or RetryPolicy()
        self.sleep = sleep
        self.rng = rng or random.Random()
        self.access_token: Callable[[], str | None] = lambda: None
        self.refresh: Callable[[], bool] = lambda: False
        self.requests = 0
        self._client = httpx.Client(
            base_url=self.base_url + API_PREFIX,
            verify=_tls_context(),
            timeout=timeout or httpx.Timeout(30.0, connect=10.0),
            transport=transport,
            follow_redirects=False,
            headers={PROTOCOL_HEADER: str(PROTOCOL_VERSION)},
        )

    def close(self) -> None:
        """Release the connections."""
        self._client.close()

    def _send(self, method: str, path: str, *, auth: bool, sink: bytearray, **kwargs: Any) -> _Answer:
        headers = dict(kwargs.pop("headers", None) or {})
        token = self.access_token() if auth else None
        if token:
            headers["Authorization"] = f"Bearer {token}"
        deadline = time.monotonic() + self.deadline_seconds
        self.requests += 1
        with self._client.stream(method, path, headers=headers, **kwargs) as response:
            body = sink if 200 <= response.status_code < 300 else bytearray()
            if response.status_code != 206:
                body.clear()  # anything but a partial answer carries the whole content
            for chunk in response.iter_bytes():
                body += chunk
                if time.monotonic() > deadline:
                    raise _DeadlineError(f"{method} {path} took longer than {self.deadline_seconds} s")
            return _Answer(response.status_code, response.headers, bytes(body))

    def call(
        self, method: str, path: str, reply: type[R], *, auth: bool = True, retry: bool = True, **kwargs: Any
    ) -> R:
        """Send a request and return the validated reply, retrying transient failures per the policy.

        A 2xx answer that is not JSON, or not a valid `reply`, counts as a transient failure.
        """

        def parse(answer: _Answer, _sink: bytearray) -> R:
            if not _is_json(answer):
                kind = answer.headers.get("content-type", "?")
                raise TransientError(f"{method} {path}: a {kind} answer is not the bureau's")
            try:
                return reply.model_validate_json(answer.body)
            except ValidationError as exc:
                raise TransientError(f"{method} {path}: not a valid {reply.__name__} ({exc.error_count()})") from None

        return self._request(method, path, parse, auth=auth, retry=retry, **kwargs)

    def send(self, method: str, path: str, *, auth: bool = True, **kwargs: Any) -> None:
        """Send a request whose answer carries nothing but its success."""
        self._request(method, path, lambda _answer, _sink: None, auth=auth, retry=True, **kwargs)

    def download(self, path: str) -> bytes:
        """GET content, resuming with a Range request after a transient failure part-way."""
        received = bytearray()

        def resume_headers() -> dict[str, str]:
            return {"Range": f"bytes={len(received)}-"} if received else {}

        def parse(_answer: _Answer, sink: bytearray) -> bytes:
            return bytes(sink)

        return self._request("GET", path, parse, auth=True, retry=True, sink=received, dynamic_headers=resume_headers)

    def _request(
        self,
        method: str,
        path: str,
        parse: Callable[[_Answer, bytearray], T],
        *,
        auth: bool,
        retry: bool,
        sink: bytearray | None = None,
        dynamic_headers: Callable[[], dict[str, str]] | None = None,
        **kwargs: Any,
    ) -> T:
        attempts = self.retry.attempts if retry else 1
        refreshed = False
        attempt = 0
        last: SyncError = TransientError("no attempt made")
        while attempt < attempts:
            body = sink if sink is not None else bytearray()
            extra = dynamic_headers() if dynamic_headers else {}
            headers = {**(kwargs.get("headers") or {}), **extra}
            try:
                answer = self._send(method, path, auth=auth, sink=body, **{**kwargs, "headers": headers})
            except (httpx.TransportError, _DeadlineError) as exc:
                last = TransientError(f"{method} {path}: {type(exc).__name__}")
                log.info("transient failure on %s %s: %s", method, path, type(exc).__name__)
                self._pause(attempt, None, attempts)
                attempt += 1
                continue
            if answer.status == 401 and auth and not refreshed:
                refreshed = True
                if self.refresh():
                    continue
                raise SignInRequiredError(_error(answer).message or "unauthorized")
            if answer.status in _TRANSIENT_STATUS or answer.status >= 500 or 300 <= answer.status < 400:
                kind = BureauFaultError if answer.status == 500 else TransientError
                last = kind(f"{method} {path}: HTTP {answer.status}")
                self._pause(attempt, _retry_after(answer.headers, time.time()), attempts)
                attempt += 1
                continue
            if 400 <= answer.status < 500:
                _raise_refusal(answer)
            try:
                return parse(answer, body)
            except TransientError as exc:
                last = exc
                self._pause(attempt, None, attempts)
                attempt += 1
        raise last

    def _pause(self, attempt: int, retry_after: float | None, attempts: int) -> None:
        if attempt + 1 < attempts:
            self.sleep(self.retry.delay(attempt, retry_after, self.rng))


@cache
def _tls_context() -> ssl.SSLContext:
    # Building a verifying TLS context loads the CA bundle (tens of milliseconds); one per process is enough.
    return httpx.create_ssl_context()


def _is_json(answer: _Answer) -> bool:
    return answer.headers.get("content-type", "").split(";")[0].strip().lower() == "application/json"


def _error(answer: _Answer) -> ErrorBody:
    try:
        return ErrorBody.model_validate_json(answer.body)
    except ValidationError:
        return ErrorBody(code=f"http_{answer.status}", message="")


def _raise_refusal(answer: _Answer) -> None:
    error = _error(answer)
    if answer.status == 403 and error.code in (ErrorCode.DEVICE_REVOKED, ErrorCode.DEVICE_RETIRING):
        raise DeviceRevokedError(error.action or "wipe", error.message)
    if answer.status == 426 or error.code == ErrorCode.UPDATE_REQUIRED:
        raise UpdateRequiredError(error.message)
    if answer.status == 401:
        raise SignInRequiredError(error.message or "unauthorized")
    raise PermanentError(answer.status, error.code, error.message)
