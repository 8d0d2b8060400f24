"""Initial bureau schema: the shared domain tables, accounts, devices, refresh tokens, receipts, change log, blobs.

Revision ID: 0001
Revises: (none)
Create Date: 2026-12-01
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
    op.create_index(op.f("ix_amendment_amended_id"), "amendment", ["amended_id"], unique=False)
    op.create_index(op.f("ix_amendment_original_id"), "amendment", ["original_id"], unique=False)
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
    op.create_index(op.f("ix_assignment_assignee_id"), "assignment", ["assignee_id"], unique=False)
    op.create_index(op.f("ix_assignment_due_date"), "assignment", ["due_date"], unique=False)
    op.create_index(op.f("ix_assignment_kind"), "assignment", ["kind"], unique=False)
    op.create_index(op.f("ix_assignment_status"), "assignment", ["status"], unique=False)
    op.create_index(op.f("ix_assignment_town_code"), "assignment", ["town_code"], unique=False)
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
    op.create_index(op.f("ix_attachment_owner_id"), "attachment", ["owner_id"], unique=False)
    op.create_index(op.f("ix_attachment_owner_table"), "attachment", ["owner_table"], unique=False)
    op.create_index(op.f("ix_attachment_sha256"), "attachment", ["sha256"], unique=False)
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
    op.create_index(op.f("ix_audit_event_at"), "audit_event", ["at"], unique=False)
    op.create_index(op.f("ix_audit_event_kind"), "audit_event", ["kind"], unique=False)
    op.create_index(op.f("ix_audit_event_record_id"), "audit_event", ["record_id"], unique=False)
    op.create_index(op.f("ix_audit_event_user_id"), "audit_event", ["user_id"], unique=False)
    op.create_table(
        "bureau_blob",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("complete", sa.Boolean(), nullable=False),
        sa.Column("uploaded_by", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("sha256"),
    )
    op.create_table(
        "bureau_change_audience",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("removal", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("key", "seq"),
    )
    op.create_index("ix_bureau_change_audience_seq", "bureau_change_audience", ["seq"], unique=False)
    op.create_table(
        "bureau_change_log",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("root_table", sa.String(length=40), nullable=False),
        sa.Column("root_id", sa.String(length=36), nullable=False),
        sa.Column("audience", sa.JSON(), nullable=False),
        sa.Column("removed", sa.JSON(), nullable=False),
        sa.Column("field_versions", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("table_name", "record_id", name="uq_bureau_change_log_record"),
    )
    op.create_index("ix_bureau_change_log_root", "bureau_change_log", ["root_table", "root_id"], unique=False)
    op.create_table(
        "bureau_credential",
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("user_id"),
    )
    op.create_table(
        "bureau_device",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("enrolled_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_sync_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("pending_count", sa.Integer(), nullable=False),
        sa.Column("client_version", sa.String(length=200), nullable=False),
        sa.Column("protocol", sa.Integer(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("wiped_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_bureau_device_user_id"), "bureau_device", ["user_id"], unique=False)
    op.create_table(
        "bureau_log_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "bureau_receipt",
        sa.Column("mutation_id", sa.String(length=36), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("op", sa.String(length=10), nullable=False),
        sa.Column("payload_hash", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("conflict_fields", sa.JSON(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("mutation_id"),
    )
    op.create_index(op.f("ix_bureau_receipt_device_id"), "bureau_receipt", ["device_id"], unique=False)
    op.create_index("ix_bureau_receipt_record", "bureau_receipt", ["table_name", "record_id"], unique=False)
    op.create_table(
        "bureau_refresh_token",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("token_hash"),
    )
    op.create_index(op.f("ix_bureau_refresh_token_device_id"), "bureau_refresh_token", ["device_id"], unique=False)
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
    op.create_index(op.f("ix_child_file_birth_date"), "child_file", ["birth_date"], unique=False)
    op.create_index(op.f("ix_child_file_director_id"), "child_file", ["director_id"], unique=False)
    op.create_index(op.f("ix_child_file_file_no"), "child_file", ["file_no"], unique=False)
    op.create_index(op.f("ix_child_file_id_number"), "child_file", ["id_number"], unique=False)
    op.create_index(op.f("ix_child_file_name"), "child_file", ["name"], unique=False)
    op.create_index(op.f("ix_child_file_next_visit_due"), "child_file", ["next_visit_due"], unique=False)
    op.create_index(op.f("ix_child_file_primary_category"), "child_file", ["primary_category"], unique=False)
    op.create_index(op.f("ix_child_file_risk_level"), "child_file", ["risk_level"], unique=False)
    op.create_index(op.f("ix_child_file_state"), "child_file", ["state"], unique=False)
    op.create_index(op.f("ix_child_file_status"), "child_file", ["status"], unique=False)
    op.create_index(op.f("ix_child_file_supervisor_id"), "child_file", ["supervisor_id"], unique=False)
    op.create_index(op.f("ix_child_file_town_code"), "child_file", ["town_code"], unique=False)
    op.create_index(op.f("ix_child_file_village_id"), "child_file", ["village_id"], unique=False)
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
    op.create_index(op.f("ix_grave_case_case_no"), "grave_case", ["case_no"], unique=False)
    op.create_index(op.f("ix_grave_case_deadline"), "grave_case", ["deadline"], unique=False)
    op.create_index(op.f("ix_grave_case_found_on"), "grave_case", ["found_on"], unique=False)
    op.create_index(op.f("ix_grave_case_state"), "grave_case", ["state"], unique=False)
    op.create_index(op.f("ix_grave_case_status"), "grave_case", ["status"], unique=False)
    op.create_index(op.f("ix_grave_case_town_code"), "grave_case", ["town_code"], unique=False)
    op.create_index(op.f("ix_grave_case_village_id"), "grave_case", ["village_id"], unique=False)
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
    op.create_index(
        op.f("ix_household_assessment_applicant_id_number"),
        "household_assessment",
        ["applicant_id_number"],
        unique=False,
    )
    op.create_index(
        op.f("ix_household_assessment_applicant_name"), "household_assessment", ["applicant_name"], unique=False
    )
    op.create_index(
        op.f("ix_household_assessment_assistance_type"), "household_assessment", ["assistance_type"], unique=False
    )
    op.create_index(op.f("ix_household_assessment_state"), "household_assessment", ["state"], unique=False)
    op.create_index(op.f("ix_household_assessment_survey_at"), "household_assessment", ["survey_at"], unique=False)
    op.create_index(op.f("ix_household_assessment_survey_no"), "household_assessment", ["survey_no"], unique=False)
    op.create_index(op.f("ix_household_assessment_town_code"), "household_assessment", ["town_code"], unique=False)
    op.create_index(op.f("ix_household_assessment_village_id"), "household_assessment", ["village_id"], unique=False)
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
    op.create_index(op.f("ix_legal_basis_code"), "legal_basis", ["code"], unique=False)
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
    op.create_index(op.f("ix_parameter_effective_from"), "parameter", ["effective_from"], unique=False)
    op.create_index(op.f("ix_parameter_key"), "parameter", ["key"], unique=False)
    op.create_index(op.f("ix_parameter_locality"), "parameter", ["locality"], unique=False)
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
    op.create_index(op.f("ix_patrol_patrol_date"), "patrol", ["patrol_date"], unique=False)
    op.create_index(op.f("ix_patrol_patrol_no"), "patrol", ["patrol_no"], unique=False)
    op.create_index(op.f("ix_patrol_state"), "patrol", ["state"], unique=False)
    op.create_index(op.f("ix_patrol_town_code"), "patrol", ["town_code"], unique=False)
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
    op.create_index(op.f("ix_staff_user_username"), "staff_user", ["username"], unique=True)
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
    op.create_index(op.f("ix_asset_assessment_id"), "asset", ["assessment_id"], unique=False)
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
    op.create_index(op.f("ix_case_event_case_id"), "case_event", ["case_id"], unique=False)
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
    op.create_index(op.f("ix_child_change_child_id"), "child_change", ["child_id"], unique=False)
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
    op.create_index(op.f("ix_child_service_child_id"), "child_service", ["child_id"], unique=False)
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
    op.create_index(op.f("ix_child_visit_child_id"), "child_visit", ["child_id"], unique=False)
    op.create_index(op.f("ix_child_visit_state"), "child_visit", ["state"], unique=False)
    op.create_index(op.f("ix_child_visit_visit_at"), "child_visit", ["visit_at"], unique=False)
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
    op.create_index(op.f("ix_household_member_assessment_id"), "household_member", ["assessment_id"], unique=False)
    op.create_index(op.f("ix_household_member_id_number"), "household_member", ["id_number"], unique=False)
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
    op.create_index(op.f("ix_income_item_assessment_id"), "income_item", ["assessment_id"], unique=False)
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
    op.create_index(op.f("ix_rectification_notice_case_id"), "rectification_notice", ["case_id"], unique=False)
    op.create_index(op.f("ix_rectification_notice_notice_no"), "rectification_notice", ["notice_no"], unique=False)
    op.create_index(op.f("ix_rectification_notice_state"), "rectification_notice", ["state"], unique=False)
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
    op.create_index(op.f("ix_referral_child_id"), "referral", ["child_id"], unique=False)
    op.create_index(op.f("ix_referral_visit_id"), "referral", ["visit_id"], unique=False)
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
    op.create_index(op.f("ix_reinspection_case_id"), "reinspection", ["case_id"], unique=False)
    op.create_index(op.f("ix_reinspection_state"), "reinspection", ["state"], unique=False)
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
    op.create_index(op.f("ix_rigid_expense_assessment_id"), "rigid_expense", ["assessment_id"], unique=False)
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
    op.create_index(op.f("ix_support_obligor_assessment_id"), "support_obligor", ["assessment_id"], unique=False)
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
    op.create_index(op.f("ix_village_town_code"), "village", ["town_code"], unique=False)
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
    op.create_index(op.f("ix_service_receipt_notice_id"), "service_receipt", ["notice_id"], unique=False)
    # ### end Alembic commands ###
    log_head = sa.table("bureau_log_head", sa.column("id", sa.Integer()), sa.column("seq", sa.BigInteger()))
    op.bulk_insert(log_head, [{"id": 1, "seq": 0}])


def downgrade() -> None:
    op.drop_index(op.f("ix_service_receipt_notice_id"), table_name="service_receipt")
    op.drop_table("service_receipt")
    op.drop_index(op.f("ix_village_town_code"), table_name="village")
    op.drop_table("village")
    op.drop_index(op.f("ix_support_obligor_assessment_id"), table_name="support_obligor")
    op.drop_table("support_obligor")
    op.drop_index(op.f("ix_rigid_expense_assessment_id"), table_name="rigid_expense")
    op.drop_table("rigid_expense")
    op.drop_index(op.f("ix_reinspection_state"), table_name="reinspection")
    op.drop_index(op.f("ix_reinspection_case_id"), table_name="reinspection")
    op.drop_table("reinspection")
    op.drop_index(op.f("ix_referral_visit_id"), table_name="referral")
    op.drop_index(op.f("ix_referral_child_id"), table_name="referral")
    op.drop_table("referral")
    op.drop_index(op.f("ix_rectification_notice_state"), table_name="rectification_notice")
    op.drop_index(op.f("ix_rectification_notice_notice_no"), table_name="rectification_notice")
    op.drop_index(op.f("ix_rectification_notice_case_id"), table_name="rectification_notice")
    op.drop_table("rectification_notice")
    op.drop_index(op.f("ix_income_item_assessment_id"), table_name="income_item")
    op.drop_table("income_item")
    op.drop_index(op.f("ix_household_member_id_number"), table_name="household_member")
    op.drop_index(op.f("ix_household_member_assessment_id"), table_name="household_member")
    op.drop_table("household_member")
    op.drop_index(op.f("ix_child_visit_visit_at"), table_name="child_visit")
    op.drop_index(op.f("ix_child_visit_state"), table_name="child_visit")
    op.drop_index(op.f("ix_child_visit_child_id"), table_name="child_visit")
    op.drop_table("child_visit")
    op.drop_index(op.f("ix_child_service_child_id"), table_name="child_service")
    op.drop_table("child_service")
    op.drop_index(op.f("ix_child_change_child_id"), table_name="child_change")
    op.drop_table("child_change")
    op.drop_index(op.f("ix_case_event_case_id"), table_name="case_event")
    op.drop_table("case_event")
    op.drop_index(op.f("ix_asset_assessment_id"), table_name="asset")
    op.drop_table("asset")
    op.drop_table("town")
    op.drop_index(op.f("ix_staff_user_username"), table_name="staff_user")
    op.drop_table("staff_user")
    op.drop_index(op.f("ix_patrol_town_code"), table_name="patrol")
    op.drop_index(op.f("ix_patrol_state"), table_name="patrol")
    op.drop_index(op.f("ix_patrol_patrol_no"), table_name="patrol")
    op.drop_index(op.f("ix_patrol_patrol_date"), table_name="patrol")
    op.drop_table("patrol")
    op.drop_index(op.f("ix_parameter_locality"), table_name="parameter")
    op.drop_index(op.f("ix_parameter_key"), table_name="parameter")
    op.drop_index(op.f("ix_parameter_effective_from"), table_name="parameter")
    op.drop_table("parameter")
    op.drop_index(op.f("ix_legal_basis_code"), table_name="legal_basis")
    op.drop_table("legal_basis")
    op.drop_index(op.f("ix_household_assessment_village_id"), table_name="household_assessment")
    op.drop_index(op.f("ix_household_assessment_town_code"), table_name="household_assessment")
    op.drop_index(op.f("ix_household_assessment_survey_no"), table_name="household_assessment")
    op.drop_index(op.f("ix_household_assessment_survey_at"), table_name="household_assessment")
    op.drop_index(op.f("ix_household_assessment_state"), table_name="household_assessment")
    op.drop_index(op.f("ix_household_assessment_assistance_type"), table_name="household_assessment")
    op.drop_index(op.f("ix_household_assessment_applicant_name"), table_name="household_assessment")
    op.drop_index(op.f("ix_household_assessment_applicant_id_number"), table_name="household_assessment")
    op.drop_table("household_assessment")
    op.drop_index(op.f("ix_grave_case_village_id"), table_name="grave_case")
    op.drop_index(op.f("ix_grave_case_town_code"), table_name="grave_case")
    op.drop_index(op.f("ix_grave_case_status"), table_name="grave_case")
    op.drop_index(op.f("ix_grave_case_state"), table_name="grave_case")
    op.drop_index(op.f("ix_grave_case_found_on"), table_name="grave_case")
    op.drop_index(op.f("ix_grave_case_deadline"), table_name="grave_case")
    op.drop_index(op.f("ix_grave_case_case_no"), table_name="grave_case")
    op.drop_table("grave_case")
    op.drop_index(op.f("ix_child_file_village_id"), table_name="child_file")
    op.drop_index(op.f("ix_child_file_town_code"), table_name="child_file")
    op.drop_index(op.f("ix_child_file_supervisor_id"), table_name="child_file")
    op.drop_index(op.f("ix_child_file_status"), table_name="child_file")
    op.drop_index(op.f("ix_child_file_state"), table_name="child_file")
    op.drop_index(op.f("ix_child_file_risk_level"), table_name="child_file")
    op.drop_index(op.f("ix_child_file_primary_category"), table_name="child_file")
    op.drop_index(op.f("ix_child_file_next_visit_due"), table_name="child_file")
    op.drop_index(op.f("ix_child_file_name"), table_name="child_file")
    op.drop_index(op.f("ix_child_file_id_number"), table_name="child_file")
    op.drop_index(op.f("ix_child_file_file_no"), table_name="child_file")
    op.drop_index(op.f("ix_child_file_director_id"), table_name="child_file")
    op.drop_index(op.f("ix_child_file_birth_date"), table_name="child_file")
    op.drop_table("child_file")
    op.drop_index(op.f("ix_bureau_refresh_token_device_id"), table_name="bureau_refresh_token")
    op.drop_table("bureau_refresh_token")
    op.drop_index("ix_bureau_receipt_record", table_name="bureau_receipt")
    op.drop_index(op.f("ix_bureau_receipt_device_id"), table_name="bureau_receipt")
    op.drop_table("bureau_receipt")
    op.drop_table("bureau_log_head")
    op.drop_index(op.f("ix_bureau_device_user_id"), table_name="bureau_device")
    op.drop_table("bureau_device")
    op.drop_table("bureau_credential")
    op.drop_index("ix_bureau_change_log_root", table_name="bureau_change_log")
    op.drop_table("bureau_change_log")
    op.drop_index("ix_bureau_change_audience_seq", table_name="bureau_change_audience")
    op.drop_table("bureau_change_audience")
    op.drop_table("bureau_blob")
    op.drop_index(op.f("ix_audit_event_user_id"), table_name="audit_event")
    op.drop_index(op.f("ix_audit_event_record_id"), table_name="audit_event")
    op.drop_index(op.f("ix_audit_event_kind"), table_name="audit_event")
    op.drop_index(op.f("ix_audit_event_at"), table_name="audit_event")
    op.drop_table("audit_event")
    op.drop_index(op.f("ix_attachment_sha256"), table_name="attachment")
    op.drop_index(op.f("ix_attachment_owner_table"), table_name="attachment")
    op.drop_index(op.f("ix_attachment_owner_id"), table_name="attachment")
    op.drop_table("attachment")
    op.drop_index(op.f("ix_assignment_town_code"), table_name="assignment")
    op.drop_index(op.f("ix_assignment_status"), table_name="assignment")
    op.drop_index(op.f("ix_assignment_kind"), table_name="assignment")
    op.drop_index(op.f("ix_assignment_due_date"), table_name="assignment")
    op.drop_index(op.f("ix_assignment_assignee_id"), table_name="assignment")
    op.drop_table("assignment")
    op.drop_index(op.f("ix_amendment_original_id"), table_name="amendment")
    op.drop_index(op.f("ix_amendment_amended_id"), table_name="amendment")
    op.drop_table("amendment")
    # ### end Alembic commands ###
