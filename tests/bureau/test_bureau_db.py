"""The bureau's database helpers against the real databases: selecting rows by a set of keys (`one_of`)."""

from __future__ import annotations

from sqlalchemy import Column, Integer, MetaData, String, Table, TypeDecorator, select

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


class _Upper(TypeDecorator[str]):
    """Text stored in capitals: a type whose values the database never sees as given."""

    impl = String(20)
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: object) -> str | None:
        return value.upper() if value is not None else None


def test_keys_of_a_column_that_converts_its_values_are_converted_too(bureau) -> None:
    codes = Table("one_of_codes", MetaData(), Column("code", _Upper()), prefixes=["TEMPORARY"])
    with bureau.engine.begin() as connection:
        codes.create(connection)
        connection.execute(codes.insert(), [{"code": "abc"}, {"code": "xyz"}])
        found = [
            row.code
            for condition in one_of(connection, codes.c.code, ["abc", "def"])
            for row in connection.execute(select(codes.c.code).where(condition))
        ]
    assert found == ["ABC"]
