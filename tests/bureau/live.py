"""A real bureau on a real loopback socket for tests (uvicorn in a thread), over SQLite or a fresh PostgreSQL db."""

from __future__ import annotations

import contextlib
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import uvicorn
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from fieldvisit.bureau.app import create_app
from fieldvisit.bureau.config import Settings
from fieldvisit.bureau.db import make_engine, upgrade_database
from fieldvisit.domain.types import Clock, utc_now

TEST_SECRET = "test-secret-0123456789abcdef0123456789abcdef"


def bureau_settings(data_dir: Path, database_url: str = "", **overrides: object) -> Settings:
    """Settings for a test bureau: cheap password hashing, a test secret, the given database."""
    values: dict[str, object] = {
        "data_dir": data_dir,
        "database_url": database_url,
        "secret_key": TEST_SECRET,
        "password_time_cost": 1,
        "password_memory_kib": 16,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@dataclass
class ShiftableClock:
    """The bureau's clock in tests: real time plus an offset the test may move."""

    offset_seconds: float = 0.0

    def __call__(self):  # type: ignore[no-untyped-def]
        from datetime import timedelta

        return utc_now() + timedelta(seconds=self.offset_seconds)


@dataclass
class LiveBureau:
    """A running bureau: its URL, settings and engine (tests read the bureau database through it)."""

    settings: Settings
    engine: Engine
    clock: Clock = field(default_factory=ShiftableClock)
    url: str = ""
    access_log: bool = False
    _server: uvicorn.Server | None = None
    _thread: threading.Thread | None = None

    def start(self) -> LiveBureau:
        app = create_app(self.settings, clock=self.clock, engine=self.engine)
        config = uvicorn.Config(
            app,
            host="127.0.0.1",
            port=0,
            log_level="debug" if self.access_log else "warning",
            lifespan="on",
            access_log=self.access_log,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="bureau", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 30
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the bureau did not start")
            time.sleep(0.01)
        port = self._server.servers[0].sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        return self

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=30)
        self.engine.dispose()


def template_database(postgres_url: str) -> Iterator[str]:
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


BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def running_bureau(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LiveBureau]:
    """A bureau on a real loopback socket, over SQLite or a fresh PostgreSQL database (`request.param`)."""
    with contextlib.ExitStack() as stack:
        url = ""
        if request.param == "postgres":
            server_url = request.getfixturevalue("postgres_url")
            url = stack.enter_context(fresh_pg(server_url, request.getfixturevalue("pg_template")))
        settings = bureau_settings(tmp_path / "bureau", url)
        live = LiveBureau(settings=settings, engine=make_engine(settings.resolved_database_url)).start()
        stack.callback(live.stop)
        yield live
