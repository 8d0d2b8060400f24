"""Burial-management rules: the grave-case state machine, deadlines, oversize checks and the legal basis in force."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Protocol, TypeVar

from fieldvisit.domain.burial import CaseStatus, GraveCapacity, GraveKind
from fieldvisit.domain.parameters import DEFAULT_LOCALITY, ParameterSet
from fieldvisit.domain.working_days import WorkCalendar, next_working_day

_S = CaseStatus

# REFERENCE §3.3. TRANSFERRED (移交自然资源/林业/纪检) is open from VERIFIED until the case is rectified or
# enforced; after the receiving department acts, the case comes back for re-inspection, so it can only be
# closed through RECTIFIED (§3.5: 销号 only once rectified). CLOSED is terminal.
ALLOWED_TRANSITIONS: Mapping[CaseStatus, frozenset[CaseStatus]] = MappingProxyType(
    {
        _S.DISCOVERED: frozenset({_S.REGISTERED}),
        _S.REGISTERED: frozenset({_S.VERIFIED}),
        _S.VERIFIED: frozenset({_S.NOTICE_ISSUED, _S.TRANSFERRED}),
        _S.NOTICE_ISSUED: frozenset({_S.RECTIFYING, _S.TRANSFERRED}),
        _S.RECTIFYING: frozenset({_S.REINSPECTION, _S.TRANSFERRED}),
        _S.REINSPECTION: frozenset({_S.RECTIFIED, _S.NOT_RECTIFIED, _S.RECTIFYING, _S.TRANSFERRED}),
        _S.RECTIFIED: frozenset({_S.CLOSED}),
        _S.NOT_RECTIFIED: frozenset({_S.URGED, _S.TRANSFERRED}),
        _S.URGED: frozenset({_S.ENFORCED, _S.TRANSFERRED}),
        _S.ENFORCED: frozenset({_S.REINSPECTION}),
        _S.TRANSFERRED: frozenset({_S.REINSPECTION}),
        _S.CLOSED: frozenset(),
    }
)


class TransitionError(ValueError):
    """A grave case may not move from one status to another."""


class LegalBasisLike(Protocol):
    """A versioned legal-basis template (a `LegalBasis` row fits); `effective_to` is exclusive."""

    @property
    def code(self) -> str: ...

    @property
    def effective_from(self) -> date: ...

    @property
    def effective_to(self) -> date | None: ...


LegalBasisT = TypeVar("LegalBasisT", bound=LegalBasisLike)


@dataclass(frozen=True)
class OversizeCheck:
    """The measured grave against the Zhejiang limits; `*_over` is None where nothing was measured."""

    area_limit_m2: Decimal
    area_over: bool | None
    stone_limit_m: Decimal
    stone_over: bool | None
    reasons: tuple[str, ...]

    @property
    def oversize(self) -> bool:
        """True when the area or the headstone exceeds its limit."""
        return bool(self.area_over or self.stone_over)


def allowed_transitions(status: CaseStatus | str) -> frozenset[CaseStatus]:
    """The statuses a case in `status` may move to next."""
    return ALLOWED_TRANSITIONS[CaseStatus(status)]


def check_transition(frm: CaseStatus | str, to: CaseStatus | str) -> None:
    """Raise TransitionError (with a Chinese message) unless `frm` → `to` is an allowed step."""
    source, target = CaseStatus(frm), CaseStatus(to)
    allowed = ALLOWED_TRANSITIONS[source]
    if target in allowed:
        return
    if not allowed:
        raise TransitionError(f"案件已处于“{source.zh}”状态，不能再变更为“{target.zh}”")
    options = "、".join(f"“{s.zh}”" for s in CaseStatus if s in allowed)
    raise TransitionError(f"案件状态不能从“{source.zh}”变更为“{target.zh}”，只能变更为{options}")


def default_deadline(
    issued_on: date,
    params: ParameterSet,
    locality: str = DEFAULT_LOCALITY,
    calendar: WorkCalendar | None = None,
) -> date:
    """The default rectification deadline: `burial_rectification_deadline_days` (15) days after issue.

    The day of issue is not counted. With a calendar, a deadline that falls on a rest day moves to the next
    working day (民法典 第201、203条).
    """
    deadline = issued_on + timedelta(days=params.days("burial_rectification_deadline_days", issued_on, locality))
    return next_working_day(deadline, calendar) if calendar is not None else deadline


def reinspection_due(deadline: date, params: ParameterSet, locality: str = DEFAULT_LOCALITY) -> date:
    """When to re-inspect: `burial_reinspection_offset_days` (1) after the deadline."""
    return deadline + timedelta(days=params.days("burial_reinspection_offset_days", deadline, locality))


def escalation_due(deadline: date, params: ParameterSet, locality: str = DEFAULT_LOCALITY) -> date:
    """When an unrectified case should be escalated: `burial_escalation_days` (7) after the deadline."""
    return deadline + timedelta(days=params.days("burial_escalation_days", deadline, locality))


def _measure(value: Decimal | str | float | None, what: str) -> Decimal | None:
    if value is None:
        return None
    try:
        # A float from a REAL column goes through its shortest repr, so 0.7 stays 0.7.
        measure = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        raise ValueError(f"{what}不是有效的数值：{value!r}") from None
    if not measure.is_finite() or measure < 0:
        raise ValueError(f"{what}不是有效的数值：{value!r}")
    return measure


def oversize(
    area_m2: Decimal | str | float | None,
    grave_kind: GraveKind | str,
    capacity: GraveCapacity | str,
    stone_height_m: Decimal | str | float | None,
    params: ParameterSet,
    on: date,
    locality: str = DEFAULT_LOCALITY,
) -> OversizeCheck:
    """Compare a measured grave with the limits in force on `on`; strictly greater than a limit is oversize.

    Limits come from `burial_area_limit_{ashes|remains}_{single|double}_m2` and
    `burial_headstone_height_limit_m`. A multi-hole grave (多穴) is held to the double limit.
    """
    kind, holes = GraveKind(grave_kind), GraveCapacity(capacity)
    size_key = "single" if holes == GraveCapacity.SINGLE else "double"
    area_limit = params.decimal(f"burial_area_limit_{kind.value.lower()}_{size_key}_m2", on, locality)
    stone_limit = params.decimal("burial_headstone_height_limit_m", on, locality)
    area = _measure(area_m2, "占地面积")
    stone = _measure(stone_height_m, "墓碑高度")
    reasons = []
    area_over = None if area is None else area > area_limit
    if area_over:
        reasons.append(f"{kind.zh}墓{holes.zh}占地{area}平方米，超过{area_limit}平方米")
    stone_over = None if stone is None else stone > stone_limit
    if stone_over:
        reasons.append(f"墓碑高{stone}米，超过{stone_limit}米")
    return OversizeCheck(area_limit, area_over, stone_limit, stone_over, tuple(reasons))


def legal_basis_for(on: date, bases: Iterable[LegalBasisT], code: str | None = None) -> LegalBasisT:
    """The version in force on `on`: effective_from ≤ on < effective_to, and the latest such version wins.

    An open-ended version (no effective_to) thus gives way to the next one from that one's effective date.
    Pass `code` to choose among the versions of one citation when `bases` holds several.
    """
    in_force = [
        basis
        for basis in bases
        if (code is None or basis.code == code)
        and basis.effective_from <= on
        and (basis.effective_to is None or on < basis.effective_to)
    ]
    if not in_force:
        raise LookupError(f"{on.isoformat()}没有生效的法律依据{f'“{code}”' if code else ''}，请管理员补充")
    latest = max(basis.effective_from for basis in in_force)
    chosen = [basis for basis in in_force if basis.effective_from == latest]
    if len(chosen) > 1:
        raise LookupError(f"{on.isoformat()}有多条同日生效的法律依据{f'“{code}”' if code else ''}，请管理员核对")
    return chosen[0]
