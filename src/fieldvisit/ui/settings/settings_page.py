"""Settings (设置): font size for the whole app, idle-lock delay, lock now, and the demo's role switch."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QVBoxLayout, QWidget

from fieldvisit.domain.shared import Role, User
from fieldvisit.ui.format import enum_text
from fieldvisit.ui.prefs import FONT_SCALES, IDLE_LOCK_CHOICES, Preferences
from fieldvisit.ui.shell.widgets import button, label, named


class SettingsPage(QWidget):
    """Changes apply at once; the font size is remembered for this workspace."""

    font_scale_changed = Signal(int)
    idle_minutes_changed = Signal(int)
    user_changed = Signal(str)
    lock_requested = Signal()

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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(14)
        layout.addWidget(label(self.tr("Settings"), "pageTitle"))

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

        about = QGroupBox(self.tr("Workspace"), self)
        form = QFormLayout(about)
        form.addRow(self.tr("Data folder"), named(label(workspace_text, "muted", wrap=True), "workspacePath"))
        layout.addWidget(about)
        layout.addStretch(1)

    def _font_scale(self) -> None:
        percent = int(self.font_scale.currentData())
        self._prefs.set_font_scale(percent)
        self.font_scale_changed.emit(percent)

    def _idle(self) -> None:
        minutes = int(self.idle.currentData())
        self._prefs.set_idle_lock_minutes(minutes)
        self.idle_minutes_changed.emit(minutes)
