"""Keyed SQLCipher connections with the store's pragmas, without SQLAlchemy (the engine pools these)."""

from __future__ import annotations

import logging
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher

from fieldvisit.security.keys import KEY_BYTES

log = logging.getLogger(__name__)

SQLITE_PLAIN_HEADER = b"SQLite format 3\x00"


class EncryptionUnavailableError(RuntimeError):
    """The driver cannot encrypt (no SQLCipher): the store refuses to open rather than write plaintext."""


class WrongKeyError(Exception):
    """The key does not open the database (or the file is not a FieldVisit database, or it is damaged)."""


def check_key(path: Path, key: bytes) -> None:
    """Raise WrongKeyError unless `key` opens the existing database at `path`; never creates a file."""
    open_existing(path, key).close()


def open_existing(path: Path, key: bytes) -> sqlcipher.Connection:
    """A connection to the existing database at `path` (WrongKeyError if `key` does not open it)."""
    check_key_length(key)
    if not path.is_file():
        raise FileNotFoundError(path)
    return connect(path, key)


def is_encrypted_file(path: Path) -> bool:
    """Whether the file is not a plaintext SQLite database; a file shorter than a header is not encrypted."""
    with path.open("rb") as f:
        header = f.read(len(SQLITE_PLAIN_HEADER))
    return len(header) == len(SQLITE_PLAIN_HEADER) and header != SQLITE_PLAIN_HEADER


def connect(path: Path, key: bytes) -> sqlcipher.Connection:
    """Open (creating it if absent) and key the database at `path`; autocommit, WAL, foreign keys on."""
    # Everything happens here rather than in a SQLAlchemy "connect" event: SQLAlchemy's own first-connect
    # queries run before user listeners, and SQLCipher needs the key before anything reads the file.
    conn = sqlcipher.connect(str(path), check_same_thread=False)
    try:
        # The pysqlite driver does not emit BEGIN before DDL or SELECT; the engine emits it instead.
        conn.isolation_level = None
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        row = conn.execute("PRAGMA cipher_version").fetchone()
        if not row or not row[0]:
            raise EncryptionUnavailableError("the SQLite driver lacks SQLCipher; refusing to open the database")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher.DatabaseError as exc:
            if "file is not a database" not in str(exc):
                raise
            raise WrongKeyError(
                "the database key is wrong, or the file is not a FieldVisit database or is damaged"
            ) from None
        (journal_mode,) = conn.execute("PRAGMA journal_mode = WAL").fetchone()
        if journal_mode.lower() != "wal":
            log.warning("database journal mode is %s, not WAL", journal_mode)
        # FULL in WAL mode syncs the log at every commit: a saved edit survives a power cut.
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 5000")
        # Temporary tables and sort spills stay in memory, never in unencrypted temp files.
        conn.execute("PRAGMA temp_store = MEMORY")
        # Every page read is decrypted; a larger page cache (32 MiB, grown on demand) keeps lists and the
        # dashboard from decrypting the same pages again on each refresh.
        conn.execute("PRAGMA cache_size = -32768")
    except BaseException:
        conn.close()
        raise
    return conn


def check_key_length(key: bytes) -> None:
    """Raise ValueError unless `key` has the length of a database key."""
    if len(key) != KEY_BYTES:
        raise ValueError(f"database key must be {KEY_BYTES} bytes")
