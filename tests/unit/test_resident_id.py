from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fieldvisit.domain.assistance import Sex
from fieldvisit.domain.resident_id import (
    age_on,
    check_digit,
    date_of_age,
    make_id_number,
    mask_id_number,
    normalize_id_number,
    parse_id_number,
    upgrade_legacy_id,
)

TODAY = date(2026, 3, 15)


def _with_check(first17: str) -> str:
    return first17 + check_digit(first17)


def test_known_valid_number_parses_with_birth_date_sex_and_region() -> None:
    result = parse_id_number("11010519491231002X", today=TODAY)
    assert result.valid
    assert result.errors == ()
    assert result.birth_date == date(1949, 12, 31)
    assert result.sex == Sex.FEMALE
    assert result.region_code == "110105"
    assert not result.legacy_15


def test_check_digit_of_the_standards_examples() -> None:
    assert check_digit("11010519491231002") == "X"
    assert check_digit("44052418800101001") == "4"


@given(first17=st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_check_digit_satisfies_the_iso_7064_mod_11_2_definition(first17: str) -> None:
    # ISO 7064 MOD 11-2: with a_18 the check value (X = 10), sum(a_i * 2^(18-i)) ≡ 1 (mod 11).
    char = check_digit(first17)
    values = [int(d) for d in first17] + [10 if char == "X" else int(char)]
    assert sum(a * pow(2, 17 - i, 11) for i, a in enumerate(values)) % 11 == 1


def test_wrong_checksum_is_an_error() -> None:
    result = parse_id_number("360426199101010072", today=TODAY)
    assert not result.valid
    assert any("校验码" in e for e in result.errors)
    assert result.birth_date == date(1991, 1, 1)


@pytest.mark.parametrize("birth", ["19990230", "20230229", "19991301", "19990000"])
def test_impossible_birth_date_is_an_error_even_with_a_correct_check_digit(birth: str) -> None:
    result = parse_id_number(_with_check(f"330282{birth}123"), today=TODAY)
    assert not result.valid
    assert result.errors == (f"出生日期{birth}不是有效日期",)
    assert result.birth_date is None


def test_future_birth_date_is_an_error() -> None:
    result = parse_id_number(_with_check("33028220991231123"), today=TODAY)
    assert not result.valid
    assert any("晚于今天" in e for e in result.errors)


def test_birth_on_today_is_allowed_but_tomorrow_is_not() -> None:
    today_number = _with_check(f"330282{TODAY:%Y%m%d}123")
    tomorrow_number = _with_check(f"330282{TODAY + timedelta(days=1):%Y%m%d}123")
    assert parse_id_number(today_number, today=TODAY).valid
    assert not parse_id_number(tomorrow_number, today=TODAY).valid


def test_birth_before_1900_is_an_error() -> None:
    result = parse_id_number(_with_check("33028218991231123"), today=TODAY)
    assert not result.valid
    assert any("1900" in e for e in result.errors)
    assert parse_id_number(_with_check("33028219000101123"), today=TODAY).valid


def test_full_width_input_is_normalized_and_valid() -> None:
    result = parse_id_number("１１０１０５１９４９１２３１００２ｘ", today=TODAY)
    assert result.normalized == "11010519491231002X"
    assert result.valid


def test_normalize_strips_spaces_and_uppercases_x_only() -> None:
    assert normalize_id_number(" 110105 19491231 002x\u3000") == "11010519491231002X"
    assert normalize_id_number("１２３Ｘ") == "123X"
    assert normalize_id_number("ab-12x") == "ab-12X"


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("", "为空"),
        ("1101051949123100", "应为18位"),
        ("11010519491231002XX", "应为18位"),
        ("1101051949123100XX", "最后一位"),
        ("11010519491231002Y", "最后一位"),
        ("11010a491231002", "只能由数字"),
    ],
)
def test_malformed_numbers_are_errors(raw: str, fragment: str) -> None:
    result = parse_id_number(raw, today=TODAY)
    assert not result.valid
    assert any(fragment in e for e in result.errors)


def test_legacy_15_digit_number_is_flagged_and_upgraded() -> None:
    result = parse_id_number("110105491231002", today=TODAY)
    assert result.legacy_15
    assert result.valid
    assert result.upgraded == "11010519491231002X"
    assert result.birth_date == date(1949, 12, 31)
    assert result.sex == Sex.FEMALE
    assert any("15位" in w for w in result.warnings)
    assert upgrade_legacy_id("110105491231002") == "11010519491231002X"


