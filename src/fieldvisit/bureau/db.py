"""The bureau database: engines for PostgreSQL or SQLite, write/read transactions, retries and migrations."""

from __future__ import annotations

import functools
import json
import logging
import math
import operator
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import orjson
from alembic import command
from alembic.config import Config
from sqlalchemy import (
    JSON,
    ColumnElement,
    Connection,
    Engine,
    Table,
    Text,
    any_,
    bindparam,
    cast,
    create_engine,
    event,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

log = logging.getLogger(__name__)

_MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_IN_CHUNK = 900  # stays under SQLite's bound-parameter limit with room to spare
_RETRYABLE_PG_CODES = {"40001", "40P01", "55P03"}  # serialization failure, deadlock, lock not available
T = TypeVar("T")


class DatabaseUnavailableError(Exception):
    """The database cannot be reached or keeps failing transiently; clients should retry later (503)."""


class RetryTransactionError(Exception):
    """Raised inside a write transaction to have it rolled back and run again from the start."""


def make_engine(url: str) -> Engine:
    """An engine for `url`. SQLite gets WAL, full sync, foreign keys and immediate write transactions."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    engine = create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10, pool_recycle=1800)
    if engine.dialect.driver == "psycopg":
        event.listen(engine, "connect", _psycopg_on_connect)
    return engine


_EMPTY_JSON: dict[bytes, Any] = {b"[]": list, b"{}": dict, b"null": type(None)}


def _json_loads(data: bytes | str) -> Any:
    # Most JSON columns hold an empty list or object: skip the parser for those (a page holds thousands).
    if isinstance(data, bytes):
        empty = _EMPTY_JSON.get(data)
        if empty is not None:
            return empty()
        data = data.decode()
    return json.loads(data)


def json_text(value: Any) -> str:
    """`value` as JSON text, for a JSON column (the same shortcut on the way in: a pushed record or log entry
    carries a dozen mostly empty JSON values)."""
    if not value and isinstance(value, list | dict):
        return "[]" if isinstance(value, list) else "{}"
    try:
        text = orjson.dumps(value)
    except TypeError:  # what orjson refuses (a lone surrogate, a huge integer): the standard encoder's text
        return json.dumps(value)
    if b"null" in text and non_finite(value):  # orjson writes NaN as null; the database refuses a NaN
        return json.dumps(value)
    return text.decode()


def non_finite(value: Any) -> bool:
    """Whether `value` (JSON data) is or holds a NaN or an infinity."""
    if isinstance(value, float):
        return not math.isfinite(value)
    if isinstance(value, dict):
        return any(non_finite(item) for item in value.values())
    if isinstance(value, list):
        return any(non_finite(item) for item in value)
    return False


def _psycopg_on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    from psycopg.types.json import set_json_dumps, set_json_loads

    set_json_loads(_json_loads, dbapi_connection)
    set_json_dumps(json_text, dbapi_connection)


def _sqlite_on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA busy_timeout = 30000")
    cursor.close()


def _sqlite_on_begin(connection: Connection) -> None:
    # Writers take the lock at BEGIN, so two writers never deadlock upgrading a read lock.
    immediate = connection.get_execution_options().get("fieldvisit_write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def is_sqlite(engine: Engine) -> bool:
    """Whether the engine talks to SQLite (the embedded default)."""
    return engine.dialect.name == "sqlite"


def insert_rows(connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert rows that all name the same columns. On PostgreSQL this is one COPY (one round trip, rows
    formatted by the driver in C with each column's type given once), where executemany sends and binds every
    row on its own; elsewhere it is executemany. Values go through the columns' own types either way; JSON
    values go as their text, which the server parses, rather than through a driver dumper call each."""
    if not rows:
        return
    if connection.dialect.name != "postgresql" or connection.dialect.driver != "psycopg":
        connection.execute(table.insert(), rows)
        return
    import psycopg
    from psycopg import sql

    columns = [column for column in table.columns if column.name in rows[0]]
    values: list[Iterable[Any]] = []  # column by column: each column's conversion runs as one loop in C (map)
    for column in columns:
        given = map(operator.itemgetter(column.name), rows)
        convert = json_text if isinstance(column.type, JSON) else column.type.bind_processor(connection.dialect)
        values.append(given if convert is None else map(convert, given))
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table.name), sql.SQL(", ").join(sql.Identifier(column.name) for column in columns)
    )
    cursor = connection.connection.cursor()
    try:
        with cursor.copy(statement) as copy:  # type: ignore[attr-defined]
            copy.set_types([_copy_type(column) for column in columns])
            for row in zip(*values, strict=True):
                copy.write_row(row)
    except psycopg.Error as exc:
        # The driver's own error (COPY bypasses SQLAlchemy), as SQLAlchemy gives it for any statement: so that a
        # unique-key race is retried, a value the database refuses is refused with its record, and a lost
        # connection is answered "unavailable".
        raise DBAPIError.instance(f"COPY {table.name}", None, exc, psycopg.Error) from exc
    finally:
        cursor.close()


_COPY_TYPE_NAMES = {"float": "float8", "json": "text"}
"""Column type names as psycopg's dumpers know them, where SQLAlchemy's differ (JSON goes as its text)."""


@functools.cache
def _copy_type(column: Any) -> str:
    from sqlalchemy.dialects import postgresql

    name = column.type.compile(dialect=postgresql.dialect()).split("(")[0].lower()
    return _COPY_TYPE_NAMES.get(name, name)


