"""Chip colours for record states (草稿 / 已定稿 / 已作废) shared by the lists."""

from __future__ import annotations

from PySide6.QtGui import QColor

from fieldvisit.ui.theme import STATE_COLOURS


def state_colours(state: str) -> tuple[QColor, QColor] | None:
    """Background and text colour of a record state's cell, or None for an unknown state."""
    pair = STATE_COLOURS.get(state)
    return (QColor(pair[0]), QColor(pair[1])) if pair else None
