"""Photos, signatures and documents: stored encrypted in the vault, recorded with time, GPS and hash."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from fieldvisit.domain.shared import Attachment, AttachmentKind
from fieldvisit.domain.types import Clock
from fieldvisit.store.changes import Actor, write_changes
from fieldvisit.store.vault import AttachmentVault

log = logging.getLogger(__name__)

_CST = timezone(timedelta(hours=8))
_EXIF_IFD = 0x8769
_GPS_IFD = 0x8825
_DATETIME_ORIGINAL = 36867
_DATETIME = 306
MAX_PHOTO_BYTES = 40 * 1024 * 1024


class AttachmentError(Exception):
    """A file cannot be taken as a photo; `message_zh` says why."""

    def __init__(self, message: str, message_zh: str) -> None:
        super().__init__(message)
        self.message_zh = message_zh


@dataclass(frozen=True)
class PhotoFacts:
    """What a photo file says about itself: its type, when and where it was taken (when recorded)."""

    mime_type: str
    taken_at: datetime | None = None
    latitude: float | None = None
    longitude: float | None = None


def _rational(value: Any) -> float:
    if isinstance(value, tuple) and len(value) == 2:
        return float(value[0]) / float(value[1]) if value[1] else 0.0
    return float(value)


def _degrees(values: Any, ref: Any) -> float | None:
    try:
        d, m, s = (_rational(v) for v in values)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    result = d + m / 60 + s / 3600
    return -result if str(ref).upper() in ("S", "W") else result


def read_photo_facts(data: bytes) -> PhotoFacts:
    """Type, EXIF capture time (local time, taken as China Standard Time) and GPS position of an image."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
        with Image.open(io.BytesIO(data)) as image:
            mime = Image.MIME.get(image.format or "", "application/octet-stream")
            exif = image.getexif()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise AttachmentError(
            f"not an image: {type(exc).__name__}", "该文件不是可识别的图片，请选择照片文件。"
        ) from exc
    taken_at = None
    text = exif.get_ifd(_EXIF_IFD).get(_DATETIME_ORIGINAL) or exif.get(_DATETIME)
    if isinstance(text, str):
        try:
            taken_at = datetime.strptime(text.strip(), "%Y:%m:%d %H:%M:%S").replace(tzinfo=_CST)
        except ValueError:
            taken_at = None
    gps = exif.get_ifd(_GPS_IFD)
    latitude = _degrees(gps.get(2), gps.get(1)) if gps.get(2) else None
    longitude = _degrees(gps.get(4), gps.get(3)) if gps.get(4) else None
    return PhotoFacts(mime, taken_at, latitude, longitude)


class AttachmentService:
    """Adds and removes attachments of a record's slot; the bytes live only encrypted in the vault."""

    def __init__(self, engine: Engine, vault: AttachmentVault, actor: Actor, clock: Clock) -> None:
        self.engine = engine
        self.vault = vault
        self.actor = actor
        self.clock = clock

    def import_photo(self, owner_table: str, owner_id: str, slot: str, path: Path, *, caption: str = "") -> Attachment:
        """Copy an image file into the vault and record it (capture time and GPS read from EXIF when present)."""
        if path.stat().st_size > MAX_PHOTO_BYTES:
            raise AttachmentError("photo too large", "照片文件过大（超过40MB），请压缩后再导入。")
        data = path.read_bytes()
        facts = read_photo_facts(data)
        sha256 = self.vault.put_bytes(data)
        return self._record(
            Attachment(
                sha256=sha256,
                kind=AttachmentKind.PHOTO,
                mime_type=facts.mime_type,
                size_bytes=len(data),
                owner_table=owner_table,
                owner_id=owner_id,
                slot=slot,
                caption=caption or path.stem[:200],
                captured_at=facts.taken_at,
                latitude=facts.latitude,
                longitude=facts.longitude,
                photographer=self.actor.user_id,
            )
        )

    def add_signature(self, owner_table: str, owner_id: str, slot: str, png: bytes, *, signer: str = "") -> Attachment:
        """Store a signature drawn on the pad (PNG) for a record's slot."""
        sha256 = self.vault.put_bytes(png)
        return self._record(
            Attachment(
                sha256=sha256,
                kind=AttachmentKind.SIGNATURE,
                mime_type="image/png",
                size_bytes=len(png),
                owner_table=owner_table,
                owner_id=owner_id,
                slot=slot,
                caption=signer[:200],
                captured_at=self.clock(),
            )
        )

    def _record(self, attachment: Attachment) -> Attachment:
        with write_changes(self.engine, self.actor, clock=self.clock) as writer:
            writer.save(attachment)
        return attachment

    def remove(self, attachment_id: str) -> None:
        """Tombstone an attachment (its encrypted bytes stay until no record refers to them)."""
        with write_changes(self.engine, self.actor, clock=self.clock) as writer:
            attachment = writer.session.get(Attachment, attachment_id)
            if attachment is not None and not attachment.deleted:
                writer.delete(attachment, reason="removed from the form")

    def slot_ids(self, owner_id: str, slot: str) -> list[str]:
        """Ids of the live attachments in one slot of a record, oldest first."""
        with Session(self.engine) as session:
            return list(
                session.exec(
                    select(Attachment.id)
                    .where(Attachment.owner_id == owner_id, Attachment.slot == slot, col(Attachment.deleted).is_(False))
                    .order_by(Attachment.created_at, Attachment.id)
                ).all()
            )

    def get(self, attachment_id: str) -> Attachment | None:
        """One attachment record."""
        with Session(self.engine, expire_on_commit=False) as session:
            attachment = session.get(Attachment, attachment_id)
            if attachment is not None:
                session.expunge(attachment)
            return attachment

    def content(self, attachment_id: str) -> bytes:
        """The original bytes (decrypted in memory only)."""
        attachment = self.get(attachment_id)
        if attachment is None:
            raise LookupError(attachment_id)
        return self.vault.get_bytes(attachment.sha256)
