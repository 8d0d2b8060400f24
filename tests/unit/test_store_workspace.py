"""A workspace on disk: encrypted file, wrapped key, keyring cache, migrations with a backup, refusals."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import Session, select
from tests.conftest import TEST_PASSWORD, MemoryKeyring

from fieldvisit.domain.children import ChildFile
from fieldvisit.security.keys import FAST_TEST_PARAMS, KdfParams, WrongPasswordError
from fieldvisit.security.secret_store import KeyringSecretStore, MemorySecretStore
from fieldvisit.store import migrate
from fieldvisit.store.engine import make_engine
from fieldvisit.store.migrate import MigrationError, NewerDatabaseError, head_revision
from fieldvisit.store.quick_open import quick_open
from fieldvisit.store.workspace import (
    DB_FILE,
    WorkspaceError,
    cached_key,
    create_workspace,
    open_workspace,
    read_info,
    unlock_key,
)


def test_database_file_is_encrypted_and_needs_the_password(workspace, tmp_path: Path) -> None:
    workspace.close()
    db = workspace.db_path
    assert not db.read_bytes().startswith(b"SQLite format 3")
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(db).execute("SELECT count(*) FROM sqlite_master").fetchone()
    with pytest.raises(WrongPasswordError):
        open_workspace(workspace.path, password="wrong password")
    reopened = open_workspace(workspace.path, password=TEST_PASSWORD)
    reopened.close()


def test_rare_characters_round_trip_exactly(workspace) -> None:
    name = "王䶮𠮷〇😀"
    with Session(workspace.engine) as session:
        session.add(ChildFile(file_no="ET-1", name=name, town_code="330282107"))
        session.commit()
    workspace.close()
    reopened = open_workspace(workspace.path, password=TEST_PASSWORD)
    with Session(reopened.engine) as session:
        assert session.exec(text("SELECT name FROM child_file")).one()[0] == name  # type: ignore[call-overload]
    reopened.close()


def test_new_workspace_is_migrated_to_head_after_a_backup_copy(workspace) -> None:
    assert workspace.migration is not None
    assert workspace.migration.from_revision is None
    assert workspace.migration.to_revision == head_revision()
    backup = workspace.migration.backup
    assert backup is not None and backup.is_file()
    assert backup.parent == workspace.backups_dir
    with workspace.engine.connect() as connection:
        assert migrate.current_revision(connection) == head_revision()
        assert {"child_file", "outbox", "audit_event"} <= migrate.table_names(connection)


def test_opening_a_current_workspace_runs_no_migration(workspace) -> None:
    workspace.close()
    reopened = open_workspace(workspace.path, password=TEST_PASSWORD)
    assert reopened.migration is not None and reopened.migration.backup is None
    reopened.close()


def test_database_from_a_newer_version_is_refused_untouched(workspace) -> None:
    with workspace.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    workspace.close()
    before = workspace.db_path.read_bytes()
    with pytest.raises(NewerDatabaseError) as info:
        open_workspace(workspace.path, password=TEST_PASSWORD)
    assert "更新版本" in info.value.message_zh
    assert workspace.db_path.read_bytes() == before


def test_failed_migration_rolls_back_and_keeps_the_old_database(tmp_path: Path, clock) -> None:
    ws = create_workspace(tmp_path / "ws", TEST_PASSWORD, kdf_params=FAST_TEST_PARAMS, clock=clock)
    # Make the store look unmigrated while most tables exist: the migration creates "amendment" (first),
    # then fails on "asset", which is already there.
    with ws.engine.begin() as connection:
        connection.execute(text("DELETE FROM alembic_version"))
        connection.execute(text("DROP TABLE amendment"))
    ws.close()
    before = ws.db_path.read_bytes()

    with pytest.raises(MigrationError) as info:
        open_workspace(ws.path, password=TEST_PASSWORD)
    assert "原数据文件未改动" in info.value.message_zh
    assert "backups" in info.value.message_zh

    engine = make_engine(ws.db_path, unlock_key(ws.path, TEST_PASSWORD))
    with engine.connect() as connection:
        names = migrate.table_names(connection)
        assert "amendment" not in names, "the partial migration was not rolled back"
        assert "asset" in names
        assert migrate.current_revision(connection) is None
    engine.dispose()
    backups = sorted(ws.backups_dir.iterdir())
    assert any(b.read_bytes() == before for b in backups)


def test_creating_over_an_existing_workspace_is_refused(workspace) -> None:
    with pytest.raises(WorkspaceError):
        create_workspace(workspace.path, "another", kdf_params=FAST_TEST_PARAMS)


def test_key_is_cached_only_in_a_trustworthy_keyring(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    store = KeyringSecretStore(memory_keyring)
    ws = create_workspace(tmp_path / "a", TEST_PASSWORD, kdf_params=FAST_TEST_PARAMS, secret_store=store)
    ws.close()
    assert cached_key(ws.path, store) is not None
    reopened = open_workspace(ws.path, key=cached_key(ws.path, store))
    reopened.close()

    memory = MemorySecretStore()
    ws2 = create_workspace(tmp_path / "b", TEST_PASSWORD, kdf_params=FAST_TEST_PARAMS, secret_store=memory)
    ws2.close()
    assert cached_key(ws2.path, memory) is None


def test_workspace_info_holds_no_plain_key(workspace) -> None:
    info_text = (workspace.path / "workspace.json").read_text(encoding="utf-8")
    assert read_info(workspace.path).workspace_id in info_text
    assert (workspace.path / DB_FILE).exists()
    assert "ciphertext" in info_text


def _quick_key(path: Path, password: str) -> bytes:
    quick = quick_open(path, password)
    quick.close()
    return quick.key


@pytest.mark.parametrize("unlocking", [unlock_key, _quick_key], ids=["unlock_key", "quick_open"])
def test_a_key_wrapped_in_two_lanes_is_wrapped_again_in_one_when_unlocked(tmp_path: Path, unlocking) -> None:
    """Workspaces made before libsodium's Argon2id open as before (the app's way, `quick_open`, and the others),
    and from then on on one core."""
    two_lanes = KdfParams(time_cost=1, memory_cost=2048, parallelism=2)
    workspace = create_workspace(tmp_path / "ws", TEST_PASSWORD, kdf_params=two_lanes)
    with Session(workspace.engine) as session:
        session.add(ChildFile(file_no="ET-7", name="𠮷䶮", town_code="330282107"))
        session.commit()
    workspace.close()
    before = read_info(workspace.path)
    with pytest.raises(WrongPasswordError):
        unlocking(workspace.path, "wrong password")
    assert read_info(workspace.path) == before  # a wrong password changes nothing

    key = unlocking(workspace.path, TEST_PASSWORD)
    after = read_info(workspace.path)
    assert after.wrapped_key.params == KdfParams(time_cost=1, memory_cost=2048, parallelism=1)
    assert after.wrapped_key.salt != before.wrapped_key.salt
    assert (after.workspace_id, after.label, after.created_at) == (before.workspace_id, before.label, before.created_at)
    assert not (workspace.path / "workspace.json.tmp").exists()
    reopened = open_workspace(workspace.path, password=TEST_PASSWORD)
    assert reopened.info == after
    with Session(reopened.engine) as session:
        assert [c.name for c in session.exec(select(ChildFile))] == ["𠮷䶮"]
    reopened.close()
    by_key = open_workspace(workspace.path, key=key)
    assert by_key.info == after
    by_key.close()
