"""Sign-in (which enrolls the device) and token refresh."""

from __future__ import annotations

from fastapi import APIRouter

from fieldvisit.bureau import devices
from fieldvisit.bureau.api.deps import StateDep
from fieldvisit.sync.protocol import LoginRequest, RefreshRequest, TokenGrant

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/login", response_model=TokenGrant)
def login(body: LoginRequest, state: StateDep) -> TokenGrant:
    """Check the user's password and grant tokens bound to the (newly enrolled) device."""
    return devices.login(state.engine, state.settings, body, now=state.clock())


@router.post("/refresh", response_model=TokenGrant)
def refresh(body: RefreshRequest, state: StateDep) -> TokenGrant:
    """Trade a refresh token for a new access token."""
    return devices.refresh(state.engine, state.settings, body, now=state.clock())
