"""Finding people by name, pinyin initials or ID number digits, for every list's search box (SQL or in memory)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Select, or_
from sqlmodel import col, select

from fieldvisit.store.repositories.base import Repository
from fieldvisit.store.tables import SearchEntry

_INITIALS = re.compile(r"^[A-Za-z]{1,10}$")
_ID_TAIL = re.compile(r"^[0-9]{3}[0-9Xx]$")
_ID_FULL = re.compile(r"^[0-9]{17}[0-9Xx]$")


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def matching_record_ids(text: str, owner_table: str) -> Select:
    """A subquery of owner ids (e.g. child_file ids) whose search entries match `text`.

    Digits ending an ID number match its last four; 18 characters match a full number; Latin letters match
    pinyin initials by prefix ("zjh" finds 张建华); anything else matches a name substring, which also works
    for names of one or two characters that a trigram index would miss.
    """
    query = text.strip()
    conditions = [col(SearchEntry.name).like(f"%{_escape_like(query)}%", escape="\\")]
    if _INITIALS.match(query):
        conditions.append(col(SearchEntry.initials).like(f"{_escape_like(query.lower())}%", escape="\\"))
    if _ID_TAIL.match(query):
        conditions.append(SearchEntry.id_last4 == query.upper())
    if _ID_FULL.match(query):
        conditions.append(SearchEntry.id_number == query.upper())
    return select(SearchEntry.owner_id).where(SearchEntry.owner_table == owner_table, or_(*conditions))


_MULTI_OWNER_SEPARATOR = "\x1f"


@dataclass(frozen=True)
class SearchKeys:
    """Everything one listed record can be found by: names (applicant and members), initials, ID numbers."""

    names: str = ""
    initials: tuple[str, ...] = ()
    id_numbers: tuple[str, ...] = ()


def compile_query(text: str) -> Callable[[SearchKeys], bool] | None:
    """A predicate with the same meaning as `matching_record_ids`, for filtering rows already in memory.

    None for an empty query (everything matches).
    """
    query = text.strip()
    if not query:
        return None
    initials = query.lower() if _INITIALS.match(query) else ""
    last4 = query.upper() if _ID_TAIL.match(query) else ""
    full = query.upper() if _ID_FULL.match(query) else ""

    def matches(keys: SearchKeys) -> bool:
        if query in keys.names:
            return True
        if initials and any(value.startswith(initials) for value in keys.initials):
            return True
        if last4 and any(value.endswith(last4) for value in keys.id_numbers):
            return True
        return bool(full) and full in keys.id_numbers

    return matches


class SearchIndexRepository(Repository):
    """The search keys of every record of one kind, for lists that filter as the user types."""

    def keys(self, owner_table: str) -> dict[str, SearchKeys]:
        """Owner id → its search keys (a household gathers its applicant's and members' keys)."""
        query = select(SearchEntry.owner_id, SearchEntry.name, SearchEntry.initials, SearchEntry.id_number).where(
            SearchEntry.owner_table == owner_table
        )
        gathered: dict[str, tuple[list[str], list[str], list[str]]] = {}
        with self._session() as session:
            for owner_id, name, initials, id_number in session.exec(query):
                names, initial_list, ids = gathered.setdefault(owner_id, ([], [], []))
                names.append(name)
                initial_list.append(initials)
                if id_number:
                    ids.append(id_number.upper())
        return {
            owner: SearchKeys(_MULTI_OWNER_SEPARATOR.join(names), tuple(initials), tuple(ids))
            for owner, (names, initials, ids) in gathered.items()
        }
