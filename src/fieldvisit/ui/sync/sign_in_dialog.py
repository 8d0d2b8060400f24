"""Sign-in to the bureau: server address, username and password; the owner does the signing in."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from fieldvisit.ui.shell.widgets import button, label, named


class SignInDialog(QDialog):
    """Emits `submitted(address, username, password)`; the owner answers with `show_error`, `show_busy` or
    `accept`. With `first_time`, it says that the password will also unlock this computer's data offline."""

    submitted = Signal(str, str, str)

    def __init__(
        self, *, address: str = "", username: str = "", first_time: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        named(self, "signInDialog", self.tr("Sign in to the bureau"))
        self.setWindowTitle(self.tr("Sign in to the bureau"))
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(label(self.tr("Sign in to the bureau"), "sectionTitle"))
        if first_time:
            text = self.tr(
                "Use the account the bureau gave you. This computer is then registered with the bureau, your "
                "records are downloaded, and the same password unlocks them here, also without a network."
            )
        else:
            text = self.tr("Sign in again to keep synchronising this computer with the bureau.")
        layout.addWidget(label(text, "muted", wrap=True))
        form = QFormLayout()
        self.address = named(QLineEdit(address, self), "bureauAddress", self.tr("Server address"))
        self.address.setPlaceholderText("https://mzj.cixi.gov.cn")
        form.addRow(self.tr("Server address"), self.address)
        self.username = named(QLineEdit(username, self), "bureauUsername", self.tr("Username"))
        form.addRow(self.tr("Username"), self.username)
        self.password = named(QLineEdit(self), "bureauPassword", self.tr("Password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.returnPressed.connect(self._submit)
        form.addRow(self.tr("Password"), self.password)
        layout.addLayout(form)
        self.error = named(label("", "fieldError", wrap=True), "signInError", self.tr("Sign-in error"))
        self.error.hide()
        layout.addWidget(self.error)
        self.busy = named(label("", "muted", wrap=True), "signInStatus", self.tr("Sign-in status"))
        layout.addWidget(self.busy)
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel = button(self.tr("Cancel"), "signInCancel", parent=self)
        self.cancel.clicked.connect(self.reject)
        row.addWidget(self.cancel)
        self.ok = button(self.tr("Sign in"), "signInOk", primary=True, parent=self)
        self.ok.clicked.connect(self._submit)
        row.addWidget(self.ok)
        layout.addLayout(row)
        self.resize(520, 0)
        (self.password if address and username else self.address).setFocus()

    def show_busy(self, text: str) -> None:
        """Say what is happening (signing in, downloading …) while the inputs are locked."""
        self.busy.setText(text)
        for widget in (self.address, self.username, self.password, self.ok, self.cancel):
            widget.setEnabled(False)

    def show_error(self, text: str) -> None:
        """Say why signing in failed and let the user correct and retry."""
        self.busy.setText("")
        for widget in (self.address, self.username, self.password, self.ok, self.cancel):
            widget.setEnabled(True)
        self.error.setText(text)
        self.error.show()
        self.password.selectAll()
        self.password.setFocus()

    def _submit(self) -> None:
        values = (self.address.text().strip(), self.username.text().strip(), self.password.text())
        if not all(values):
            self.error.setText(self.tr("Please fill in the server address, the username and the password."))
            self.error.show()
            return
        self.error.hide()
        self.submitted.emit(*values)
