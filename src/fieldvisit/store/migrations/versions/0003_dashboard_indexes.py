"""Covering indexes for the dashboard's counts, so that unlocking reads index pages rather than whole tables.

They belong to the device's store only, so they are not declared on the shared domain models: the bureau copies
those tables (bureau.tables) and has no dashboard to count for.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = {
    "ix_household_assessment_state_deleted": ("household_assessment", ["state", "deleted"]),
    "ix_child_visit_state_deleted": ("child_visit", ["state", "deleted"]),
    "ix_patrol_state_deleted": ("patrol", ["state", "deleted"]),
    "ix_reinspection_state_deleted": ("reinspection", ["state", "deleted"]),
    "ix_grave_case_state_deleted": ("grave_case", ["state", "deleted"]),
    "ix_grave_case_dashboard": ("grave_case", ["status", "deleted", "deadline"]),
    "ix_child_file_dashboard": ("child_file", ["status", "deleted", "next_visit_due", "risk_level"]),
    "ix_child_file_director_dashboard": (
        "child_file",
        ["director_id", "status", "deleted", "next_visit_due", "risk_level"],
    ),
}


def upgrade() -> None:
    for name, (table, columns) in INDEXES.items():
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, (table, _) in INDEXES.items():
        op.drop_index(name, table_name=table)
