"""Benchmark of sync on loopback with PostgreSQL: first pull, push, a sync with nothing to do, photo uploads.

Run on demand: `uv run python tests/benchmarks/bench_sync.py [--records 20000] [--rounds 3] [--sqlite]`. The
bureau runs as its own process (`fieldvisit-bureau serve`), the first pull runs in a fresh client process (its
peak memory is measured), and the bare httpx + raw SQLCipher upsert loop pulls the same pages for comparison.
Prints a table against the targets.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import random
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from contextlib import ExitStack
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from fieldvisit.bureau import admin
from fieldvisit.bureau.config import Settings
from fieldvisit.bureau.db import make_engine, upgrade_database
from fieldvisit.domain.children import ChildChange, ChildFile, ChildVisit, Referral
from fieldvisit.domain.shared import Attachment, Role
from fieldvisit.security.keys import FAST_TEST_PARAMS
from fieldvisit.security.secret_store import MemorySecretStore
from fieldvisit.store.changes import Actor, write_changes
from fieldvisit.store.workspace import create_workspace, unlock_key
from fieldvisit.sync.client import SyncEngine, SyncProgress
from fieldvisit.sync.protocol import SYNCED_MODELS
from fieldvisit.sync.session import sign_in

REPO = Path(__file__).resolve().parents[2]
SECRET = "benchmark-secret-0123456789abcdef0123456789"
PASSWORD = "bench"
TOWN = "330282107"
SERVER_PG = os.environ.get("FIELDVISIT_TEST_PG", "postgresql+psycopg:///postgres?host=/var/run/postgresql")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _env() -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "FIELDVISIT_BUREAU_SECRET_KEY": SECRET,
        "FIELDVISIT_BUREAU_PASSWORD_TIME_COST": "1",
        "FIELDVISIT_BUREAU_PASSWORD_MEMORY_KIB": "64",
    }


def _serve(stack: ExitStack, data_dir: Path, database_url: str) -> str:
    port = _free_port()
    command = [
        sys.executable,
        "-c",
        "import sys; from fieldvisit.cli import bureau_main; sys.exit(bureau_main(sys.argv[1:]))",
        "serve",
        "--port",
        str(port),
        "--data-dir",
        str(data_dir),
    ]
    if database_url:
        command += ["--database-url", database_url]
    process = subprocess.Popen(command, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stack.callback(process.kill)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/api/v1/health", timeout=1).status_code == 200:
                return url
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError("the bureau did not start")


def _database(stack: ExitStack, use_sqlite: bool, data_dir: Path) -> str:
    if use_sqlite:
        return ""
    name = f"fv_bench_{uuid.uuid4().hex[:10]}"
    server = create_engine(SERVER_PG, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with server.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        server.dispose()

    stack.callback(drop)
    return make_url(SERVER_PG).set(database=name).render_as_string(hide_password=False)


def _seed(settings: Settings, records: int) -> None:
    """`records` records in one supervisor's scope: child files with visits, referrals and change history."""
    engine = make_engine(settings.resolved_database_url)
    upgrade_database(engine)
    director = admin.create_user(
        engine,
        settings,
        username="bench-director",
        password=PASSWORD,
        display_name="基准主任",
        role=Role.CHILD_DIRECTOR,
        town_codes=[TOWN],
    )
    for username, role in (("bench-supervisor", Role.CHILD_SUPERVISOR), ("bench-writer", Role.CHILD_DIRECTOR)):
        admin.create_user(
            engine, settings, username=username, password=PASSWORD, display_name=username, role=role, town_codes=[TOWN]
        )
    rng = random.Random(5)
    rows: list[Any] = []
    base = datetime(2026, 1, 1, tzinfo=UTC)
    surnames, given = "王李张刘陈杨黄赵吴周", "小明红华强丽军芳伟娟"
    while len(rows) < records - 3:
        name = rng.choice(surnames) + rng.choice(given) + rng.choice(given)
        record = ChildFile(
            file_no=f"ET-{TOWN}-{len(rows):06d}",
            name=name,
            town_code=TOWN,
            director_id=director,
            birth_date=date(2010 + rng.randrange(12), 1 + rng.randrange(12), 1 + rng.randrange(28)),
            residence_address="浙江省慈溪市观海卫镇某村某组" + str(rng.randrange(300)) + "号",
            guardian={
                "name": rng.choice(surnames) + "某某",
                "relation": "祖父母",
                "phone": "1380000" + str(rng.randrange(9999)),
            },
            flags=["MIGRANT"] if rng.random() < 0.2 else [],
        )
        rows.append(record)
        for n in range(3):
            rows.append(
                ChildVisit(
                    child_id=record.id,
                    visit_at=base + timedelta(days=30 * n),
                    visitor="基准主任",
                    notes="入户探访，儿童生活正常，监护人在家。" * 3,
                    safety=["NONE"],
                )
            )
        rows.append(Referral(child_id=record.id, target="EDUCATION", reason="学业困难", referred_on=date(2026, 3, 1)))
        rows.append(ChildChange(child_id=record.id, changed_on=date(2026, 2, 1), field="guardian", reason="监护人变更"))
    admin.save_records(engine, rows[: records - 3])
    engine.dispose()


