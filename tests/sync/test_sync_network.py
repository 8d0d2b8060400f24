"""Acceptance 4, network faults: a captive portal, 503 with and without Retry-After, a link that stalls."""

from __future__ import annotations

import time

import httpx
import pytest
from tests.sync.harness import child
from tests.sync.proxy import Drip, Forward, Hold, Respond, Stall

from fieldvisit.domain.children import ChildFile
from fieldvisit.domain.shared import Role
from fieldvisit.store.repositories.children import ChildFilter, ChildRepository
from fieldvisit.store.sync_state import Key, get_setting
from fieldvisit.store.tables import OutboxEntry
from fieldvisit.sync.client import SyncOptions, SyncStatus
from fieldvisit.sync.transport import RetryPolicy

PORTAL = b"<html><head><title>Wi-Fi \xe7\x99\xbb\xe5\xbd\x95</title></head><body>Please sign in</body></html>"


def _badges(device) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {row.id: row.sync_state for row in ChildRepository(device.workspace.engine).list(ChildFilter(status=""))}


@pytest.mark.parametrize(
    "portal",
    [Respond(200, PORTAL), Respond(200, b'{"status": "ok"}', content_type=b"application/json")],
    ids=["html", "json"],
)
def test_a_captive_portal_answer_marks_nothing_synced(world, proxy, portal: Respond) -> None:
    director = world.user("dir-portal", Role.CHILD_DIRECTOR)
    laptop = world.device(director, url=proxy.url)
    record = child(director)
    laptop.save(record)
    proxy.plan = lambda request: portal
    report = laptop.sync()
    assert report.status == SyncStatus.OFFLINE
    assert len(laptop.all(OutboxEntry)) == 1
    assert _badges(laptop)[record.id] == "PENDING"
    with laptop.workspace.engine.connect() as connection:
        assert get_setting(connection, Key.CURSOR, 0) == 0
        assert get_setting(connection, Key.LAST_SUCCESS) is None
    proxy.plan = lambda request: Forward()
    assert laptop.sync().status == SyncStatus.OK
    assert _badges(laptop)[record.id] == "SYNCED"
    world.check()


def test_503_without_retry_after_backs_off_with_capped_jitter(world, proxy) -> None:
    policy = RetryPolicy(attempts=6, base_seconds=0.5, cap_seconds=4.0)
    failures = {"left": 4}

    def plan(request):  # type: ignore[no-untyped-def]
        if "/sync/push" in request.path and failures["left"]:
            failures["left"] -= 1
            return Respond(503, b"busy")
        return Forward()

    proxy.plan = plan
    director = world.user("dir-503", Role.CHILD_DIRECTOR)
    laptop = world.device(director, url=proxy.url, options=SyncOptions(retry=policy))
    laptop.save(child(director))
    assert laptop.sync().status == SyncStatus.OK
    assert len(laptop.sleeps.delays) == 4
    for attempt, delay in enumerate(laptop.sleeps.delays):
        assert 0 <= delay <= min(policy.cap_seconds, policy.base_seconds * 2**attempt)
    assert len(set(laptop.sleeps.delays)) > 1, "the delays are jittered"
    world.check()


def test_503_with_retry_after_waits_as_told_within_the_cap(world, proxy) -> None:
    policy = RetryPolicy(attempts=5, base_seconds=0.5, cap_seconds=4.0, max_retry_after_seconds=60.0)
    answers = iter([Respond(503, b"", retry_after="7"), Respond(503, b"", retry_after="3600")])

    def plan(request):  # type: ignore[no-untyped-def]
        if "/sync/pull" in request.path:
            return next(answers, Forward())
        return Forward()

    proxy.plan = plan
    director = world.user("dir-retry-after", Role.CHILD_DIRECTOR)
    laptop = world.device(director, url=proxy.url, options=SyncOptions(retry=policy))
    assert laptop.sync().status == SyncStatus.OK
    assert laptop.sleeps.delays == [7.0, 60.0]
    world.check()


def test_a_bureau_that_keeps_failing_ends_the_sync_offline_with_nothing_lost(world, proxy) -> None:
    policy = RetryPolicy(attempts=4, base_seconds=0.5, cap_seconds=2.0)
    proxy.plan = lambda request: Respond(503, b"", retry_after="1") if "/sync/push" in request.path else Forward()
    director = world.user("dir-down", Role.CHILD_DIRECTOR)
    laptop = world.device(director, url=proxy.url, options=SyncOptions(retry=policy))
    laptop.save(child(director), child(director, name="张小红"))
    report = laptop.sync()
    assert report.status == SyncStatus.OFFLINE
    assert laptop.sleeps.delays == [1.0, 1.0, 1.0]
    assert len(proxy.requests_to("/sync/push")) == policy.attempts
    assert len(laptop.all(OutboxEntry)) == 2
    world.check()


@pytest.mark.parametrize("fault", [Stall(after_bytes=20), Hold()], ids=["stall-mid-response", "no-response"])
def test_a_stalled_link_times_out_instead_of_hanging(world, proxy, fault) -> None:  # type: ignore[no-untyped-def]
    stalled: list[int] = []

    def plan(request):  # type: ignore[no-untyped-def]
        if "/sync/pull" in request.path and not stalled:
            stalled.append(request.index)
            return fault
        return Forward()

    proxy.plan = plan
    director = world.user("dir-stall", Role.CHILD_DIRECTOR)
    options = SyncOptions(timeout=httpx.Timeout(0.5, connect=2.0), retry=RetryPolicy(attempts=3, base_seconds=0.01))
    laptop = world.device(director, url=proxy.url, options=options)
    record = child(director)
    laptop.save(record)
    started = time.monotonic()
    report = laptop.sync()
    assert time.monotonic() - started < 10
    assert report.status == SyncStatus.OK
    assert len(proxy.requests_to("/sync/pull")) == 2
    assert laptop.get(ChildFile, record.id) is not None
    world.check()


def test_a_slow_drip_answer_hits_the_deadline(world, proxy) -> None:
    director = world.user("dir-drip", Role.CHILD_DIRECTOR)
    options = SyncOptions(
        timeout=httpx.Timeout(1.0, connect=2.0), deadline_seconds=0.5, retry=RetryPolicy(attempts=2, base_seconds=0.01)
    )
    laptop = world.device(director, url=proxy.url, options=options)
    proxy.plan = lambda request: Drip(interval=0.05) if "/sync/pull" in request.path else Forward()
    started = time.monotonic()
    report = laptop.sync()
    assert report.status == SyncStatus.OFFLINE
    assert time.monotonic() - started < 5
    proxy.plan = lambda request: Forward()
    world.check()
