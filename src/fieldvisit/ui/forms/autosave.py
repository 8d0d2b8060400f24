"""Autosave: every change reaches the store within a second, through the one writer thread, never twice at once."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal

from fieldvisit.ui.forms.draft_model import DraftModel
from fieldvisit.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

DELAY_MS = 400
"""Quiet time after the last keystroke before saving; with the write itself well under a second."""
MAX_WAIT_MS = 600
"""A worker typing without pause is saved at least this often, so a crash loses less than a second."""


class Autosave(QObject):
    """Saves `model`'s answers with `save(values)` on the writer thread after each burst of changes."""

    saved = Signal(object)  # what `save` returned (the record's version)
    failed = Signal(str)

    def __init__(
        self, model: DraftModel, tasks: TaskRunner, save: Callable[[dict[str, Any]], Any], clock: Callable[[], datetime]
    ) -> None:
        super().__init__()
        self.model = model
        self._tasks = tasks
        self._save = save
        self._clock = clock
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self.save_now)
        self._in_flight = False
        self._again = False
        self._saved_revision = model.revision
        self._waiting = QElapsedTimer()
        self.last_saved: datetime | None = None
        model.changed.connect(self._changed)

    def _changed(self) -> None:
        if not self._timer.isActive():
            self._waiting.start()
        elif self._waiting.elapsed() >= MAX_WAIT_MS:
            self.save_now()
            return
        self._timer.start()

    def save_now(self) -> None:
        """Save at once (leaving the editor, locking, closing)."""
        self._timer.stop()
        if self.model.readonly or self.model.revision == self._saved_revision:
            return
        if self._in_flight:
            self._again = True
            return
        self._in_flight = True
        revision = self.model.revision
        values = self.model.snapshot()
        self._tasks.write(lambda: self._save(values), lambda result: self._done(revision, result), self._error)

    def _done(self, revision: int, result: Any) -> None:
        self._in_flight = False
        self._saved_revision = max(self._saved_revision, revision)
        self.last_saved = self._clock()
        self.saved.emit(result)
        if self._again or self.model.revision != self._saved_revision:
            self._again = False
            self._timer.start()

    def _error(self, exc: BaseException) -> None:
        self._in_flight = False
        log.error("autosave failed: %s", type(exc).__name__)
        self.failed.emit(getattr(exc, "message_zh", "") or type(exc).__name__)

    def stop(self) -> None:
        """Stop listening (the editor is closing); call `save_now` first."""
        self._timer.stop()
        with contextlib.suppress(RuntimeError, TypeError):
            self.model.changed.disconnect(self._changed)
