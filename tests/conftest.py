"""Test-wide setup: offscreen Qt, an in-memory keyring, fresh encrypted workspaces and a fixed clock."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from fieldvisit.security.keys import FAST_TEST_PARAMS
from fieldvisit.store.changes import Actor
from fieldvisit.store.workspace import Workspace, create_workspace

TEST_PASSWORD = "测试密码-𠮷"


class MemoryKeyring(KeyringBackend):
    """A keyring backend that keeps secrets in a dict; stands in for the OS keyring we do not own."""

    priority = 10  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Every test runs against an in-memory keyring, never the machine's."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


class FixedClock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 20, 2, 0, tzinfo=UTC))


@pytest.fixture
def workspace(tmp_path: Path, clock: FixedClock) -> Iterator[Workspace]:
    """A fresh, migrated, encrypted workspace in a temporary directory."""
    ws = create_workspace(tmp_path / "ws", TEST_PASSWORD, kdf_params=FAST_TEST_PARAMS, clock=clock)
    yield ws
    ws.close()


@pytest.fixture
def actor() -> Actor:
    return Actor(user_id="user-test", device_id="device-test")


DEFAULT_TEST_PG = "postgresql+psycopg:///postgres?host=/var/run/postgresql"


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """A reachable PostgreSQL server URL; skips without one, but fails under CI=true (CI must test it)."""
    url = os.environ.get("FIELDVISIT_TEST_PG", DEFAULT_TEST_PG)
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as exc:
        message = f"PostgreSQL is not reachable at {url}: {exc}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    finally:
        engine.dispose()
    return url
