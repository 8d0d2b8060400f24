"""Sync badges (待同步 / 已同步 / 冲突 / 隔离): the chip on record pages, list cell colours, and one record's state."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QWidget

from fieldvisit.domain.base import SyncState
from fieldvisit.ui.format import enum_text
from fieldvisit.ui.shell.widgets import named
from fieldvisit.ui.theme import SYNC_COLOURS

SyncStateOf = Callable[[str, str], str]
"""The sync state of a record given its table and id (called off the GUI thread)."""


def sync_colours(state: str) -> tuple[QColor, QColor] | None:
    """Background and text colour of a sync state's cell, or None for an unknown state."""
    pair = SYNC_COLOURS.get(state)
    return (QColor(pair[0]), QColor(pair[1])) if pair else None


class SyncBadge(QLabel):
    """A coloured chip with the record's sync state; hidden until the state is known."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "syncBadge", self.tr("Sync state"))
        self.state = ""
        self.hide()

    def set_state(self, state: str) -> None:
        """Show `state` (a SyncState value); an empty state hides the chip."""
        self.state = state
        colours = SYNC_COLOURS.get(state)
        if not state or colours is None:
            self.hide()
            return
        text = enum_text(SyncState, state)
        self.setText(text)
        self.setAccessibleName(self.tr("Sync state: %1").replace("%1", text))
        self.setStyleSheet(f"background: {colours[0]}; color: {colours[1]}; border-radius: 4px; padding: 4px 10px;")
        self.show()


class RecordSyncStates:
    """One record's sync badge, by the lists' rule: none unless the workspace is enrolled, 已同步 only once the
    bureau has acknowledged the record."""

    def __init__(self, engine: Any) -> None:
        from fieldvisit.store.repositories.badges import BadgeRepository

        self._repository = BadgeRepository(engine)

    def state(self, table_name: str, record_id: str) -> str:
        """The badge of one record, "" when there is none to show (call off the GUI thread)."""
        return self._repository.state(table_name, record_id)
