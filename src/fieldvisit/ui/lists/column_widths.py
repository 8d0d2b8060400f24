"""Column widths that fit a list into its window: content widths, narrowed where text may be elided, the least
needed columns left out when even that is too wide, the spare width given to one column; redone when the window
or the font size changes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTableView

from fieldvisit.ui.lists.table_model import RecordTableModel

SAMPLE_ROWS = 200
"""Rows measured for a column's content width (lists are sorted, so these are typical)."""
MAX_WIDTH_EMS = 24
"""No column is made wider than this many CJK characters by its content."""
CELL_PADDING = 24
HEADER_PADDING = 36  # the sort arrow sits beside the title


@dataclass(frozen=True)
class WidthNeed:
    """What one column asks for: its content width, the narrowest it may become, whether it takes spare width."""

    natural: int
    minimum: int
    stretch: bool = False


def fit_widths(needs: Sequence[WidthNeed], available: int) -> list[int]:
    """Widths for `needs` that add up to `available` where possible.

    Spare width goes to the stretching columns (the last column when none stretches). When the content is
    wider than the window, the columns that may shrink give up width in proportion to what they can spare;
    only when all of them are at their minimum is the total wider than `available` (the list then scrolls).
    """
    widths = [need.natural for need in needs]
    if not needs:
        return widths
    spare = available - sum(widths)
    if spare >= 0:
        takers = [i for i, need in enumerate(needs) if need.stretch] or [len(needs) - 1]
        for position, index in enumerate(takers):
            widths[index] += spare // len(takers) + (1 if position < spare % len(takers) else 0)
        return widths
    give = [max(0, need.natural - need.minimum) for need in needs]
    can_give = sum(give)
    if can_give == 0:
        return widths
    deficit = min(-spare, can_give)
    cuts = [deficit * g // can_give for g in give]
    rest = deficit - sum(cuts)
    for index in sorted(range(len(needs)), key=lambda i: give[i] - cuts[i], reverse=True):
        if rest == 0:
            break
        if cuts[index] < give[index]:
            cuts[index] += 1
            rest -= 1
    return [width - cut for width, cut in zip(widths, cuts, strict=True)]


class ElideDelegate(QStyledItemDelegate):
    """Draws a column's text elided in the middle (numbers whose start and end both matter)."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideMiddle  # type: ignore[attr-defined]


class ColumnFitter(QObject):
    """Keeps a list's columns fitted to its table: on new rows, on resizing and on a font size change.

    Columns with a `drop_order` are left out, highest first, while the others' narrowest widths do not fit.
    """

    def __init__(self, table: QTableView, model: RecordTableModel[Any]) -> None:
        super().__init__(table)
        self.table = table
        self.model = model
        self._needs: list[WidthNeed] = []
        self._excluded: set[str] = set()
        self._middle = ElideDelegate(table)
        self._viewport = table.viewport()
        table.installEventFilter(self)
        self._viewport.installEventFilter(self)

    def exclude(self, keys: set[str]) -> None:
        """Never show the columns with these keys (e.g. the sync column of a workspace that does not sync)."""
        self._excluded = set(keys)
        self.fit()

    def measure(self) -> None:
        """Measure every shown column's content (after the rows or the font changed), then fit."""
        cells = QFontMetrics(self.table.font())
        bold = QFont(self.table.font())
        bold.setBold(True)
        titles = QFontMetrics(bold)
        em = cells.horizontalAdvance("中")
        rows = self.model.rows()[:SAMPLE_ROWS]
        self._needs = []
        for number, column in enumerate(self.model.columns):
            if column.elide_middle:
                self.table.setItemDelegateForColumn(number, self._middle)
            title = titles.horizontalAdvance(column.header) + HEADER_PADDING
            content = max((cells.horizontalAdvance(column.display(row)) for row in rows), default=0) + CELL_PADDING
            natural = min(max(title, content), MAX_WIDTH_EMS * em)
            minimum = min(natural, column.min_ems * em + CELL_PADDING) if column.shrink else natural
            self._needs.append(WidthNeed(natural, minimum, column.stretch))
        self.table.verticalHeader().setDefaultSectionSize(cells.height() + 14)
        self.fit()

    def fit(self) -> None:
        """Set the widths for the table's current width."""
        if len(self._needs) != len(self.model.columns):
            return
        available = self._viewport.width()
        columns = self.model.columns
        shown = [i for i, column in enumerate(columns) if column.key not in self._excluded]
        droppable = sorted((i for i in shown if columns[i].drop_order), key=lambda i: -columns[i].drop_order)
        while droppable and sum(self._needs[i].minimum for i in shown) > available:
            shown.remove(droppable.pop(0))
        for index in range(len(columns)):
            if self.table.isColumnHidden(index) == (index in shown):
                self.table.setColumnHidden(index, index not in shown)
        widths = fit_widths([self._needs[i] for i in shown], available)
        header = self.table.horizontalHeader()
        for index, width in zip(shown, widths, strict=True):
            if header.sectionSize(index) != width:
                header.resizeSection(index, width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.FontChange and watched is self.table:
            self.measure()
        elif kind == QEvent.Type.Resize and watched is self._viewport:
            self.fit()
        return False
