"""Printing from the store: builds each document's snapshot, renders it and records the print as an audit event.

Shared by the desktop app (preview, print, batch print) and the console (`fieldvisit print`). It sits above
`store/` and `printing/`: the printer never opens the database, and the store knows nothing of PDFs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from fieldvisit.domain.shared import Attachment, AttachmentKind, AuditKind
from fieldvisit.domain.types import Clock, today_local
from fieldvisit.printing.api import render_batch, render_blank
from fieldvisit.printing.document import PrintedDocument
from fieldvisit.printing.snapshots import (
    CalculationLine,
    ChildFileSnapshot,
    ChildVisitSnapshot,
    DossierSnapshot,
    HouseholdSnapshot,
    LedgerEntry,
    LedgerSnapshot,
    NoticeSnapshot,
    OverdueEntry,
    OverdueRosterSnapshot,
    PatrolSnapshot,
    Photo,
    ReinspectionSnapshot,
    Signature,
    SignerRole,
)
from fieldvisit.store.changes import Actor, write_changes
from fieldvisit.store.repositories.assistance import AssessmentRepository
from fieldvisit.store.repositories.children import ChildRepository
from fieldvisit.store.repositories.printing import PrintRepository
from fieldvisit.store.services.assessments import AssessmentService
from fieldvisit.store.services.drafts import DraftService
from fieldvisit.store.vault import AttachmentVault

SIGNATURE_ROLES = {
    "sig_investigators": SignerRole.INVESTIGATOR,
    "sig_members": SignerRole.MEMBER,
    "sig_village": SignerRole.VILLAGE,
    "sig_visitor": SignerRole.VISITOR,
    "sig_guardian": SignerRole.GUARDIAN,
}
SIGNATURE_KINDS = (AttachmentKind.SIGNATURE, AttachmentKind.FINGERPRINT)


class PrintError(LookupError):
    """The record to print does not exist; `message_zh` says so for the user."""

    def __init__(self, message: str, message_zh: str) -> None:
        super().__init__(message)
        self.message_zh = message_zh


@dataclass(frozen=True)
class PrintJob:
    """A rendered document and what it covers, ready to preview, print or save."""

    document: str
    record_ids: tuple[str, ...]
    printed: PrintedDocument


class PrintService:
    """Turns stored records into printed documents and logs every print or PDF export."""

    def __init__(self, engine: Any, vault: AttachmentVault, actor: Actor, clock: Clock) -> None:
        self.engine = engine
        self.vault = vault
        self.actor = actor
        self.clock = clock
        self.queries = PrintRepository(engine)
        self.children = ChildRepository(engine)
        self.households = AssessmentRepository(engine)
        self._builders: dict[str, Callable[[str, bool], Any]] = {
            "household_survey": self._household,
            "child_info": self._child_info,
            "child_visit": self._child_visit,
            "child_dossier": self._dossier,
            "overdue_roster": self._overdue_roster,
            "patrol_record": self._patrol,
            "rectification_notice": self._notice,
            "reinspection_record": self._reinspection,
            "grave_ledger": self._ledger,
        }

    @property
    def documents(self) -> list[str]:
        """The document names this service can print."""
        return sorted(self._builders)

    def snapshot(self, document: str, record_id: str, *, full_ids: bool = False) -> Any:
        """The immutable snapshot of `record_id` as `document` shows it."""
        try:
            builder = self._builders[document]
        except KeyError:
            raise PrintError(f"unknown document {document!r}", f"没有名为“{document}”的文书。") from None
        return builder(record_id, full_ids)

    def render(self, document: str, record_ids: Sequence[str], *, full_ids: bool = False) -> PrintJob:
        """Render one or more records of one document kind into a single PDF (nothing is logged yet)."""
        snapshots = [self.snapshot(document, record_id, full_ids=full_ids) for record_id in record_ids]
        return PrintJob(document, tuple(record_ids), render_batch(document, snapshots))

    def render_visit_forms(self, child_ids: Sequence[str]) -> PrintJob:
        """Blank visit forms headed with each child's details, to fill in on the round (batch print)."""
        snapshots = []
        for child_id in child_ids:
            dossier = self.children.get(child_id)
            if dossier is None:
                raise self._missing("child_file", child_id)
            snapshots.append(
                ChildVisitSnapshot(child=dossier.child, town_name=dossier.town_name, village_name=dossier.village_name)
            )
        return PrintJob("child_visit", tuple(child_ids), render_batch("child_visit", snapshots))

    def render_blank(self, form_id: str, *, copies: int = 1, town_name: str = "") -> PrintJob:
        """A blank paper form (e.g. to take on visits)."""
        return PrintJob(f"blank:{form_id}", (), render_blank(form_id, copies=copies, town_name=town_name))

    def record_print(self, job: PrintJob, *, copies: int = 1, target: str = "printer") -> None:
        """Log that `job` went to a printer or a PDF file: who, what, when, how many copies, which content."""
        kind = AuditKind.EXPORT if target == "pdf" else AuditKind.PRINT
        detail = {**job.printed.audit_detail(copies), "target": target}
        with write_changes(self.engine, self.actor, clock=self.clock) as writer:
            if not job.record_ids:
                writer.audit_id(kind, "", "", detail)
            for record in job.printed.records:
                writer.audit_id(kind, record.check.form_id, record.check.record_id, detail)

    # ------------------------------------------------------------------ snapshot builders

    def _photos(self, attachments: Sequence[Attachment]) -> tuple[Photo, ...]:
        return tuple(
            Photo.from_attachment(a, self.vault.get_bytes(a.sha256))
            for a in sorted(attachments, key=lambda a: (a.slot, a.captured_at or a.created_at))
            if a.kind in (AttachmentKind.PHOTO, AttachmentKind.DOCUMENT) and not a.deleted
        )

    def _signatures(
        self, attachments: Sequence[Attachment], default: SignerRole | None = None
    ) -> tuple[Signature, ...]:
        signatures = []
        for a in sorted(attachments, key=lambda a: a.created_at):
            role = SIGNATURE_ROLES.get(a.slot, default)
            if a.kind in SIGNATURE_KINDS and role is not None and not a.deleted:
                signatures.append(
                    Signature(
                        role=role,
                        name=a.caption,
                        image=self.vault.get_bytes(a.sha256),
                        fingerprint=a.kind == AttachmentKind.FINGERPRINT,
                        signed_at=a.captured_at or a.created_at,
                    )
                )
        return tuple(signatures)

    def _missing(self, what: str, record_id: str) -> PrintError:
        return PrintError(f"{what} {record_id} not found", f"找不到要打印的记录（{what}）：{record_id}")

    def _household(self, record_id: str, full_ids: bool) -> HouseholdSnapshot:
        bundle = self.households.get(record_id)
        if bundle is None:
            raise self._missing("household_assessment", record_id)
        result = AssessmentService(
            self.engine, self.actor, self.clock, DraftService(self.engine, self.actor, self.clock)
        ).means_test(record_id)
        return HouseholdSnapshot(
            assessment=bundle.assessment,
            town_name=bundle.town_name,
            village_name=bundle.village_name,
            members=tuple(bundle.members),
            obligors=tuple(bundle.obligors),
            income=tuple(bundle.incomes),
            assets=tuple(bundle.assets),
            rigid_expenses=tuple(bundle.expenses),
            calculation=CalculationLine.from_trace(result.trace),
            deductions_fen=result.deductions_12m_fen,
            minimum_living_standard_fen=result.minimum_living_standard_fen,
            near_limit_fen=result.near_limit_fen,
            photos=self._photos(bundle.attachments),
            signatures=self._signatures(bundle.attachments),
            show_full_ids=full_ids,
        )

    def _child_file(self, record_id: str, full_ids: bool) -> tuple[ChildFileSnapshot, Any]:
        dossier = self.children.get(record_id)
        if dossier is None:
            raise self._missing("child_file", record_id)
        own = [a for a in dossier.attachments if a.owner_id == record_id]
        photos = self._photos(own)
        snapshot = ChildFileSnapshot(
            child=dossier.child,
            town_name=dossier.town_name,
            village_name=dossier.village_name,
            director_name=dossier.director_name,
            supervisor_name=dossier.supervisor_name,
            photo=photos[0] if photos else None,
            as_of=today_local(self.clock),
            show_full_ids=full_ids,
        )
        return snapshot, dossier

    def _child_info(self, record_id: str, full_ids: bool) -> ChildFileSnapshot:
        return self._child_file(record_id, full_ids)[0]

    def _dossier(self, record_id: str, full_ids: bool) -> DossierSnapshot:
        cover, dossier = self._child_file(record_id, full_ids)
        return DossierSnapshot(
            file=cover,
            visits=tuple(sorted(dossier.visits, key=lambda v: v.visit_at or v.created_at)),
            referrals=tuple(dossier.referrals),
            services=tuple(dossier.services),
            changes=tuple(dossier.changes),
        )

    def _child_visit(self, record_id: str, full_ids: bool) -> ChildVisitSnapshot:
        visit = self.children.visit(record_id)
        if visit is None:
            raise self._missing("child_visit", record_id)
        dossier = self.children.get(visit.child_id)
        assert dossier is not None
        return ChildVisitSnapshot(
            child=dossier.child,
            visit=visit,
            referrals=tuple(r for r in dossier.referrals if r.visit_id == record_id),
            town_name=dossier.town_name,
            village_name=dossier.village_name,
            signatures=self._signatures([a for a in dossier.attachments if a.owner_id == record_id]),
            show_full_ids=full_ids,
            form_id=visit.form_id or "child_visit",
            form_version=visit.form_version,
        )

    def _overdue_roster(self, supervisor_id: str, full_ids: bool) -> OverdueRosterSnapshot:
        today = today_local(self.clock)
        roster = self.queries.overdue_roster(supervisor_id, today)
        if roster.supervisor is None:
            raise self._missing("child_supervisor", supervisor_id)
        return OverdueRosterSnapshot(
            supervisor_id=supervisor_id,
            supervisor_name=roster.supervisor.display_name,
            town_name=roster.town_name,
            as_of=today,
            entries=tuple(
                OverdueEntry(
                    child_id=row.child.id,
                    child_name=row.child.name,
                    file_no=row.child.file_no,
                    village_name=row.village_name,
                    director_name=row.director_name,
                    category=row.child.primary_category,
                    risk_level=row.child.risk_level,
                    last_visit_on=row.child.last_visit_on,
                    next_visit_due=row.child.next_visit_due,
                )
                for row in roster.rows
            ),
        )

    def _patrol(self, record_id: str, full_ids: bool) -> PatrolSnapshot:
        bundle = self.queries.patrol(record_id)
        if bundle is None:
            raise self._missing("patrol", record_id)
        return PatrolSnapshot(
            patrol=bundle.patrol,
            town_name=bundle.town_name,
            cases=tuple(bundle.cases),
            village_names=bundle.village_names,
            signatures=self._signatures(bundle.attachments, SignerRole.INSPECTOR),
        )

    def _notice(self, record_id: str, full_ids: bool) -> NoticeSnapshot:
        bundle = self.queries.notice(record_id)
        if bundle is None:
            raise self._missing("rectification_notice", record_id)
        photo_slots = [a.slot for a in bundle.case_attachments if a.kind == AttachmentKind.PHOTO]
        return NoticeSnapshot(
            notice=bundle.notice,
            case=bundle.case,
            town_name=bundle.town_name,
            village_name=bundle.village_name,
            receipt=bundle.receipt,
            photo_refs=tuple(f"照片{i}" for i, _ in enumerate(photo_slots, start=1)),
            show_full_ids=full_ids,
        )

    def _reinspection(self, record_id: str, full_ids: bool) -> ReinspectionSnapshot:
        bundle = self.queries.reinspection(record_id)
        if bundle is None:
            raise self._missing("reinspection", record_id)
        return ReinspectionSnapshot(
            reinspection=bundle.reinspection,
            case=bundle.case,
            notice=bundle.notice,
            town_name=bundle.town_name,
            village_name=bundle.village_name,
            photos_before=self._photos(bundle.before),
            photos_after=self._photos(bundle.after),
            signatures=self._signatures(bundle.after, SignerRole.INSPECTOR),
            show_full_ids=full_ids,
        )

    def _ledger(self, town_code: str, full_ids: bool) -> LedgerSnapshot:
        town_name, rows = self.queries.ledger(town_code)
        if not town_name:
            raise self._missing("town", town_code)
        return LedgerSnapshot(
            town_code=town_code,
            town_name=town_name,
            as_of=today_local(self.clock),
            entries=tuple(
                LedgerEntry(case=r.case, village_name=r.village_name, notice_no=r.notice_no, enforced=r.enforced)
                for r in rows
            ),
        )
