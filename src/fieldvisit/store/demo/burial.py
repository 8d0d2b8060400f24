"""Demo burial work: patrols and grave cases in every state, with timelines, notices, receipts and re-inspections."""

from __future__ import annotations

from datetime import date, timedelta

from fieldvisit.domain.base import RecordState
from fieldvisit.domain.burial import (
    BuildState,
    CaseEvent,
    CaseSource,
    CaseStatus,
    GraveCapacity,
    GraveCase,
    GraveKind,
    OnSiteAction,
    Patrol,
    PatrolMode,
    RectificationNotice,
    Reinspection,
    ReinspectionConclusion,
    ReinspectionResult,
    Remedy,
    ServiceMethod,
    ServiceReceipt,
    ViolationType,
    ZoneType,
)
from fieldvisit.domain.burial_rules import legal_basis_for
from fieldvisit.domain.numbering import default_numbering, format_case_no, format_notice_no, format_patrol_no
from fieldvisit.domain.places import Village
from fieldvisit.domain.shared import LegalBasis, User
from fieldvisit.store.demo.bulk import BulkWriter, Sequences, at_local
from fieldvisit.store.demo.people import PersonFactory

# The path each final status was reached by (a walk through the state machine).
PATHS: dict[CaseStatus, tuple[CaseStatus, ...]] = {
    CaseStatus.DISCOVERED: (CaseStatus.DISCOVERED,),
    CaseStatus.REGISTERED: (CaseStatus.DISCOVERED, CaseStatus.REGISTERED),
    CaseStatus.VERIFIED: (CaseStatus.DISCOVERED, CaseStatus.REGISTERED, CaseStatus.VERIFIED),
}
PATHS[CaseStatus.NOTICE_ISSUED] = (*PATHS[CaseStatus.VERIFIED], CaseStatus.NOTICE_ISSUED)
PATHS[CaseStatus.RECTIFYING] = (*PATHS[CaseStatus.NOTICE_ISSUED], CaseStatus.RECTIFYING)
PATHS[CaseStatus.REINSPECTION] = (*PATHS[CaseStatus.RECTIFYING], CaseStatus.REINSPECTION)
PATHS[CaseStatus.RECTIFIED] = (*PATHS[CaseStatus.REINSPECTION], CaseStatus.RECTIFIED)
PATHS[CaseStatus.CLOSED] = (*PATHS[CaseStatus.RECTIFIED], CaseStatus.CLOSED)
PATHS[CaseStatus.NOT_RECTIFIED] = (*PATHS[CaseStatus.REINSPECTION], CaseStatus.NOT_RECTIFIED)
PATHS[CaseStatus.URGED] = (*PATHS[CaseStatus.NOT_RECTIFIED], CaseStatus.URGED)
PATHS[CaseStatus.ENFORCED] = (*PATHS[CaseStatus.URGED], CaseStatus.ENFORCED)
PATHS[CaseStatus.TRANSFERRED] = (*PATHS[CaseStatus.VERIFIED], CaseStatus.TRANSFERRED)

STATUS_WEIGHTS = {
    CaseStatus.DISCOVERED: 2,
    CaseStatus.REGISTERED: 2,
    CaseStatus.VERIFIED: 3,
    CaseStatus.NOTICE_ISSUED: 4,
    CaseStatus.RECTIFYING: 6,
    CaseStatus.REINSPECTION: 3,
    CaseStatus.RECTIFIED: 2,
    CaseStatus.NOT_RECTIFIED: 2,
    CaseStatus.URGED: 2,
    CaseStatus.ENFORCED: 2,
    CaseStatus.TRANSFERRED: 1,
    CaseStatus.CLOSED: 11,
}
ISSUER_CODE = "CXMZJ"  # 慈溪市民政局, as configured in resources/reference/numbering.toml
PLACE_NAMES = ("后山岙", "塘角头", "东横河边", "老坟山", "竹林湾", "大岙口", "西塘堤")


