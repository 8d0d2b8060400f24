"""The case ledger (违建坟墓台账): nearest deadline first, past deadlines in red, filters by place and status."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from fieldvisit.domain.base import SyncState
from fieldvisit.domain.burial import CaseStatus, ViolationType
from fieldvisit.domain.types import Clock, today_local
from fieldvisit.store.repositories.burial import OPEN_WITH_DEADLINE, CaseFilter, CaseRepository, CaseRow
from fieldvisit.store.repositories.search import SearchIndexRepository
from fieldvisit.ui.format import date_text, enum_text
from fieldvisit.ui.lists.list_page import FilterChoice, ListFilter, ListPage
from fieldvisit.ui.lists.place_filters import enum_filter, town_filter, village_filter
from fieldvisit.ui.lists.table_model import Column
from fieldvisit.ui.sync.badge import sync_colours
from fieldvisit.ui.tasks import TaskRunner
from fieldvisit.ui.theme import STATE_COLOURS

REINSPECTION_SOON_DAYS = 3


def past_deadline(row: CaseRow, today: date) -> bool:
    """An open notice whose deadline has passed."""
    return row.deadline is not None and row.deadline < today and row.status in OPEN_WITH_DEADLINE


def _status_colours(row: CaseRow) -> tuple[QColor, QColor] | None:
    key = "DONE" if row.status == CaseStatus.CLOSED else ("DRAFT" if row.status in OPEN_WITH_DEADLINE else "")
    pair = STATE_COLOURS.get(key)
    return (QColor(pair[0]), QColor(pair[1])) if pair else None


class CasesList(ListPage):
    """Grave cases; double-click opens the case with its timeline and allowed actions."""

    def __init__(
        self,
        cases: CaseRepository,
        search_index: SearchIndexRepository,
        tasks: TaskRunner,
        clock: Clock,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("case", id_of=lambda r: r.id, number_of=lambda r: r.case_no, parent=parent)
        self._cases = cases
        self._search_index = search_index
        self._tasks = tasks
        self._clock = clock

        def deadline_colours(row: CaseRow) -> tuple[QColor, QColor] | None:
            if past_deadline(row, today_local(self._clock)):
                background, text = STATE_COLOURS["OVERDUE"]
                return QColor(background), QColor(text)
            return None

        columns: list[Column[CaseRow]] = [
            Column("case_no", self.tr("Case no."), lambda r: r.case_no, shrink=True, min_ems=8, elide_middle=True),
            Column(
                "found_on", self.tr("Found on"), lambda r: date_text(r.found_on), lambda r: r.found_on, drop_order=3
            ),
            Column("village", self.tr("Village"), lambda r: f"{r.town_name} {r.village_name}".strip(), shrink=True),
            Column("place", self.tr("Place"), lambda r: r.place_name, shrink=True, drop_order=1),
            Column(
                "party", self.tr("Party"), lambda r: r.party_name or self.tr("(unknown)"), shrink=True, stretch=True
            ),
            Column(
                "violations",
                self.tr("Violation"),
                lambda r: "、".join(enum_text(ViolationType, v) for v in r.violation_types),
                shrink=True,
                drop_order=2,
            ),
            Column("status", self.tr("Status"), lambda r: enum_text(CaseStatus, r.status), None, _status_colours),
            Column(
                "deadline", self.tr("Deadline"), lambda r: date_text(r.deadline), lambda r: r.deadline, deadline_colours
            ),
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
            enum_filter("status", self.tr("Status"), self.tr("All statuses"), CaseStatus, lambda r: r.status),
            ListFilter("deadline", self.tr("Deadline"), self._deadline_options([], {}), self._deadline_options),
        ]
        self.setup(self.tr("Grave cases"), columns, filters)

    def load(self) -> None:
        """Fetch the rows and their search keys off the GUI thread, then show them."""

        def fetch() -> tuple[list[CaseRow], dict[str, Any], bool]:
            return self._cases.list(CaseFilter()), self._search_index.keys("grave_case"), self._cases.sync_enrolled()

        self._tasks.read(fetch, lambda result: self.set_rows(result[0], result[1], sync_shown=result[2]))

    def _deadline_options(self, rows: Sequence[Any], chosen: dict[str, str]) -> list[FilterChoice]:
        today = today_local(self._clock)
        soon = today + timedelta(days=REINSPECTION_SOON_DAYS)
        return [
            FilterChoice(self.tr("Any deadline")),
            FilterChoice(self.tr("Past deadline"), lambda r: past_deadline(r, today), "past"),
            FilterChoice(
                self.tr("Re-inspection due"),
                lambda r: (
                    r.deadline is not None
                    and r.deadline <= soon
                    and r.status in (*OPEN_WITH_DEADLINE, CaseStatus.REINSPECTION)
                ),
                "reinspection",
            ),
        ]
