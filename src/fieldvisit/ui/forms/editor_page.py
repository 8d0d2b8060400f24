"""An editor page around a form: autosave status, finalize with the list of what is missing, read-only after."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta, timezone

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from fieldvisit.domain.base import RecordState, SyncState
from fieldvisit.domain.types import Clock
from fieldvisit.formspec import Issue
from fieldvisit.store.services.attachments import AttachmentService
from fieldvisit.store.services.drafts import Draft, DraftService, form
from fieldvisit.store.services.records import Outcome
from fieldvisit.ui.format import enum_text
from fieldvisit.ui.forms.autosave import Autosave
from fieldvisit.ui.forms.draft_model import DraftModel
from fieldvisit.ui.forms.fields.factory import FieldServices
from fieldvisit.ui.forms.lookups import Lookups
from fieldvisit.ui.forms.media_host import EditorMedia
from fieldvisit.ui.forms.renderer import FormView
from fieldvisit.ui.printing.launcher import PrintLauncher
from fieldvisit.ui.shell.widgets import banner, button, label, named
from fieldvisit.ui.sync.badge import SyncBadge, SyncStateOf
from fieldvisit.ui.tasks import TaskRunner

_CST = timezone(timedelta(hours=8))
MAX_LISTED_ISSUES = 30


@dataclass
class EditorServices:
    """What an editor page uses: drafts and attachments, the task runner, lookups, the clock."""

    drafts: DraftService
    attachments: AttachmentService
    tasks: TaskRunner
    lookups: Lookups
    clock: Clock
    changed: Callable[[str], None]
    printer: PrintLauncher | None = None
    sync_state: SyncStateOf | None = None
    sync_done: SignalInstance | None = None


@dataclass
class EditorActions:
    """The record-specific steps: finalize (定稿, 下达 …) and amend (更正) once final."""

    finalize: Callable[[], Outcome] | None = None
    finalize_text: str = ""
    amend: Callable[[str], str] | None = None
    print_document: str = ""
    print_drafts: bool = False


class AmendDialog(QDialog):
    """Asks why a finalized record is being corrected."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "amendDialog", self.tr("Correct a finalized record"))
        self.setWindowTitle(self.tr("Correct a finalized record"))
        layout = QVBoxLayout(self)
        layout.addWidget(label(self.tr("The original stays on file. Say what is being corrected and why:"), wrap=True))
        self.reason = named(QLineEdit(self), "amendReason", self.tr("Reason for the correction"))
        layout.addWidget(self.reason)
        ok = button(self.tr("Start the correction"), "amendOk", primary=True, parent=self)
        ok.clicked.connect(self._ok)
        cancel = button(self.tr("Cancel"), "amendCancel", parent=self)
        cancel.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(cancel)
        row.addWidget(ok)
        layout.addLayout(row)

    def _ok(self) -> None:
        if self.reason.text().strip():
            self.accept()