def generate_burial(
    writer: BulkWriter,
    people: PersonFactory,
    villages: list[Village],
    officers: dict[str, list[User]],
    legal_bases: list[LegalBasis],
    today: date,
    count: int,
) -> None:
    """Write `count` grave cases (every status represented) and the patrols that found them."""
    rng = writer.rng
    statuses = list(STATUS_WEIGHTS)
    weights = list(STATUS_WEIGHTS.values())
    notice_sequence: dict[int, int] = {}
    numbers = Sequences()
    cases = []
    for n in range(count):
        village = villages[n % len(villages)]
        team = officers[village.town_code]
        status = statuses[n] if n < len(statuses) else rng.choices(statuses, weights)[0]
        found_on = today - timedelta(days=rng.randrange(20, 500))
        cases.append((found_on, n, village, team, status))
    for found_on, _, village, team, status in sorted(cases, key=lambda c: (c[0], c[1])):
        inspectors = [{"name": u.display_name, "unit": u.unit} for u in team[:2]]
        patrol = writer.add(
            Patrol,
            {
                "created_at": at_local(found_on, 9),
                "form_id": "patrol",
                "form_version": 1,
                "state": RecordState.FINAL,
                "extra": {},
                "patrol_no": format_patrol_no(
                    village.town_code, found_on, numbers.next("patrol", village.town_code, found_on)
                ),
                "town_code": village.town_code,
                "patrol_date": found_on,
                "start_at": at_local(found_on, 8, 30),
                "end_at": at_local(found_on, 11, 30),
                "inspectors": inspectors,
                "area": f"{village.name}禁葬区",
                "route": f"{village.name}村道—山脚—河堤",
                "zone_types": [ZoneType.FARMLAND, ZoneType.FOREST],
                "mode": rng.choice(list(PatrolMode)),
                "track": [],
                "found_issue": True,
                "case_ids": [],
                "on_site_action": OnSiteAction.REGISTER,
            },
        )
        area = round(rng.uniform(2.0, 30.0), 1)
        party_sex = people.sex()
        party_birth = people.birth_date(today, 40, 80)
        unknown_owner = rng.random() < 0.1
        party = (
            {}
            if unknown_owner
            else {
                "name": people.name(party_sex),
                "id_number": people.id_number(party_birth, party_sex),
                "phone": people.phone(),
                "address": f"浙江省慈溪市{village.name}{rng.randrange(1, 300)}号",
                "relation_to_deceased": rng.choice(("子", "女", "孙", "本人")),
            }
        )
        case = writer.add(
            GraveCase,
            {
                "created_at": at_local(found_on, 10),
                "form_id": "grave_case",
                "form_version": 1,
                "state": RecordState.FINAL,
                "extra": {},
                "case_no": format_case_no(
                    village.town_code, found_on.year, numbers.next("case", village.town_code, found_on.year)
                ),
                "source": rng.choice(list(CaseSource)),
                "found_on": found_on,
                "patrol_id": patrol["id"],
                "town_code": village.town_code,
                "village_id": village.id,
                "place_name": rng.choice(PLACE_NAMES),
                "latitude": round(30.17 + rng.uniform(-0.08, 0.08), 6),
                "longitude": round(121.24 + rng.uniform(-0.15, 0.15), 6),
                "zone_type": rng.choice(list(ZoneType)[:6]),
                "violation_types": [
                    rng.choice(
                        (ViolationType.HARDENED_LARGE, ViolationType.NEW_ILLEGAL_GRAVE, ViolationType.LIVING_PERSON)
                    )
                ],
                "build_state": rng.choice(list(BuildState)),
                "grave_kind": GraveKind.REMAINS if rng.random() < 0.6 else GraveKind.ASHES,
                "capacity": rng.choice((GraveCapacity.SINGLE, GraveCapacity.DOUBLE)),
                "area_m2": area,
                "stone_height_m": round(rng.uniform(0.5, 1.6), 2),
                "materials": rng.sample(["STONE", "TILE", "BRICK_CONCRETE", "CEMENT"], 2),
                "structures": "围栏、台阶",
                "party": party,
                "unknown_owner": unknown_owner,
                "deceased_name": people.name(people.sex()),
                "is_official_related": rng.random() < 0.03,
                "status": status,
            },
        )
        patrol["case_ids"] = [case["id"]]
        if party:
            writer.index_person(
                "grave_case",
                case["id"],
                ("grave_case", case["id"]),
                party["name"],
                id_number=party["id_number"],
                town_code=village.town_code,
                village_id=village.id,
            )
        _timeline(writer, case, PATHS[status], found_on, today, team, legal_bases, notice_sequence, inspectors)
        writer.checkpoint()


