"""Photos and signatures of a form: thumbnails with capture time and GPS, add from file, sign on a pad."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fieldvisit.formspec import FieldSpec, FieldType
from fieldvisit.ui.forms.fields.base import FieldWidget, field_label
from fieldvisit.ui.forms.fields.signature_pad import SignatureDialog

THUMB_WIDTH, THUMB_HEIGHT = 132, 99
IdsCallback = Callable[[list[str]], None]


class MediaHost(Protocol):
    """What the editor offers photo and signature fields: saving to the vault and reading thumbnails."""

    def import_photos(self, slot: str, paths: list[Path], done: IdsCallback) -> None: ...

    def add_signature(self, slot: str, png: bytes, done: IdsCallback) -> None: ...

    def remove(self, slot: str, attachment_id: str, done: IdsCallback) -> None: ...

    def thumbnail(self, attachment_id: str) -> QPixmap | None: ...

    def describe(self, attachment_id: str) -> str: ...


def choose_photo_files(parent: QWidget, title: str) -> list[str]:
    """Ask for image files (replaced by a stub in tests)."""
    files, _ = QFileDialog.getOpenFileNames(parent, title, "", "图片 (*.jpg *.jpeg *.png *.heic *.bmp *.tif *.tiff)")
    return files


class MediaField(FieldWidget):
    """Thumbnails of the slot's attachments, each removable, and a button to add photos or sign."""

    def __init__(self, spec: FieldSpec, name: str, host: MediaHost, parent: QWidget | None = None) -> None:
        super().__init__(spec, name, parent)
        self.host = host
        self.signature = spec.type is FieldType.SIGNATURE
        self.ids: list[str] = []
        self.readonly = False
        self.strip = QWidget(self)
        self.strip_layout = QVBoxLayout(self.strip)
        self.strip_layout.setContentsMargins(0, 0, 0, 0)
        self.row = QFrame(self.strip)
        self.row_layout = QHBoxLayout(self.row)
        self.row_layout.setContentsMargins(0, 0, 0, 0)
        self.row_layout.setSpacing(10)
        self.strip_layout.addWidget(self.row)
        self.add = QPushButton(self.tr("Sign…") if self.signature else self.tr("Add photos…"), self)
        self.add.setObjectName(f"add_{name}")
        self.add.setAccessibleName(f"{self.add.text()} {field_label(spec)}")
        self.add.clicked.connect(self._add)
        self.strip_layout.addWidget(self.add, 0, Qt.AlignmentFlag.AlignLeft)
        self.layout_.addWidget(self.strip, 1)
        self.dialog: SignatureDialog | None = None

    def show_value(self, value: Any) -> None:
        ids = [v for v in value if isinstance(v, str)] if isinstance(value, list | tuple) else []
        if ids == self.ids and self.row_layout.count():
            return
        self.ids = ids
        while self.row_layout.count():
            item = self.row_layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        for index, attachment_id in enumerate(ids):
            self.row_layout.addWidget(self._thumb(index, attachment_id))
        self.row_layout.addStretch(1)
        self._update_add()

    def _thumb(self, index: int, attachment_id: str) -> QWidget:
        frame = QFrame(self.row)
        box = QVBoxLayout(frame)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        picture = QLabel(frame)
        picture.setObjectName(f"thumb_{self.name}_{index}")
        picture.setAccessibleName(f"{field_label(self.spec)} {index + 1}")
        picture.setFixedSize(THUMB_WIDTH, THUMB_HEIGHT)
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        picture.setStyleSheet("background: #eef1f4; border: 1px solid #cbd2d9;")
        pixmap = self.host.thumbnail(attachment_id)
        if pixmap is not None:
            picture.setPixmap(
                pixmap.scaled(
                    THUMB_WIDTH,
                    THUMB_HEIGHT,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        box.addWidget(picture)
        caption = QLabel(self.host.describe(attachment_id), frame)
        caption.setProperty("role", "muted")
        caption.setWordWrap(True)
        caption.setMaximumWidth(THUMB_WIDTH + 30)
        box.addWidget(caption)
        remove = QToolButton(frame)
        remove.setText(self.tr("Remove"))
        remove.setObjectName(f"remove_{self.name}_{index}")
        remove.setAccessibleName(f"{self.tr('Remove')} {field_label(self.spec)} {index + 1}")
        remove.setEnabled(not self.readonly)
        remove.clicked.connect(lambda _=False, a=attachment_id: self.host.remove(self.spec.key, a, self._ids_changed))
        box.addWidget(remove)
        return frame

    def _update_add(self) -> None:
        full = self.spec.max_count is not None and len(self.ids) >= self.spec.max_count
        self.add.setEnabled(not self.readonly and not full)

    def _add(self) -> None:
        if self.signature:
            self.dialog = SignatureDialog(field_label(self.spec), self)
            self.dialog.accepted.connect(self._signed)
            self.dialog.open()
            return
        files = choose_photo_files(self, field_label(self.spec))
        if files:
            self.host.import_photos(self.spec.key, [Path(f) for f in files], self._ids_changed)

    def _signed(self) -> None:
        if self.dialog is not None:
            self.host.add_signature(self.spec.key, self.dialog.pad.to_png(), self._ids_changed)

    def _ids_changed(self, ids: list[str]) -> None:
        self.show_value(ids)
        self.emit_edit(list(ids))

    def set_readonly(self, readonly: bool) -> None:
        self.readonly = readonly
        for button in self.findChildren(QToolButton):
            button.setEnabled(not readonly)
        self._update_add()
