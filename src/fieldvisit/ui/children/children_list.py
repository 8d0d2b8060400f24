"""The child list (儿童档案): due dates first, risk colours, masked IDs; filters by place, category, risk, due."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from fieldvisit.domain.base import SyncState
from fieldvisit.domain.children import ChildCategory, ChildStatus, RiskLevel
from fieldvisit.domain.resident_id import age_on
from fieldvisit.domain.types import Clock, today_local
from fieldvisit.store.repositories.children import ChildFilter, ChildRepository, ChildRow
from fieldvisit.store.repositories.search import SearchIndexRepository
from fieldvisit.ui.format import date_text, enum_text, masked_id
from fieldvisit.ui.lists.list_page import FilterChoice, ListFilter, ListPage
from fieldvisit.ui.lists.place_filters import enum_filter, town_filter, village_filter
from fieldvisit.ui.lists.table_model import Column
from fieldvisit.ui.sync.badge import sync_colours
from fieldvisit.ui.tasks import TaskRunner
from fieldvisit.ui.theme import STATE_COLOURS, risk_colour

DUE_SOON_DAYS = 14


def _overdue_colours(row: ChildRow, today: date) -> tuple[QColor, QColor] | None:
    if row.next_visit_due is not None and row.next_visit_due < today and row.status == ChildStatus.ACTIVE:
        background, text = STATE_COLOURS["OVERDUE"]
        return QColor(background), QColor(text)
    return None


class ChildrenList(ListPage):
    """The children of the worker's scope; double-click or Enter opens the child's file."""

    def __init__(
        self,
        children: ChildRepository,
        search_index: SearchIndexRepository,
        tasks: TaskRunner,
        clock: Clock,
        director_id: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("child", id_of=lambda r: r.id, number_of=lambda r: r.file_no, parent=parent)
        self._children = children
        self._search_index = search_index
        self._tasks = tasks
        self._clock = clock
        self._director_id = director_id
        columns: list[Column[ChildRow]] = [
            Column("file_no", self.tr("File no."), lambda r: r.file_no, shrink=True, min_ems=8, elide_middle=True),
            Column("name", self.tr("Name"), lambda r: r.name, shrink=True, stretch=True),
            Column("id_number", self.tr("ID number"), lambda r: masked_id(r.id_number), drop_order=3),
            Column(
                "age", self.tr("Age"), lambda r: _age(r, today_local(self._clock)), lambda r: r.birth_date, None, True
            ),
            Column("village", self.tr("Village"), lambda r: f"{r.town_name} {r.village_name}".strip(), shrink=True),
            Column(
                "category",
                self.tr("Category"),
                lambda r: enum_text(ChildCategory, r.primary_category),
                shrink=True,
                drop_order=1,
            ),
            Column("risk", self.tr("Risk"), lambda r: enum_text(RiskLevel, r.risk_level), _risk_order, _risk_colours),
            Column(
                "next_visit_due",
                self.tr("Next visit due"),
                lambda r: date_text(r.next_visit_due),
                lambda r: r.next_visit_due,
                lambda r: _overdue_colours(r, today_local(self._clock)),
            ),
            Column(
                "last_visit_on",
                self.tr("Last visit"),
                lambda r: date_text(r.last_visit_on),
                lambda r: r.last_visit_on,
                drop_order=4,
            ),
            Column("status", self.tr("Status"), lambda r: enum_text(ChildStatus, r.status), shrink=True, drop_order=2),
            Column(
                "sync",
                self.tr("Sync"),
                lambda r: enum_text(SyncState, r.sync_state),
                None,
                lambda r: sync_colours(r.sync_state),
            ),
        ]
        filters = [
            town_filter(lambda r: r.town_name),
            village_filter(lambda r: r.town_name, lambda r: r.village_name),
            enum_filter(
                "category", self.tr("Category"), self.tr("All categories"), ChildCategory, lambda r: r.primary_category
            ),
            enum_filter("risk", self.tr("Risk"), self.tr("All risk levels"), RiskLevel, lambda r: r.risk_level),
            ListFilter("due", self.tr("Due"), self._due_options([], {}), self._due_options),
            ListFilter("status", self.tr("Status"), self._status_options()),
        ]
        self.setup(self.tr("Children"), columns, filters)

    def load(self) -> None:
        """Fetch the rows and their search keys off the GUI thread, then show them."""

        def fetch() -> tuple[list[ChildRow], dict[str, Any], bool]:
            rows = self._children.list(ChildFilter(status="", director_id=self._director_id))
            return rows, self._search_index.keys("child_file"), self._children.sync_enrolled()

        self._tasks.read(fetch, lambda result: self.set_rows(result[0], result[1], sync_shown=result[2]))

    def _due_options(self, rows: Sequence[Any], chosen: dict[str, str]) -> list[FilterChoice]:
        today = today_local(self._clock)
        soon = today + timedelta(days=DUE_SOON_DAYS)
        return [
            FilterChoice(self.tr("Any due date")),
            FilterChoice(
                self.tr("Overdue"), lambda r: r.next_visit_due is not None and r.next_visit_due < today, "overdue"
            ),
            FilterChoice(
                self.tr("Due within 14 days"),
                lambda r: r.next_visit_due is not None and r.next_visit_due <= soon,
                "soon",
            ),
        ]

    def _status_options(self) -> list[FilterChoice]:
        active = ChildStatus.ACTIVE.value
        return [
            FilterChoice(enum_text(ChildStatus, active), lambda r: r.status == active, active),
            FilterChoice(self.tr("All statuses")),
            FilterChoice(
                enum_text(ChildStatus, ChildStatus.DISCOVERED),
                lambda r: r.status == ChildStatus.DISCOVERED,
                ChildStatus.DISCOVERED.value,
            ),
            FilterChoice(
                enum_text(ChildStatus, ChildStatus.CLOSED),
                lambda r: r.status == ChildStatus.CLOSED,
                ChildStatus.CLOSED.value,
            ),
        ]


def _age(row: ChildRow, today: date) -> str:
    if row.birth_date is None or row.birth_date > today:
        return ""
    return str(age_on(row.birth_date, today))


def _risk_order(row: ChildRow) -> int:
    try:
        return -RiskLevel(row.risk_level).severity
    except ValueError:
        return 1


def _risk_colours(row: ChildRow) -> tuple[QColor, QColor] | None:
    return risk_colour(row.risk_level) if row.risk_level else None
