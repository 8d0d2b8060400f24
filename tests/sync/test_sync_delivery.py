"""Acceptance 3, delivery faults: duplicated requests, a lost answer, a reused mutation id, dependent mutations
out of order, and a batch with some invalid mutations."""

from __future__ import annotations

import random
import threading

import httpx
import pytest
from sqlalchemy import select, text, update
from tests.sync.harness import child, visit
from tests.sync.proxy import DropResponse, Duplicate, Forward, Respond

from fieldvisit.bureau.tables import metadata as bureau_metadata
from fieldvisit.bureau.tables import receipt
from fieldvisit.domain.children import ChildFile
from fieldvisit.domain.ids import new_id
from fieldvisit.domain.shared import Role
from fieldvisit.store.sync_local import list_quarantined, requeue_quarantined
from fieldvisit.store.tables import OutboxEntry
from fieldvisit.sync.client import SyncOptions, SyncStatus


def _bureau_child(world, record_id: str):  # type: ignore[no-untyped-def]
    table = bureau_metadata.tables["child_file"]
    with world.bureau.engine.connect() as connection:
        return connection.execute(select(table).where(table.c.id == record_id)).first()


@pytest.mark.parametrize("concurrent", [False, True], ids=["sequential", "concurrent"])
def test_every_request_delivered_two_to_five_times(world, proxy, concurrent: bool) -> None:
    rng = random.Random(11 if concurrent else 12)
    proxy.plan = lambda request: Duplicate(times=rng.randint(2, 5), concurrent=concurrent)
    director = world.user("dir-dup", Role.CHILD_DIRECTOR)
    supervisor = world.user("sup-dup", Role.CHILD_SUPERVISOR)
    laptop = world.device(director, url=proxy.url)
    office = world.device(supervisor, url=proxy.url)
    record = child(director)
    laptop.save(record, visit(record), visit(record, notes="第二次探访"))
    assert laptop.sync().status == SyncStatus.OK
    assert office.sync().status == SyncStatus.OK
    office.edit(ChildFile, record.id, school_name="观海卫镇中心小学")
    laptop.edit(ChildFile, record.id, grade="四年级")
    for device in (office, laptop, office, laptop):
        assert device.sync().status == SyncStatus.OK
    assert proxy.delivered > len(proxy.seen), "requests were really delivered more than once"
    row = _bureau_child(world, record.id)
    assert (row.school_name, row.grade, row.version) == ("观海卫镇中心小学", "四年级", 3)
    world.check()


def test_the_answer_to_a_committed_push_is_lost(world, proxy) -> None:
    dropped: list[int] = []

    def plan(request):  # type: ignore[no-untyped-def]
        if "/sync/push" in request.path and not dropped:
            dropped.append(request.index)
            return DropResponse()
        return Forward()

    proxy.plan = plan
    director = world.user("dir-drop", Role.CHILD_DIRECTOR)
    laptop = world.device(director, url=proxy.url)
    record = child(director)
    laptop.save(record)
    report = laptop.sync()
    assert report.status == SyncStatus.OK and report.pushed == 1
    pushes = proxy.requests_to("/sync/push")
    assert len(pushes) == 2 and pushes[0].body == pushes[1].body, "the same batch was sent again"
    with world.bureau.engine.connect() as connection:
        statuses = connection.execute(select(receipt.c.status).where(receipt.c.record_id == record.id)).scalars().all()
    assert statuses == ["APPLIED"]
    assert _bureau_child(world, record.id).version == 1
    assert laptop.all(OutboxEntry) == []
    world.check()