def _device(path: Path, url: str, username: str) -> tuple[Any, Any, SyncEngine]:
    workspace = create_workspace(path, PASSWORD, kdf_params=FAST_TEST_PARAMS)
    store = MemorySecretStore()
    session = sign_in(workspace, bureau_url=url, username=username, password=PASSWORD, secret_store=store)
    return workspace, session, SyncEngine(workspace, secret_store=store)


def client_first_pull(url: str, path: Path) -> dict[str, Any]:
    """In its own process: sign in as the supervisor and pull the whole scope; time and peak memory."""
    _workspace, _session, engine = _device(path, url, "bench-supervisor")
    gc.freeze()  # as the app does once it has loaded (fieldvisit.ui.app.freeze_long_lived); syncs run after that
    started = time.perf_counter()
    report = engine.sync()
    seconds = time.perf_counter() - started
    noop = []
    for _ in range(20):
        begun = time.perf_counter()
        engine.sync()
        noop.append((time.perf_counter() - begun) * 1000)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "status": report.status,
        "pulled": report.pulled,
        "seconds": seconds,
        "peak_mb": peak_mb,
        "noop_ms": statistics.median(noop),
    }


def client_bare_loop(url: str, path: Path) -> dict[str, Any]:
    """In its own process: the same pages through bare httpx and raw SQLCipher upserts (the yardstick)."""
    workspace, session, engine = _device(path, url, "bench-supervisor")
    token = engine.credentials.access_token()
    key = unlock_key(path, PASSWORD)
    workspace.close()
    connection = sqlcipher.connect(str(path / "fieldvisit.db"))
    connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    columns = {name: [c.name for c in model.__table__.columns] for name, model in SYNCED_MODELS.items()}  # type: ignore[attr-defined]
    statements = {
        name: f'INSERT INTO "{name}" ({", ".join(cols)}) VALUES ({", ".join("?" * len(cols))}) '
        f"ON CONFLICT(id) DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in cols if c != 'id')}"
        for name, cols in columns.items()
    }
    client = httpx.Client(base_url=f"{url}/api/v1", headers={"Authorization": f"Bearer {token}"}, timeout=60)
    cursor, count = 0, 0
    started = time.perf_counter()
    while True:
        page = client.post("/sync/pull", json={"cursor": cursor, "limit": 2000}).json()
        by_table: dict[str, list[tuple[Any, ...]]] = {}
        for change in page["changes"]:
            data = change["data"]
            row = tuple(
                json.dumps(v) if isinstance(v, (list, dict)) else v for v in (data[c] for c in columns[change["table"]])
            )
            by_table.setdefault(change["table"], []).append(row)
        connection.execute("BEGIN")
        for table, rows in by_table.items():
            connection.executemany(statements[table], rows)
        connection.execute("COMMIT")
        count += len(page["changes"])
        cursor = page["cursor"]
        if not page["has_more"]:
            break
    seconds = time.perf_counter() - started
    del session
    return {"pulled": count, "seconds": seconds}


def _run_client(role: str, url: str, path: Path) -> dict[str, Any]:
    output = subprocess.run(
        [sys.executable, __file__, "--client", role, "--url", url, "--path", str(path)],
        env=_env(),
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    ).stdout
    return dict(json.loads(output.strip().splitlines()[-1]))


