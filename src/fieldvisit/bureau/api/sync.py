"""The sync endpoints: hello (version and device state), push, pull, manifest, fetch, audit, wiped."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from fieldvisit.bureau import audit, devices, pull
from fieldvisit.bureau.api.deps import (
    BureauState,
    DeviceDep,
    ReaderDep,
    StateDep,
    current_device,
    model_reference,
    parse_body,
    require_current_protocol,
)
from fieldvisit.bureau.mutations import apply_batch
from fieldvisit.sync.protocol import (
    MIN_PROTOCOL_VERSION,
    PROTOCOL_VERSION,
    AuditReply,
    AuditUpload,
    FetchReply,
    FetchRequest,
    HelloReply,
    HelloRequest,
    Manifest,
    ManifestRequest,
    PullPage,
    PullRequest,
    PushReply,
    PushRequest,
    RecordRef,
    WipedNotice,
)

router = APIRouter(prefix="/sync", tags=["sync"])
_JSON = "application/json"


def _refs(refs: list[RecordRef]) -> set[tuple[str, str]]:
    return {(ref.table, ref.record_id) for ref in refs}


@router.post("/hello", response_model=HelloReply)
def hello(body: HelloRequest, session: DeviceDep, state: StateDep) -> HelloReply:
    """Start of a sync: the protocol range, the device's state (revoked?) and the user's current jurisdiction."""
    now = state.clock()
    devices.record_hello(
        state.engine,
        session.device["id"],
        pending=body.pending_count,
        client_version=body.client_version,
        protocol=body.protocol,
        now=now,
    )
    return HelloReply(
        protocol=PROTOCOL_VERSION,
        min_protocol=MIN_PROTOCOL_VERSION,
        update_required=body.protocol < MIN_PROTOCOL_VERSION,
        device_state=session.state,
        server_time=now,
        user=devices.user_info(session.user),
    )


@router.post(
    "/push",
    response_model=PushReply,
    openapi_extra={"requestBody": {"required": True, "content": {_JSON: {"schema": model_reference(PushRequest)}}}},
)
async def push(request: Request, state: StateDep) -> Response:
    """Apply a batch in order; answer one receipt per mutation, after the batch is durably committed.

    Read here and handled in one worker-thread call (authentication, parsing, applying) rather than through a
    dependency and a declared body, which cost two more trips between the event loop and the worker threads:
    on a busy server those trips were a sixth of a batch's time."""
    content = await request.body()
    return await run_in_threadpool(_push, request, state, content)


def _push(request: Request, state: BureauState, content: bytes) -> Response:
    session = current_device(request, state)
    body = parse_body(PushRequest, content)
    receipts = apply_batch(state.engine, session.caller, body.mutations, clock=state.clock)
    return Response(PushReply(protocol=PROTOCOL_VERSION, receipts=receipts).model_dump_json(), media_type=_JSON)


@router.post("/pull", response_model=PullPage)
def pull_page(body: PullRequest, session: ReaderDep, state: StateDep) -> Response:
    """The next page of the device's scope after its cursor."""
    require_current_protocol(body.protocol)
    page = pull.pull_page(
        state.engine,
        session.keys,
        cursor=body.cursor,
        limit=body.limit,
        exclude=_refs(body.exclude),
        digests=state.digests,
    )
    return Response(pull.wire_json(page), media_type=_JSON)


@router.post("/manifest", response_model=Manifest)
def manifest(body: ManifestRequest, session: ReaderDep, state: StateDep) -> Response:
    """Every record of the device's scope, to re-sync after a digest mismatch."""
    require_current_protocol(body.protocol)
    return Response(
        pull.wire_json(pull.manifest(state.engine, session.keys, exclude=_refs(body.exclude))), media_type=_JSON
    )


@router.post("/fetch", response_model=FetchReply)
def fetch(body: FetchRequest, session: ReaderDep, state: StateDep) -> Response:
    """Specific records of the device's scope."""
    require_current_protocol(body.protocol)
    refs = [(ref.table, ref.record_id) for ref in body.refs]
    return Response(pull.wire_json(pull.fetch(state.engine, session.keys, refs)), media_type=_JSON)


@router.post("/audit", response_model=AuditReply)
def upload_audit(body: AuditUpload, session: DeviceDep, state: StateDep) -> AuditReply:
    """Keep the device's audit events (opens, prints, exports …)."""
    return AuditReply(accepted=audit.store_events(state.engine, session.caller, body.events))


@router.post("/wiped", status_code=204)
def wiped(body: WipedNotice, session: DeviceDep, state: StateDep) -> Response:
    """A revoked device reports that it has wiped its data."""
    del body
    devices.mark_wiped(state.engine, session.device["id"], now=state.clock())
    return Response(status_code=204)
