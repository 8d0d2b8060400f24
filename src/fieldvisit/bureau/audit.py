"""Audit events uploaded by devices, kept once each (a re-sent event is not stored twice)."""

from __future__ import annotations

import logging
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Connection, Engine, select

from fieldvisit.bureau.db import insert_rows, one_of, run_write
from fieldvisit.bureau.mutations import Caller
from fieldvisit.bureau.records import unstorable
from fieldvisit.bureau.tables import metadata
from fieldvisit.domain.shared import AuditEvent

log = logging.getLogger(__name__)
audit_event = metadata.tables["audit_event"]


def store_events(engine: Engine, caller: Caller, events: list[dict[str, Any]]) -> int:
    """Keep the device's audit events, stamped with the device; returns how many of them the bureau holds."""
    rows: list[dict[str, Any]] = []
    for raw in events:
        try:
            event = AuditEvent.model_validate(raw)
        except ValidationError:
            log.warning("device %s sent an unreadable audit event; skipped", caller.device_id)
            continue
        problem = unstorable(raw)
        if problem:
            log.warning("device %s sent an audit event the database cannot hold: %s", caller.device_id, problem)
            continue
        row = {column.name: getattr(event, column.name) for column in audit_event.columns}
        row["device_id"] = caller.device_id
        row["user_id"] = row["user_id"] or caller.user_id
        rows.append(row)

    def work(connection: Connection) -> int:
        known = {
            event_id
            for condition in one_of(connection, audit_event.c.id, [row["id"] for row in rows])
            for event_id in connection.execute(select(audit_event.c.id).where(condition)).scalars()
        }
        insert_rows(connection, audit_event, [row for row in rows if row["id"] not in known])
        return len(rows)

    return run_write(engine, work) if rows else 0