def _push(url: str, path: Path, count: int) -> tuple[float, int]:
    workspace, session, engine = _device(path, url, "bench-writer")
    actor = Actor(user_id=session.user.id, device_id=session.device_id)
    with write_changes(workspace.engine, actor) as writer:
        for index in range(count):
            writer.save(
                ChildFile(file_no=f"P-{index:05d}", name="推送测试", town_code=TOWN, director_id=session.user.id)
            )
    marks: dict[str, float] = {}

    def note(event: SyncProgress) -> None:
        marks.setdefault(event.phase, time.perf_counter())
        if event.phase == "push":
            marks["push_end"] = time.perf_counter()

    gc.freeze()  # as in the app (see client_first_pull)
    report = engine.sync(progress=note)
    workspace.close()
    return marks["push_end"] - marks["hello"], report.pushed


class _Throttle:
    """A TCP relay limiting the client-to-bureau direction to `rate` bytes per second in total, over all its
    connections (a simulated uplink)."""

    def __init__(self, upstream_port: int, rate: float) -> None:
        self.upstream_port, self.rate = upstream_port, rate
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self._lock = threading.Lock()
        self._sent = 0
        self._started: float | None = None
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            client, _ = self.server.accept()
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
            threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True).start()

    def _wait(self, size: int) -> float:
        with self._lock:
            now = time.perf_counter()
            if self._started is None:
                self._started = now
            self._sent += size
            return self._sent / self.rate - (now - self._started)

    def _pump(self, source: socket.socket, target: socket.socket, limited: bool) -> None:
        try:
            while data := source.recv(16384):
                if limited and (ahead := self._wait(len(data))) > 0:
                    time.sleep(ahead)
                target.sendall(data)
        except OSError:
            pass
        finally:
            target.close()


def _upload(url: str, path: Path, photos: int, size: int) -> tuple[float, float]:
    workspace, session, engine = _device(path, url, "bench-writer")
    actor = Actor(user_id=session.user.id, device_id=session.device_id)
    record = ChildFile(file_no="PHOTO-1", name="照片测试", town_code=TOWN, director_id=session.user.id)
    with write_changes(workspace.engine, actor) as writer:
        writer.save(record)
        for _ in range(photos):
            sha256 = workspace.vault.put_bytes(os.urandom(size))
            writer.save(Attachment(sha256=sha256, owner_table="child_file", owner_id=record.id, size_bytes=size))
    cpu = time.process_time()
    started = time.perf_counter()
    report = engine.sync()
    assert report.uploaded == photos, report
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    workspace.close()
    return wall, cpu


def _bare_upload(url: str, path: Path, photos: int, size: int) -> float:
    """The yardstick for the link: the same bytes PUT whole, one photo after the other, with bare httpx."""
    _workspace, _session, engine = _device(path, url, "bench-writer")
    headers = {"Authorization": f"Bearer {engine.credentials.access_token()}", "Upload-Offset": "0"}
    contents = [os.urandom(size) for _ in range(photos)]
    with httpx.Client(base_url=f"{url}/api/v1", headers=headers, timeout=120) as client:
        started = time.perf_counter()
        for content in contents:
            sha256 = hashlib.sha256(content).hexdigest()
            client.put(f"/attachments/{sha256}", params={"size": size}, content=content).raise_for_status()
        return time.perf_counter() - started


