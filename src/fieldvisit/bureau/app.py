"""The bureau's FastAPI application, built by `create_app(settings)`: routers, error bodies, migrations at start."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy import Engine
from sqlalchemy.exc import DataError, DBAPIError, InterfaceError, OperationalError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fieldvisit import __version__
from fieldvisit.bureau.api import attachments, auth, meta, sync
from fieldvisit.bureau.api.deps import BureauState, document_models
from fieldvisit.bureau.blobs import BlobStore
from fieldvisit.bureau.config import Settings
from fieldvisit.bureau.db import DatabaseUnavailableError, make_engine, upgrade_database
from fieldvisit.bureau.errors import BureauError
from fieldvisit.bureau.records import load_table_facts, problem_text
from fieldvisit.domain.types import Clock, utc_now
from fieldvisit.sync.protocol import API_PREFIX, ErrorBody, ErrorCode, PushRequest

log = logging.getLogger(__name__)
_RETRY_AFTER_SECONDS = "3"
_TOO_LARGE = "请求内容过大，超过了局端的上限"
_FRAMEWORK_MESSAGES = {400: "请求内容无法解析", 404: "没有这个地址", 405: "该地址不支持这种请求方法"}
"""Chinese for the errors the web framework raises itself (in English), as every other error message is."""


def _error(status: int, code: ErrorCode | str, message: str = "", *, action: str = "", headers: Any = None) -> Any:
    body = ErrorBody(code=str(code), message=message, action=action)
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


class _BodyLimit:
    """Refuses request bodies above a size (declared or streamed) with 413, before a handler reads them."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await _error(413, ErrorCode.INVALID_REQUEST, _TOO_LARGE)(scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise BureauError(413, ErrorCode.INVALID_REQUEST, _TOO_LARGE)
            return message

        await self.app(scope, limited, send)


_UNSTORABLE_REQUEST = "请求内容含有局端数据库无法保存的值（空字符或超出范围的数字）"


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(BureauError)
    async def bureau_error(_request: Request, exc: BureauError) -> Any:
        return _error(exc.status, exc.code, exc.message, action=exc.action, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_request: Request, exc: RequestValidationError) -> Any:
        # Only where and what, never the input itself (it may hold a password); in Chinese, as a device shows it
        # for a record refused.
        problems = "；".join(
            problem_text(error, ".".join(str(part) for part in error.get("loc", ()))) for error in exc.errors()[:5]
        )
        return _error(422, ErrorCode.INVALID_REQUEST, f"请求内容不符合同步协议：{problems}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> Any:
        code = ErrorCode.NOT_FOUND if exc.status_code == 404 else ErrorCode.INVALID_REQUEST
        message = _FRAMEWORK_MESSAGES.get(exc.status_code, str(exc.detail))
        return _error(exc.status_code, code, message, headers=getattr(exc, "headers", None))

    async def unavailable(_request: Request, exc: Exception) -> Any:
        log.warning("database unavailable: %s", type(exc).__name__)
        return _error(
            503, ErrorCode.UNAVAILABLE, "局端数据库暂不可用，请稍后重试", headers={"Retry-After": _RETRY_AFTER_SECONDS}
        )

    for kind in (DatabaseUnavailableError, OperationalError, InterfaceError):
        app.add_exception_handler(kind, unavailable)

    @app.exception_handler(DBAPIError)
    async def database_error(_request: Request, exc: DBAPIError) -> Any:
        if exc.connection_invalidated:
            return await unavailable(_request, exc)
        if isinstance(exc, DataError):  # a value of the request the database cannot take (see the message)
            log.info("request refused by the database: %s", type(exc.orig).__name__)
            return _error(422, ErrorCode.INVALID_REQUEST, _UNSTORABLE_REQUEST)
        log.error("database error: %s", type(exc.orig).__name__)
        return _error(500, "internal", "局端内部错误")


def create_app(settings: Settings, *, clock: Clock = utc_now, engine: Engine | None = None) -> FastAPI:
    """The bureau service for `settings`; its database is migrated when the app starts."""
    engine = engine or make_engine(settings.resolved_database_url)
    state = BureauState(settings=settings, engine=engine, blobs=BlobStore(settings.attachments_dir), clock=clock)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(upgrade_database, engine)
        await run_in_threadpool(load_table_facts)
        settings.attachments_dir.mkdir(parents=True, exist_ok=True)
        yield
        engine.dispose()

    app = FastAPI(
        title="FieldVisit bureau (民政走访·民政局服务端)",
        version=__version__,
        lifespan=lifespan,
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
    )
    app.state.bureau = state
    _install_error_handlers(app)
    for router in (meta.router, auth.router, sync.router, attachments.router):
        app.include_router(router, prefix=API_PREFIX)
    document_models(app, PushRequest)
    app.add_middleware(_BodyLimit, limit=settings.max_request_bytes)
    return app
