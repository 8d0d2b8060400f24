"""Crash safety: text typed into a draft survives the app being killed one second after the last keystroke."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from tests.factories import open_demo
from tests.ui.conftest import DemoClock

from fieldvisit.store.changes import Actor
from fieldvisit.store.services.drafts import DraftService

TYPED = "王𠮷䶮🙂 张建华 Ā"

DRIVER = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QEvent, Qt, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton

    from fieldvisit.security.keys import FAST_TEST_PARAMS
    from fieldvisit.store.workspace import DEMO_PASSWORD
    from fieldvisit.ui.app import AppController, make_application
    from fieldvisit.ui.errors import ErrorReporter
    from fieldvisit.ui.tasks import TaskRunner

    workspace, text = sys.argv[1], sys.argv[2]
    app = make_application()
    controller = AppController(
        __import__("pathlib").Path(workspace), tasks=TaskRunner(), reporter=ErrorReporter(show_dialogs=False),
        kdf_params=FAST_TEST_PARAMS,
    )
    controller.start()

    def typed_all(editor, edit):
        print("TYPED", editor.draft.record_id, flush=True)

    def type_next(editor, edit, remaining):
        if not remaining:
            typed_all(editor, edit)
            return
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(edit, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, remaining[0]))
        QTimer.singleShot(40, lambda: type_next(editor, edit, remaining[1:]))

    def when_editor_open():
        section = controller.main_window.households
        editor = section.currentWidget()
        if editor is section.list:
            QTimer.singleShot(50, when_editor_open)
            return
        edit = editor.findChild(QLineEdit, "input_applicant_name")
        edit.setFocus()
        type_next(editor, edit, list(text))

    def when_unlocked():
        controller.main_window.show_section("households")
        controller.main_window.findChild(QPushButton, "newHouseholdButton").click()
        when_editor_open()

    controller.loaded.connect(lambda: QTimer.singleShot(0, when_unlocked))
    controller.unlock_window.password.setText(DEMO_PASSWORD)
    controller.unlock_window.unlock_button.click()
    app.exec()
    """
)


def test_typed_text_survives_a_kill_one_second_after_the_last_keystroke(demo_dir: Path, tmp_path: Path) -> None:
    script = tmp_path / "driver.py"
    script.write_text(DRIVER, encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FIELDVISIT_HOME": str(demo_dir)}
    process = subprocess.Popen(
        [sys.executable, str(script), str(demo_dir), TYPED],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        assert process.stdout is not None
        deadline = time.monotonic() + 120
        line = ""
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if line.startswith("TYPED") or not line:
                break
        assert line.startswith("TYPED"), process.stderr.read() if process.stderr else ""
        record_id = line.split()[1]
        time.sleep(1.0)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL

    clock = DemoClock()
    workspace = open_demo(demo_dir, clock)
    try:
        draft = DraftService(workspace.engine, Actor("checker"), clock).load("household_assessment", record_id)
    finally:
        workspace.close()
    assert draft.values["applicant_name"] == TYPED
