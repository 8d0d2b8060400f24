"""Resident identity numbers (公民身份号码, GB 11643): normalise, check, parse, mask, age and generate."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from fieldvisit.domain.enums import Sex

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_ID18 = re.compile(r"[0-9]{17}[0-9X]")
_ID15 = re.compile(r"[0-9]{15}")
_EARLIEST_BIRTH = date(1900, 1, 1)
_FULL_WIDTH = {0xFF10 + i: str(i) for i in range(10)} | {0xFF38: "X", 0xFF58: "X", ord("x"): "X"}


@dataclass(frozen=True)
class IdNumberCheck:
    """The outcome of checking one ID number: what it says, and what is wrong with it (in Chinese).

    `valid` is False exactly when `errors` is not empty; warnings never make a number invalid. For a
    15-digit legacy number `upgraded` holds the computed 18-digit form.
    """

    normalized: str
    valid: bool
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    birth_date: date | None = None
    sex: Sex | None = None
    region_code: str = ""
    legacy_15: bool = False
    upgraded: str = ""


def normalize_id_number(raw: str) -> str:
    """Remove all whitespace, turn full-width digits and Ｘ/ｘ/x into ASCII `X`; leave other characters alone."""
    return "".join(ch for ch in raw if not ch.isspace()).translate(_FULL_WIDTH)


def check_digit(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character ("0"–"9" or "X") for the first 17 digits."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError(f"校验码需要17位数字，收到：{first17!r}")
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def upgrade_legacy_id(id15: str) -> str:
    """The 18-digit form of a 15-digit legacy number: insert "19" before the year, append the check digit."""
    normalized = normalize_id_number(id15)
    if not _ID15.fullmatch(normalized):
        raise ValueError(f"不是15位旧身份证号码：{id15!r}")
    first17 = normalized[:6] + "19" + normalized[6:]
    return first17 + check_digit(first17)


def _birth_date(digits: str) -> date | None:
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


def parse_id_number(raw: str, *, today: date, known_regions: Collection[str] | None = None) -> IdNumberCheck:
    """Check an ID number and read its region, birth date and sex.

    Errors: wrong length or characters, a birth date that does not exist, lies after `today` or before 1900,
    a wrong check digit. Warnings: a 15-digit legacy number; a region code not in `known_regions` (when given).
    """
    normalized = normalize_id_number(raw)
    if not normalized:
        return IdNumberCheck(normalized, False, errors=("身份证号码为空",))
    legacy = len(normalized) == 15
    if legacy and not _ID15.fullmatch(normalized):
        return IdNumberCheck(normalized, False, errors=("15位旧身份证号码只能由数字组成",))
    if not legacy and len(normalized) != 18:
        return IdNumberCheck(normalized, False, errors=(f"身份证号码应为18位，当前为{len(normalized)}位",))
    if not legacy and not _ID18.fullmatch(normalized):
        return IdNumberCheck(normalized, False, errors=("身份证号码前17位应为数字，最后一位应为数字或X",))

    errors: list[str] = []
    warnings: list[str] = []
    region = normalized[:6]
    birth_digits = "19" + normalized[6:12] if legacy else normalized[6:14]
    sex_digit = int(normalized[14] if legacy else normalized[16])
    birth = _birth_date(birth_digits)
    if birth is None:
        errors.append(f"出生日期{birth_digits}不是有效日期")
    elif birth > today:
        errors.append(f"出生日期{birth.isoformat()}晚于今天")
        birth = None
    elif birth < _EARLIEST_BIRTH:
        errors.append(f"出生日期{birth.isoformat()}早于1900年")
        birth = None
    upgraded = ""
    if legacy:
        upgraded = upgrade_legacy_id(normalized)
        warnings.append(f"这是15位旧身份证号码，对应的18位号码为{upgraded}，请核对后使用18位号码")
    elif check_digit(normalized[:17]) != normalized[17]:
        errors.append("身份证号码校验码不正确，请逐位核对号码")
    if known_regions is not None and region not in known_regions:
        warnings.append(f"地址码{region}不在已知行政区划代码中，请核对")
    return IdNumberCheck(
        normalized=normalized,
        valid=not errors,
        errors=tuple(errors),
        warnings=tuple(warnings),
        birth_date=birth,
        sex=Sex.MALE if sex_digit % 2 else Sex.FEMALE,
        region_code=region,
        legacy_15=legacy,
        upgraded=upgraded,
    )


def age_on(birth: date, on: date) -> int:
    """Full years of age (周岁) on `on`. Someone born on 29 February turns a year older on 1 March in other years."""
    if on < birth:
        raise ValueError(f"计算年龄的日期{on.isoformat()}早于出生日期{birth.isoformat()}")
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def date_of_age(birth: date, years: int) -> date:
    """The first day on which someone born on `birth` is `years` full years old (29 February → 1 March)."""
    try:
        return birth.replace(year=birth.year + years)
    except ValueError:
        return date(birth.year + years, 3, 1)


def mask_id_number(id_number: str | None) -> str:
    """Show only the first 6 and last 4 characters, e.g. 330282********1234; shorter input is masked harder."""
    if not id_number:
        return ""
    value = normalize_id_number(id_number)
    n = len(value)
    if n >= 11:
        return value[:6] + "*" * (n - 10) + value[-4:]
    if n >= 6:
        return "*" * (n - 2) + value[-2:]
    return "*" * n


def make_id_number(region: str, birth: date, seq: int, sex: Sex) -> str:
    """A valid 18-digit number for test factories and demo data.

    `seq` (0–499) numbers people of one sex born on one day in one region; the 3-digit 顺序码 is
    2 × seq + 1 for men and 2 × seq for women, so its last digit carries the sex as GB 11643 requires.
    """
    if len(region) != 6 or not region.isascii() or not region.isdigit():
        raise ValueError(f"地址码应为6位数字：{region!r}")
    if not 0 <= seq <= 499:
        raise ValueError(f"顺序号应在0–499之间：{seq}")
    if not 1000 <= birth.year <= 9999:
        raise ValueError(f"出生年份应为4位数：{birth.year}")
    order = 2 * seq + (1 if sex == Sex.MALE else 0)
    first17 = f"{region}{birth:%Y%m%d}{order:03d}"
    return first17 + check_digit(first17)
