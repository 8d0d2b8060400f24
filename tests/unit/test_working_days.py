from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fieldvisit.domain.working_days import (
    WorkCalendar,
    add_working_days,
    calendar_from_data,
    load_work_calendar,
    next_working_day,
)

WEEKENDS_ONLY = WorkCalendar()


def test_weekdays_only_calendar_skips_weekends() -> None:
    monday = date(2025, 3, 3)
    assert add_working_days(monday, 5, WEEKENDS_ONLY) == date(2025, 3, 10)
    assert add_working_days(date(2025, 3, 7), 1, WEEKENDS_ONLY) == monday + timedelta(days=7)
    assert add_working_days(monday, 0, WEEKENDS_ONLY) == monday


def test_starting_on_a_weekend_counts_from_the_next_working_day() -> None:
    assert add_working_days(date(2025, 3, 8), 1, WEEKENDS_ONLY) == date(2025, 3, 10)


def test_negative_count_is_refused() -> None:
    with pytest.raises(ValueError):
        add_working_days(date(2025, 3, 3), -1, WEEKENDS_ONLY)


def test_shipped_calendar_covers_2025_and_2026() -> None:
    calendar = load_work_calendar()
    assert calendar.covers(date(2025, 6, 1))
    assert calendar.covers(date(2026, 12, 31))
    assert not calendar.covers(date(2027, 1, 1))


@pytest.mark.parametrize(
    "day",
    [
        date(2025, 1, 1),
        date(2025, 1, 28),
        date(2025, 2, 4),
        date(2025, 5, 5),
        date(2025, 10, 8),
        date(2026, 1, 2),
        date(2026, 2, 23),
        date(2026, 5, 5),
        date(2026, 9, 25),
        date(2026, 10, 7),
    ],
)
def test_statutory_holidays_on_weekdays_are_not_working_days(day: date) -> None:
    assert day.weekday() < 5
    assert not load_work_calendar().is_working_day(day)


@pytest.mark.parametrize(
    "day",
    [
        date(2025, 1, 26),
        date(2025, 2, 8),
        date(2025, 4, 27),
        date(2025, 9, 28),
        date(2025, 10, 11),
        date(2026, 1, 4),
        date(2026, 2, 14),
        date(2026, 2, 28),
        date(2026, 5, 9),
        date(2026, 9, 20),
        date(2026, 10, 10),
    ],
)
def test_adjusted_weekend_workdays_are_working_days(day: date) -> None:
    assert day.weekday() >= 5
    assert load_work_calendar().is_working_day(day)


def test_spring_festival_2026_pushes_the_first_visit_past_the_holiday() -> None:
    calendar = load_work_calendar()
    # Listed Thursday 12 Feb: Fri 13, Sat 14 (调休上班), then holiday 15–23 Feb, then Tue 24, Wed 25, Thu 26.
    assert add_working_days(date(2026, 2, 12), 5, calendar) == date(2026, 2, 26)
    assert add_working_days(date(2026, 2, 12), 5, WEEKENDS_ONLY) == date(2026, 2, 19)


def test_next_working_day() -> None:
    calendar = load_work_calendar()
    assert next_working_day(date(2026, 10, 1), calendar) == date(2026, 10, 8)
    assert next_working_day(date(2026, 10, 10), calendar) == date(2026, 10, 10)


def test_data_errors_are_refused() -> None:
    with pytest.raises(ValueError):
        calendar_from_data(
            {
                "year": [
                    {
                        "year": 2025,
                        "holiday": [
                            {
                                "name": "x",
                                "from": date(2025, 1, 1),
                                "to": date(2025, 1, 2),
                                "workdays": [date(2025, 1, 1)],
                            }
                        ],
                    }
                ]
            }
        )
    with pytest.raises(ValueError):
        calendar_from_data(
            {
                "year": [
                    {
                        "year": 2025,
                        "holiday": [
                            {
                                "name": "x",
                                "from": date(2025, 1, 1),
                                "to": date(2025, 1, 1),
                                "workdays": [date(2025, 1, 6)],
                            }
                        ],
                    }
                ]
            }
        )
    with pytest.raises(ValueError):
        calendar_from_data(
            {"year": [{"year": 2025, "holiday": [{"name": "x", "from": date(2025, 1, 3), "to": date(2025, 1, 1)}]}]}
        )


@given(start=st.dates(min_value=date(2024, 12, 1), max_value=date(2026, 12, 31)), n=st.integers(1, 30))
def test_result_is_a_working_day_with_exactly_n_working_days_after_start(start: date, n: int) -> None:
    calendar = load_work_calendar()
    end = add_working_days(start, n, calendar)
    assert calendar.is_working_day(end)
    between = [start + timedelta(days=i) for i in range(1, (end - start).days + 1)]
    assert sum(calendar.is_working_day(d) for d in between) == n
