"""The SQLCipher-encrypted SQLAlchemy engine of the local database: pooled keyed connections, real transactions."""

from __future__ import annotations

from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from fieldvisit.store.connection import EncryptionUnavailableError as EncryptionUnavailableError
from fieldvisit.store.connection import WrongKeyError as WrongKeyError
from fieldvisit.store.connection import check_key as check_key
from fieldvisit.store.connection import check_key_length, connect
from fieldvisit.store.connection import is_encrypted_file as is_encrypted_file


def make_engine(path: Path, key: bytes) -> Engine:
    """An engine over the encrypted database at `path` (created on first connect) for several threads."""
    check_key_length(key)
    engine = create_engine(
        "sqlite://",
        creator=lambda: connect(path, key),
        # The dialect must see the SQLCipher module, not the stdlib sqlite3: its errors are then wrapped
        # as sqlalchemy.exc.* and feature detection reads the SQLite version actually linked.
        module=sqlcipher,
        # "sqlite://" looks like an in-memory URL, for which SQLAlchemy would pick SingletonThreadPool.
        poolclass=QueuePool,
        pool_size=5,
        max_overflow=5,
        # Each connection has its own decrypted page cache: reuse the most recent one so it stays warm.
        pool_use_lifo=True,
    )
    event.listen(engine, "begin", _emit_begin)
    return engine


def _emit_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN")
