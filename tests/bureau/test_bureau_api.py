"""The bureau's HTTP API on a real socket: version and OpenAPI, sign-in and tokens, settings, garbage never a 500."""

from __future__ import annotations

import json
import logging
import math
import re
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from tests.bureau import live

from fieldvisit.bureau import admin
from fieldvisit.bureau.config import Settings
from fieldvisit.bureau.db import make_engine
from fieldvisit.domain.children import ChildFile
from fieldvisit.domain.ids import new_id
from fieldvisit.domain.shared import Role

TOWN = "330282107"


def _login(bureau, username: str, password: str, device_id: str | None = None) -> httpx.Response:  # type: ignore[no-untyped-def]
    return httpx.post(
        f"{bureau.url}/api/v1/auth/login",
        json={"username": username, "password": password, "device_id": device_id or new_id()},
    )


@pytest.fixture
def director(bureau):  # type: ignore[no-untyped-def]
    user_id = admin.create_user(
        bureau.engine,
        bureau.settings,
        username="api-dir",
        password="正确的密码",
        display_name="接口测试",
        role=Role.CHILD_DIRECTOR,
        town_codes=[TOWN],
    )
    grant = _login(bureau, "api-dir", "正确的密码").json()
    return {"id": user_id, "headers": {"Authorization": f"Bearer {grant['access_token']}"}, "grant": grant}


def test_the_version_check_and_the_openapi_document(bureau) -> None:
    version = httpx.get(f"{bureau.url}/api/v1/version").json()
    assert version["protocol"] == 1 and version["min_protocol"] == 1
    document = httpx.get(f"{bureau.url}/api/v1/openapi.json").json()
    for path in ("/api/v1/auth/login", "/api/v1/sync/push", "/api/v1/sync/pull", "/api/v1/attachments/{sha256}"):
        assert path in document["paths"]
    # The push handler reads its body itself; the document still describes it, and every reference resolves.
    push_body = document["paths"]["/api/v1/sync/push"]["post"]["requestBody"]["content"]["application/json"]
    assert push_body["schema"] == {"$ref": "#/components/schemas/PushRequest"}
    schemas = document["components"]["schemas"]
    assert "mutations" in schemas["PushRequest"]["properties"]
    referenced = set(re.findall(r'"#/components/schemas/([^"]+)"', json.dumps(document)))
    assert {"PushRequest", "Mutation"} <= referenced <= set(schemas)


def test_settings_refuse_the_development_secret_outside_development(tmp_path) -> None:
    with pytest.raises(ValidationError, match="SECRET_KEY"):
        Settings(data_dir=tmp_path)
    with pytest.raises(ValidationError, match="SECRET_KEY"):
        Settings(data_dir=tmp_path, secret_key="short")
    assert Settings(data_dir=tmp_path, development=True).development
    assert Settings(data_dir=tmp_path, secret_key="x" * 40).resolved_database_url.startswith("sqlite:///")


def test_wrong_passwords_and_unknown_users_get_the_same_answer(bureau, director) -> None:
    wrong = _login(bureau, "api-dir", "错误的密码")
    unknown = _login(bureau, "nobody", "错误的密码")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()
    assert "错误的密码" not in wrong.text


def test_an_expired_access_token_is_refused_and_the_refresh_token_renews_it(bureau, director) -> None:
    bureau.clock.offset_seconds = bureau.settings.access_token_seconds + 1
    expired = httpx.post(f"{bureau.url}/api/v1/sync/hello", headers=director["headers"], json={})
    assert expired.status_code == 401 and expired.json()["code"] == "token_expired"
    grant = director["grant"]
    renewed = httpx.post(
        f"{bureau.url}/api/v1/auth/refresh",
        json={"refresh_token": grant["refresh_token"], "device_id": grant["device_id"]},
    )
    assert renewed.status_code == 200
    token = renewed.json()["access_token"]
    hello = httpx.post(f"{bureau.url}/api/v1/sync/hello", headers={"Authorization": f"Bearer {token}"}, json={})
    assert hello.status_code == 200 and hello.json()["device_state"] == "ACTIVE"
    bureau.clock.offset_seconds = timedelta(days=31).total_seconds()
    stale = httpx.post(
        f"{bureau.url}/api/v1/auth/refresh",
        json={"refresh_token": grant["refresh_token"], "device_id": grant["device_id"]},
    )
    assert stale.status_code == 401


