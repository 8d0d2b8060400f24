"""Record and document numbers (编号) from configurable templates: notices, surveys, child files, cases, patrols."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from string import Formatter
from types import MappingProxyType
from typing import Any

from fieldvisit.assets import resource_path

TEMPLATE_FIELDS: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "notice": frozenset({"prefix", "year", "seq"}),
        "survey": frozenset({"town", "year", "seq"}),
        "child_file": frozenset({"town", "seq"}),
        "case": frozenset({"town", "year", "seq"}),
        "patrol": frozenset({"town", "date", "seq"}),
    }
)


@dataclass(frozen=True)
class Issuer:
    """A body that issues numbered notices, with the prefix of its 文号 (e.g. 慈民殡)."""

    code: str
    name: str
    prefix: str


@dataclass(frozen=True)
class NumberingScheme:
    """The number templates in force and the known notice issuers."""

    templates: Mapping[str, str]
    issuers: tuple[Issuer, ...] = ()

    def issuer(self, code: str) -> Issuer:
        """The issuer with `code`."""
        for issuer in self.issuers:
            if issuer.code == code:
                return issuer
        raise LookupError(f"未配置发文单位：{code}")

    def format(self, kind: str, **fields: Any) -> str:
        """Fill template `kind` with `fields`; the sequence must be at least 1."""
        seq = fields["seq"]
        if isinstance(seq, bool) or not isinstance(seq, int) or seq < 1:
            raise ValueError(f"序号应为从1开始的整数：{seq!r}")
        return self.templates[kind].format(**fields)


def _check_template(kind: str, template: str) -> None:
    allowed = TEMPLATE_FIELDS[kind]
    used = {name for _, name, _, _ in Formatter().parse(template) if name is not None}
    if "seq" not in used:
        raise ValueError(f"编号模板“{kind}”缺少 {{seq}}：{template}")
    wrong = used - allowed
    if wrong:
        raise ValueError(f"编号模板“{kind}”只能使用 {sorted(allowed)}，不能使用 {sorted(wrong)}：{template}")


def scheme_from_data(data: Mapping[str, Any]) -> NumberingScheme:
    """Build and validate a scheme from the parsed numbering.toml structure."""
    templates = dict(data["templates"])
    missing = set(TEMPLATE_FIELDS) - set(templates)
    if missing:
        raise ValueError(f"缺少编号模板：{sorted(missing)}")
    for kind in templates:
        if kind not in TEMPLATE_FIELDS:
            raise ValueError(f"未知的编号模板：{kind}")
        _check_template(kind, templates[kind])
    issuers = tuple(Issuer(i["code"], i["name"], i["prefix"]) for i in data.get("issuer", []))
    return NumberingScheme(MappingProxyType(templates), issuers)


def load_numbering() -> NumberingScheme:
    """Read resources/reference/numbering.toml."""
    with resource_path("reference", "numbering.toml").open("rb") as fh:
        return scheme_from_data(tomllib.load(fh))


@cache
def default_numbering() -> NumberingScheme:
    """The shipped scheme, read once on first use."""
    return load_numbering()


def format_notice_no(prefix: str, year: int, seq: int, *, scheme: NumberingScheme | None = None) -> str:
    """A notice number such as 慈民殡〔2026〕第001号."""
    return (scheme or default_numbering()).format("notice", prefix=prefix, year=year, seq=seq)


def format_survey_no(town: str, year: int, seq: int, *, scheme: NumberingScheme | None = None) -> str:
    """A home-visit survey number such as CX-330282107-2026-0001."""
    return (scheme or default_numbering()).format("survey", town=town, year=year, seq=seq)


def format_child_file_no(town: str, seq: int, *, scheme: NumberingScheme | None = None) -> str:
    """A child file number such as ET-330282107-00001."""
    return (scheme or default_numbering()).format("child_file", town=town, seq=seq)


def format_case_no(town: str, year: int, seq: int, *, scheme: NumberingScheme | None = None) -> str:
    """An illegal-grave case number such as WF-330282107-2026-0001."""
    return (scheme or default_numbering()).format("case", town=town, year=year, seq=seq)


def format_patrol_no(town: str, on: date, seq: int, *, scheme: NumberingScheme | None = None) -> str:
    """A patrol number such as XC-330282107-20260315-01."""
    return (scheme or default_numbering()).format("patrol", town=town, date=on, seq=seq)


def next_sequence(existing: Iterable[int]) -> int:
    """One more than the highest sequence used so far, or 1 when none has been used."""
    return max(existing, default=0) + 1


def next_notice_sequence(existing: Iterable[tuple[str, int, int]], issuer: str, year: int) -> int:
    """The next sequence for `issuer` in `year`, from (issuer, year, seq) triples; it restarts at 1 each year."""
    return next_sequence(seq for code, used_year, seq in existing if code == issuer and used_year == year)
