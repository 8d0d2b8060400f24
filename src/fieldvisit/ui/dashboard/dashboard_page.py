"""The dashboard (工作台): big numbers for what needs doing, and the most urgent items one click away."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta, timezone
from typing import Any, Protocol

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldvisit.domain.clock import Clock, today_local
from fieldvisit.domain.enums import RiskLevel, Role
from fieldvisit.store.repositories.dashboard_reads import DashboardParts, DashboardSnapshot
from fieldvisit.ui.format import date_text, enum_text
from fieldvisit.ui.lists.filter_proxy import ListFilterProxy
from fieldvisit.ui.lists.table_model import Column, RecordTableModel
from fieldvisit.ui.shell.widgets import Reflowing, label, named, scrolling
from fieldvisit.ui.tasks import TaskRunner
from fieldvisit.ui.theme import ERROR, risk_colour

URGENT_ROWS = 8
CARD_COLUMNS = 4
MIN_CARD_COLUMNS = 2
_CST = timezone(timedelta(hours=8))


@dataclass(frozen=True)
class UrgentItem:
    """One line of the "needs doing first" table: a child overdue for a visit, or a case past its deadline."""

    id: str
    kind: str  # "child" or "case"
    what: str
    who: str
    place: str
    due: date | None
    risk: str


class DashboardSource(Protocol):
    """Where refreshes read from (the store's DashboardRepository)."""

    def snapshot(
        self, today: date, *, director_id: str = "", parts: DashboardParts = ..., limit: int = ...
    ) -> DashboardSnapshot: ...


@dataclass(frozen=True)
class DashboardScope:
    """Whose dashboard: the worker's role decides the cards, a child director sees only their own children."""

    role: str
    director_id: str
    parts: DashboardParts

    @classmethod
    def of(cls, user: Any) -> DashboardScope:
        """The scope of `user` (anything with `id` and `role`; None: everything)."""
        role = str(user.role) if user is not None else ""
        director_id = user.id if user is not None and role == Role.CHILD_DIRECTOR else ""
        parts = DashboardParts(
            children=role in ("", Role.CHILD_DIRECTOR, Role.CHILD_SUPERVISOR, Role.BUREAU_ADMIN),
            households=role in ("", Role.SOCIAL_WORKER, Role.BUREAU_ADMIN),
            cases=role in ("", Role.PATROL_OFFICER, Role.BUREAU_ADMIN),
        )
        return cls(role, director_id, parts)


class DashboardCard(QPushButton):
    """A big number with its meaning underneath; clicking it opens the matching list."""

    def __init__(self, key: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, f"card{key}", text)
        self.setProperty("card", True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        box = QVBoxLayout(self)
        box.setContentsMargins(18, 14, 18, 14)
        self.value = named(label("–", "cardNumber"), f"card{key}Value", text)
        self.caption = label(text, "cardLabel", wrap=True)
        self.alert = False
        """Whether the number shows red (an overdue count above zero)."""
        box.addWidget(self.value)
        box.addWidget(self.caption)
        self.setMinimumSize(210, 130)

    def set_value(self, value: int, *, alert: bool = False) -> None:
        """Show the number; an alert number is red."""
        self.value.setText(str(value))
        red = alert and value > 0
        if red != self.alert:
            # The label's own style rather than a property and a re-polish: the first `style()` call from Python
            # costs about 8 ms (PySide6 makes QStyle's enums), which the first dashboard would pay.
            self.alert = red
            self.value.setStyleSheet(f"color: {ERROR};" if red else "")
        self.setAccessibleDescription(f"{self.caption.text()}: {value}")


class _Content(QWidget):
    """The scrolled part of the dashboard; its paint is what tells that the numbers are on screen."""

    painted = Signal()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self.painted.emit()


class DashboardPage(Reflowing):
    """Counts for the worker's role; `navigate` asks the main window for a list with a filter chosen.

    `ready` fires once the first numbers have been painted (start-up measures to it).
    """

    navigate = Signal(str, str, str)  # list, filter key, option key
    open_child = Signal(str)
    open_case = Signal(str)
    ready = Signal()

    def __init__(
        self,
        scope: DashboardScope,
        tasks: TaskRunner,
        clock: Clock,
        *,
        syncs: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        named(self, "dashboardPage", self.tr("Dashboard"))
        self._scope = scope
        self._tasks = tasks
        self._clock = clock
        self._syncs = syncs
        self.source: DashboardSource | None = None
        """Where refreshes read from; None until the database layers are loaded (the first numbers come with the
        unlock)."""
        self.loaded = False
        self._announce = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        # The page scrolls rather than make the window taller than the screen (large fonts, small laptops).
        self._content = _Content()
        self._content.painted.connect(self._announce_ready)
        self._scroll = scrolling(QScrollArea(self), self._content)
        outer.addWidget(self._scroll)
        layout = QVBoxLayout(self._content)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(14)
        head = QHBoxLayout()
        head.addWidget(label(self.tr("Dashboard"), "pageTitle"))
        head.addStretch(1)
        self.sync_time = named(label("", "muted"), "dashboardLastSync", self.tr("Last successful sync"))
        head.addWidget(self.sync_time)
        head.addSpacing(18)
        self.today = named(label("", "muted"), "dashboardToday", self.tr("Today"))
        head.addWidget(self.today)
        layout.addLayout(head)

        self._grid = QGridLayout()
        self._grid.setSpacing(14)
        self.cards: dict[str, DashboardCard] = {}
        self._card_parts: dict[str, str] = {}
        self._columns = 0
        for key, part, text, target in self._card_specs():
            card = DashboardCard(key, text, self)
            card.clicked.connect(lambda _=False, t=target: self.navigate.emit(*t))
            self.cards[key] = card
            self._card_parts[key] = part
        layout.addLayout(self._grid)

        layout.addWidget(label(self.tr("Needs doing first"), "sectionTitle"))
        columns: list[Column[UrgentItem]] = [
            Column("what", self.tr("What"), lambda r: r.what),
            Column("who", self.tr("Who"), lambda r: r.who),
            Column("place", self.tr("Where"), lambda r: r.place),
            Column("due", self.tr("Due"), lambda r: date_text(r.due), lambda r: r.due),
            Column(
                "risk",
                self.tr("Risk"),
                lambda r: enum_text(RiskLevel, r.risk),
                None,
                lambda r: risk_colour(r.risk) if r.risk else None,
            ),
        ]
        self.urgent_model: RecordTableModel[UrgentItem] = RecordTableModel(columns, lambda r: r.id, self)
        proxy = ListFilterProxy(self)
        proxy.setSourceModel(self.urgent_model)
        self.urgent = named(QTableView(self), "urgentTable", self.tr("Needs doing first"))
        self.urgent.setModel(proxy)
        self.urgent.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.urgent.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.urgent.verticalHeader().hide()
        self.urgent.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        self.urgent.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.urgent.doubleClicked.connect(lambda index: self._open(proxy.mapToSource(index).row()))
        self.urgent.activated.connect(lambda index: self._open(proxy.mapToSource(index).row()))
        urgent_box = QVBoxLayout()
        urgent_box.addWidget(self.urgent, 1)
        self.urgent_empty = named(
            label(self.tr("Nothing urgent: no overdue visits or past deadlines."), "muted"), "urgentEmpty"
        )
        self.urgent_empty.hide()
        urgent_box.addWidget(self.urgent_empty)
        self.urgent_spacer = QWidget(self)
        urgent_box.addWidget(self.urgent_spacer, 1)
        layout.addLayout(urgent_box, 1)
        self.narrow_to(scope, syncs=syncs)

    def _card_specs(self) -> list[tuple[str, str, str, tuple[str, str, str]]]:
        """Every card: its key, the part of the dashboard it belongs to ("" for all), its text, the list it opens."""
        return [
            ("Overdue", "children", self.tr("Child visits overdue"), ("children", "due", "overdue")),
            ("DueSoon", "children", self.tr("Child visits due within 14 days"), ("children", "due", "soon")),
            ("RedRisk", "children", self.tr("Children at red risk"), ("children", "risk", RiskLevel.RED.value)),
            (
                "HouseholdDrafts",
                "households",
                self.tr("Household visits not finalized"),
                ("households", "state", "DRAFT"),
            ),
            ("NoticesPast", "cases", self.tr("Notices past their deadline"), ("cases", "deadline", "past")),
            ("Reinspections", "cases", self.tr("Re-inspections due"), ("cases", "deadline", "reinspection")),
            ("Drafts", "", self.tr("Drafts in progress"), ("", "", "")),
            ("Unsynced", "", self.tr("Changes not yet sent to the bureau"), ("", "", "")),
        ]

    def narrow_to(self, scope: DashboardScope, *, syncs: bool) -> None:
        """Keep only the cards of `scope`'s parts (the others are removed) and count for `scope` from now on."""
        self._scope = scope
        self._syncs = syncs
        for key in [key for key, part in self._card_parts.items() if part and not getattr(scope.parts, part)]:
            del self._card_parts[key]
            card = self.cards.pop(key)
            card.setParent(None)
            card.deleteLater()
        self._columns = 0
        self.reflow()

    def reflow(self) -> None:
        """Four cards a row when the page is wide enough for them, fewer (down to MIN_CARD_COLUMNS) at large font
        sizes or in a narrow window."""
        cards = list(self.cards.values())
        if not cards:
            return
        margins = self._content.layout().contentsMargins()
        scroll_bar = self._scroll.verticalScrollBar().sizeHint().width()  # counted as if shown: no see-saw
        room = self.width() - scroll_bar - margins.left() - margins.right() + self._grid.spacing()
        fits = room // (cards[0].minimumSizeHint().width() + self._grid.spacing())
        columns = max(MIN_CARD_COLUMNS, min(CARD_COLUMNS, fits))
        if columns == self._columns:
            return
        self._columns = columns
        for card in cards:
            self._grid.removeWidget(card)
        for index, card in enumerate(cards):
            self._grid.addWidget(card, index // columns, index % columns)

    def refresh(self) -> None:
        """Re-read the counts and urgent items off the GUI thread (nothing to read from before `source` is set)."""
        source = self.source
        if source is None:
            return
        scope = self._scope
        today = today_local(self._clock)
        self._tasks.read(
            lambda: source.snapshot(today, director_id=scope.director_id, parts=scope.parts, limit=URGENT_ROWS),
            self.show_snapshot,
        )

    def show_snapshot(self, data: DashboardSnapshot) -> None:
        """Show what was read; `ready` follows once it is painted."""
        self.today.setText(self.tr("Today: %1").replace("%1", today_local(self._clock).isoformat()))
        counts = data.counts
        values = {
            "Overdue": (counts.visits_overdue, True),
            "DueSoon": (counts.visits_due_soon, False),
            "RedRisk": (counts.red_risk_children, True),
            "HouseholdDrafts": (counts.household_drafts, False),
            "NoticesPast": (counts.notices_past_deadline, True),
            "Reinspections": (counts.reinspections_due, False),
            "Drafts": (counts.drafts, False),
            "Unsynced": (counts.unsynced, False),
        }
        for key, card in self.cards.items():
            value, alert = values[key]
            card.set_value(value, alert=alert)
        if not self._syncs:
            self.sync_time.setText(self.tr("Demo data: never synchronised"))
        elif data.last_sync is None:
            self.sync_time.setText(self.tr("Not yet synchronised with the bureau"))
        else:
            when = data.last_sync.astimezone(_CST).strftime("%Y-%m-%d %H:%M")
            self.sync_time.setText(self.tr("Last synchronised: %1").replace("%1", when))
        urgent = self._urgent(data)
        self.urgent_model.set_rows(urgent)
        self.urgent.setVisible(bool(urgent))
        self.urgent_empty.setVisible(not urgent)
        self.urgent_spacer.setVisible(not urgent)
        self.loaded = True
        if self.isVisible():
            self._announce = True
            self._content.update()
        else:
            self.ready.emit()

    def _urgent(self, data: DashboardSnapshot) -> list[UrgentItem]:
        urgent: list[UrgentItem] = []
        for row in data.overdue:
            place = f"{row.town_name} {row.village_name}".strip()
            what = self.tr("Visit overdue")
            urgent.append(UrgentItem(row.id, "child", what, row.name, place, row.next_visit_due, row.risk_level))
        for case in data.past_deadline:
            place = f"{case.town_name} {case.village_name} {case.place_name}".strip()
            what = self.tr("Deadline passed: re-inspect")
            who = f"{case.case_no} {case.party_name}".strip()
            urgent.append(UrgentItem(case.id, "case", what, who, place, case.deadline, ""))
        return urgent

    def hideEvent(self, event: QHideEvent) -> None:
        # Left for another section before it was painted: what waits for `ready` must not wait for ever.
        super().hideEvent(event)
        self._announce_ready()

    def _announce_ready(self) -> None:
        if self._announce:
            self._announce = False
            QTimer.singleShot(0, self.ready.emit)

    def _open(self, source_row: int) -> None:
        item = self.urgent_model.row_at(source_row)
        (self.open_child if item.kind == "child" else self.open_case).emit(item.id)
