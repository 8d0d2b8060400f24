"""Immutable snapshots that the renderers print: private copies of domain rows plus resolved names.

A caller (the UI, the CLI, the bureau) reads the rows, decrypts the photos and resolves ids to names; the
snapshot copies every row it is given, so later edits never change a document being printed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Protocol

from fieldvisit.domain.assistance import (
    Asset,
    HouseholdAssessment,
    HouseholdMember,
    IncomeItem,
    RigidExpense,
    SupportObligor,
)
from fieldvisit.domain.burial import GraveCase, Patrol, RectificationNotice, Reinspection, ServiceReceipt
from fieldvisit.domain.children import ChildChange, ChildFile, ChildService, ChildVisit, Referral
from fieldvisit.domain.shared import Attachment


def _frozen(value: Any) -> Any:
    if callable(getattr(value, "model_dump", None)):  # a domain row: keep a private copy of it
        return type(value)(**value.model_dump())
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, Mapping):
        return MappingProxyType({k: _frozen(v) for k, v in value.items()})
    return value


@dataclass(frozen=True, kw_only=True)
class Snapshot:
    """Base of every snapshot: copies domain rows and turns lists and dicts into tuples and read-only maps."""

    def __post_init__(self) -> None:
        for f in fields(self):
            object.__setattr__(self, f.name, _frozen(getattr(self, f.name)))


@dataclass(frozen=True, kw_only=True)
class Photo(Snapshot):
    """A photo to print, already decrypted by the caller, with what the caption line says about it."""

    image: bytes
    caption: str = ""
    kind: str = ""
    taken_at: datetime | None = None
    latitude: float | None = None
    longitude: float | None = None
    sha256: str = ""
    photographer: str = ""

    @classmethod
    def from_attachment(cls, attachment: Attachment, image: bytes) -> Photo:
        """A photo from its attachment row and its decrypted bytes."""
        return cls(
            image=image,
            caption=attachment.caption,
            kind=attachment.slot,
            taken_at=attachment.captured_at,
            latitude=attachment.latitude,
            longitude=attachment.longitude,
            sha256=attachment.sha256,
            photographer=attachment.photographer,
        )


class SignerRole(StrEnum):
    INVESTIGATOR = "investigator"  # 调查人员
    MEMBER = "member"  # 在场共同生活家庭成员
    VILLAGE = "village"  # 村(社区)经办人
    VISITOR = "visitor"  # 探访人
    GUARDIAN = "guardian"  # 监护人
    INSPECTOR = "inspector"  # 巡查、复查人员


@dataclass(frozen=True, kw_only=True)
class Signature(Snapshot):
    """A captured signature or fingerprint (手印); without an image the line is left for signing by hand."""

    role: SignerRole
    name: str = ""
    image: bytes | None = None
    fingerprint: bool = False
    signed_at: datetime | None = None


def signed_by(signatures: tuple[Signature, ...], role: SignerRole) -> list[Signature]:
    """The signatures of one role, in the order they were captured."""
    return [s for s in signatures if s.role == role]


class TraceLineLike(Protocol):
    """One printable step of the means test (`domain.means_test.TraceLine` has this shape)."""

    @property
    def label(self) -> str: ...

    @property
    def amount_fen(self) -> int | None: ...

    @property
    def text(self) -> str: ...

    @property
    def formula(self) -> str: ...


@dataclass(frozen=True, kw_only=True)
class CalculationLine(Snapshot):
    """One line of the printed calculation trace: label, amount (fen) or text, and how it was got."""

    label: str
    amount_fen: int | None = None
    text: str = ""
    formula: str = ""

    @classmethod
    def from_trace(cls, trace: tuple[TraceLineLike, ...] | list[TraceLineLike]) -> tuple[CalculationLine, ...]:
        """Copy the lines of a means-test trace."""
        return tuple(cls(label=t.label, amount_fen=t.amount_fen, text=t.text, formula=t.formula) for t in trace)


@dataclass(frozen=True, kw_only=True)
class HouseholdSnapshot(Snapshot):
    """A household home visit (入户调查) with its rows, the means-test trace, photos and signatures."""

    assessment: HouseholdAssessment
    town_name: str = ""
    village_name: str = ""
    members: tuple[HouseholdMember, ...] = ()
    obligors: tuple[SupportObligor, ...] = ()
    income: tuple[IncomeItem, ...] = ()
    assets: tuple[Asset, ...] = ()
    rigid_expenses: tuple[RigidExpense, ...] = ()
    calculation: tuple[CalculationLine, ...] = ()
    deductions_fen: int | None = None
    minimum_living_standard_fen: int | None = None
    near_limit_fen: int | None = None
    near_factor: str = "1.5"
    photos: tuple[Photo, ...] = ()
    signatures: tuple[Signature, ...] = ()
    show_full_ids: bool = False
    blank: bool = False

    @classmethod
    def empty(
        cls, *, form_id: str = "household_assessment", form_version: int = 1, town_name: str = ""
    ) -> HouseholdSnapshot:
        """The blank paper form, to fill in by hand at the doorstep."""
        row = HouseholdAssessment(id="", survey_no="", town_code="", form_id=form_id, form_version=form_version)
        return cls(assessment=row, town_name=town_name, blank=True)

    @property
    def record(self) -> HouseholdAssessment:
        return self.assessment


@dataclass(frozen=True, kw_only=True)
class ChildFileSnapshot(Snapshot):
    """The cover sheet of one child's file (一人一档), with resolved place and staff names."""

    child: ChildFile
    town_name: str = ""
    village_name: str = ""
    director_name: str = ""
    supervisor_name: str = ""
    photo: Photo | None = None
    as_of: date | None = None
    show_full_ids: bool = False
    blank: bool = False

    @classmethod
    def empty(cls, *, form_id: str = "child_file", form_version: int = 1, town_name: str = "") -> ChildFileSnapshot:
        """The blank registration sheet."""
        row = ChildFile(id="", file_no="", name="", town_code="", form_id=form_id, form_version=form_version)
        return cls(child=row, town_name=town_name, blank=True)

    @property
    def record(self) -> ChildFile:
        return self.child


