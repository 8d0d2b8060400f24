"""Finding people by name, pinyin initials or ID number digits, for every list's search box."""

from __future__ import annotations

import re

from sqlalchemy import Select, or_
from sqlmodel import col, select

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
