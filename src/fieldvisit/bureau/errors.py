"""The one error type the bureau's services raise; the app turns it into a JSON error body with its status."""

from __future__ import annotations

from fieldvisit.sync.protocol import ErrorCode


class BureauError(Exception):
    """A refusal with an HTTP status, a machine-readable code, a message and, for revoked devices, an action."""

    def __init__(
        self,
        status: int,
        code: ErrorCode,
        message: str = "",
        *,
        action: str = "",
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message or code.value)
        self.status = status
        self.code = code
        self.message = message
        self.action = action
        self.headers = headers or {}
