"""The household list (家庭核查): every home-visit assessment, drafts marked, filters by place, type, state."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from fieldvisit.domain.assistance import AssistanceType, SurveyKind
from fieldvisit.domain.base import RecordState, SyncState
from fieldvisit.store.repositories.assistance import AssessmentFilter, AssessmentRepository, AssessmentRow
from fieldvisit.store.repositories.search import SearchIndexRepository
from fieldvisit.ui.format import date_text, enum_text, masked_id, yuan
from fieldvisit.ui.lists.list_page import ListPage
from fieldvisit.ui.lists.place_filters import enum_filter, town_filter, village_filter
from fieldvisit.ui.lists.state_colours import state_colours
from fieldvisit.ui.lists.table_model import Column
from fieldvisit.ui.sync.badge import sync_colours
from fieldvisit.ui.tasks import TaskRunner


class HouseholdsList(ListPage):
    """Assessments, newest first; search finds applicants and every household member."""

    def __init__(
        self,
        assessments: AssessmentRepository,
        search_index: SearchIndexRepository,
        tasks: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("household", id_of=lambda r: r.id, number_of=lambda r: r.survey_no, parent=parent)
        self._assessments = assessments
        self._search_index = search_index
        self._tasks = tasks
        columns: list[Column[AssessmentRow]] = [
            Column(
                "survey_no", self.tr("Survey no."), lambda r: r.survey_no, shrink=True, min_ems=8, elide_middle=True
            ),
            Column("applicant", self.tr("Applicant"), lambda r: r.applicant_name, shrink=True, stretch=True),
            Column("id_number", self.tr("ID number"), lambda r: masked_id(r.applicant_id_number), drop_order=3),
            Column("village", self.tr("Village"), lambda r: f"{r.town_name} {r.village_name}".strip(), shrink=True),
            Column(
                "type",
                self.tr("Assistance type"),
                lambda r: enum_text(AssistanceType, r.assistance_type),
                shrink=True,
                drop_order=2,
            ),
            Column(
                "kind",
                self.tr("Survey kind"),
                lambda r: enum_text(SurveyKind, r.survey_kind),
                shrink=True,
                drop_order=4,
            ),
            Column(
                "survey_at",
                self.tr("Survey date"),
                lambda r: date_text(r.survey_at)[:10],
                lambda r: r.survey_at,
                drop_order=1,
            ),
            Column("size", self.tr("Persons"), lambda r: str(r.household_size), lambda r: r.household_size, None, True),
            Column(
                "per_capita",
                self.tr("Income per head (yuan/month)"),
                lambda r: yuan(r.per_capita_monthly_income_fen),
                lambda r: r.per_capita_monthly_income_fen,
                None,
                True,
            ),
            Column("suggestion", self.tr("Result"), self._result_text, shrink=True),
            Column(
                "state",
                self.tr("State"),
                lambda r: enum_text(RecordState, r.state),
                None,
                lambda r: state_colours(r.state),
            ),
            Column(
                "sync",
                self.tr("Sync"),
                lambda r: enum_text(SyncState, r.sync_state),
                None,
                lambda r: sync_colours(r.sync_state),
            ),
        ]
        filters = [
            town_filter(lambda r: r.town_name),
            village_filter(lambda r: r.town_name, lambda r: r.village_name),
            enum_filter(
                "type", self.tr("Assistance type"), self.tr("All types"), AssistanceType, lambda r: r.assistance_type
            ),
            enum_filter("state", self.tr("State"), self.tr("All states"), RecordState, lambda r: r.state),
        ]
        self.setup(self.tr("Household assessments"), columns, filters)

    def load(self) -> None:
        """Fetch the rows and their search keys off the GUI thread, then show them."""

        def fetch() -> tuple[list[AssessmentRow], dict[str, Any], bool]:
            rows = self._assessments.list(AssessmentFilter())
            return rows, self._search_index.keys("household_assessment"), self._assessments.sync_enrolled()

        self._tasks.read(fetch, lambda result: self.set_rows(result[0], result[1], sync_shown=result[2]))

    def _result_text(self, row: AssessmentRow) -> str:
        # An income worked out without a suggestion is a household that meets none of the conditions; with no
        # income worked out (no members yet) there is no result to show.
        if row.suggestion:
            return enum_text(AssistanceType, row.suggestion)
        return "" if row.per_capita_monthly_income_fen is None else self.tr("Not eligible")
