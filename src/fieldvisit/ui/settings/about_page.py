"""关于 (About and diagnostics): versions, data folder, key storage and encryption, with a copy button for support."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from fieldvisit.ui.settings.diagnostics import Diagnostics
from fieldvisit.ui.shell.widgets import button, label, named
from fieldvisit.ui.tasks import TaskRunner


class AboutPage(QWidget):
    """Reads the diagnostics off the GUI thread when first shown; "copy" puts the same text on the clipboard."""

    def __init__(self, collect: Callable[[], Diagnostics], tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "aboutPage", self.tr("About"))
        self._collect = collect
        self._tasks = tasks
        self.diagnostics: Diagnostics | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(label(self.tr("FieldVisit (民政走访) · Cixi Civil Affairs Bureau"), "sectionTitle"))
        self.box = QGroupBox(self.tr("Diagnostics"), self)
        self.form = QFormLayout(self.box)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.status = named(label(self.tr("Checking the data…"), "muted"), "aboutStatus", self.tr("Status"))
        self.form.addRow(self.status)
        layout.addWidget(self.box)
        row = QHBoxLayout()
        self.copy_button = button(self.tr("Copy diagnostics"), "copyDiagnosticsButton", parent=self)
        self.copy_button.setToolTip(self.tr("For the bureau's IT staff; contains no names, ID numbers or usernames."))
        self.copy_button.setEnabled(False)
        self.copy_button.clicked.connect(self.copy)
        row.addWidget(self.copy_button)
        self.copied = named(label("", "muted"), "diagnosticsCopied", self.tr("Copied"))
        row.addWidget(self.copied)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)

    def load(self) -> None:
        """Run the checks (once)."""
        if self.diagnostics is None:
            self._tasks.read(self._collect, self._show, self._failed)

    def rows(self) -> list[tuple[str, str]]:
        """The facts as (label, value) lines, in the order shown and copied."""
        d = self.diagnostics
        if d is None:
            return []
        yes, no = self.tr("yes"), self.tr("no")
        keyring = d.keyring_backend or self.tr("none")
        keyring += " · " + (
            self.tr("kept after restart") if d.keyring_persistent else self.tr("this session only (password at start)")
        )
        encrypted = d.header_encrypted and bool(d.cipher)
        encryption = (
            self.tr("encrypted (SQLCipher %1, file header encrypted: %2)")
            .replace("%1", d.cipher or "?")
            .replace("%2", yes if d.header_encrypted else no)
            if encrypted
            else self.tr("NOT encrypted (SQLCipher %1, file header encrypted: %2)")
            .replace("%1", d.cipher or self.tr("missing"))
            .replace("%2", yes if d.header_encrypted else no)
        )
        return [
            (self.tr("FieldVisit version"), d.app_version),
            (self.tr("Qt and PySide6"), d.qt),
            (self.tr("Python"), d.python),
            (self.tr("Operating system"), d.system),
            (self.tr("Data folder"), d.data_dir + (self.tr(" (demo data)") if d.demo else "")),
            (self.tr("Key storage"), keyring),
            (self.tr("Database"), encryption),
            (self.tr("Schema revision"), d.schema),
            (self.tr("Integrity check"), d.integrity),
            (self.tr("Records"), ", ".join(f"{name} {count}" for name, count in d.counts)),
            (self.tr("Problems found"), "; ".join(d.problems) or self.tr("none")),
        ]

    def text(self) -> str:
        """The diagnostics as plain text, exactly as copied."""
        lines = [self.tr("FieldVisit diagnostics")] + [f"{caption}: {value}" for caption, value in self.rows()]
        return "\n".join(lines) + "\n"

    def copy(self) -> None:
        """Put the diagnostics text on the clipboard."""
        QGuiApplication.clipboard().setText(self.text())
        self.copied.setText(self.tr("Copied to the clipboard."))

    def _show(self, diagnostics: Diagnostics) -> None:
        self.diagnostics = diagnostics
        while self.form.rowCount():
            self.form.removeRow(0)
        for caption, value in self.rows():
            shown = QLabel(value, self.box)
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.form.addRow(caption, shown)
        self.copy_button.setEnabled(True)

    def _failed(self, exc: BaseException) -> None:
        message = getattr(exc, "message_zh", "") or type(exc).__name__
        self.status.setText(self.tr("The checks could not run: %1").replace("%1", message))
