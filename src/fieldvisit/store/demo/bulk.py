"""Fast, deterministic bulk inserts for generated data, through SQLAlchemy Core rather than ORM objects."""

from __future__ import annotations

import random
import uuid
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import JSON, Column, Connection, Table
from sqlmodel import SQLModel

from fieldvisit.store.search import name_initials
from fieldvisit.store.tables import SearchEntry

BATCH_ROWS = 5_000
CST = timedelta(hours=8)


def at_local(day: date, hour: int = 9, minute: int = 0) -> datetime:
    """An aware UTC datetime for a China Standard Time wall-clock moment."""
    return datetime.combine(day, time(hour, minute), tzinfo=UTC) - CST


class Sequences:
    """Running numbers per scope (a town and year, a town and day …), for record numbers like the real ones."""

    def __init__(self) -> None:
        self._last: dict[tuple[object, ...], int] = defaultdict(int)

    def next(self, *scope: object) -> int:
        """The next number in `scope`, starting at 1."""
        self._last[scope] += 1
        return self._last[scope]


class BulkWriter:
    """Collects generated rows per table and inserts them in large executemany batches.

    Foreign keys are checked at commit (`defer_foreign_keys`), so batches may land children before parents.

    Ids are version-7 UUIDs whose time part is the record's creation time and whose random part comes from
    the seeded generator, so the same seed and day give the same workspace.
    """

    def __init__(self, connection: Connection, rng: random.Random, actor_id: str) -> None:
        self.connection = connection
        self.rng = rng
        self.actor_id = actor_id
        self._rows: dict[Table, list[dict[str, Any]]] = defaultdict(list)
        self.counts: dict[str, int] = defaultdict(int)

    def new_id(self, when: datetime) -> str:
        """A deterministic, time-ordered UUIDv7 for a record created at `when`."""
        millis = int(when.timestamp() * 1000) & ((1 << 48) - 1)
        rand = self.rng.getrandbits(74)
        value = millis << 80 | 0x7 << 76 | (rand >> 62) << 64 | 0b10 << 62 | (rand & ((1 << 62) - 1))
        return str(uuid.UUID(int=value))

    def add(self, model: type[SQLModel], row: dict[str, Any]) -> dict[str, Any]:
        """Queue one row; syncable bookkeeping columns are filled from `created_at` when absent."""
        table: Table = model.__table__  # type: ignore[attr-defined]
        if "version" in table.c:
            when = row.get("created_at") or at_local(date(2024, 1, 1))
            row.setdefault("id", self.new_id(when))
            row.setdefault("created_at", when)
            row.setdefault("updated_at", row["created_at"])
            row.setdefault("created_by", self.actor_id)
            row.setdefault("updated_by", row["created_by"])
        self._rows[table].append(row)
        self.counts[table.name] += 1
        return row

    def checkpoint(self) -> None:
        """Insert the tables that have gathered a full batch. Call it between aggregates: rows still being
        completed (a child whose last visit is not known yet) must not be inserted half-done."""
        for table in [t for t, rows in self._rows.items() if len(rows) >= BATCH_ROWS]:
            self._flush_table(table)

    def index_person(self, table_name: str, record_id: str, owner: tuple[str, str], name: str, **where: str) -> None:
        """Queue the search entry that makes a person findable by name, initials and ID digits."""
        id_number = where.get("id_number", "")
        self.add(
            SearchEntry,
            {
                "table_name": table_name,
                "record_id": record_id,
                "owner_table": owner[0],
                "owner_id": owner[1],
                "name": name,
                "initials": name_initials(name),
                "id_number": id_number,
                "id_last4": id_number[-4:],
                "town_code": where.get("town_code", ""),
                "village_id": where.get("village_id", ""),
            },
        )

    def _flush_table(self, table: Table) -> None:
        rows = self._rows.pop(table, [])
        if not rows:
            return
        _fill_missing(table, rows)
        # The columns' own bind processors (JSON, UTC datetimes) run once per value; the statement is
        # executed by the driver's executemany, without SQLAlchemy's per-row parameter compilation.
        dialect = self.connection.dialect
        columns = [table.c[key] for key in rows[0]]
        processors = [_fast_empty_json(column, column.type.bind_processor(dialect)) for column in columns]
        names = [column.name for column in columns]
        values = [
            [row[name] for row in rows] if proc is None else [proc(row[name]) for row in rows]
            for name, proc in zip(names, processors, strict=True)
        ]
        tuples = list(zip(*values, strict=True))
        quoted = ", ".join(f'"{name}"' for name in names)
        placeholders = ", ".join("?" * len(names))
        self.connection.exec_driver_sql(f'INSERT INTO "{table.name}" ({quoted}) VALUES ({placeholders})', tuples)

    def flush(self) -> None:
        """Insert everything still queued, parents before children."""
        order = {table: i for i, table in enumerate(SQLModel.metadata.sorted_tables)}
        for table in sorted(self._rows, key=lambda t: order.get(t, 0)):
            self._flush_table(table)


def _fill_missing(table: Table, rows: list[dict[str, Any]]) -> None:
    """Give every row the same keys (executemany needs them), using each column's default for the gaps."""
    present = set().union(*rows)
    for column in table.c:
        default = column.default
        if column.name not in present and default is None:
            continue
        if all(column.name in row for row in rows):
            continue
        for row in rows:
            if column.name not in row:
                row[column.name] = (
                    None if default is None else default.arg(None) if default.is_callable else default.arg
                )


_EMPTY_JSON = {list: "[]", dict: "{}"}


def _fast_empty_json(column: Column[Any], processor: Callable[[Any], Any] | None) -> Callable[[Any], Any] | None:
    """Most generated JSON cells are empty lists or objects: write those without calling the serializer."""
    if processor is None or not isinstance(column.type, JSON):
        return processor

    def process(value: Any) -> Any:
        return _EMPTY_JSON[type(value)] if not value and type(value) in _EMPTY_JSON else processor(value)

    return process