@dataclass(frozen=True, kw_only=True)
class ChildVisitSnapshot(Snapshot):
    """One visit record (探访记录表); without a visit it prints the form blank under the child's header."""

    child: ChildFile
    visit: ChildVisit | None = None
    referrals: tuple[Referral, ...] = ()
    town_name: str = ""
    village_name: str = ""
    signatures: tuple[Signature, ...] = ()
    show_full_ids: bool = False
    form_id: str = "child_visit"
    form_version: int = 1

    @classmethod
    def empty(cls, *, form_id: str = "child_visit", form_version: int = 1, town_name: str = "") -> ChildVisitSnapshot:
        """The blank visit form, with an empty child header."""
        child = ChildFile(id="", file_no="", name="", town_code="")
        return cls(child=child, town_name=town_name, form_id=form_id, form_version=form_version)

    @property
    def record(self) -> ChildVisit | ChildFile:
        return self.visit if self.visit is not None else self.child


@dataclass(frozen=True, kw_only=True)
class DossierSnapshot(Snapshot):
    """The whole file of one child: the cover sheet, every visit, status changes, services, referrals."""

    file: ChildFileSnapshot
    visits: tuple[ChildVisit, ...] = ()
    referrals: tuple[Referral, ...] = ()
    services: tuple[ChildService, ...] = ()
    changes: tuple[ChildChange, ...] = ()

    @property
    def record(self) -> ChildFile:
        return self.file.child


@dataclass(frozen=True, kw_only=True)
class OverdueEntry(Snapshot):
    """One overdue child on a supervisor's roster."""

    child_id: str
    child_name: str
    file_no: str = ""
    village_name: str = ""
    director_name: str = ""
    category: str = ""
    risk_level: str = ""
    last_visit_on: date | None = None
    next_visit_due: date | None = None


@dataclass(frozen=True, kw_only=True)
class OverdueRosterSnapshot(Snapshot):
    """The overdue visits under one supervisor (儿童督导员) as of one day."""

    supervisor_id: str
    supervisor_name: str = ""
    town_name: str = ""
    as_of: date
    entries: tuple[OverdueEntry, ...] = ()


@dataclass(frozen=True, kw_only=True)
class PatrolSnapshot(Snapshot):
    """A patrol record (巡查记录) with the cases it opened and signatures."""

    patrol: Patrol
    town_name: str = ""
    cases: tuple[GraveCase, ...] = ()
    village_names: Mapping[str, str] = field(default_factory=dict)
    signatures: tuple[Signature, ...] = ()
    blank: bool = False

    @classmethod
    def empty(cls, *, form_id: str = "patrol", form_version: int = 1, town_name: str = "") -> PatrolSnapshot:
        """The blank patrol record."""
        row = Patrol(
            id="", patrol_no="", town_code="", patrol_date=date.min, form_id=form_id, form_version=form_version
        )
        return cls(patrol=row, town_name=town_name, blank=True)

    @property
    def record(self) -> Patrol:
        return self.patrol


@dataclass(frozen=True, kw_only=True)
class NoticeSnapshot(Snapshot):
    """A 责令限期整改通知书 with its case and, once served, its 送达回证."""

    notice: RectificationNotice
    case: GraveCase
    town_name: str = ""
    village_name: str = ""
    receipt: ServiceReceipt | None = None
    photo_refs: tuple[str, ...] = ()
    show_full_ids: bool = False

    @property
    def record(self) -> RectificationNotice:
        return self.notice


@dataclass(frozen=True, kw_only=True)
class ReinspectionSnapshot(Snapshot):
    """A re-inspection (复查记录) of one case, with the notice it follows and before/after photos."""

    reinspection: Reinspection
    case: GraveCase
    notice: RectificationNotice | None = None
    town_name: str = ""
    village_name: str = ""
    photos_before: tuple[Photo, ...] = ()
    photos_after: tuple[Photo, ...] = ()
    signatures: tuple[Signature, ...] = ()
    show_full_ids: bool = False
    blank: bool = False

    @classmethod
    def empty(
        cls, *, form_id: str = "reinspection", form_version: int = 1, town_name: str = ""
    ) -> ReinspectionSnapshot:
        """The blank re-inspection record."""
        row = Reinspection(id="", case_id="", inspected_on=date.min, form_id=form_id, form_version=form_version)
        case = GraveCase(id="", case_no="", found_on=date.min, town_code="")
        return cls(reinspection=row, case=case, town_name=town_name, blank=True)

    @property
    def record(self) -> Reinspection:
        return self.reinspection


@dataclass(frozen=True, kw_only=True)
class LedgerEntry(Snapshot):
    """One grave case on the ledger, with its village name and notice number resolved."""

    case: GraveCase
    village_name: str = ""
    notice_no: str = ""
    enforced: bool = False  # the case history has an ENFORCED step (it may be closed since)


@dataclass(frozen=True, kw_only=True)
class LedgerSnapshot(Snapshot):
    """The illegal-grave ledger (违建坟墓台账) of one town as of one day."""

    town_code: str
    town_name: str = ""
    as_of: date
    entries: tuple[LedgerEntry, ...] = ()
