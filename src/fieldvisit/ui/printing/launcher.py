"""Opens print previews for the screens: renders off the GUI thread, asks the password again before full IDs."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from fieldvisit.ui.shell.reauth import PasswordCheck, ReauthDialog
from fieldvisit.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from fieldvisit.print_service import PrintJob, PrintService
    from fieldvisit.ui.printing.preview_dialog import PrintPreviewDialog

log = logging.getLogger(__name__)

ID_DOCUMENTS = frozenset(
    {"household_survey", "child_info", "child_visit", "child_dossier", "rectification_notice", "reinspection_record"}
)
"""Documents that print resident ID numbers (masked unless the user re-authenticates and asks for them)."""


class PrintLauncher(QObject):
    """Every print of the app goes through here; `opened` carries each preview dialog as it is shown."""

    opened = Signal(object)

    def __init__(
        self,
        service: Callable[[], PrintService],
        tasks: TaskRunner,
        check_password: PasswordCheck,
        audit_reveal: Callable[[PrintJob], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._tasks = tasks
        self._check_password = check_password
        self._audit_reveal = audit_reveal
        self.reauth: ReauthDialog | None = None

    def preview(self, parent: QWidget, document: str, record_ids: list[str], title: str) -> None:
        """Render records as `document` (ID numbers masked) and open the preview."""
        reveal = self._reveal(document, record_ids) if document in ID_DOCUMENTS else None
        self._open(parent, lambda: self._service().render(document, record_ids), title, reveal)

    def preview_visit_forms(self, parent: QWidget, child_ids: list[str], title: str) -> None:
        """Blank visit forms headed for each child, to take on the round."""
        self._open(parent, lambda: self._service().render_visit_forms(child_ids), title, None)

    def preview_blank(self, parent: QWidget, form_id: str, title: str) -> None:
        """A blank paper form."""
        self._open(parent, lambda: self._service().render_blank(form_id), title, None)

    def _open(
        self,
        parent: QWidget,
        render: Callable[[], PrintJob],
        title: str,
        reveal: Callable[[PrintPreviewDialog], None] | None,
    ) -> None:
        def show(job: PrintJob) -> None:
            from fieldvisit.ui.printing.preview_dialog import PrintPreviewDialog

            dialog = PrintPreviewDialog(job, self._service(), title, parent.window(), reveal_ids=reveal)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.show()
            self.opened.emit(dialog)

        self._tasks.read(render, show, lambda exc: self._failed(parent, exc))

    def _failed(self, parent: QWidget, exc: BaseException) -> None:
        message = getattr(exc, "message_zh", "")
        if not message:
            log.error("printing failed: %s", type(exc).__name__, exc_info=exc)
            message = self.tr("The document could not be prepared for printing.")
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Not printed"), message, parent=parent.window())
        box.setObjectName("printFailedMessage")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _reveal(self, document: str, record_ids: list[str]) -> Callable[[PrintPreviewDialog], None]:
        def ask(dialog: PrintPreviewDialog) -> None:
            reason = self.tr(
                "ID numbers are printed masked. To print them in full, type your password again. "
                "This is recorded in the audit log."
            )
            self.reauth = ReauthDialog(reason, self._check_password, self._tasks, dialog)
            self.reauth.confirmed.connect(lambda: self._render_full(dialog, document, record_ids))
            self.reauth.open()

        return ask

    def _render_full(self, dialog: PrintPreviewDialog, document: str, record_ids: list[str]) -> None:
        def show(job: PrintJob) -> None:
            self._tasks.write(lambda: self._audit_reveal(job))
            dialog.show_full_ids(job)

        render = self._service().render
        self._tasks.read(lambda: render(document, record_ids, full_ids=True), show, lambda e: self._failed(dialog, e))
