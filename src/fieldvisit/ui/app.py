"""Application start: QApplication, translations, the first window (unlock or first run), then the main window.

Only PySide6 and light modules are imported here, so the first window paints before the database layers
(sqlalchemy, sqlmodel, alembic) load. Unlocking unwraps the key and reads the dashboard's numbers over one raw
SQLCipher connection (store.quick_open) while the GUI thread builds the main window; the database layers are
imported, and the workspace opened the full way, after the dashboard is painted (or while the password is typed).
"""

from __future__ import annotations

import gc
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QWindow
from PySide6.QtWidgets import QApplication, QWidget

from fieldvisit.domain.clock import today_local
from fieldvisit.ui.errors import ErrorReporter, install_excepthook
from fieldvisit.ui.i18n import install_translators
from fieldvisit.ui.prefs import Preferences
from fieldvisit.ui.shell.first_run import FirstRunWindow
from fieldvisit.ui.shell.unlock_window import UnlockWindow
from fieldvisit.ui.tasks import Progress, TaskRunner
from fieldvisit.ui.theme import apply_theme

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent

log = logging.getLogger(__name__)

APP_NAME = "FieldVisit"
DEMO_PASSWORD_HINT = "demo2026"  # the demo password, shown on purpose (store.workspace.DEMO_PASSWORD)
_WORKSPACE_INFO = "workspace.json"  # store.workspace.INFO_FILE: checked without importing the store
_WARM_UP_AFTER_MS = 400
"""Delay before loading the database layers behind the first window: typing a password takes longer, and a
password given at once (a password manager) is better served by the dashboard not competing with them."""


def _now() -> Any:
    from datetime import UTC, datetime

    return datetime.now(UTC)


class IdleWatcher(QObject):
    """Counts time without keyboard, mouse or touch input; `timed_out` fires after the set minutes.

    It watches the windows (`watch`), which receive every input event before their widgets do, rather than the
    whole application: an application-wide filter would pass every event of every object through Python (about
    30 ms more to paint the dashboard at start-up, and a drag on every screen after).
    """

    timed_out = Signal()

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Imported here: PySide6 makes the Python enums of QEvent and of the Qt namespace when each is first
        # imported (about 3 and 15 ms), which the first window need not wait for.
        from PySide6.QtCore import QEvent, Qt

        self._input_events = frozenset(
            {
                QEvent.Type.KeyPress,
                QEvent.Type.MouseButtonPress,
                QEvent.Type.MouseMove,
                QEvent.Type.Wheel,
                QEvent.Type.TouchBegin,
                QEvent.Type.TabletPress,
            }
        )
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse one may shift by 5% (45 s of 15 min)
        self._timer.timeout.connect(self.timed_out)
        self.set_minutes(minutes)

    def set_minutes(self, minutes: int) -> None:
        """Change the delay and restart counting."""
        self._timer.setInterval(minutes * 60_000)
        self._timer.start()

    def stop(self) -> None:
        """Stop counting (while locked)."""
        self._timer.stop()

    def restart(self) -> None:
        """Start counting again."""
        self._timer.start()

    @property
    def remaining_ms(self) -> int:
        """Milliseconds until `timed_out` without input (-1 when stopped)."""
        return self._timer.remainingTime()

    def watch(self, app: QGuiApplication, *windows: QWidget) -> None:
        """Count input to `windows` and to every window that takes the focus from now on (dialogs too)."""
        app.focusWindowChanged.connect(self._watch_window)
        for window in (*windows, app.focusWindow()):
            self._watch_window(window.windowHandle() if isinstance(window, QWidget) else window)

    def _watch_window(self, window: QWindow | None) -> None:
        if window is not None:
            window.installEventFilter(self)  # installing twice keeps one filter

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self._input_events and self._timer.isActive():
            self._timer.start()
        return False


_STARTUP_COLLECTION_PAUSE_MS = 20_000


def freeze_long_lived() -> None:
    """Take what is alive once the app has loaded (modules, classes, the main window: all kept for the session)
    out of the garbage collector's walks, and let the collector run again (`make_application` pauses it).
    Full collections then cost a fraction: opening a child file went from about 100 ms to 60 ms. Records and
    pages made later are collected as usual."""
    gc.freeze()
    gc.enable()


