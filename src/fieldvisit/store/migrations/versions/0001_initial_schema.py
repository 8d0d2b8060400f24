"""Initial schema: every domain table plus the client outbox, sync state, settings and search index.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "amendment",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("original_id", sa.String(length=36), nullable=False),
        sa.Column("amended_id", sa.String(length=36), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("changed_fields", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("amendment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_amendment_amended_id"), ["amended_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_amendment_original_id"), ["original_id"], unique=False)

    op.create_table(
        "assignment",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("assignee_id", sa.String(length=36), nullable=False),
        sa.Column("town_code", sa.String(length=9), nullable=False),
        sa.Column("village_id", sa.String(length=16), nullable=False),
        sa.Column("target_table", sa.String(length=40), nullable=False),
        sa.Column("target_id", sa.String(length=36), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assignment_assignee_id"), ["assignee_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_assignment_due_date"), ["due_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_assignment_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_assignment_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_assignment_town_code"), ["town_code"], unique=False)

    op.create_table(
        "attachment",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("mime_type", sa.String(length=64), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("owner_table", sa.String(length=40), nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=False),
        sa.Column("slot", sa.String(length=40), nullable=False),
        sa.Column("caption", sa.String(length=200), nullable=False),
        sa.Column("captured_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("bearing", sa.Float(), nullable=True),
        sa.Column("photographer", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attachment_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_attachment_owner_table"), ["owner_table"], unique=False)
        batch_op.create_index(batch_op.f("ix_attachment_sha256"), ["sha256"], unique=False)

    op.create_table(
        "audit_event",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_event_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_event_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_event_record_id"), ["record_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_event_user_id"), ["user_id"], unique=False)

    op.create_table(
        "child_file",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("form_id", sa.String(length=64), nullable=False),
        sa.Column("form_version", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=40), nullable=False),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.Column("file_no", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("id_number", sa.String(length=18), nullable=False),
        sa.Column("sex", sa.String(length=40), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("ethnicity", sa.String(length=16), nullable=False),
        sa.Column("hukou_address", sa.String(length=200), nullable=False),
        sa.Column("residence_address", sa.String(length=200), nullable=False),
        sa.Column("town_code", sa.String(length=9), nullable=False),
        sa.Column("village_id", sa.String(length=16), nullable=False),
        sa.Column("primary_category", sa.String(length=40), nullable=False),
        sa.Column("difficulty_kinds", sa.JSON(), nullable=False),
        sa.Column("flags", sa.JSON(), nullable=False),
        sa.Column("recognized_at", sa.Date(), nullable=True),
        sa.Column("recognition_ref", sa.String(length=64), nullable=False),
        sa.Column("listed_at", sa.Date(), nullable=True),
        sa.Column("health", sa.String(length=16), nullable=False),
        sa.Column("health_note", sa.String(length=200), nullable=False),
        sa.Column("schooling", sa.String(length=16), nullable=False),
        sa.Column("school_name", sa.String(length=100), nullable=False),
        sa.Column("grade", sa.String(length=16), nullable=False),
        sa.Column("father", sa.JSON(), nullable=False),
        sa.Column("mother", sa.JSON(), nullable=False),
        sa.Column("guardian", sa.JSON(), nullable=False),
        sa.Column("guardianship_rating", sa.String(length=40), nullable=False),
        sa.Column("family_assistance", sa.JSON(), nullable=False),
        sa.Column("benefits", sa.JSON(), nullable=False),
        sa.Column("risk_level", sa.String(length=40), nullable=False),
        sa.Column("risk_override_reason", sa.String(length=200), nullable=False),
        sa.Column("director_id", sa.String(length=36), nullable=False),
        sa.Column("supervisor_id", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("closure_reason", sa.String(length=40), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("last_visit_on", sa.Date(), nullable=True),
        sa.Column("next_visit_due", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("child_file", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_child_file_birth_date"), ["birth_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_child_file_director_id"), ["director_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_child_file_file_no"), ["file_no"], unique=False)
        batch_op.create_index(batch_op.f("ix_child_file_id_number"), ["id_number"], unique=False)
        batch_op.create_index(batch_op.f("ix_child_file_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_child_file_next_visit_due"), ["next_visit_due"], unique=False)
        batch_op.create_index(batch_op.f("ix_child_file_primary_category"), ["primary_category"], unique=False)
        batch_op.create_index(batch_op.f("ix_child_file_risk_level"), ["risk_level"], unique=False)
        batch_op.create_index(batch_op.f("ix_child_file_state"), ["state"], unique=False)
        batch_op.create_index(batch_op.f("ix_child_file_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_child_file_supervisor_id"), ["supervisor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_child_file_town_code"), ["town_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_child_file_village_id"), ["village_id"], unique=False)

    op.create_table(
        "grave_case",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("form_id", sa.String(length=64), nullable=False),
        sa.Column("form_version", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=40), nullable=False),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.Column("case_no", sa.String(length=40), nullable=False),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("found_on", sa.Date(), nullable=False),
        sa.Column("patrol_id", sa.String(length=36), nullable=False),
        sa.Column("town_code", sa.String(length=9), nullable=False),
        sa.Column("village_id", sa.String(length=16), nullable=False),
        sa.Column("place_name", sa.String(length=100), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("zone_type", sa.String(length=40), nullable=False),
        sa.Column("violation_types", sa.JSON(), nullable=False),
        sa.Column("build_state", sa.String(length=40), nullable=False),
        sa.Column("grave_kind", sa.String(length=40), nullable=False),
        sa.Column("capacity", sa.String(length=40), nullable=False),
        sa.Column("area_m2", sa.Float(), nullable=True),
        sa.Column("stone_height_m", sa.Float(), nullable=True),
        sa.Column("materials", sa.JSON(), nullable=False),
        sa.Column("structures", sa.String(length=500), nullable=False),
        sa.Column("party", sa.JSON(), nullable=False),
        sa.Column("unknown_owner", sa.Boolean(), nullable=False),
        sa.Column("deceased_name", sa.String(length=64), nullable=False),
        sa.Column("buried_on", sa.Date(), nullable=True),
        sa.Column("is_official_related", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("notice_id", sa.String(length=36), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("closed_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("grave_case", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_grave_case_case_no"), ["case_no"], unique=False)
        batch_op.create_index(batch_op.f("ix_grave_case_deadline"), ["deadline"], unique=False)
        batch_op.create_index(batch_op.f("ix_grave_case_found_on"), ["found_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_grave_case_state"), ["state"], unique=False)
        batch_op.create_index(batch_op.f("ix_grave_case_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_grave_case_town_code"), ["town_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_grave_case_village_id"), ["village_id"], unique=False)

    op.create_table(
        "household_assessment",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("form_id", sa.String(length=64), nullable=False),
        sa.Column("form_version", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=40), nullable=False),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.Column("survey_no", sa.String(length=40), nullable=False),
        sa.Column("assistance_type", sa.String(length=40), nullable=False),
        sa.Column("survey_kind", sa.String(length=40), nullable=False),
        sa.Column("town_code", sa.String(length=9), nullable=False),
        sa.Column("village_id", sa.String(length=16), nullable=False),
        sa.Column("methods", sa.JSON(), nullable=False),
        sa.Column("survey_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("investigators", sa.JSON(), nullable=False),
        sa.Column("assistants", sa.JSON(), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("applicant_name", sa.String(length=64), nullable=False),
        sa.Column("applicant_id_number", sa.String(length=18), nullable=False),
        sa.Column("hukou_address", sa.String(length=200), nullable=False),
        sa.Column("residence_address", sa.String(length=200), nullable=False),
        sa.Column("hukou_type", sa.String(length=16), nullable=False),
        sa.Column("phone", sa.String(length=32), nullable=False),
        sa.Column("is_relative_of_staff", sa.Boolean(), nullable=False),
        sa.Column("staff_relatives", sa.JSON(), nullable=False),
        sa.Column("hardship_reasons", sa.JSON(), nullable=False),
        sa.Column("bank", sa.JSON(), nullable=False),
        sa.Column("housing", sa.JSON(), nullable=False),
        sa.Column("appliances", sa.JSON(), nullable=False),
        sa.Column("utilities_monthly_fen", sa.Integer(), nullable=True),
        sa.Column("high_consumption_signs", sa.Boolean(), nullable=False),
        sa.Column("high_consumption_note", sa.String(), nullable=False),
        sa.Column("food_clothing", sa.String(), nullable=False),
        sa.Column("neighbour_findings", sa.String(), nullable=False),
        sa.Column("investigator_opinion", sa.String(length=40), nullable=False),
        sa.Column("opinion_text", sa.String(), nullable=False),
        sa.Column("consent_signed", sa.Boolean(), nullable=False),
        sa.Column("household_size", sa.Integer(), nullable=False),
        sa.Column("per_capita_monthly_income_fen", sa.Integer(), nullable=True),
        sa.Column("suggestion", sa.String(length=40), nullable=False),
        sa.Column("assignment_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("household_assessment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_household_assessment_applicant_id_number"), ["applicant_id_number"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_household_assessment_applicant_name"), ["applicant_name"], unique=False)
        batch_op.create_index(batch_op.f("ix_household_assessment_assistance_type"), ["assistance_type"], unique=False)
        batch_op.create_index(batch_op.f("ix_household_assessment_state"), ["state"], unique=False)
        batch_op.create_index(batch_op.f("ix_household_assessment_survey_at"), ["survey_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_household_assessment_survey_no"), ["survey_no"], unique=False)
        batch_op.create_index(batch_op.f("ix_household_assessment_town_code"), ["town_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_household_assessment_village_id"), ["village_id"], unique=False)

    op.create_table(
        "legal_basis",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("article", sa.String(length=100), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("effective_to", sa.Date(), nullable=True),
        sa.Column("verified", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("legal_basis", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_legal_basis_code"), ["code"], unique=False)

    op.create_table(
        "outbox",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("mutation_id", sa.String(length=36), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("op", sa.String(length=40), nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=False),
        sa.Column("changed", sa.JSON(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=40), nullable=False),
        sa.Column("last_error", sa.String(length=500), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("mutation_id"),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outbox_record_id"), ["record_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_outbox_state"), ["state"], unique=False)

    op.create_table(
        "parameter",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.Column("locality", sa.String(length=12), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("effective_to", sa.Date(), nullable=True),
        sa.Column("unit", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=1), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("parameter", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_parameter_effective_from"), ["effective_from"], unique=False)
        batch_op.create_index(batch_op.f("ix_parameter_key"), ["key"], unique=False)
        batch_op.create_index(batch_op.f("ix_parameter_locality"), ["locality"], unique=False)

    op.create_table(
        "patrol",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("form_id", sa.String(length=64), nullable=False),
        sa.Column("form_version", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=40), nullable=False),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.Column("patrol_no", sa.String(length=40), nullable=False),
        sa.Column("town_code", sa.String(length=9), nullable=False),
        sa.Column("patrol_date", sa.Date(), nullable=False),
        sa.Column("start_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("end_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("inspectors", sa.JSON(), nullable=False),
        sa.Column("area", sa.String(length=200), nullable=False),
        sa.Column("route", sa.String(length=500), nullable=False),
        sa.Column("zone_types", sa.JSON(), nullable=False),
        sa.Column("mode", sa.String(length=40), nullable=False),
        sa.Column("track", sa.JSON(), nullable=False),
        sa.Column("found_issue", sa.Boolean(), nullable=False),
        sa.Column("case_ids", sa.JSON(), nullable=False),
        sa.Column("on_site_action", sa.String(length=40), nullable=False),
        sa.Column("on_site_note", sa.String(length=500), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("patrol", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_patrol_patrol_date"), ["patrol_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_patrol_patrol_no"), ["patrol_no"], unique=False)
        batch_op.create_index(batch_op.f("ix_patrol_state"), ["state"], unique=False)
        batch_op.create_index(batch_op.f("ix_patrol_town_code"), ["town_code"], unique=False)

    op.create_table(
        "record_sync",
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("state", sa.String(length=40), nullable=False),
        sa.Column("bureau_version", sa.Integer(), nullable=False),
        sa.Column("synced_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("table_name", "record_id"),
    )
    with op.batch_alter_table("record_sync", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_record_sync_state"), ["state"], unique=False)

    op.create_table(
        "search_entry",
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("owner_table", sa.String(length=40), nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("initials", sa.String(length=64), nullable=False),
        sa.Column("id_number", sa.String(length=18), nullable=False),
        sa.Column("id_last4", sa.String(length=4), nullable=False),
        sa.Column("town_code", sa.String(length=9), nullable=False),
        sa.Column("village_id", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("table_name", "record_id"),
    )
    with op.batch_alter_table("search_entry", schema=None) as batch_op:
        batch_op.create_index("ix_search_entry_id_last4", ["id_last4"], unique=False)
        batch_op.create_index("ix_search_entry_initials", ["initials"], unique=False)
        batch_op.create_index("ix_search_entry_owner", ["owner_table", "owner_id"], unique=False)

    op.create_table(
        "setting",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "staff_user",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=40), nullable=False),
        sa.Column("unit", sa.String(length=100), nullable=False),
        sa.Column("phone", sa.String(length=32), nullable=False),
        sa.Column("town_codes", sa.JSON(), nullable=False),
        sa.Column("village_ids", sa.JSON(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("staff_user", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staff_user_username"), ["username"], unique=True)

    op.create_table(
        "town",
        sa.Column("division_code", sa.String(length=9), nullable=False),
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("division_code"),
    )
    op.create_table(
        "asset",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("assessment_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("owner", sa.String(length=64), nullable=False),
        sa.Column("value_fen", sa.Integer(), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["household_assessment.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("asset", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_asset_assessment_id"), ["assessment_id"], unique=False)

    op.create_table(
        "case_event",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("from_status", sa.String(length=40), nullable=False),
        sa.Column("to_status", sa.String(length=40), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["grave_case.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("case_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_event_case_id"), ["case_id"], unique=False)

    op.create_table(
        "child_change",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("changed_on", sa.Date(), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("old_value", sa.String(length=500), nullable=False),
        sa.Column("new_value", sa.String(length=500), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["child_file.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("child_change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_child_change_child_id"), ["child_id"], unique=False)

    op.create_table(
        "child_service",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("served_on", sa.Date(), nullable=True),
        sa.Column("service_type", sa.String(length=64), nullable=False),
        sa.Column("provider", sa.String(length=100), nullable=False),
        sa.Column("result", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["child_file.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("child_service", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_child_service_child_id"), ["child_id"], unique=False)

    op.create_table(
        "child_visit",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("form_id", sa.String(length=64), nullable=False),
        sa.Column("form_version", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=40), nullable=False),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("visit_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("mode", sa.String(length=40), nullable=False),
        sa.Column("visitor", sa.String(length=64), nullable=False),
        sa.Column("visitor_id", sa.String(length=36), nullable=False),
        sa.Column("companions", sa.JSON(), nullable=False),
        sa.Column("saw_child", sa.Boolean(), nullable=False),
        sa.Column("not_seen_reason", sa.String(length=200), nullable=False),
        sa.Column("guardian_present", sa.Boolean(), nullable=False),
        sa.Column("guardian_changed", sa.Boolean(), nullable=False),
        sa.Column("guardianship_rating", sa.String(length=40), nullable=False),
        sa.Column("living", sa.JSON(), nullable=False),
        sa.Column("safety", sa.JSON(), nullable=False),
        sa.Column("health", sa.String(length=200), nullable=False),
        sa.Column("school", sa.String(length=40), nullable=False),
        sa.Column("psych", sa.JSON(), nullable=False),
        sa.Column("parent_last_met_months", sa.Integer(), nullable=True),
        sa.Column("parent_call_frequency", sa.String(length=16), nullable=False),
        sa.Column("benefits_ok", sa.Boolean(), nullable=False),
        sa.Column("benefits_note", sa.String(length=200), nullable=False),
        sa.Column("needs", sa.JSON(), nullable=False),
        sa.Column("needs_note", sa.String(length=500), nullable=False),
        sa.Column("services_given", sa.String(), nullable=False),
        sa.Column("mandatory_report_triggered", sa.Boolean(), nullable=False),
        sa.Column("mandatory_report_to", sa.JSON(), nullable=False),
        sa.Column("mandatory_report_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("suggested_risk_level", sa.String(length=40), nullable=False),
        sa.Column("risk_level", sa.String(length=40), nullable=False),
        sa.Column("risk_override_reason", sa.String(length=200), nullable=False),
        sa.Column("next_visit_due", sa.Date(), nullable=True),
        sa.Column("notes", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["child_file.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("child_visit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_child_visit_child_id"), ["child_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_child_visit_state"), ["state"], unique=False)
        batch_op.create_index(batch_op.f("ix_child_visit_visit_at"), ["visit_at"], unique=False)

    op.create_table(
        "household_member",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("assessment_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("relation", sa.String(length=40), nullable=False),
        sa.Column("id_number", sa.String(length=18), nullable=False),
        sa.Column("sex", sa.String(length=40), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("ethnicity", sa.String(length=16), nullable=False),
        sa.Column("marital", sa.String(length=16), nullable=False),
        sa.Column("co_resident", sa.Boolean(), nullable=False),
        sa.Column("exclusion_reason", sa.String(length=40), nullable=False),
        sa.Column("health", sa.String(length=40), nullable=False),
        sa.Column("major_illness", sa.String(length=100), nullable=False),
        sa.Column("disability_type", sa.String(length=40), nullable=False),
        sa.Column("disability_level", sa.Integer(), nullable=True),
        sa.Column("disability_cert_no", sa.String(length=40), nullable=False),
        sa.Column("labor_capacity", sa.String(length=40), nullable=False),
        sa.Column("self_care", sa.JSON(), nullable=False),
        sa.Column("education", sa.String(length=16), nullable=False),
        sa.Column("in_school", sa.Boolean(), nullable=False),
        sa.Column("employment", sa.String(length=16), nullable=False),
        sa.Column("employer", sa.String(length=100), nullable=False),
        sa.Column("special_flags", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["household_assessment.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("household_member", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_household_member_assessment_id"), ["assessment_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_household_member_id_number"), ["id_number"], unique=False)

    op.create_table(
        "income_item",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("assessment_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("item", sa.String(length=64), nullable=False),
        sa.Column("member_id_number", sa.String(length=18), nullable=False),
        sa.Column("amount_12m_fen", sa.Integer(), nullable=False),
        sa.Column("countable", sa.Boolean(), nullable=False),
        sa.Column("evidence", sa.String(length=16), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["household_assessment.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("income_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_income_item_assessment_id"), ["assessment_id"], unique=False)

    op.create_table(
        "rectification_notice",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("form_id", sa.String(length=64), nullable=False),
        sa.Column("form_version", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=40), nullable=False),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("issuer_code", sa.String(length=40), nullable=False),
        sa.Column("issuer_name", sa.String(length=100), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("notice_no", sa.String(length=60), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("deadline_days", sa.Integer(), nullable=False),
        sa.Column("party", sa.JSON(), nullable=False),
        sa.Column("facts", sa.String(), nullable=False),
        sa.Column("remedies", sa.JSON(), nullable=False),
        sa.Column("legal_basis_id", sa.String(length=36), nullable=False),
        sa.Column("legal_basis_text", sa.String(), nullable=False),
        sa.Column("contact_name", sa.String(length=64), nullable=False),
        sa.Column("contact_phone", sa.String(length=32), nullable=False),
        sa.Column("review_body", sa.String(length=100), nullable=False),
        sa.Column("court", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["grave_case.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("rectification_notice", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rectification_notice_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_rectification_notice_notice_no"), ["notice_no"], unique=False)
        batch_op.create_index(batch_op.f("ix_rectification_notice_state"), ["state"], unique=False)

    op.create_table(
        "referral",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("visit_id", sa.String(length=36), nullable=False),
        sa.Column("target", sa.String(length=40), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("referred_on", sa.Date(), nullable=True),
        sa.Column("result", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["child_file.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_referral_child_id"), ["child_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_referral_visit_id"), ["visit_id"], unique=False)

    op.create_table(
        "reinspection",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("form_id", sa.String(length=64), nullable=False),
        sa.Column("form_version", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=40), nullable=False),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("inspected_on", sa.Date(), nullable=False),
        sa.Column("inspectors", sa.JSON(), nullable=False),
        sa.Column("result", sa.String(length=40), nullable=False),
        sa.Column("area_m2_after", sa.Float(), nullable=True),
        sa.Column("conclusion", sa.String(length=40), nullable=False),
        sa.Column("new_deadline", sa.Date(), nullable=True),
        sa.Column("note", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["grave_case.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("reinspection", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reinspection_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_reinspection_state"), ["state"], unique=False)

    op.create_table(
        "rigid_expense",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("assessment_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("amount_12m_fen", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["household_assessment.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("rigid_expense", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rigid_expense_assessment_id"), ["assessment_id"], unique=False)

    op.create_table(
        "support_obligor",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("assessment_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("id_number", sa.String(length=18), nullable=False),
        sa.Column("relation", sa.String(length=16), nullable=False),
        sa.Column("health", sa.String(length=40), nullable=False),
        sa.Column("labor_capacity", sa.String(length=40), nullable=False),
        sa.Column("obligor_household_size", sa.Integer(), nullable=True),
        sa.Column("obligor_per_capita_income_fen", sa.Integer(), nullable=True),
        sa.Column("assets_note", sa.String(), nullable=False),
        sa.Column("support_paid_monthly_fen", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["household_assessment.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("support_obligor", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_support_obligor_assessment_id"), ["assessment_id"], unique=False)

    op.create_table(
        "village",
        sa.Column("id", sa.String(length=16), nullable=False),
        sa.Column("town_code", sa.String(length=9), nullable=False),
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("division_code", sa.String(length=12), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["town_code"],
            ["town.division_code"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("village", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_village_town_code"), ["town_code"], unique=False)

    op.create_table(
        "service_receipt",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("notice_id", sa.String(length=36), nullable=False),
        sa.Column("method", sa.String(length=40), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("served_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("recipient_name", sa.String(length=64), nullable=False),
        sa.Column("servers", sa.JSON(), nullable=False),
        sa.Column("witness", sa.String(length=64), nullable=False),
        sa.Column("refused", sa.Boolean(), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(
            ["notice_id"],
            ["rectification_notice.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("service_receipt", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_service_receipt_notice_id"), ["notice_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("service_receipt", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_receipt_notice_id"))

    op.drop_table("service_receipt")
    with op.batch_alter_table("village", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_village_town_code"))

    op.drop_table("village")
    with op.batch_alter_table("support_obligor", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_support_obligor_assessment_id"))

    op.drop_table("support_obligor")
    with op.batch_alter_table("rigid_expense", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rigid_expense_assessment_id"))

    op.drop_table("rigid_expense")
    with op.batch_alter_table("reinspection", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reinspection_state"))
        batch_op.drop_index(batch_op.f("ix_reinspection_case_id"))

    op.drop_table("reinspection")
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_referral_visit_id"))
        batch_op.drop_index(batch_op.f("ix_referral_child_id"))

    op.drop_table("referral")
    with op.batch_alter_table("rectification_notice", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rectification_notice_state"))
        batch_op.drop_index(batch_op.f("ix_rectification_notice_notice_no"))
        batch_op.drop_index(batch_op.f("ix_rectification_notice_case_id"))

    op.drop_table("rectification_notice")
    with op.batch_alter_table("income_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_income_item_assessment_id"))

    op.drop_table("income_item")
    with op.batch_alter_table("household_member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_household_member_id_number"))
        batch_op.drop_index(batch_op.f("ix_household_member_assessment_id"))

    op.drop_table("household_member")
    with op.batch_alter_table("child_visit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_child_visit_visit_at"))
        batch_op.drop_index(batch_op.f("ix_child_visit_state"))
        batch_op.drop_index(batch_op.f("ix_child_visit_child_id"))

    op.drop_table("child_visit")
    with op.batch_alter_table("child_service", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_child_service_child_id"))

    op.drop_table("child_service")
    with op.batch_alter_table("child_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_child_change_child_id"))

    op.drop_table("child_change")
    with op.batch_alter_table("case_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_event_case_id"))

    op.drop_table("case_event")
    with op.batch_alter_table("asset", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_asset_assessment_id"))

    op.drop_table("asset")
    op.drop_table("town")
    with op.batch_alter_table("staff_user", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_user_username"))

    op.drop_table("staff_user")
    op.drop_table("setting")
    with op.batch_alter_table("search_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_search_entry_owner")
        batch_op.drop_index("ix_search_entry_initials")
        batch_op.drop_index("ix_search_entry_id_last4")

    op.drop_table("search_entry")
    with op.batch_alter_table("record_sync", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_record_sync_state"))

    op.drop_table("record_sync")
    with op.batch_alter_table("patrol", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_patrol_town_code"))
        batch_op.drop_index(batch_op.f("ix_patrol_state"))
        batch_op.drop_index(batch_op.f("ix_patrol_patrol_no"))
        batch_op.drop_index(batch_op.f("ix_patrol_patrol_date"))

    op.drop_table("patrol")
    with op.batch_alter_table("parameter", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_parameter_locality"))
        batch_op.drop_index(batch_op.f("ix_parameter_key"))
        batch_op.drop_index(batch_op.f("ix_parameter_effective_from"))

    op.drop_table("parameter")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_state"))
        batch_op.drop_index(batch_op.f("ix_outbox_record_id"))

    op.drop_table("outbox")
    with op.batch_alter_table("legal_basis", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_legal_basis_code"))

    op.drop_table("legal_basis")
    with op.batch_alter_table("household_assessment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_household_assessment_village_id"))
        batch_op.drop_index(batch_op.f("ix_household_assessment_town_code"))
        batch_op.drop_index(batch_op.f("ix_household_assessment_survey_no"))
        batch_op.drop_index(batch_op.f("ix_household_assessment_survey_at"))
        batch_op.drop_index(batch_op.f("ix_household_assessment_state"))
        batch_op.drop_index(batch_op.f("ix_household_assessment_assistance_type"))
        batch_op.drop_index(batch_op.f("ix_household_assessment_applicant_name"))
        batch_op.drop_index(batch_op.f("ix_household_assessment_applicant_id_number"))

    op.drop_table("household_assessment")
    with op.batch_alter_table("grave_case", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_grave_case_village_id"))
        batch_op.drop_index(batch_op.f("ix_grave_case_town_code"))
        batch_op.drop_index(batch_op.f("ix_grave_case_status"))
        batch_op.drop_index(batch_op.f("ix_grave_case_state"))
        batch_op.drop_index(batch_op.f("ix_grave_case_found_on"))
        batch_op.drop_index(batch_op.f("ix_grave_case_deadline"))
        batch_op.drop_index(batch_op.f("ix_grave_case_case_no"))

    op.drop_table("grave_case")
    with op.batch_alter_table("child_file", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_child_file_village_id"))
        batch_op.drop_index(batch_op.f("ix_child_file_town_code"))
        batch_op.drop_index(batch_op.f("ix_child_file_supervisor_id"))
        batch_op.drop_index(batch_op.f("ix_child_file_status"))
        batch_op.drop_index(batch_op.f("ix_child_file_state"))
        batch_op.drop_index(batch_op.f("ix_child_file_risk_level"))
        batch_op.drop_index(batch_op.f("ix_child_file_primary_category"))
        batch_op.drop_index(batch_op.f("ix_child_file_next_visit_due"))
        batch_op.drop_index(batch_op.f("ix_child_file_name"))
        batch_op.drop_index(batch_op.f("ix_child_file_id_number"))
        batch_op.drop_index(batch_op.f("ix_child_file_file_no"))
        batch_op.drop_index(batch_op.f("ix_child_file_director_id"))
        batch_op.drop_index(batch_op.f("ix_child_file_birth_date"))

    op.drop_table("child_file")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_event_user_id"))
        batch_op.drop_index(batch_op.f("ix_audit_event_record_id"))
        batch_op.drop_index(batch_op.f("ix_audit_event_kind"))
        batch_op.drop_index(batch_op.f("ix_audit_event_at"))

    op.drop_table("audit_event")
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attachment_sha256"))
        batch_op.drop_index(batch_op.f("ix_attachment_owner_table"))
        batch_op.drop_index(batch_op.f("ix_attachment_owner_id"))

    op.drop_table("attachment")
    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assignment_town_code"))
        batch_op.drop_index(batch_op.f("ix_assignment_status"))
        batch_op.drop_index(batch_op.f("ix_assignment_kind"))
        batch_op.drop_index(batch_op.f("ix_assignment_due_date"))
        batch_op.drop_index(batch_op.f("ix_assignment_assignee_id"))

    op.drop_table("assignment")
    with op.batch_alter_table("amendment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_amendment_original_id"))
        batch_op.drop_index(batch_op.f("ix_amendment_amended_id"))

    op.drop_table("amendment")
