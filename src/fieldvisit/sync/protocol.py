"""The sync wire format shared by client and bureau: versioned pydantic models, synced tables and the scope digest."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from fieldvisit.domain import models
from fieldvisit.domain.base import Syncable

PROTOCOL_VERSION = 1
"""The protocol this code speaks. Bump it when a model below changes incompatibly."""

MIN_PROTOCOL_VERSION = 1
"""The oldest client protocol the bureau still serves fully; older clients may only upload, then must update."""

API_PREFIX = "/api/v1"
PROTOCOL_HEADER = "X-FieldVisit-Protocol"
DEVICE_HEADER = "X-FieldVisit-Device"
MAX_PUSH_BATCH = 500
MAX_PULL_PAGE = 5000
MAX_EXCLUDED_REFS = 20_000
ATTACHMENT_CHUNK_BYTES = 4 * 1024 * 1024
MAX_ATTACHMENT_BYTES = 64 * 1024 * 1024

Uuid = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
TableName = Annotated[str, StringConstraints(min_length=1, max_length=40)]
ShortText = Annotated[str, StringConstraints(max_length=200)]
INT32_MAX = 2**31 - 1
INT64_MAX = 2**63 - 1
"""The largest values of the bureau's 32- and 64-bit integer columns: numbers a client states are kept within them."""
ProtocolNumber = Annotated[int, Field(ge=0, le=INT32_MAX)]
"""A protocol version as a client states it (the bureau keeps a device's in a 32-bit column)."""


def _synced_models() -> dict[str, type[Syncable]]:
    found: dict[str, type[Syncable]] = {}
    for module in models.TABLE_MODULES:
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, Syncable) and hasattr(value, "__table__"):
                found[str(value.__tablename__)] = value
    return dict(sorted(found.items()))


SYNCED_MODELS: dict[str, type[Syncable]] = _synced_models()
"""Every table that travels between client and bureau, by name (each row is a `Syncable`)."""

PARENT_LINKS: dict[str, tuple[str, str]] = {
    "child_visit": ("child_file", "child_id"),
    "referral": ("child_file", "child_id"),
    "child_service": ("child_file", "child_id"),
    "child_change": ("child_file", "child_id"),
    "household_member": ("household_assessment", "assessment_id"),
    "support_obligor": ("household_assessment", "assessment_id"),
    "income_item": ("household_assessment", "assessment_id"),
    "asset": ("household_assessment", "assessment_id"),
    "rigid_expense": ("household_assessment", "assessment_id"),
    "case_event": ("grave_case", "case_id"),
    "rectification_notice": ("grave_case", "case_id"),
    "reinspection": ("grave_case", "case_id"),
    "service_receipt": ("rectification_notice", "notice_id"),
}
"""A dependent table, its parent table and the column naming the parent: a dependent lives in its parent's scope."""

OWNER_LINKS: dict[str, tuple[str, str]] = {
    "attachment": ("owner_table", "owner_id"),
    "amendment": ("table_name", "original_id"),
}
"""Dependents whose parent table is named by a column of the row (table column, id column)."""

ROOT_TABLES = frozenset(SYNCED_MODELS) - frozenset(PARENT_LINKS) - frozenset(OWNER_LINKS)
"""Tables whose rows carry their own scope (a child's file, a case, an assessment, a patrol, a task, a staff user)."""

READ_ONLY_TABLES = frozenset({"staff_user"})
"""Tables devices receive but never write (accounts are managed at the bureau)."""

LOCKED_STATES = frozenset({"FINAL", "VOID"})
"""Record states after which a form record is append-only: only FINAL -> VOID may still change, by amendment."""

BOOKKEEPING_FIELDS = frozenset({"id", "version", "created_at", "created_by", "updated_at", "updated_by"})
"""Fields the bureau keeps as sent (display only) or assigns itself; never the subject of a conflict."""


def parent_of(table: str, row: dict[str, Any]) -> tuple[str, str] | None:
    """The (table, id) of the record `row` belongs to, or None for a root record."""
    if table in PARENT_LINKS:
        parent_table, column = PARENT_LINKS[table]
        return parent_table, str(row.get(column) or "")
    if table in OWNER_LINKS:
        table_column, id_column = OWNER_LINKS[table]
        return str(row.get(table_column) or ""), str(row.get(id_column) or "")
    return None


def parent_columns(table: str) -> tuple[str, ...]:
    """The columns of `table` that name its parent (they may never change once the record exists)."""
    if table in PARENT_LINKS:
        return (PARENT_LINKS[table][1],)
    if table in OWNER_LINKS:
        return OWNER_LINKS[table]
    return ()


