"""Bureau test fixtures: the bureau on a real loopback socket, over SQLite and over PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.bureau import live
from tests.bureau.live import LiveBureau


@pytest.fixture(scope="session")
def pg_template(postgres_url: str) -> Iterator[str]:
    """A migrated bureau database that each PostgreSQL test copies."""
    yield from live.template_database(postgres_url)


@pytest.fixture(params=live.BACKENDS)
def bureau(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LiveBureau]:
    """A bureau on a real loopback socket, over SQLite or a fresh PostgreSQL database."""
    yield from live.running_bureau(request, tmp_path)