def test_a_forged_or_foreign_token_is_refused(bureau, director) -> None:
    token = director["grant"]["access_token"]
    prefix, body, signature = token.split(".")
    forged = f"{prefix}.{body}.{signature[::-1]}"
    for header in (f"Bearer {forged}", "Bearer", "Basic abc", token, f"Bearer {token}x"):
        answer = httpx.post(f"{bureau.url}/api/v1/sync/pull", headers={"Authorization": header}, json={})
        assert answer.status_code == 401, header
        # A push is authenticated before its body is parsed: a stranger learns nothing from the body's faults.
        for body in (b"{broken", b'{"mutations": []}'):
            answer = httpx.post(f"{bureau.url}/api/v1/sync/push", headers={"Authorization": header}, content=body)
            assert answer.status_code == 401, (header, body)


GARBAGE = [
    ("POST", "/api/v1/auth/login", b"not json"),
    ("POST", "/api/v1/auth/login", b"[]"),
    ("POST", "/api/v1/auth/login", b'{"username": 1, "password": null, "device_id": "x"}'),
    ("POST", "/api/v1/auth/refresh", b'{"refresh_token": "' + b"a" * 5000 + b'", "device_id": "x"}'),
    ("POST", "/api/v1/sync/push", b""),
    ("POST", "/api/v1/sync/push", b'{"mutations": []}'),
    ("POST", "/api/v1/sync/push", b'{"mutations": [{"mutation_id": "x"}]}'),
    ("POST", "/api/v1/sync/push", b'{"mutations": "lots"}'),
    ("POST", "/api/v1/sync/push", b"\xff\xfe\x00garbage"),
    ("POST", "/api/v1/sync/pull", b'{"cursor": -5}'),
    ("POST", "/api/v1/sync/pull", b'{"cursor": 1e400, "limit": 99999999}'),
    ("POST", "/api/v1/sync/pull", b'{"cursor": 0, "exclude": [{"table": null}]}'),
    ("POST", "/api/v1/sync/pull", b'{"cursor": 100000000000000000000000000000}'),
    ("POST", "/api/v1/sync/hello", b'{"client_version": "x", "pending_count": 100000000000000000000000000000}'),
    ("POST", "/api/v1/sync/hello", b'{"client_version": "x", "protocol": 100000000000000000000}'),
    ("POST", "/api/v1/sync/fetch", b'{"refs": []}'),
    ("POST", "/api/v1/sync/manifest", b'{"exclude": "all"}'),
    ("POST", "/api/v1/sync/audit", b'{"events": [1, 2, 3]}'),
    ("GET", "/api/v1/attachments/not-a-hash/status?size=1", b""),
    ("GET", "/api/v1/attachments/" + "a" * 64 + "/status?size=-1", b""),
    ("PUT", "/api/v1/attachments/" + "a" * 64 + "?size=3", b"abc"),
    ("GET", "/api/v1/attachments/" + "b" * 64, b""),
    ("DELETE", "/api/v1/sync/push", b""),
    ("GET", "/api/v1/nowhere", b""),
    ("POST", "/api/v1/sync/pull", b"{not json"),
    ("PUT", "/api/v1/attachments/" + "a" * 64 + "?size=99999999999", b"abc"),
]