def _timeline(
    writer: BulkWriter,
    case: dict[str, object],
    path: tuple[CaseStatus, ...],
    found_on: date,
    today: date,
    team: list[User],
    legal_bases: list[LegalBasis],
    notice_sequence: dict[int, int],
    inspectors: list[dict[str, str]],
) -> None:
    rng = writer.rng
    day = found_on
    previous = ""
    for status in path:
        if status == CaseStatus.NOTICE_ISSUED:
            day = min(day + timedelta(days=rng.randrange(1, 5)), today)
            notice = _notice(writer, case, day, legal_bases, notice_sequence, team)
            case["notice_id"] = notice["id"]
            case["deadline"] = notice["deadline"]
        elif status == CaseStatus.REINSPECTION:
            day = min(max(day, case["deadline"]) + timedelta(days=1), today)  # type: ignore[type-var]
        elif status in (CaseStatus.RECTIFIED, CaseStatus.NOT_RECTIFIED):
            rectified = status == CaseStatus.RECTIFIED
            writer.add(
                Reinspection,
                {
                    "created_at": at_local(day, 14),
                    "form_id": "reinspection",
                    "form_version": 1,
                    "state": RecordState.FINAL,
                    "extra": {},
                    "case_id": case["id"],
                    "inspected_on": day,
                    "inspectors": inspectors,
                    "result": ReinspectionResult.REMOVED if rectified else ReinspectionResult.NOT_RECTIFIED,
                    "area_m2_after": 0.0 if rectified else case["area_m2"],
                    "conclusion": ReinspectionConclusion.CLOSE if rectified else ReinspectionConclusion.ESCALATE,
                    "note": "已按要求整改到位。" if rectified else "逾期未整改。",
                },
            )
        elif status != CaseStatus.DISCOVERED:
            day = min(day + timedelta(days=rng.randrange(1, 10)), today)
        writer.add(
            CaseEvent,
            {
                "created_at": at_local(day, 15),
                "case_id": case["id"],
                "at": at_local(day, 15),
                "from_status": previous,
                "to_status": status,
                "actor": team[0].display_name,
            },
        )
        previous = status
    if path[-1] == CaseStatus.CLOSED:
        case["closed_on"] = day
        case["closed_by"] = team[0].display_name


def _notice(
    writer: BulkWriter,
    case: dict[str, object],
    day: date,
    legal_bases: list[LegalBasis],
    notice_sequence: dict[int, int],
    team: list[User],
) -> dict[str, object]:
    rng = writer.rng
    issuer = default_numbering().issuer(ISSUER_CODE)
    sequence = notice_sequence.get(day.year, 0) + 1
    notice_sequence[day.year] = sequence
    basis = legal_basis_for(day, legal_bases, code="national.burial.order_to_correct")
    deadline = day + timedelta(days=15)
    notice = writer.add(
        RectificationNotice,
        {
            "created_at": at_local(day, 11),
            "form_id": "rectification_notice",
            "form_version": 1,
            "state": RecordState.FINAL,
            "extra": {},
            "case_id": case["id"],
            "issuer_code": issuer.code,
            "issuer_name": issuer.name,
            "year": day.year,
            "sequence": sequence,
            "notice_no": format_notice_no(issuer.prefix, day.year, sequence),
            "issued_on": day,
            "deadline": deadline,
            "deadline_days": 15,
            "party": case["party"],
            "facts": f"你于{day.year}年在{case['place_name']}建造坟墓一座，占地约{case['area_m2']}平方米。",
            "remedies": [Remedy.REMOVE_HARDENING, Remedy.RESTORE_LAND],
            "legal_basis_id": basis.id,
            "legal_basis_text": f"{basis.title}{basis.article}：{basis.text}",
            "contact_name": team[0].display_name,
            "contact_phone": team[0].phone,
            "review_body": "慈溪市人民政府",
            "court": "慈溪市人民法院",
        },
    )
    writer.add(
        ServiceReceipt,
        {
            "created_at": at_local(day, 16),
            "notice_id": notice["id"],
            "method": ServiceMethod.PUBLIC_NOTICE
            if case["unknown_owner"]
            else rng.choice((ServiceMethod.DIRECT, ServiceMethod.LEFT_AT_PREMISES)),
            "place": "当事人住所",
            "served_at": at_local(day, 16),
            "recipient_name": str((case["party"] or {}).get("name", "")),  # type: ignore[attr-defined]
            "servers": [u.display_name for u in team[:2]],
        },
    )
    return notice
