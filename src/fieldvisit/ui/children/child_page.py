"""One child's file on one page: profile on the left, visits on the right, the next visit date on top."""

from __future__ import annotations

from datetime import date, timedelta, timezone

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldvisit.domain.base import RecordState
from fieldvisit.domain.child_rules import ageing_out
from fieldvisit.domain.children import (
    ChildCategory,
    ChildChange,
    ChildFlag,
    ChildStatus,
    ChildVisit,
    ClosureReason,
    ParentStatus,
    RiskLevel,
    SafetyFinding,
    VisitMode,
)
from fieldvisit.domain.parameters import ParameterSet
from fieldvisit.domain.resident_id import age_on
from fieldvisit.domain.types import Clock, today_local
from fieldvisit.store.repositories.children import ChildDossier, ChildRepository
from fieldvisit.ui.format import date_text, enum_text, masked_id
from fieldvisit.ui.lists.filter_proxy import ListFilterProxy
from fieldvisit.ui.lists.state_colours import state_colours
from fieldvisit.ui.lists.table_model import Column, RecordTableModel
from fieldvisit.ui.printing.menu import print_menu_button
from fieldvisit.ui.shell.widgets import banner, button, label, named, set_flag, styled
from fieldvisit.ui.sync.badge import SyncBadge, SyncStateOf
from fieldvisit.ui.sync.field_text import value_text
from fieldvisit.ui.tasks import TaskRunner
from fieldvisit.ui.theme import risk_colour

_CST = timezone(timedelta(hours=8))
_FIELD_NAMES = {"risk_level": "风险等级", "primary_category": "儿童类别", "guardian": "监护人", "status": "档案状态"}


def _visit_day(visit: ChildVisit) -> date | None:
    return visit.visit_at.astimezone(_CST).date() if visit.visit_at else None


def _safety_text(visit: ChildVisit) -> str:
    findings = [enum_text(SafetyFinding, s) for s in visit.safety if s != SafetyFinding.NONE]
    return "、".join(findings) or enum_text(SafetyFinding, SafetyFinding.NONE)


