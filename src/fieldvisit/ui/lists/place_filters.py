"""Filters shared by every list: town and village (options come from the rows loaded)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication

from fieldvisit.domain.base import LabelledEnum
from fieldvisit.ui.format import enum_text
from fieldvisit.ui.lists.list_page import FilterChoice, ListFilter


def town_filter(town_of: Callable[[Any], str]) -> ListFilter:
    """镇(街道): every town present in the rows."""

    def options(rows: Sequence[Any], chosen: dict[str, str]) -> list[FilterChoice]:
        towns = sorted({town_of(row) for row in rows if town_of(row)})
        return [FilterChoice(QCoreApplication.translate("ListFilters", "All towns"))] + [
            FilterChoice(town, (lambda row, town=town: town_of(row) == town), town) for town in towns
        ]

    return ListFilter(
        "town",
        QCoreApplication.translate("ListFilters", "Town"),
        [FilterChoice(QCoreApplication.translate("ListFilters", "All towns"))],
        options,
    )


def village_filter(town_of: Callable[[Any], str], village_of: Callable[[Any], str]) -> ListFilter:
    """村(社区): the villages of the chosen town (or of all towns)."""

    def options(rows: Sequence[Any], chosen: dict[str, str]) -> list[FilterChoice]:
        town = chosen.get("town", "")
        villages = sorted({village_of(r) for r in rows if village_of(r) and (not town or town_of(r) == town)})
        return [FilterChoice(QCoreApplication.translate("ListFilters", "All villages"))] + [
            FilterChoice(village, (lambda row, village=village: village_of(row) == village), village)
            for village in villages
        ]

    return ListFilter(
        "village",
        QCoreApplication.translate("ListFilters", "Village"),
        [FilterChoice(QCoreApplication.translate("ListFilters", "All villages"))],
        options,
    )


def enum_filter(
    key: str, title: str, all_text: str, enum: type[LabelledEnum], value_of: Callable[[Any], str]
) -> ListFilter:
    """A filter over an enum column (category, risk, status …), in the enum's order."""
    options = [FilterChoice(all_text)] + [
        FilterChoice(enum_text(enum, member.value), (lambda row, v=member.value: value_of(row) == v), member.value)
        for member in enum
    ]
    return ListFilter(key, title, options)
