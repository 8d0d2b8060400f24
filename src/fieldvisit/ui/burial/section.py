"""The burial section: the ledger, a case page, and the patrol, ledger, notice and re-inspection editors."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QWidget

from fieldvisit.ui.burial.cases_list import CasesList
from fieldvisit.ui.shell.section import Section
from fieldvisit.ui.shell.services import AppServices, editor_services
from fieldvisit.ui.shell.widgets import button, menu_button

if TYPE_CHECKING:
    from fieldvisit.store.services.records import Outcome
    from fieldvisit.ui.burial.case_page import CasePage
    from fieldvisit.ui.forms.editor_page import EditorActions, EditorPage

DEFAULT_TOWN = "330282107"
THUMB_CACHE_LIMIT = 200


class CasesSection(Section):
    """殡葬巡查: patrols find graves; each grave is a case that moves only along allowed steps."""

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        self.list = CasesList(services.cases, services.search_index, services.tasks, services.clock)
        super().__init__(self.list, parent)
        self.services = services
        self._loaded = False
        self._thumbs: dict[str, QPixmap | None] = {}
        self.towns: dict[str, str] = {}
        self.ledger_button = menu_button(self.tr("Print ledger"), "printLedgerButton", parent=self.list)
        self.ledger_button.setToolTip(self.tr("The case ledger (违建坟墓台账) of one town"))
        self.ledger_button.menu().aboutToShow.connect(self.fill_ledger_menu)
        self.list.actions.addWidget(self.ledger_button)
        patrol = button(self.tr("New patrol"), "newPatrolButton", primary=True, parent=self.list)
        patrol.clicked.connect(self.start_patrol)
        self.list.actions.addWidget(patrol)
        self.list.open_requested.connect(self.open_case)
        services.bus.changed.connect(self._changed)

    def ensure_loaded(self) -> None:
        """Load the list (and the town names of the ledger menu) the first time the section is shown."""
        if not self._loaded:
            self._loaded = True
            self.list.load()
            reference = self.services.reference
            self.services.tasks.read(
                lambda: {t.name: t.division_code for t in reference.towns()}, lambda towns: self.towns.update(towns)
            )

    def fill_ledger_menu(self) -> None:
        """One entry per town with cases in the list (the town chosen in the filter first)."""
        menu = self.ledger_button.menu()
        menu.clear()
        chosen = self.list.chosen("town")
        names = sorted({row.town_name for row in self.list.model.rows() if row.town_name in self.towns})
        for name in sorted(names, key=lambda n: n != chosen):
            action = menu.addAction(self.tr("Ledger of %1").replace("%1", name))
            code = self.towns[name]
            action.setObjectName(f"printLedger_{code}")
            action.triggered.connect(lambda _=False, c=code, n=name: self.print_ledger(c, n))
        if not names:
            menu.addAction(self.tr("No cases to print")).setEnabled(False)

    def _changed(self, table: str) -> None:
        if self._loaded and table in ("grave_case", "patrol", "sync") and self.currentWidget() is self.list:
            self.list.load()
        elif table == "sync" and self.currentWidget().objectName() == "casePage":
            self.currentWidget().refresh()  # type: ignore[attr-defined]

    def _town(self) -> str:
        user = self.services.session.user
        return user.town_codes[0] if user is not None and user.town_codes else DEFAULT_TOWN

    def _editor(self, form_id: str, record_id: str, title: str, actions: EditorActions, then: Any = None) -> None:
        s = self.services

        def show(draft: Any) -> None:
            from fieldvisit.ui.forms.editor_page import EditorPage

            editor = EditorPage(title, draft, editor_services(s), actions)
            editor.back_requested.connect(self.pop)
            if then is not None:
                then(editor)
            self.push(editor)

        s.tasks.read(lambda: s.drafts.load(form_id, record_id), show)

    # ------------------------------------------------------------------ patrols
    def start_patrol(self) -> None:
        """A new patrol record for today."""
        self.services.tasks.write(lambda: self.services.burial.start_patrol(self._town()), self.open_patrol)

    def open_patrol(self, patrol_id: str) -> None:
        """The patrol editor, with a button to register each grave found."""
        from fieldvisit.ui.forms.editor_page import EditorActions

        s = self.services
        actions = EditorActions(
            finalize=lambda: s.burial.finalize_patrol(patrol_id),
            finalize_text=self.tr("Finalize the patrol"),
            print_document="patrol_record",
        )

        def add_register(editor: EditorPage) -> None:
            register = button(self.tr("Register a grave found…"), "registerGraveButton", parent=editor)
            register.clicked.connect(lambda: self._register_grave(editor, patrol_id))
            register.setVisible(not editor.model.readonly)
            editor.extra_actions.addWidget(register)

        self._editor("patrol", patrol_id, self.tr("Patrol record"), actions, add_register)

    def _register_grave(self, editor: EditorPage, patrol_id: str) -> None:
        editor.flush()

        def registered(case_id: str) -> None:
            ids = list(editor.model.values.get("case_ids") or [])
            editor.model.set_value("found_issue", True)
            editor.model.set_value("case_ids", [*ids, case_id])
            editor.view.fields["case_ids"].set_value(editor.model.values["case_ids"])
            editor.view.fields["found_issue"].set_value(True)
            self.services.bus.changed.emit("grave_case")
            self.open_case_form(case_id)

        self.services.tasks.write(lambda: self.services.burial.register_grave(patrol_id), registered)

    # ------------------------------------------------------------------ cases
    def open_case(self, case_id: str) -> None:
        """The case page: timeline, deadline and the allowed steps."""
        from fieldvisit.ui.burial.case_page import CasePage

        self.ensure_loaded()
        self.pop_to_root()
        s = self.services
        page = CasePage(case_id, s.cases, s.burial, self._thumbnail, s.tasks, s.clock, s.sync_state)
        page.back_requested.connect(self.pop)
        page.edit_case.connect(self.open_case_form)
        page.step.connect(lambda case, target: self._step(page, case, target))
        page.issue_notice.connect(self.start_notice)
        page.reinspect.connect(self.start_reinspection)
        page.open_notice.connect(self.open_notice)
        page.open_reinspection.connect(self.open_reinspection)
        page.print_requested.connect(lambda what, title: self._print(page, what, title))
        self.push(page)

    def _print(self, page: QWidget, what: str, title: str) -> None:
        document, _, record_id = what.partition(":")
        self.services.printer.preview(page, document, [record_id], title)

    def print_ledger(self, town_code: str, town_name: str) -> None:
        """The case ledger (违建坟墓台账) of one town."""
        title = self.tr("Grave case ledger %1").replace("%1", town_name)
        self.services.printer.preview(self.list, "grave_ledger", [town_code], title)

    def open_case_form(self, case_id: str) -> None:
        """The ledger record's details (location, grave, party, photos)."""
        from fieldvisit.ui.forms.editor_page import EditorActions

        self._editor("grave_case", case_id, self.tr("Illegal grave ledger record"), EditorActions())

    def _step(self, page: CasePage, case_id: str, target: str) -> None:
        def done(outcome: Outcome) -> None:
            if outcome.ok:
                page.show_message("")
                self.services.bus.changed.emit("grave_case")
            else:
                lines = [outcome.message_zh] + [i.message_zh for i in outcome.errors[:8]]
                page.show_message("\n".join(lines))
            page.refresh()

        self.services.tasks.write(lambda: self.services.burial.move(case_id, target), done)

    def _thumbnail(self, attachment_id: str) -> QPixmap | None:
        if attachment_id not in self._thumbs:
            if len(self._thumbs) > THUMB_CACHE_LIMIT:
                self._thumbs.clear()
            pixmap = QPixmap()
            try:
                loaded = pixmap.loadFromData(self.services.attachments.content(attachment_id))
            except (LookupError, OSError, ValueError):
                loaded = False
            self._thumbs[attachment_id] = pixmap if loaded else None
        return self._thumbs[attachment_id]

    # ------------------------------------------------------------------ notices and re-inspections
    def start_notice(self, case_id: str) -> None:
        """A notice draft filled from the case; issuing it numbers it and starts the deadline."""
        self.services.tasks.write(lambda: self.services.burial.start_notice(case_id), self.open_notice)

    def open_notice(self, notice_id: str) -> None:
        """The notice editor (read-only once issued)."""
        from fieldvisit.ui.forms.editor_page import EditorActions

        s = self.services
        actions = EditorActions(
            finalize=lambda: s.burial.issue_notice(notice_id),
            finalize_text=self.tr("Issue the notice"),
            print_document="rectification_notice",
        )
        self._editor("rectification_notice", notice_id, self.tr("Rectification notice"), actions)

    def start_reinspection(self, case_id: str) -> None:
        """A re-inspection record for today."""
        self.services.tasks.write(lambda: self.services.burial.start_reinspection(case_id), self.open_reinspection)

    def open_reinspection(self, reinspection_id: str) -> None:
        """The re-inspection editor; finalizing moves the case as its conclusion says."""
        from fieldvisit.ui.forms.editor_page import EditorActions

        s = self.services
        actions = EditorActions(
            finalize=lambda: s.burial.finalize_reinspection(reinspection_id),
            finalize_text=self.tr("Finalize the re-inspection"),
            print_document="reinspection_record",
        )
        self._editor("reinspection", reinspection_id, self.tr("Re-inspection record"), actions)
