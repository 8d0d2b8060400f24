"""Upgrade safety: every released schema's fixture store opens with today's code, intact, after a backup copy."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from fieldvisit.domain.assistance import HouseholdAssessment
from fieldvisit.domain.burial import GraveCase
from fieldvisit.domain.children import ChildFile, ChildVisit
from fieldvisit.store.migrate import current_revision, head_revision
from fieldvisit.store.workspace import open_workspace

STORES = Path(__file__).resolve().parents[1] / "fixtures" / "stores"
MODELS = {
    "household_assessment": HouseholdAssessment,
    "child_file": ChildFile,
    "child_visit": ChildVisit,
    "grave_case": GraveCase,
}
FIXTURES = sorted(p for p in STORES.iterdir() if (p / "manifest.json").is_file())


def test_there_is_a_fixture_for_the_first_released_schema() -> None:
    assert "0001" in {p.name for p in FIXTURES}


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_fixture_store_upgrades_with_data_intact_and_a_backup(fixture: Path, tmp_path: Path) -> None:
    copy = tmp_path / fixture.name
    shutil.copytree(fixture, copy)
    manifest = json.loads((copy / "manifest.json").read_text(encoding="utf-8"))

    workspace = open_workspace(copy, password=manifest["password"])
    try:
        report = workspace.migration
        assert report is not None
        assert report.to_revision == head_revision()
        if manifest["revision"] != head_revision():
            assert report.backup is not None and report.backup.is_file()
            assert report.backup.read_bytes() == (fixture / "fieldvisit.db").read_bytes()
        with workspace.engine.connect() as connection:
            assert current_revision(connection) == head_revision()
            for name, expected in manifest["counts"].items():
                assert connection.execute(select(func.count()).select_from(MODELS[name])).scalar_one() == expected
            assert sorted(connection.execute(select(ChildFile.name)).scalars()) == manifest["child_names"]
    finally:
        workspace.close()
