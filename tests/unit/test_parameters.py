from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from fieldvisit.assets import resource_path
from fieldvisit.domain.parameters import (
    MissingParameterError,
    ParameterSet,
    ParameterValueError,
    default_parameter_set,
    load_default_parameters,
    locality_chain,
)
from fieldvisit.domain.shared import Parameter


@dataclass(frozen=True)
class Row:
    key: str
    value: str
    locality: str = "330282"
    effective_from: date = date(2021, 1, 1)
    effective_to: date | None = None


def test_latest_effective_from_wins_on_each_side_of_the_change() -> None:
    params = ParameterSet(
        [
            Row("minimum_living_standard", "100500", effective_from=date(2021, 1, 1)),
            Row("minimum_living_standard", "110000", effective_from=date(2024, 1, 1)),
        ]
    )
    assert params.money_fen("minimum_living_standard", date(2023, 12, 31)) == 100500
    assert params.money_fen("minimum_living_standard", date(2024, 1, 1)) == 110000
    with pytest.raises(MissingParameterError):
        params.get("minimum_living_standard", date(2020, 12, 31))


def test_effective_to_is_exclusive() -> None:
    params = ParameterSet([Row("x", "1", effective_from=date(2025, 1, 1), effective_to=date(2025, 7, 1))])
    assert params.get("x", date(2025, 6, 30)) == 1
    with pytest.raises(MissingParameterError):
        params.get("x", date(2025, 7, 1))


def test_locality_fallback_prefers_the_most_specific_row_in_force() -> None:
    params = ParameterSet(
        [
            Row("f", '"1.5"', locality=""),
            Row("f", '"2"', locality="3302"),
            Row("f", '"3"', locality="330282", effective_from=date(2030, 1, 1)),
        ]
    )
    assert params.decimal("f", date(2025, 1, 1)) == Decimal("2")
    assert params.decimal("f", date(2030, 1, 1)) == Decimal("3")
    assert params.decimal("f", date(2025, 1, 1), locality="330281") == Decimal("2")
    assert params.decimal("f", date(2025, 1, 1), locality="110105") == Decimal("1.5")


def test_locality_chain_and_normalization() -> None:
    assert locality_chain("330282") == ("330282", "3302", "33", "")
    assert locality_chain("330282107") == ("330282107", "330282", "3302", "33", "")
    assert locality_chain("") == ("",)
    params = ParameterSet([Row("n", "7", locality="330200")])
    assert params.days("n", date(2025, 1, 1)) == 7
    assert params.find("n", date(2025, 1, 1), "330282107").locality == "330200"


def test_missing_parameter_names_key_and_date() -> None:
    params = ParameterSet([Row("a", "1")])
    with pytest.raises(MissingParameterError) as caught:
        params.get("minimum_living_standard", date(2025, 5, 6))
    assert "minimum_living_standard" in str(caught.value)
    assert "2025-05-06" in str(caught.value)
    assert caught.value.key == "minimum_living_standard"


def test_typed_helpers_refuse_the_wrong_kind() -> None:
    params = ParameterSet(
        [Row("money", "1.5"), Row("neg", "-1"), Row("flag", "true"), Row("text", '"abc"'), Row("none", "null")]
    )
    on = date(2025, 1, 1)
    with pytest.raises(ParameterValueError):
        params.money_fen("money", on)
    with pytest.raises(ParameterValueError):
        params.days("neg", on)
    with pytest.raises(ParameterValueError):
        params.integer("flag", on)
    with pytest.raises(ParameterValueError):
        params.decimal("text", on)
    assert params.optional_days("none", on) is None


def test_json_numbers_with_fractions_become_decimal_not_float() -> None:
    params = ParameterSet([Row("r", "0.1")])
    value = params.get("r", date(2025, 1, 1))
    assert isinstance(value, Decimal)
    assert value == Decimal("0.1")
    assert params.decimal("r", date(2025, 1, 1)) == Decimal("0.1")


def test_duplicate_rows_and_bad_json_are_rejected() -> None:
    with pytest.raises(ParameterValueError):
        ParameterSet([Row("a", "1"), Row("a", "2")])
    with pytest.raises(ParameterValueError):
        ParameterSet([Row("a", "{not json")])
    with pytest.raises(ParameterValueError):
        ParameterSet([Row("a", "1", effective_from=date(2025, 1, 1), effective_to=date(2025, 1, 1))])


def test_default_parameters_load_as_unsaved_rows_with_stable_ids() -> None:
    rows = load_default_parameters()
    assert all(isinstance(row, Parameter) for row in rows)
    assert [row.id for row in rows] == [row.id for row in load_default_parameters()]
    assert len({row.id for row in rows}) == len(rows)
    assert all(row.status in {"V", "P", "U"} for row in rows)
    assert all(row.source for row in rows)
    assert all(len(row.value) <= 200 for row in rows)


def test_every_parameter_entry_has_the_required_fields() -> None:
    with resource_path("reference", "parameters.toml").open("rb") as fh:
        entries = tomllib.load(fh)["parameter"]
    for entry in entries:
        assert {"key", "unit", "locality", "effective_from", "status", "source"} <= set(entry), entry["key"]


def test_reference_values_from_the_domain_reference() -> None:
    params = default_parameter_set()
    on = date(2026, 3, 15)
    assert params.money_fen("minimum_living_standard", on) == 100500
    assert params.money_fen("extreme_poverty_standard", on) == 170900
    assert params.decimal("near_minimum_living_factor", on) == Decimal("1.5")
    assert params.find("near_minimum_living_factor", on).locality == ""
    assert params.money_fen("orphan_institution_standard", on) == 302400
    assert params.money_fen("orphan_scattered_standard", on) == 241900
    assert params.money_fen("difficult_child_standard", on) == 241900
    assert params.money_fen("orphan_institution_standard", date(2022, 3, 31)) == 258000
    assert params.money_fen("difficult_child_standard", date(2022, 3, 31)) == 206400
    assert params.days("child_first_visit_working_days", on) == 5
    assert params.days("child_visit_interval_red_days", on) == 7
    assert params.days("child_visit_interval_yellow_days", on) == 30
    assert params.integer("child_end_age_left_behind", on) == 16
    assert params.integer("child_end_age_default", on) == 18
    assert params.days("burial_rectification_deadline_days", on) == 15
    assert params.decimal("burial_area_limit_ashes_single_m2", on) == Decimal("0.7")
    assert params.decimal("burial_area_limit_remains_double_m2", on) == Decimal("6")
    assert params.decimal("burial_headstone_height_limit_m", on) == Decimal("0.8")


def test_stored_values_are_json_text() -> None:
    by_key = {(row.key, row.effective_from): row for row in load_default_parameters()}
    row = by_key[("near_minimum_living_factor", date(2021, 7, 1))]
    assert json.loads(row.value) == "1.5"
    assert row.status == "V"


@pytest.mark.parametrize(
    ("value_lines", "status"),
    [
        ("value = 1.5", "U"),
        ("value = { cap = 0.7 }", "U"),
        ('value = 1\nvalue_json = "1"', "U"),
        ("value = 1", "X"),
    ],
)
def test_loader_rejects_floats_ambiguous_values_and_unknown_status(
    value_lines: str, status: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reference = tmp_path / "resources" / "reference"
    reference.mkdir(parents=True)
    (reference / "parameters.toml").write_text(
        f'[[parameter]]\nkey = "k"\n{value_lines}\nlocality = ""\neffective_from = 2025-01-01\nstatus = "{status}"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("FIELDVISIT_ASSETS", str(tmp_path))
    with pytest.raises(ParameterValueError):
        load_default_parameters()
