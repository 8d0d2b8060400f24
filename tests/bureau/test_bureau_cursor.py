"""The pull cursor is gap-free: concurrent writers never make a reader skip a change (commits follow cursor order)."""

from __future__ import annotations

import random
import threading
import time
from datetime import date

from fieldvisit.bureau import admin, changelog, pull
from fieldvisit.bureau.mutations import Caller, apply_batch
from fieldvisit.bureau.scope import user_keys
from fieldvisit.domain.burial import GraveCase
from fieldvisit.domain.ids import new_id
from fieldvisit.domain.shared import Role
from fieldvisit.sync.protocol import Mutation, MutationOp

TOWN = "330282107"
WRITERS, BATCHES, BATCH = 4, 12, 15


def _mutation(case: GraveCase) -> Mutation:
    payload = case.model_dump(mode="json")
    return Mutation(
        mutation_id=new_id(),
        table="grave_case",
        record_id=case.id,
        op=MutationOp.UPSERT,
        base_version=0,
        payload=payload,
    )


def test_a_reader_racing_concurrent_writers_misses_nothing(bureau, monkeypatch) -> None:
    user_id = admin.create_user(
        bureau.engine,
        bureau.settings,
        username="cursor-patrol",
        password="pw",
        display_name="巡查员",
        role=Role.PATROL_OFFICER,
        town_codes=[TOWN],
    )
    keys = user_keys({"id": user_id, "role": Role.PATROL_OFFICER, "town_codes": [TOWN], "active": True})
    original_append = changelog.append

    def slow_append(connection, writes):  # type: ignore[no-untyped-def]
        # Hold the transaction open a little after numbering, so that a later writer would overtake an earlier
        # one if numbering did not also order the commits.
        last = original_append(connection, writes)
        time.sleep(random.uniform(0, 0.01))
        return last

    monkeypatch.setattr("fieldvisit.bureau.mutations.changelog.append", slow_append)
    caller = Caller(user_id=user_id, device_id="cursor-test", keys=None)
    created: set[str] = set()
    lock = threading.Lock()
    errors: list[BaseException] = []

    def write(worker: int) -> None:
        try:
            for batch in range(BATCHES):
                cases = [
                    GraveCase(case_no=f"W{worker}-{batch}-{i}", found_on=date(2026, 11, 1), town_code=TOWN)
                    for i in range(BATCH)
                ]
                receipts = apply_batch(bureau.engine, caller, [_mutation(case) for case in cases])
                assert all(r.status == "APPLIED" for r in receipts)
                with lock:
                    created.update(case.id for case in cases)
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    writers = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    for thread in writers:
        thread.start()
    seen: set[str] = set()
    cursor = 0
    pages = 0
    while True:
        writing = any(thread.is_alive() for thread in writers)
        page = pull.pull_page(bureau.engine, keys, cursor=cursor, limit=7, exclude=set())
        assert page["cursor"] >= cursor
        seen.update(change["record_id"] for change in page["changes"] if change["table"] == "grave_case")
        cursor = page["cursor"]
        pages += 1
        if not writing and not page["has_more"]:
            break
    for thread in writers:
        thread.join()
    assert not errors, errors
    assert len(created) == WRITERS * BATCHES * BATCH
    assert created - seen == set(), f"the reader skipped {len(created - seen)} changes"
    assert pages > WRITERS * BATCHES / 2, "the reader really raced the writers"
