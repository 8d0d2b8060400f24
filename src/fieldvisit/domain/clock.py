"""Clocks (stdlib only): aware UTC now, the bureau's local date, and the replaceable Clock type for tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone

Clock = Callable[[], datetime]

_CST = timezone(timedelta(hours=8))


def utc_now() -> datetime:
    """The current time as an aware UTC datetime (the default clock)."""
    return datetime.now(UTC)


def today_local(clock: Clock = utc_now) -> date:
    """Today's date in China Standard Time (UTC+8), the bureau's calendar."""
    return clock().astimezone(_CST).date()