@pytest.mark.parametrize(("method", "path", "body"), GARBAGE)
def test_garbage_gets_a_4xx_never_a_500(bureau, director, method: str, path: str, body: bytes) -> None:
    headers = {**director["headers"], "Content-Type": "application/json"}
    answer = httpx.request(method, f"{bureau.url}{path}", headers=headers, content=body)
    assert 400 <= answer.status_code < 500, (answer.status_code, answer.text[:200])
    assert answer.headers["content-type"].startswith("application/json")
    assert re.search("[\u4e00-\u9fff]", answer.json()["message"]), "explained in Chinese, as a device shows it"


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/v1/auth/login", {"username": "a\x00b", "password": "x", "device_id": new_id()}),
        (
            "/api/v1/auth/login",
            {"username": "api-dir", "password": "正确的密码", "device_id": new_id(), "device_name": "\x00"},
        ),
        ("/api/v1/sync/hello", {"client_version": "1.0\x00"}),
        ("/api/v1/sync/fetch", {"refs": [{"table": "child_file", "record_id": "a\x00b"}]}),
    ],
    ids=["login-user", "login-device-name", "hello-version", "fetch-id"],
)
def test_text_with_the_character_u0000_is_never_a_500(bureau, director, path: str, body: dict[str, object]) -> None:
    # PostgreSQL's text cannot hold it (SQLite's can): refused there as a request the database cannot store.
    answer = httpx.post(f"{bureau.url}{path}", headers=director["headers"], json=body)
    assert answer.status_code < 500, answer.text[:200]
    if answer.status_code == 422:
        assert answer.json()["message"] == "请求内容含有局端数据库无法保存的值（空字符或超出范围的数字）"


def test_a_malformed_request_is_explained_in_chinese_without_echoing_the_input(bureau, director) -> None:
    """A device quarantines a mutation the bureau cannot read with this message as the reason."""
    headers = {**director["headers"], "Content-Type": "application/json"}
    body = b'{"mutations": [{"mutation_id": "x", "table": "' + b"t" * 50 + b'", "op": "UPSERT", "payload": 7}]}'
    answer = httpx.post(f"{bureau.url}/api/v1/sync/push", headers=headers, content=body)
    assert answer.status_code == 422
    message = answer.json()["message"]
    assert message.startswith("请求内容不符合同步协议：")
    assert "缺少“mutations.0.record_id”" in message
    assert "“mutations.0.table”过长（最多 40 个字符）" in message
    assert "t" * 50 not in message and "Field required" not in message


def test_a_body_over_the_limit_is_refused_with_413_declared_or_streamed(tmp_path: Path) -> None:
    settings = live.bureau_settings(tmp_path / "small", max_request_bytes=2048)
    small = live.LiveBureau(settings=settings, engine=make_engine(settings.resolved_database_url)).start()
    try:
        url = f"{small.url}/api/v1/sync/push"
        body = b'{"mutations": [' + b" " * 4096 + b"]}"

        def streamed() -> Iterator[bytes]:
            yield from (body[i : i + 1000] for i in range(0, len(body), 1000))

        for content in (body, streamed()):
            answer = httpx.post(url, content=content)
            assert answer.status_code == 413, answer.text[:200]
            assert answer.json()["code"] == "invalid_request"
        assert httpx.get(f"{small.url}/api/v1/version").status_code == 200
    finally:
        small.stop()


def test_non_finite_numbers_are_rejected_not_stored(bureau) -> None:
    admin.create_user(
        bureau.engine,
        bureau.settings,
        username="api-patrol",
        password="pw",
        display_name="巡查",
        role=Role.PATROL_OFFICER,
        town_codes=[TOWN],
    )
    token = _login(bureau, "api-patrol", "pw").json()["access_token"]
    record_id = new_id()
    payload = {"id": record_id, "case_no": "X", "found_on": "2026-11-01", "town_code": TOWN, "latitude": math.nan}
    mutation = {"mutation_id": new_id(), "table": "grave_case", "record_id": record_id, "op": "UPSERT"}
    body = json.dumps({"mutations": [{**mutation, "base_version": 0, "payload": payload}]})
    assert "NaN" in body
    answer = httpx.post(
        f"{bureau.url}/api/v1/sync/push",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        content=body.encode(),
    )
    assert answer.status_code == 200
    assert answer.json()["receipts"][0]["status"] == "REJECTED"


