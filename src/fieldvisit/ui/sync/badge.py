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
    """One record's sync state, worked out as the store does for its badges (conflict, quarantined, pending,
    else synced) from the store's public sync views. The store keeps these badges in `record_sync` but offers
    no per-record read yet; the lists read them through their repositories."""

    def __init__(self, engine: Any) -> None:
        from fieldvisit.store.repositories.sync import SyncRepository

        self._engine = engine
        self._repository = SyncRepository(engine)

    def state(self, table_name: str, record_id: str) -> str:
        """The badge of one record (call off the GUI thread)."""
        from fieldvisit.store.sync_local import pending_items

        ref = (table_name, record_id)
        if any((c.table_name, c.record_id) == ref for c in self._repository.conflicts()):
            return SyncState.CONFLICT.value
        if any((q.table_name, q.record_id) == ref for q in self._repository.quarantine()):
            return SyncState.QUARANTINED.value
        if any((i.table_name, i.record_id) == ref for i in pending_items(self._engine, limit=1_000_000)):
            return SyncState.PENDING.value
        return SyncState.SYNCED.value
