"""Re-authentication: the password asked again before something sensitive (full ID numbers on paper)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from fieldvisit.ui.shell.widgets import button, label, named
from fieldvisit.ui.tasks import TaskRunner

PasswordCheck = Callable[[str], object]
"""Raises security.keys.WrongPasswordError when the password does not open the workspace."""


class ReauthDialog(QDialog):
    """Asks for the password again; `confirmed` is emitted only once it has been checked (off the GUI thread)."""

    confirmed = Signal()

    def __init__(self, reason: str, check: PasswordCheck, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "reauthDialog", self.tr("Confirm with your password"))
        self.setWindowTitle(self.tr("Confirm with your password"))
        self._check = check
        self._tasks = tasks
        layout = QVBoxLayout(self)
        layout.addWidget(label(reason, wrap=True))
        self.password = named(QLineEdit(self), "reauthPassword", self.tr("Password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.returnPressed.connect(self._submit)
        layout.addWidget(self.password)
        self.error = named(label("", "fieldError", wrap=True), "reauthError", self.tr("Error"))
        self.error.hide()
        layout.addWidget(self.error)
        row = QHBoxLayout()
        row.addStretch(1)
        cancel = button(self.tr("Cancel"), "reauthCancel", parent=self)
        cancel.clicked.connect(self.reject)
        row.addWidget(cancel)
        self.ok = button(self.tr("Confirm"), "reauthOk", primary=True, parent=self)
        self.ok.clicked.connect(self._submit)
        row.addWidget(self.ok)
        layout.addLayout(row)
        self.resize(460, 0)

    def _submit(self) -> None:
        password = self.password.text()
        if not password:
            self._show_error(self.tr("Please type the password."))
            return
        self.ok.setEnabled(False)
        self.error.hide()
        self._tasks.read(lambda: self._check(password), self._accepted, self._refused)

    def _accepted(self, _result: object) -> None:
        self.password.clear()
        self.accept()
        self.confirmed.emit()

    def _refused(self, exc: BaseException) -> None:
        from fieldvisit.security.keys import WrongPasswordError

        if not isinstance(exc, WrongPasswordError):
            raise exc
        self._show_error(self.tr("The password is not correct. Please try again."))

    def _show_error(self, text: str) -> None:
        self.ok.setEnabled(True)
        self.error.setText(text)
        self.error.show()
        self.password.selectAll()
        self.password.setFocus()
