"""A table model over plain row records, with named columns, a native sort role and status-chip colours."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex

_ROOT = QModelIndex()

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column: its header, how a row is shown, how it sorts, and an optional coloured chip.

    `shrink` lets the column narrow to `min_ems` characters when the window is too small (its text is elided,
    the tooltip keeps it whole), `elide_middle` elides in the middle, `stretch` gives it the spare width, and a
    `drop_order` above 0 lets a window too narrow for every column leave it out (the highest first).
    """

    key: str
    header: str
    display: Callable[[R], str]
    sort_key: Callable[[R], Any] | None = None
    colours: Callable[[R], tuple[QColor, QColor] | None] | None = None
    align_right: bool = False
    shrink: bool = False
    min_ems: int = 4
    elide_middle: bool = False
    stretch: bool = False
    drop_order: int = 0


def _none_last(value: Any) -> tuple[bool, Any]:
    return (value is None, value if value is not None else 0)


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """Rows are kept in memory (ids and a few columns); text is made only for the rows on screen."""

    def __init__(self, columns: Sequence[Column[R]], id_of: Callable[[R], str], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._id_of = id_of
        self._rows: list[R] = []

    def set_rows(self, rows: Sequence[R]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[R]:
        """The rows in their current order."""
        return self._rows

    def row_at(self, row: int) -> R:
        """The record shown in source row `row`."""
        return self._rows[row]

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        shown = role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
        if shown and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return column.display(record)
        if role == ID_ROLE:
            return self._id_of(record)
        if role == SORT_ROLE:
            return (column.sort_key or column.display)(record)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole) and column.colours:
            colours = column.colours(record)
            if colours is not None:
                return colours[0] if role == Qt.ItemDataRole.BackgroundRole else colours[1]
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in Python by the column's native key (None last); far faster than comparing through Qt."""
        if not 0 <= column < len(self.columns):
            return
        spec = self.columns[column]
        key = spec.sort_key or spec.display
        self.layoutAboutToBeChanged.emit()
        old_ids = [self._id_of(r) for r in self._rows]
        self._rows.sort(key=lambda r: _none_last(key(r)), reverse=order == Qt.SortOrder.DescendingOrder)
        moved = {self._id_of(r): i for i, r in enumerate(self._rows)}
        for persistent in self.persistentIndexList():
            if 0 <= persistent.row() < len(old_ids):
                new_row = moved[old_ids[persistent.row()]]
                self.changePersistentIndex(persistent, self.index(new_row, persistent.column()))
        self.layoutChanged.emit()
