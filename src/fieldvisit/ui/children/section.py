"""The children section: the list, a child's file, and the visit editor on top of it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QAbstractItemView, QWidget

from fieldvisit.domain.children import ChildStatus
from fieldvisit.domain.shared import Role
from fieldvisit.ui.children.change_dialogs import ChangeDialog
from fieldvisit.ui.children.child_page import ChildPage
from fieldvisit.ui.children.children_list import ChildrenList
from fieldvisit.ui.shell.section import Section
from fieldvisit.ui.shell.services import AppServices, editor_services
from fieldvisit.ui.shell.widgets import button

if TYPE_CHECKING:
    from fieldvisit.store.services.records import Outcome

VISIT_FORM = "child_visit"
FILE_FORM = "child_file"
DEFAULT_TOWN = "330282107"
MAX_VISIT_FORMS = 300


class ChildrenSection(Section):
    """儿童档案: list → a child's file → a visit."""

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        user = services.session.user
        director_id = user.id if user is not None and user.role == Role.CHILD_DIRECTOR else ""
        self.list = ChildrenList(services.children, services.search_index, services.tasks, services.clock, director_id)
        super().__init__(self.list, parent)
        self.services = services
        self._loaded = False
        self.dialog: ChangeDialog | None = None
        self.list.open_requested.connect(self.open_child)
        self.list.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        forms = button(self.tr("Print visit forms"), "printVisitFormsButton", parent=self.list)
        forms.setToolTip(self.tr("Blank visit forms headed for the selected children, or for every child shown"))
        forms.clicked.connect(self.print_visit_forms)
        self.list.actions.addWidget(forms)
        if user is not None and user.role == Role.CHILD_SUPERVISOR:
            roster = button(self.tr("Print overdue roster"), "printOverdueRosterButton", parent=self.list)
            roster.clicked.connect(lambda: self.print_roster(user.id))
            self.list.actions.addWidget(roster)
        new = button(self.tr("New child's file"), "newChildButton", parent=self.list)
        new.clicked.connect(self.start_file)
        self.list.actions.addWidget(new)
        services.bus.changed.connect(self._changed)

    def ensure_loaded(self) -> None:
        """Load the list the first time the section is shown."""
        if not self._loaded:
            self._loaded = True
            self.list.load()

    def _changed(self, table: str) -> None:
        if self._loaded and table in ("child_file", "child_visit", "sync") and self.currentWidget() is self.list:
            self.list.load()
        elif table == "sync" and isinstance(self.currentWidget(), ChildPage):
            self.currentWidget().refresh()  # type: ignore[attr-defined]

    def start_file(self) -> None:
        """A new file for a child found in screening (排查发现), opened in its editor."""
        user = self.services.session.user
        town = user.town_codes[0] if user is not None and user.town_codes else DEFAULT_TOWN
        self.services.tasks.write(lambda: self.services.child_files.start_file(town), self.open_file_editor)

    def open_file_editor(self, child_id: str) -> None:
        """The editor of a file still in draft; finalizing puts the child on the list (在册)."""
        s = self.services

        def show(draft: Any) -> None:
            from fieldvisit.ui.forms.editor_page import EditorActions, EditorPage

            actions = EditorActions(
                finalize=lambda: s.child_files.finalize_file(child_id), finalize_text=self.tr("Put on the list")
            )
            self.pop_to_root()
            editor = EditorPage(self.tr("Child's file"), draft, editor_services(s), actions)
            editor.back_requested.connect(self.pop)
            editor.finalized.connect(lambda _id: self.list.load())
            self.push(editor)

        s.tasks.read(lambda: s.drafts.load(FILE_FORM, child_id), show)

    def open_child(self, child_id: str) -> None:
        """Show one child's file (its opening is audited); a file still in draft opens in its editor."""
        self.ensure_loaded()
        s = self.services
        row = next((r for r in self.list.model.rows() if r.id == child_id), None)
        if row is not None and row.status == ChildStatus.DISCOVERED:
            self.open_file_editor(child_id)
            return
        self.pop_to_root()
        page = ChildPage(child_id, s.children, s.drafts.params(), s.tasks, s.clock, s.sync_state)
        page.back_requested.connect(self.pop)
        page.new_visit.connect(self.start_visit)
        page.open_visit.connect(self.open_visit)
        page.change_requested.connect(self._change)
        page.print_requested.connect(lambda what, title: self._print(page, what, title))
        self.push(page)
        s.tasks.write(lambda: s.child_files.record_open(child_id))

    def _print(self, page: ChildPage, document: str, title: str) -> None:
        name = page.dossier.child.name if page.dossier is not None else ""
        self.services.printer.preview(page, document, [page.child_id], f"{title} {name}".strip())

    def print_visit_forms(self) -> None:
        """Blank visit forms for the selected children, or for every child the filters show (e.g. one village)."""
        ids = self.list.selected_ids() or self.list.visible_ids()
        if not ids or len(ids) > MAX_VISIT_FORMS:
            text = self.tr("Choose at most %1 children to print (filter by village, or select rows).")
            self.list.count.setText(text.replace("%1", str(MAX_VISIT_FORMS)))
            return
        title = self.tr("Visit forms for %n children", "", len(ids))
        self.services.printer.preview_visit_forms(self.list, ids, title)

    def print_roster(self, supervisor_id: str) -> None:
        """The overdue visits of the supervisor's area, by village and director."""
        self.services.printer.preview(self.list, "overdue_roster", [supervisor_id], self.tr("Overdue roster"))

    def start_visit(self, child_id: str) -> None:
        """A new visit for the child (or the one left unfinished)."""
        self.services.tasks.write(lambda: self.services.visits.start(child_id), self.open_visit)

    def open_visit(self, visit_id: str) -> None:
        """The visit editor (read-only once finalized; a correction then starts an amendment)."""
        s = self.services
        s.tasks.read(lambda: s.drafts.load(VISIT_FORM, visit_id), self._show_visit)

    def _show_visit(self, draft: Any) -> None:
        from fieldvisit.ui.forms.editor_page import EditorActions, EditorPage

        s = self.services
        child = draft.context.child
        title = self.tr("Visit to %1").replace("%1", child.name if child else "")
        actions = EditorActions(
            finalize=lambda: s.visits.finalize(draft.record_id),
            finalize_text=self.tr("Finalize the visit"),
            amend=lambda reason: s.amendments.start(VISIT_FORM, draft.record_id, reason),
            print_document="child_visit",
        )
        editor = EditorPage(title, draft, editor_services(s), actions)
        editor.back_requested.connect(self.pop)
        editor.amended.connect(self._amended)
        self.push(editor)

    def _amended(self, new_id: str) -> None:
        self.pop()
        self.open_visit(new_id)

    def _change(self, child_id: str, kind: str) -> None:
        self.dialog = ChangeDialog(kind, self)
        self.dialog.confirmed.connect(lambda answers: self._apply_change(child_id, kind, answers))
        self.dialog.open()

    def _apply_change(self, child_id: str, kind: str, answers: dict[str, Any]) -> None:
        files = self.services.child_files
        reason = str(answers["reason"])

        def change() -> Outcome:
            if kind == "category":
                return files.change_category(child_id, answers["category"], reason)
            if kind == "guardian":
                guardian = {k: answers[k] for k in ("name", "relation", "phone") if answers.get(k)}
                return files.change_guardian(child_id, guardian, reason)
            return files.close(child_id, answers["closure"], reason)

        def done(outcome: Outcome) -> None:
            if self.dialog is None:
                return
            if not outcome.ok:
                self.dialog.show_error(outcome.message_zh)
                return
            self.dialog.accept()
            self.services.bus.changed.emit("child_file")
            page = self.currentWidget()
            if isinstance(page, ChildPage):
                page.refresh()

        self.services.tasks.write(change, done)