class EditorPage(QWidget):
    """Edits one record of a form; every change is autosaved; finalize runs every rule first."""

    back_requested = Signal()
    finalized = Signal(str)
    amended = Signal(str)

    def __init__(
        self,
        title: str,
        draft: Draft,
        services: EditorServices,
        actions: EditorActions,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        spec = form(draft.form_id)
        named(self, f"editor_{draft.form_id}", title)
        self.title = title
        self.draft = draft
        self.services = services
        self.actions = actions
        self.model = DraftModel(spec, draft.values, draft.context, readonly=draft.final)
        self.autosave = Autosave(
            self.model,
            services.tasks,
            lambda values: services.drafts.save(draft.form_id, draft.record_id, values),
            services.clock,
        )
        self.autosave.saved.connect(self._saved)
        self.autosave.failed.connect(self._save_failed)
        self.media = EditorMedia(
            draft.form_id,
            draft.record_id,
            services.drafts,
            services.attachments,
            services.tasks,
            self._media_error,
            self._media_changed,
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 14, 24, 14)
        layout.setSpacing(10)
        head = QHBoxLayout()
        back = button(self.tr("← Back"), "backButton", parent=self)
        back.clicked.connect(self.back_requested)
        head.addWidget(back)
        head.addSpacing(12)
        head.addWidget(label(title, "pageTitle"))
        if draft.number:
            head.addWidget(named(label(draft.number, "muted"), "recordNumber", self.tr("Number")))
        self.sync_badge = SyncBadge(self)
        head.addWidget(self.sync_badge)
        head.addStretch(1)
        self.status = named(label("", "muted"), "autosaveStatus", self.tr("Save status"))
        head.addWidget(self.status)
        layout.addLayout(head)

        self.final_banner = banner(self.tr("Finalized: this record can no longer be changed."), "readOnlyBanner", self)
        self.final_banner.setVisible(draft.final)
        layout.addWidget(self.final_banner)
        self.issues_box = banner("", "issuesBox", self)
        self.issues_text = self.issues_box.findChild(QLabel, "issuesBoxText")
        assert self.issues_text is not None
        self.issues_text.setObjectName("issuesList")
        self.issues_text.linkActivated.connect(self._focus_issue)
        self.issues_box.hide()
        layout.addWidget(self.issues_box)

        field_services = FieldServices(services.lookups, self.media, services.clock)
        self.view = FormView(self.model, field_services, self)
        layout.addWidget(self.view, 1)

        foot = QHBoxLayout()
        self.extra_actions = QHBoxLayout()
        foot.addLayout(self.extra_actions)
        foot.addStretch(1)
        self.print_button = button(self.tr("Print…"), "printButton", parent=self)
        self.print_button.clicked.connect(self.print_record)
        foot.addWidget(self.print_button)
        self.amend_button = button(self.tr("Correct…"), "amendButton", parent=self)
        self.amend_button.clicked.connect(self._amend)
        self.amend_button.setVisible(draft.final and actions.amend is not None and draft.state == RecordState.FINAL)
        foot.addWidget(self.amend_button)
        self.finalize_button = button(actions.finalize_text or self.tr("Finalize"), "finalizeButton", primary=True)
        self.finalize_button.clicked.connect(self.finalize)
        self.finalize_button.setVisible(not draft.final and actions.finalize is not None)
        foot.addWidget(self.finalize_button)
        layout.addLayout(foot)
        self._issues: list[Issue] = []
        self.amend_dialog: AmendDialog | None = None
        if not draft.final:
            self.status.setText(self.tr("Draft: every change is saved automatically"))
        self._show_state()
        if services.sync_done is not None:
            services.sync_done.connect(self.read_sync_state)
        self.read_sync_state()

    def read_sync_state(self, *_: object) -> None:
        """Show whether the record has reached the bureau (after opening, saving and each sync)."""
        sync_state = self.services.sync_state
        if sync_state is not None:
            table, record_id = self.model.spec.model, self.draft.record_id
            self.services.tasks.read(lambda: sync_state(table, record_id), self.sync_badge.set_state)

    # ------------------------------------------------------------------ saving
    def flush(self) -> None:
        """Save now whatever was typed (before locking, closing or leaving)."""
        self.autosave.save_now()

    def leave(self) -> None:
        """The page is closing: save, then stop listening."""
        self.flush()
        self.autosave.stop()
        if self.services.sync_done is not None:
            self.services.sync_done.disconnect(self.read_sync_state)

    def _saved(self, _version: object) -> None:
        when = self.autosave.last_saved
        stamp = when.astimezone(_CST).strftime("%H:%M:%S") if when else ""
        self.status.setText(self.tr("Saved automatically %1").replace("%1", stamp))
        if self.sync_badge.state == SyncState.SYNCED:
            self.sync_badge.set_state(SyncState.PENDING.value)  # every save queues a change for the bureau

    def _save_failed(self, message: str) -> None:
        self.status.setText(self.tr("Not saved: %1").replace("%1", message))

    def _media_error(self, message: str) -> None:
        self.status.setText(self.tr("Photo not added: %1").replace("%1", message))

    def _media_changed(self, slot: str, ids: list[str]) -> None:
        self.model.set_attachments(slot, ids)
        self.services.changed("attachment")

    # ------------------------------------------------------------------ finalize
    def finalize(self) -> None:
        """Check everything; list what is missing, or finalize through the record's service."""
        if self.actions.finalize is None or self.model.readonly:
            return
        issues = self.model.check_final()
        errors = [i for i in issues if i.severity == "error"]
        if errors:
            self._list_issues(issues)
            return
        self.autosave.save_now()
        self.finalize_button.setEnabled(False)
        self.services.tasks.write(self.actions.finalize, self._finalized, self._finalize_failed)

    def _finalized(self, outcome: Outcome) -> None:
        self.finalize_button.setEnabled(True)
        if not outcome.ok:
            self._list_issues(list(outcome.issues), outcome.message_zh)
            return
        self.model.readonly = True
        self.draft.state = RecordState.FINAL
        self.view.set_readonly(True)
        self._list_issues([i for i in outcome.issues if i.severity != "error"])
        self.status.setText(outcome.message_zh)
        self._show_state()
        self.services.changed(self.model.spec.model)
        self.finalized.emit(self.draft.record_id)

    def _finalize_failed(self, exc: BaseException) -> None:
        self.finalize_button.setEnabled(True)
        self.status.setText(getattr(exc, "message_zh", "") or self.tr("Could not finalize."))
        raise exc

    def _list_issues(self, issues: list[Issue], heading: str = "") -> None:
        self._issues = issues
        errors = [i for i in issues if i.severity == "error"]
        if not issues:
            self.issues_box.hide()
            return
        head = heading or self.tr("%1 answers are missing or need correcting before finalizing:").replace(
            "%1", str(len(errors))
        )
        if not errors:
            head = self.tr("Please check:")
        items = [
            f'<li><a href="{index}">{html.escape(issue.message_zh)}</a></li>'
            for index, issue in enumerate(issues[:MAX_LISTED_ISSUES])
        ]
        more = len(issues) - MAX_LISTED_ISSUES
        tail = f"<p>{self.tr('… and %1 more').replace('%1', str(more))}</p>" if more > 0 else ""
        self.issues_text.setText(f"<p><b>{html.escape(head)}</b></p><ul>{''.join(items)}</ul>{tail}")
        self.issues_box.show()

    def _focus_issue(self, link: str) -> None:
        issue = self._issues[int(link)]
        self.view.focus_issue(issue.field_key, issue.row_index, issue.row_field)

    def print_record(self) -> None:
        """Preview the record's printed document (saved first, so the paper shows what was typed)."""
        printer = self.services.printer
        if printer is None or not self.actions.print_document:
            return
        self.autosave.save_now()
        title = self.title + (f" {self.draft.number}" if self.draft.number else "")
        document, record_id = self.actions.print_document, self.draft.record_id
        self.services.tasks.write(lambda: None, lambda _: printer.preview(self, document, [record_id], title))

    def _show_state(self) -> None:
        final = self.model.readonly
        printable = self.services.printer is not None and bool(self.actions.print_document)
        self.print_button.setVisible(printable and (self.actions.print_drafts or self.draft.state == RecordState.FINAL))
        self.final_banner.setVisible(final)
        self.finalize_button.setVisible(not final and self.actions.finalize is not None)
        self.amend_button.setVisible(final and self.actions.amend is not None and self.draft.state == RecordState.FINAL)
        if final:
            self.status.setText(enum_text(RecordState, self.draft.state))

    # ------------------------------------------------------------------ amend
    def _amend(self) -> None:
        self.amend_dialog = AmendDialog(self)
        self.amend_dialog.accepted.connect(self._amend_confirmed)
        self.amend_dialog.open()

    def _amend_confirmed(self) -> None:
        if self.actions.amend is None or self.amend_dialog is None:
            return
        reason = self.amend_dialog.reason.text()
        amend = self.actions.amend
        self.services.tasks.write(lambda: amend(reason), self.amended.emit)
