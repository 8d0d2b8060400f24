"""The household section: the list of assessments and the home-visit (入户调查) editor."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from fieldvisit.ui.assistance.households_list import HouseholdsList
from fieldvisit.ui.shell.section import Section
from fieldvisit.ui.shell.services import AppServices, editor_services
from fieldvisit.ui.shell.widgets import button

FORM_ID = "household_assessment"
DEFAULT_TOWN = "330282107"


class HouseholdsSection(Section):
    """家庭核查: the list, a new home visit in one click, an assessment in its editor."""

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        self.list = HouseholdsList(services.assessments, services.search_index, services.tasks)
        super().__init__(self.list, parent)
        self.services = services
        self._loaded = False
        blank = button(self.tr("Print blank survey form"), "printBlankSurveyButton", parent=self.list)
        blank.clicked.connect(
            lambda: services.printer.preview_blank(self.list, FORM_ID, self.tr("Blank household survey form"))
        )
        self.list.actions.addWidget(blank)
        new = button(self.tr("New home visit"), "newHouseholdButton", primary=True, parent=self.list)
        new.clicked.connect(self.start_assessment)
        self.list.actions.addWidget(new)
        self.list.open_requested.connect(self.open_assessment)
        services.bus.changed.connect(self._changed)

    def ensure_loaded(self) -> None:
        """Load the list the first time the section is shown."""
        if not self._loaded:
            self._loaded = True
            self.list.load()

    def _changed(self, table: str) -> None:
        if self._loaded and table in ("household_assessment", "sync") and self.currentWidget() is self.list:
            self.list.load()

    def start_assessment(self) -> None:
        """A new numbered assessment in the worker's town, opened in the editor."""
        user = self.services.session.user
        town = user.town_codes[0] if user is not None and user.town_codes else DEFAULT_TOWN
        self.services.tasks.write(lambda: self.services.households.start(town), self.open_assessment)

    def open_assessment(self, assessment_id: str) -> None:
        """Show an assessment in the editor."""
        s = self.services
        s.tasks.read(lambda: s.drafts.load(FORM_ID, assessment_id), self._show)

    def _show(self, draft: Any) -> None:
        from fieldvisit.ui.forms.editor_page import EditorActions, EditorPage

        s = self.services
        actions = EditorActions(
            finalize=lambda: s.households.finalize(draft.record_id),
            finalize_text=self.tr("Finalize the home visit"),
            amend=lambda reason: s.amendments.start(FORM_ID, draft.record_id, reason),
            print_document="household_survey",
            print_drafts=True,
        )
        self.pop_to_root()
        editor = EditorPage(self.tr("Household home visit"), draft, editor_services(s), actions)
        editor.back_requested.connect(self.pop)
        editor.amended.connect(self.open_assessment)
        self.push(editor)
