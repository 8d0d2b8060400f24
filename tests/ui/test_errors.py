"""The exception hook logs uncaught errors without their messages (they may hold personal data) and tells the user."""

from __future__ import annotations

import logging
import sys

import pytest

from fieldvisit.ui.errors import ErrorReporter, install_excepthook


def test_uncaught_errors_are_logged_without_personal_data_and_reported(qtbot, caplog: pytest.LogCaptureFixture) -> None:
    reporter = ErrorReporter(show_dialogs=False)
    shown = []
    reporter.reported.connect(lambda kind, message: shown.append((kind, message)))
    restore = install_excepthook(reporter)
    try:
        try:
            raise ValueError("身份证号码 330282199001011234 张建华")
        except ValueError as exc:
            with caplog.at_level(logging.ERROR, logger="fieldvisit.ui"):
                sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        restore()
    qtbot.waitUntil(lambda: bool(shown))
    assert reporter.count == 1
    assert shown == [("ValueError", "")]
    logged = caplog.text
    assert "ValueError" in logged and "330282199001011234" not in logged and "张建华" not in logged
    assert sys.excepthook is not None