def test_legacy_sex_comes_from_the_last_digit() -> None:
    assert parse_id_number("330282650101013", today=TODAY).sex == Sex.MALE


def test_legacy_with_impossible_date_is_invalid() -> None:
    assert not parse_id_number("330282650230013", today=TODAY).valid


def test_upgrade_rejects_non_legacy_input() -> None:
    with pytest.raises(ValueError):
        upgrade_legacy_id("11010519491231002X")


def test_unknown_region_is_a_warning_not_an_error() -> None:
    result = parse_id_number("11010519491231002X", today=TODAY, known_regions={"330282"})
    assert result.valid
    assert any("110105" in w for w in result.warnings)
    known = parse_id_number("11010519491231002X", today=TODAY, known_regions={"110105"})
    assert known.warnings == ()


@pytest.mark.parametrize("bad", ["1101051949123100", "1101051949123100a2", "１１０１０５１９４９１２３１００２"])
def test_check_digit_requires_17_ascii_digits(bad: str) -> None:
    with pytest.raises(ValueError):
        check_digit(bad)


def test_mask_shows_first_six_and_last_four() -> None:
    assert mask_id_number("330282199001011234") == "330282********1234"
    assert mask_id_number("11010519491231002x") == "110105********002X"
    assert mask_id_number("110105491231002") == "110105*****1002"


@pytest.mark.parametrize("value", [None, "", "1", "12345", "123456", "1234567890"])
def test_mask_never_raises_and_never_reveals_short_input(value: str | None) -> None:
    masked = mask_id_number(value)
    assert len(masked) == len(value or "")
    assert masked.count("*") >= len(masked) - 2
    if value and len(value) < 6:
        assert set(masked) == {"*"}


def test_age_on_counts_full_years() -> None:
    birth = date(2008, 6, 15)
    assert age_on(birth, date(2026, 6, 14)) == 17
    assert age_on(birth, date(2026, 6, 15)) == 18
    assert age_on(birth, birth) == 0


def test_age_on_leap_day_birthday() -> None:
    birth = date(2008, 2, 29)
    assert age_on(birth, date(2026, 2, 28)) == 17
    assert age_on(birth, date(2026, 3, 1)) == 18
    assert age_on(birth, date(2028, 2, 29)) == 20


def test_age_on_before_birth_raises() -> None:
    with pytest.raises(ValueError):
        age_on(date(2020, 1, 2), date(2020, 1, 1))


def test_date_of_age_matches_age_on() -> None:
    assert date_of_age(date(2008, 6, 15), 18) == date(2026, 6, 15)
    assert date_of_age(date(2008, 2, 29), 18) == date(2026, 3, 1)
    assert date_of_age(date(2008, 2, 29), 20) == date(2028, 2, 29)


def test_make_id_number_rejects_bad_input() -> None:
    with pytest.raises(ValueError):
        make_id_number("33028", date(1990, 1, 1), 1, Sex.MALE)
    with pytest.raises(ValueError):
        make_id_number("330282", date(1990, 1, 1), 500, Sex.MALE)


regions = st.text(alphabet="0123456789", min_size=6, max_size=6)
births = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)
sexes = st.sampled_from(list(Sex))


@given(region=regions, birth=births, seq=st.integers(0, 499), sex=sexes)
def test_generated_numbers_parse_back(region: str, birth: date, seq: int, sex: Sex) -> None:
    number = make_id_number(region, birth, seq, sex)
    result = parse_id_number(number, today=TODAY)
    assert result.valid, result.errors
    assert result.normalized == number
    assert result.birth_date == birth
    assert result.sex == sex
    assert result.region_code == region


@given(
    region=regions,
    birth=births,
    seq=st.integers(0, 499),
    sex=sexes,
    position=st.integers(0, 17),
    data=st.data(),
)
def test_changing_any_one_character_makes_the_number_invalid(
    region: str, birth: date, seq: int, sex: Sex, position: int, data: st.DataObject
) -> None:
    number = make_id_number(region, birth, seq, sex)
    alphabet = "0123456789X" if position == 17 else "0123456789"
    replacement = data.draw(st.sampled_from([c for c in alphabet if c != number[position]]))
    changed = number[:position] + replacement + number[position + 1 :]
    assert not parse_id_number(changed, today=TODAY).valid


@given(birth=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), years=st.integers(0, 120))
def test_date_of_age_is_the_first_day_of_that_age(birth: date, years: int) -> None:
    day = date_of_age(birth, years)
    assert age_on(birth, day) == years
    if years:
        assert age_on(birth, day - timedelta(days=1)) == years - 1
