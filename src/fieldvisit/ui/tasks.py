"""Runs work off the GUI thread and hands results back on it: a read pool, ONE serialised writer, a long-job lane."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

Callback = Callable[[Any], None]
ErrorCallback = Callable[[BaseException], None]


class _Relay(QObject):
    """Lives on the GUI thread; signals emitted from a worker arrive there through a queued connection."""

    succeeded = Signal(object)
    failed = Signal(object)


class Progress(QObject):
    """Carries progress events from a worker to the GUI thread: pass `report` to the job as its callback."""

    reported = Signal(object)

    def report(self, event: object) -> None:
        """Called on the worker thread; `reported` fires on the GUI thread (queued across threads)."""
        self.reported.emit(event)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as exc:
            self._relay.failed.emit(exc)
            return
        self._relay.succeeded.emit(result)


class TaskRunner(QObject):
    """`read(fn, ...)` runs on a pool; `write(fn, ...)` runs on a single thread, in submission order.

    Callbacks run on the GUI thread. With `inline=True` (tests) every task runs at once on the calling
    thread and its callback is called before `read`/`write` returns.
    """

    def __init__(self, *, inline: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.inline = inline
        self._reads = QThreadPool(self)
        self._reads.setMaxThreadCount(2)
        self._writes = QThreadPool(self)
        self._writes.setMaxThreadCount(1)
        self._long = QThreadPool(self)
        self._long.setMaxThreadCount(1)
        self._relays: set[_Relay] = set()
        self.default_error: ErrorCallback = _log_error

    def read(
        self, fn: Callable[[], Any], on_done: Callback | None = None, on_error: ErrorCallback | None = None
    ) -> None:
        """Run a query off the GUI thread."""
        self._submit(self._reads, fn, on_done, on_error)

    def write(
        self, fn: Callable[[], Any], on_done: Callback | None = None, on_error: ErrorCallback | None = None
    ) -> None:
        """Run a change on the one writer thread (changes never overlap and keep their order)."""
        self._submit(self._writes, fn, on_done, on_error)

    def long(
        self, fn: Callable[[], Any], on_done: Callback | None = None, on_error: ErrorCallback | None = None
    ) -> None:
        """Run a long job (a sync) on its own thread, so that reads and saves go on meanwhile."""
        self._submit(self._long, fn, on_done, on_error)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until every submitted task has run (used when closing, so no save is lost)."""
        return all(pool.waitForDone(msecs) for pool in (self._long, self._writes, self._reads))

    def _submit(
        self, pool: QThreadPool, fn: Callable[[], Any], on_done: Callback | None, on_error: ErrorCallback | None
    ) -> None:
        error_handler = on_error or self.default_error
        if self.inline:
            try:
                result = fn()
            except Exception as exc:
                error_handler(exc)
                return
            if on_done is not None:
                on_done(result)
            return
        relay = _Relay()
        self._relays.add(relay)

        def done(result: object) -> None:
            self._finish(relay)
            if on_done is not None:
                on_done(result)

        def failed(exc: object) -> None:
            self._finish(relay)
            error_handler(exc if isinstance(exc, BaseException) else RuntimeError(str(exc)))

        relay.succeeded.connect(done)
        relay.failed.connect(failed)
        pool.start(_Job(fn, relay))

    def _finish(self, relay: _Relay) -> None:
        self._relays.discard(relay)
        relay.deleteLater()


def _log_error(exc: BaseException) -> None:
    log.error("background task failed: %s", type(exc).__name__, exc_info=exc)
