"""The bureau's migrations build exactly the schema its tables declare, on SQLite and on PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from fieldvisit.bureau.tables import metadata


def test_the_migrated_database_matches_the_declared_tables(bureau) -> None:
    with bureau.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    assert [d for d in differences if d[0] in ("add_index", "remove_index", "add_table", "remove_table")] == []


def test_a_pushed_child_costs_the_bureau_no_index_of_the_devices_lists(bureau) -> None:
    indexes = {index.name for index in metadata.tables["child_file"].indexes}
    assert indexes == {"ix_child_file_file_no"}
    visit_indexes = {index.name for index in metadata.tables["child_visit"].indexes}
    assert visit_indexes == {"ix_child_visit_child_id"}
