"""One grave case: its status timeline, its deadline, and only the steps its status allows."""

from __future__ import annotations

from datetime import date, timedelta, timezone

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldvisit.domain.base import RecordState
from fieldvisit.domain.burial import CaseEvent, CaseStatus, ViolationType, ZoneType
from fieldvisit.domain.types import Clock, today_local
from fieldvisit.store.repositories.burial import OPEN_WITH_DEADLINE, CaseBundle, CaseRepository
from fieldvisit.store.services.cases import DIRECT_STEPS, CaseService
from fieldvisit.ui.format import date_text, enum_text
from fieldvisit.ui.lists.filter_proxy import ListFilterProxy
from fieldvisit.ui.lists.table_model import Column, RecordTableModel
from fieldvisit.ui.printing.menu import PrintEntry, print_menu_button, set_print_entries
from fieldvisit.ui.shell.widgets import button, label, named, set_flag, styled
from fieldvisit.ui.sync.badge import SyncBadge, SyncStateOf
from fieldvisit.ui.tasks import TaskRunner

_CST = timezone(timedelta(hours=8))
PHOTO_SLOTS = ("photo_wide", "photo_mid", "photo_closeup", "photo_measure", "photo_drone")


class CasePage(QWidget):
    """The case file; each offered step is allowed by the state machine, others are not shown at all."""

    back_requested = Signal()
    edit_case = Signal(str)
    issue_notice = Signal(str)
    reinspect = Signal(str)
    open_notice = Signal(str)
    open_reinspection = Signal(str)
    step = Signal(str, str)  # case id, target status
    print_requested = Signal(str, str)  # "document:record id", title

    def __init__(
        self,
        case_id: str,
        cases: CaseRepository,
        service: CaseService,
        thumbnail: object,
        tasks: TaskRunner,
        clock: Clock,
        sync_state: SyncStateOf | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        named(self, "casePage", self.tr("Grave case"))
        self._sync_state = sync_state
        self.case_id = case_id
        self._cases = cases
        self._service = service
        self._thumbnail = thumbnail
        self._tasks = tasks
        self._clock = clock
        self.bundle: CaseBundle | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 14, 24, 14)
        layout.setSpacing(10)
        head = QHBoxLayout()
        back = button(self.tr("← Back"), "backButton", parent=self)
        back.clicked.connect(self.back_requested)
        head.addWidget(back)
        head.addSpacing(12)
        self.title = named(label("", "pageTitle"), "caseNumber", self.tr("Case number"))
        head.addWidget(self.title)
        self.status = named(QLabel("", self), "caseStatus", self.tr("Status"))
        self.status.setProperty("role", "statusChip")
        head.addWidget(self.status)
        self.sync_badge = SyncBadge(self)
        head.addWidget(self.sync_badge)
        head.addStretch(1)
        self.print_button = print_menu_button(self, [], self.print_requested)
        head.addWidget(self.print_button)
        self.edit_button = button(self.tr("Ledger details…"), "editCaseButton", parent=self)
        self.edit_button.clicked.connect(lambda: self.edit_case.emit(self.case_id))
        head.addWidget(self.edit_button)
        layout.addLayout(head)

        self.deadline_box = styled(QFrame(self), "dueBox")
        deadline_layout = QHBoxLayout(self.deadline_box)
        self.deadline = named(label("", "dueText"), "caseDeadline", self.tr("Deadline"))
        deadline_layout.addWidget(self.deadline, 1)
        layout.addWidget(self.deadline_box)

        self.actions_box = QGroupBox(self.tr("Next steps allowed now"), self)
        self.actions_box.setObjectName("caseActions")
        self.actions_layout = QHBoxLayout(self.actions_box)
        layout.addWidget(self.actions_box)
        self.message = named(label("", "fieldError", wrap=True), "caseMessage", self.tr("Message"))
        self.message.hide()
        layout.addWidget(self.message)

        body = QHBoxLayout()
        body.setSpacing(16)
        left = QVBoxLayout()
        self.details = QGroupBox(self.tr("The grave"), self)
        self.details_form = QFormLayout(self.details)
        left.addWidget(self.details)
        self.photos = QGroupBox(self.tr("Photo evidence"), self)
        self.photos.setObjectName("casePhotos")
        self.photos_layout = QHBoxLayout(self.photos)
        left.addWidget(self.photos)
        left.addStretch(1)
        body.addLayout(left, 5)

        right = QVBoxLayout()
        right.addWidget(label(self.tr("Status timeline"), "sectionTitle"))
        columns: list[Column[CaseEvent]] = [
            Column("at", self.tr("When"), lambda e: date_text(e.at), lambda e: e.at),
            Column("to", self.tr("Status"), lambda e: enum_text(CaseStatus, e.to_status)),
            Column("actor", self.tr("By"), lambda e: e.actor),
            Column("note", self.tr("Note"), lambda e: e.note),
        ]
        self.events_model: RecordTableModel[CaseEvent] = RecordTableModel(columns, lambda e: e.id, self)
        proxy = ListFilterProxy(self)
        proxy.setSourceModel(self.events_model)
        self.timeline = named(QTableView(self), "caseTimeline", self.tr("Status timeline"))
        self.timeline.setModel(proxy)
        self.timeline.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.timeline.verticalHeader().hide()
        self.timeline.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        self.timeline.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.timeline.horizontalHeader().setStretchLastSection(True)
        right.addWidget(self.timeline, 3)
        right.addWidget(label(self.tr("Notices and re-inspections"), "sectionTitle"))
        self.documents = QVBoxLayout()
        right.addLayout(self.documents)
        right.addStretch(1)
        body.addLayout(right, 7)
        layout.addLayout(body, 1)
        self.refresh()

    def refresh(self) -> None:
        """Read the case and its sync state again (after a step, a notice, a re-inspection or a sync)."""
        sync_state = self._sync_state

        def read() -> tuple[CaseBundle | None, str]:
            state = sync_state("grave_case", self.case_id) if sync_state is not None else ""
            return self._cases.get(self.case_id), state

        self._tasks.read(read, self._show)

    def _show(self, read: tuple[CaseBundle | None, str]) -> None:
        bundle, state = read
        self.sync_badge.set_state(state)
        if bundle is None:
            self.title.setText(self.tr("This case no longer exists."))
            return
        self.bundle = bundle
        case = bundle.case
        self.title.setText(case.case_no)
        self.status.setText(enum_text(CaseStatus, case.status))
        self._show_deadline(case.deadline, case.status, today_local(self._clock))
        self._show_details(bundle)
        self._show_photos(bundle)
        self.events_model.set_rows(bundle.events)
        self._show_documents(bundle)
        self._show_actions(CaseStatus(case.status))
        set_print_entries(self.print_button, self._print_entries(bundle), self.print_requested)

    def _print_entries(self, bundle: CaseBundle) -> list[PrintEntry]:
        """Issued notices, finalized re-inspections and the patrol that found the grave."""
        entries: list[PrintEntry] = []
        for notice in bundle.notices:
            if notice.state == RecordState.FINAL:
                title = self.tr("Rectification notice %1").replace("%1", notice.notice_no)
                entries.append((f"rectification_notice:{notice.id}", title, f"printNotice_{notice.id}"))
        for record in bundle.reinspections:
            if record.state == RecordState.FINAL:
                title = self.tr("Re-inspection record %1").replace("%1", date_text(record.inspected_on))
                entries.append((f"reinspection_record:{record.id}", title, f"printReinspection_{record.id}"))
        if bundle.case.patrol_id:
            entries.append((f"patrol_record:{bundle.case.patrol_id}", self.tr("Patrol record"), "printPatrol"))
        return entries

    def _show_deadline(self, deadline: date | None, status: str, today: date) -> None:
        overdue = False
        if status == CaseStatus.CLOSED:
            text = self.tr("Closed (销号).")
        elif deadline is None:
            text = self.tr("No rectification deadline yet (set when the notice is issued).")
        elif deadline < today and status in OPEN_WITH_DEADLINE:
            days = (today - deadline).days
            text = self.tr("Deadline %1 passed %2 days ago: re-inspect now").replace("%1", deadline.isoformat())
            text = text.replace("%2", str(days))
            overdue = True
        else:
            days = (deadline - today).days
            text = self.tr("Rectification deadline %1 (%2 days left)").replace("%1", deadline.isoformat())
            text = text.replace("%2", str(max(days, 0)))
        self.deadline.setText(text)
        set_flag(self.deadline_box, "overdue", overdue)

    def _show_details(self, bundle: CaseBundle) -> None:
        while self.details_form.rowCount():
            self.details_form.removeRow(0)
        case = bundle.case
        party = case.party or {}
        rows = [
            (self.tr("Found on"), date_text(case.found_on)),
            (self.tr("Location"), f"{bundle.town_name} {bundle.village_name} {case.place_name}".strip()),
            (self.tr("Zone"), enum_text(ZoneType, case.zone_type)),
            (self.tr("Violation"), "、".join(enum_text(ViolationType, v) for v in case.violation_types)),
            (self.tr("Area"), f"{case.area_m2:g} m²" if case.area_m2 else "—"),
            (
                self.tr("Party"),
                self.tr("(owner unknown)") if case.unknown_owner else str(party.get("name", "")) or "—",
            ),
        ]
        for caption, value in rows:
            shown = QLabel(value or "—", self.details)
            shown.setWordWrap(True)
            self.details_form.addRow(caption, shown)

    def _show_photos(self, bundle: CaseBundle) -> None:
        while self.photos_layout.count():
            item = self.photos_layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        photos = [a for a in bundle.attachments if a.owner_id == bundle.case.id and a.slot in PHOTO_SLOTS]
        for index, attachment in enumerate(photos[:6]):
            picture = QLabel(self.photos)
            picture.setObjectName(f"casePhoto_{index}")
            picture.setAccessibleName(self.tr("Photo %1").replace("%1", str(index + 1)))
            picture.setFixedSize(120, 90)
            picture.setStyleSheet("background: #eef1f4; border: 1px solid #cbd2d9;")
            pixmap = self._thumbnail(attachment.id)  # type: ignore[operator]
            if isinstance(pixmap, QPixmap):
                picture.setPixmap(pixmap.scaled(120, 90, Qt.AspectRatioMode.KeepAspectRatio))
            self.photos_layout.addWidget(picture)
        if not photos:
            self.photos_layout.addWidget(label(self.tr("No photos yet."), "muted"))
        self.photos_layout.addStretch(1)

    def _show_documents(self, bundle: CaseBundle) -> None:
        while self.documents.count():
            item = self.documents.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        for notice in bundle.notices:
            text = self.tr("Notice %1 issued %2, deadline %3").replace("%1", notice.notice_no or self.tr("(draft)"))
            text = text.replace("%2", date_text(notice.issued_on)).replace("%3", date_text(notice.deadline))
            link = button(text, f"notice_{notice.id}", parent=self)
            link.clicked.connect(lambda _=False, i=notice.id: self.open_notice.emit(i))
            self.documents.addWidget(link)
        for record in bundle.reinspections:
            text = self.tr("Re-inspection %1").replace("%1", date_text(record.inspected_on))
            link = button(text, f"reinspection_{record.id}", parent=self)
            link.clicked.connect(lambda _=False, i=record.id: self.open_reinspection.emit(i))
            self.documents.addWidget(link)
        if not bundle.notices and not bundle.reinspections:
            self.documents.addWidget(label(self.tr("None yet."), "muted"))

    def _show_actions(self, status: CaseStatus) -> None:
        while self.actions_layout.count():
            item = self.actions_layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.step_buttons: dict[str, QPushButton] = {}
        for target in self._service.next_steps(status):
            if target in DIRECT_STEPS:
                step = button(self._step_text(target), f"step_{target.value}", primary=True, parent=self.actions_box)
                step.clicked.connect(lambda _=False, t=target: self.step.emit(self.case_id, t.value))
            elif target == CaseStatus.NOTICE_ISSUED:
                step = button(self._step_text(target), f"step_{target.value}", primary=True, parent=self.actions_box)
                step.clicked.connect(lambda: self.issue_notice.emit(self.case_id))
            elif "step_reinspection" not in self.step_buttons:
                step = button(self.tr("Record the re-inspection…"), "step_reinspection", primary=True)
                step.clicked.connect(lambda: self.reinspect.emit(self.case_id))
                self.step_buttons["step_reinspection"] = step
                self.actions_layout.addWidget(step)
                continue
            else:
                continue
            self.step_buttons[step.objectName()] = step
            self.actions_layout.addWidget(step)
        if not self.step_buttons:
            self.actions_layout.addWidget(label(self.tr("No further steps: the case is closed."), "muted"))
        self.actions_layout.addStretch(1)

    def _step_text(self, target: CaseStatus) -> str:
        texts = {
            CaseStatus.REGISTERED: self.tr("Register in the ledger"),
            CaseStatus.VERIFIED: self.tr("Site check done"),
            CaseStatus.NOTICE_ISSUED: self.tr("Issue a rectification notice…"),
            CaseStatus.RECTIFYING: self.tr("Start the rectification period"),
            CaseStatus.REINSPECTION: self.tr("Deadline reached: re-inspect"),
            CaseStatus.URGED: self.tr("Urge the party"),
            CaseStatus.ENFORCED: self.tr("Removal enforced by law"),
            CaseStatus.TRANSFERRED: self.tr("Transfer to another department"),
            CaseStatus.CLOSED: self.tr("Close the case"),
        }
        return texts.get(target, target.zh)

    def show_message(self, text: str) -> None:
        """Say why a step was refused (or clear the message)."""
        self.message.setText(text)
        self.message.setVisible(bool(text))
