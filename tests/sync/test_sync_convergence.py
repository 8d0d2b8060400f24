"""Acceptance 9: a hypothesis state machine with three devices making random offline edits, syncing through injected
faults, reassigning children and settling conflicts; afterwards everyone converges and the invariants hold.

`FIELDVISIT_CONVERGENCE_EXAMPLES` sets the number of examples (200 by default, the same 200 every run);
`FIELDVISIT_CONVERGENCE_EXPLORE=1` draws new ones each run instead. tests/benchmarks/bench_convergence.py runs
more, exploring.
"""

from __future__ import annotations

import itertools
import os
import random
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, initialize, multiple, rule
from tests.bureau import live
from tests.bureau.live import LiveBureau
from tests.sync.harness import FAST_RETRY, PASSWORD, Device, SleepLog, Staff, World, child, visit
from tests.sync.invariants import check_invariants
from tests.sync.proxy import DropResponse, Duplicate, FaultProxy, Forward, Respond

from fieldvisit.domain.children import ChildFile
from fieldvisit.domain.shared import Role
from fieldvisit.security.keys import FAST_TEST_PARAMS
from fieldvisit.security.secret_store import MemorySecretStore
from fieldvisit.store.repositories.sync import SyncRepository
from fieldvisit.store.sync_local import resolve_conflict
from fieldvisit.store.workspace import create_workspace, open_workspace
from fieldvisit.sync.client import SyncEngine, SyncOptions
from fieldvisit.sync.session import sign_in

EXAMPLES = int(os.environ.get("FIELDVISIT_CONVERGENCE_EXAMPLES", "200"))
EXPLORE = os.environ.get("FIELDVISIT_CONVERGENCE_EXPLORE") == "1"
_towns = itertools.count(1)
FAULTS = ["none", "none", "duplicate", "concurrent-duplicates", "lost-answer", "portal", "503"]
FIELDS = {"grade": ["一年级", "二年级", "三年级"], "health_note": ["良好", "感冒", "需复查"]}


class Shared:
    """What the examples share: one bureau, one proxy, and a migrated workspace to copy (creating one is slow)."""

    bureau: LiveBureau
    proxy: FaultProxy
    template: Path
    root: Path
    checked = 0  # examples that reached their convergence and invariant checks


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[type[Shared]]:
    root = tmp_path_factory.mktemp("convergence")
    settings_ = live.bureau_settings(root / "bureau")
    from fieldvisit.bureau.db import make_engine

    Shared.bureau = LiveBureau(settings=settings_, engine=make_engine(settings_.resolved_database_url)).start()
    Shared.proxy = FaultProxy(upstream=Shared.bureau.url).start()
    Shared.template = root / "template"
    create_workspace(Shared.template, PASSWORD, kdf_params=FAST_TEST_PARAMS).close()
    Shared.root = root
    yield Shared
    Shared.proxy.stop()
    Shared.bureau.stop()


def _plan(fault: str):  # type: ignore[no-untyped-def]
    dropped: list[int] = []
    rng = random.Random(len(fault))

    def plan(request):  # type: ignore[no-untyped-def]
        pushing = "/sync/push" in request.path
        if fault == "duplicate":
            return Duplicate(times=rng.randint(2, 5))
        if fault == "concurrent-duplicates":
            return Duplicate(times=rng.randint(2, 4), concurrent=True)
        if fault == "lost-answer" and pushing and not dropped:
            dropped.append(request.index)
            return DropResponse()
        if fault == "portal":
            return Respond(200, b"<html>portal</html>")
        if fault == "503" and rng.random() < 0.5:
            return Respond(503, b"", retry_after="1")
        return Forward()

    return plan


