"""The print preview: shows a rendered document page by page, prints it or saves it as PDF, and logs either."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldvisit.print_service import PrintJob, PrintService

log = logging.getLogger(__name__)


class PrintPreviewDialog(QDialog):
    """Preview of one print job with "print" and "save as PDF"; both are recorded as audit events."""

    def __init__(
        self,
        job: PrintJob,
        service: PrintService,
        title: str,
        parent: QWidget | None = None,
        *,
        reveal_ids: Callable[[PrintPreviewDialog], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.job = job
        self.service = service
        self.full_ids = False
        self.setObjectName("printPreview")
        self.setAccessibleName(self.tr("Print preview"))
        self.setWindowTitle(self.tr("Print preview — %1").replace("%1", title))
        self.resize(900, 1000)

        self._bytes = QByteArray(job.printed.pdf)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)

        self.view = QPdfView(self)
        self.view.setObjectName("printPreviewView")
        self.view.setAccessibleName(self.tr("Document preview"))
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)

        self.pages_label = QLabel(self.tr("%n page(s)", "", self.page_count()))
        self.pages_label.setObjectName("printPreviewPages")
        self.ids_label = QLabel(self.tr("ID numbers masked") if reveal_ids is not None else "")
        self.ids_label.setObjectName("printPreviewIds")
        self.ids_label.setProperty("role", "muted")

        self.reveal_button = QPushButton(self.tr("Print full ID numbers…"))
        self.reveal_button.setObjectName("printPreviewFullIds")
        self.reveal_button.setAccessibleName(self.tr("Print full ID numbers (asks for the password)"))
        self.reveal_button.setToolTip(self.tr("ID numbers are masked; showing them in full asks for your password."))
        self.reveal_button.setVisible(reveal_ids is not None)
        if reveal_ids is not None:
            self.reveal_button.clicked.connect(lambda: reveal_ids(self))

        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setObjectName("printPreviewPrint")
        self.print_button.setAccessibleName(self.tr("Print"))
        self.print_button.clicked.connect(lambda: self.print_document())
        self.save_button = QPushButton(self.tr("Save as PDF…"))
        self.save_button.setObjectName("printPreviewSavePdf")
        self.save_button.setAccessibleName(self.tr("Save as PDF"))
        self.save_button.clicked.connect(lambda: self.save_pdf())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.setObjectName("printPreviewButtons")
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("printPreviewClose")
        close.setAccessibleName(self.tr("Close"))

        bar = QHBoxLayout()
        bar.addWidget(self.pages_label)
        bar.addWidget(self.ids_label)
        bar.addStretch(1)
        bar.addWidget(self.reveal_button)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        bar.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)

    def show_full_ids(self, job: PrintJob) -> None:
        """Replace the document by its rendering with full ID numbers (after the password was given again)."""
        self.job = job
        self.full_ids = True
        self.document.close()
        self._buffer.close()
        self._bytes = QByteArray(job.printed.pdf)
        self._buffer.setBuffer(self._bytes)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        self.pages_label.setText(self.tr("%n page(s)", "", self.page_count()))
        self.ids_label.setText(self.tr("Full ID numbers shown"))
        self.reveal_button.hide()

    def page_count(self) -> int:
        """Pages in the previewed document."""
        return self.document.pageCount()

    def save_pdf(self, path: Path | None = None) -> Path | None:
        """Ask where to save (unless given), write exactly the previewed PDF, and log the export."""
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save as PDF"), f"{self.job.document}.pdf", self.tr("PDF documents (*.pdf)")
            )
            if not chosen:
                return None
            path = Path(chosen)
        try:
            path.write_bytes(self.job.printed.pdf)
        except OSError as exc:
            log.warning("could not save a PDF: %s", type(exc).__name__)
            QMessageBox.warning(
                self, self.tr("Not saved"), self.tr("The PDF could not be saved: %1").replace("%1", str(exc))
            )
            return None
        self.service.record_print(self.job, target="pdf")
        return path

    def print_document(self, printer: QPrinter | None = None) -> bool:
        """Ask for a printer (unless given), print every page at the printer's resolution, and log the print."""
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            dialog = QPrintDialog(printer, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, self.tr("Not printed"), self.tr("The printer could not be started."))
            return False
        try:
            target = printer.pageRect(QPrinter.Unit.DevicePixel).size().toSize()
            for page in range(self.page_count()):
                if page:
                    printer.newPage()
                image = self.document.render(page, QSize(target.width(), target.height()))
                painter.drawImage(QPointF(0, 0), image)
        finally:
            painter.end()
        self.service.record_print(self.job, copies=max(1, printer.copyCount()), target="printer")
        return True


def show_print_preview(
    parent: QWidget | None, service: PrintService, document: str, record_ids: list[str], title: str
) -> PrintPreviewDialog:
    """Render `record_ids` as `document` and open the preview (modeless, so the worker can keep going)."""
    job = service.render(document, record_ids)
    dialog = PrintPreviewDialog(job, service, title, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
