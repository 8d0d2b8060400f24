"""Runs the store's Alembic migrations: copy the file first, refuse newer schemas, keep the old file on failure."""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

from fieldvisit.domain.types import Clock, utc_now

log = logging.getLogger(__name__)

_MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class MigrationError(Exception):
    """A migration could not run. `message_zh` is what the user is shown; the old file is untouched."""

    def __init__(self, message: str, message_zh: str) -> None:
        super().__init__(message)
        self.message_zh = message_zh


class NewerDatabaseError(MigrationError):
    """The database was written by a newer FieldVisit than this one."""


@dataclass(frozen=True)
class MigrationReport:
    """What `upgrade_to_head` did: the revisions before and after and the backup copy, if one was made."""

    from_revision: str | None
    to_revision: str
    backup: Path | None


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    """The newest schema revision this code knows."""
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    """The schema revision recorded in the database (None for a new, empty one)."""
    return MigrationContext.configure(connection).get_current_revision()


def _backup(engine: Engine, db_path: Path, backups_dir: Path, revision: str | None, clock: Clock) -> Path:
    backups_dir.mkdir(parents=True, exist_ok=True)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    stamp = clock().strftime("%Y%m%dT%H%M%SZ")
    target = backups_dir / f"{db_path.stem}-before-{revision or 'empty'}-{stamp}{db_path.suffix}"
    shutil.copy2(db_path, target)
    return target


def upgrade_to_head(engine: Engine, db_path: Path, backups_dir: Path, *, clock: Clock = utc_now) -> MigrationReport:
    """Bring the database to the head revision.

    Before any migration runs, the (still encrypted) file is copied to `backups_dir`. All migrations run in
    one transaction, so a failure leaves the file as it was. A revision this code does not know means a newer
    FieldVisit wrote the file: it is refused, never touched.
    """
    script = ScriptDirectory.from_config(_config())
    head = head_revision()
    with engine.connect() as connection:
        current = current_revision(connection)
    if current == head:
        return MigrationReport(current, head, None)
    if current is not None and current not in {rev.revision for rev in script.walk_revisions()}:
        raise NewerDatabaseError(
            f"database schema {current} is newer than this program (head {head})",
            "此数据文件由更新版本的民政走访创建，当前版本无法打开。请升级软件后再试，数据未作任何改动。",
        )
    backup = _backup(engine, db_path, backups_dir, current, clock)
    config = _config()
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except Exception as exc:
        log.exception("migration from %s to %s failed", current, head)
        raise MigrationError(
            f"migration from {current} to {head} failed: {exc}",
            f"数据升级失败，原数据文件未改动，升级前的备份在：{backup}。请联系管理员并提供此信息。",
        ) from exc
    log.info("migrated store from %s to %s (backup %s)", current, head, backup.name)
    return MigrationReport(current, head, backup)


def table_names(connection: Connection) -> set[str]:
    """Names of the tables present (for checks and diagnostics)."""
    rows = connection.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'"))
    return {row[0] for row in rows}
