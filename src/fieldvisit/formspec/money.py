"""Money as typed by a worker (元, up to two decimals) to and from integer fen, refusing anything doubtful."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

MAX_FEN = 10**15
"""Ten trillion 元: far above any household amount, well inside a 64-bit integer column."""

_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_PLAIN = re.compile(r"\d+(?:\.\d+)?|\.\d+")


class MoneyError(ValueError):
    """A money text that cannot be taken as an amount; carries the message to show the worker."""

    def __init__(self, message_zh: str, message: str) -> None:
        super().__init__(message)
        self.message_zh = message_zh
        self.message = message


_NOT_A_NUMBER_ZH = "金额必须是不小于0的数字"
_NOT_A_NUMBER = "The amount must be a number not less than 0"


def parse_money(text: str) -> int:
    """The amount in fen of a text such as "1005", "1,005.50", "￥1005元" or full-width "１００５".

    Refuses (MoneyError) negatives, letters, misplaced thousands separators, more than two decimals and
    absurd sizes. The text itself is never changed; only the parsed amount is returned.
    """
    if not isinstance(text, str):
        raise MoneyError(_NOT_A_NUMBER_ZH, _NOT_A_NUMBER)
    cleaned = unicodedata.normalize("NFKC", text).strip()
    cleaned = cleaned.removeprefix("¥").removesuffix("元").strip()
    if cleaned.startswith("-"):
        raise MoneyError(_NOT_A_NUMBER_ZH, "The amount must not be negative")
    if not (_PLAIN.fullmatch(cleaned) or _GROUPED.fullmatch(cleaned)) or not cleaned.isascii():
        raise MoneyError(_NOT_A_NUMBER_ZH, _NOT_A_NUMBER)
    try:
        amount = Decimal(cleaned.replace(",", ""))
    except InvalidOperation:
        raise MoneyError(_NOT_A_NUMBER_ZH, _NOT_A_NUMBER) from None
    fen = amount * 100
    if fen != fen.to_integral_value():
        raise MoneyError("金额最多保留两位小数（精确到分）", "An amount has at most two decimals (fen)")
    if fen > MAX_FEN:
        raise MoneyError("金额超出允许范围，请核对", "The amount is out of range; please check it")
    return int(fen)


def format_money(fen: int) -> str:
    """An amount in fen as 元 with thousands separators and two decimals: 100500 -> "1,005.00"."""
    if isinstance(fen, bool) or not isinstance(fen, int):
        raise TypeError(f"format_money() takes integer fen, not {type(fen).__name__}")
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), 100)
    return f"{sign}{yuan:,}.{cents:02d}"
