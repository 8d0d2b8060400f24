"""Sync test fixtures: a live bureau (SQLite or PostgreSQL), and a world checked for the invariants after each test."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from tests.bureau.live import LiveBureau, bureau_settings
from tests.sync.harness import World
from tests.sync.invariants import check_invariants
from tests.sync.proxy import FaultProxy

from fieldvisit.bureau.db import make_engine, upgrade_database


@pytest.fixture(scope="session")
def pg_template(postgres_url: str) -> Iterator[str]:
    """A migrated bureau database to copy for each test (copying is much faster than migrating)."""
    name = f"fv_template_{uuid.uuid4().hex[:10]}"
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(make_url(postgres_url).set(database=name).render_as_string(hide_password=False))
    upgrade_database(engine)
    engine.dispose()
    yield name
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@contextlib.contextmanager
def fresh_pg(server_url: str, template: str) -> Iterator[str]:
    """A new PostgreSQL database copied from the migrated template, dropped afterwards."""
    name = f"fv_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def bureau(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LiveBureau]:
    """A bureau on a real loopback socket, over SQLite or over a fresh PostgreSQL database."""
    with contextlib.ExitStack() as stack:
        url = ""
        if request.param == "postgres":
            server_url = request.getfixturevalue("postgres_url")
            url = stack.enter_context(fresh_pg(server_url, request.getfixturevalue("pg_template")))
        settings = bureau_settings(tmp_path / "bureau", url)
        live = LiveBureau(settings=settings, engine=make_engine(settings.resolved_database_url)).start()
        stack.callback(live.stop)
        yield live


class CheckedWorld(World):
    """A world that must end with its invariants checked (by the test, or else at teardown)."""

    checked: bool = False

    def check(self) -> None:
        check_invariants(self)
        self.checked = True


@pytest.fixture
def world(bureau: LiveBureau, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[CheckedWorld]:
    """The test's bureau, staff and devices; the invariants are checked after the test."""
    instance = CheckedWorld(bureau=bureau, tmp=tmp_path / "devices")
    try:
        yield instance
        failed = getattr(request.node, "rep_call", None)
        if not instance.checked and not (failed is not None and failed.failed):
            instance.check()
    finally:
        instance.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if report.when == "call":
        item.rep_call = report  # type: ignore[attr-defined]


@pytest.fixture
def proxy(bureau: LiveBureau) -> Iterator[FaultProxy]:
    """A fault-injecting proxy in front of the bureau (forwards everything until the test sets a plan)."""
    instance = FaultProxy(upstream=bureau.url).start()
    try:
        yield instance
    finally:
        instance.stop()
