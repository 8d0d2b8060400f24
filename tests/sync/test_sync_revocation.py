"""Acceptance 7, revoked devices: stolen wipes at once, retired uploads then wipes, revoked tokens are refused once."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import select
from tests.sync.harness import child

from fieldvisit.bureau import devices
from fieldvisit.bureau.tables import metadata as bureau_metadata
from fieldvisit.domain.children import ChildFile
from fieldvisit.domain.ids import new_id
from fieldvisit.domain.shared import Role
from fieldvisit.domain.types import utc_now
from fieldvisit.store.workspace import is_workspace
from fieldvisit.sync.client import SyncStatus
from fieldvisit.sync.protocol import DeviceState
from fieldvisit.sync.session import sign_in
from fieldvisit.sync.transport import DeviceRevokedError


def _bureau_has(world, record_id: str) -> bool:  # type: ignore[no-untyped-def]
    table = bureau_metadata.tables["child_file"]
    with world.bureau.engine.connect() as connection:
        return connection.execute(select(table.c.id).where(table.c.id == record_id)).first() is not None


def _state(world, device_id: str) -> str:  # type: ignore[no-untyped-def]
    [row] = [d for d in devices.list_devices(world.bureau.engine) if d["id"] == device_id]
    return str(row["state"])


def test_a_stolen_device_wipes_its_store_at_once_and_uploads_nothing(world, proxy) -> None:
    director = world.user("dir-stolen", Role.CHILD_DIRECTOR)
    laptop = world.device(director, url=proxy.url)
    synced = child(director, name="已同步")
    laptop.save(synced)
    laptop.sync()
    unsent = child(director, name="未上传")
    laptop.save(unsent)
    devices.revoke(world.bureau.engine, laptop.session.device_id, DeviceState.STOLEN, now=utc_now())
    seen = len(proxy.seen)
    report = laptop.sync()
    assert report.status == SyncStatus.WIPED
    assert not is_workspace(laptop.workspace.path) and not laptop.workspace.path.exists()
    assert laptop.secret_store.get(laptop.engine.credentials.name) is None
    assert laptop.secret_store.get(f"workspace-key:{laptop.workspace.info.workspace_id}") is None
    assert not _bureau_has(world, unsent.id), "a stolen device is not trusted to upload"
    assert [r.path for r in proxy.seen[seen:]] == ["/api/v1/sync/hello"], "one refusal, no retry loop"
    assert laptop.sleeps.delays == []
    world.check()


def test_a_retired_device_uploads_what_it_has_then_wipes(world) -> None:
    director = world.user("dir-retire", Role.CHILD_DIRECTOR)
    laptop = world.device(director)
    laptop.save(child(director, name="先同步的"))
    laptop.sync()
    last = child(director, name="最后一批")
    laptop.save(last)
    laptop.edit(ChildFile, last.id, grade="五年级")
    devices.revoke(world.bureau.engine, laptop.session.device_id, DeviceState.RETIRE, now=utc_now())
    report = laptop.sync()
    assert report.status == SyncStatus.WIPED and report.pushed == 1
    assert not laptop.workspace.path.exists()
    assert _bureau_has(world, last.id)
    assert _state(world, laptop.session.device_id) == "WIPED"
    world.check()


@pytest.mark.parametrize("mode", [DeviceState.STOLEN, DeviceState.RETIRE])
def test_revoked_tokens_are_refused_and_the_device_cannot_sign_in_again(world, mode: DeviceState) -> None:
    director = world.user(f"dir-token-{mode.value.lower()}", Role.CHILD_DIRECTOR)
    laptop = world.device(director)
    token = laptop.engine.credentials.access_token()
    refresh = laptop.engine.credentials.refresh_token()
    devices.revoke(world.bureau.engine, laptop.session.device_id, mode, now=utc_now())
    api = f"{world.bureau.url}/api/v1"
    pull = httpx.post(f"{api}/sync/pull", headers={"Authorization": f"Bearer {token}"}, json={"cursor": 0})
    assert pull.status_code == 403
    assert pull.json()["action"] == ("wipe" if mode == DeviceState.STOLEN else "upload_then_wipe")
    refreshed = httpx.post(
        f"{api}/auth/refresh", json={"refresh_token": refresh, "device_id": laptop.session.device_id}
    )
    # A retiring device may still refresh: it has to upload before it wipes. A stolen one may not.
    assert refreshed.status_code == (403 if mode == DeviceState.STOLEN else 200)
    with pytest.raises(DeviceRevokedError):
        sign_in(
            laptop.workspace,
            bureau_url=world.bureau.url,
            username=director.username,
            password=director.password,
            secret_store=laptop.secret_store,
        )
    laptop.sync()
    assert laptop.wiped
    world.check()


def test_a_device_of_another_user_cannot_be_taken_over(world) -> None:
    owner = world.user("dir-owner", Role.CHILD_DIRECTOR)
    intruder = world.user("dir-intruder", Role.CHILD_DIRECTOR)
    laptop = world.device(owner)
    response = httpx.post(
        f"{world.bureau.url}/api/v1/auth/login",
        json={"username": intruder.username, "password": intruder.password, "device_id": laptop.session.device_id},
    )
    assert response.status_code == 403
    fresh = httpx.post(
        f"{world.bureau.url}/api/v1/auth/login",
        json={"username": intruder.username, "password": intruder.password, "device_id": new_id()},
    )
    assert fresh.status_code == 200
    world.check()


def test_a_stolen_device_with_an_expired_token_is_still_told_to_wipe(world, proxy) -> None:
    director = world.user("dir-expired", Role.CHILD_DIRECTOR)
    laptop = world.device(director, url=proxy.url)
    devices.revoke(world.bureau.engine, laptop.session.device_id, DeviceState.STOLEN, now=utc_now())
    world.bureau.clock.offset_seconds = 3600  # the access token has expired meanwhile
    assert laptop.sync().status == SyncStatus.WIPED
    assert [r.path for r in proxy.seen] == ["/api/v1/sync/hello", "/api/v1/auth/refresh"]
    world.check()
