from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from fieldvisit.domain.burial import CaseStatus, GraveCapacity, GraveKind
from fieldvisit.domain.burial_rules import (
    ALLOWED_TRANSITIONS,
    TransitionError,
    allowed_transitions,
    check_transition,
    default_deadline,
    escalation_due,
    legal_basis_for,
    oversize,
    reinspection_due,
)
from fieldvisit.domain.parameters import default_parameter_set
from fieldvisit.domain.reference import load_legal_bases
from fieldvisit.domain.working_days import load_work_calendar

S = CaseStatus
PARAMS = default_parameter_set()
TODAY = date(2026, 3, 15)

# Written out independently of the module so that an accidental edit of the state machine fails here.
EXPECTED: dict[CaseStatus, set[CaseStatus]] = {
    S.DISCOVERED: {S.REGISTERED},
    S.REGISTERED: {S.VERIFIED},
    S.VERIFIED: {S.NOTICE_ISSUED, S.TRANSFERRED},
    S.NOTICE_ISSUED: {S.RECTIFYING, S.TRANSFERRED},
    S.RECTIFYING: {S.REINSPECTION, S.TRANSFERRED},
    S.REINSPECTION: {S.RECTIFIED, S.NOT_RECTIFIED, S.RECTIFYING, S.TRANSFERRED},
    S.RECTIFIED: {S.CLOSED},
    S.NOT_RECTIFIED: {S.URGED, S.TRANSFERRED},
    S.URGED: {S.ENFORCED, S.TRANSFERRED},
    S.ENFORCED: {S.REINSPECTION},
    S.TRANSFERRED: {S.REINSPECTION},
    S.CLOSED: set(),
}


def test_state_machine_matches_the_reference_workflow() -> None:
    assert set(ALLOWED_TRANSITIONS) == set(CaseStatus)
    assert {k: set(v) for k, v in ALLOWED_TRANSITIONS.items()} == EXPECTED


@pytest.mark.parametrize(("frm", "to"), list(itertools.product(CaseStatus, CaseStatus)))
def test_every_pair_of_statuses(frm: CaseStatus, to: CaseStatus) -> None:
    if to in EXPECTED[frm]:
        check_transition(frm, to)
        assert to in allowed_transitions(frm.value)
    else:
        with pytest.raises(TransitionError) as caught:
            check_transition(frm.value, to.value)
        assert frm.zh in str(caught.value)
        assert to.zh in str(caught.value)


def test_closed_is_terminal_and_the_message_says_so() -> None:
    with pytest.raises(TransitionError, match="已销号"):
        check_transition(S.CLOSED, S.REINSPECTION)


def test_forbidden_message_lists_the_allowed_next_steps() -> None:
    with pytest.raises(TransitionError) as caught:
        check_transition(S.DISCOVERED, S.CLOSED)
    assert "登记建档" in str(caught.value)


def test_every_status_is_reachable_and_every_open_case_can_still_be_closed() -> None:
    def reachable(start: CaseStatus) -> set[CaseStatus]:
        seen, todo = {start}, [start]
        while todo:
            for nxt in ALLOWED_TRANSITIONS[todo.pop()]:
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen

    assert reachable(S.DISCOVERED) == set(CaseStatus)
    for status in CaseStatus:
        assert S.CLOSED in reachable(status)


def test_only_rectified_cases_are_closed() -> None:
    assert [s for s in CaseStatus if S.CLOSED in ALLOWED_TRANSITIONS[s]] == [S.RECTIFIED]


def test_default_deadline_is_15_days_after_issue() -> None:
    assert default_deadline(date(2026, 3, 2), PARAMS) == date(2026, 3, 17)


def test_deadline_on_a_holiday_moves_to_the_next_working_day_with_a_calendar() -> None:
    assert default_deadline(date(2026, 9, 20), PARAMS) == date(2026, 10, 5)
    assert default_deadline(date(2026, 9, 20), PARAMS, calendar=load_work_calendar()) == date(2026, 10, 8)


def test_reinspection_and_escalation_dates() -> None:
    deadline = date(2026, 3, 17)
    assert reinspection_due(deadline, PARAMS) == date(2026, 3, 18)
    assert escalation_due(deadline, PARAMS) == date(2026, 3, 24)