class AppController(QObject):
    """Walks the user from the first window to the main window, and locks the screen when idle."""

    main_shown = Signal()
    ready = Signal()
    """The dashboard is painted with its numbers and takes input (start-up is measured to this)."""
    loaded = Signal()
    """The workspace is open the full way: every section opens at once (they show "Loading…" before)."""
    _deriving = Signal()
    """The unlock worker has loaded what it needs and starts deriving the key (Argon2, which lets go of the GIL)."""

    def __init__(
        self,
        workspace_dir: Path,
        *,
        tasks: TaskRunner,
        reporter: ErrorReporter,
        clock: Callable[[], Any] = _now,
        demo_scale: float = 1.0,
        kdf_params: Any = None,
        secret_store: Any = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace_dir = workspace_dir
        self.tasks = tasks
        self.reporter = reporter
        self.clock = clock
        self.demo_scale = demo_scale
        self.kdf_params = kdf_params
        self.secret_store = secret_store
        self.prefs = Preferences(workspace_dir)
        self.unlock_window: UnlockWindow | None = None
        self.first_run: FirstRunWindow | None = None
        self.sign_in_dialog: Any = None
        self.main_window: Any = None
        self._prepared: Any = None
        """A main window built while unlocking, not yet fitted to the user (MainWindow.fit_to)."""
        self.services: Any = None
        self._key: bytes | None = None
        self._unlocking = False
        self.warmed_up = False
        self.idle: IdleWatcher | None = None
        self._locked = False
        self._demo_facts = False
        self.loaded.connect(freeze_long_lived)
        self._deriving.connect(self._prepare_main_window)

    # ------------------------------------------------------------------ start
    def start(self) -> QWidget:
        """Show the first window: first run when this computer has no workspace, else the unlock screen."""
        self._read_facts()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, self.prefs.font_scale())
        if (self.workspace_dir / _WORKSPACE_INFO).is_file():
            window: QWidget = self._show_unlock()
        else:
            window = self._show_first_run()
        QTimer.singleShot(_WARM_UP_AFTER_MS, self._warm_up)
        return window

    def _show_first_run(self, notice: str = "") -> FirstRunWindow:
        if self.first_run is None:
            self.first_run = FirstRunWindow()
            self.first_run.demo_requested.connect(self._create_demo)
            self.first_run.sign_in_requested.connect(self._ask_sign_in)
        self.first_run.show_notice(notice)
        self.first_run.show_error("")
        self.first_run.show()
        return self.first_run

    def _read_facts(self) -> None:
        """Read the workspace facts off the GUI thread, to mark demo data on the unlock screen. Started before
        the first window is built: reading them loads the key unwrapping's modules, which unlocking waits for."""

        def load() -> Any:
            from fieldvisit.store.workspace import is_workspace, read_info

            return read_info(self.workspace_dir) if is_workspace(self.workspace_dir) else None

        def done(info: Any) -> None:
            self._demo_facts = info is not None and info.demo
            self._mark_demo()

        self.tasks.read(load, done, self._fatal)

    def _mark_demo(self) -> None:
        if self._demo_facts and self.unlock_window is not None:
            self.unlock_window.show_demo_hint(DEMO_PASSWORD_HINT)

    def _warm_up(self) -> None:
        """Import the database layers while the user reads the first window or types the password.

        Not started once unlocking has begun: it would compete with the dashboard for the processor; the
        layers are then loaded right after the dashboard is painted (`_open_fully`).
        """
        if self._unlocking or self.main_window is not None:
            return
        self.tasks.read(self._load_layers, lambda _: self._warmed(), self._fatal)

    def _load_layers(self) -> None:
        """Import the database layers and the sections' screens (so that each opens at once), open the keyring."""
        import fieldvisit.ui.assistance.section
        import fieldvisit.ui.burial.section
        import fieldvisit.ui.children.section
        import fieldvisit.ui.settings.settings_page
        import fieldvisit.ui.shell.services
        import fieldvisit.ui.sync.sync_page  # noqa: F401 - imported for their side effect of being loaded
        from fieldvisit.security.secret_store import open_secret_store

        if self.secret_store is None:
            self.secret_store = open_secret_store()

    def _warmed(self) -> None:
        self.warmed_up = True

    def _show_unlock(self) -> UnlockWindow:
        if self.unlock_window is None:
            self.unlock_window = UnlockWindow()
            self.unlock_window.unlock_requested.connect(self._unlock)
            self._mark_demo()
        self.unlock_window.show()
        self.unlock_window.password.setFocus()
        return self.unlock_window

    # ------------------------------------------------------------------ first run
    def _create_demo(self) -> None:
        from fieldvisit.store.services.access import create_demo

        def create() -> Any:
            return create_demo(
                self.workspace_dir,
                clock=self.clock,
                scale=self.demo_scale,
                kdf_params=self.kdf_params,
                secret_store=self.secret_store,
            )

        def failed(exc: BaseException) -> None:
            if self.first_run is not None:
                self.first_run.show_error(getattr(exc, "message_zh", "") or self.tr("The demo could not be created."))
            self.reporter.report(exc, "demo creation")

        self.tasks.read(create, self._opened, failed)

    def _ask_sign_in(self) -> None:
        from fieldvisit.ui.sync.sign_in_dialog import SignInDialog

        self.sign_in_dialog = SignInDialog(first_time=True, parent=self.first_run)
        self.sign_in_dialog.submitted.connect(self._enroll)
        self.sign_in_dialog.open()

    def _enroll(self, address: str, username: str, password: str) -> None:
        """First sign-in: create the workspace, enroll this device, download the records, open."""
        from fieldvisit.ui.sync.enrollment import bureau_address, enroll
        from fieldvisit.ui.sync.sync_page import progress_text, sign_in_error

        dialog = self.sign_in_dialog
        if dialog is None:
            return
        dialog.show_busy(self.tr("Signing in…"))
        progress = Progress(dialog)
        progress.reported.connect(lambda event: dialog.show_busy(progress_text(event)))

        def work() -> Any:
            from fieldvisit.security.secret_store import open_secret_store
            from fieldvisit.sync.client import SyncEngine

            if self.secret_store is None:
                self.secret_store = open_secret_store()
            store = self.secret_store

            def first_sync(workspace: Any) -> None:
                engine = SyncEngine(workspace, secret_store=store, clock=self.clock)
                try:
                    engine.sync(progress=progress.report)
                finally:
                    engine.close()

            return enroll(
                self.workspace_dir,
                bureau_url=bureau_address(address),
                username=username,
                password=password,
                secret_store=store,
                clock=self.clock,
                kdf_params=self.kdf_params,
                first_sync=first_sync,
            )

        def done(session: Any) -> None:
            dialog.accept()
            self._opened(session)

        self.tasks.long(work, done, lambda exc: dialog.show_error(sign_in_error(exc)))

    # ------------------------------------------------------------------ unlock
    def _unlock(self, password: str) -> None:
        if self._locked and self.main_window is not None:
            self._unlock_again(password)
            return
        self._unlocking = True
        path, clock = self.workspace_dir, self.clock

        def unlock() -> Any:
            from fieldvisit.store.quick_open import quick_open

            self._deriving.emit()
            quick = quick_open(path, password)
            try:
                if not quick.schema_current:
                    return quick, None
                # Imported once the key is derived: the main window being built meanwhile imports them too.
                from fieldvisit.store.repositories.dashboard_reads import read_dashboard
                from fieldvisit.ui.dashboard.dashboard_page import URGENT_ROWS, DashboardScope

                scope = DashboardScope.of(quick.user)
                today = today_local(clock)
                parts, director_id = scope.parts, scope.director_id
                return quick, read_dashboard(
                    quick.connection, today, director_id=director_id, parts=parts, limit=URGENT_ROWS
                )
            finally:
                quick.close()

        self.tasks.read(unlock, self._unlocked, self._unlock_failed)

    def _prepare_main_window(self) -> None:
        """Build the main window while the worker derives the key, fitted to the user once known. Not before:
        the worker is still importing then, and building here would hold the GIL it needs."""
        if self._prepared is None and self.main_window is None:
            from fieldvisit.ui.shell.main_window import MainWindow

            self._prepared = MainWindow(None, demo=False, tasks=self.tasks, clock=self.clock)
            self._prepared.ensurePolished()

    def _unlocked(self, result: tuple[Any, Any]) -> None:
        """The key opened the database: paint the dashboard now, open the workspace fully once it shows."""
        from fieldvisit.ui.shell.main_window import MainWindow

        quick, snapshot = result
        if snapshot is None:
            # An older schema (to migrate) or a newer one (to refuse with a message): the full way, as before.
            self._discard_prepared()
            self._open_fully(quick.key, show=True)
            return
        self._key = quick.key
        window, self._prepared = self._prepared, None
        if window is None:
            window = MainWindow(None, demo=False, tasks=self.tasks, clock=self.clock)
        window.fit_to(quick.user, demo=quick.demo)
        self.main_window = window
        self._connect_main_window()
        self._show_main_window()
        self.main_window.dashboard.show_snapshot(snapshot)

    def _discard_prepared(self) -> None:
        window, self._prepared = self._prepared, None
        if window is not None:
            window.deleteLater()

    def _open_fully(self, key: bytes, *, show: bool) -> None:
        """Load the database layers and open the workspace with `key` (migrating it if it must be)."""
        path, clock = self.workspace_dir, self.clock

        def open_session() -> Any:
            from fieldvisit.store.services.access import open_unlocked

            self._load_layers()
            return open_unlocked(path, key, clock=clock)

        self.tasks.read(open_session, self._opened if show else self._attach, self._open_failed)

    def _open_failed(self, exc: BaseException) -> None:
        """Opening the workspace failed after the dashboard was shown: back to the unlock screen, saying why."""
        window, self.main_window = self.main_window, None
        if window is not None:
            window.hide()
            window.deleteLater()
        self._show_unlock()
        self._unlock_failed(exc)

    def _attach(self, session: Any) -> None:
        """The workspace is open: the sections of the dashboard already shown become available."""
        from fieldvisit.ui.shell.services import AppServices

        self.warmed_up = True
        self.services = AppServices.build(session, self.tasks, self.clock, self.prefs, self.secret_store)
        if self.main_window is None:
            self.services.session.workspace.close()
            self.services = None
            return
        self.main_window.attach(self.services)
        self.main_window.start_sync()
        self._audit_unlock(session)
        self.loaded.emit()

    def _unlock_failed(self, exc: BaseException) -> None:
        from fieldvisit.security.keys import WrongPasswordError

        self._unlocking = False
        if self.unlock_window is None:
            return
        if isinstance(exc, WrongPasswordError):
            self.unlock_window.show_error(self.tr("The password is not correct. Please try again."))
            return
        message = getattr(exc, "message_zh", "")
        if not message:
            self.reporter.report(exc, "unlock")
        self.unlock_window.show_error(message or self.tr("The data could not be opened."))

    def _opened(self, session: Any) -> None:
        from fieldvisit.ui.shell.main_window import MainWindow
        from fieldvisit.ui.shell.services import AppServices

        self.warmed_up = True
        self.services = AppServices.build(session, self.tasks, self.clock, self.prefs, self.secret_store)
        self.main_window = MainWindow.for_services(self.services)
        self._connect_main_window()
        self._show_main_window()
        self._audit_unlock(session)
        self.main_window.start()
        self.loaded.emit()

    def _connect_main_window(self) -> None:
        window = self.main_window
        window.lock_requested.connect(self.lock)
        window.font_scale_changed.connect(self._apply_font_scale)
        window.idle_minutes_changed.connect(self._idle_minutes)
        window.dashboard_ready.connect(self._dashboard_ready)
        window.user_changed.connect(self._switch_user)
        window.device_wiped.connect(self._device_wiped)

    def _show_main_window(self) -> None:
        self.main_window.show()
        for window in (self.unlock_window, self.first_run):
            if window is not None:
                window.hide()
        self._unlocking = False
        self._start_idle_watch()
        self.main_shown.emit()

    def _audit_unlock(self, session: Any) -> None:
        """Write the unlock's audit event (on the writer thread, off the start-up path)."""
        from fieldvisit.store.services.access import record_unlock

        self.tasks.write(lambda: record_unlock(session))

    def _dashboard_ready(self) -> None:
        """The dashboard is painted with its numbers: open the workspace fully if only the quick way is open."""
        key, self._key = self._key, None
        self.ready.emit()
        if key is not None and self.services is None:
            self._open_fully(key, show=False)

    def _switch_user(self, user_id: str) -> None:
        from fieldvisit.store.services.access import switch_user

        self.main_window.flush_edits()
        self.tasks.wait()
        session = switch_user(self.services.session, user_id)
        old = self.main_window
        old.hide()
        old.deleteLater()
        self._opened(session)

    def _device_wiped(self, message: str) -> None:
        """The bureau revoked this device and the local data were erased: close everything, say why."""
        window, services = self.main_window, self.services
        self.main_window, self.services, self._locked = None, None, False
        if self.idle is not None:
            self.idle.stop()
        if window is not None:
            window.hide()
            window.deleteLater()
        if services is not None:
            services.sync.close()
        if self.unlock_window is not None:
            self.unlock_window.hide()
        self._show_first_run(message or self.tr("This device was withdrawn by the bureau; its data were erased."))

    # ------------------------------------------------------------------ idle lock
    def _start_idle_watch(self) -> None:
        app = QApplication.instance()
        if self.idle is None and app is not None:
            self.idle = IdleWatcher(self.prefs.idle_lock_minutes(), self)
            self.idle.timed_out.connect(self.lock)
            self.idle.watch(app, self.main_window)
        elif self.idle is not None:
            self.idle.restart()

    def lock(self) -> None:
        """Save what is being typed, hide the data and ask for the password again."""
        if self.main_window is None or self._locked:
            return
        self._locked = True
        self.main_window.flush_edits()
        self.main_window.hide()
        if self.idle is not None:
            self.idle.stop()
        window = self._show_unlock()
        window.reset()
        self._read_facts()  # and the memory the unwrapping needs, while the password is typed again
        window.set_reason(self.tr("The screen was locked to protect the data. Type the password to continue."))

    def _unlock_again(self, password: str) -> None:
        from fieldvisit.store.workspace import unlock_key

        self.tasks.read(lambda: unlock_key(self.workspace_dir, password), self._relock_done, self._unlock_failed)

    def _relock_done(self, _key: object) -> None:
        self._locked = False
        if self.unlock_window is not None:
            self.unlock_window.hide()
            self.unlock_window.reset()
        self.main_window.show()
        if self.idle is not None:
            self.idle.restart()

    @property
    def locked(self) -> bool:
        """Whether the screen is locked."""
        return self._locked

    def _idle_minutes(self, minutes: int) -> None:
        if self.idle is not None:
            self.idle.set_minutes(minutes)

    def _apply_font_scale(self, percent: int) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, percent)

    # ------------------------------------------------------------------ end
    def _fatal(self, exc: BaseException) -> None:
        message = getattr(exc, "message_zh", "")
        if message and self.unlock_window is not None:
            self.unlock_window.show_error(message)
            return
        self.reporter.report(exc, "start-up")

    def shutdown(self) -> None:
        """Flush edits, wait for the writer and close the database cleanly."""
        if self.main_window is not None:
            self.main_window.flush_edits()
        self.tasks.wait()
        if self.services is not None:
            self.services.sync.close()
            self.services.session.workspace.close()
            self.services = None


