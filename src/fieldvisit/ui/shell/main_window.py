"""The main window: navigation by role (工作台, 家庭核查, 儿童档案, 殡葬巡查, 设置) and the sections' pages.

It opens on the dashboard before the database layers have loaded; the sections are built once `attach` hands it
the session's services (until then a section asked for shows a short "Loading…" page and opens when ready).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fieldvisit.domain.clock import Clock
from fieldvisit.domain.enums import Role
from fieldvisit.ui.dashboard.dashboard_page import DashboardPage, DashboardScope
from fieldvisit.ui.format import enum_text
from fieldvisit.ui.shell.widgets import banner, label, named, scrolling
from fieldvisit.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from collections.abc import Callable

    from fieldvisit.store.repositories.sync import SyncSummary
    from fieldvisit.ui.assistance.section import HouseholdsSection
    from fieldvisit.ui.burial.section import CasesSection
    from fieldvisit.ui.children.section import ChildrenSection
    from fieldvisit.ui.settings.about_page import AboutPage
    from fieldvisit.ui.settings.settings_page import SettingsPage
    from fieldvisit.ui.shell.services import AppServices
    from fieldvisit.ui.sync.sync_page import SyncPage

SECTIONS_BY_ROLE: dict[str, tuple[str, ...]] = {
    Role.CHILD_DIRECTOR: ("dashboard", "children", "sync", "settings"),
    Role.CHILD_SUPERVISOR: ("dashboard", "children", "sync", "settings"),
    Role.SOCIAL_WORKER: ("dashboard", "households", "sync", "settings"),
    Role.PATROL_OFFICER: ("dashboard", "cases", "sync", "settings"),
}
ALL_SECTIONS = ("dashboard", "households", "children", "cases", "sync", "settings")


class _Navigation(QScrollArea):
    """The navigation column: 200 px at least and wider when its buttons need it; it scrolls rather than make the
    window taller than the screen (large font sizes)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("navigation")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.column = QWidget(self)
        scrolling(self, self.column)

    def minimumSizeHint(self) -> QSize:
        width = self.column.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width()
        return QSize(max(200, width), super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        # Room for the user's name and role on one line, but not at any width: at large font sizes it wraps.
        least = self.minimumSizeHint().width()
        width = self.column.sizeHint().width() + self.verticalScrollBar().sizeHint().width()
        return QSize(min(max(least, width), round(least * 1.3)), super().sizeHint().height())


class MainWindow(QMainWindow):
    """Left: the navigation for the worker's role. Right: the chosen section."""

    lock_requested = Signal()
    font_scale_changed = Signal(int)
    idle_minutes_changed = Signal(int)
    user_changed = Signal(str)
    dashboard_ready = Signal()
    device_wiped = Signal(str)

    def __init__(
        self, user: Any, *, demo: bool, tasks: TaskRunner, clock: Clock, parent: QWidget | None = None
    ) -> None:
        """`user`: who works (anything with `id`, `display_name` and `role`), or None (every section).

        The window is built for every section, then fitted to `user` (`fit_to`): unlocking builds it with None
        while the key is unwrapped, and fits it once the user is known.
        """
        super().__init__(parent)
        named(self, "mainWindow", self.tr("FieldVisit"))
        self.services: AppServices | None = None
        self._demo = False
        self.setWindowTitle(self.tr("FieldVisit — Cixi Civil Affairs Bureau"))

        self.dashboard = DashboardPage(DashboardScope.of(None), tasks, clock, syncs=True)
        self.dashboard.navigate.connect(self.go_to_list)
        self.dashboard.open_child.connect(self.open_child)
        self.dashboard.open_case.connect(self.open_case)
        self.dashboard.ready.connect(self.dashboard_ready)
        self.about: AboutPage | None = None
        self._pending: Callable[[], None] | None = None
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.dashboard)
        self.loading = named(label(self.tr("Loading…"), "muted"), "sectionLoading", self.tr("Loading…"))
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages.addWidget(self.loading)
        self._built: dict[str, QWidget] = {"dashboard": self.dashboard}
        titles = {
            "dashboard": self.tr("Dashboard"),
            "households": self.tr("Household checks"),
            "children": self.tr("Children's files"),
            "cases": self.tr("Burial patrols"),
            "sync": self.tr("Sync"),
            "settings": self.tr("Settings"),
        }
        object_names = {
            "dashboard": "navDashboard",
            "households": "navHouseholds",
            "children": "navChildren",
            "cases": "navCases",
            "sync": "navSync",
            "settings": "navSettings",
        }

        nav = _Navigation(self)
        nav_box = QVBoxLayout(nav.column)
        nav_box.setContentsMargins(0, 0, 0, 12)
        nav_box.setSpacing(2)
        nav_box.addWidget(named(label(self.tr("FieldVisit"), "appTitle"), "appTitle", self.tr("FieldVisit")))
        self.current_user = named(label(self.tr("No user"), "", wrap=True), "currentUser", self.tr("Current user"))
        nav_box.addWidget(self.current_user)
        self.nav_group = QButtonGroup(self)
        self.nav_buttons: dict[str, QPushButton] = {}
        for key in ALL_SECTIONS:
            nav_button = named(QPushButton(titles[key], nav.column), object_names[key], titles[key])
            nav_button.setCheckable(True)
            nav_button.clicked.connect(lambda _=False, k=key: self.show_section(k))
            self.nav_group.addButton(nav_button)
            self.nav_buttons[key] = nav_button
            nav_box.addWidget(nav_button)
        nav_box.addStretch(1)
        self.sync_status = named(label("", wrap=True), "navSyncStatus", self.tr("Sync status"))
        nav_box.addWidget(self.sync_status)

        body = QWidget(self)
        self._body_box = QVBoxLayout(body)
        self._body_box.setContentsMargins(0, 0, 0, 0)
        self._body_box.setSpacing(0)
        self._body_box.addWidget(self.pages, 1)

        central = QWidget(self)
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(nav)
        row.addWidget(body, 1)
        self.setCentralWidget(central)
        self.resize(1280, 820)
        self.show_section("dashboard")
        self.fit_to(user, demo=demo)

    def fit_to(self, user: Any, *, demo: bool) -> None:
        """Narrow the window to `user`'s job: their sections in the navigation, their dashboard's cards, who they
        are; mark demo data. Sections and cards left out are removed (a later call cannot bring them back)."""
        self._demo = demo
        if user is not None:
            self.current_user.setText(f"{user.display_name} · {enum_text(Role, user.role)}")
        visible = SECTIONS_BY_ROLE.get(str(user.role) if user else "", ALL_SECTIONS)
        for key in [key for key in self.nav_buttons if key not in visible]:
            nav_button = self.nav_buttons.pop(key)
            self.nav_group.removeButton(nav_button)
            nav_button.setParent(None)
            nav_button.deleteLater()
        self.dashboard.narrow_to(DashboardScope.of(user), syncs=not demo)
        if demo and self.findChild(QFrame, "demoBanner") is None:
            text = self.tr("Demo data (演示数据): invented people for practice — do not enter real records.")
            self._body_box.insertWidget(0, banner(text, "demoBanner", self))
            self.sync_status.setText(self.tr("Demo data: not synchronised"))

    @classmethod
    def for_services(cls, services: AppServices, parent: QWidget | None = None) -> MainWindow:
        """A main window for an open session, its sections ready."""
        session = services.session
        window = cls(session.user, demo=session.demo, tasks=services.tasks, clock=services.clock, parent=parent)
        window.attach(services)
        return window

    def attach(self, services: AppServices) -> None:
        """The session's services are ready: the sections can be built, the dashboard refreshes on changes."""
        self.services = services
        self.dashboard.source = services.dashboard
        services.bus.changed.connect(lambda _table: self.dashboard.refresh())
        sync = services.sync
        sync.started.connect(lambda: self.sync_status.setText(self.tr("Synchronising…")))
        sync.summary_changed.connect(self._show_sync_summary)
        sync.wiped.connect(self.device_wiped)
        pending, self._pending = self._pending, None
        if pending is not None:
            pending()

    def _when_attached(self, action: Callable[[], None], section: str) -> bool:
        """Run `action` now if the sections can be built; else show "Loading…" and run it once they can."""
        if self.services is not None:
            return True
        self._pending = action
        self.pages.setCurrentWidget(self.loading)
        if section in self.nav_buttons:
            self.nav_buttons[section].setChecked(True)
        return False

    def page(self, key: str) -> QWidget:
        """A section's page, built the first time it is needed (start-up builds only the dashboard)."""
        if key not in self._built:
            services = self.services
            assert services is not None, "sections are built once the services are attached"
            builders = {
                "households": self._build_households,
                "children": self._build_children,
                "cases": self._build_cases,
                "sync": self._build_sync,
                "settings": self._build_settings,
            }
            built = builders[key](services)
            self._built[key] = built
            self.pages.addWidget(built)
        return self._built[key]

    @staticmethod
    def _build_households(services: AppServices) -> HouseholdsSection:
        from fieldvisit.ui.assistance.section import HouseholdsSection

        return HouseholdsSection(services)

    @staticmethod
    def _build_children(services: AppServices) -> ChildrenSection:
        from fieldvisit.ui.children.section import ChildrenSection

        return ChildrenSection(services)

    @staticmethod
    def _build_cases(services: AppServices) -> CasesSection:
        from fieldvisit.ui.burial.section import CasesSection

        return CasesSection(services)

    @property
    def children(self) -> ChildrenSection:
        """儿童档案."""
        return self.page("children")  # type: ignore[return-value]

    @property
    def households(self) -> HouseholdsSection:
        """家庭核查."""
        return self.page("households")  # type: ignore[return-value]

    @property
    def cases(self) -> CasesSection:
        """殡葬巡查."""
        return self.page("cases")  # type: ignore[return-value]

    @property
    def sync(self) -> SyncPage:
        """同步."""
        return self.page("sync")  # type: ignore[return-value]

    @property
    def settings(self) -> SettingsPage:
        """设置."""
        return self.page("settings")  # type: ignore[return-value]

    def _build_sync(self, services: AppServices) -> SyncPage:
        from fieldvisit.ui.sync.sync_page import SyncPage

        page = SyncPage(services.sync, services.tasks, services.resolve_conflict, services.requeue)
        page.changed.connect(services.bus.changed.emit)
        return page

    def _show_sync_summary(self, summary: SyncSummary) -> None:
        from fieldvisit.ui.sync.sync_page import local_time

        if self._demo:
            text = self.tr("Demo data: not synchronised")
        elif not summary.bureau_url:
            text = self.tr("Not signed in to the bureau")
        elif summary.conflicts:
            text = self.tr("%1 conflicts to decide").replace("%1", str(summary.conflicts))
        elif summary.pending:
            text = self.tr("%1 changes to send").replace("%1", str(summary.pending))
        else:
            text = self.tr("Synchronised %1").replace("%1", local_time(summary.last_success_at))
        self.sync_status.setText(text)

    def _build_settings(self, services: AppServices) -> SettingsPage:
        from fieldvisit.ui.settings.about_page import AboutPage
        from fieldvisit.ui.settings.diagnostics import collect
        from fieldvisit.ui.settings.settings_page import SettingsPage

        session = services.session
        user = session.user
        settings = SettingsPage(
            services.prefs,
            workspace_text=str(session.workspace.path),
            secret_backend=services.secret_backend or self.tr("password only (no keyring): asked at every start"),
            demo_users=services.reference.users() if session.demo else None,
            current_user_id=user.id if user else "",
        )
        settings.font_scale_changed.connect(self.font_scale_changed)
        settings.idle_minutes_changed.connect(self.idle_minutes_changed)
        settings.lock_requested.connect(self.lock_requested)
        settings.user_changed.connect(self.user_changed)
        settings.sign_in_requested.connect(lambda: self.sync.sign_in())
        settings.set_sign_in_enabled(services.sync.enabled)
        self.about = AboutPage(lambda: collect(session.workspace, services.secret_store), services.tasks, settings)
        settings.add_tab(self.about, self.tr("About"))
        return settings

    def start(self) -> None:
        """Load the dashboard (the lists load when first opened) and start syncing if the setting says so."""
        self.dashboard.refresh()
        self.start_sync()

    def start_sync(self) -> None:
        """Show the sync state in the navigation and start syncing if the setting says so."""
        if self.services is not None:
            self.services.sync.refresh_summary()
            self.services.sync.start_auto()

    def show_section(self, key: str) -> None:
        """Switch to a section; its list loads the first time it is shown."""
        if key != "dashboard" and not self._when_attached(lambda: self.show_section(key), key):
            return
        self._pending = None
        page = self.page(key)
        self.pages.setCurrentWidget(page)
        if key in self.nav_buttons:
            self.nav_buttons[key].setChecked(True)
        ensure = getattr(page, "ensure_loaded", None)
        if callable(ensure):
            ensure()

    def go_to_list(self, section: str, filter_key: str, option: str) -> None:
        """Open a section's list with one filter chosen (the dashboard's cards)."""
        if not section or not self._when_attached(lambda: self.go_to_list(section, filter_key, option), section):
            return
        self.show_section(section)
        page = self.page(section)
        page.pop_to_root()  # type: ignore[attr-defined]
        if filter_key:
            page.list.choose(filter_key, option)  # type: ignore[attr-defined]

    def open_child(self, child_id: str) -> None:
        """Show one child's file."""
        if self._when_attached(lambda: self.open_child(child_id), "children"):
            self.show_section("children")
            self.children.open_child(child_id)

    def open_case(self, case_id: str) -> None:
        """Show one grave case."""
        if self._when_attached(lambda: self.open_case(case_id), "cases"):
            self.show_section("cases")
            self.cases.open_case(case_id)

    def flush_edits(self) -> None:
        """Save whatever is being typed in every open editor now."""
        for key in ("children", "households", "cases"):
            if key in self._built:
                self._built[key].flush()  # type: ignore[attr-defined]

    def closeEvent(self, event: QCloseEvent) -> None:
        self.flush_edits()
        super().closeEvent(event)
