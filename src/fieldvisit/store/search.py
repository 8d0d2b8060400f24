"""Search keys for people: which names, pinyin initials and ID digits each record makes findable."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

from sqlmodel import SQLModel

from fieldvisit.store.tables import SearchEntry

SEARCHABLE_TABLES = frozenset({"child_file", "household_assessment", "grave_case", "household_member"})


@lru_cache(maxsize=32_768)
def _initial(character: str) -> str:
    # pypinyin's character table alone (its phrase table and segmenter, a further ~0.3 s to load, add nothing
    # for one character at a time); imported on first use, too slow for start-up. The first reading is the
    # most common one; its first letter without the tone mark is the initial.
    from pypinyin.pinyin_dict import pinyin_dict

    reading = pinyin_dict.get(ord(character))
    if reading is None:
        return character.lower()
    return unicodedata.normalize("NFD", reading)[0].lower()


def name_initials(name: str) -> str:
    """Pinyin initials of a Chinese name, lower case ("张建华" -> "zjh"); characters without pinyin are kept.

    Each character takes its most common reading, so the same character always gives the same initial.
    """
    return "".join(_initial(character) for character in name)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _entry(
    table_name: str, record_id: Any, owner_table: str, owner: Mapping[str, Any], name: str, id_number: Any
) -> dict[str, Any]:
    number = _text(id_number)
    return {
        "table_name": table_name,
        "record_id": _text(record_id),
        "owner_table": owner_table,
        "owner_id": _text(owner.get("id")),
        "name": name,
        "initials": name_initials(name),
        "id_number": number,
        "id_last4": number[-4:] if len(number) >= 4 else "",
        "town_code": _text(owner.get("town_code")),
        "village_id": _text(owner.get("village_id")),
    }


def search_keys(
    table_name: str, values: Mapping[str, Any], owner: Mapping[str, Any] | None = None
) -> dict[str, Any] | None:
    """The search entry (as column values) a record contributes, or None for records nobody searches by name.

    `values` are the record's fields (a row, or a record as the bureau sent it); `owner` is the record a row
    belongs to (a member's assessment), which gives the place and what a hit opens.
    """
    if values.get("deleted"):
        return None
    record_id = values.get("id")
    if table_name == "child_file" and values.get("name"):
        return _entry(table_name, record_id, table_name, values, values["name"], values.get("id_number"))
    if table_name == "household_assessment" and values.get("applicant_name"):
        name, number = values["applicant_name"], values.get("applicant_id_number")
        return _entry(table_name, record_id, table_name, values, name, number)
    if table_name == "grave_case":
        party = values.get("party") or {}
        if party.get("name"):
            return _entry(table_name, record_id, table_name, values, str(party["name"]), party.get("id_number"))
    if table_name == "household_member" and values.get("name") and owner is not None:
        name = values["name"]
        return _entry(table_name, record_id, "household_assessment", owner, name, values.get("id_number"))
    return None


class _Fields(Mapping[str, Any]):
    """A model instance read as a mapping of its fields."""

    def __init__(self, record: SQLModel) -> None:
        self._record = record

    def __getitem__(self, name: str) -> Any:
        try:
            return getattr(self._record, name)
        except AttributeError:
            raise KeyError(name) from None

    def __iter__(self) -> Iterator[str]:
        return iter(type(self._record).model_fields)

    def __len__(self) -> int:
        return len(type(self._record).model_fields)


def search_entries_for(record: SQLModel, owner: SQLModel | None = None) -> list[SearchEntry]:
    """The search entries a model instance contributes (see `search_keys`)."""
    keys = search_keys(str(type(record).__tablename__), _Fields(record), _Fields(owner) if owner else None)
    return [] if keys is None else [SearchEntry(**keys)]
