"""Corrections after finalize (更正): a new draft copied from the original, pointing to it with a reason."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine
from sqlmodel import col, select

from fieldvisit.domain.base import FormRecord, RecordState
from fieldvisit.domain.ids import new_id
from fieldvisit.domain.shared import Amendment, Attachment, AuditKind
from fieldvisit.domain.types import Clock
from fieldvisit.formspec import FieldType
from fieldvisit.formspec.registry import JSON_MODEL, models
from fieldvisit.store.changes import Actor, ChangeWriter, write_changes
from fieldvisit.store.services.drafts import DraftService, form, model_of

_NOT_COPIED = frozenset({"id", "version", "created_at", "created_by", "updated_at", "updated_by", "deleted", "state"})


class AmendmentError(Exception):
    """An amendment cannot be made; `message_zh` says why."""

    def __init__(self, message_zh: str) -> None:
        super().__init__(message_zh)
        self.message_zh = message_zh


class AmendmentService:
    """Starts and completes corrections of finalized records of any form."""

    def __init__(self, engine: Engine, actor: Actor, clock: Clock, drafts: DraftService) -> None:
        self.engine = engine
        self.actor = actor
        self.clock = clock
        self.drafts = drafts

    def start(self, form_id: str, record_id: str, reason: str) -> str:
        """Copy a final record (its rows and attachments too) into a new draft that amends it."""
        if not reason.strip():
            raise AmendmentError("请填写更正理由。")
        spec = form(form_id)
        cls = model_of(spec)
        with write_changes(self.engine, self.actor, clock=self.clock) as writer:
            session = writer.session
            original = session.get(cls, record_id)
            if not isinstance(original, FormRecord) or original.state != RecordState.FINAL:
                raise AmendmentError("只有已定稿的记录才能更正。")
            data: dict[str, Any] = {k: v for k, v in original.model_dump().items() if k not in _NOT_COPIED}
            data["extra"] = {**(original.extra or {}), "amends": record_id}
            copy = cls(**data, id=new_id(), state=RecordState.DRAFT)
            writer.save(copy)  # type: ignore[arg-type]
            self._copy_rows(writer, spec, record_id, copy.id)
            self._copy_attachments(writer, record_id, copy.id)
            writer.save(
                Amendment(table_name=spec.model, original_id=record_id, amended_id=copy.id, reason=reason.strip()[:500])
            )
            return copy.id

    def _copy_rows(self, writer: ChangeWriter, spec: Any, old_id: str, new_owner: str) -> None:
        for section in spec.sections:
            for f in section.fields:
                if f.type is not FieldType.REPEAT or f.repeat_model == JSON_MODEL or not f.repeat_model:
                    continue
                row_cls = models()[f.repeat_model]
                link = getattr(row_cls, f.link)
                rows = writer.session.exec(
                    select(row_cls).where(link == old_id, col(row_cls.deleted).is_(False))  # type: ignore[attr-defined]
                ).all()
                for row in rows:
                    data = {k: v for k, v in row.model_dump().items() if k not in _NOT_COPIED}
                    data[f.link] = new_owner
                    writer.save(row_cls(**data, id=new_id()))  # type: ignore[arg-type]

    def _copy_attachments(self, writer: ChangeWriter, old_id: str, new_id_: str) -> None:
        rows = writer.session.exec(
            select(Attachment).where(Attachment.owner_id == old_id, col(Attachment.deleted).is_(False))
        ).all()
        for row in rows:
            data = {k: v for k, v in row.model_dump().items() if k not in _NOT_COPIED}
            data["owner_id"] = new_id_
            writer.save(Attachment(**data, id=new_id()))

    def complete(self, writer: ChangeWriter, table_name: str, amended_id: str) -> None:
        """When an amendment is finalized: the original is superseded (作废) and the changed fields noted."""
        amendment = writer.session.exec(
            select(Amendment).where(Amendment.amended_id == amended_id, col(Amendment.deleted).is_(False))
        ).first()
        if amendment is None:
            return
        cls = models()[table_name]
        original = writer.session.get(cls, amendment.original_id)
        amended = writer.session.get(cls, amended_id)
        if original is None or amended is None:
            return
        skip = _NOT_COPIED | {"extra"}
        amendment.changed_fields = sorted(
            name for name in cls.model_fields if name not in skip and getattr(original, name) != getattr(amended, name)
        )
        writer.save(amendment)
        original.state = RecordState.VOID  # type: ignore[attr-defined]
        writer.save(original, audit=AuditKind.VOID, detail={"superseded_by": amended_id})  # type: ignore[arg-type]
