"""The client sync engine (no Qt): hello, attachments, push, audit, pull, scope check, downloads, revocation.

The UI runs `SyncEngine.sync(progress=...)` on a worker thread and listens to the progress callback. Every
step commits locally before the next request, so closing the lid at any moment loses nothing: the outbox
is replayed (the bureau answers duplicates with their original receipts) and pulls resume at the cursor.
"""

from __future__ import annotations

import hashlib
import logging
import random
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum

import httpx
import orjson

from fieldvisit import __version__
from fieldvisit.domain.types import Clock, utc_now
from fieldvisit.security.secret_store import SecretStore
from fieldvisit.store import sync_apply, sync_local
from fieldvisit.store.sync_apply import IncomingRecord, RecordLinks
from fieldvisit.store.sync_local import OutboxItem, ReceiptView
from fieldvisit.store.sync_state import Key, get_setting, put_setting
from fieldvisit.store.workspace import Workspace
from fieldvisit.sync import protocol as p
from fieldvisit.sync.session import BureauSession, Credentials, load_session, refresh_tokens, save_session
from fieldvisit.sync.transport import (
    BureauFaultError,
    DeviceRevokedError,
    PermanentError,
    RetryPolicy,
    SignInRequiredError,
    SyncError,
    TransientError,
    Transport,
    UpdateRequiredError,
)

log = logging.getLogger(__name__)

LINKS = RecordLinks(parents=p.PARENT_LINKS, owners=p.OWNER_LINKS)
UPLOAD_STREAMS = 2


class SyncStatus(StrEnum):
    """How a sync ended, for the sync panel."""

    OK = "OK"
    OFFLINE = "OFFLINE"
    SIGN_IN_REQUIRED = "SIGN_IN_REQUIRED"
    UPDATE_REQUIRED = "UPDATE_REQUIRED"
    WIPED = "WIPED"
    FAILED = "FAILED"


@dataclass(frozen=True)
class SyncProgress:
    """One progress event: the phase, how far it got, and the total when known."""

    phase: str
    done: int = 0
    total: int | None = None


ProgressCallback = Callable[[SyncProgress], None]


@dataclass
class SyncReport:
    """What a sync did, and how it ended (`message_zh` explains a failure to the user)."""

    status: SyncStatus = SyncStatus.OK
    pushed: int = 0
    conflicts: int = 0
    quarantined: int = 0
    deferred: int = 0
    pulled: int = 0
    removed: int = 0
    uploaded: int = 0
    downloaded: int = 0
    audit_events: int = 0
    rescoped: bool = False
    message_zh: str = ""
    errors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SyncOptions:
    """Tunables: batch and page sizes, HTTP timeouts, and the retry policy."""

    push_batch: int = 500
    pull_page: int = 2000
    timeout: httpx.Timeout = field(default_factory=lambda: httpx.Timeout(30.0, connect=10.0))
    deadline_seconds: float = 300.0
    retry: RetryPolicy = field(default_factory=RetryPolicy)


class _Wiped(Exception):
    pass


class _HeldBackError(Exception):
    """A queued push batch not sent because the one before it was not answered."""


def _depth(table: str) -> int:
    if table in p.OWNER_LINKS:
        return 9
    depth = 0
    while table in p.PARENT_LINKS:
        table = p.PARENT_LINKS[table][0]
        depth += 1
    return depth


