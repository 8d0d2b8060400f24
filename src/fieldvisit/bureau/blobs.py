"""Attachment content on the bureau: resumable, content-addressed uploads verified against their SHA-256."""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Collection
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, and_, exists, false, select, update

from fieldvisit.bureau.db import read_transaction, run_write
from fieldvisit.bureau.errors import BureauError
from fieldvisit.bureau.tables import blob, change_audience, change_log, metadata
from fieldvisit.sync.protocol import MAX_ATTACHMENT_BYTES, ErrorCode, UploadStatus

attachment = metadata.tables["attachment"]
_READ_BLOCK = 1024 * 1024


class BlobStore:
    """Files under `root`: complete ones at `ab/abcdef…`, uploads in progress under `partial/`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}

    def _lock(self, sha256: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(sha256, threading.Lock())

    def path(self, sha256: str) -> Path:
        """Where complete content lives."""
        return self.root / sha256[:2] / sha256

    def _partial(self, sha256: str) -> Path:
        return self.root / "partial" / sha256

    def received(self, sha256: str) -> int:
        """Bytes held so far of an upload (the size itself when complete)."""
        for candidate in (self.path(sha256), self._partial(sha256)):
            try:
                return candidate.stat().st_size
            except FileNotFoundError:
                continue
        return 0

    def has(self, sha256: str) -> bool:
        """Whether the complete, verified content is here."""
        return self.path(sha256).is_file()

    def append(self, sha256: str, *, offset: int, size: int, data: bytes) -> int:
        """Append `data` at `offset` of an upload of `size` bytes; on the last byte, verify and publish it.

        Returns the bytes now held. A wrong offset (a lost or repeated chunk) answers 409 with the right one.
        """
        with self._lock(sha256):
            if self.has(sha256):
                return size
            partial = self._partial(sha256)
            held = partial.stat().st_size if partial.exists() else 0
            if offset != held:
                raise BureauError(
                    409, ErrorCode.UPLOAD_OFFSET, f"应从第 {held} 字节处续传", headers={"Upload-Offset": str(held)}
                )
            if held + len(data) > size:
                raise BureauError(413, ErrorCode.INVALID_REQUEST, "上传的内容超过了声明的大小")
            partial.parent.mkdir(parents=True, exist_ok=True)
            with partial.open("ab") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            held += len(data)
            if held == size:
                self._publish(sha256, partial)
            return held

    def _publish(self, sha256: str, partial: Path) -> None:
        digest = hashlib.sha256()
        with partial.open("rb") as source:
            while block := source.read(_READ_BLOCK):
                digest.update(block)
        if digest.hexdigest() != sha256:
            partial.unlink(missing_ok=True)
            raise BureauError(422, ErrorCode.UPLOAD_HASH, "附件内容与其校验值（SHA-256）不符，请重新上传")
        final = self.path(sha256)
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(partial, final)


def upload_status(engine: Engine, store: BlobStore, sha256: str, *, size: int, user_id: str) -> UploadStatus:
    """How much of this content the bureau holds for this uploader (complete content counts for anyone's own)."""
    with read_transaction(engine) as connection:
        row = connection.execute(select(blob).where(blob.c.sha256 == sha256)).first()
    if row is None:
        return UploadStatus(sha256=sha256, size=size, received=0, complete=False)
    if store.has(sha256):
        if not row.complete:
            _mark_complete(engine, sha256, now=row.created_at)
        return UploadStatus(sha256=sha256, size=row.size, received=row.size, complete=True)
    received = store.received(sha256) if row.uploaded_by == user_id else 0
    return UploadStatus(sha256=sha256, size=row.size, received=received, complete=False)


def upload_chunk(
    engine: Engine, store: BlobStore, sha256: str, *, size: int, offset: int, data: bytes, user_id: str, now: datetime
) -> UploadStatus:
    """Take one chunk of an upload; the blob is recorded complete once its bytes verify."""
    if not 0 <= size <= MAX_ATTACHMENT_BYTES:
        raise BureauError(413, ErrorCode.INVALID_REQUEST, f"附件不能超过 {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB")

    def register(connection: Connection) -> int:
        row = connection.execute(select(blob).where(blob.c.sha256 == sha256)).first()
        if row is None:
            connection.execute(
                blob.insert(),
                [{"sha256": sha256, "size": size, "complete": False, "uploaded_by": user_id, "created_at": now}],
            )
            return size
        if row.uploaded_by != user_id and not row.complete and not store.has(sha256):
            connection.execute(update(blob).where(blob.c.sha256 == sha256).values(uploaded_by=user_id, size=size))
            return size
        return int(row.size)

    declared = run_write(engine, register)
    if declared != size:
        raise BureauError(409, ErrorCode.UPLOAD_OFFSET, f"该附件已声明为 {declared} 字节，与此次上传不符")
    held = store.append(sha256, offset=offset, size=size, data=data)
    complete = held == size
    if complete:
        _mark_complete(engine, sha256, now=now)
    return UploadStatus(sha256=sha256, size=size, received=held, complete=complete)


def _mark_complete(engine: Engine, sha256: str, *, now: datetime) -> None:
    run_write(
        engine,
        lambda connection: connection.execute(
            update(blob).where(blob.c.sha256 == sha256).values(complete=True, completed_at=now)
        ),
    )


def may_download(engine: Engine, keys: Collection[str], sha256: str) -> bool:
    """Whether an attachment row with this content is in the caller's scope."""
    if not keys:
        return False
    in_scope = exists(
        select(change_audience.c.seq).where(
            change_audience.c.seq == change_log.c.seq,
            change_audience.c.key.in_(sorted(keys)),
            change_audience.c.removal == false(),
        )
    )
    query = (
        select(attachment.c.id)
        .join(change_log, and_(change_log.c.table_name == "attachment", change_log.c.record_id == attachment.c.id))
        .where(attachment.c.sha256 == sha256, in_scope)
        .limit(1)
    )
    with read_transaction(engine) as connection:
        return connection.execute(query).first() is not None
