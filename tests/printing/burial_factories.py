"""Realistic burial-management snapshots: patrols, grave cases, notices, re-inspections, the ledger."""

from __future__ import annotations

from datetime import date, timedelta

from tests.printing.factories import TOWN, TOWN_CODE, VILLAGES, at, id_number, photo, signature_bytes

from fieldvisit.domain.assistance import Sex
from fieldvisit.domain.burial import (
    BuildState,
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
from fieldvisit.domain.numbering import format_notice_no
from fieldvisit.domain.reference import load_legal_bases
from fieldvisit.printing.snapshots import (
    LedgerEntry,
    LedgerSnapshot,
    NoticeSnapshot,
    PatrolSnapshot,
    ReinspectionSnapshot,
    Signature,
    SignerRole,
)

INSPECTORS = [{"name": "周国平", "unit": "观海卫镇综合行政执法队"}, {"name": "吴𡈽生", "unit": "观海卫镇社会事务办"}]


def legal_basis_text(on: date) -> str:
    """The citation a notice issued on `on` snapshots: the versions of 第十条 and 第二十条 in force then."""
    bases = load_legal_bases()
    zones = legal_basis_for(on, bases, "national.burial.prohibited_zones")
    order = legal_basis_for(on, bases, "national.burial.order_to_correct")
    return (
        f"你的上述行为违反了{zones.title}{zones.article}“{zones.text}”的规定。"
        f"根据{order.title}{order.article}“{order.text}”的规定，责令你限期改正。"
    )


def grave_case(i: int = 0, *, status: CaseStatus = CaseStatus.NOTICE_ISSUED, village: str = "卫东村") -> GraveCase:
    found = date(2026, 1, 6) + timedelta(days=9 * i)
    owner = ("王𠮷", "李䶮", "张〇", "陈㐂", "吴𡈽生", "周国平")[i % 6]
    return GraveCase(
        form_id="grave_case",
        case_no=f"FM-330282107-2026-{i + 1:03d}",
        source=CaseSource.PATROL,
        found_on=found,
        town_code=TOWN_CODE,
        village_id=f"village-{village}",
        place_name=("西山脚", "东塘岸", "大岙里", "老鹰嘴")[i % 4],
        latitude=30.1961 + i / 500,
        longitude=121.3849 + i / 500,
        zone_type=ZoneType.FOREST if i % 2 else ZoneType.FARMLAND,
        violation_types=[ViolationType.HARDENED_LARGE, ViolationType.OVERSIZE] if i % 3 == 0 else
        [ViolationType.LIVING_PERSON],
        build_state=BuildState.BUILT_EMPTY if i % 3 else BuildState.OCCUPIED,
        grave_kind=GraveKind.REMAINS,
        capacity=GraveCapacity.DOUBLE,
        area_m2=12.5 + i,
        stone_height_m=1.2,
        materials=["STONE", "CEMENT"],
        structures="围栏、墓亭、台阶",
        party={"name": owner, "id_number": id_number(date(1958 + i, 3, 9), 300 + i, Sex.MALE),
               "phone": "13905741234", "address": f"慈溪市观海卫镇{village}{18 + i}号", "relation_to_deceased": "子"},
        unknown_owner=i % 7 == 6,
        status=status,
        deadline=found + timedelta(days=30),
        closed_on=found + timedelta(days=45) if status in (CaseStatus.CLOSED, CaseStatus.ENFORCED) else None,
    )  # fmt: skip


def patrol(*, cases: int = 2) -> PatrolSnapshot:
    opened = tuple(grave_case(i, status=CaseStatus.REGISTERED) for i in range(cases))
    row = Patrol(
        form_id="patrol",
        patrol_no="XC-330282107-20260106-01",
        town_code=TOWN_CODE,
        patrol_date=date(2026, 1, 6),
        start_at=at(2026, 1, 6, 8, 30),
        end_at=at(2026, 1, 6, 11, 45),
        inspectors=INSPECTORS,
        area="卫东村、卫西村山林及沿路地带",
        route="卫东路—西山脚—大岙里—329国道沿线—卫西村公墓周边",
        zone_types=[ZoneType.FOREST, ZoneType.RAIL_ROAD_CORRIDOR, ZoneType.CEMETERY_SURROUNDINGS],
        mode=PatrolMode.JOINT,
        found_issue=bool(cases),
        case_ids=[c.id for c in opened],
        on_site_action=OnSiteAction.REGISTER,
        on_site_note="发现西山脚新建硬化大墓一座、东塘岸活人墓一座，已拍照取证、测量面积并登记建档，告知村委会联系墓主。",
    )  # fmt: skip
    sigs = tuple(
        Signature(role=SignerRole.INSPECTOR, name=n, image=signature_bytes(10 + k), signed_at=at(2026, 1, 6, 12))
        for k, n in enumerate(("周国平", "吴𡈽生"))
    )
    return PatrolSnapshot(
        patrol=row, town_name=TOWN, cases=opened, village_names={"village-卫东村": "卫东村"}, signatures=sigs
    )


def notice(*, served: bool = True, full_ids: bool = False) -> NoticeSnapshot:
    case = grave_case(0)
    issued = date(2026, 1, 12)
    row = RectificationNotice(
        form_id="rectification_notice",
        case_id=case.id,
        issuer_code="CXMZ",
        issuer_name="慈溪市民政局",
        year=2026,
        sequence=7,
        notice_no=format_notice_no("慈民殡", 2026, 7),
        issued_on=issued,
        deadline=issued + timedelta(days=15),
        deadline_days=15,
        party=dict(case.party),
        facts="你于2025年12月起在观海卫镇卫东村西山脚（林地）建造坟墓一座，墓穴为双穴，使用石材、水泥硬化，"
        "并建有围栏、墓亭、台阶等附属设施，占地约12.5平方米，超过规定面积。",
        remedies=[Remedy.REMOVE_HARDENING, Remedy.RESTORE_LAND],
        legal_basis_text=legal_basis_text(issued),
        contact_name="周国平",
        contact_phone="0574-63012345",
        review_body="慈溪市人民政府",
        court="慈溪市人民法院",
        extra={"violation_types": ["HARDENED_LARGE", "OVERSIZE"], "evidence_photo_refs": "FM-001-1至FM-001-4",
               "written_commitment": True},
    )  # fmt: skip
    receipt = (
        ServiceReceipt(notice_id=row.id, method=ServiceMethod.DIRECT, place="慈溪市观海卫镇卫东村18号",
                       served_at=at(2026, 1, 12, 15, 20), recipient_name=case.party["name"],
                       servers=["周国平", "吴𡈽生"])
        if served else None
    )  # fmt: skip
    return NoticeSnapshot(
        notice=row, case=case, town_name=TOWN, village_name="卫东村", receipt=receipt, show_full_ids=full_ids
    )


def reinspection(*, photos: int = 3) -> ReinspectionSnapshot:
    n = notice()
    row = Reinspection(
        form_id="reinspection",
        case_id=n.case.id,
        inspected_on=date(2026, 1, 28),
        inspectors=INSPECTORS,
        result=ReinspectionResult.REDUCED,
        area_m2_after=3.8,
        conclusion=ReinspectionConclusion.CLOSE,
        note="墓亭、围栏及台阶已拆除，硬化地面已清除并覆土复绿，现场与整改要求一致，同意销号。",
    )  # fmt: skip
    views = ("远景(含参照物)", "中景(全貌)", "近景")
    before = tuple(photo(20 + i, views[i % 3], at(2026, 1, 6, 9, 10 + i)) for i in range(photos))
    after = tuple(photo(40 + i, views[i % 3], at(2026, 1, 28, 10, 5 + i)) for i in range(photos))
    sigs = tuple(
        Signature(role=SignerRole.INSPECTOR, name=p["name"], image=signature_bytes(20 + k))
        for k, p in enumerate(INSPECTORS)
    )
    return ReinspectionSnapshot(
        reinspection=row, case=n.case, notice=n.notice, town_name=TOWN, village_name="卫东村",
        photos_before=before, photos_after=after, signatures=sigs,
    )  # fmt: skip


def ledger(cases: int = 24) -> LedgerSnapshot:
    statuses = [CaseStatus.VERIFIED, CaseStatus.RECTIFYING, CaseStatus.CLOSED, CaseStatus.ENFORCED,
                CaseStatus.NOTICE_ISSUED, CaseStatus.REGISTERED]  # fmt: skip
    entries = []
    for i in range(cases):
        status = statuses[i % len(statuses)]
        case = grave_case(i, status=status, village=VILLAGES[i % len(VILLAGES)])
        entries.append(
            LedgerEntry(
                case=case,
                village_name=VILLAGES[i % len(VILLAGES)],
                notice_no="" if status in (CaseStatus.VERIFIED, CaseStatus.REGISTERED) else format_notice_no(
                    "慈民殡", 2026, i + 1),
                enforced=i % 12 == 3,
            )
        )  # fmt: skip
    return LedgerSnapshot(town_code=TOWN_CODE, town_name=TOWN, as_of=date(2026, 3, 12), entries=tuple(entries))