def _median_run(runs: list[dict[str, Any]], key: str) -> dict[str, Any]:
    return sorted(runs, key=lambda run: float(run[key]))[len(runs) // 2]


def main() -> None:
    """Set up the bureau and the data, run each measurement, print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--mutations", type=int, default=2_000)
    parser.add_argument("--photos", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3, help="rounds of pull and push; medians are reported")
    parser.add_argument("--link-mbit", type=float, default=160.0, help="simulated uplink for the photo upload")
    parser.add_argument("--sqlite", action="store_true", help="use the embedded SQLite bureau instead of PostgreSQL")
    parser.add_argument("--client", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--path", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.client:
        runner = client_first_pull if args.client == "first-pull" else client_bare_loop
        print(json.dumps(runner(args.url, args.path)))
        return
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        url_db = _database(stack, args.sqlite, tmp)
        settings = Settings(
            data_dir=tmp / "bureau",
            database_url=url_db,
            secret_key=SECRET,
            password_time_cost=1,
            password_memory_kib=64,
        )
        started = time.perf_counter()
        _seed(settings, args.records)
        seeded = time.perf_counter() - started
        url = _serve(stack, tmp / "bureau", url_db)
        # Several rounds, each in fresh processes and workspaces: medians are reported (peak memory: the
        # highest), so one round slowed by something else on the machine does not decide a row. Pulls come
        # first: pushed records would join the pulled scope.
        bares, pulls = [], []
        for round_ in range(args.rounds):
            bares.append(_run_client("bare", url, tmp / f"bare-{round_}"))
            pulls.append(_run_client("first-pull", url, tmp / f"first-{round_}"))
        pushes = [_push(url, tmp / f"push-{round_}", args.mutations) for round_ in range(args.rounds)]
        bare = _median_run(bares, "seconds")
        pull = dict(_median_run(pulls, "seconds"), peak_mb=max(run["peak_mb"] for run in pulls))
        push_seconds, pushed = sorted(pushes)[len(pushes) // 2]
        link = args.link_mbit * 1_000_000 / 8
        throttle = _Throttle(int(url.rsplit(":", 1)[1]), link)
        photo = 2 * 1024 * 1024
        wall, cpu = _upload(f"http://127.0.0.1:{throttle.port}", tmp / "photos", args.photos, photo)
        throttle = _Throttle(int(url.rsplit(":", 1)[1]), link)  # a fresh link: no budget saved up
        bare_wall = _bare_upload(f"http://127.0.0.1:{throttle.port}", tmp / "photos-bare", args.photos, photo)
        loop_wall, loop_cpu = _upload(url, tmp / "photos-loopback", args.photos, photo)
    pull_rate = pull["pulled"] / pull["seconds"]
    bare_rate = bare["pulled"] / bare["seconds"]
    megabytes = args.photos * photo / 1e6
    link_share = bare_wall / wall
    rounds = " ".join(f"{seconds:.2f}" for seconds, _ in pushes)
    rows = [
        (f"seed {args.records:,} records (admin, bureau side)", f"{seeded:.1f} s", "", ""),
        (
            f"first pull of {pull['pulled']:,} records",
            f"{pull_rate:,.0f} rec/s ({pull['seconds']:.2f} s)",
            ">= 10,000 rec/s",
            pull_rate >= 10_000,
        ),
        ("bare httpx + raw SQLCipher upsert loop", f"{bare_rate:,.0f} rec/s ({bare['seconds']:.2f} s)", "", ""),
        ("first pull / bare loop", f"{pull_rate / bare_rate:.2f}", ">= 0.5", pull_rate / bare_rate >= 0.5),
        ("client peak memory (first pull process)", f"{pull['peak_mb']:.0f} MB", "< 300 MB", pull["peak_mb"] < 300),
        (
            f"push of {pushed:,} mutations",
            f"{pushed / push_seconds:,.0f} /s ({push_seconds:.2f} s; rounds {rounds})",
            ">= 5,000/s",
            pushed / push_seconds >= 5_000,
        ),
        ("sync with nothing to do (median of 20)", f"{pull['noop_ms']:.1f} ms", "< 50 ms", pull["noop_ms"] < 50),
        (
            f"{args.photos} photos x 2 MB over a {args.link_mbit:.0f} Mbit/s link",
            f"{megabytes / wall:.1f} MB/s, bare PUTs {megabytes / bare_wall:.1f} MB/s (client CPU {cpu:.1f} s)",
            ">= 0.8 of bare PUTs",
            link_share >= 0.8,
        ),
        (
            f"{args.photos} photos x 2 MB on bare loopback",
            f"{megabytes / loop_wall:.1f} MB/s (client CPU {loop_cpu:.1f} s)",
            "",
            "",
        ),
    ]
    backend = "SQLite" if args.sqlite else "PostgreSQL"
    print(f"\nSync benchmark, bureau on {backend}, loopback, {os.cpu_count()} cores")
    width = max(len(r[0]) for r in rows)
    print(f"{'measurement':<{width}}  {'result':<48} {'target':<20} ok")
    for name, result, target, ok in rows:
        mark = "" if ok == "" else ("yes" if ok else "NO")
        print(f"{name:<{width}}  {result:<48} {target:<20} {mark}")


if __name__ == "__main__":
    main()
