"""Attachment content: upload status, resumable chunked upload, and download (with ranges) within scope."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Path, Query, Request
from fastapi.responses import FileResponse
from starlette.concurrency import run_in_threadpool

from fieldvisit.bureau import blobs
from fieldvisit.bureau.api.deps import DeviceDep, ReaderDep, StateDep
from fieldvisit.bureau.errors import BureauError
from fieldvisit.sync.protocol import MAX_ATTACHMENT_BYTES, ErrorCode, UploadStatus

router = APIRouter(prefix="/attachments", tags=["attachments"])
Sha256Path = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$")]
SizeQuery = Annotated[int, Query(ge=0, le=MAX_ATTACHMENT_BYTES)]


@router.get("/{sha256}/status", response_model=UploadStatus)
def status(sha256: Sha256Path, size: SizeQuery, session: DeviceDep, state: StateDep) -> UploadStatus:
    """How many bytes of this content the bureau holds, to resume an upload."""
    return blobs.upload_status(state.engine, state.blobs, sha256, size=size, user_id=session.user["id"])


@router.put("/{sha256}", response_model=UploadStatus)
async def upload(
    sha256: Sha256Path,
    size: SizeQuery,
    request: Request,
    session: DeviceDep,
    state: StateDep,
    upload_offset: Annotated[int, Header(ge=0)],
) -> UploadStatus:
    """Append the request body at `Upload-Offset`; the last chunk is verified against the SHA-256."""
    data = bytearray()
    async for chunk in request.stream():
        data += chunk
        if len(data) > state.settings.max_request_bytes:
            raise BureauError(413, ErrorCode.INVALID_REQUEST, "上传的分段过大")
    return await run_in_threadpool(
        blobs.upload_chunk,
        state.engine,
        state.blobs,
        sha256,
        size=size,
        offset=upload_offset,
        data=bytes(data),
        user_id=session.user["id"],
        now=state.clock(),
    )


@router.get("/{sha256}")
def download(sha256: Sha256Path, session: ReaderDep, state: StateDep) -> FileResponse:
    """The content, if an attachment holding it is in the caller's scope (Range requests resume)."""
    if not state.blobs.has(sha256) or not blobs.may_download(state.engine, session.keys, sha256):
        raise BureauError(404, ErrorCode.NOT_FOUND, "您的管辖范围内没有该附件")
    return FileResponse(state.blobs.path(sha256), media_type="application/octet-stream")