def test_the_same_mutation_id_with_another_payload_is_a_conflict_not_an_overwrite(world) -> None:
    director = world.user("dir-reuse", Role.CHILD_DIRECTOR)
    laptop = world.device(director)
    record = child(director, name="李四")
    laptop.save(record)
    [entry] = laptop.all(OutboxEntry)
    assert laptop.sync().pushed == 1
    laptop.edit(ChildFile, record.id, name="李四改")
    [second] = laptop.all(OutboxEntry)
    with laptop.workspace.engine.begin() as connection:
        connection.execute(
            update(OutboxEntry.__table__)
            .where(OutboxEntry.__table__.c.seq == second.seq)
            .values(mutation_id=entry.mutation_id)
        )
    laptop.queued.discard(second.mutation_id)  # the id the test overwrote never existed for the bureau
    report = laptop.sync()
    assert report.quarantined == 1 and report.status == SyncStatus.OK
    [refused] = list_quarantined(laptop.workspace.engine)
    assert "同一变更编号" in refused.last_error
    assert _bureau_child(world, record.id).name == "李四", "the bureau's record was not overwritten"
    token = laptop.engine.credentials.access_token()
    forged = dict(second.payload, name="篡改")
    response = httpx.post(
        f"{world.bureau.url}/api/v1/sync/push",
        headers={"Authorization": f"Bearer {token}"},
        json={
            "mutations": [
                {
                    "mutation_id": entry.mutation_id,
                    "table": "child_file",
                    "record_id": record.id,
                    "op": "UPSERT",
                    "base_version": 1,
                    "changed": ["name"],
                    "payload": forged,
                }
            ]
        },
    )
    assert response.status_code == 200
    assert response.json()["receipts"][0]["status"] == "CONFLICT"
    assert response.json()["receipts"][0]["code"] == "mutation_id_reused"
    assert _bureau_child(world, record.id).name == "李四"
    world.check()


def test_dependent_mutations_out_of_order_are_deferred_then_applied(world) -> None:
    director = world.user("dir-order", Role.CHILD_DIRECTOR)
    laptop = world.device(director)
    record = child(director)
    first_visit = visit(record)
    laptop.save(record, first_visit)
    entries = {e.table_name: e for e in laptop.all(OutboxEntry)}
    with laptop.workspace.engine.begin() as connection:
        # The visit now comes before the child it belongs to.
        connection.execute(
            text("UPDATE outbox SET seq = seq + 1000 WHERE seq = :seq"), {"seq": entries["child_file"].seq}
        )
    report = laptop.sync()
    assert report.status == SyncStatus.OK
    assert report.deferred == 1 and report.pushed == 2 and report.quarantined == 0
    assert laptop.all(OutboxEntry) == []
    world.check()


def test_a_visit_pushed_before_its_child_reaches_the_bureau_is_deferred(world) -> None:
    director = world.user("dir-order2", Role.CHILD_DIRECTOR)
    laptop = world.device(director)
    token = laptop.engine.credentials.access_token()
    record = child(director)
    early = visit(record)

    def push(model) -> dict:  # type: ignore[no-untyped-def]
        payload = model.model_dump(mode="json")
        body = {
            "mutation_id": new_id(),
            "table": model.__tablename__,
            "record_id": payload["id"],
            "op": "UPSERT",
            "base_version": 0,
            "changed": [],
            "payload": payload,
        }
        response = httpx.post(
            f"{world.bureau.url}/api/v1/sync/push",
            headers={"Authorization": f"Bearer {token}"},
            json={"mutations": [body]},
        )
        return response.json()["receipts"][0]

    deferred = push(early)
    assert deferred["status"] == "DEFERRED" and deferred["depends_on"] == {
        "table": "child_file",
        "record_id": record.id,
    }
    assert push(record)["status"] == "APPLIED"
    assert push(early)["status"] == "APPLIED"
    world.checked = True  # records pushed behind the device's back: nothing of the device's to compare


_FAULT = Respond(500, '{"code":"internal","message":"局端内部错误","action":""}'.encode(), b"application/json")


def test_a_record_the_bureau_fails_on_every_time_is_quarantined_and_the_rest_goes_through(world, proxy) -> None:
    # A bureau fault that one record sets off: without the halving, every sync would stop at it, and nothing
    # behind it in the outbox would ever be sent.
    proxy.plan = lambda request: _FAULT if "/sync/push" in request.path and b"FAULT-1" in request.body else Forward()
    director = world.user("dir-fault", Role.CHILD_DIRECTOR)
    laptop = world.device(director, url=proxy.url)
    good = [child(director, name=f"好记录{i}") for i in range(6)]
    poison = child(director, name="引发故障的记录", recognition_ref="FAULT-1")
    laptop.save(*good[:3], poison, *good[3:])
    report = laptop.sync()
    assert report.status == SyncStatus.OK
    assert report.pushed == 6 and report.quarantined == 1
    [entry] = list_quarantined(laptop.workspace.engine)
    assert entry.record_id == poison.id and entry.last_error.startswith("局端处理该记录时出错")
    assert all(_bureau_child(world, g.id) is not None for g in good)
    proxy.plan = lambda request: Forward()  # the bureau is mended; the user sends it again from the list
    requeue_quarantined(laptop.workspace.engine, entry.seq)
    laptop.queued.discard(entry.mutation_id)  # sent again under a new id; the bureau never saw this one
    laptop.queued.update(e.mutation_id for e in laptop.all(OutboxEntry))
    assert laptop.sync().pushed == 1
    assert _bureau_child(world, poison.id) is not None
    world.check()


