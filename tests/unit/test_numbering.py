from __future__ import annotations

from datetime import date

import pytest

from fieldvisit.domain.numbering import (
    default_numbering,
    format_case_no,
    format_child_file_no,
    format_notice_no,
    format_patrol_no,
    format_survey_no,
    load_numbering,
    next_notice_sequence,
    next_sequence,
    scheme_from_data,
)


def test_notice_number_format() -> None:
    assert format_notice_no("慈民殡", 2026, 1) == "慈民殡〔2026〕第001号"
    assert format_notice_no("慈民殡", 2026, 87) == "慈民殡〔2026〕第087号"
    assert format_notice_no("慈民殡", 2026, 1234) == "慈民殡〔2026〕第1234号"


def test_other_number_formats() -> None:
    assert format_survey_no("330282107", 2026, 12) == "CX-330282107-2026-0012"
    assert format_child_file_no("330282107", 3) == "ET-330282107-00003"
    assert format_case_no("330282107", 2026, 5) == "WF-330282107-2026-0005"
    assert format_patrol_no("330282107", date(2026, 3, 5), 2) == "XC-330282107-20260305-02"


def test_notice_sequence_restarts_each_year_and_per_issuer() -> None:
    existing = [("CXMZJ", 2026, seq) for seq in range(1, 88)] + [("TOWN107", 2026, 9)]
    seq_2026 = next_notice_sequence(existing, "CXMZJ", 2026)
    assert seq_2026 == 88
    assert format_notice_no("慈民殡", 2026, seq_2026 - 1) == "慈民殡〔2026〕第087号"
    seq_2027 = next_notice_sequence(existing, "CXMZJ", 2027)
    assert seq_2027 == 1
    assert format_notice_no("慈民殡", 2027, seq_2027) == "慈民殡〔2027〕第001号"
    assert next_notice_sequence(existing, "TOWN107", 2026) == 10
    assert next_notice_sequence([], "CXMZJ", 2026) == 1


def test_next_sequence_uses_the_highest_even_with_gaps() -> None:
    assert next_sequence([1, 5, 3]) == 6
    assert next_sequence([]) == 1


@pytest.mark.parametrize("seq", [0, -1])
def test_sequence_must_start_at_one(seq: int) -> None:
    with pytest.raises(ValueError):
        format_notice_no("慈民殡", 2026, seq)


def test_shipped_scheme_has_the_bureau_issuer() -> None:
    scheme = load_numbering()
    assert scheme.issuer("CXMZJ").prefix == "慈民殡"
    with pytest.raises(LookupError):
        scheme.issuer("NOPE")
    assert default_numbering() is default_numbering()


def _data(**overrides: str) -> dict[str, object]:
    templates = dict(load_numbering().templates) | overrides
    return {"templates": templates}


def test_custom_template_is_used() -> None:
    scheme = scheme_from_data(_data(notice="{prefix}字〔{year}〕{seq}号"))
    assert format_notice_no("观镇殡", 2026, 7, scheme=scheme) == "观镇殡字〔2026〕7号"


@pytest.mark.parametrize(
    "template",
    ["{prefix}〔{year}〕", "{prefix}{town}{seq}", "{prefix.__class__}{seq}", "{seq[0]}"],
)
def test_templates_without_seq_or_with_foreign_fields_are_refused(template: str) -> None:
    with pytest.raises(ValueError):
        scheme_from_data(_data(notice=template))


def test_missing_or_unknown_template_kind_is_refused() -> None:
    templates = dict(load_numbering().templates)
    del templates["patrol"]
    with pytest.raises(ValueError):
        scheme_from_data({"templates": templates})
    with pytest.raises(ValueError):
        scheme_from_data(_data(invoice="{seq}"))
