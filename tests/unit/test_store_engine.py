"""Tests of the SQLCipher engine: encryption on disk, wrong keys, pragmas, real transactions, threads."""

import sqlite3
import threading
from pathlib import Path

import pytest
import sqlcipher3.dbapi2
from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError

from fieldvisit.security.keys import new_database_key
from fieldvisit.store.engine import (
    EncryptionUnavailableError,
    WrongKeyError,
    check_key,
    is_encrypted_file,
    make_engine,
)


@pytest.fixture
def key() -> bytes:
    return new_database_key()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "fieldvisit.db"


def _create_people(engine: Engine, *names: str) -> None:
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE IF NOT EXISTS person (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"))
        for name in names:
            conn.execute(text("INSERT INTO person (name) VALUES (:name)"), {"name": name})


def _names(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.scalars(text("SELECT name FROM person ORDER BY id")))


def test_file_on_disk_is_encrypted(db_path: Path, key: bytes) -> None:
    engine = make_engine(db_path, key)
    _create_people(engine, "张建华")
    engine.dispose()
    raw = db_path.read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    assert "张建华".encode() not in raw
    assert is_encrypted_file(db_path)


def test_plain_sqlite_file_is_not_encrypted(tmp_path: Path) -> None:
    plain = tmp_path / "plain.db"
    with sqlite3.connect(plain) as conn:
        conn.execute("CREATE TABLE t (x)")
    assert not is_encrypted_file(plain)


def test_rare_characters_round_trip(db_path: Path, key: bytes) -> None:
    names = ["王䶮", "𠮷野", "李🙂", "𡈽"]
    _create_people(make_engine(db_path, key), *names)
    assert _names(make_engine(db_path, key)) == names


def test_wrong_key_raises_wrong_key_error(db_path: Path, key: bytes) -> None:
    _create_people(make_engine(db_path, key), "张三")
    with pytest.raises(WrongKeyError), make_engine(db_path, new_database_key()).connect():
        pass
    with pytest.raises(WrongKeyError):
        check_key(db_path, new_database_key())
    check_key(db_path, key)


def test_check_key_does_not_create_a_database(db_path: Path, key: bytes) -> None:
    with pytest.raises(FileNotFoundError):
        check_key(db_path, key)
    assert not db_path.exists()


def test_plain_sqlite3_cannot_read_it(db_path: Path, key: bytes) -> None:
    _create_people(make_engine(db_path, key), "张三")
    conn = sqlite3.connect(db_path)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
            conn.execute("SELECT name FROM person").fetchall()
    finally:
        conn.close()


def test_driver_without_sqlcipher_is_refused(db_path: Path, key: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sqlcipher3.dbapi2, "connect", sqlite3.connect)
    with pytest.raises(EncryptionUnavailableError), make_engine(db_path, key).connect():
        pass
    assert not db_path.exists() or db_path.stat().st_size == 0


def test_pragmas_are_set_on_every_connection(db_path: Path, key: bytes) -> None:
    engine = make_engine(db_path, key)
    with engine.connect() as first, engine.connect() as second:
        for conn in (first, second):
            assert conn.scalar(text("PRAGMA journal_mode")) == "wal"
            assert conn.scalar(text("PRAGMA synchronous")) == 2  # FULL
            assert conn.scalar(text("PRAGMA foreign_keys")) == 1
            assert conn.scalar(text("PRAGMA busy_timeout")) == 5000
            assert conn.scalar(text("PRAGMA cipher_version"))


def test_failed_transaction_rolls_back_rows_and_ddl(db_path: Path, key: bytes) -> None:
    engine = make_engine(db_path, key)
    _create_people(engine, "张三")
    # DDL first: the bare driver would autocommit it because no INSERT has opened a transaction yet.
    with pytest.raises(RuntimeError), engine.begin() as conn:
        conn.execute(text("CREATE TABLE half_migrated (x INTEGER)"))
        conn.execute(text("INSERT INTO person (name) VALUES ('李四')"))
        raise RuntimeError("power cut")
    assert _names(engine) == ["张三"]
    with engine.connect() as conn:
        tables = set(conn.scalars(text("SELECT name FROM sqlite_master WHERE type = 'table'")))
    assert tables == {"person"}


def test_released_savepoint_is_undone_by_the_outer_rollback(db_path: Path, key: bytes) -> None:
    engine = make_engine(db_path, key)
    _create_people(engine)
    with pytest.raises(RuntimeError), engine.begin() as conn:
        with conn.begin_nested():
            conn.execute(text("INSERT INTO person (name) VALUES ('张三')"))
        raise RuntimeError("power cut")
    assert _names(engine) == []


def test_savepoint_rollback_keeps_the_outer_work(db_path: Path, key: bytes) -> None:
    engine = make_engine(db_path, key)
    _create_people(engine)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO person (name) VALUES ('张三')"))
        savepoint = conn.begin_nested()
        conn.execute(text("INSERT INTO person (name) VALUES ('李四')"))
        savepoint.rollback()
    assert _names(engine) == ["张三"]


def test_foreign_keys_are_enforced_as_sqlalchemy_errors(db_path: Path, key: bytes) -> None:
    engine = make_engine(db_path, key)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE town (id INTEGER PRIMARY KEY)"))
        conn.execute(text("CREATE TABLE village (id INTEGER PRIMARY KEY, town_id INTEGER REFERENCES town(id))"))
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(text("INSERT INTO village (town_id) VALUES (42)"))


def test_reader_threads_see_what_the_writer_committed(db_path: Path, key: bytes) -> None:
    engine = make_engine(db_path, key)
    _create_people(engine)
    written = [f"居民{i}" for i in range(20)]
    errors: list[BaseException] = []

    def write() -> None:
        try:
            for name in written:
                _create_people(engine, name)
        except BaseException as exc:
            errors.append(exc)

    def read() -> None:
        try:
            for _ in range(20):
                _names(engine)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write), *(threading.Thread(target=read) for _ in range(3))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert _names(engine) == written
