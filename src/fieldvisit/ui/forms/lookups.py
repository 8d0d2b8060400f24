"""Answers that come from reference tables at run time: towns, villages of a town, staff, legal bases, cases."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fieldvisit.domain.burial import CaseStatus
from fieldvisit.formspec import FieldSpec
from fieldvisit.store.repositories.burial import CaseFilter, CaseRepository
from fieldvisit.store.repositories.reference import ReferenceRepository
from fieldvisit.ui.forms.fields.choices import Options

RECENT_CASES = 40
RECENT_PATROLS = 60


class Lookups:
    """Reads each reference list once per editor and hands out (value, label) pairs."""

    def __init__(self, reference: ReferenceRepository, cases: CaseRepository) -> None:
        self._reference = reference
        self._cases = cases
        self._cache: dict[tuple[str, str], Options] = {}

    def options(self, spec: FieldSpec, values: Mapping[str, Any]) -> Options:
        """The choices of a lookup field given the other answers (its parent, the record's town)."""
        parent = str(values.get(spec.lookup_parent) or "") if spec.lookup_parent else ""
        town = str(values.get("town_code") or "")
        key = (spec.lookup, parent if spec.lookup_parent else town)
        if key not in self._cache:
            self._cache[key] = self._load(spec.lookup, parent, town)
        options = list(self._cache[key])
        chosen = values.get(spec.key)
        wanted = chosen if isinstance(chosen, list) else [chosen] if chosen else []
        known = {value for value, _ in options}
        for value in wanted:
            if isinstance(value, str) and value not in known:
                options.append((value, self._label_of(spec.lookup, value)))
        return options

    def _load(self, lookup: str, parent: str, town: str) -> Options:
        if lookup == "town":
            return [(t.division_code, t.name) for t in self._reference.towns()]
        if lookup == "village":
            return [(v.id, v.name) for v in self._reference.villages(parent)] if parent else []
        if lookup == "staff_user":
            return [(u.id, u.display_name) for u in self._reference.users()]
        if lookup == "legal_basis":
            return [(b.id, f"{b.title}{b.article}（{b.version}）") for b in self._reference.legal_bases()]
        if lookup == "patrol":
            return [
                (p.id, f"{p.patrol_no} {p.patrol_date}")
                for p in self._cases.patrols(town_code=town, limit=RECENT_PATROLS)
            ]
        if lookup == "grave_case":
            rows = self._cases.list(CaseFilter(town_code=town, open_only=True, limit=RECENT_CASES))
            return [(r.id, f"{r.case_no} {r.place_name}".strip()) for r in rows if r.status != CaseStatus.CLOSED]
        return []

    def _label_of(self, lookup: str, value: str) -> str:
        if lookup == "grave_case":
            bundle = self._cases.get(value)
            if bundle is not None:
                return f"{bundle.case.case_no} {bundle.case.place_name}".strip()
        return value