def one_of(connection: Connection, column: ColumnElement[Any], values: Collection[Any]) -> list[ColumnElement[bool]]:
    """Conditions that together select the rows whose `column` is one of `values` (one query each).

    PostgreSQL gets a single `= ANY(array)`: one parameter, so the statement text stays the same and its plan
    is reused, where an IN list of thousands costs more to render and bind than to run. SQLite gets IN lists
    short enough for its parameter limit.
    """
    wanted = sorted(set(values))
    if not wanted:
        return []
    if connection.dialect.name == "postgresql":
        plain = column.type.bind_processor(connection.dialect) is None
        if plain and all(isinstance(value, str) for value in wanted):
            # Text goes as the array's literal, which the server parses: psycopg's list dumper looks for
            # characters to quote in each item with a regular expression (0.4 ms for a push batch's 500 ids).
            # Only where the column's type passes text on as it is (every key column here does).
            literal = bindparam(None, _array_literal(wanted), type_=Text)
            return [column == any_(cast(literal, ARRAY(column.type)))]
        return [column == any_(bindparam(None, wanted, type_=ARRAY(column.type)))]
    return [column.in_(wanted[start : start + _IN_CHUNK]) for start in range(0, len(wanted), _IN_CHUNK)]


def _array_literal(items: Iterable[str]) -> str:
    """PostgreSQL's text form of an array of `items`: each one quoted, its quotes and backslashes escaped."""
    return "{" + ",".join('"' + item.replace("\\", "\\\\").replace('"', '\\"') + '"' for item in items) + "}"


def refresh_statistics(engine: Engine, tables: Iterable[str]) -> None:
    """Have PostgreSQL's planner count what a bulk load just wrote to `tables`, rather than at autovacuum's next
    round (a minute or more later): until then it plans lookups on the numbers of the tables before the load, and
    looked up each push batch's ids by reading every receipt (3 ms a batch instead of under 1 after 20,000
    imported records). SQLite plans by its indexes without statistics: nothing to do there.

    Never fails the load it follows (its rows are committed by then): a failure is logged, and autovacuum counts
    the tables later as usual."""
    if is_sqlite(engine):
        return
    names = ", ".join(engine.dialect.identifier_preparer.quote(name) for name in sorted(set(tables)))
    try:
        with engine.connect() as connection:
            connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(f"ANALYZE {names}")
    except DBAPIError as exc:
        log.warning("could not refresh the planner's statistics of %s: %s", names, type(exc.orig).__name__)


@contextmanager
def read_transaction(engine: Engine) -> Iterator[Connection]:
    """A read-only transaction with one consistent snapshot (REPEATABLE READ on PostgreSQL, WAL on SQLite)."""
    with _translated_errors(), engine.connect() as connection:
        if not is_sqlite(engine):
            connection = connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():
            yield connection


@contextmanager
def single_read(engine: Engine) -> Iterator[Connection]:
    """A connection for one read statement, which sees one snapshot by itself: on PostgreSQL without a
    transaction around it (no BEGIN and COMMIT to wait for, on every authenticated request)."""
    if is_sqlite(engine):
        with read_transaction(engine) as connection:
            yield connection
        return
    with _translated_errors(), engine.connect() as connection:
        yield connection.execution_options(isolation_level="AUTOCOMMIT")


def run_write(engine: Engine, work: Callable[[Connection], T], *, attempts: int = 6) -> T:
    """Run `work` in a write transaction, again from the start after a deadlock, serialization failure or a
    unique-key race (another request committed the same mutation or record first)."""
    for attempt in range(1, attempts + 1):
        try:
            with _translated_errors(), engine.connect() as connection:
                connection = connection.execution_options(fieldvisit_write=True)
                with connection.begin():
                    return work(connection)
        except (IntegrityError, RetryTransactionError) as exc:
            if attempt == attempts:
                raise
            log.info("write transaction raced another (%s); retrying", type(exc).__name__)
        except OperationalError as exc:
            if attempt == attempts or not _retryable(exc):
                raise
            log.info("write transaction hit a transient conflict; retrying")
        time.sleep(0.005 * attempt)
    raise AssertionError("unreachable")


def _retryable(exc: OperationalError) -> bool:
    code = getattr(exc.orig, "sqlstate", None)
    if code in _RETRYABLE_PG_CODES:
        return True
    return "database is locked" in str(exc.orig)


@contextmanager
def _translated_errors() -> Iterator[None]:
    try:
        yield
    except OperationalError as exc:
        if exc.connection_invalidated or _is_disconnect(exc):
            raise DatabaseUnavailableError(str(exc.orig)) from exc
        raise


def _is_disconnect(exc: DBAPIError) -> bool:
    text = str(exc.orig).lower()
    return any(
        marker in text
        for marker in ("connection", "terminating", "server closed", "shutting down", "starting up", "recovery")
    )


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS_DIR))
    return config


def upgrade_database(engine: Engine) -> None:
    """Bring the bureau database to the newest schema, in one transaction."""
    if is_sqlite(engine) and engine.url.database:
        Path(engine.url.database).parent.mkdir(parents=True, exist_ok=True)
    config = _alembic_config()
    with engine.connect() as connection:
        connection = connection.execution_options(fieldvisit_write=True)
        with connection.begin():
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
