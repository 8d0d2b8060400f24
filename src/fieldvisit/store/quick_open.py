"""Unlocking for the first screen without SQLAlchemy: the key unwrapped, one raw connection, schema and user checked.

The app paints the dashboard from this connection (store.repositories.dashboard_reads) while the database layers
load; the full workspace (engine, migrations, vault) is then opened with the same key (services.access).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fieldvisit.store.connection import open_existing
from fieldvisit.store.workspace import DB_FILE, WorkspaceInfo, unlock

SCHEMA_HEAD = "0003"
"""The newest migration (store.migrate.head_revision(), checked by a test): a database at another revision is
opened the full way, which migrates it or refuses it with a message."""


@dataclass(frozen=True)
class StaffFacts:
    """Who is working on this device, as far as the first screen needs to know."""

    id: str
    display_name: str
    role: str


@dataclass
class QuickOpen:
    """An unlocked workspace with one raw read connection; `close()` it once the full workspace is open."""

    path: Path
    info: WorkspaceInfo
    key: bytes = field(repr=False)
    connection: Any = field(repr=False)
    schema_current: bool
    user: StaffFacts | None

    @property
    def demo(self) -> bool:
        """Whether this is a demo workspace (演示数据)."""
        return self.info.demo

    def close(self) -> None:
        """Release the raw connection."""
        self.connection.close()


def quick_open(path: Path, password: str) -> QuickOpen:
    """Unwrap the key with `password` and open one raw connection; raises WrongPasswordError or WorkspaceError."""
    info, key = unlock(path, password)
    connection = open_existing(path / DB_FILE, key)
    try:
        revision = _revision(connection)
        user = _current_user(connection) if revision == SCHEMA_HEAD else None
    except BaseException:
        connection.close()
        raise
    return QuickOpen(path, info, key, connection, revision == SCHEMA_HEAD, user)


def _revision(connection: Any) -> str | None:
    known = connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'")
    if not known.fetchone():
        return None
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


def _current_user(connection: Any) -> StaffFacts | None:
    row = connection.execute("SELECT value FROM setting WHERE key = 'current_user_id'").fetchone()
    user_id = json.loads(row[0]) if row and row[0] else None
    if not user_id:
        return None
    user = connection.execute("SELECT id, display_name, role FROM staff_user WHERE id = ?", (user_id,)).fetchone()
    return StaffFacts(*user) if user else None
