"""Request dependencies: the service state, the authenticated device (with or without a retiring one), and bodies
that a handler reads itself."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Annotated, Any, TypeVar

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError
from pydantic.json_schema import models_json_schema
from sqlalchemy import Engine

from fieldvisit.bureau import devices
from fieldvisit.bureau.blobs import BlobStore
from fieldvisit.bureau.config import Settings
from fieldvisit.bureau.errors import BureauError
from fieldvisit.bureau.pull import DigestCache
from fieldvisit.domain.types import Clock
from fieldvisit.sync.protocol import MIN_PROTOCOL_VERSION, ErrorCode

M = TypeVar("M", bound=BaseModel)
_COMPONENTS = "#/components/schemas/"


@dataclass(frozen=True)
class BureauState:
    """What every handler may need: settings, the database engine, attachment storage and the clock."""

    settings: Settings
    engine: Engine
    blobs: BlobStore
    clock: Clock
    digests: DigestCache = field(default_factory=DigestCache)


def get_state(request: Request) -> BureauState:
    """The state created by `create_app`."""
    return request.app.state.bureau  # type: ignore[no-any-return]


StateDep = Annotated[BureauState, Depends(get_state)]


def _bearer(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise BureauError(401, ErrorCode.TOKEN_INVALID, "需要登录", headers={"WWW-Authenticate": "Bearer"})
    return token.strip()


def current_device(request: Request, state: StateDep) -> devices.DeviceSession:
    """The device making the request; a retiring device is still let in (to upload before it wipes)."""
    return devices.authenticate(state.engine, state.settings, _bearer(request), now=state.clock(), allow_retiring=True)


def reading_device(request: Request, state: StateDep) -> devices.DeviceSession:
    """The device making a request that reads data: retiring devices are refused."""
    return devices.authenticate(state.engine, state.settings, _bearer(request), now=state.clock(), allow_retiring=False)


DeviceDep = Annotated[devices.DeviceSession, Depends(current_device)]
ReaderDep = Annotated[devices.DeviceSession, Depends(reading_device)]


MAX_NESTING = 200
"""Levels of arrays and objects a body read by a handler may nest (pydantic's parser stops there too; a record
needs five or six): deeper ones would exhaust the recursion limit of the steps that read a record after."""


def parse_body(model: type[M], content: bytes) -> M:
    """A JSON request body read by the handler itself, refused as FastAPI refuses a declared body (422).

    Parsed and validated in one pass by pydantic (twice as fast on a push batch); what its parser refuses but
    Python's reads (half a surrogate pair) takes Python's, so that such a value is judged in its own mutation
    rather than failing the whole body. Nesting deeper than `MAX_NESTING` is refused either way."""
    try:
        return model.model_validate_json(content)
    except ValidationError as exc:
        if not any(error["type"] == "json_invalid" for error in exc.errors()):
            raise RequestValidationError(exc.errors(include_input=False)) from None
    try:
        data = json.loads(content)
    except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested past what Python's parser reads
        data = None
    else:
        if _nesting(data) <= MAX_NESTING:
            try:
                return model.model_validate(data)
            except ValidationError as exc:
                raise RequestValidationError(exc.errors(include_input=False)) from None
    raise RequestValidationError([{"loc": ("body",), "msg": "JSON decode error", "type": "json_invalid"}])


def _nesting(data: Any) -> int:
    """How many levels of arrays and objects `data` (parsed JSON) nests, counted without recursing."""
    deepest = 0
    waiting = [(data, 1)] if isinstance(data, dict | list) else []
    while waiting:
        value, level = waiting.pop()
        deepest = max(deepest, level)
        items = value.values() if isinstance(value, dict) else value
        waiting.extend((item, level + 1) for item in items if isinstance(item, dict | list))
    return deepest


def model_reference(model: type[BaseModel]) -> dict[str, str]:
    """The OpenAPI schema of a body a handler reads itself (its model is added by `document_models`)."""
    return {"$ref": f"{_COMPONENTS}{model.__name__}"}


def document_models(app: FastAPI, *models: type[BaseModel]) -> None:
    """Add the models of bodies that handlers read themselves to the app's OpenAPI components."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = generate()
            wanted = [(model, "validation") for model in models]
            _, found = models_json_schema(wanted, ref_template=_COMPONENTS + "{model}")  # type: ignore[arg-type]
            schema.setdefault("components", {}).setdefault("schemas", {}).update(found.get("$defs", {}))
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def require_current_protocol(protocol: int) -> None:
    """Refuse reads from a client too old to understand them (it may still upload its outbox)."""
    if protocol < MIN_PROTOCOL_VERSION:
        raise BureauError(426, ErrorCode.UPDATE_REQUIRED, "客户端版本过旧，请在上传数据后升级")
