"""A workspace on disk: the encrypted database, its wrapped key, the attachment vault and backups, opened safely.

Reading the facts and unwrapping the key need neither SQLAlchemy nor Alembic: those load when the engine is made.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldvisit.domain.clock import Clock, utc_now
from fieldvisit.domain.ids import new_id
from fieldvisit.security.keys import (
    KdfParams,
    WrappedKey,
    needs_rewrap,
    new_database_key,
    unwrap_key,
    wrap_key,
)
from fieldvisit.store.connection import check_key

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from fieldvisit.security.secret_store import SecretStore
    from fieldvisit.store.migrate import MigrationReport
    from fieldvisit.store.vault import AttachmentVault

log = logging.getLogger(__name__)

INFO_FILE = "workspace.json"
DB_FILE = "fieldvisit.db"
VAULT_DIR = "vault"
BACKUPS_DIR = "backups"
INFO_FORMAT = 1

DEMO_PASSWORD = "demo2026"
"""The fixed password of demo workspaces, shown on the unlock screen. Demo data only: never real records."""


class WorkspaceError(Exception):
    """A workspace cannot be created or opened; `message_zh` says why in Chinese."""

    def __init__(self, message: str, message_zh: str) -> None:
        super().__init__(message)
        self.message_zh = message_zh


@dataclass(frozen=True)
class WorkspaceInfo:
    """The unencrypted facts about a workspace (no secrets: the key in it is wrapped by the password)."""

    workspace_id: str
    demo: bool
    label: str
    created_at: datetime
    wrapped_key: WrappedKey

    def to_json(self) -> str:
        """Serialise to `workspace.json`."""
        data = {
            "format": INFO_FORMAT,
            "workspace_id": self.workspace_id,
            "demo": self.demo,
            "label": self.label,
            "created_at": self.created_at.isoformat(),
            "wrapped_key": json.loads(self.wrapped_key.to_json()),
        }
        return json.dumps(data, ensure_ascii=False, indent=2)

    @classmethod
    def from_json(cls, text: str) -> WorkspaceInfo:
        """Parse `workspace.json`."""
        data: dict[str, Any] = json.loads(text)
        if data.get("format") != INFO_FORMAT:
            raise ValueError(f"unsupported workspace format {data.get('format')!r}")
        return cls(
            workspace_id=str(data["workspace_id"]),
            demo=bool(data["demo"]),
            label=str(data.get("label", "")),
            created_at=datetime.fromisoformat(data["created_at"]),
            wrapped_key=WrappedKey.from_json(json.dumps(data["wrapped_key"])),
        )


@dataclass
class Workspace:
    """An open workspace: its directory, facts, engine and vault. Close it to release the database."""

    path: Path
    info: WorkspaceInfo
    engine: Engine
    vault: AttachmentVault
    migration: MigrationReport | None = None
    clock: Clock = field(default=utc_now)

    @property
    def db_path(self) -> Path:
        """The encrypted database file."""
        return self.path / DB_FILE

    @property
    def backups_dir(self) -> Path:
        """Where pre-migration copies are kept."""
        return self.path / BACKUPS_DIR

    def close(self) -> None:
        """Checkpoint the write-ahead log and release every connection."""
        with self.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        self.engine.dispose()


def is_workspace(path: Path) -> bool:
    """Whether `path` holds a workspace."""
    return (path / INFO_FILE).is_file() and (path / DB_FILE).is_file()


def read_info(path: Path) -> WorkspaceInfo:
    """The workspace facts, or WorkspaceError with a Chinese reason."""
    try:
        return WorkspaceInfo.from_json((path / INFO_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise WorkspaceError(f"no workspace at {path}", f"此目录不是民政走访的数据目录：{path}") from exc
    except (ValueError, KeyError, TypeError) as exc:
        raise WorkspaceError(
            f"workspace.json at {path} is damaged: {exc}", "数据目录的描述文件已损坏，请联系管理员。"
        ) from exc


def _write_info(path: Path, info: WorkspaceInfo) -> None:
    temp = path / (INFO_FILE + ".tmp")
    with temp.open("w", encoding="utf-8") as f:
        f.write(info.to_json())
        f.flush()
        os.fsync(f.fileno())
    os.replace(temp, path / INFO_FILE)


def _key_secret_name(workspace_id: str) -> str:
    return f"workspace-key:{workspace_id}"


def create_workspace(
    path: Path,
    password: str,
    *,
    demo: bool = False,
    label: str = "",
    kdf_params: KdfParams | None = None,
    secret_store: SecretStore | None = None,
    clock: Clock = utc_now,
) -> Workspace:
    """Create a new, empty, migrated workspace in `path` (which must not hold one already)."""
    if is_workspace(path):
        raise WorkspaceError(f"{path} already holds a workspace", f"该目录已有数据，不能覆盖：{path}")
    if not password:
        raise WorkspaceError("empty password", "密码不能为空。")
    path.mkdir(parents=True, exist_ok=True)
    key = new_database_key()
    info = WorkspaceInfo(
        workspace_id=new_id(),
        demo=demo,
        label=label,
        created_at=clock(),
        wrapped_key=wrap_key(key, password, params=kdf_params),
    )
    _write_info(path, info)
    workspace = _open_with_key(path, info, key, clock)
    _cache_key(secret_store, info, key)
    return workspace


def unlock(path: Path, password: str) -> tuple[WorkspaceInfo, bytes]:
    """The facts and the database key of the workspace at `path`; raises security.keys.WrongPasswordError.

    A key wrapped in several Argon2 lanes (as this app did before libsodium's Argon2id) is wrapped again with
    the same costs in one lane, which unlocks it on one core, in 0.7 of the processor time, from then on.
    """
    info = read_info(path)
    key = unwrap_key(info.wrapped_key, password)
    if not needs_rewrap(info.wrapped_key):
        return info, key
    rewrapped = replace(info, wrapped_key=wrap_key(key, password, params=info.wrapped_key.params.in_one_lane()))
    try:
        _write_info(path, rewrapped)
    except OSError as exc:
        log.warning("could not store the key wrapped in one Argon2 lane (it stays as it was): %s", exc)
        return info, key
    return rewrapped, key


def unlock_key(path: Path, password: str) -> bytes:
    """The database key of the workspace at `path`; raises security.keys.WrongPasswordError."""
    return unlock(path, password)[1]


def cached_key(path: Path, secret_store: SecretStore) -> bytes | None:
    """The key cached in a trustworthy keyring for this workspace, if any and if it still opens the database."""
    info = read_info(path)
    secret = secret_store.get(_key_secret_name(info.workspace_id))
    if not secret:
        return None
    try:
        key = bytes.fromhex(secret)
        check_key(path / DB_FILE, key)
    except Exception:
        log.warning("cached key for workspace does not open it; ignoring the cache")
        return None
    return key


def _cache_key(secret_store: SecretStore | None, info: WorkspaceInfo, key: bytes) -> None:
    from fieldvisit.security.secret_store import SecretStoreError

    if secret_store is None or not secret_store.persistent:
        return
    try:
        secret_store.set(_key_secret_name(info.workspace_id), key.hex())
    except SecretStoreError:
        log.warning("could not cache the workspace key in %s; the password will be asked", secret_store.backend_name)


def open_workspace(
    path: Path,
    *,
    password: str | None = None,
    key: bytes | None = None,
    secret_store: SecretStore | None = None,
    clock: Clock = utc_now,
) -> Workspace:
    """Open (and migrate, after a backup copy) the workspace at `path` with its password or its key."""
    if key is None:
        if password is None:
            raise ValueError("a password or a key is needed")
        info, key = unlock(path, password)
        _cache_key(secret_store, info, key)
    else:
        info = read_info(path)
    check_key(path / DB_FILE, key)
    return _open_with_key(path, info, key, clock)


def _open_with_key(path: Path, info: WorkspaceInfo, key: bytes, clock: Clock) -> Workspace:
    from fieldvisit.store.engine import make_engine
    from fieldvisit.store.migrate import upgrade_to_head
    from fieldvisit.store.vault import AttachmentVault

    engine = make_engine(path / DB_FILE, key)
    try:
        report = upgrade_to_head(engine, path / DB_FILE, path / BACKUPS_DIR, clock=clock)
    except BaseException:
        engine.dispose()
        raise
    vault = AttachmentVault(path / VAULT_DIR, key)
    return Workspace(path=path, info=info, engine=engine, vault=vault, migration=report, clock=clock)


def default_workspace_dir() -> Path:
    """Where the app keeps its workspace unless told otherwise (`FIELDVISIT_HOME` overrides)."""
    override = os.environ.get("FIELDVISIT_HOME")
    if override:
        return Path(override)
    from platformdirs import user_data_path

    return user_data_path("FieldVisit", appauthor=False) / "workspace"
