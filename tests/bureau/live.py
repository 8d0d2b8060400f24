"""A real bureau on a real loopback socket for tests: uvicorn in a thread, SQLite or a fresh PostgreSQL database."""

from __future__ import annotations

import contextlib
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import uvicorn
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from fieldvisit.bureau.app import create_app
from fieldvisit.bureau.config import Settings
from fieldvisit.bureau.db import make_engine
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
    _server: uvicorn.Server | None = None
    _thread: threading.Thread | None = None

    def start(self) -> LiveBureau:
        app = create_app(self.settings, clock=self.clock, engine=self.engine)
        config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on", access_log=False)
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


@contextlib.contextmanager
def postgres_database(server_url: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database on the server at `server_url`, dropped afterwards."""
    name = f"fv_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@contextlib.contextmanager
def live_bureau(data_dir: Path, database_url: str = "", **overrides: object) -> Iterator[LiveBureau]:
    """A started bureau over `database_url` (SQLite in `data_dir` when empty), stopped afterwards."""
    settings = bureau_settings(data_dir, database_url, **overrides)
    bureau = LiveBureau(settings=settings, engine=make_engine(settings.resolved_database_url)).start()
    try:
        yield bureau
    finally:
        bureau.stop()
