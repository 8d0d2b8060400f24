"""Sync test fixtures: a live bureau (SQLite or PostgreSQL), and a world checked for the invariants after each test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.bureau import live
from tests.bureau.live import LiveBureau
from tests.sync.harness import World
from tests.sync.invariants import check_invariants
from tests.sync.proxy import FaultProxy


@pytest.fixture(scope="session")
def pg_template(postgres_url: str) -> Iterator[str]:
    """A migrated bureau database that each PostgreSQL test copies."""
    yield from live.template_database(postgres_url)


@pytest.fixture(params=live.BACKENDS)
def bureau(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LiveBureau]:
    """A bureau on a real loopback socket, over SQLite or a fresh PostgreSQL database."""
    yield from live.running_bureau(request, tmp_path)


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