class SyncEngine:
    """Syncs one signed-in workspace with its bureau. Not thread-safe: run one sync at a time."""

    def __init__(
        self,
        workspace: Workspace,
        *,
        secret_store: SecretStore,
        options: SyncOptions | None = None,
        clock: Clock = utc_now,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
        http_transport: httpx.BaseTransport | None = None,
        url_override: str | None = None,
    ) -> None:
        self.workspace = workspace
        self.secret_store = secret_store
        self.options = options or SyncOptions()
        self.clock = clock
        self._sleep = sleep
        self._rng = rng
        self._http_transport = http_transport
        self._url_override = url_override
        self.credentials = Credentials(secret_store, workspace.info.workspace_id)
        self._transport: Transport | None = None
        self._digest_cache: tuple[tuple[int, int], tuple[str, int]] | None = None

    @property
    def engine(self):  # type: ignore[no-untyped-def]
        """The workspace's database engine."""
        return self.workspace.engine

    def _open(self, session: BureauSession) -> Transport:
        if self._transport is None:
            transport = Transport(
                self._url_override or session.bureau_url,
                timeout=self.options.timeout,
                deadline_seconds=self.options.deadline_seconds,
                retry=self.options.retry,
                sleep=self._sleep,
                rng=self._rng,
                transport=self._http_transport,
            )
            transport.access_token = self.credentials.access_token
            transport.refresh = lambda: refresh_tokens(transport, self.credentials, session.device_id)
            self._transport = transport
        return self._transport

    def close(self) -> None:
        """Release network connections."""
        if self._transport is not None:
            self._transport.close()
            self._transport = None

    def sync(self, progress: ProgressCallback | None = None) -> SyncReport:
        """Run one sync; never raises for network trouble (see the report's status)."""
        report = SyncReport()
        notify = progress or (lambda _event: None)
        session = load_session(self.workspace)
        if session is None:
            report.status, report.message_zh = SyncStatus.SIGN_IN_REQUIRED, "请先登录民政局服务器"
            return report
        transport = self._open(session)
        try:
            self._run(session, transport, report, notify)
        except _Wiped:
            report.status, report.message_zh = SyncStatus.WIPED, "此设备已被民政局停用，本机数据已清除"
        except TransientError as exc:
            report.status, report.message_zh = SyncStatus.OFFLINE, exc.message_zh
            report.errors.append(str(exc))
        except SignInRequiredError as exc:
            report.status, report.message_zh = SyncStatus.SIGN_IN_REQUIRED, exc.message_zh
        except UpdateRequiredError as exc:
            report.status, report.message_zh = SyncStatus.UPDATE_REQUIRED, exc.message_zh
        except SyncError as exc:
            report.status, report.message_zh = SyncStatus.FAILED, exc.message_zh
            report.errors.append(str(exc))
        notify(SyncProgress("done"))
        return report

    def _run(self, session: BureauSession, transport: Transport, report: SyncReport, notify: ProgressCallback) -> None:
        try:
            self._steps(session, transport, report, notify)
        except DeviceRevokedError as exc:
            self._revoked(transport, exc.action, report, notify)

    def _steps(
        self, session: BureauSession, transport: Transport, report: SyncReport, notify: ProgressCallback
    ) -> None:
        if self.credentials.expiring() and not transport.refresh():
            raise SignInRequiredError("refresh failed")
        notify(SyncProgress("hello"))
        hello = transport.call(
            "POST",
            "/sync/hello",
            p.HelloReply,
            json=p.HelloRequest(
                client_version=__version__, pending_count=sync_local.outbox_count(self.engine, state=None)
            ).model_dump(),
        )
        if hello.user != session.user:
            save_session(self.workspace, BureauSession(session.bureau_url, session.device_id, hello.user))
        if hello.device_state != p.DeviceState.ACTIVE:
            raise DeviceRevokedError("upload_then_wipe" if hello.device_state == p.DeviceState.RETIRE else "wipe")
        self._upload_everything(transport, report, notify)
        if hello.update_required:
            raise UpdateRequiredError("protocol too old")
        self._pull(transport, report, notify)
        self._download(transport, report, notify)
        with self.engine.begin() as connection:
            put_setting(connection, Key.LAST_SUCCESS, self.clock().isoformat())

    def _upload_everything(self, transport: Transport, report: SyncReport, notify: ProgressCallback) -> None:
        # The user's work first: on a link that drops, the records matter more than the audit trail of them.
        self._push(transport, report, notify)
        self._push_audit(transport, report)

    def _revoked(self, transport: Transport, action: str, report: SyncReport, notify: ProgressCallback) -> None:
        """Stolen: wipe at once. Retired: upload what may still be uploaded, tell the bureau, then wipe."""
        if action == "upload_then_wipe":
            try:
                self._upload_everything(transport, report, notify)
            except DeviceRevokedError:
                log.warning("device was revoked as stolen while uploading; wiping")
            else:
                if sync_local.outbox_count(self.engine) > 0:
                    raise TransientError("retiring device still has mutations to upload")
                try:
                    transport.send("POST", "/sync/wiped", json=p.WipedNotice().model_dump())
                except (DeviceRevokedError, PermanentError):
                    log.info("the bureau no longer takes the wipe notice")
        self.close()
        self.credentials.forget()
        sync_local.wipe_workspace(self.workspace, self.secret_store, [self.credentials.name])
        raise _Wiped

    def _push_audit(self, transport: Transport, report: SyncReport) -> None:
        while True:
            position, events = sync_local.unsent_audit(self.engine, limit=p.MAX_PUSH_BATCH)
            if not events:
                return
            transport.call("POST", "/sync/audit", p.AuditReply, json=p.AuditUpload(events=events).model_dump())
            sync_local.mark_audit_sent(self.engine, position)
            report.audit_events += len(events)

    def _push(self, transport: Transport, report: SyncReport, notify: ProgressCallback) -> None:
        """Send the outbox in order, in batches. While one batch is with the bureau, the next is read, marked
        sent and queued on the link behind it, and the receipts of the last one are applied: the bureau and
        the local disk work side by side, and the link sends the next batch the moment an answer is in. Only
        one batch is ever in flight, and none holds a record that another one still holds."""
        total = sync_local.outbox_count(self.engine)
        skip: set[tuple[str, str]] = set()
        applied_since_deferral = False
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-push") as link:
            in_flight: tuple[list[OutboxItem], Future[p.PushReply]] | None = None
            while True:
                busy = {item.ref for item in in_flight[0]} if in_flight else set()
                # The first batch is small, so that the bureau starts on it while the next, full one is read.
                limit = self.options.push_batch if in_flight else max(1, self.options.push_batch // 5)
                items = sync_local.take_batch(self.engine, limit=limit, skip=skip | busy)
                self._upload_attachments(transport, items, report)
                # Made now, before the reply comes, so that the batch leaves the moment the link is free.
                body = _push_body(items) if items else b""
                if in_flight is None:
                    if items:
                        in_flight = (items, link.submit(self._post_batch, transport, items, body))
                        continue
                    if not (skip and applied_since_deferral):
                        return
                    # What was deferred for a missing parent may go through now that the parent arrived.
                    skip, applied_since_deferral = set(), False
                    continue
                sent, reply = in_flight
                queued = link.submit(self._post_after, transport, reply, items, body) if items else None
                results = self._receipts(transport, sent, reply)
                if queued is not None and reply.exception() is not None:
                    # Held back behind a batch that was not answered (and sent again in parts since): send now.
                    queued = link.submit(self._post_batch, transport, items, body)
                in_flight = (items, queued) if queued is not None else None
                for batch in results:
                    outcome = sync_local.apply_receipts(self.engine, batch[0], batch[1], clock=self.clock)
                    report.pushed += outcome.applied
                    report.conflicts += outcome.conflicts
                    report.quarantined += outcome.quarantined
                    report.deferred += len(outcome.deferred)
                    skip.update(outcome.deferred)
                    applied_since_deferral = bool(skip) and (applied_since_deferral or outcome.applied > 0)
                notify(SyncProgress("push", report.pushed + report.conflicts + report.quarantined, total))

    def _post_batch(self, transport: Transport, items: list[OutboxItem], body: bytes) -> p.PushReply:
        """One push request (`body`, see `_push_body`) for items taken (marked sent) from the outbox."""
        reply = transport.call("POST", "/sync/push", p.PushReply, content=body, headers=_JSON)
        if [r.mutation_id for r in reply.receipts] != [i.mutation_id for i in items]:
            raise TransientError("the receipts do not match the mutations sent")
        return reply

    def _post_after(
        self, transport: Transport, before: Future[p.PushReply], items: list[OutboxItem], body: bytes
    ) -> p.PushReply:
        """`_post_batch`, queued behind the batch in flight (`before`, done by the time this runs on the link):
        sent only if that one was answered, so that no two batches are ever in flight."""
        if before.exception() is not None:
            raise _HeldBackError
        return self._post_batch(transport, items, body)

    def _receipts(
        self, transport: Transport, items: list[OutboxItem], reply: Future[p.PushReply]
    ) -> list[tuple[list[OutboxItem], list[ReceiptView]]]:
        """The items of a batch in flight with their receipts, once it is answered (see `_send_batch`)."""
        try:
            answer = reply.result()
        except PermanentError as exc:
            if exc.status in (401, 403):
                raise
            return self._split(transport, items, exc)
        except BureauFaultError as exc:
            return self._isolate(transport, items, exc, bureau_works=False)
        return [(items, [_receipt_view(receipt) for receipt in answer.receipts])]

    def _send_batch(
        self, transport: Transport, items: list[OutboxItem]
    ) -> list[tuple[list[OutboxItem], list[ReceiptView]]]:
        """Send items and return them with their receipts. A batch the bureau refuses as a whole is split, so
        that one malformed mutation is quarantined alone while the rest go through."""
        sync_local.mark_sent(self.engine, [item.seq for item in items])  # one more attempt of frozen entries
        try:
            reply = self._post_batch(transport, items, _push_body(items))
        except PermanentError as exc:
            if exc.status in (401, 403):
                raise
            return self._split(transport, items, exc)
        return [(items, [_receipt_view(receipt) for receipt in reply.receipts])]

    def _split(
        self, transport: Transport, items: list[OutboxItem], exc: PermanentError
    ) -> list[tuple[list[OutboxItem], list[ReceiptView]]]:
        if len(items) == 1:
            refusal = ReceiptView(items[0].mutation_id, "REJECTED", reason=f"局端拒收：{exc.message_zh}")
            return [(items, [refusal])]
        middle = len(items) // 2
        return self._send_batch(transport, items[:middle]) + self._send_batch(transport, items[middle:])

    def _isolate(
        self, transport: Transport, items: list[OutboxItem], fault: BureauFaultError, *, bureau_works: bool
    ) -> list[tuple[list[OutboxItem], list[ReceiptView]]]:
        """A batch the bureau fails on with an internal error, attempt after attempt: its halves are sent apart,
        so that the rest goes through and the record that sets the fault off is found and quarantined (the user
        can send it again from the list). Only once part of the batch went through: a bureau that fails on
        everything is waited for, not taken for a bad record."""
        if len(items) == 1:
            if not bureau_works:
                raise fault
            reason = "局端处理该记录时出错（HTTP 500），已暂停发送；可稍后在此重新发送，或联系民政局"
            return [(items, [ReceiptView(items[0].mutation_id, "REJECTED", reason=reason)])]
        middle = len(items) // 2
        answered: list[list[tuple[list[OutboxItem], list[ReceiptView]]]] = []
        failed: list[tuple[int, list[OutboxItem], BureauFaultError]] = []
        for half in (items[:middle], items[middle:]):
            try:
                answered.append(self._send_batch(transport, half))
            except BureauFaultError as exc:
                answered.append([])
                failed.append((len(answered) - 1, half, exc))
        if len(failed) == 2 and not bureau_works:
            raise fault
        for position, half, exc in failed:
            answered[position] = self._isolate(transport, half, exc, bureau_works=True)
        return [batch for part in answered for batch in part]

    def _upload_attachments(self, transport: Transport, items: list[OutboxItem], report: SyncReport) -> None:
        """Upload the content of the batch's attachments, two at a time: while the bureau verifies and stores
        one, the link carries the other."""
        photos = [item for item in items if item.table_name == "attachment" and not item.payload.get("deleted")]
        if not photos:
            return
        with ThreadPoolExecutor(max_workers=UPLOAD_STREAMS, thread_name_prefix="sync-upload") as pool:
            for done in [pool.submit(self._upload_attachment, transport, item) for item in photos]:
                report.uploaded += done.result()

    def _upload_attachment(self, transport: Transport, item: OutboxItem) -> int:
        """Upload an attachment's content before its record (resuming where the bureau stopped); the bureau
        defers an attachment record whose content it does not hold. Returns 1 once the bureau has it."""
        sha256 = str(item.payload.get("sha256", ""))
        vault = self.workspace.vault
        if not vault.has(sha256):
            log.warning("attachment content %s… is not in the vault; sending the record without it", sha256[:8])
            return 0
        data = vault.get_bytes(sha256)
        status = transport.call("GET", f"/attachments/{sha256}/status", p.UploadStatus, params={"size": len(data)})
        rounds = 0
        while not status.complete:
            rounds += 1
            if rounds > 2 * (len(data) // p.ATTACHMENT_CHUNK_BYTES + 2):
                raise TransientError("attachment upload does not progress")
            offset = status.received
            chunk = data[offset : offset + p.ATTACHMENT_CHUNK_BYTES]
            try:
                status = transport.call(
                    "PUT",
                    f"/attachments/{sha256}",
                    p.UploadStatus,
                    params={"size": len(data)},
                    headers={"Upload-Offset": str(offset), "Content-Type": "application/octet-stream"},
                    content=chunk,
                )
            except PermanentError as exc:
                if exc.code not in (p.ErrorCode.UPLOAD_OFFSET, p.ErrorCode.UPLOAD_HASH):
                    raise
                status = transport.call(
                    "GET", f"/attachments/{sha256}/status", p.UploadStatus, params={"size": len(data)}
                )
        return 1

    def _pull(self, transport: Transport, report: SyncReport, notify: ProgressCallback) -> None:
        with self.engine.connect() as connection:
            cursor = int(get_setting(connection, Key.CURSOR, 0))
        exclude = [p.RecordRef(table=t, record_id=r) for t, r in sync_apply.held_refs(self.engine)]

        def fetch(after: int) -> p.PullPage:
            request = p.PullRequest(cursor=after, limit=self.options.pull_page, exclude=exclude)
            return transport.call("POST", "/sync/pull", p.PullPage, content=request.model_dump_json(), headers=_JSON)

        # The next page is fetched while this one is written: the bureau and the local disk work side by side.
        # One request is in flight at a time, and pages are still applied strictly in cursor order.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-pull") as ahead:
            coming = ahead.submit(fetch, cursor)
            sync_apply.prepare()
            while True:
                page = coming.result()
                if page.has_more:
                    coming = ahead.submit(fetch, page.cursor)
                outcome = sync_apply.apply_records(
                    self.engine,
                    [IncomingRecord(c.table, c.record_id, c.version, c.data) for c in page.changes],
                    [(r.table, r.record_id) for r in page.removals],
                    LINKS,
                    cursor=page.cursor,
                    clock=self.clock,
                )
                self._note_downloads(outcome.attachments)
                report.pulled += outcome.applied
                report.removed += outcome.removed
                cursor = page.cursor
                notify(SyncProgress("pull", report.pulled))
                if not page.has_more:
                    break
        local = self._local_digest()
        if local != (page.scope_digest, page.scope_count):
            log.info(
                "scope digest differs (%s here, %s at the bureau); re-syncing the scope", local[1], page.scope_count
            )
            self._rescope(transport, report, notify, cursor, exclude)
        sync_apply.sweep_vault(self.engine, self.workspace.vault)

    def _local_digest(self) -> tuple[str, int]:
        """The digest of the synced records here, recomputed only when they may have changed."""
        fingerprint = sync_apply.digest_fingerprint(self.engine)
        if self._digest_cache is None or self._digest_cache[0] != fingerprint:
            local = sync_apply.synced_versions(self.engine)
            digest = p.scope_digest((t, r, v) for (t, r), v in local.items() if v > 0)
            self._digest_cache = (fingerprint, digest)
        return self._digest_cache[1]

    def _rescope(
        self,
        transport: Transport,
        report: SyncReport,
        notify: ProgressCallback,
        cursor: int,
        exclude: list[p.RecordRef],
    ) -> None:
        """Re-sync the whole scope after a digest mismatch: fetch what is missing or stale, remove what is not in
        the scope any more; records with unsynced local changes are left alone."""
        report.rescoped = True
        notify(SyncProgress("rescope"))
        request = p.ManifestRequest(exclude=exclude)
        manifest = transport.call(
            "POST", "/sync/manifest", p.Manifest, content=request.model_dump_json(), headers=_JSON
        )
        wanted = {(e.table, e.record_id): e.version for e in manifest.entries}
        held = {(ref.table, ref.record_id) for ref in exclude}
        local = sync_apply.synced_versions(self.engine)
        stale = sorted(
            (ref for ref, v in wanted.items() if local.get(ref) != v and ref not in held), key=lambda r: _depth(r[0])
        )
        for start in range(0, len(stale), self.options.pull_page):
            refs = [p.RecordRef(table=t, record_id=r) for t, r in stale[start : start + self.options.pull_page]]
            fetched = transport.call(
                "POST", "/sync/fetch", p.FetchReply, content=p.FetchRequest(refs=refs).model_dump_json(), headers=_JSON
            )
            outcome = sync_apply.apply_records(
                self.engine,
                [IncomingRecord(c.table, c.record_id, c.version, c.data) for c in fetched.changes],
                [],
                LINKS,
                cursor=None,
                clock=self.clock,
            )
            self._note_downloads(outcome.attachments)
            report.pulled += outcome.applied
        gone = [ref for ref in local if ref not in wanted and ref not in held]
        outcome = sync_apply.apply_records(self.engine, [], gone, LINKS, cursor=max(cursor, manifest.cursor))
        report.removed += outcome.removed

    def _note_downloads(self, shas: list[str]) -> None:
        if shas and any(not self.workspace.vault.has(sha) for sha in shas):
            with self.engine.begin() as connection:
                put_setting(connection, Key.DOWNLOADS_PENDING, True)

    def _download(self, transport: Transport, report: SyncReport, notify: ProgressCallback) -> None:
        """Fetch the content of attachments whose records arrived; a crash part-way is caught by the flag."""
        with self.engine.connect() as connection:
            if not get_setting(connection, Key.DOWNLOADS_PENDING, False):
                return
        missing = sync_apply.attachments_missing(self.engine, self.workspace.vault)
        complete = True
        for index, (sha256, _size) in enumerate(missing):
            try:
                data = transport.download(f"/attachments/{sha256}")
            except PermanentError as exc:
                log.warning("attachment %s… cannot be downloaded: %s", sha256[:8], exc.code)
                complete = False
                continue
            if hashlib.sha256(data).hexdigest() != sha256:
                log.warning("attachment %s… arrived damaged; will retry", sha256[:8])
                complete = False
                continue
            self.workspace.vault.put_bytes(data)
            report.downloaded += 1
            notify(SyncProgress("download", index + 1, len(missing)))
        if complete:
            with self.engine.begin() as connection:
                put_setting(connection, Key.DOWNLOADS_PENDING, False)


_JSON = {"Content-Type": "application/json"}


def _push_body(items: list[OutboxItem]) -> bytes:
    """A `p.PushRequest` as JSON, each record's payload and changed fields as the outbox stores them (not parsed
    and made again)."""
    return orjson.dumps(
        {
            "protocol": p.PROTOCOL_VERSION,
            "mutations": [
                {
                    "mutation_id": item.mutation_id,
                    "table": item.table_name,
                    "record_id": item.record_id,
                    "op": item.op,
                    "base_version": item.base_version,
                    "changed": orjson.Fragment(item.changed_json),
                    "payload": orjson.Fragment(item.payload_json),
                }
                for item in items
            ],
        }
    )


def _receipt_view(receipt: p.Receipt) -> ReceiptView:
    depends = (receipt.depends_on.table, receipt.depends_on.record_id) if receipt.depends_on else None
    return ReceiptView(
        mutation_id=receipt.mutation_id,
        outcome=receipt.outcome.value,
        version=receipt.version,
        code=receipt.code,
        reason=receipt.reason,
        conflict_fields=receipt.conflict_fields,
        record=receipt.record,
        depends_on=depends,
    )
