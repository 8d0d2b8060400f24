"""The burial section: the case ledger, one case with its timeline, and the patrol, notice, re-inspection editors."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from fieldvisit.ui.burial.cases_list import CasesList
from fieldvisit.ui.shell.section import Section
from fieldvisit.ui.shell.services import AppServices


class CasesSection(Section):
    """殡葬巡查: the ledger; a case opens with its timeline and the steps its status allows."""

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        self.list = CasesList(services.cases, services.search_index, services.tasks, services.clock)
        super().__init__(self.list, parent)
        self.services = services
        self._loaded = False
        self.list.open_requested.connect(self.open_case)
        services.bus.changed.connect(self._changed)

    def ensure_loaded(self) -> None:
        """Load the list the first time the section is shown."""
        if not self._loaded:
            self._loaded = True
            self.list.load()

    def _changed(self, table: str) -> None:
        if self._loaded and table in ("grave_case", "patrol"):
            self.list.load()

    def open_case(self, case_id: str) -> None:
        """Show one grave case."""
        self.ensure_loaded()
