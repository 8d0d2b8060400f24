"""The list filter: search text plus filter choices, decided for all rows at once in Python, then shown."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from fieldvisit.ui.lists.table_model import RecordTableModel

RowPredicate = Callable[[Any], bool]


class ListFilterProxy(QSortFilterProxyModel):
    """Filters a RecordTableModel with Python predicates; sorting is delegated to the source model.

    `set_predicate` computes a yes/no per source row in one Python pass; Qt then only reads that list,
    so typing one character re-filters 15,000 rows without a per-row round trip through the model.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._accepted: list[bool] | None = None
        self._predicate: RowPredicate | None = None

    def source(self) -> RecordTableModel[Any]:
        """The table model being filtered."""
        model = self.sourceModel()
        assert isinstance(model, RecordTableModel)
        return model

    def set_predicate(self, predicate: RowPredicate | None) -> None:
        """Show only the rows for which `predicate` is true (all rows when None)."""
        self._predicate = predicate
        self.refilter()

    def refilter(self) -> None:
        """Recompute which rows pass (after the rows or the predicate changed)."""
        self.beginFilterChange()
        predicate = self._predicate
        self._accepted = None if predicate is None else [predicate(row) for row in self.source().rows()]
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        accepted = self._accepted
        if accepted is None or source_row >= len(accepted):
            return True
        return accepted[source_row]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the source rows (the proxy keeps their order), then re-apply the filter to the new order."""
        if column < 0:
            return
        self.source().sort(column, order)
        self.refilter()

    def record_id(self, proxy_row: int) -> str:
        """The record id shown in proxy row `proxy_row`."""
        source_row = self.mapToSource(self.index(proxy_row, 0)).row()
        model = self.source()
        return str(model.data(model.index(source_row, 0), Qt.ItemDataRole.UserRole + 1))
