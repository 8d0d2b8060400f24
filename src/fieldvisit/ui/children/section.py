"""The children section: the list, a child's file, and the visit editor on top of it."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from fieldvisit.domain.shared import Role
from fieldvisit.ui.children.children_list import ChildrenList
from fieldvisit.ui.shell.section import Section
from fieldvisit.ui.shell.services import AppServices


class ChildrenSection(Section):
    """儿童档案: opens a child's file from the list."""

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        user = services.session.user
        director_id = user.id if user is not None and user.role == Role.CHILD_DIRECTOR else ""
        self.list = ChildrenList(services.children, services.search_index, services.tasks, services.clock, director_id)
        super().__init__(self.list, parent)
        self.services = services
        self._loaded = False
        self.list.open_requested.connect(self.open_child)
        services.bus.changed.connect(self._changed)

    def ensure_loaded(self) -> None:
        """Load the list the first time the section is shown."""
        if not self._loaded:
            self._loaded = True
            self.list.load()

    def _changed(self, table: str) -> None:
        if self._loaded and table in ("child_file", "child_visit"):
            self.list.load()

    def open_child(self, child_id: str) -> None:
        """Show one child's file."""
        self.ensure_loaded()
