"""Realistic records for tests: Chinese names (rare characters too), valid ID numbers, photos with EXIF."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, select

from fieldvisit.domain.assistance import Sex
from fieldvisit.domain.base import RecordState
from fieldvisit.domain.children import ChildCategory, ChildFile, ChildStatus, GuardianshipRating, RiskLevel
from fieldvisit.domain.places import Village
from fieldvisit.domain.resident_id import make_id_number
from fieldvisit.domain.shared import Role, User
from fieldvisit.domain.types import Clock
from fieldvisit.store.changes import Actor, write_changes
from fieldvisit.store.services.settings import SettingsService
from fieldvisit.store.workspace import DEMO_PASSWORD, open_workspace

CIXI = "330282"
SURNAMES = "张王李陈周叶沈胡徐孙岑罗施柴"
GIVEN_MALE = ("建华", "伟", "浩然", "志强", "子轩", "䶮", "俊杰")
GIVEN_FEMALE = ("丽娟", "婷", "欣怡", "雅琴", "梓涵", "𠮷", "秀英")
_CST = timezone(timedelta(hours=8))


@dataclass
class People:
    """A seeded source of people: names, sexes, birth dates and their valid ID numbers."""

    rng: random.Random
    _seq: int = 0

    def name(self, sex: Sex) -> str:
        given = GIVEN_MALE if sex == Sex.MALE else GIVEN_FEMALE
        return self.rng.choice(SURNAMES) + self.rng.choice(given)

    def id_number(self, birth: date, sex: Sex) -> str:
        self._seq = (self._seq + 1) % 500
        return make_id_number(CIXI, birth, self._seq, sex)

    def birth(self, today: date, min_age: int, max_age: int) -> date:
        return today - timedelta(days=self.rng.randrange(min_age * 365 + 30, max_age * 365 - 30))


def people(seed: int = 7) -> People:
    """A reproducible source of people."""
    return People(random.Random(seed))


def open_demo(path: Path, clock: Clock):  # type: ignore[no-untyped-def]
    """The demo workspace at `path`, opened with its password (close it when done)."""
    return open_workspace(path, password=DEMO_PASSWORD, clock=clock)


def use_role(path: Path, role: Role, clock: Clock) -> User:
    """Make the first staff account of `role` the one working in the workspace at `path`."""
    workspace = open_demo(path, clock)
    try:
        with Session(workspace.engine, expire_on_commit=False) as session:
            user = session.exec(select(User).where(User.role == role).order_by(User.username)).first()
            assert user is not None, f"no {role} in the demo"
            session.expunge(user)
        SettingsService(workspace.engine).set_current_user(user.id)
        return user
    finally:
        workspace.close()


def add_child(
    engine: Engine,
    actor: Actor,
    clock: Clock,
    *,
    director: User,
    today: date,
    overdue_days: int = 0,
    risk: RiskLevel = RiskLevel.YELLOW,
    category: ChildCategory = ChildCategory.LEFT_BEHIND,
    name: str = "",
    seed: int = 11,
) -> ChildFile:
    """A child of `director`'s village whose next visit is `overdue_days` past (0: due in a week)."""
    source = people(seed)
    sex = source.rng.choice((Sex.MALE, Sex.FEMALE))
    birth = source.birth(today, 6, 14)
    with Session(engine) as session:
        village = session.get(Village, director.village_ids[0]) if director.village_ids else None
        town = village.town_code if village else (director.town_codes[0] if director.town_codes else "330282107")
    last_visit = today - timedelta(days=30 + overdue_days)
    child = ChildFile(
        form_id="child_file",
        form_version=1,
        state=RecordState.FINAL,
        file_no=f"ET-{town}-9{seed:04d}",
        name=name or source.name(sex),
        id_number=source.id_number(birth, sex),
        sex=sex,
        birth_date=birth,
        hukou_address=f"浙江省慈溪市{village.name if village else ''}18号",
        residence_address=f"浙江省慈溪市{village.name if village else ''}18号",
        town_code=town,
        village_id=village.id if village else "",
        primary_category=category,
        guardian={"name": source.name(Sex.FEMALE), "relation": "祖母", "phone": "13805741234"},
        father={"name": source.name(Sex.MALE), "status": "WORKING_AWAY"},
        mother={"name": source.name(Sex.FEMALE), "status": "WORKING_AWAY"},
        guardianship_rating=GuardianshipRating.FAIR,
        risk_level=risk,
        director_id=director.id,
        status=ChildStatus.ACTIVE,
        listed_at=today - timedelta(days=400),
        last_visit_on=last_visit,
        next_visit_due=today - timedelta(days=overdue_days) if overdue_days else today + timedelta(days=7),
    )
    with write_changes(engine, actor, clock=clock) as writer:
        writer.save(child)
    return child


def photo_file(
    folder: Path,
    name: str,
    *,
    taken: datetime | None = None,
    latitude: float | None = 30.1693,
    longitude: float | None = 121.2669,
    colour: tuple[int, int, int] = (90, 140, 90),
) -> Path:
    """A JPEG photo made with Pillow, with EXIF capture time and GPS position when given."""
    from PIL import Image

    image = Image.new("RGB", (640, 480), colour)
    for x in range(0, 640, 40):
        for y in range(0, 480, 40):
            if (x + y) // 40 % 2:
                image.paste((200, 200, 180), (x, y, x + 20, y + 20))
    exif = Image.Exif()
    when = (taken or datetime(2026, 11, 20, 9, 30, tzinfo=_CST)).astimezone(_CST)
    exif[0x0132] = when.strftime("%Y:%m:%d %H:%M:%S")
    exif.get_ifd(0x8769)[36867] = when.strftime("%Y:%m:%d %H:%M:%S")
    if latitude is not None and longitude is not None:
        gps = exif.get_ifd(0x8825)
        gps[1], gps[2] = ("N" if latitude >= 0 else "S"), _dms(abs(latitude))
        gps[3], gps[4] = ("E" if longitude >= 0 else "W"), _dms(abs(longitude))
    path = folder / name
    image.save(path, "JPEG", exif=exif)
    return path


def _dms(value: float) -> tuple[float, float, float]:
    degrees = int(value)
    minutes_full = (value - degrees) * 60
    minutes = int(minutes_full)
    seconds = round((minutes_full - minutes) * 60, 4)
    return (float(degrees), float(minutes), seconds)