@pytest.mark.parametrize(
    "bad",
    [
        {"father": {"income": math.nan}},
        {"extra": {"scores": [1.5, -math.inf]}},
        {"name": "王\ud800"},
        {"benefits": [{"kind": "\udfff"}]},
        {"name": "王\x00明"},
        {"extra": {"notes": ["a\x00"]}},
        {"extra": {"\x00": 1}},
    ],
    ids=[
        "nan-in-a-dict",
        "infinity-in-a-list",
        "lone-high-surrogate",
        "lone-low-surrogate-nested",
        "nul-in-a-name",
        "nul-nested",
        "nul-in-a-key",
    ],
)
def test_a_record_the_database_cannot_hold_is_rejected_and_the_batch_goes_on(bureau, director, bad) -> None:  # type: ignore[no-untyped-def]
    def mutation(**fields: object) -> dict[str, object]:
        record = ChildFile(file_no="API-9", name="王小明", town_code=TOWN, director_id=director["id"])
        payload = {**record.model_dump(mode="json"), **fields}
        return {
            "mutation_id": new_id(),
            "table": "child_file",
            "record_id": record.id,
            "op": "UPSERT",
            "base_version": 0,
            "payload": payload,
        }

    body = json.dumps({"mutations": [mutation(), mutation(**bad), mutation()]})
    answer = httpx.post(
        f"{bureau.url}/api/v1/sync/push",
        headers={**director["headers"], "Content-Type": "application/json"},
        content=body.encode(),
    )
    assert answer.status_code == 200, answer.text[:300]
    statuses = [receipt["status"] for receipt in answer.json()["receipts"]]
    assert statuses == ["APPLIED", "REJECTED", "APPLIED"]
    assert httpx.get(f"{bureau.url}/api/v1/version").status_code == 200


@pytest.mark.parametrize("depth", [300, 900, 5000])
def test_a_body_nested_past_the_limit_is_refused_as_a_whole_never_a_500(bureau, director, depth) -> None:  # type: ignore[no-untyped-def]
    # pydantic's parser stops at 200 levels; Python's reads 900 (and steps after it would then recurse too far),
    # not 5,000. A device splits a refused batch until the record alone is refused, and quarantines it.
    record = ChildFile(file_no="API-10", name="王小明", town_code=TOWN, director_id=director["id"])
    payload = {**record.model_dump(mode="json"), "extra": {"deep": "X"}}
    mutation = {"mutation_id": new_id(), "table": "child_file", "record_id": record.id, "op": "UPSERT"}
    body = json.dumps({"mutations": [{**mutation, "base_version": 0, "payload": payload}]})
    body = body.replace('"X"', "[" * depth + "]" * depth)
    answer = httpx.post(
        f"{bureau.url}/api/v1/sync/push",
        headers={**director["headers"], "Content-Type": "application/json"},
        content=body.encode(),
    )
    assert answer.status_code == 422, answer.text[:300]
    assert answer.json()["code"] == "invalid_request"
    assert httpx.get(f"{bureau.url}/api/v1/version").status_code == 200


def test_an_unreadable_audit_event_is_skipped_not_stored(bureau, director) -> None:
    events = [{"id": "x", "at": "yesterday", "kind": 5}, {"id": new_id(), "kind": "OPEN", "table_name": "child_file"}]
    answer = httpx.post(f"{bureau.url}/api/v1/sync/audit", headers=director["headers"], json={"events": events})
    assert answer.status_code == 200 and answer.json() == {"accepted": 1}


def test_an_audit_event_the_database_cannot_hold_is_skipped_never_a_500(bureau, director) -> None:
    def event(**fields: object) -> dict[str, object]:
        return {"id": new_id(), "kind": "OPEN", "table_name": "child_file", **fields}

    bad = [event(detail={"x": math.nan}), event(detail={"x": [math.inf]}), event(table_name="child\x00file")]
    body = json.dumps({"events": [*bad, event(detail={"query": "𠮷"})]})
    answer = httpx.post(
        f"{bureau.url}/api/v1/sync/audit",
        headers={**director["headers"], "Content-Type": "application/json"},
        content=body.encode(),
    )
    assert answer.status_code == 200, answer.text[:300]
    assert answer.json() == {"accepted": 1}


