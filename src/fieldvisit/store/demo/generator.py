"""Builds the demo workspace: reference data, staff, households, children and grave cases for two towns."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Engine
from sqlmodel import Session

from fieldvisit.domain.parameters import ParameterSet, load_default_parameters
from fieldvisit.domain.places import Village
from fieldvisit.domain.reference import load_legal_bases, load_towns, load_villages
from fieldvisit.domain.shared import Role, User
from fieldvisit.store.demo.bulk import BulkWriter, at_local
from fieldvisit.store.demo.burial import generate_burial
from fieldvisit.store.demo.children import generate_children
from fieldvisit.store.demo.households import generate_households
from fieldvisit.store.demo.people import PersonFactory
from fieldvisit.store.tables import Setting

DEMO_TOWNS = ("330282107", "330282003")  # 观海卫镇, 坎墩街道
VILLAGES_PER_TOWN = 6
HOUSEHOLDS, CHILDREN, CASES = 150, 60, 40
DEMO_SEED = 20_261_128


@dataclass(frozen=True)
class DemoStats:
    """What was generated: rows per table, and how long it took (for the benchmark)."""

    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def rows(self) -> int:
        """All rows written."""
        return sum(self.counts.values())


def _seed_reference(session: Session) -> tuple[list[Village], list]:
    towns = load_towns()
    villages = load_villages()
    legal_bases = load_legal_bases()
    session.add_all([*towns, *villages, *load_default_parameters(), *legal_bases])
    chosen = [
        village for town in DEMO_TOWNS for village in [v for v in villages if v.town_code == town][:VILLAGES_PER_TOWN]
    ]
    return chosen, legal_bases


def _staff(writer: BulkWriter, people: PersonFactory, villages: list[Village], today: date) -> dict[str, object]:
    created = at_local(date(today.year - 3, 1, 4))

    def user(role: Role, username: str, unit: str, towns: list[str], village_ids: list[str]) -> User:
        sex = people.sex()
        row = writer.add(
            User,
            {
                "created_at": created,
                "username": username,
                "display_name": people.name(sex),
                "role": role,
                "unit": unit,
                "phone": people.phone(),
                "town_codes": towns,
                "village_ids": village_ids,
            },
        )
        return User(**row)

    staff: dict[str, object] = {"directors": {}, "supervisors": {}, "social_workers": {}, "officers": {}}
    for town in DEMO_TOWNS:
        town_villages = [v for v in villages if v.town_code == town]
        unit = f"{town}民政办"
        staff["supervisors"][town] = user(Role.CHILD_SUPERVISOR, f"dd{town[-3:]}", unit, [town], [])  # type: ignore[index]
        staff["social_workers"][town] = [  # type: ignore[index]
            user(Role.SOCIAL_WORKER, f"sg{town[-3:]}{i}", unit, [town], []) for i in range(3)
        ]
        staff["officers"][town] = [  # type: ignore[index]
            user(Role.PATROL_OFFICER, f"xc{town[-3:]}{i}", f"{unit}殡葬执法队", [town], []) for i in range(3)
        ]
        for village in town_villages:
            staff["directors"][village.id] = user(  # type: ignore[index]
                Role.CHILD_DIRECTOR, f"er{village.id[-6:]}", village.name, [town], [village.id]
            )
    staff["admin"] = user(Role.BUREAU_ADMIN, "admin", "慈溪市民政局", list(DEMO_TOWNS), [])
    return staff


def generate_demo(engine: Engine, *, today: date, scale: float = 1, seed: int = DEMO_SEED) -> DemoStats:
    """Fill an empty, migrated store with a demo workspace; the same seed and day give the same data."""
    started = time.perf_counter()
    rng = random.Random(seed)
    people = PersonFactory(rng)
    with Session(engine) as session, session.begin():
        villages, legal_bases = _seed_reference(session)
        params = ParameterSet(load_default_parameters())
        connection = session.connection()
        connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        writer = BulkWriter(connection, rng, actor_id="demo")
        staff = _staff(writer, people, villages, today)
        directors: dict = staff["directors"]  # type: ignore[assignment]
        first_director = directors[villages[0].id]
        generate_households(
            writer,
            people,
            villages,
            staff["social_workers"],
            params,
            today,
            round(HOUSEHOLDS * scale),  # type: ignore[arg-type]
        )
        generate_children(
            writer,
            people,
            villages,
            directors,
            staff["supervisors"],
            params,
            today,
            round(CHILDREN * scale),  # type: ignore[arg-type]
        )
        generate_burial(writer, people, villages, staff["officers"], legal_bases, today, round(CASES * scale))  # type: ignore[arg-type]
        writer.flush()
        session.add_all(
            [
                Setting(key="demo", value=True),
                Setting(key="current_user_id", value=first_director.id),
                Setting(key="device_id", value=writer.new_id(at_local(today))),
            ]
        )
    return DemoStats(counts=dict(writer.counts), seconds=time.perf_counter() - started)
