"""The unlock screen: the password for the workspace (the demo password is shown for demo data)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from fieldvisit.ui.shell.widgets import banner, button, label, named


class UnlockWindow(QFrame):
    """Asks for the password; emits `unlock_requested` with it. Also serves as the idle-lock screen."""

    unlock_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "unlockWindow", self.tr("Unlock"))
        self.setWindowTitle(self.tr("FieldVisit — Unlock"))
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        card = QFrame(self)
        card.setProperty("role", "card")
        card.setFixedWidth(520)
        box = QVBoxLayout(card)
        box.setContentsMargins(36, 30, 36, 30)
        box.setSpacing(12)
        box.addWidget(label(self.tr("FieldVisit"), "pageTitle"))
        box.addWidget(label(self.tr("Cixi Civil Affairs Bureau · field work"), "muted"))
        self.reason = label("", "muted", wrap=True)
        self.reason.hide()
        box.addWidget(self.reason)
        self.demo_banner = banner("", "demoBanner", card)
        self.demo_text = self.demo_banner.findChild(QLabel, "demoBannerText")
        self.demo_banner.hide()
        box.addWidget(self.demo_banner)
        box.addWidget(label(self.tr("Password"), ""))
        self.password = named(QLineEdit(card), "passwordEdit", self.tr("Password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Type your password, then press Enter"))
        self.password.returnPressed.connect(self._submit)
        box.addWidget(self.password)
        self.error = named(label("", "fieldError", wrap=True), "unlockError", self.tr("Unlock error"))
        self.error.hide()
        box.addWidget(self.error)
        self.unlock_button = button(self.tr("Unlock"), "unlockButton", primary=True, parent=card)
        self.unlock_button.clicked.connect(self._submit)
        box.addWidget(self.unlock_button)
        self.busy = label("", "muted")
        box.addWidget(self.busy)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.resize(900, 640)

    def show_demo_hint(self, password: str) -> None:
        """Mark the workspace as demo data and show its (public) password."""
        text = self.tr("Demo data (演示数据) — not real people. Password: %1").replace("%1", password)
        self.demo_text.setText(text)
        self.demo_banner.setAccessibleName(text)
        self.demo_banner.show()

    def set_reason(self, text: str) -> None:
        """Say why the password is asked (e.g. locked after being idle)."""
        self.reason.setText(text)
        self.reason.setVisible(bool(text))

    def set_busy(self, busy: bool) -> None:
        """Disable input while the key is being unwrapped."""
        self.password.setEnabled(not busy)
        self.unlock_button.setEnabled(not busy)
        self.busy.setText(self.tr("Unlocking…") if busy else "")

    def show_error(self, text: str) -> None:
        """Show why unlocking failed and let the user try again."""
        self.set_busy(False)
        self.error.setText(text)
        self.error.show()
        self.password.selectAll()
        self.password.setFocus()

    def reset(self) -> None:
        """Clear the password and any message (when locking again)."""
        self.password.clear()
        self.error.hide()
        self.set_busy(False)

    def _submit(self) -> None:
        text = self.password.text()
        if not text:
            self.show_error(self.tr("Please type the password."))
            return
        self.error.hide()
        self.set_busy(True)
        self.unlock_requested.emit(text)