def _workspace_dir(workspace: Path | None) -> Path:
    if workspace is not None:
        return workspace
    override = os.environ.get("FIELDVISIT_HOME")
    if override:
        return Path(override)
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "workspace"


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (Qt 6 keeps fractional high-DPI scales as they are, sharp, unless the user's
    QT_SCALE_FACTOR_ROUNDING_POLICY says otherwise)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName(APP_NAME)
    app = QApplication(argv if argv is not None else sys.argv[:1])
    # Start-up makes a great many objects and frees few: collecting during it only costs time (about 100 ms to
    # the dashboard). The collector resumes once the app has loaded, or after a while on the first screens.
    gc.disable()
    QTimer.singleShot(_STARTUP_COLLECTION_PAUSE_MS, gc.enable)
    return app


def run_app(workspace: Path | None, quit_after_start: bool) -> int:
    """Start the desktop app on `workspace` (default: the user data directory); returns the exit code.

    With `quit_after_start`, the first window is shown, the database layers are imported, and the app
    quits: exit code 0 only if nothing failed (a smoke test for CI).
    """
    app = make_application()
    translators = install_translators(app)
    workspace_dir = _workspace_dir(workspace)
    reporter = ErrorReporter(show_dialogs=not quit_after_start)
    restore_hook = install_excepthook(reporter)
    tasks = TaskRunner()
    tasks.default_error = lambda exc: reporter.report(exc, "background task")
    controller = AppController(workspace_dir, tasks=tasks, reporter=reporter)
    controller.start()
    if quit_after_start:

        def quit_when_warm() -> None:
            if controller.warmed_up or reporter.count:
                app.quit()
            else:
                QTimer.singleShot(20, quit_when_warm)

        QTimer.singleShot(0, quit_when_warm)
    app.aboutToQuit.connect(controller.shutdown)
    code = app.exec()
    restore_hook()
    del translators
    return 1 if reporter.count and quit_after_start else code
