"""Drop the domain tables' secondary indexes that only the device's screens use: the bureau reads those rows by
id, by parent, a child by file number, a user by name and an attachment by content; every other index only
slowed each pushed row down (a child's file carried thirteen).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = {
    "ix_amendment_amended_id": ("amendment", ["amended_id"]),
    "ix_assignment_assignee_id": ("assignment", ["assignee_id"]),
    "ix_assignment_due_date": ("assignment", ["due_date"]),
    "ix_assignment_kind": ("assignment", ["kind"]),
    "ix_assignment_status": ("assignment", ["status"]),
    "ix_assignment_town_code": ("assignment", ["town_code"]),
    "ix_child_file_birth_date": ("child_file", ["birth_date"]),
    "ix_child_file_director_id": ("child_file", ["director_id"]),
    "ix_child_file_id_number": ("child_file", ["id_number"]),
    "ix_child_file_name": ("child_file", ["name"]),
    "ix_child_file_next_visit_due": ("child_file", ["next_visit_due"]),
    "ix_child_file_primary_category": ("child_file", ["primary_category"]),
    "ix_child_file_risk_level": ("child_file", ["risk_level"]),
    "ix_child_file_state": ("child_file", ["state"]),
    "ix_child_file_status": ("child_file", ["status"]),
    "ix_child_file_supervisor_id": ("child_file", ["supervisor_id"]),
    "ix_child_file_town_code": ("child_file", ["town_code"]),
    "ix_child_file_village_id": ("child_file", ["village_id"]),
    "ix_grave_case_case_no": ("grave_case", ["case_no"]),
    "ix_grave_case_deadline": ("grave_case", ["deadline"]),
    "ix_grave_case_found_on": ("grave_case", ["found_on"]),
    "ix_grave_case_state": ("grave_case", ["state"]),
    "ix_grave_case_status": ("grave_case", ["status"]),
    "ix_grave_case_town_code": ("grave_case", ["town_code"]),
    "ix_grave_case_village_id": ("grave_case", ["village_id"]),
    "ix_household_assessment_applicant_id_number": ("household_assessment", ["applicant_id_number"]),
    "ix_household_assessment_applicant_name": ("household_assessment", ["applicant_name"]),
    "ix_household_assessment_assistance_type": ("household_assessment", ["assistance_type"]),
    "ix_household_assessment_state": ("household_assessment", ["state"]),
    "ix_household_assessment_survey_at": ("household_assessment", ["survey_at"]),
    "ix_household_assessment_survey_no": ("household_assessment", ["survey_no"]),
    "ix_household_assessment_town_code": ("household_assessment", ["town_code"]),
    "ix_household_assessment_village_id": ("household_assessment", ["village_id"]),
    "ix_patrol_patrol_date": ("patrol", ["patrol_date"]),
    "ix_patrol_patrol_no": ("patrol", ["patrol_no"]),
    "ix_patrol_state": ("patrol", ["state"]),
    "ix_patrol_town_code": ("patrol", ["town_code"]),
    "ix_child_visit_state": ("child_visit", ["state"]),
    "ix_child_visit_visit_at": ("child_visit", ["visit_at"]),
    "ix_household_member_id_number": ("household_member", ["id_number"]),
    "ix_rectification_notice_notice_no": ("rectification_notice", ["notice_no"]),
    "ix_rectification_notice_state": ("rectification_notice", ["state"]),
    "ix_referral_visit_id": ("referral", ["visit_id"]),
    "ix_reinspection_state": ("reinspection", ["state"]),
}


def upgrade() -> None:
    for name, (table, _) in INDEXES.items():
        op.drop_index(name, table_name=table)


def downgrade() -> None:
    for name, (table, columns) in INDEXES.items():
        op.create_index(name, table, columns)
