"""Reference data shipped with the app: towns, villages and legal-basis templates, loaded as table rows."""

from __future__ import annotations

import tomllib
import uuid
from typing import Any

from fieldvisit.assets import resource_path
from fieldvisit.domain.places import Town, TownKind, Village, VillageKind
from fieldvisit.domain.shared import LegalBasis

_LEGAL_BASIS_ID_NAMESPACE = uuid.UUID("0b7f3c1e-8d52-5a4f-b6e1-3f9c2d7a4e60")


def _read(name: str) -> dict[str, Any]:
    with resource_path("reference", name).open("rb") as fh:
        return tomllib.load(fh)


def load_towns(*, only_counted_in_2021_report: bool = False) -> list[Town]:
    """The 19 towns and subdistricts of 慈溪市; with the flag, the 18 of the 2021 report (without 庵东镇)."""
    rows = []
    for entry in _read("towns.toml")["town"]:
        if only_counted_in_2021_report and not entry["counted_in_2021_report"]:
            continue
        rows.append(
            Town(
                division_code=entry["code"],
                name=entry["name"],
                kind=TownKind(entry["kind"]),
                note=entry.get("note", ""),
            )
        )
    return rows


def load_villages() -> list[Village]:
    """The known villages and communities, by town (ids are local codes; division codes still unknown)."""
    rows = []
    for town in _read("villages.toml")["town"]:
        for entry in town["villages"]:
            rows.append(
                Village(
                    id=entry["id"],
                    town_code=town["code"],
                    name=entry["name"],
                    kind=VillageKind(entry["kind"]),
                    division_code=entry.get("division_code", ""),
                )
            )
    return rows


def load_legal_bases() -> list[LegalBasis]:
    """The legal-basis templates, every version with its effective period; ids derive from stable keys."""
    return [
        LegalBasis(
            id=str(uuid.uuid5(_LEGAL_BASIS_ID_NAMESPACE, entry["key"])),
            code=entry["code"],
            title=entry["title"],
            article=entry["article"],
            text=entry["text"],
            version=entry["version"],
            effective_from=entry["effective_from"],
            effective_to=entry.get("effective_to"),
            verified=entry["verified"],
        )
        for entry in _read("legal_bases.toml")["basis"]
    ]
