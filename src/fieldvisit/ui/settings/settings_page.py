"""Settings (设置): font size, idle lock and the demo's role switch; the sync and About pages are tabs beside them."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldvisit.domain.shared import Role, User
from fieldvisit.ui.format import enum_text
from fieldvisit.ui.prefs import FONT_SCALES, IDLE_LOCK_CHOICES, Preferences
from fieldvisit.ui.shell.widgets import button, label, named, scrolling


class SettingsPage(QWidget):
    """Changes apply at once; the font size is remembered for this workspace."""

    font_scale_changed = Signal(int)
    idle_minutes_changed = Signal(int)
    user_changed = Signal(str)
    lock_requested = Signal()
    sign_in_requested = Signal()

    def __init__(
        self,
        prefs: Preferences,
        *,
        workspace_text: str,
        secret_backend: str,
        demo_users: list[User] | None = None,
        current_user_id: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        named(self, "settingsPage", self.tr("Settings"))
        self._prefs = prefs
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 18, 24, 18)
        outer.setSpacing(10)
        outer.addWidget(label(self.tr("Settings"), "pageTitle"))
        self.tabs = named(QTabWidget(self), "settingsTabs", self.tr("Settings"))
        self.tabs.currentChanged.connect(self._tab_shown)
        outer.addWidget(self.tabs, 1)
        general = QWidget()
        layout = QVBoxLayout(general)
        layout.setContentsMargins(0, 12, 12, 0)
        layout.setSpacing(14)
        self.tabs.addTab(scrolling(QScrollArea(self.tabs), general), self.tr("General"))

        display = QGroupBox(self.tr("Display"), self)
        form = QFormLayout(display)
        self.font_scale = named(QComboBox(display), "fontScaleCombo", self.tr("Font size"))
        for percent in FONT_SCALES:
            self.font_scale.addItem(f"{percent}%", percent)
        self.font_scale.setCurrentIndex(FONT_SCALES.index(prefs.font_scale()))
        self.font_scale.currentIndexChanged.connect(self._font_scale)
        form.addRow(self.tr("Font size"), self.font_scale)
        layout.addWidget(display)

        security = QGroupBox(self.tr("Security"), self)
        form = QFormLayout(security)
        self.idle = named(QComboBox(security), "idleLockCombo", self.tr("Lock after idle"))
        for minutes in IDLE_LOCK_CHOICES:
            self.idle.addItem(self.tr("%1 minutes").replace("%1", str(minutes)), minutes)
        self.idle.setCurrentIndex(IDLE_LOCK_CHOICES.index(prefs.idle_lock_minutes()))
        self.idle.currentIndexChanged.connect(self._idle)
        form.addRow(self.tr("Lock after idle"), self.idle)
        lock = button(self.tr("Lock now"), "lockNowButton", parent=security)
        lock.clicked.connect(self.lock_requested)
        form.addRow("", lock)
        form.addRow(self.tr("Key storage"), label(secret_backend, "muted", wrap=True))
        layout.addWidget(security)

        if demo_users:
            demo = QGroupBox(self.tr("Demo data (演示数据)"), self)
            form = QFormLayout(demo)
            self.user = named(QComboBox(demo), "demoUserCombo", self.tr("Try as"))
            for user in demo_users:
                self.user.addItem(f"{user.display_name} · {enum_text(Role, user.role)}", user.id)
            self.user.setCurrentIndex(max(0, self.user.findData(current_user_id)))
            self.user.currentIndexChanged.connect(lambda: self.user_changed.emit(str(self.user.currentData())))
            form.addRow(self.tr("Try as"), self.user)
            layout.addWidget(demo)

        bureau = QGroupBox(self.tr("Bureau"), self)
        form = QFormLayout(bureau)
        self.sign_in = button(self.tr("Sign in to the bureau…"), "settingsSignInButton", parent=bureau)
        self.sign_in.clicked.connect(self.sign_in_requested)
        form.addRow(self.tr("Synchronisation"), self.sign_in)
        self.sign_in_note = label("", "muted", wrap=True)
        form.addRow("", self.sign_in_note)
        layout.addWidget(bureau)

        about = QGroupBox(self.tr("Workspace"), self)
        form = QFormLayout(about)
        form.addRow(self.tr("Data folder"), named(label(workspace_text, "muted", wrap=True), "workspacePath"))
        layout.addWidget(about)
        layout.addStretch(1)

    def set_sign_in_enabled(self, enabled: bool) -> None:
        """Demo data never sync, so there is nothing to sign in to."""
        self.sign_in.setEnabled(enabled)
        self.sign_in_note.setText("" if enabled else self.tr("Demo data (演示数据) are never sent to the bureau."))

    def add_tab(self, page: QWidget, title: str) -> None:
        """Add a page (sync, About) as a tab; a page with `load()` is loaded when its tab is first shown."""
        self.tabs.addTab(page, title)

    def show_tab(self, page: QWidget) -> None:
        """Bring one of the tabs to the front."""
        self.tabs.setCurrentWidget(page)

    def _tab_shown(self, index: int) -> None:
        load = getattr(self.tabs.widget(index), "load", None)
        if callable(load):
            load()

    def _font_scale(self) -> None:
        percent = int(self.font_scale.currentData())
        self._prefs.set_font_scale(percent)
        self.font_scale_changed.emit(percent)

    def _idle(self) -> None:
        minutes = int(self.idle.currentData())
        self._prefs.set_idle_lock_minutes(minutes)
        self.idle_minutes_changed.emit(minutes)
