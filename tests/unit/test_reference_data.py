from __future__ import annotations

import itertools
import re
from collections import defaultdict
from datetime import date

from fieldvisit.domain.places import TownKind, VillageKind
from fieldvisit.domain.reference import load_legal_bases, load_towns, load_villages


def test_nineteen_towns_and_eighteen_without_andong() -> None:
    towns = load_towns()
    assert len(towns) == 19
    counted = load_towns(only_counted_in_2021_report=True)
    assert len(counted) == 18
    (missing,) = {t.division_code for t in towns} - {t.division_code for t in counted}
    andong = next(t for t in towns if t.division_code == missing)
    assert andong.name == "庵东镇"
    assert "杭州湾新区" in andong.note


def test_town_codes_are_unique_nine_digit_cixi_codes() -> None:
    towns = load_towns()
    codes = [t.division_code for t in towns]
    assert len(set(codes)) == len(codes)
    assert all(re.fullmatch(r"330282\d{3}", code) for code in codes)


def test_town_kind_matches_the_name() -> None:
    towns = load_towns()
    assert sum(t.kind == TownKind.SUBDISTRICT for t in towns) == 5
    assert sum(t.kind == TownKind.TOWN for t in towns) == 14
    for town in towns:
        assert town.name.endswith("街道" if town.kind == TownKind.SUBDISTRICT else "镇")


def test_every_village_belongs_to_a_known_town() -> None:
    codes = {t.division_code for t in load_towns()}
    villages = load_villages()
    assert len(villages) >= 80
    assert all(v.town_code in codes for v in villages)


def test_village_ids_are_local_codes_and_unique() -> None:
    villages = load_villages()
    ids = [v.id for v in villages]
    assert len(set(ids)) == len(ids)
    for village in villages:
        assert re.fullmatch(rf"{village.town_code}L\d{{3}}", village.id)
        assert village.division_code == ""
        assert village.name.endswith("社区" if village.kind == VillageKind.COMMUNITY else "村")


def test_village_names_are_unique_within_a_town() -> None:
    by_town: dict[str, list[str]] = defaultdict(list)
    for village in load_villages():
        by_town[village.town_code].append(village.name)
    assert all(len(set(names)) == len(names) for names in by_town.values())
    assert len(by_town["330282107"]) == 38


def test_legal_basis_versions_of_one_code_do_not_overlap() -> None:
    by_code = defaultdict(list)
    for basis in load_legal_bases():
        by_code[basis.code].append(basis)
    for versions in by_code.values():
        versions.sort(key=lambda b: b.effective_from)
        for older, newer in itertools.pairwise(versions):
            assert older.effective_to is not None
            assert older.effective_to <= newer.effective_from


def test_1997_2012_texts_end_on_2026_03_29_and_2026_placeholders_are_unverified() -> None:
    bases = load_legal_bases()
    national = [b for b in bases if b.code.startswith("national.")]
    current = [b for b in national if b.effective_to == date(2026, 3, 30)]
    assert {b.article for b in current} == {"第十条", "第十五条", "第二十条"}
    revision = [b for b in national if b.version == "2026"]
    assert len(revision) == 3
    assert all(b.effective_from == date(2026, 3, 30) and not b.verified for b in revision)
    assert {b.code for b in revision} == {b.code for b in current}
    assert any(b.code.startswith("zhejiang.") for b in bases)
    assert any(b.code.startswith("ningbo.") for b in bases)


def test_legal_basis_ids_are_stable() -> None:
    assert [b.id for b in load_legal_bases()] == [b.id for b in load_legal_bases()]