def test_a_batch_the_bureau_fails_on_holds_back_the_batch_queued_behind_it(world, proxy) -> None:
    # The next batch waits on the link behind the one in flight; when that one fails and is sent again in
    # halves, the waiting one must go after the halves, never beside them.
    proxy.plan = lambda request: _FAULT if "/sync/push" in request.path and b"FAULT-1" in request.body else Forward()
    in_flight, most = [0], [0]
    lock = threading.Lock()
    act = proxy._act

    def counted(*args):  # type: ignore[no-untyped-def]
        pushing = "/sync/push" in args[2].path
        with lock:
            in_flight[0] += pushing
            most[0] = max(most[0], in_flight[0])
        try:
            return act(*args)
        finally:
            with lock:
                in_flight[0] -= pushing

    proxy._act = counted
    director = world.user("dir-held-back", Role.CHILD_DIRECTOR)
    laptop = world.device(director, url=proxy.url, options=SyncOptions(push_batch=5))
    good = [child(director, name=f"排队记录{i}") for i in range(19)]
    poison = child(director, name="引发故障的记录", recognition_ref="FAULT-1")
    laptop.save(*good[:3], poison, *good[3:])  # batches of 1, then 5: the poison is in the second
    report = laptop.sync()
    assert report.status == SyncStatus.OK
    assert report.pushed == 19 and report.quarantined == 1
    assert most[0] == 1, "never two push batches in flight"
    assert all(_bureau_child(world, g.id) is not None for g in good)
    world.check()


def test_a_bureau_failing_on_everything_is_waited_for_and_nothing_is_quarantined(world, proxy) -> None:
    proxy.plan = lambda request: _FAULT if "/sync/push" in request.path else Forward()
    director = world.user("dir-down", Role.CHILD_DIRECTOR)
    laptop = world.device(director, url=proxy.url)
    laptop.save(*[child(director, name=f"记录{i}") for i in range(5)])
    report = laptop.sync()
    assert report.status == SyncStatus.OFFLINE and report.quarantined == 0
    assert list_quarantined(laptop.workspace.engine) == []
    assert len(laptop.all(OutboxEntry)) == 5
    proxy.plan = lambda request: Forward()
    assert laptop.sync().pushed == 5
    world.check()


def test_a_batch_with_invalid_mutations_applies_the_rest_and_quarantines_those(world) -> None:
    director = world.user("dir-mixed", Role.CHILD_DIRECTOR)
    other = world.user("dir-other", Role.CHILD_DIRECTOR)
    laptop = world.device(director)
    good = [child(director, name=f"好记录{i}") for i in range(5)]
    too_long = child(director, name="名" * 70)
    not_mine = child(other, name="别人的孩子")
    laptop.save(good[0], good[1], too_long, good[2], not_mine, good[3])
    broken = child(director, name="格式坏的变更")
    laptop.save(broken, good[4])
    with laptop.workspace.engine.begin() as connection:
        connection.execute(
            update(OutboxEntry.__table__)
            .where(OutboxEntry.__table__.c.record_id == broken.id)
            .values(changed=[f"f{i}" for i in range(300)])
        )
    report = laptop.sync()
    assert report.status == SyncStatus.OK
    assert report.pushed == 5 and report.quarantined == 3
    reasons = {entry.record_id: entry.last_error for entry in list_quarantined(laptop.workspace.engine)}
    assert "64" in reasons[too_long.id]
    assert "管辖范围" in reasons[not_mine.id]
    assert reasons[broken.id] == "局端拒收：请求内容不符合同步协议：“mutations.0.changed”的项数过多（最多 200 项）"
    badge = {row.id: row.sync_state for row in _child_rows(laptop)}
    assert badge[too_long.id] == "QUARANTINED" and badge[good[0].id] == "SYNCED"
    assert all(_bureau_child(world, g.id) is not None for g in good)
    assert _bureau_child(world, not_mine.id) is None
    world.check()


def _child_rows(device):  # type: ignore[no-untyped-def]
    from fieldvisit.store.repositories.children import ChildFilter, ChildRepository

    return ChildRepository(device.workspace.engine).list(ChildFilter(status=""))
