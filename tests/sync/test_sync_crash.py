"""Acceptance 1: a client process killed (SIGKILL) at each crash point; after a restart and a sync, invariants hold."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select
from tests.sync.filestore import FileSecretStore
from tests.sync.harness import FAST_RETRY, Device, child
from tests.sync.proxy import DropResponse, Forward, Hold

from fieldvisit.bureau.tables import blob, receipt
from fieldvisit.bureau.tables import metadata as bureau_metadata
from fieldvisit.domain.children import ChildFile
from fieldvisit.domain.shared import Attachment, Role
from fieldvisit.store.sync_state import Key, get_setting
from fieldvisit.store.tables import OutboxEntry
from fieldvisit.sync.client import SyncOptions
from fieldvisit.sync.protocol import ATTACHMENT_CHUNK_BYTES

REPO = Path(__file__).resolve().parents[2]
KILLED = -signal.SIGKILL


def _client(device: Device, *args: str, url: str | None = None) -> subprocess.Popen[str]:
    command = [
        sys.executable,
        "-m",
        "tests.sync.crash_client",
        "--workspace",
        str(device.workspace.path),
        "--secrets",
        str(device.secret_store.path),  # type: ignore[attr-defined]
        *args,
    ]
    if url:
        command += ["--url", url]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _finish(process: subprocess.Popen[str]) -> int:
    _out, err = process.communicate(timeout=120)
    assert process.returncode in (0, KILLED), err
    return process.returncode


def _device(world, username: str, role: Role = Role.CHILD_DIRECTOR, **kwargs) -> Device:  # type: ignore[no-untyped-def]
    staff = world.user(username, role)
    store = FileSecretStore(world.tmp.parent / f"{username}-secrets.json")
    return world.device(staff, secret_store=store, **kwargs)


def _bureau_child(world, record_id: str):  # type: ignore[no-untyped-def]
    table = bureau_metadata.tables["child_file"]
    with world.bureau.engine.connect() as connection:
        return connection.execute(select(table).where(table.c.id == record_id)).first()


def _synced_child(world, username: str):  # type: ignore[no-untyped-def]
    device = _device(world, username)
    record = child(device.staff, grade="一年级")
    device.save(record)
    device.sync()
    device.suspend()
    return device, record


def test_killed_before_the_local_commit_loses_only_the_uncommitted_edit(world) -> None:
    device, record = _synced_child(world, "crash-before")
    edit = _client(
        device, "--action", "edit", "--record", record.id, "--values", '{"grade": "二年级"}', "--crash", "before-commit"
    )
    assert _finish(edit) == KILLED
    device.resume()
    assert device.get(ChildFile, record.id).grade == "一年级"
    assert device.all(OutboxEntry) == []
    world.check()


def test_killed_after_the_local_commit_keeps_the_edit_for_the_next_sync(world) -> None:
    device, record = _synced_child(world, "crash-after")
    edit = _client(
        device, "--action", "edit", "--record", record.id, "--values", '{"grade": "二年级"}', "--crash", "after-commit"
    )
    assert _finish(edit) == KILLED
    device.resume()
    assert len(device.all(OutboxEntry)) == 1
    device.sync()
    assert _bureau_child(world, record.id).grade == "二年级"
    world.check()


def _edit_then_sync_through(world, proxy, device: Device, record: ChildFile, plan) -> None:  # type: ignore[no-untyped-def]
    _finish(_client(device, "--action", "edit", "--record", record.id, "--values", '{"grade": "三年级"}'))
    sync = _client(device, "--action", "sync", url=proxy.url)
    proxy.plan = plan(sync)
    assert _finish(sync) == KILLED
    proxy.plan = lambda request: Forward()
    device.resume()


def test_killed_mid_request(world, proxy) -> None:
    device, record = _synced_child(world, "crash-mid-request")

    def plan(process):  # type: ignore[no-untyped-def]
        def act(request):  # type: ignore[no-untyped-def]
            if "/sync/push" in request.path:
                process.kill()
                return Hold()
            return Forward()

        return act

    _edit_then_sync_through(world, proxy, device, record, plan)
    assert _bureau_child(world, record.id).grade == "一年级", "the request never reached the bureau"
    device.sync()
    assert _bureau_child(world, record.id).grade == "三年级"
    world.check()


def test_killed_after_the_bureau_commits_but_before_the_answer(world, proxy) -> None:
    device, record = _synced_child(world, "crash-no-answer")

    def plan(process):  # type: ignore[no-untyped-def]
        return lambda request: DropResponse(after=process.kill) if "/sync/push" in request.path else Forward()

    _edit_then_sync_through(world, proxy, device, record, plan)
    assert _bureau_child(world, record.id).grade == "三年级", "the bureau committed"
    [entry] = device.all(OutboxEntry)
    assert entry.attempts == 1
    device.sync()
    with world.bureau.engine.connect() as connection:
        count = connection.execute(
            select(receipt.c.mutation_id).where(receipt.c.mutation_id == entry.mutation_id)
        ).all()
    assert len(count) == 1 and _bureau_child(world, record.id).version == 2
    world.check()


def test_killed_after_the_answer_before_the_outbox_entry_is_removed(world) -> None:
    device, record = _synced_child(world, "crash-after-answer")
    _finish(_client(device, "--action", "edit", "--record", record.id, "--values", '{"grade": "四年级"}'))
    assert _finish(_client(device, "--action", "sync", "--crash", "after-response")) == KILLED
    device.resume()
    assert len(device.all(OutboxEntry)) == 1, "no receipt was applied locally"
    report = device.sync()
    assert report.pushed == 1
    assert _bureau_child(world, record.id).version == 2, "applied once"
    world.check()


def test_killed_between_a_pulled_page_and_its_cursor(world) -> None:
    director = world.user("crash-source", Role.CHILD_DIRECTOR)
    source = world.device(director)
    source.save(*(child(director, name=f"儿童{i:02d}") for i in range(10)))
    source.sync()
    victim = _device(world, "crash-puller", Role.CHILD_SUPERVISOR)
    victim.suspend()
    puller = _client(victim, "--action", "sync", "--page", "4", "--crash", "between-page-and-cursor")
    assert _finish(puller) == KILLED
    victim.resume()
    with victim.workspace.engine.connect() as connection:
        assert get_setting(connection, Key.CURSOR, 0) == 0
    assert victim.all(ChildFile) == [], "the page died with its cursor"
    victim.sync()
    assert len(victim.all(ChildFile)) == 10
    world.check()


def test_killed_mid_attachment_upload_resumes_where_it_stopped(world, proxy) -> None:
    device = _device(world, "crash-upload", url=proxy.url, options=SyncOptions(retry=FAST_RETRY))
    record = child(device.staff)
    content = os.urandom(2 * ATTACHMENT_CHUNK_BYTES + 12345)
    sha256 = device.workspace.vault.put_bytes(content)
    device.save(
        record, Attachment(sha256=sha256, owner_table="child_file", owner_id=record.id, size_bytes=len(content))
    )
    device.suspend()
    assert _finish(_client(device, "--action", "sync", "--crash", "mid-upload", url=proxy.url)) == KILLED
    uploads = [r for r in proxy.seen if r.method == "PUT"]
    assert len(uploads) == 2
    device.resume()
    device.engine._url_override = proxy.url
    device.sync()
    offsets = [dict(r.headers).get(b"upload-offset") for r in proxy.seen if r.method == "PUT"][2:]
    assert offsets == [str(2 * ATTACHMENT_CHUNK_BYTES).encode()], "the upload resumed, not restarted"
    with world.bureau.engine.connect() as connection:
        assert connection.execute(select(blob.c.complete).where(blob.c.sha256 == sha256)).scalar_one()
    world.check()


def test_killed_mid_attachment_download_fetches_it_again(world) -> None:
    director = world.user("crash-photographer", Role.CHILD_DIRECTOR)
    source = world.device(director)
    record = child(director)
    content = os.urandom(300_000)
    sha256 = source.workspace.vault.put_bytes(content)
    source.save(
        record, Attachment(sha256=sha256, owner_table="child_file", owner_id=record.id, size_bytes=len(content))
    )
    source.sync()
    victim = _device(world, "crash-viewer", Role.CHILD_SUPERVISOR)
    victim.suspend()
    result = _client(victim, "--action", "sync", "--crash", "mid-download")
    assert _finish(result) == KILLED
    victim.resume()
    assert not victim.workspace.vault.has(sha256)
    assert victim.get(ChildFile, record.id) is not None
    report = victim.sync()
    assert report.downloaded == 1 and victim.workspace.vault.get_bytes(sha256) == content
    world.check()


def test_a_client_that_is_not_killed_reports_its_sync(world) -> None:
    device, record = _synced_child(world, "crash-none")
    done = _client(device, "--action", "sync")
    out, _err = done.communicate(timeout=120)
    assert done.returncode == 0 and json.loads(out.strip().splitlines()[-1])["status"] == "OK"
    device.resume()
    assert _bureau_child(world, record.id) is not None
    world.check()
