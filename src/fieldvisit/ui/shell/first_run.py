"""The first-run screen: no workspace yet, so offer the demo workspace (演示数据) or bureau sign-in."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from fieldvisit.ui.shell.widgets import banner, button, label, named


class FirstRunWindow(QFrame):
    """Shown when this computer has no workspace; the demo is clearly marked as not real data."""

    demo_requested = Signal()
    sign_in_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "firstRunWindow", self.tr("Welcome"))
        self.setWindowTitle(self.tr("FieldVisit — Welcome"))
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        card = QFrame(self)
        card.setProperty("role", "card")
        card.setFixedWidth(600)
        box = QVBoxLayout(card)
        box.setContentsMargins(36, 30, 36, 30)
        box.setSpacing(14)
        box.addWidget(label(self.tr("Welcome to FieldVisit"), "pageTitle"))
        self.notice = banner("", "firstRunNotice", card)
        self.notice.hide()
        box.addWidget(self.notice)
        box.addWidget(
            label(
                self.tr(
                    "There is no data on this computer yet. Sign in with the account the bureau gave you, "
                    "or look around with demo data first."
                ),
                wrap=True,
            )
        )
        self.sign_in = button(self.tr("Sign in to the bureau"), "bureauSignInButton", primary=True, parent=card)
        self.sign_in.clicked.connect(self.sign_in_requested)
        box.addWidget(self.sign_in)
        box.addWidget(
            label(
                self.tr("Your records are downloaded once; afterwards the same password opens them without a network."),
                "muted",
                wrap=True,
            )
        )
        self.demo = button(self.tr("Try with demo data (演示数据)"), "useDemoButton", parent=card)
        self.demo.clicked.connect(self._demo)
        box.addWidget(self.demo)
        box.addWidget(
            label(
                self.tr("Demo data are invented people and places for practice. Never enter real records there."),
                "muted",
                wrap=True,
            )
        )
        self.busy = named(label("", "muted", wrap=True), "firstRunStatus", self.tr("Status"))
        box.addWidget(self.busy)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.resize(900, 640)

    def show_notice(self, text: str) -> None:
        """A message shown above everything (e.g. why the data on this computer were removed)."""
        label_widget = self.notice.findChild(QLabel, "firstRunNoticeText")
        if label_widget is not None:
            label_widget.setText(text)
        self.notice.setAccessibleName(text)
        self.notice.setVisible(bool(text))

    def set_busy(self, text: str) -> None:
        """Show progress (or an error) and keep the buttons disabled while creating."""
        self.busy.setText(text)
        self.demo.setEnabled(not text)

    def show_error(self, text: str) -> None:
        """Creation failed: say why and allow another try."""
        self.busy.setText(text)
        self.demo.setEnabled(True)

    def _demo(self) -> None:
        self.set_busy(self.tr("Creating the demo workspace, this takes a few seconds…"))
        self.demo_requested.emit()