def scope_digest(entries: Iterable[tuple[str, str, int]]) -> tuple[str, int]:
    """An order-independent digest of (table, record id, version) triples, and their count.

    Client and bureau compute it over what each believes the device holds; a mismatch triggers a re-sync
    of the scope. The sum of 64-bit hashes needs no sorting, so either side may read rows in any order.
    """
    total = 0
    count = 0
    for table, record_id, version in entries:
        token = f"{table}\x1f{record_id}\x1f{version}".encode()
        total += int.from_bytes(hashlib.blake2b(token, digest_size=8).digest(), "big")
        count += 1
    return f"{total & ((1 << 64) - 1):016x}", count


class Request(BaseModel):
    """Base of what clients send: unknown fields are refused, so a typo is an error rather than a silent no-op."""

    model_config = ConfigDict(extra="forbid")


class Reply(BaseModel):
    """Base of what the bureau answers: unknown fields are ignored, so a newer bureau can add some."""

    model_config = ConfigDict(extra="ignore")


class DeviceState(StrEnum):
    """What the bureau wants a device to do: work on, upload then wipe (retire), wipe at once (stolen)."""

    ACTIVE = "ACTIVE"
    RETIRE = "RETIRE"
    STOLEN = "STOLEN"
    WIPED = "WIPED"


class ErrorCode(StrEnum):
    """Machine-readable reasons in error bodies, so clients tell permanent refusals from transient trouble."""

    BAD_CREDENTIALS = "bad_credentials"
    TOKEN_EXPIRED = "token_expired"
    TOKEN_INVALID = "token_invalid"
    DEVICE_REVOKED = "device_revoked"
    DEVICE_RETIRING = "device_retiring"
    UPDATE_REQUIRED = "update_required"
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not_found"
    INVALID_REQUEST = "invalid_request"
    UNAVAILABLE = "unavailable"
    UPLOAD_OFFSET = "upload_offset"
    UPLOAD_HASH = "upload_hash"


class ErrorBody(Reply):
    """The body of every error answer. `action` tells a revoked device what to do ("wipe", "upload_then_wipe")."""

    code: str
    message: str = ""
    action: str = ""


class UserInfo(Reply):
    """The signed-in staff user as the device needs it: who, which role, which jurisdiction."""

    id: str
    username: str
    display_name: str
    role: str
    town_codes: list[str] = Field(default_factory=list)
    village_ids: list[str] = Field(default_factory=list)


class LoginRequest(Request):
    """First online sign-in of a device (enrolls it) or a later one (same device id)."""

    username: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    password: Annotated[str, StringConstraints(min_length=1, max_length=256)]
    device_id: Uuid
    device_name: ShortText = ""
    client_version: ShortText = ""
    protocol: ProtocolNumber = PROTOCOL_VERSION


class RefreshRequest(Request):
    """Trade a refresh token for a new short-lived access token."""

    refresh_token: Annotated[str, StringConstraints(min_length=16, max_length=200)]
    device_id: Uuid


class TokenGrant(Reply):
    """Short-lived access token and longer refresh token, both bound to one device."""

    access_token: str
    refresh_token: str
    token_type: str = "bearer"
    expires_in: int
    refresh_expires_in: int
    device_id: str
    user: UserInfo


class HelloRequest(Request):
    """The first call of every sync: protocol check, device state, and what the device still has to send."""

    protocol: ProtocolNumber = PROTOCOL_VERSION
    client_version: ShortText = ""
    pending_count: int = Field(default=0, ge=0, le=INT32_MAX)


class HelloReply(Reply):
    """The bureau's protocol range, the device's state and the user, at the bureau's clock."""

    protocol: int
    min_protocol: int
    update_required: bool
    device_state: DeviceState
    server_time: datetime
    user: UserInfo


class VersionInfo(Reply):
    """Unauthenticated version check."""

    protocol: int
    min_protocol: int
    server_version: str


class MutationOp(StrEnum):
    UPSERT = "UPSERT"
    DELETE = "DELETE"


class Mutation(Request):
    """One change of one record, minted by the client with its own UUIDv7 `mutation_id`.

    `base_version` is the bureau version the device last saw of the record (0 for a new one); `changed`
    names the fields the device changed since; `payload` is the whole record as the device has it.
    """

    mutation_id: Uuid
    table: TableName
    record_id: Uuid
    op: MutationOp
    base_version: int = Field(ge=0, le=INT64_MAX)
    changed: list[Annotated[str, StringConstraints(max_length=64)]] = Field(default_factory=list, max_length=200)
    payload: dict[str, Any]


