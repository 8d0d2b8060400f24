"""Built-in checks of one answer by field type, with Chinese messages; answers are read, never altered."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal, InvalidOperation
from typing import Any

from fieldvisit.domain.resident_id import parse_id_number
from fieldvisit.formspec.expr import is_blank
from fieldvisit.formspec.money import MAX_FEN, MoneyError, parse_money
from fieldvisit.formspec.spec import FieldSpec, FieldType, Severity

EARLIEST_YEAR = 1900
LATEST_YEAR = 2100
_CST = timezone(timedelta(hours=8))
_DATE = re.compile(r"([0-9]{4})\s*(?:[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?|([0-9]{2})([0-9]{2}))")
_TIME = re.compile(r"([0-9]{1,2})[:时]([0-9]{2})(?:[:分]([0-9]{2})(?:\.[0-9]+)?)?秒?")
_MOBILE = re.compile(r"(?:\+?86)?1[3-9][0-9]{9}")
_LANDLINE = re.compile(r"(?:\+?86)?0[0-9]{2,3}[0-9]{7,8}|[2-9][0-9]{6,7}")
_ALLOWED_CONTROLS = {"\n", "\r", "\t"}


@dataclass(frozen=True)
class Problem:
    """What is wrong with one answer: the message for the worker (Chinese) and its English source."""

    message_zh: str
    message: str
    severity: Severity = "error"


def check_value(spec: FieldSpec, value: Any, *, today: date) -> tuple[Any, list[Problem]]:
    """The answer as rules see it (text parsed to its type; None when unusable) and its problems.

    A blank answer has no problems here: whether it must be filled is the `required` rule's business.
    Computed values and repeat groups pass through (rows are checked column by column elsewhere).
    """
    if is_blank(value) or spec.type is FieldType.REPEAT:
        return value, []
    if spec.type is FieldType.COMPUTED:
        return _computed(spec, value, today), []
    checker = _CHECKERS.get(spec.type)
    if checker is None:
        return value, []
    return checker(spec, value, today)


def _computed(spec: FieldSpec, value: Any, today: date) -> Any:
    """A computed value as rules see it: parsed to its result type when it can be, else as given.

    Computed values come from the domain, which answers for them; formspec only reads them.
    """
    checker = _CHECKERS.get(spec.value_type)
    if checker is None or spec.value_type is FieldType.COMPUTED:
        return value
    typed, problems = checker(spec, value, today)
    return value if problems else typed


def _text(spec: FieldSpec, value: Any, today: date) -> tuple[Any, list[Problem]]:
    if not isinstance(value, str):
        return None, [Problem(f"{spec.label_zh}应填写文字", f"{spec.label} must be text")]
    problems = _character_problems(spec, value)
    if spec.max_length is not None and len(value) > spec.max_length:
        problems.append(
            Problem(
                f"{spec.label_zh}最多{spec.max_length}个字，现有{len(value)}个字，请精简",
                f"{spec.label} takes at most {spec.max_length} characters; it has {len(value)}",
            )
        )
    return value, problems


def _character_problems(spec: FieldSpec, value: str) -> list[Problem]:
    """Characters that cannot be stored or printed faithfully: lone surrogates and control characters.

    Every real character is accepted as given, including CJK extensions (𠮷, 䶮) and emoji.
    """
    if any("\ud800" <= ch <= "\udfff" for ch in value):
        return [Problem(f"{spec.label_zh}含有无法保存的字符，请重新输入", f"{spec.label} has unstorable characters")]
    if any(unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS for ch in value):
        return [
            Problem(
                f"{spec.label_zh}含有看不见的控制字符，请删除后重新输入",
                f"{spec.label} contains invisible control characters",
            )
        ]
    return []


def _id_number(spec: FieldSpec, value: Any, today: date) -> tuple[Any, list[Problem]]:
    if not isinstance(value, str):
        return None, [Problem(f"{spec.label_zh}应填写文字", f"{spec.label} must be text")]
    problems = _character_problems(spec, value)
    if problems:
        return None, problems
    check = parse_id_number(value, today=today)
    problems = [Problem(f"{spec.label_zh}：{message}", f"{spec.label} is not valid") for message in check.errors]
    problems += [
        Problem(f"{spec.label_zh}：{message}", f"{spec.label}: please check", "warning") for message in check.warnings
    ]
    if check.valid and check.normalized != value and not check.legacy_15:
        problems.append(
            Problem(
                f"{spec.label_zh}含空格、全角字符或小写x，标准写法为{check.normalized}",
                f"{spec.label} has spaces, full-width characters or a lower-case x",
                "warning",
            )
        )
    return value, problems


def _phone(spec: FieldSpec, value: Any, today: date) -> tuple[Any, list[Problem]]:
    if not isinstance(value, str):
        return None, [Problem(f"{spec.label_zh}应填写文字", f"{spec.label} must be text")]
    digits = re.sub(r"[\s\-()（）]", "", unicodedata.normalize("NFKC", value))
    if _MOBILE.fullmatch(digits) or _LANDLINE.fullmatch(digits):
        return value, []
    return value, [
        Problem(
            f"{spec.label_zh}应为11位手机号码或带区号的固定电话（如 0574-63012345）",
            f"{spec.label} must be an 11-digit mobile number or a landline with its area code",
        )
    ]


def _integer(spec: FieldSpec, value: Any, today: date) -> tuple[Any, list[Problem]]:
    problem = Problem(f"{spec.label_zh}应填写整数", f"{spec.label} must be a whole number")
    if isinstance(value, bool):
        return None, [problem]
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
        if re.fullmatch(r"[+-]?[0-9]{1,18}", text):
            value = int(text)
    if isinstance(value, int) and not isinstance(value, bool):
        if abs(value) < 2**63:
            return value, []
        return None, [Problem(f"{spec.label_zh}超出允许范围", f"{spec.label} is out of range")]
    return None, [problem]


def _money(spec: FieldSpec, value: Any, today: date) -> tuple[Any, list[Problem]]:
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 0:
            return None, [Problem(f"{spec.label_zh}：金额必须是不小于0的数字", f"{spec.label} must not be negative")]
        if value > MAX_FEN:
            return None, [Problem(f"{spec.label_zh}：金额超出允许范围，请核对", f"{spec.label} is out of range")]
        return value, []
    if isinstance(value, str):
        try:
            return parse_money(value), []
        except MoneyError as exc:
            return None, [Problem(f"{spec.label_zh}：{exc.message_zh}", f"{spec.label}: {exc.message}")]
    return None, [
        Problem(
            f"{spec.label_zh}：金额必须是不小于0的数字",
            f"{spec.label} must be an amount in yuan (text) or in fen (integer)",
        )
    ]


def _decimal(spec: FieldSpec, value: Any, today: date) -> tuple[Any, list[Problem]]:
    problem = Problem(f"{spec.label_zh}应填写数字", f"{spec.label} must be a number")
    if isinstance(value, bool):
        return None, [problem]
    if isinstance(value, str):
        try:
            value = Decimal(unicodedata.normalize("NFKC", value).strip())
        except InvalidOperation:
            return None, [problem]
    if isinstance(value, int | float | Decimal):
        if isinstance(value, float | Decimal) and not Decimal(value).is_finite():
            return None, [problem]
        return value, []
    return None, [problem]


def parse_date_text(text: str) -> date | Problem:
    """A date typed as 2024-05-01, 2024/5/1, 2024.05.01, 2024年5月1日 or 20240501, or what is wrong with it."""
    match = _DATE.fullmatch(unicodedata.normalize("NFKC", text).strip())
    if not match:
        return Problem("日期格式不正确，请按 年-月-日 填写（如 2024-05-01）", "Dates are written 2024-05-01")
    year, month, day = match.group(1), match.group(2) or match.group(4), match.group(3) or match.group(5)
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return Problem(
            f"日期不存在：{int(year)}年{int(month)}月没有{int(day)}日",
            f"There is no such date: {year}-{month}-{day}",
        )


def _date_range(spec: FieldSpec, value: date) -> list[Problem]:
    if EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        return []
    return [
        Problem(
            f"{spec.label_zh}超出合理范围（{EARLIEST_YEAR}年至{LATEST_YEAR}年），请核对",
            f"{spec.label} is outside {EARLIEST_YEAR}–{LATEST_YEAR}",
        )
    ]


def _date(spec: FieldSpec, value: Any, today: date) -> tuple[Any, list[Problem]]:
    if isinstance(value, datetime):
        value = value.astimezone(_CST).date() if value.tzinfo else value.date()
    if isinstance(value, str):
        parsed = parse_date_text(value)
        if isinstance(parsed, Problem):
            return None, [Problem(f"{spec.label_zh}：{parsed.message_zh}", f"{spec.label}: {parsed.message}")]
        value = parsed
    if not isinstance(value, date):
        return None, [Problem(f"{spec.label_zh}应填写日期", f"{spec.label} must be a date")]
    return value, _date_range(spec, value)


def _datetime(spec: FieldSpec, value: Any, today: date) -> tuple[Any, list[Problem]]:
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
        day_text, _, time_text = text.replace("T", " ").partition(" ")
        parsed = parse_date_text(day_text)
        if isinstance(parsed, Problem):
            return None, [Problem(f"{spec.label_zh}：{parsed.message_zh}", f"{spec.label}: {parsed.message}")]
        clock = _parse_time(time_text.strip())
        if clock is None:
            return None, [
                Problem(
                    f"{spec.label_zh}：时间格式不正确，请按 时:分 填写（如 09:30）",
                    f"{spec.label}: times are written 09:30",
                )
            ]
        value = datetime.combine(parsed, clock, tzinfo=_CST)
    if not isinstance(value, datetime):
        return None, [Problem(f"{spec.label_zh}应填写日期和时间", f"{spec.label} must be a date and time")]
    return value, _date_range(spec, value)


def _parse_time(text: str) -> time | None:
    if not text:
        return time(0, 0)
    match = _TIME.fullmatch(text)
    if not match:
        return None
    try:
        return time(int(match.group(1)), int(match.group(2)), int(match.group(3) or 0))
    except ValueError:
        return None


def _choice(spec: FieldSpec, value: Any, today: date) -> tuple[Any, list[Problem]]:
    is_code = isinstance(value, str | int) and not isinstance(value, bool)
    if is_code and (spec.lookup or spec.choices_from or value in spec.choice_values):
        return value, []
    return None, [Problem(f"{spec.label_zh}的选项无效：{value!r}", f"{value!r} is not a choice of {spec.label}")]


def _multichoice(spec: FieldSpec, value: Any, today: date) -> tuple[Any, list[Problem]]:
    if not isinstance(value, list | tuple):
        return None, [Problem(f"{spec.label_zh}应为多选", f"{spec.label} must be a list of choices")]
    problems: list[Problem] = []
    for item in value:
        _, item_problems = _choice(spec, item, today)
        problems += item_problems
    return (None if problems else list(value)), problems


def _yesno(spec: FieldSpec, value: Any, today: date) -> tuple[Any, list[Problem]]:
    if isinstance(value, bool):
        return value, []
    return None, [Problem(f"{spec.label_zh}请选择“是”或“否”", f"{spec.label} must be yes or no")]


def _attachments(spec: FieldSpec, value: Any, today: date) -> tuple[Any, list[Problem]]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not all(isinstance(item, str | Mapping) for item in value):
        return None, [Problem(f"{spec.label_zh}的附件数据不正确", f"{spec.label} must list attachments")]
    if spec.max_count is not None and len(value) > spec.max_count:
        return list(value), [
            Problem(f"{spec.label_zh}最多{spec.max_count}个", f"{spec.label} takes at most {spec.max_count}")
        ]
    return list(value), []


_CHECKERS = {
    FieldType.TEXT: _text,
    FieldType.MULTILINE: _text,
    FieldType.ID_NUMBER: _id_number,
    FieldType.PHONE: _phone,
    FieldType.INTEGER: _integer,
    FieldType.MONEY: _money,
    FieldType.DECIMAL: _decimal,
    FieldType.DATE: _date,
    FieldType.DATETIME: _datetime,
    FieldType.CHOICE: _choice,
    FieldType.MULTICHOICE: _multichoice,
    FieldType.YESNO: _yesno,
    FieldType.PHOTO: _attachments,
    FieldType.SIGNATURE: _attachments,
}
