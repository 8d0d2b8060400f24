"""The quarantine list (隔离): changes the bureau refused, each with its reason; one may be sent again."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta, timezone

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QTableView, QVBoxLayout, QWidget

from fieldvisit.store.repositories.sync import QuarantineView, SyncRepository
from fieldvisit.ui.lists.filter_proxy import ListFilterProxy
from fieldvisit.ui.lists.table_model import Column, RecordTableModel
from fieldvisit.ui.shell.widgets import button, label, named
from fieldvisit.ui.sync.field_text import record_label
from fieldvisit.ui.tasks import TaskRunner

_RECORD_CHARACTERS = 16
"""The widest a column grows, in characters, before its text wraps."""
_CST = timezone(timedelta(hours=8))


class QuarantinePage(QWidget):
    """Refused changes stay here, kept, until the cause is fixed at the bureau and they are sent again."""

    requeued = Signal(str)

    def __init__(
        self,
        repository: SyncRepository,
        requeue: Callable[[int], object],
        tasks: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        named(self, "quarantinePage", self.tr("Quarantine"))
        self._repository = repository
        self._requeue = requeue
        self._tasks = tasks
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.addWidget(
            label(
                self.tr(
                    "The bureau refused these changes. They are kept on this computer and the rest keeps "
                    "synchronising. Once the reason is dealt with (ask the bureau if unsure), send one again."
                ),
                "muted",
                wrap=True,
            )
        )
        operations = {"UPSERT": self.tr("change"), "DELETE": self.tr("deletion")}
        columns: list[Column[QuarantineView]] = [
            Column("record", self.tr("Record"), lambda q: record_label(q.table_name, q.values)),
            Column("op", self.tr("Change"), lambda q: operations.get(q.op, q.op)),
            Column("reason", self.tr("Reason"), lambda q: q.reason),
            Column("at", self.tr("Made"), lambda q: q.created_at.astimezone(_CST).strftime("%Y-%m-%d %H:%M")),
            Column("attempts", self.tr("Attempts"), lambda q: str(q.attempts), lambda q: q.attempts, None, True),
        ]
        self.model: RecordTableModel[QuarantineView] = RecordTableModel(columns, lambda q: str(q.seq), self)
        self.proxy = ListFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = named(QTableView(self), "quarantineTable", self.tr("Quarantine"))
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # A record's name may be long: its column wraps rather than pushing the reason out of sight.
        header.setMaximumSectionSize(self.fontMetrics().horizontalAdvance("中") * _RECORD_CHARACTERS)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.empty = named(label(self.tr("Nothing in quarantine."), "muted"), "quarantineEmpty")
        row.addWidget(self.empty)
        row.addStretch(1)
        self.send_again = button(self.tr("Send again"), "requeueButton", parent=self)
        self.send_again.clicked.connect(self.requeue_selected)
        row.addWidget(self.send_again)
        layout.addLayout(row)

    def load(self) -> None:
        """Read the quarantine again."""
        self._tasks.read(self._repository.quarantine, self._show)

    def _show(self, rows: list[QuarantineView]) -> None:
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        self.send_again.setEnabled(bool(rows))
        if rows:
            self.table.selectRow(0)
        self.table.resizeRowsToContents()

    def requeue_selected(self) -> None:
        """Queue the selected refused change again (under a new mutation id)."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        entry = self.model.row_at(self.proxy.mapToSource(rows[0]).row())
        self._tasks.write(lambda: self._requeue(entry.seq), lambda _id: self._requeued(entry.table_name))

    def _requeued(self, table: str) -> None:
        self.requeued.emit(table)
        self.load()
