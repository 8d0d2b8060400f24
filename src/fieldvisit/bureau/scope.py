"""Jurisdiction as scope keys: which keys a user holds, and which keys see a record (its audience).

A device receives a record when one of its user's keys is in the record's audience. Child files are seen by
their director and by the supervisors of their town; cases and patrols by the patrol officers of their town;
household assessments by the social workers of their town or village; tasks by their assignee.
Dependent records (visits, members, notices, attachments …) share the audience of their root record.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fieldvisit.domain.shared import Role


def user_keys(user: Mapping[str, Any]) -> frozenset[str]:
    """The scope keys of a staff user, from role and jurisdiction (towns, villages). Inactive users hold none."""
    if not user.get("active", True):
        return frozenset()
    user_id = str(user["id"])
    towns = [str(code) for code in user.get("town_codes") or []]
    villages = [str(vid) for vid in user.get("village_ids") or []]
    keys = {f"user:{user_id}", *(f"staff-town:{town}" for town in towns)}
    role = user.get("role")
    if role == Role.CHILD_DIRECTOR:
        keys.add(f"director:{user_id}")
    elif role == Role.CHILD_SUPERVISOR:
        keys.update(f"child-town:{town}" for town in towns)
    elif role == Role.PATROL_OFFICER:
        keys.update(f"burial-town:{town}" for town in towns)
    elif role == Role.SOCIAL_WORKER:
        if villages:
            keys.update(f"assist-village:{village}" for village in villages)
        else:
            keys.update(f"assist-town:{town}" for town in towns)
    return frozenset(keys)


def root_audience(table: str, row: Mapping[str, Any]) -> frozenset[str]:
    """The keys that see a root record (and, through it, all its dependents)."""
    keys: set[str] = set()
    if table == "child_file":
        if row.get("director_id"):
            keys.add(f"director:{row['director_id']}")
        if row.get("town_code"):
            keys.add(f"child-town:{row['town_code']}")
    elif table == "household_assessment":
        if row.get("town_code"):
            keys.add(f"assist-town:{row['town_code']}")
        if row.get("village_id"):
            keys.add(f"assist-village:{row['village_id']}")
    elif table in ("grave_case", "patrol"):
        if row.get("town_code"):
            keys.add(f"burial-town:{row['town_code']}")
    elif table == "assignment":
        if row.get("assignee_id"):
            keys.add(f"user:{row['assignee_id']}")
    elif table == "staff_user":
        keys.add(f"user:{row['id']}")
        keys.update(f"staff-town:{town}" for town in row.get("town_codes") or [])
    return frozenset(keys)