@pytest.mark.parametrize(
    ("area", "kind", "capacity", "over"),
    [
        (Decimal("0.7"), GraveKind.ASHES, GraveCapacity.SINGLE, False),
        (Decimal("0.71"), GraveKind.ASHES, GraveCapacity.SINGLE, True),
        (Decimal("1.0"), GraveKind.ASHES, GraveCapacity.DOUBLE, False),
        (Decimal("1.01"), GraveKind.ASHES, GraveCapacity.DOUBLE, True),
        (Decimal("4"), GraveKind.REMAINS, GraveCapacity.SINGLE, False),
        (Decimal("4.01"), GraveKind.REMAINS, GraveCapacity.SINGLE, True),
        (Decimal("6"), GraveKind.REMAINS, GraveCapacity.DOUBLE, False),
        (Decimal("6.01"), GraveKind.REMAINS, GraveCapacity.DOUBLE, True),
        (Decimal("6"), GraveKind.REMAINS, GraveCapacity.MULTIPLE, False),
        (Decimal("6.5"), GraveKind.REMAINS, GraveCapacity.MULTIPLE, True),
    ],
)
def test_area_strictly_greater_than_the_limit_is_oversize(
    area: Decimal, kind: GraveKind, capacity: GraveCapacity, over: bool
) -> None:
    check = oversize(area, kind, capacity, None, PARAMS, TODAY)
    assert check.area_over is over
    assert check.oversize is over
    assert check.stone_over is None
    assert bool(check.reasons) is over


def test_headstone_height() -> None:
    assert not oversize(None, "ASHES", "SINGLE", Decimal("0.8"), PARAMS, TODAY).oversize
    high = oversize(None, "ASHES", "SINGLE", "0.81", PARAMS, TODAY)
    assert high.oversize and high.stone_over and high.area_over is None
    assert "墓碑" in high.reasons[0]


def test_float_measures_from_the_table_compare_exactly() -> None:
    assert oversize(0.7, "ASHES", "SINGLE", 0.8, PARAMS, TODAY).oversize is False
    assert oversize(0.7000001, "ASHES", "SINGLE", None, PARAMS, TODAY).oversize is True


@pytest.mark.parametrize("bad", ["abc", "-1", "NaN"])
def test_bad_measures_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        oversize(bad, "ASHES", "SINGLE", None, PARAMS, TODAY)


def test_legal_basis_switches_on_2026_03_30() -> None:
    bases = load_legal_bases()
    before = legal_basis_for(date(2026, 3, 29), bases, "national.burial.order_to_correct")
    after = legal_basis_for(date(2026, 3, 30), bases, "national.burial.order_to_correct")
    assert (before.article, before.version, before.verified) == ("第二十条", "2012", True)
    assert after.version == "2026" and not after.verified
    assert "拒不改正" in legal_basis_for(date(2012, 12, 31), bases, "national.burial.order_to_correct").text
    zones = legal_basis_for(date(2026, 3, 29), bases, "national.burial.prohibited_zones")
    assert zones.article == "第十条" and "耕地、林地" in zones.text


@dataclass(frozen=True)
class Basis:
    code: str
    effective_from: date
    effective_to: date | None = None


def test_open_ended_version_gives_way_to_the_next_one() -> None:
    old, new = Basis("c", date(2000, 1, 1)), Basis("c", date(2026, 3, 30))
    assert legal_basis_for(date(2026, 3, 29), [old, new]) is old
    assert legal_basis_for(date(2026, 3, 30), [new, old]) is new


def test_no_basis_or_ambiguous_basis_raises() -> None:
    with pytest.raises(LookupError):
        legal_basis_for(date(1990, 1, 1), [Basis("c", date(2000, 1, 1))])
    with pytest.raises(LookupError):
        legal_basis_for(date(2026, 1, 1), [Basis("c", date(2000, 1, 1))], "other")
    with pytest.raises(LookupError):
        legal_basis_for(date(2026, 1, 1), [Basis("c", date(2000, 1, 1)), Basis("c", date(2000, 1, 1))])
