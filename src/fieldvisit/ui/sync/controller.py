"""Runs syncs for the app: on demand or automatically, one at a time on the long-job thread, progress on the GUI."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from fieldvisit.store.repositories.sync import SyncRepository, SyncSummary
from fieldvisit.ui.prefs import Preferences
from fieldvisit.ui.tasks import Progress, TaskRunner

if TYPE_CHECKING:
    from fieldvisit.store.workspace import Workspace
    from fieldvisit.sync.client import SyncEngine, SyncReport

log = logging.getLogger(__name__)

AUTO_SYNC_MINUTES = 5
AFTER_CHANGE_SECONDS = 30


class SyncController(QObject):
    """One per unlocked workspace. `finished` carries each SyncReport; `wiped` (instead of `finished`) says the
    bureau revoked the device and the local data are gone (the app must close every screen at once)."""

    started = Signal()
    progress = Signal(object)  # sync.client.SyncProgress
    finished = Signal(object)  # sync.client.SyncReport
    summary_changed = Signal(object)  # store.repositories.sync.SyncSummary
    wiped = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        secret_store: Any,
        tasks: TaskRunner,
        clock: Callable[[], Any],
        prefs: Preferences,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.secret_store = secret_store
        self.enabled = not workspace.info.demo
        self.repository = SyncRepository(workspace.engine)
        self.summary: SyncSummary | None = None
        self.last_report: SyncReport | None = None
        self._tasks = tasks
        self._clock = clock
        self._prefs = prefs
        self._engine: SyncEngine | None = None
        self.running = False
        self._progress = Progress(self)
        self._progress.reported.connect(self.progress)
        self._timer = QTimer(self)
        self._timer.setInterval(AUTO_SYNC_MINUTES * 60_000)
        self._timer.timeout.connect(self._auto)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(AFTER_CHANGE_SECONDS * 1000)
        self._soon.timeout.connect(self._auto)

    @property
    def signed_in(self) -> bool:
        """Whether this workspace has signed in to a bureau (known after the first summary)."""
        return self.summary is not None and bool(self.summary.bureau_url)

    @property
    def auto(self) -> bool:
        """Whether syncs run by themselves while the bureau is reachable."""
        return self.enabled and self._prefs.auto_sync()

    def set_auto(self, on: bool) -> None:
        """Turn automatic sync on or off (remembered for this workspace)."""
        self._prefs.set_auto_sync(on)
        self.start_auto()

    def start_auto(self) -> None:
        """Start (or stop) the automatic syncs as the setting says; the first one runs now."""
        if self.auto:
            self._timer.start()
            self._auto()
        else:
            self._timer.stop()
            self._soon.stop()

    def stop(self) -> None:
        """No more automatic syncs (locking, closing)."""
        self._timer.stop()
        self._soon.stop()

    def changed_locally(self, table: str) -> None:
        """Records of `table` were saved here: with automatic sync, send them within a short while."""
        if table != "sync" and self.auto and self.signed_in:
            self._soon.start()

    def refresh_summary(self) -> None:
        """Read the counts, last sync and sign-in facts again."""
        self._tasks.read(self.repository.summary, self._summary)

    def _summary(self, summary: SyncSummary) -> None:
        self.summary = summary
        self.summary_changed.emit(summary)

    def _auto(self) -> None:
        if not self.auto:
            return
        if self.summary is None:
            self._tasks.read(self.repository.summary, self._first_summary)
        elif self.signed_in:
            self.sync_now()

    def _first_summary(self, summary: SyncSummary) -> None:
        self._summary(summary)
        if self.signed_in:
            self.sync_now()

    def sync_now(self) -> bool:
        """Start a sync unless one is running (or this is demo data); False when none was started."""
        if not self.enabled or self.running:
            return False
        self.running = True
        self._soon.stop()
        self.started.emit()
        report = self._progress.report
        self._tasks.long(lambda: self._sync(report), self._done, self._failed)
        return True

    def _sync(self, report: Callable[[object], None]) -> SyncReport:
        if self._engine is None:
            from fieldvisit.sync.client import SyncEngine

            if self.secret_store is None:
                from fieldvisit.security.secret_store import open_secret_store

                self.secret_store = open_secret_store()
            self._engine = SyncEngine(self.workspace, secret_store=self.secret_store, clock=self._clock)
        return self._engine.sync(progress=report)

    def _done(self, report: SyncReport) -> None:
        self.running = False
        self.last_report = report
        if report.status == "WIPED":
            self.stop()
            self._engine = None
            self.wiped.emit(report.message_zh)  # nothing may read the erased store any more: no `finished`
            return
        self.finished.emit(report)
        self.refresh_summary()

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        log.error("sync failed: %s", type(exc).__name__, exc_info=exc)
        from fieldvisit.sync.client import SyncReport, SyncStatus

        message = self.tr("The sync stopped with an error. Your data are safe on this computer; try again later.")
        report = SyncReport(status=SyncStatus.FAILED, message_zh=message)
        self.last_report = report
        self.finished.emit(report)
        self.refresh_summary()

    def sign_in(
        self,
        address: str,
        username: str,
        password: str,
        on_done: Callable[[object], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        """Sign this workspace in (on the sync lane, never during a sync), then sync at once."""
        from fieldvisit.ui.sync.enrollment import bureau_address, sign_in_again

        def work() -> object:
            if self.secret_store is None:
                from fieldvisit.security.secret_store import open_secret_store

                self.secret_store = open_secret_store()
            session = sign_in_again(
                self.workspace,
                bureau_url=bureau_address(address),
                username=username,
                password=password,
                secret_store=self.secret_store,
            )
            if self._engine is not None:
                self._engine.close()
                self._engine = None
            return session

        def done(session: object) -> None:
            on_done(session)
            self.refresh_summary()
            self.sync_now()

        self._tasks.long(work, done, on_error)

    def close(self) -> None:
        """Stop timers and release network connections (the workspace is closing)."""
        self.stop()
        if self._engine is not None and not self.running:
            self._engine.close()
            self._engine = None
