"""Search keys for people: which names, pinyin initials and ID digits each record makes findable."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from sqlmodel import SQLModel

from fieldvisit.domain.assistance import HouseholdAssessment, HouseholdMember
from fieldvisit.domain.burial import GraveCase
from fieldvisit.domain.children import ChildFile
from fieldvisit.store.tables import SearchEntry


@lru_cache(maxsize=32_768)
def _initial(character: str) -> str:
    from pypinyin import Style, lazy_pinyin  # imported on first use: it costs ~0.2 s, too much for start-up

    return lazy_pinyin(character, style=Style.FIRST_LETTER, errors="default")[0][:1].lower()


def name_initials(name: str) -> str:
    """Pinyin initials of a Chinese name, lower case ("张建华" -> "zjh"); characters without pinyin are kept.

    Each character takes its most common reading, so the same character always gives the same initial.
    """
    return "".join(_initial(character) for character in name)


def _entry(record: SQLModel, owner: SQLModel, name: str, id_number: str, town: str, village: str) -> SearchEntry:
    return SearchEntry(
        table_name=str(type(record).__tablename__),
        record_id=str(getattr(record, "id", "")),
        owner_table=str(type(owner).__tablename__),
        owner_id=str(getattr(owner, "id", "")),
        name=name,
        initials=name_initials(name),
        id_number=id_number,
        id_last4=id_number[-4:] if len(id_number) >= 4 else "",
        town_code=town,
        village_id=village,
    )


def search_entries_for(record: SQLModel, owner: SQLModel | None = None) -> Iterator[SearchEntry]:
    """The search entries a record contributes (none for records nobody searches by name).

    `owner` is the record a row belongs to (a member's assessment), which gives the place and what a hit opens.
    """
    if getattr(record, "deleted", False):
        return
    if isinstance(record, ChildFile) and record.name:
        yield _entry(record, record, record.name, record.id_number, record.town_code, record.village_id)
    elif isinstance(record, HouseholdAssessment) and record.applicant_name:
        yield _entry(
            record,
            record,
            record.applicant_name,
            record.applicant_id_number,
            record.town_code,
            record.village_id,
        )
    elif isinstance(record, GraveCase):
        party_name = str(record.party.get("name", "")) if record.party else ""
        if party_name:
            yield _entry(
                record, record, party_name, str(record.party.get("id_number", "")), record.town_code, record.village_id
            )
    elif isinstance(record, HouseholdMember) and record.name and isinstance(owner, HouseholdAssessment):
        yield _entry(record, owner, record.name, record.id_number, owner.town_code, owner.village_id)
