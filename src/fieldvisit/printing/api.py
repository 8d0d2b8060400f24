"""The printing API for the UI and the CLI: document kinds by name, render records, batches and blank forms.

The caller logs every print (an audit event of kind PRINT: who, what, when, copies) from what is returned:
the PDF bytes, the page count, and each record's check code (id, form version, content hash).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from fieldvisit.printing.check_code import CheckCode
from fieldvisit.printing.child_dossier import ChildDossierRenderer
from fieldvisit.printing.child_forms import ChildInfoRenderer, ChildVisitRenderer
from fieldvisit.printing.definitions import form_definition
from fieldvisit.printing.document import PrintedDocument, PrintedRecord, Renderer, build_pdf
from fieldvisit.printing.grave_ledger import GraveLedgerRenderer
from fieldvisit.printing.household import HouseholdSurveyRenderer
from fieldvisit.printing.notice import RectificationNoticeRenderer
from fieldvisit.printing.overdue_roster import OverdueRosterRenderer
from fieldvisit.printing.patrol import PatrolRecordRenderer
from fieldvisit.printing.reinspection import ReinspectionRenderer
from fieldvisit.printing.snapshots import (
    ChildFileSnapshot,
    ChildVisitSnapshot,
    HouseholdSnapshot,
    PatrolSnapshot,
    ReinspectionSnapshot,
)

__all__ = [
    "BLANK_FORMS",
    "DOCUMENTS",
    "CheckCode",
    "PrintedDocument",
    "PrintedRecord",
    "Renderer",
    "render_batch",
    "render_blank",
    "render_pdf",
]

DOCUMENTS: dict[str, type[Renderer[Any]]] = {
    renderer.document: renderer
    for renderer in (
        HouseholdSurveyRenderer,
        ChildInfoRenderer,
        ChildVisitRenderer,
        ChildDossierRenderer,
        OverdueRosterRenderer,
        PatrolRecordRenderer,
        RectificationNoticeRenderer,
        ReinspectionRenderer,
        GraveLedgerRenderer,
    )
}
"""Every printable document by name (`fieldvisit print DOCUMENT RECORD_ID...`)."""

BlankFactory = Callable[..., Any]

BLANK_FORMS: dict[str, tuple[type[Renderer[Any]], BlankFactory]] = {
    "household_assessment": (HouseholdSurveyRenderer, HouseholdSnapshot.empty),
    "child_file": (ChildInfoRenderer, ChildFileSnapshot.empty),
    "child_visit": (ChildVisitRenderer, ChildVisitSnapshot.empty),
    "patrol": (PatrolRecordRenderer, PatrolSnapshot.empty),
    "reinspection": (ReinspectionRenderer, ReinspectionSnapshot.empty),
}
"""The forms that print blank, by form id (`fieldvisit print blank FORM`)."""


def renderer_for(document: str | type[Renderer[Any]]) -> type[Renderer[Any]]:
    """The renderer class of a document name (or the class itself)."""
    if isinstance(document, str):
        try:
            return DOCUMENTS[document]
        except KeyError:
            raise KeyError(f"unknown document {document!r}; known: {', '.join(sorted(DOCUMENTS))}") from None
    return document


def render_pdf(document: str | type[Renderer[Any]], snapshot: Any) -> PrintedDocument:
    """Render one record's snapshot as `document` (a name from DOCUMENTS or a renderer class)."""
    return render_batch(document, [snapshot])


def render_batch(document: str | type[Renderer[Any]], snapshots: Sequence[Any]) -> PrintedDocument:
    """Render several records of one kind into one PDF; each starts on a new page with its own numbering."""
    renderer = renderer_for(document)
    return build_pdf([renderer(snapshot) for snapshot in snapshots])


def render_blank(form_id: str, *, copies: int = 1, town_name: str = "") -> PrintedDocument:
    """The blank paper form `form_id` in its current version, `copies` times (e.g. to take on visits)."""
    try:
        renderer, empty = BLANK_FORMS[form_id]
    except KeyError:
        raise KeyError(f"no blank form {form_id!r}; known: {', '.join(sorted(BLANK_FORMS))}") from None
    version = form_definition(form_id).version
    snapshot = empty(form_id=form_id, form_version=version, town_name=town_name)
    return build_pdf([renderer(snapshot) for _ in range(max(1, copies))])
