"""The bureau's database helpers against the real databases: selecting rows by a set of keys (`one_of`)."""

from __future__ import annotations

from sqlalchemy import Column, Integer, MetaData, String, Table, select

from fieldvisit.bureau.db import one_of

AWKWARD_KEYS = [
    'say "hi"',
    "back\\slash",
    '\\"',
    "{brace},comma",
    "  spaced  ",
    "NULL",
    "",
    "儿童𠀀𪚥",
    "019a-uuid-like-0000",
]


def test_rows_are_selected_by_any_text_keys_exactly_as_written(bureau) -> None:
    keys = Table("one_of_keys", MetaData(), Column("key", String(80)), prefixes=["TEMPORARY"])
    numbers = Table("one_of_numbers", MetaData(), Column("n", Integer), prefixes=["TEMPORARY"])
    with bureau.engine.begin() as connection:
        keys.create(connection)
        numbers.create(connection)
        connection.execute(keys.insert(), [{"key": key} for key in [*AWKWARD_KEYS, "not asked for", "hi"]])
        connection.execute(numbers.insert(), [{"n": n} for n in range(10)])
        found = [
            row.key
            for condition in one_of(connection, keys.c.key, AWKWARD_KEYS)
            for row in connection.execute(select(keys.c.key).where(condition))
        ]
        counted = [
            row.n
            for c in one_of(connection, numbers.c.n, [3, 5, 11])
            for row in connection.execute(select(numbers.c.n).where(c))
        ]
    assert sorted(found) == sorted(AWKWARD_KEYS)
    assert sorted(counted) == [3, 5]
