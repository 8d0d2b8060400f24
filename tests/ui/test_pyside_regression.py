"""Guards against PySide6 6.12.0's None reference leak on Python 3.11 that aborts long-running apps."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

CALLS = 300_000


@pytest.mark.slow
def test_hundreds_of_thousands_of_ordinary_calls_do_not_leak_none() -> None:
    # In a subprocess: if the bug is back, CPython aborts with "none_dealloc" and only that process dies.
    script = textwrap.dedent(
        f"""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtGui import QStandardItem, QStandardItemModel
        from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QVBoxLayout, QWidget

        app = QApplication([])
        edit = QLineEdit()
        before = sys.getrefcount(None)
        for i in range({CALLS}):
            edit.setText("张建华" if i % 2 else "𠮷")
        combo, model, host = QComboBox(), QStandardItemModel(), QWidget()
        layout = QVBoxLayout(host)
        for i in range(2_000):
            combo.addItem(str(i))
            model.appendRow(QStandardItem(str(i)))
            layout.addWidget(QLineEdit())
        after = sys.getrefcount(None)
        print(before - after)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"Qt process died (exit {result.returncode}): {result.stderr[-2000:]}"
    lost = int(result.stdout.strip().splitlines()[-1])
    assert lost < 1_000, f"{lost} references to None were dropped: PySide6 leaks None (pin <6.12 on 3.11)"
