"""How values read on screen: dates, money in 元, masked ID numbers and the Chinese terms of enums."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from fieldvisit.domain.enums import LabelledEnum
from fieldvisit.domain.resident_id import mask_id_number
from fieldvisit.ui.i18n import is_chinese

_CST = timezone(timedelta(hours=8))


def enum_text(enum: type[LabelledEnum], value: str | None) -> str:
    """The official Chinese term of a stored enum value (English words with FIELDVISIT_LANG=en).

    A value the enum does not know (old or imported data) is shown as it is, never dropped.
    """
    if not value:
        return ""
    try:
        member = enum(value)
    except ValueError:
        return str(value)
    return member.zh if is_chinese() else member.value.replace("_", " ").capitalize()


def date_text(value: date | datetime | None) -> str:
    """2026-11-20; a datetime is shown in China Standard Time."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone(_CST).strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def masked_id(value: str | None) -> str:
    """330282********1234: lists never show a full ID number."""
    return mask_id_number(value or "")


def yuan(fen: int | None) -> str:
    """Integer fen as 元 with two decimals and thousands separators ("" when unknown)."""
    if fen is None:
        return ""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}{whole:,}.{cents:02d}"
