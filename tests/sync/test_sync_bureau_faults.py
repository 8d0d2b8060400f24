"""Acceptance 2: the bureau process killed mid-batch, and PostgreSQL restarted mid-transaction; the client retries."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine, func, select, text
from tests.bureau import live
from tests.sync.harness import World, child
from tests.sync.invariants import check_invariants
from tests.sync.private_pg import PrivateCluster
from tests.sync.proxy import FaultProxy, Forward

from fieldvisit.bureau.config import Settings
from fieldvisit.bureau.db import make_engine
from fieldvisit.bureau.tables import receipt
from fieldvisit.domain.shared import Role
from fieldvisit.domain.types import utc_now
from fieldvisit.sync.client import SyncOptions, SyncStatus
from fieldvisit.sync.transport import RetryPolicy

REPO = Path(__file__).resolve().parents[2]
BATCH = 400


@dataclass
class ServedBureau:
    """`fieldvisit-bureau serve` in its own process, which a test may kill and start again."""

    settings: Settings
    engine: Engine
    port: int
    process: subprocess.Popen[bytes] | None = None
    clock: object = field(default=utc_now)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ServedBureau:
        command = [
            sys.executable,
            "-c",
            "import sys; from fieldvisit.cli import bureau_main; sys.exit(bureau_main(sys.argv[1:]))",
            "serve",
            "--port",
            str(self.port),
            "--data-dir",
            str(self.settings.resolved_data_dir),
        ]
        if self.settings.database_url:
            command += ["--database-url", self.settings.database_url]
        env = {
            **os.environ,
            "PYTHONPATH": str(REPO),
            "FIELDVISIT_BUREAU_SECRET_KEY": live.TEST_SECRET,
            "FIELDVISIT_BUREAU_PASSWORD_TIME_COST": "1",
            "FIELDVISIT_BUREAU_PASSWORD_MEMORY_KIB": "16",
        }
        self.process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/api/v1/health", timeout=1).status_code == 200:
                    return self
            except httpx.TransportError:
                time.sleep(0.05)
        raise RuntimeError("the bureau did not start")

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.kill()
        self.engine.dispose()


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _served(stack: ExitStack, tmp_path: Path, database_url: str) -> ServedBureau:
    settings = live.bureau_settings(tmp_path / "bureau", database_url)
    engine = make_engine(settings.resolved_database_url)
    bureau = ServedBureau(settings, engine, _free_port()).start()
    stack.callback(bureau.stop)
    return bureau


def _receipts(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(
            connection.execute(select(func.count()).select_from(receipt).where(receipt.c.device_id != "")).scalar_one()
        )


def _kill_inside_sqlite_write(bureau: ServedBureau, started: threading.Event) -> None:
    """Wait for the push, then kill the bureau the moment it holds SQLite's write lock (inside its transaction)."""
    started.wait(timeout=60)
    path = str(bureau.settings.resolved_data_dir / "bureau.db")
    while True:
        probe = sqlite3.connect(path, timeout=0, isolation_level=None)
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
        except sqlite3.OperationalError:
            bureau.kill()
            return
        finally:
            probe.close()
        time.sleep(0.001)


