"""The conflict list (冲突): both versions of a record side by side, field by field; a person chooses."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta, timezone

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldvisit.store.repositories.sync import ConflictView, SyncRepository
from fieldvisit.store.sync_state import ConflictKind
from fieldvisit.ui.lists.filter_proxy import ListFilterProxy
from fieldvisit.ui.lists.table_model import Column, RecordTableModel
from fieldvisit.ui.shell.widgets import button, label, named
from fieldvisit.ui.sync.field_text import field_label, record_kind, record_label, record_name, value_text
from fieldvisit.ui.tasks import TaskRunner
from fieldvisit.ui.theme import SYNC_COLOURS

_CST = timezone(timedelta(hours=8))
LOCAL, BUREAU = "local", "bureau"
Resolve = Callable[[str, dict[str, str]], None]
"""Settles one conflict with a choice per conflicting field (runs on the writer thread)."""


class ConflictsPage(QWidget):
    """Pick a conflict on the left; compare and choose on the right. `resolved` names the record's table."""

    resolved = Signal(str)

    def __init__(
        self, repository: SyncRepository, resolve: Resolve, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        named(self, "conflictsPage", self.tr("Conflicts"))
        self._repository = repository
        self._resolve = resolve
        self._tasks = tasks
        self.current: ConflictView | None = None
        self.choices: dict[str, QComboBox] = {}

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.addWidget(
            label(
                self.tr(
                    "The same record was changed here and at the bureau. Nothing was overwritten: compare both "
                    "versions and choose, field by field, which value is right."
                ),
                "muted",
                wrap=True,
            )
        )
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        columns: list[Column[ConflictView]] = [
            Column("kind", self.tr("Kind"), lambda c: record_kind(c.table_name)),
            Column("record", self.tr("Record"), lambda c: record_name(c.local)),
            Column(
                "fields",
                self.tr("Fields in conflict"),
                lambda c: (
                    "、".join(field_label(c.table_name, f.field) for f in c.differences if f.conflicting)
                    or self.tr("(left your area)")
                ),
            ),
            Column("at", self.tr("Found"), lambda c: c.created_at.astimezone(_CST).strftime("%Y-%m-%d %H:%M")),
        ]
        self.model: RecordTableModel[ConflictView] = RecordTableModel(columns, lambda c: c.id, self)
        self.proxy = ListFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = named(QTableView(splitter), "conflictTable", self.tr("Conflicts"))
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(lambda index, _old: self.show_conflict(index.row()))
        splitter.addWidget(self.table)

        detail = QWidget(splitter)
        box = QVBoxLayout(detail)
        box.setContentsMargins(8, 0, 0, 0)
        self.heading = named(label("", "sectionTitle", wrap=True), "conflictHeading", self.tr("Record"))
        box.addWidget(self.heading)
        self.reason = named(label("", "muted", wrap=True), "conflictReason", self.tr("Why"))
        box.addWidget(self.reason)
        self.compare = named(QTableWidget(0, 4, detail), "conflictCompare", self.tr("Both versions"))
        self.compare.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("On this computer"), self.tr("At the bureau"), self.tr("Keep")]
        )
        self.compare.verticalHeader().hide()
        self.compare.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.compare.setWordWrap(True)
        header = self.compare.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        box.addWidget(self.compare, 1)
        row = QHBoxLayout()
        self.keep_local = button(self.tr("All from this computer"), "keepAllLocalButton", parent=detail)
        self.keep_local.clicked.connect(lambda: self._choose_all(LOCAL))
        row.addWidget(self.keep_local)
        self.keep_bureau = button(self.tr("All from the bureau"), "keepAllBureauButton", parent=detail)
        self.keep_bureau.clicked.connect(lambda: self._choose_all(BUREAU))
        row.addWidget(self.keep_bureau)
        row.addStretch(1)
        self.resolve_button = button(self.tr("Resolve"), "resolveConflictButton", primary=True, parent=detail)
        self.resolve_button.clicked.connect(self.resolve)
        row.addWidget(self.resolve_button)
        box.addLayout(row)
        self.message = named(label("", "fieldError", wrap=True), "conflictMessage", self.tr("Message"))
        self.message.hide()
        box.addWidget(self.message)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([440, 660])
        layout.addWidget(splitter, 1)
        self.empty = named(label(self.tr("No conflicts: nothing waits for a decision."), "muted"), "conflictsEmpty")
        layout.addWidget(self.empty)
        self._show_detail(None)

    def load(self) -> None:
        """Read the open conflicts again."""
        self._tasks.read(self._repository.conflicts, self._show_list)

    def _show_list(self, conflicts: list[ConflictView]) -> None:
        chosen = self.current.id if self.current is not None else ""
        self.current = None
        self.model.set_rows(conflicts)
        self.empty.setVisible(not conflicts)
        ids = [c.id for c in conflicts]
        row = ids.index(chosen) if chosen in ids else 0
        if conflicts:
            self.table.selectRow(row)
            self.show_conflict(row)
        else:
            self._show_detail(None)

    def show_conflict(self, proxy_row: int) -> None:
        """Show one conflict's versions side by side."""
        if not 0 <= proxy_row < self.proxy.rowCount():
            return
        source = self.proxy.mapToSource(self.proxy.index(proxy_row, 0)).row()
        conflict = self.model.row_at(source)
        if self.current is None or self.current.id != conflict.id:
            self._show_detail(conflict)

    def _show_detail(self, conflict: ConflictView | None) -> None:
        self.current = conflict
        self.choices = {}
        self.message.hide()
        self.compare.setRowCount(0)
        for widget in (self.compare, self.keep_local, self.keep_bureau, self.resolve_button):
            widget.setVisible(conflict is not None)
        if conflict is None:
            self.heading.setText("")
            self.reason.setText("")
            return
        self.heading.setText(record_label(conflict.table_name, conflict.local))
        out_of_scope = conflict.kind == ConflictKind.OUT_OF_SCOPE
        self.reason.setText(
            self.tr("This record left your area at the bureau; your change was kept there. Nothing to choose.")
            if out_of_scope
            else conflict.reason or self.tr("Changed here and at the bureau since the last sync.")
        )
        self.resolve_button.setText(self.tr("Acknowledge") if out_of_scope else self.tr("Resolve"))
        self.keep_local.setVisible(not out_of_scope)
        self.keep_bureau.setVisible(not out_of_scope)
        differences = sorted(conflict.differences, key=lambda d: not d.conflicting)
        self.compare.setRowCount(len(differences))
        red = QColor(SYNC_COLOURS["CONFLICT"][0])
        for row, difference in enumerate(differences):
            cells = (
                field_label(conflict.table_name, difference.field),
                value_text(conflict.table_name, difference.field, difference.local),
                value_text(conflict.table_name, difference.field, difference.bureau),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if difference.conflicting:
                    item.setBackground(red)
                self.compare.setItem(row, column, item)
            if difference.conflicting:
                choice = named(QComboBox(self.compare), f"choice_{difference.field}", cells[0])
                choice.addItem(self.tr("Choose…"), "")
                choice.addItem(self.tr("This computer's"), LOCAL)
                choice.addItem(self.tr("The bureau's"), BUREAU)
                self.compare.setCellWidget(row, 3, choice)
                self.choices[difference.field] = choice
            else:
                self.compare.setItem(row, 3, QTableWidgetItem(self.tr("merged, no choice needed")))
        self.compare.resizeRowsToContents()

    def _choose_all(self, side: str) -> None:
        for choice in self.choices.values():
            choice.setCurrentIndex(choice.findData(side))

    def resolve(self) -> None:
        """Settle the shown conflict with the choices made (every conflicting field needs one)."""
        conflict = self.current
        if conflict is None:
            return
        picked = {name: str(choice.currentData()) for name, choice in self.choices.items()}
        if not all(picked.values()):
            self.message.setText(self.tr("Choose a value for every field marked red."))
            self.message.show()
            return
        self.resolve_button.setEnabled(False)

        def done(_result: object) -> None:
            self.resolve_button.setEnabled(True)
            self.current = None
            self.resolved.emit(conflict.table_name)
            self.load()

        def failed(exc: BaseException) -> None:
            self.resolve_button.setEnabled(True)
            self.message.setText(self.tr("The choice could not be saved: %1").replace("%1", type(exc).__name__))
            self.message.show()

        self._tasks.write(lambda: self._resolve(conflict.id, picked), done, failed)
