"""The household section: the list of assessments and the home-visit editor."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from fieldvisit.ui.assistance.households_list import HouseholdsList
from fieldvisit.ui.shell.section import Section
from fieldvisit.ui.shell.services import AppServices


class HouseholdsSection(Section):
    """家庭核查: opens an assessment in its editor."""

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        self.list = HouseholdsList(services.assessments, services.search_index, services.tasks)
        super().__init__(self.list, parent)
        self.services = services
        self._loaded = False
        services.bus.changed.connect(self._changed)

    def ensure_loaded(self) -> None:
        """Load the list the first time the section is shown."""
        if not self._loaded:
            self._loaded = True
            self.list.load()

    def _changed(self, table: str) -> None:
        if self._loaded and table == "household_assessment":
            self.list.load()