def _kill_inside_postgres_write(bureau: ServedBureau, started: threading.Event) -> None:
    """Hold the log head's row lock, so the bureau's push blocks inside its transaction; then kill it."""
    with bureau.engine.connect() as connection, connection.begin():
        connection.execute(text("SELECT seq FROM bureau_log_head WHERE id = 1 FOR UPDATE"))
        started.set()
        deadline = time.monotonic() + 60
        waiting = (
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%bureau_log_head%'"
        )
        with bureau.engine.connect() as watcher:
            watcher = watcher.execution_options(isolation_level="AUTOCOMMIT")  # fresh statistics at each look
            while not watcher.execute(text(waiting)).scalar_one() and time.monotonic() < deadline:
                time.sleep(0.01)
        bureau.kill()


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_the_bureau_process_killed_mid_batch(tmp_path, request, backend: str) -> None:
    with ExitStack() as stack:
        url = ""
        if backend == "postgres":
            server = request.getfixturevalue("postgres_url")
            url = stack.enter_context(live.fresh_pg(server, request.getfixturevalue("pg_template")))
        bureau = _served(stack, tmp_path, url)
        proxy = FaultProxy(upstream=bureau.url).start()
        stack.callback(proxy.stop)
        world = World(bureau=bureau, tmp=tmp_path / "devices")  # type: ignore[arg-type]
        stack.callback(world.close)
        director = world.user("dir-killed-bureau", Role.CHILD_DIRECTOR)
        options = SyncOptions(push_batch=BATCH, retry=RetryPolicy(attempts=2, base_seconds=0.01))
        laptop = world.device(director, url=proxy.url, options=options)
        laptop.save(
            *(child(director, name=f"儿童{i:03d}", hukou_address="浙江省慈溪市观海卫镇" * 10) for i in range(BATCH))
        )
        started = threading.Event()

        def plan(request):  # type: ignore[no-untyped-def]
            if "/sync/push" in request.path:
                started.set()
            return Forward()

        proxy.plan = plan
        killer = _kill_inside_postgres_write if backend == "postgres" else _kill_inside_sqlite_write
        thread = threading.Thread(target=killer, args=(bureau, started))
        thread.start()
        if backend == "postgres":
            started.wait(timeout=60)
        report = laptop.sync()
        thread.join(timeout=60)
        assert report.status == SyncStatus.OFFLINE
        assert _receipts(bureau.engine) == 0, "the batch died with its transaction: nothing half-applied"
        bureau.start()
        report = laptop.sync()
        assert report.status == SyncStatus.OK and report.pushed == BATCH
        check_invariants(world)


def test_postgresql_restarted_mid_transaction(tmp_path) -> None:
    try:
        cluster = PrivateCluster().start()
    except (RuntimeError, subprocess.CalledProcessError) as exc:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"a private PostgreSQL cluster could not start: {exc}")
        pytest.skip(f"a private PostgreSQL cluster could not start: {exc}")
    with ExitStack() as stack:
        stack.callback(cluster.stop)
        settings = live.bureau_settings(tmp_path / "bureau", cluster.url)
        bureau = live.LiveBureau(settings=settings, engine=make_engine(cluster.url)).start()
        stack.callback(bureau.stop)
        world = World(bureau=bureau, tmp=tmp_path / "devices")
        stack.callback(world.close)
        director = world.user("dir-pg-restart", Role.CHILD_DIRECTOR)
        retry = RetryPolicy(attempts=10, base_seconds=0.3, cap_seconds=1.0)
        laptop = world.device(director, options=SyncOptions(retry=retry))
        laptop.engine._sleep = time.sleep  # real waits: the server needs a moment to come back
        laptop.save(*(child(director, name=f"重启{i}") for i in range(20)))
        outcome: dict[str, object] = {}
        holder = make_engine(cluster.url)
        stack.callback(holder.dispose)
        connection = holder.connect()
        connection.begin()
        connection.execute(text("SELECT seq FROM bureau_log_head WHERE id = 1 FOR UPDATE"))
        syncing = threading.Thread(target=lambda: outcome.update(report=laptop.sync()))
        syncing.start()
        query = "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
        deadline = time.monotonic() + 60
        with holder.connect() as watcher:
            watcher = watcher.execution_options(isolation_level="AUTOCOMMIT")
            while not watcher.execute(text(query)).scalar_one() and time.monotonic() < deadline:
                time.sleep(0.01)
        cluster.restart()  # the bureau's push transaction is open and blocked on our lock right now
        connection.invalidate()
        syncing.join(timeout=120)
        report = outcome["report"]
        assert report.status == SyncStatus.OK and report.pushed == 20, report  # type: ignore[attr-defined]
        check_invariants(world)
