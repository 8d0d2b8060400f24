"""A list screen: search box (name, pinyin initials, ID digits), filter choices, the table and its count."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldvisit.store.repositories.search import SearchKeys, compile_query
from fieldvisit.ui.lists.column_widths import ColumnFitter
from fieldvisit.ui.lists.filter_proxy import ListFilterProxy
from fieldvisit.ui.lists.table_model import Column, RecordTableModel
from fieldvisit.ui.shell.widgets import Reflowing, label, named

RowTest = Callable[[Any], bool]


class _FilterCombo(QComboBox):
    """A filter drop-down that asks for the width of its first entry (全部风险等级, which says what it filters) but
    can shrink to a few characters: the window never has to be wider than a small screen, and the list puts
    its filters on a row of their own before any of them is cut."""

    _MIN_CHARS = 3

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(self._MIN_CHARS)

    def sizeHint(self) -> QSize:
        # Qt counts Latin "x"s, narrower than Chinese characters: that count's width is swapped for the entry's.
        metrics = self.fontMetrics()
        chrome = super().sizeHint().width() - metrics.horizontalAdvance("x") * self._MIN_CHARS
        return QSize(chrome + metrics.horizontalAdvance(self.itemText(0)), super().sizeHint().height())


@dataclass
class FilterChoice:
    """One option of a filter: its text and the test a row must pass (None lets every row through)."""

    text: str
    test: RowTest | None = None
    key: str = ""


@dataclass
class ListFilter:
    """A drop-down filter; `options` may be rebuilt from the loaded rows (towns, villages)."""

    key: str
    label: str
    options: list[FilterChoice] = field(default_factory=list)
    from_rows: Callable[[Sequence[Any], dict[str, str]], list[FilterChoice]] | None = None


class ListPage(Reflowing):
    """One list: `set_rows` fills it; typing or choosing a filter narrows it at once."""

    open_requested = Signal(str)

    def __init__(
        self,
        prefix: str,
        *,
        id_of: Callable[[Any], str],
        number_of: Callable[[Any], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.prefix = prefix
        self._id_of = id_of
        self._number_of = number_of
        self._keys: dict[str, SearchKeys] = {}
        self._filters: list[tuple[ListFilter, QComboBox]] = []
        self.model: RecordTableModel[Any] = RecordTableModel([], id_of, self)
        self.proxy = ListFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(10)
        header = QHBoxLayout()
        self.title = label("", "pageTitle")
        header.addWidget(self.title)
        header.addStretch(1)
        self.actions = QHBoxLayout()
        header.addLayout(self.actions)
        layout.addLayout(header)
        self.bar = QHBoxLayout()
        self.search = named(QLineEdit(self), f"{prefix}Search", QCoreApplication.translate("ListPage", "Search"))
        hint = QCoreApplication.translate("ListPage", "Name, pinyin initials (zjh) or last 4 ID digits")
        self.search.setPlaceholderText(hint)
        self.search.setToolTip(hint)  # the box may be narrower than its hint when a list has many filters
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.apply_filters)
        self.search.setMinimumWidth(180)
        self.bar.addWidget(self.search, 2)
        layout.addLayout(self.bar)
        self.filter_row = QHBoxLayout()
        """The filters' own row, used when they and the search box do not fit on one (large fonts, narrow
        windows): each drop-down then keeps its label whole."""
        layout.addLayout(self.filter_row)
        self._filters_wrapped = False

        self.table = named(QTableView(self), f"{prefix}Table", prefix)
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.doubleClicked.connect(self._open_index)
        self.table.activated.connect(self._open_index)
        layout.addWidget(self.table, 1)
        self.fitter = ColumnFitter(self.table, self.model)
        self.count = named(label("", "muted"), f"{prefix}Count", QCoreApplication.translate("ListPage", "Count"))
        layout.addWidget(self.count)

    def setup(self, title: str, columns: Sequence[Column[Any]], filters: Sequence[ListFilter] = ()) -> None:
        """Name the list and give it its columns and filters (once, before rows are set)."""
        named(self, f"{self.prefix}ListPage", title)
        self.title.setText(title)
        self.table.setAccessibleName(title)
        self.model.columns = list(columns)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        for spec in filters:
            combo = named(_FilterCombo(self), f"{self.prefix}{spec.key[:1].upper()}{spec.key[1:]}Filter", spec.label)
            combo.setToolTip(spec.label)
            self._filters.append((spec, combo))
            self._fill(spec, combo, spec.options)
            combo.currentIndexChanged.connect(self._filter_changed)
            (self.filter_row if self._filters_wrapped else self.bar).addWidget(combo, 1)
        self.reflow()

    def set_rows(self, rows: Sequence[Any], keys: dict[str, SearchKeys], *, sync_shown: bool = True) -> None:
        """Show these rows (and remember their search keys); filters keep their choices where still valid.

        `sync_shown` false hides the sync column: a workspace not enrolled with a bureau has nothing to show there.
        """
        self._keys = keys
        self.fitter.exclude(set() if sync_shown else {"sync"})
        self.model.set_rows(rows)
        for spec, combo in self._filters:
            if spec.from_rows is not None:
                chosen = self._chosen_values()
                self._fill(spec, combo, spec.from_rows(rows, chosen))
        self.apply_filters()
        self.fitter.measure()

    def choose(self, filter_key: str, option_key: str) -> None:
        """Select a filter option by its key (used by the dashboard's shortcuts)."""
        for spec, combo in self._filters:
            if spec.key == filter_key:
                for number in range(combo.count()):
                    if combo.itemData(number) == option_key:
                        combo.setCurrentIndex(number)
                        return

    def visible_ids(self) -> list[str]:
        """Ids of the rows shown, in order."""
        return [self.proxy.record_id(row) for row in range(self.proxy.rowCount())]

    def selected_ids(self) -> list[str]:
        """Ids of the rows selected (in the order shown)."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.proxy.record_id(row) for row in rows]

    def apply_filters(self) -> None:
        """Recompute which rows are shown from the search text and every filter."""
        match = compile_query(self.search.text())
        text = self.search.text().strip().upper()
        tests = [test for test in (self._test(spec, combo) for spec, combo in self._filters) if test is not None]
        keys, id_of, number_of = self._keys, self._id_of, self._number_of
        empty = SearchKeys()

        def accept(row: Any) -> bool:
            if match is not None and not (match(keys.get(id_of(row), empty)) or text in number_of(row).upper()):
                return False
            return all(test(row) for test in tests)

        self.proxy.set_predicate(accept if (match is not None or tests) else None)
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(
            QCoreApplication.translate("ListPage", "%1 of %2 shown").replace("%1", str(shown)).replace("%2", str(total))
        )

    def chosen(self, filter_key: str) -> str:
        """The option key chosen in one filter ("" for all)."""
        return self._chosen_values().get(filter_key, "")

    def _chosen_values(self) -> dict[str, str]:
        return {spec.key: str(combo.currentData() or "") for spec, combo in self._filters}

    def _filter_changed(self) -> None:
        sender = self.sender()
        for spec, combo in self._filters:
            if combo is not sender and spec.from_rows is not None:
                self._fill(spec, combo, spec.from_rows(self.model.rows(), self._chosen_values()))
        self.apply_filters()

    def _fill(self, spec: ListFilter, combo: QComboBox, options: list[FilterChoice]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        spec.options = options
        for choice in options:
            combo.addItem(choice.text, choice.key)
        index = combo.findData(current) if current is not None else -1
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def _test(self, spec: ListFilter, combo: QComboBox) -> RowTest | None:
        index = combo.currentIndex()
        return spec.options[index].test if 0 <= index < len(spec.options) else None

    def reflow(self) -> None:
        """The filters beside the search box when all fit there at the width of their "all …" entry
        (全部风险等级, which says what a filter is about), else on a row of their own."""
        combos = [combo for _, combo in self._filters]
        if not combos:
            return
        spacing = max(self.bar.spacing(), 0)
        needed = self.search.minimumWidth() + sum(combo.sizeHint().width() + spacing for combo in combos)
        margins = self.layout().contentsMargins()
        wrap = needed > self.width() - margins.left() - margins.right()
        if wrap == self._filters_wrapped:
            return
        source, target = (self.bar, self.filter_row) if wrap else (self.filter_row, self.bar)
        for combo in combos:
            source.removeWidget(combo)
            target.addWidget(combo, 1)
        self._filters_wrapped = wrap

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(self.proxy.record_id(index.row()))
