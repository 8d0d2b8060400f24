"""Assigning record numbers (编号) from the configured templates: the next free sequence in its series."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy import Column
from sqlmodel import Session, col, select

MAX_TRIES = 100_000


def next_free(existing: Iterable[str], make: Callable[[int], str], start: int = 1) -> tuple[int, str]:
    """The first sequence from `start` whose number is not taken (works for any template)."""
    taken = set(existing)
    for seq in range(max(start, 1), max(start, 1) + MAX_TRIES):
        number = make(seq)
        if number not in taken:
            return seq, number
    raise RuntimeError("no free number in the series")


def numbers_like(session: Session, column: Column, prefix: str) -> list[str]:
    """Numbers already used that start with `prefix` (the part of a number before its sequence)."""
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return [str(n) for n in session.exec(select(column).where(col(column).like(f"{escaped}%", escape="\\"))).all()]


def template_prefix(make: Callable[[int], str]) -> str:
    """The common beginning of numbers 1 and 2 of a series: what every number of that series starts with."""
    first, second = make(1), make(2)
    length = 0
    while length < min(len(first), len(second)) and first[length] == second[length]:
        length += 1
    return first[:length]
