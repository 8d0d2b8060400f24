"""Towns and villages of the city (镇/街道, 村/社区) with their division codes."""

from __future__ import annotations

from sqlmodel import Field, SQLModel

from fieldvisit.domain.base import LabelledEnum, enum_field


class TownKind(LabelledEnum):
    TOWN = "TOWN", "镇"
    SUBDISTRICT = "SUBDISTRICT", "街道"


class VillageKind(LabelledEnum):
    VILLAGE = "VILLAGE", "村"
    COMMUNITY = "COMMUNITY", "社区"


class Town(SQLModel, table=True):
    """A township-level division (镇 or 街道), keyed by its 9-digit division code."""

    division_code: str = Field(primary_key=True, max_length=9)
    name: str = Field(max_length=32)
    kind: str = enum_field(TownKind.TOWN)
    note: str = Field(default="", max_length=200)
    active: bool = Field(default=True)


class Village(SQLModel, table=True):
    """A village or community (村 / 社区) inside a town.

    `id` is the 12-digit statistical code where known; otherwise a stable local code (town code + "L" +
    sequence) and `division_code` stays empty.
    """

    id: str = Field(primary_key=True, max_length=16)
    town_code: str = Field(foreign_key="town.division_code", index=True, max_length=9)
    name: str = Field(max_length=32)
    kind: str = enum_field(VillageKind.VILLAGE)
    division_code: str = Field(default="", max_length=12)
    active: bool = Field(default=True)
