"""The sync section (同步): status and 立即同步 with progress, the conflict list and the quarantine list."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QProgressBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldvisit.store.repositories.sync import SyncSummary
from fieldvisit.ui.shell.widgets import banner, button, label, named
from fieldvisit.ui.sync.conflicts_page import ConflictsPage, Resolve
from fieldvisit.ui.sync.controller import SyncController
from fieldvisit.ui.sync.quarantine_page import QuarantinePage
from fieldvisit.ui.sync.sign_in_dialog import SignInDialog
from fieldvisit.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from fieldvisit.sync.client import SyncProgress, SyncReport

_CST = timezone(timedelta(hours=8))


def local_time(when: datetime | None) -> str:
    """A sync time as shown: local (Cixi) time to the minute, or "never"."""
    if when is None:
        return QCoreApplication.translate("SyncText", "never")
    return when.astimezone(_CST).strftime("%Y-%m-%d %H:%M")


def progress_text(event: SyncProgress) -> str:
    """One progress event in words, with its counts."""

    texts = {
        "hello": QCoreApplication.translate("SyncText", "Contacting the bureau…"),
        "push": QCoreApplication.translate("SyncText", "Sending changes: %1 of %2"),
        "pull": QCoreApplication.translate("SyncText", "Receiving updates: %1 records"),
        "rescope": QCoreApplication.translate("SyncText", "Checking which records belong to your area…"),
        "download": QCoreApplication.translate("SyncText", "Receiving photos and signatures: %1 of %2"),
        "done": QCoreApplication.translate("SyncText", "Finishing…"),
    }
    text = texts.get(event.phase, event.phase)
    return text.replace("%1", str(event.done)).replace("%2", str(event.total if event.total is not None else "?"))


def report_text(report: SyncReport) -> str:
    """How a sync ended, in one sentence."""
    if report.status != "OK":
        return report.message_zh
    text = QCoreApplication.translate("SyncText", "Synchronised: %1 changes sent, %2 records received.")
    text = text.replace("%1", str(report.pushed)).replace("%2", str(report.pulled))
    if report.conflicts:
        conflicts = QCoreApplication.translate("SyncText", "Conflicts that need a decision: %1.")
        text += " " + conflicts.replace("%1", str(report.conflicts))
    if report.quarantined:
        refused = QCoreApplication.translate("SyncText", "Changes refused by the bureau: %1.")
        text += " " + refused.replace("%1", str(report.quarantined))
    return text


class SyncPanel(QWidget):
    """Where this computer stands with the bureau; 立即同步 with a progress bar and counts."""

    sign_in_requested = Signal()
    conflicts_requested = Signal()

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "syncPanel", self.tr("Sync status"))
        self._controller = controller
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(12)
        if not controller.enabled:
            layout.addWidget(
                banner(self.tr("Demo data (演示数据) are never sent to the bureau."), "syncDemoBanner", self)
            )
        status = QGroupBox(self.tr("This computer and the bureau"), self)
        form = QFormLayout(status)
        self.server = named(label("—", "muted", wrap=True), "syncServer", self.tr("Bureau server"))
        form.addRow(self.tr("Bureau server"), self.server)
        self.user = named(label("—", "muted"), "syncUser", self.tr("Signed in as"))
        form.addRow(self.tr("Signed in as"), self.user)
        self.last = named(label("—"), "syncLast", self.tr("Last successful sync"))
        form.addRow(self.tr("Last successful sync"), self.last)
        self.counts = named(label("—"), "syncCounts", self.tr("Waiting"))
        form.addRow(self.tr("Waiting"), self.counts)
        layout.addWidget(status)

        self.progress = named(QProgressBar(self), "syncProgress", self.tr("Sync progress"))
        self.progress.setTextVisible(False)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.phase = named(label("", "muted", wrap=True), "syncPhase", self.tr("Sync step"))
        layout.addWidget(self.phase)
        self.result = named(label("", "", wrap=True), "syncResult", self.tr("Last result"))
        self.result.hide()
        layout.addWidget(self.result)

        row = QHBoxLayout()
        self.sync_button = button(self.tr("Sync now"), "syncNowButton", primary=True, parent=self)
        self.sync_button.clicked.connect(self.sync_now)
        row.addWidget(self.sync_button)
        self.sign_in_button = button(self.tr("Sign in to the bureau…"), "syncSignInButton", parent=self)
        self.sign_in_button.clicked.connect(self.sign_in_requested)
        row.addWidget(self.sign_in_button)
        self.conflicts_button = button(self.tr("Decide the conflicts…"), "showConflictsButton", parent=self)
        self.conflicts_button.clicked.connect(self.conflicts_requested)
        self.conflicts_button.hide()
        row.addWidget(self.conflicts_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.auto = named(
            QCheckBox(self.tr("Sync automatically whenever the bureau can be reached"), self),
            "autoSyncCheck",
            self.tr("Sync automatically"),
        )
        self.auto.setChecked(controller.auto)
        self.auto.toggled.connect(controller.set_auto)
        layout.addWidget(self.auto)
        layout.addStretch(1)
        for widget in (self.sync_button, self.sign_in_button, self.auto):
            widget.setEnabled(controller.enabled)

        controller.started.connect(self._started)
        controller.progress.connect(self._progress)
        controller.finished.connect(self._finished)
        controller.summary_changed.connect(self.show_summary)
        if controller.summary is not None:
            self.show_summary(controller.summary)
        if controller.last_report is not None:
            self.show_result(report_text(controller.last_report))

    def sync_now(self) -> None:
        """Start a sync (ignored while one runs)."""
        self._controller.sync_now()

    def show_summary(self, summary: SyncSummary) -> None:
        """Show the sign-in facts, the last sync and what waits."""
        signed_in = bool(summary.bureau_url)
        self.server.setText(summary.bureau_url or self.tr("not signed in"))
        self.user.setText(summary.username or "—")
        self.last.setText(local_time(summary.last_success_at))
        text = self.tr("%1 changes to send · %2 conflicts · %3 refused (quarantine)")
        text = text.replace("%1", str(summary.pending)).replace("%2", str(summary.conflicts))
        self.counts.setText(text.replace("%3", str(summary.quarantined)))
        enabled = self._controller.enabled
        self.sync_button.setEnabled(enabled and signed_in and not self._controller.running)
        self.sign_in_button.setText(self.tr("Sign in again…") if signed_in else self.tr("Sign in to the bureau…"))
        self.conflicts_button.setVisible(summary.conflicts > 0)

    def show_result(self, text: str) -> None:
        """How the last sync ended (hidden while none has ended)."""
        self.result.setText(text)
        self.result.setVisible(bool(text))

    def _started(self) -> None:
        self.sync_button.setEnabled(False)
        self.show_result("")
        self.progress.setRange(0, 0)
        self.progress.show()
        self.phase.setText(self.tr("Starting…"))

    def _progress(self, event: SyncProgress) -> None:
        if event.total:
            self.progress.setRange(0, event.total)
            self.progress.setValue(min(event.done, event.total))
        else:
            self.progress.setRange(0, 0)
        self.phase.setText(progress_text(event))

    def _finished(self, report: SyncReport) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.progress.hide()
        self.phase.setText("")
        self.show_result(report_text(report))
        self.sync_button.setEnabled(self._controller.enabled)
        if report.status == "SIGN_IN_REQUIRED":
            self.sign_in_button.setFocus()


class SyncPage(QWidget):
    """The 同步 section: tabs for the status, the conflicts and the quarantine; the lists refresh after syncs."""

    changed = Signal(str)

    def __init__(
        self,
        controller: SyncController,
        tasks: TaskRunner,
        resolve: Resolve,
        requeue: Callable[[int], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        named(self, "syncPage", self.tr("Sync"))
        self.controller = controller
        self._loaded = False
        self.dialog: SignInDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.addWidget(label(self.tr("Sync with the bureau"), "pageTitle"))
        self.tabs = named(QTabWidget(self), "syncTabs", self.tr("Sync"))
        self.panel = SyncPanel(controller, self.tabs)
        self.panel.sign_in_requested.connect(self.sign_in)
        self.panel.conflicts_requested.connect(lambda: self.tabs.setCurrentIndex(1))
        self.conflicts = ConflictsPage(controller.repository, resolve, tasks, self.tabs)
        self.conflicts.resolved.connect(self._resolved)
        self.quarantine = QuarantinePage(controller.repository, requeue, tasks, self.tabs)
        self.quarantine.requeued.connect(self._resolved)
        self.tabs.addTab(self.panel, self.tr("Status"))
        self.tabs.addTab(self.conflicts, self.tr("Conflicts"))
        self.tabs.addTab(self.quarantine, self.tr("Quarantine"))
        layout.addWidget(self.tabs, 1)
        controller.summary_changed.connect(self._count_tabs)
        controller.finished.connect(lambda _report: self._reload_lists())

    def ensure_loaded(self) -> None:
        """Read the status and both lists the first time the section is shown."""
        if not self._loaded:
            self._loaded = True
            self.controller.refresh_summary()
            self._reload_lists()

    def _reload_lists(self) -> None:
        if self._loaded:
            self.conflicts.load()
            self.quarantine.load()

    def _count_tabs(self, summary: SyncSummary) -> None:
        self.tabs.setTabText(1, self.tr("Conflicts (%1)").replace("%1", str(summary.conflicts)))
        self.tabs.setTabText(2, self.tr("Quarantine (%1)").replace("%1", str(summary.quarantined)))

    def _resolved(self, table: str) -> None:
        self.controller.refresh_summary()
        self.changed.emit(table)

    def sign_in(self) -> None:
        """Ask for the bureau account and sign this computer in (then sync)."""
        summary = self.controller.summary
        self.dialog = SignInDialog(
            address=summary.bureau_url if summary else "", username=summary.username if summary else "", parent=self
        )
        self.dialog.submitted.connect(self._submit)
        self.dialog.open()

    def _submit(self, address: str, username: str, password: str) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        dialog.show_busy(self.tr("Signing in…"))

        def failed(exc: BaseException) -> None:
            dialog.show_error(sign_in_error(exc))

        self.controller.sign_in(address, username, password, lambda _session: dialog.accept(), failed)


def sign_in_error(exc: BaseException) -> str:
    """Why a sign-in failed, in words (the sync layer's Chinese message when it has one)."""
    message = getattr(exc, "message_zh", "")
    if message:
        return str(message)
    return QCoreApplication.translate(
        "SyncText", "The bureau could not be reached. Check the server address and the network, then try again."
    )
