"""Unauthenticated facts: the protocol versions the bureau speaks, and a health check."""

from __future__ import annotations

from fastapi import APIRouter

from fieldvisit import __version__
from fieldvisit.sync.protocol import MIN_PROTOCOL_VERSION, PROTOCOL_VERSION, VersionInfo

router = APIRouter(tags=["meta"])


@router.get("/version", response_model=VersionInfo)
def version() -> VersionInfo:
    """The protocol range and the bureau's version, for a client's version check."""
    return VersionInfo(protocol=PROTOCOL_VERSION, min_protocol=MIN_PROTOCOL_VERSION, server_version=__version__)


@router.get("/health")
def health() -> dict[str, str]:
    """Liveness."""
    return {"status": "ok"}
