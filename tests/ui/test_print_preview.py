"""Printing from the app as far as a test can go: the preview, "save as PDF", and printing to a PDF printer."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import select, text
from sqlmodel import Session

from fieldvisit.domain.shared import AuditEvent, AuditKind
from fieldvisit.print_service import PrintService
from fieldvisit.store.demo import generate_demo
from fieldvisit.ui.printing.preview_dialog import PrintPreviewDialog, show_print_preview


@pytest.fixture
def service(workspace, actor, clock) -> PrintService:
    generate_demo(workspace.engine, today=date(2026, 11, 28), scale=0.2)
    return PrintService(workspace.engine, workspace.vault, actor, clock)


def _child_with_most_visits(service: PrintService) -> str:
    with service.engine.connect() as connection:
        return str(
            connection.execute(
                text("SELECT child_id FROM child_visit GROUP BY child_id ORDER BY count(*) DESC LIMIT 1")
            ).scalar_one()
        )


def _audit_kinds(service: PrintService) -> list[str]:
    with Session(service.engine) as session:
        return [e.kind for e in session.exec(select(AuditEvent)).scalars()]


def test_preview_shows_every_page_and_save_as_pdf_writes_the_same_document(
    qtbot, service: PrintService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = show_print_preview(None, service, "child_dossier", [_child_with_most_visits(service)], "一人一档")
    qtbot.addWidget(dialog)
    assert isinstance(dialog, PrintPreviewDialog)
    assert dialog.page_count() == dialog.job.printed.page_count > 1
    assert str(dialog.page_count()) in dialog.pages_label.text()

    target = tmp_path / "dossier.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), "PDF"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes() == dialog.job.printed.pdf
    assert AuditKind.EXPORT in _audit_kinds(service)


def test_printing_sends_every_page_to_the_printer_and_is_logged(qtbot, service: PrintService, tmp_path: Path) -> None:
    with service.engine.connect() as connection:
        notice_id = str(connection.execute(text("SELECT id FROM rectification_notice LIMIT 1")).scalar_one())
    dialog = show_print_preview(None, service, "rectification_notice", [notice_id], "通知书")
    qtbot.addWidget(dialog)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    assert dialog.print_document(printer)
    assert len(PdfReader(printed).pages) == dialog.page_count()
    assert AuditKind.PRINT in _audit_kinds(service)
