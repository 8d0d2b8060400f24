"""The editor's link between photo/signature fields and the attachment service (writes on the writer thread)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta, timezone
from pathlib import Path

from PySide6.QtGui import QPixmap

from fieldvisit.store.services.attachments import AttachmentService
from fieldvisit.store.services.drafts import DraftService
from fieldvisit.ui.tasks import TaskRunner

_CST = timezone(timedelta(hours=8))
IdsCallback = Callable[[list[str]], None]


class EditorMedia:
    """Imports photos, stores signatures and removes attachments of one record; shows their thumbnails."""

    def __init__(
        self,
        form_id: str,
        record_id: str,
        drafts: DraftService,
        attachments: AttachmentService,
        tasks: TaskRunner,
        on_error: Callable[[str], None],
        on_change: Callable[[str, list[str]], None],
    ) -> None:
        self.form_id = form_id
        self.record_id = record_id
        self._drafts = drafts
        self._attachments = attachments
        self._tasks = tasks
        self._on_error = on_error
        self._on_change = on_change
        self._thumbs: dict[str, QPixmap | None] = {}

    def _run(self, slot: str, work: Callable[[str, str], None], done: IdsCallback) -> None:
        def job() -> list[str]:
            table, owner = self._drafts.attachment_owner(self.form_id, self.record_id, slot)
            work(table, owner)
            return self._attachments.slot_ids(owner, slot)

        def finished(ids: list[str]) -> None:
            done(ids)
            self._on_change(slot, ids)

        def failed(exc: BaseException) -> None:
            self._on_error(getattr(exc, "message_zh", "") or type(exc).__name__)

        self._tasks.write(job, finished, failed)

    def import_photos(self, slot: str, paths: list[Path], done: IdsCallback) -> None:
        """Copy the chosen files into the vault (EXIF time and GPS kept) and add them to the slot."""

        def work(table: str, owner: str) -> None:
            for path in paths:
                self._attachments.import_photo(table, owner, slot, path)

        self._run(slot, work, done)

    def add_signature(self, slot: str, png: bytes, done: IdsCallback) -> None:
        """Store a signature drawn on the pad."""
        self._run(slot, lambda table, owner: self._attachments.add_signature(table, owner, slot, png), done)

    def remove(self, slot: str, attachment_id: str, done: IdsCallback) -> None:
        """Take an attachment out of the slot."""
        self._run(slot, lambda table, owner: self._attachments.remove(attachment_id), done)

    def thumbnail(self, attachment_id: str) -> QPixmap | None:
        """The picture, decrypted in memory only (cached for this editor)."""
        if attachment_id not in self._thumbs:
            pixmap = QPixmap()
            try:
                loaded = pixmap.loadFromData(self._attachments.content(attachment_id))
            except Exception:
                loaded = False
            self._thumbs[attachment_id] = pixmap if loaded else None
        return self._thumbs[attachment_id]

    def describe(self, attachment_id: str) -> str:
        """Capture time and position of a photo, as recorded."""
        attachment = self._attachments.get(attachment_id)
        if attachment is None:
            return ""
        parts = []
        if attachment.captured_at is not None:
            parts.append(attachment.captured_at.astimezone(_CST).strftime("%Y-%m-%d %H:%M"))
        if attachment.latitude is not None and attachment.longitude is not None:
            parts.append(f"{attachment.latitude:.5f}, {attachment.longitude:.5f}")
        return "\n".join(parts)
