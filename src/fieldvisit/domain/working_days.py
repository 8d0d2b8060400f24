"""Working days (工作日) under China's public holidays and adjusted working days (调休), from data."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from fieldvisit.assets import resource_path

_SATURDAY_SUNDAY = frozenset({5, 6})


@dataclass(frozen=True)
class WorkCalendar:
    """Which days are working days: weekdays, minus public holidays, plus adjusted working days.

    `years` lists the years whose holidays are known; other years are computed with weekends only.
    """

    holidays: frozenset[date] = frozenset()
    adjusted_workdays: frozenset[date] = frozenset()
    years: frozenset[int] = frozenset()
    weekend: frozenset[int] = field(default=_SATURDAY_SUNDAY)

    def is_working_day(self, day: date) -> bool:
        """True for an ordinary weekday that is not a holiday, and for an adjusted working day."""
        if day in self.adjusted_workdays:
            return True
        return day not in self.holidays and day.weekday() not in self.weekend

    def covers(self, day: date) -> bool:
        """True when the holidays of `day`'s year are known to this calendar."""
        return day.year in self.years


def add_working_days(start: date, n: int, calendar: WorkCalendar) -> date:
    """The n-th working day after `start`; `start` itself is not counted, and n = 0 returns `start`.

    "Within 5 working days of listing on Monday 2025-03-03" is therefore Monday 2025-03-10.
    """
    if n < 0:
        raise ValueError(f"工作日数不能为负数：{n}")
    day = start
    remaining = n
    while remaining:
        day += timedelta(days=1)
        if calendar.is_working_day(day):
            remaining -= 1
    return day


def next_working_day(day: date, calendar: WorkCalendar) -> date:
    """`day` itself when it is a working day, otherwise the first working day after it."""
    while not calendar.is_working_day(day):
        day += timedelta(days=1)
    return day


def _days(first: date, last: date) -> list[date]:
    if last < first:
        raise ValueError(f"节假日结束日期{last.isoformat()}早于开始日期{first.isoformat()}")
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def calendar_from_data(data: dict[str, Any]) -> WorkCalendar:
    """Build a calendar from the parsed holidays.toml structure (see the file for its layout)."""
    holidays: set[date] = set()
    workdays: set[date] = set()
    years: set[int] = set()
    for year in data.get("year", []):
        years.add(year["year"])
        for holiday in year.get("holiday", []):
            holidays.update(_days(holiday["from"], holiday["to"]))
            workdays.update(holiday.get("workdays", []))
    clash = holidays & workdays
    if clash:
        raise ValueError(f"以下日期既是放假日又是调休上班日：{sorted(d.isoformat() for d in clash)}")
    weekday_workdays = [d for d in workdays if d.weekday() not in _SATURDAY_SUNDAY]
    if weekday_workdays:
        raise ValueError(f"调休上班日应为周末：{sorted(d.isoformat() for d in weekday_workdays)}")
    return WorkCalendar(frozenset(holidays), frozenset(workdays), frozenset(years))


def load_work_calendar() -> WorkCalendar:
    """The shipped calendar from resources/reference/holidays.toml."""
    with resource_path("reference", "holidays.toml").open("rb") as fh:
        return calendar_from_data(tomllib.load(fh))
