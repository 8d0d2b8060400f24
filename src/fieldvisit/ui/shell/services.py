"""The composition root after unlock: repositories and services built once, handed out one by one to screens."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from fieldvisit.domain.types import Clock
from fieldvisit.store.repositories.assistance import AssessmentRepository
from fieldvisit.store.repositories.burial import CaseRepository
from fieldvisit.store.repositories.children import ChildRepository
from fieldvisit.store.repositories.dashboard import DashboardRepository
from fieldvisit.store.repositories.reference import ReferenceRepository
from fieldvisit.store.repositories.search import SearchIndexRepository
from fieldvisit.store.services.access import OpenSession
from fieldvisit.store.services.amendments import AmendmentService
from fieldvisit.store.services.assessments import AssessmentService
from fieldvisit.store.services.attachments import AttachmentService
from fieldvisit.store.services.cases import CaseService
from fieldvisit.store.services.child_files import ChildFileService
from fieldvisit.store.services.drafts import DraftService
from fieldvisit.store.services.visits import VisitService
from fieldvisit.ui.forms.editor_page import EditorServices
from fieldvisit.ui.forms.lookups import Lookups
from fieldvisit.ui.prefs import Preferences
from fieldvisit.ui.tasks import TaskRunner


class ChangeBus(QObject):
    """Tells every screen that records of a table changed, so lists and the dashboard refresh."""

    changed = Signal(str)


@dataclass
class AppServices:
    """Everything the screens of one unlocked session use; each screen receives only the parts it needs."""

    session: OpenSession
    tasks: TaskRunner
    clock: Clock
    prefs: Preferences
    secret_backend: str
    bus: ChangeBus
    dashboard: DashboardRepository
    children: ChildRepository
    assessments: AssessmentRepository
    cases: CaseRepository
    reference: ReferenceRepository
    search_index: SearchIndexRepository
    drafts: DraftService
    visits: VisitService
    households: AssessmentService
    burial: CaseService
    child_files: ChildFileService
    amendments: AmendmentService
    attachments: AttachmentService

    @classmethod
    def build(
        cls, session: OpenSession, tasks: TaskRunner, clock: Clock, prefs: Preferences, secret_backend: str
    ) -> AppServices:
        """Create the repositories and services over the session's engine."""
        engine = session.workspace.engine
        actor = session.actor
        attachments = AttachmentService(engine, session.workspace.vault, actor, clock)
        drafts = DraftService(engine, actor, clock)
        return cls(
            session=session,
            tasks=tasks,
            clock=clock,
            prefs=prefs,
            secret_backend=secret_backend,
            bus=ChangeBus(),
            dashboard=DashboardRepository(engine),
            children=ChildRepository(engine),
            assessments=AssessmentRepository(engine),
            cases=CaseRepository(engine),
            reference=ReferenceRepository(engine),
            search_index=SearchIndexRepository(engine),
            drafts=drafts,
            visits=VisitService(engine, actor, clock, drafts),
            households=AssessmentService(engine, actor, clock, drafts),
            burial=CaseService(engine, actor, clock, drafts),
            child_files=ChildFileService(engine, actor, clock, drafts),
            amendments=AmendmentService(engine, actor, clock, drafts),
            attachments=attachments,
        )


def editor_services(services: AppServices) -> EditorServices:
    """What an editor page needs, from the session's services (a fresh lookup cache per editor)."""
    return EditorServices(
        drafts=services.drafts,
        attachments=services.attachments,
        tasks=services.tasks,
        lookups=Lookups(services.reference, services.cases),
        clock=services.clock,
        changed=services.bus.changed.emit,
    )