def test_the_same_batch_pushed_at_once_from_three_connections_is_applied_once_never_a_500(bureau, director) -> None:  # type: ignore[no-untyped-def]
    # As a network that delivers a request several times does: the losers of the race for the new records' keys
    # are answered from the winner's receipts, not with a server error for the device to retry.
    for _ in range(4):
        records = [
            ChildFile(file_no=f"R-{n}", name="并发", town_code=TOWN, director_id=director["id"]) for n in range(30)
        ]
        body = json.dumps(
            {
                "mutations": [
                    {
                        "mutation_id": new_id(),
                        "table": "child_file",
                        "record_id": record.id,
                        "op": "UPSERT",
                        "base_version": 0,
                        "payload": record.model_dump(mode="json"),
                    }
                    for record in records
                ]
            }
        ).encode()
        start = threading.Barrier(3)
        answers: list[httpx.Response] = []

        def push(body: bytes = body, start: threading.Barrier = start, answers: list[httpx.Response] = answers) -> None:
            start.wait()
            answers.append(
                httpx.post(
                    f"{bureau.url}/api/v1/sync/push",
                    headers={**director["headers"], "Content-Type": "application/json"},
                    content=body,
                    timeout=60,
                )
            )

        threads = [threading.Thread(target=push) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert [answer.status_code for answer in answers] == [200, 200, 200], [a.text[:200] for a in answers]
        outcomes = sorted({receipt["status"] for receipt in answer.json()["receipts"]}.pop() for answer in answers)
        assert outcomes == ["APPLIED", "DUPLICATE", "DUPLICATE"]


def _json_values() -> st.SearchStrategy:
    scalars = (
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats()
        | st.text(st.characters(exclude_categories=()), max_size=80)  # lone surrogates too
    )
    return st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(st.text(st.characters(exclude_categories=()), max_size=12), inner, max_size=4)
        ),
        max_leaves=12,
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(payload=st.dictionaries(st.sampled_from(sorted(ChildFile.model_fields)), _json_values(), max_size=8))
@example(payload={"benefits": {"\ud800": None}})  # half a surrogate pair as a key: the refusal could not be kept
def test_any_payload_in_a_valid_batch_is_answered_never_a_500(bureau, director, payload) -> None:  # type: ignore[no-untyped-def]
    record_id = new_id()
    mutation = {
        "mutation_id": new_id(),
        "table": "child_file",
        "record_id": record_id,
        "op": "UPSERT",
        "base_version": 0,
        "changed": list(payload),
        "payload": {**payload, "id": record_id},
    }
    answer = httpx.post(  # json.dumps as a client might: NaN and infinities written out, not refused
        f"{bureau.url}/api/v1/sync/push",
        headers={**director["headers"], "Content-Type": "application/json"},
        content=json.dumps({"mutations": [mutation]}).encode(),
    )
    assert answer.status_code == 200, answer.text[:300]
    assert answer.json()["receipts"][0]["status"] in ("APPLIED", "REJECTED")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


def test_tokens_never_appear_in_logs_or_urls(tmp_path) -> None:
    collect = _Collect()
    loggers = [logging.getLogger(name) for name in ("", "uvicorn", "uvicorn.access", "uvicorn.error", "httpx")]
    settings_ = live.bureau_settings(tmp_path)
    bureau = live.LiveBureau(settings=settings_, engine=make_engine(settings_.resolved_database_url), access_log=True)
    bureau.start()
    previous = [(logger, logger.level) for logger in loggers]
    try:
        for logger in loggers:
            logger.addHandler(collect)
            logger.setLevel(logging.DEBUG)
        admin.create_user(
            bureau.engine,
            bureau.settings,
            username="log-dir",
            password="pw",
            display_name="日志",
            role=Role.CHILD_DIRECTOR,
        )
        grant = _login(bureau, "log-dir", "pw").json()
        headers = {"Authorization": f"Bearer {grant['access_token']}"}
        with httpx.Client(base_url=f"{bureau.url}/api/v1", headers=headers) as client:
            urls = [
                str(client.post("/sync/hello", json={}).request.url),
                str(client.post("/sync/pull", json={}).request.url),
                str(client.post("/sync/push", content=b"{broken").request.url),
                str(
                    client.post(
                        "/auth/refresh", json={"refresh_token": grant["refresh_token"], "device_id": grant["device_id"]}
                    ).request.url
                ),
            ]
    finally:
        for logger, level in previous:
            logger.removeHandler(collect)
            logger.setLevel(level)
        bureau.stop()
    text = "\n".join(collect.lines + urls)
    assert any("/sync/pull" in line for line in collect.lines), "the access log was captured"
    for secret in (grant["access_token"], grant["refresh_token"]):
        assert secret not in text
