"""The composition root after unlock: repositories and services built once, handed out one by one to screens."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from fieldvisit.domain.types import Clock
from fieldvisit.store.repositories.assistance import AssessmentRepository
from fieldvisit.store.repositories.burial import CaseRepository
from fieldvisit.store.repositories.children import ChildRepository
from fieldvisit.store.repositories.dashboard import DashboardRepository
from fieldvisit.store.repositories.reference import ReferenceRepository
from fieldvisit.store.repositories.search import SearchIndexRepository
from fieldvisit.store.services.access import OpenSession
from fieldvisit.ui.prefs import Preferences
from fieldvisit.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from fieldvisit.print_service import PrintJob, PrintService
    from fieldvisit.store.services.amendments import AmendmentService
    from fieldvisit.store.services.assessments import AssessmentService
    from fieldvisit.store.services.attachments import AttachmentService
    from fieldvisit.store.services.cases import CaseService
    from fieldvisit.store.services.child_files import ChildFileService
    from fieldvisit.store.services.drafts import DraftService
    from fieldvisit.store.services.visits import VisitService
    from fieldvisit.ui.forms.editor_page import EditorServices
    from fieldvisit.ui.printing.launcher import PrintLauncher
    from fieldvisit.ui.sync.badge import RecordSyncStates, SyncStateOf
    from fieldvisit.ui.sync.controller import SyncController


class ChangeBus(QObject):
    """Tells every screen that records of a table changed, so lists and the dashboard refresh."""

    changed = Signal(str)


class AppServices:
    """Everything the screens of one unlocked session use; each screen receives only the parts it needs.

    Repositories are built at once (the dashboard and lists need them); the services behind the editors are
    built, and their modules imported, the first time a screen asks for them, so unlocking stays quick.
    """

    def __init__(
        self, session: OpenSession, tasks: TaskRunner, clock: Clock, prefs: Preferences, secret_store: Any
    ) -> None:
        engine = session.workspace.engine
        self.session = session
        self.tasks = tasks
        self.clock = clock
        self.prefs = prefs
        self.secret_store = secret_store
        self.bus = ChangeBus()
        self.dashboard = DashboardRepository(engine)
        self.children = ChildRepository(engine)
        self.assessments = AssessmentRepository(engine)
        self.cases = CaseRepository(engine)
        self.reference = ReferenceRepository(engine)
        self.search_index = SearchIndexRepository(engine)

    @classmethod
    def build(
        cls, session: OpenSession, tasks: TaskRunner, clock: Clock, prefs: Preferences, secret_store: Any
    ) -> AppServices:
        """The services of an unlocked session (`secret_store`: where keys and tokens are cached, or None)."""
        return cls(session, tasks, clock, prefs, secret_store)

    @property
    def secret_backend(self) -> str:
        """The keyring backend in use, in words."""
        name = getattr(self.secret_store, "backend_name", "")
        return name if name and getattr(self.secret_store, "persistent", False) else ""

    def _args(self) -> tuple[Any, Any, Clock]:
        return self.session.workspace.engine, self.session.actor, self.clock

    @cached_property
    def drafts(self) -> DraftService:
        """Reading and autosaving drafts of every form."""
        from fieldvisit.store.services.drafts import DraftService

        return DraftService(*self._args())

    @cached_property
    def visits(self) -> VisitService:
        """Child visits."""
        from fieldvisit.store.services.visits import VisitService

        return VisitService(*self._args(), self.drafts)

    @cached_property
    def households(self) -> AssessmentService:
        """Household assessments."""
        from fieldvisit.store.services.assessments import AssessmentService

        return AssessmentService(*self._args(), self.drafts)

    @cached_property
    def burial(self) -> CaseService:
        """Patrols, grave cases, notices, re-inspections."""
        from fieldvisit.store.services.cases import CaseService

        return CaseService(*self._args(), self.drafts)

    @cached_property
    def child_files(self) -> ChildFileService:
        """New child files and their status changes."""
        from fieldvisit.store.services.child_files import ChildFileService

        return ChildFileService(*self._args(), self.drafts)

    @cached_property
    def amendments(self) -> AmendmentService:
        """Corrections of finalized records."""
        from fieldvisit.store.services.amendments import AmendmentService

        return AmendmentService(*self._args(), self.drafts)

    @cached_property
    def attachments(self) -> AttachmentService:
        """Photos and signatures."""
        from fieldvisit.store.services.attachments import AttachmentService

        engine, actor, clock = self._args()
        return AttachmentService(engine, self.session.workspace.vault, actor, clock)

    @cached_property
    def printing(self) -> PrintService:
        """Documents rendered from the store, every print logged (imports ReportLab: built on first print)."""
        from fieldvisit.print_service import PrintService

        engine, actor, clock = self._args()
        return PrintService(engine, self.session.workspace.vault, actor, clock)

    @cached_property
    def printer(self) -> PrintLauncher:
        """Opens print previews for the screens (rendering off the GUI thread)."""
        from fieldvisit.ui.printing.launcher import PrintLauncher

        return PrintLauncher(lambda: self.printing, self.tasks, self.check_password, self._audit_reveal)

    @cached_property
    def sync(self) -> SyncController:
        """Syncs with the bureau (none for demo data)."""
        from fieldvisit.ui.sync.controller import SyncController

        controller = SyncController(self.session.workspace, self.secret_store, self.tasks, self.clock, self.prefs)
        self.bus.changed.connect(controller.changed_locally)
        controller.finished.connect(lambda _report: self.bus.changed.emit("sync"))
        return controller

    @cached_property
    def sync_states(self) -> RecordSyncStates:
        """One record's sync badge, for record pages."""
        from fieldvisit.ui.sync.badge import RecordSyncStates

        return RecordSyncStates(self.session.workspace.engine)

    @property
    def sync_state(self) -> SyncStateOf | None:
        """Reads one record's sync badge; None for demo data, which never sync (pages then show no badge)."""
        return self.sync_states.state if self.sync.enabled else None

    def resolve_conflict(self, conflict_id: str, choices: dict[str, str]) -> None:
        """Settle a sync conflict with a person's choice per field (queued as a new change for the bureau)."""
        from fieldvisit.store.sync_local import resolve_conflict

        engine, actor, clock = self._args()
        resolve_conflict(engine, actor, conflict_id, choices, clock=clock)

    def requeue(self, seq: int) -> str:
        """Send a refused (quarantined) change again."""
        from fieldvisit.store.sync_local import requeue_quarantined

        return requeue_quarantined(self.session.workspace.engine, seq)

    def check_password(self, password: str) -> bytes:
        """The workspace key if `password` opens it; raises WrongPasswordError (re-authentication)."""
        from fieldvisit.store.workspace import unlock_key

        return unlock_key(self.session.workspace.path, password)

    def _audit_reveal(self, job: PrintJob) -> None:
        """Full ID numbers were shown after re-authentication: one REVEAL_ID audit event per record."""
        from fieldvisit.domain.shared import AuditKind
        from fieldvisit.store.changes import write_changes

        engine, actor, clock = self._args()
        with write_changes(engine, actor, clock=clock) as writer:
            for record in job.printed.records:
                writer.audit_id(AuditKind.REVEAL_ID, record.check.form_id, record.check.record_id, {"print": True})


def editor_services(services: AppServices) -> EditorServices:
    """What an editor page needs, from the session's services (a fresh lookup cache per editor)."""
    from fieldvisit.ui.forms.editor_page import EditorServices
    from fieldvisit.ui.forms.lookups import Lookups

    return EditorServices(
        drafts=services.drafts,
        attachments=services.attachments,
        tasks=services.tasks,
        lookups=Lookups(services.reference, services.cases),
        clock=services.clock,
        changed=services.bus.changed.emit,
        printer=services.printer,
        sync_state=services.sync_state,
        sync_done=services.sync.finished,
    )
