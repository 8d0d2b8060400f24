"""A small world for sync tests: a live bureau, staff accounts, and devices (encrypted workspaces) syncing with it."""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session, SQLModel, select
from tests.bureau.live import LiveBureau

from fieldvisit.bureau import admin
from fieldvisit.domain.children import ChildFile, ChildVisit
from fieldvisit.domain.shared import Role
from fieldvisit.domain.types import Clock, utc_now
from fieldvisit.security.keys import FAST_TEST_PARAMS
from fieldvisit.security.secret_store import MemorySecretStore, SecretStore
from fieldvisit.store.changes import Actor, write_changes
from fieldvisit.store.tables import OutboxEntry
from fieldvisit.store.workspace import Workspace, create_workspace, is_workspace, open_workspace
from fieldvisit.sync.client import SyncEngine, SyncOptions, SyncReport
from fieldvisit.sync.session import BureauSession, sign_in
from fieldvisit.sync.transport import RetryPolicy

TOWN = "330282107"  # 观海卫镇
OTHER_TOWN = "330282003"  # 坎墩街道
PASSWORD = "测试密码-𠮷"
FAST_RETRY = RetryPolicy(attempts=4, base_seconds=0.01, cap_seconds=0.05, max_retry_after_seconds=0.05)


@dataclass
class Staff:
    """A bureau account the test created."""

    username: str
    password: str
    user_id: str
    role: Role


class SleepLog:
    """Stands in for time.sleep: records the delays instead of waiting."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


@dataclass
class Device:
    """One signed-in workspace with its sync engine. Remembers every mutation id it ever queued."""

    name: str
    workspace: Workspace
    secret_store: SecretStore
    session: BureauSession
    engine: SyncEngine
    sleeps: SleepLog
    staff: Staff
    clock: Clock = utc_now
    queued: set[str] = field(default_factory=set)
    wiped: bool = False

    @property
    def actor(self) -> Actor:
        return Actor(user_id=self.session.user.id, device_id=self.session.device_id)

    def note_outbox(self) -> None:
        if self.wiped or not is_workspace(self.workspace.path):
            return
        with Session(self.workspace.engine) as session:
            self.queued.update(session.exec(select(OutboxEntry.mutation_id)).all())

    def sync(self, **kwargs: Any) -> SyncReport:
        self.note_outbox()
        report = self.engine.sync(**kwargs)
        if report.status == "WIPED":
            self.wiped = True
        return report

    def save(self, *records: SQLModel) -> None:
        with write_changes(self.workspace.engine, self.actor, clock=self.clock) as writer:
            for record in records:
                writer.save(record)  # type: ignore[arg-type]
        self.note_outbox()

    def edit(self, model: type[SQLModel], record_id: str, **changes: Any) -> None:
        with write_changes(self.workspace.engine, self.actor, clock=self.clock) as writer:
            record = writer.session.get(model, record_id)
            assert record is not None, f"{model.__name__} {record_id} is not on {self.name}"
            for name, value in changes.items():
                setattr(record, name, value)
            writer.save(record)  # type: ignore[arg-type]
        self.note_outbox()

    def delete(self, model: type[SQLModel], record_id: str) -> None:
        with write_changes(self.workspace.engine, self.actor, clock=self.clock) as writer:
            record = writer.session.get(model, record_id)
            assert record is not None
            writer.delete(record)  # type: ignore[arg-type]
        self.note_outbox()

    def get(self, model: type[SQLModel], record_id: str) -> Any:
        with Session(self.workspace.engine, expire_on_commit=False) as session:
            return session.get(model, record_id)

    def all(self, model: type[SQLModel]) -> list[Any]:
        with Session(self.workspace.engine) as session:
            return list(session.exec(select(model)).all())

    def suspend(self) -> None:
        """Close the workspace so another process may use it (the crash tests' client)."""
        self.note_outbox()
        self.engine.close()
        self.workspace.close()

    def resume(self) -> None:
        """Open the workspace again after another process used (or died using) it."""
        self.workspace = open_workspace(self.workspace.path, password=PASSWORD, clock=self.clock)
        self.engine = SyncEngine(
            self.workspace,
            secret_store=self.secret_store,
            options=self.engine.options,
            clock=self.clock,
            sleep=self.sleeps,
            rng=random.Random(7),
        )
        self.note_outbox()

    def close(self) -> None:
        self.engine.close()
        if not self.wiped and is_workspace(self.workspace.path):
            self.workspace.close()


@dataclass
class World:
    """The bureau, its staff and the devices of one test."""

    bureau: LiveBureau
    tmp: Path
    devices: list[Device] = field(default_factory=list)
    staff: dict[str, Staff] = field(default_factory=dict)

    def user(self, username: str, role: Role, towns: Iterable[str] = (TOWN,), villages: Iterable[str] = ()) -> Staff:
        password = f"pw-{username}"
        user_id = admin.create_user(
            self.bureau.engine,
            self.bureau.settings,
            username=username,
            password=password,
            display_name=f"测试{username}",
            role=role,
            town_codes=list(towns),
            village_ids=list(villages),
        )
        staff = Staff(username, password, user_id, role)
        self.staff[username] = staff
        return staff

    def device(
        self,
        staff: Staff,
        name: str | None = None,
        *,
        url: str | None = None,
        clock: Clock = utc_now,
        options: SyncOptions | None = None,
        secret_store: SecretStore | None = None,
    ) -> Device:
        name = name or f"{staff.username}-{len(self.devices)}"
        workspace = create_workspace(self.tmp / name, PASSWORD, kdf_params=FAST_TEST_PARAMS, clock=clock)
        store = secret_store or MemorySecretStore()
        session = sign_in(
            workspace,
            bureau_url=self.bureau.url,
            username=staff.username,
            password=staff.password,
            secret_store=store,
            device_name=name,
        )
        sleeps = SleepLog()
        engine = SyncEngine(
            workspace,
            secret_store=store,
            options=options or SyncOptions(retry=FAST_RETRY),
            clock=clock,
            sleep=sleeps,
            rng=random.Random(7),
            url_override=url,
        )
        device = Device(name, workspace, store, session, engine, sleeps, staff, clock)
        self.devices.append(device)
        return device

    def close(self) -> None:
        for device in self.devices:
            device.close()


def child(director: Staff, *, name: str = "王小明", town: str = TOWN, **values: Any) -> ChildFile:
    """A child file owned by `director`."""
    return ChildFile(
        file_no=f"ET-{town}-{random.randrange(10**6):06d}",
        name=name,
        town_code=town,
        director_id=director.user_id,
        **values,
    )


def visit(record: ChildFile, *, notes: str = "入户探访，情况良好", **values: Any) -> ChildVisit:
    """A visit record of a child."""
    return ChildVisit(
        child_id=record.id,
        visit_at=datetime(2026, 11, 20, 2, 0, tzinfo=UTC),
        notes=notes,
        next_visit_due=date(2027, 2, 20),
        **values,
    )
