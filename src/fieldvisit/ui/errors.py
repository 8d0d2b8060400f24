"""The exception hook: log every uncaught error and show a calm dialog instead of vanishing."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger("fieldvisit.ui")


class ErrorReporter(QObject):
    """Receives errors from any thread and shows them on the GUI thread, one dialog at a time."""

    reported = Signal(str, str)

    def __init__(self, *, show_dialogs: bool = True) -> None:
        super().__init__()
        self.show_dialogs = show_dialogs
        self.count = 0
        self._showing = False
        self.reported.connect(self._show_later)

    def report(self, exc: BaseException, context: str = "") -> None:
        """Log `exc` by type and frames only (its message and source lines may hold personal data); tell the user."""
        self.count += 1
        frames = "\n".join(
            f"  {Path(f.filename).name}:{f.lineno} in {f.name}" for f in traceback.extract_tb(exc.__traceback__)
        )
        log.error("uncaught %s%s\n%s", type(exc).__name__, f" in {context}" if context else "", frames)
        message_zh = getattr(exc, "message_zh", "")
        self.reported.emit(type(exc).__name__, str(message_zh))

    def _show_later(self, kind: str, message_zh: str) -> None:
        # On the GUI thread (a report from a worker arrives queued); shown from the event loop, never in the
        # middle of what raised.
        QTimer.singleShot(0, lambda: self._show(kind, message_zh))

    def _show(self, kind: str, message_zh: str) -> None:
        if not self.show_dialogs or self._showing or QApplication.instance() is None:
            return
        self._showing = True
        try:
            box = QMessageBox(QApplication.activeWindow())
            box.setObjectName("errorDialog")
            box.setAccessibleName(QCoreApplication.translate("ErrorReporter", "Error"))
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle(QCoreApplication.translate("ErrorReporter", "Something went wrong"))
            text = message_zh or QCoreApplication.translate(
                "ErrorReporter",
                "The program hit an unexpected problem. What you typed has been saved. "
                "If it happens again, please tell the bureau's IT contact.",
            )
            box.setText(text)
            box.setDetailedText(kind)
            box.exec()
        finally:
            self._showing = False


def install_excepthook(reporter: ErrorReporter) -> Callable[[], None]:
    """Route uncaught exceptions to `reporter`; returns a function that restores the previous hook."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, exc, tb)
            return
        reporter.report(exc.with_traceback(tb))

    sys.excepthook = hook

    def restore() -> None:
        sys.excepthook = previous

    return restore