class PushRequest(Request):
    """A batch of mutations, applied in order; each gets its own receipt."""

    protocol: ProtocolNumber = PROTOCOL_VERSION
    mutations: list[Mutation] = Field(min_length=1, max_length=MAX_PUSH_BATCH)


class ReceiptStatus(StrEnum):
    """APPLIED: durably committed. DUPLICATE: seen before (see `original_status`). CONFLICT: nothing applied,
    a person must choose. REJECTED: permanently invalid or not allowed. DEFERRED: a record it depends on is
    not at the bureau yet; nothing is stored, send it again later."""

    APPLIED = "APPLIED"
    DUPLICATE = "DUPLICATE"
    CONFLICT = "CONFLICT"
    REJECTED = "REJECTED"
    DEFERRED = "DEFERRED"


class ConflictCode(StrEnum):
    """Why a mutation conflicts."""

    FIELDS = "fields"
    OUT_OF_SCOPE = "out_of_scope"
    MUTATION_ID_REUSED = "mutation_id_reused"


class RecordRef(Request):
    """A record by table and id."""

    table: TableName
    record_id: Annotated[str, StringConstraints(min_length=1, max_length=36)]


class Receipt(Reply):
    """The bureau's answer for one mutation; `record` is the bureau's row when it differs from what was sent."""

    mutation_id: str
    status: ReceiptStatus
    original_status: ReceiptStatus | None = None
    version: int = 0
    code: str = ""
    reason: str = ""
    conflict_fields: list[str] = Field(default_factory=list)
    record: dict[str, Any] | None = None
    depends_on: RecordRef | None = None

    @property
    def outcome(self) -> ReceiptStatus:
        """The status that counts: a duplicate's original status, else the status itself."""
        if self.status == ReceiptStatus.DUPLICATE and self.original_status is not None:
            return self.original_status
        return self.status


class PushReply(Reply):
    """Receipts in the order of the mutations sent."""

    protocol: int
    receipts: list[Receipt]


class PullRequest(Request):
    """The next page after `cursor`. `exclude` lists records the device holds unsynced edits of (left out of
    the digest on both sides)."""

    protocol: ProtocolNumber = PROTOCOL_VERSION
    cursor: int = Field(default=0, ge=0, le=INT64_MAX)
    limit: int = Field(default=1000, ge=1, le=MAX_PULL_PAGE)
    exclude: list[RecordRef] = Field(default_factory=list, max_length=MAX_EXCLUDED_REFS)


class Change(Reply):
    """A record in the device's scope at the bureau's version."""

    table: str
    record_id: str
    version: int
    data: dict[str, Any]


class PullPage(Reply):
    """Changes and removals after the cursor. On the last page (`has_more` false) the scope digest is given."""

    protocol: int
    cursor: int
    has_more: bool
    changes: list[Change] = Field(default_factory=list)
    removals: list[RecordRef] = Field(default_factory=list)
    scope_digest: str | None = None
    scope_count: int | None = None


class ManifestRequest(Request):
    """Ask for the whole scope as (table, id, version), to re-sync after a digest mismatch."""

    protocol: ProtocolNumber = PROTOCOL_VERSION
    exclude: list[RecordRef] = Field(default_factory=list, max_length=MAX_EXCLUDED_REFS)


class ManifestEntry(Reply):
    table: str
    record_id: str
    version: int


class Manifest(Reply):
    """Every record in the device's scope, and the cursor it is valid at."""

    protocol: int
    cursor: int
    entries: list[ManifestEntry]
    scope_digest: str
    scope_count: int


class FetchRequest(Request):
    """Fetch specific records of the scope (those a re-sync found missing or stale)."""

    protocol: ProtocolNumber = PROTOCOL_VERSION
    refs: list[RecordRef] = Field(min_length=1, max_length=MAX_PULL_PAGE)


class FetchReply(Reply):
    """The records asked for that are in scope; the others are left out."""

    protocol: int
    changes: list[Change]


class AuditUpload(Request):
    """Audit events recorded on the device (opens, prints, exports …), each with its own id."""

    protocol: ProtocolNumber = PROTOCOL_VERSION
    events: list[dict[str, Any]] = Field(min_length=1, max_length=MAX_PUSH_BATCH)


class AuditReply(Reply):
    """How many events the bureau now holds of those sent (re-sent ones count once)."""

    accepted: int


class UploadStatus(Reply):
    """How much of an attachment the bureau has: resume from `received`; `complete` once verified."""

    sha256: str
    size: int
    received: int
    complete: bool


class WipedNotice(Request):
    """A revoked device's last word: it has wiped its store."""

    protocol: ProtocolNumber = PROTOCOL_VERSION