class ChildPage(QWidget):
    """The file of one child (一人一档); `new_visit` starts or resumes a visit in one click."""

    back_requested = Signal()
    new_visit = Signal(str)
    open_visit = Signal(str)
    change_requested = Signal(str, str)  # child id, "category" / "guardian" / "close"
    print_requested = Signal(str, str)  # document, title

    def __init__(
        self,
        child_id: str,
        children: ChildRepository,
        params: ParameterSet,
        tasks: TaskRunner,
        clock: Clock,
        sync_state: SyncStateOf | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        named(self, "childPage", self.tr("Child's file"))
        self._sync_state = sync_state
        self.child_id = child_id
        self._children = children
        self._params = params
        self._tasks = tasks
        self._clock = clock
        self.dossier: ChildDossier | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 14, 24, 14)
        layout.setSpacing(10)
        head = QHBoxLayout()
        back = button(self.tr("← Back"), "backButton", parent=self)
        back.clicked.connect(self.back_requested)
        head.addWidget(back)
        head.addSpacing(12)
        self.name = named(label("", "pageTitle"), "childName", self.tr("Name"))
        head.addWidget(self.name)
        self.risk = named(QLabel("", self), "childRisk", self.tr("Risk level"))
        self.risk.setProperty("role", "chip")
        head.addWidget(self.risk)
        self.file_no = named(label("", "muted"), "childFileNo", self.tr("File no."))
        head.addWidget(self.file_no)
        self.sync_badge = SyncBadge(self)
        head.addWidget(self.sync_badge)
        head.addStretch(1)
        self.print_button = print_menu_button(
            self,
            [
                ("child_info", self.tr("Child information sheet"), "printChildInfo"),
                ("child_dossier", self.tr("Whole file (一人一档)"), "printChildDossier"),
            ],
            self.print_requested,
        )
        head.addWidget(self.print_button)
        self.new_visit_button = button(self.tr("New visit"), "newVisitButton", primary=True, parent=self)
        self.new_visit_button.clicked.connect(lambda: self.new_visit.emit(self.child_id))
        head.addWidget(self.new_visit_button)
        layout.addLayout(head)

        self.due_box = styled(QFrame(self), "dueBox")
        due_layout = QHBoxLayout(self.due_box)
        self.due = named(label("", "dueText"), "nextVisitDue", self.tr("Next visit due"))
        due_layout.addWidget(self.due, 1)
        layout.addWidget(self.due_box)
        self.ageing = banner("", "ageingBanner", self)
        self.ageing.hide()
        layout.addWidget(self.ageing)

        body = QHBoxLayout()
        body.setSpacing(16)
        profile_scroll = QScrollArea(self)
        profile_scroll.setWidgetResizable(True)
        profile_scroll.setObjectName("childProfile")
        profile_scroll.setAccessibleName(self.tr("Profile"))
        self.profile = QWidget(profile_scroll)
        self.profile_layout = QVBoxLayout(self.profile)
        self.profile_layout.setContentsMargins(0, 0, 8, 0)
        profile_scroll.setWidget(self.profile)
        body.addWidget(profile_scroll, 5)

        right = QVBoxLayout()
        right.addWidget(label(self.tr("Visits"), "sectionTitle"))
        columns: list[Column[ChildVisit]] = [
            Column("visit_at", self.tr("Date"), lambda v: date_text(v.visit_at), lambda v: v.visit_at),
            Column("mode", self.tr("Mode"), lambda v: enum_text(VisitMode, v.mode)),
            Column("visitor", self.tr("Visitor"), lambda v: v.visitor),
            Column("safety", self.tr("Safety"), _safety_text),
            Column(
                "risk",
                self.tr("Risk"),
                lambda v: enum_text(RiskLevel, v.risk_level),
                None,
                lambda v: risk_colour(v.risk_level) if v.risk_level else None,
            ),
            Column(
                "state",
                self.tr("State"),
                lambda v: enum_text(RecordState, v.state),
                None,
                lambda v: state_colours(v.state),
            ),
        ]
        self.visits_model: RecordTableModel[ChildVisit] = RecordTableModel(columns, lambda v: v.id, self)
        proxy = ListFilterProxy(self)
        proxy.setSourceModel(self.visits_model)
        self.timeline = named(QTableView(self), "visitTimeline", self.tr("Visits"))
        self.timeline.setModel(proxy)
        self.timeline.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.timeline.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.timeline.verticalHeader().hide()
        self.timeline.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.timeline.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.timeline.doubleClicked.connect(lambda index: self.open_visit.emit(proxy.record_id(index.row())))
        self.timeline.activated.connect(lambda index: self.open_visit.emit(proxy.record_id(index.row())))
        right.addWidget(self.timeline, 3)
        right.addWidget(label(self.tr("Changes (category, guardian, risk, closure)"), "sectionTitle"))
        self.history = named(label("", "muted", wrap=True), "changeHistory", self.tr("Change history"))
        self.history.setAlignment(Qt.AlignmentFlag.AlignTop)
        right.addWidget(self.history, 1)
        actions = QHBoxLayout()
        for key, text, name in (
            ("category", self.tr("Change category…"), "changeCategoryButton"),
            ("guardian", self.tr("Change guardian…"), "changeGuardianButton"),
            ("close", self.tr("Close the file…"), "closeFileButton"),
        ):
            change = button(text, name, parent=self)
            change.clicked.connect(lambda _=False, k=key: self.change_requested.emit(self.child_id, k))
            actions.addWidget(change)
        actions.addStretch(1)
        right.addLayout(actions)
        body.addLayout(right, 7)
        layout.addLayout(body, 1)
        self.refresh()

    def refresh(self) -> None:
        """Read the whole file and its sync state again (after a visit, a change or a sync)."""
        sync_state = self._sync_state

        def read() -> tuple[ChildDossier | None, str]:
            state = sync_state("child_file", self.child_id) if sync_state is not None else ""
            return self._children.get(self.child_id), state

        self._tasks.read(read, self._show)

    def _show(self, read: tuple[ChildDossier | None, str]) -> None:
        dossier, state = read
        self.sync_badge.set_state(state)
        if dossier is None:
            self.name.setText(self.tr("This file no longer exists."))
            return
        self.dossier = dossier
        child = dossier.child
        today = today_local(self._clock)
        self.name.setText(child.name)
        self.file_no.setText(child.file_no)
        background, text = risk_colour(child.risk_level)
        self.risk.setText(enum_text(RiskLevel, child.risk_level))
        self.risk.setStyleSheet(
            f"background: {background.name()}; color: {text.name()}; border-radius: 4px; padding: 4px 10px;"
        )
        self._show_due(child.next_visit_due, child.status, today)
        warning = ageing_out(child, today, self._params)
        if warning is not None and child.status != ChildStatus.CLOSED:
            self.ageing.findChild(QLabel, "ageingBannerText").setText(warning.message)  # type: ignore[union-attr]
            self.ageing.show()
        else:
            self.ageing.hide()
        self._show_profile(dossier, today)
        self.visits_model.set_rows(dossier.visits)
        self.history.setText(self._history_text(dossier.changes) or self.tr("No changes recorded."))
        closed = child.status == ChildStatus.CLOSED
        self.new_visit_button.setEnabled(not closed)
        for name in ("changeCategoryButton", "changeGuardianButton", "closeFileButton"):
            found = self.findChild(QWidget, name)
            if found is not None:
                found.setEnabled(not closed)

    def _show_due(self, due: date | None, status: str, today: date) -> None:
        if status == ChildStatus.CLOSED:
            text, overdue = self.tr("File closed: no further visits are scheduled."), False
        elif due is None:
            text, overdue = self.tr("Next visit: not scheduled yet"), False
        elif due < today:
            days = (today - due).days
            text = (
                self.tr("Next visit was due %1 — %2 days overdue")
                .replace("%1", due.isoformat())
                .replace("%2", str(days))
            )
            overdue = True
        else:
            days = (due - today).days
            text = self.tr("Next visit due %1 (in %2 days)").replace("%1", due.isoformat()).replace("%2", str(days))
            overdue = False
        self.due.setText(text)
        set_flag(self.due_box, "overdue", overdue)

    def _show_profile(self, dossier: ChildDossier, today: date) -> None:
        while self.profile_layout.count():
            item = self.profile_layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        child = dossier.child
        age = str(age_on(child.birth_date, today)) if child.birth_date and child.birth_date <= today else ""
        categories = [enum_text(ChildCategory, child.primary_category)]
        categories += [enum_text(ChildFlag, flag) for flag in child.flags]
        guardian = child.guardian or {}
        groups = [
            (
                self.tr("Child"),
                [
                    (self.tr("ID number"), masked_id(child.id_number)),
                    (self.tr("Sex · age"), f"{_sex(child.sex)} · {age}" if age else _sex(child.sex)),
                    (self.tr("Born"), date_text(child.birth_date)),
                    (self.tr("Category"), "、".join(c for c in categories if c)),
                    (self.tr("Status"), enum_text(ChildStatus, child.status) + _closure(child.closure_reason)),
                    (self.tr("Village"), f"{dossier.town_name} {dossier.village_name}".strip()),
                    (self.tr("Address"), child.residence_address or child.hukou_address),
                ],
            ),
            (
                self.tr("Guardian"),
                [
                    (self.tr("Name"), str(guardian.get("name", ""))),
                    (self.tr("Relation"), str(guardian.get("relation", ""))),
                    (self.tr("Phone"), str(guardian.get("phone", ""))),
                ],
            ),
            (
                self.tr("Parents"),
                [
                    (self.tr("Father"), _parent(child.father)),
                    (self.tr("Mother"), _parent(child.mother)),
                ],
            ),
            (
                self.tr("School and health"),
                [
                    (
                        self.tr("School"),
                        " ".join(
                            x for x in (_choice("schooling", child.schooling), child.school_name, child.grade) if x
                        ),
                    ),
                    (self.tr("Health"), " ".join(x for x in (_choice("health", child.health), child.health_note) if x)),
                ],
            ),
            (
                self.tr("Responsible"),
                [(self.tr("Child director"), dossier.director_name), (self.tr("Supervisor"), dossier.supervisor_name)],
            ),
        ]
        for title, rows in groups:
            group = QGroupBox(title, self.profile)
            form = QFormLayout(group)
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            for caption, value in rows:
                shown = QLabel(value or "—", group)
                shown.setWordWrap(True)
                shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                form.addRow(caption, shown)
            self.profile_layout.addWidget(group)
        self.profile_layout.addStretch(1)

    def _history_text(self, changes: list[ChildChange]) -> str:
        lines = []
        for change in changes[:12]:
            what = _FIELD_NAMES.get(change.field, change.field)
            old, new = _change_value(change.field, change.old_value), _change_value(change.field, change.new_value)
            lines.append(f"{change.changed_on.isoformat()}  {what}：{old} → {new}（{change.reason}）")
        return "\n".join(lines)


def _sex(value: str) -> str:
    from fieldvisit.domain.assistance import Sex

    return enum_text(Sex, value)


def _choice(field: str, value: str) -> str:
    return value_text("child_file", field, value) if value else ""


def _closure(reason: str) -> str:
    return f"（{enum_text(ClosureReason, reason)}）" if reason else ""


def _parent(info: dict[str, object] | None) -> str:
    if not info:
        return "—"
    status = enum_text(ParentStatus, str(info.get("status", "")))
    return " ".join(x for x in (str(info.get("name", "")), status) if x)


def _change_value(field: str, value: str) -> str:
    enums = {"risk_level": RiskLevel, "primary_category": ChildCategory, "status": ChildStatus}
    enum = enums.get(field)
    return enum_text(enum, value) if enum else value or "—"
