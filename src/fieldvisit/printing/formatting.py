"""How values read on paper: Chinese dates in China Standard Time, yuan, areas, coordinates, enum labels."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta, timezone

from fieldvisit.domain import resident_id
from fieldvisit.domain.base import LabelledEnum
from fieldvisit.domain.means_test import format_yuan

CST = timezone(timedelta(hours=8))
CHECKED = "☑"
UNCHECKED = "☐"


def fmt_date(value: date | datetime | None) -> str:
    """2026年3月5日 (a datetime is first converted to China Standard Time)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(CST).date()
    return f"{value.year}年{value.month}月{value.day}日"


def fmt_short_date(value: date | None) -> str:
    """2026.3.5, for narrow ledger columns."""
    return "" if value is None else f"{value.year}.{value.month}.{value.day}"


def fmt_datetime(value: datetime | None) -> str:
    """2026年3月5日 14:30, in China Standard Time."""
    if value is None:
        return ""
    local = value.astimezone(CST)
    return f"{fmt_date(local)} {local:%H:%M}"


def fmt_time(value: datetime | None) -> str:
    """14:30, in China Standard Time."""
    return "" if value is None else f"{value.astimezone(CST):%H:%M}"


def fmt_yuan(fen: int | None) -> str:
    """Integer fen as yuan with two decimals (100500 → 1005.00); empty for None."""
    return "" if fen is None else format_yuan(fen)


def fmt_number(value: float | None, unit: str = "", digits: int = 2) -> str:
    """A measured decimal without trailing zeros, with its unit: 12.5 平方米."""
    if value is None:
        return ""
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return f"{text} {unit}".strip()


def fmt_coordinates(latitude: float | None, longitude: float | None) -> str:
    """东经121.27160° 北纬30.17060° (empty when either is unknown)."""
    if latitude is None or longitude is None:
        return ""
    east_west = "东经" if longitude >= 0 else "西经"
    north_south = "北纬" if latitude >= 0 else "南纬"
    return f"{east_west}{abs(longitude):.5f}° {north_south}{abs(latitude):.5f}°"


def zh(enum: type[LabelledEnum], value: str | None) -> str:
    """The official Chinese term of a stored enum value; an unknown value is shown as stored."""
    if not value:
        return ""
    try:
        return enum(value).zh
    except ValueError:
        return value


def zh_list(enum: type[LabelledEnum], values: Iterable[str], sep: str = "、") -> str:
    """Several stored enum values as one Chinese list."""
    return sep.join(zh(enum, v) for v in values if v)


def yes_no(value: bool | None) -> str:
    """是 / 否 (empty when unknown)."""
    return "" if value is None else ("是" if value else "否")


def choice_line(options: Iterable[tuple[str, bool]], sep: str = " ") -> str:
    """Tick-box choices as printed on paper: ☑低保  ☐低保边缘."""
    return sep.join(f"{CHECKED if ticked else UNCHECKED}{label}" for label, ticked in options)


def enum_choices(enum: type[LabelledEnum], selected: Iterable[str] | str | None) -> list[tuple[str, bool]]:
    """Every member of `enum` as a (label, ticked) pair for the stored value(s) `selected`."""
    chosen = {selected} if isinstance(selected, str) else set(selected or ())
    return [(member.zh, member.value in chosen) for member in enum]


def label_choices(
    labels: Iterable[str], selected: Iterable[str] | str | None, codes: Mapping[str, str] | None = None
) -> list[tuple[str, bool]]:
    """Choices from a plain list of labels; a stored value may be the label itself or a code in `codes`.

    A stored value that matches no label is appended, ticked, so that nothing recorded is left off the paper.
    """
    codes = codes or {}
    values = [selected] if isinstance(selected, str) else list(selected or ())
    chosen = [codes.get(v, v) for v in values if v]
    options = [(label, label in chosen) for label in labels]
    known = {label for label, _ in options}
    return options + [(value, True) for value in dict.fromkeys(chosen) if value not in known]


def age_on(birth: date | None, on: date | datetime | None) -> str:
    """Age in whole years on a day (周岁), as text; empty when either date is unknown."""
    if birth is None or on is None:
        return ""
    if isinstance(on, datetime):
        on = on.astimezone(CST).date()
    return str(resident_id.age_on(birth, on))