class Convergence(RuleBasedStateMachine):
    """Two directors and a supervisor of one town, each on a laptop that is mostly offline."""

    children = Bundle("children")

    def __init__(self) -> None:
        super().__init__()
        number = next(_towns)
        self.town = f"9{number:08d}"
        self.world = World(bureau=Shared.bureau, tmp=Shared.root / f"example-{number}")
        self.devices: dict[str, Device] = {}
        self.staff: dict[str, Staff] = {}

    def _device(self, key: str, role: Role) -> None:
        username = f"{key}-{self.town}"
        staff = self.world.user(username, role, towns=[self.town])
        path = self.world.tmp / key
        shutil.copytree(Shared.template, path)
        workspace = open_workspace(path, password=PASSWORD)
        store = MemorySecretStore()
        session = sign_in(
            workspace, bureau_url=Shared.bureau.url, username=username, password=staff.password, secret_store=store
        )
        sleeps = SleepLog()
        engine = SyncEngine(
            workspace,
            secret_store=store,
            options=SyncOptions(retry=FAST_RETRY),
            sleep=sleeps,
            rng=random.Random(3),
            url_override=Shared.proxy.url,
        )
        device = Device(key, workspace, store, session, engine, sleeps, staff)
        self.world.devices.append(device)
        self.devices[key] = device
        self.staff[key] = staff

    @initialize(target=children)
    def setup(self):  # type: ignore[no-untyped-def]
        self._device("a", Role.CHILD_DIRECTOR)
        self._device("b", Role.CHILD_DIRECTOR)
        self._device("s", Role.CHILD_SUPERVISOR)
        # Each director starts with a child that the supervisor holds too, so that edits can collide at once.
        first, second = child(self.staff["a"], town=self.town), child(self.staff["b"], town=self.town)
        self.devices["a"].save(first)
        self.devices["b"].save(second)
        for key in ("a", "b", "s"):
            self.devices[key].sync()
        return multiple(first.id, second.id)

    @rule(target=children, owner=st.sampled_from(["a", "b"]), name=st.sampled_from(["王小明", "李小红", "𠮷小华"]))
    def create_child(self, owner: str, name: str) -> str:
        record = child(self.staff[owner], name=name, town=self.town)
        self.devices[owner].save(record)
        return record.id

    @rule(record_id=children, who=st.sampled_from(["a", "b", "s"]), data=st.data())
    def edit(self, record_id: str, who: str, data: st.DataObject) -> None:
        device = self.devices[who]
        current = device.get(ChildFile, record_id)
        if current is None or current.deleted:
            return
        field = data.draw(st.sampled_from(sorted(FIELDS)))
        # Values carry the device's name: two devices changing one field always disagree.
        device.edit(ChildFile, record_id, **{field: f"{who}:{data.draw(st.sampled_from(FIELDS[field]))}"})

    @rule(record_id=children, who=st.sampled_from(["a", "b", "s"]), data=st.data())
    def edit_again(self, record_id: str, who: str, data: st.DataObject) -> None:
        self.edit(record_id, who, data)

    @rule(record_id=children, who=st.sampled_from(["a", "b", "s"]))
    def add_visit(self, record_id: str, who: str) -> None:
        device = self.devices[who]
        current = device.get(ChildFile, record_id)
        if current is not None and not current.deleted:
            device.save(visit(current, notes=f"{who}的探访"))

    @rule(record_id=children, to=st.sampled_from(["a", "b"]))
    def reassign(self, record_id: str, to: str) -> None:
        office = self.devices["s"]
        current = office.get(ChildFile, record_id)
        if current is not None and not current.deleted:
            office.edit(ChildFile, record_id, director_id=self.staff[to].user_id)

    @rule(who=st.sampled_from(["a", "b", "s"]), fault=st.sampled_from(FAULTS))
    def sync(self, who: str, fault: str) -> None:
        Shared.proxy.plan = _plan(fault)
        self.devices[who].sync()
        Shared.proxy.plan = _plan("none")

    @rule(who=st.sampled_from(["a", "b", "s"]), fault=st.sampled_from(FAULTS))
    def sync_again(self, who: str, fault: str) -> None:
        self.sync(who, fault)

    @rule(who=st.sampled_from(["a", "b", "s"]), side=st.sampled_from(["local", "bureau"]))
    def settle_conflicts(self, who: str, side: str) -> None:
        device = self.devices[who]
        for conflict in SyncRepository(device.workspace.engine).conflicts():
            choices = {d.field: side for d in conflict.differences if d.conflicting}
            resolve_conflict(device.workspace.engine, device.actor, conflict.id, choices)

    def teardown(self) -> None:
        try:
            Shared.proxy.plan = _plan("none")
            check_invariants(self.world)
            Shared.checked += 1
        finally:
            self.world.close()


@pytest.mark.slow
def test_three_devices_converge_under_faults(shared) -> None:  # type: ignore[no-untyped-def]
    run = settings(
        max_examples=EXAMPLES,
        stateful_step_count=14,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        derandomize=not EXPLORE,
        database=None,
        phases=[Phase.explicit, Phase.generate],
    )
    Shared.checked = 0
    run(Convergence).TestCase().runTest()
    if report := os.environ.get("FIELDVISIT_CONVERGENCE_REPORT"):
        Path(report).write_text(str(Shared.checked))
    assert Shared.checked >= EXAMPLES, f"only {Shared.checked} examples ran to their checks"
