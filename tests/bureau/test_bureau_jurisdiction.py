"""Every read and write is authorised against the caller's jurisdiction; tests try to cross it in both directions."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

import httpx
import pytest

from fieldvisit.bureau import admin
from fieldvisit.bureau.blobs import BlobStore
from fieldvisit.domain.assistance import HouseholdAssessment
from fieldvisit.domain.burial import GraveCase
from fieldvisit.domain.children import ChildFile, ChildVisit
from fieldvisit.domain.ids import new_id
from fieldvisit.domain.shared import Attachment, Role

TOWN, OTHER = "330282107", "330282003"
VILLAGE, OTHER_VILLAGE = "330282107001", "330282107002"


class Caller:
    """A signed-in device talking to the bureau directly."""

    def __init__(self, bureau: Any, username: str) -> None:
        grant = httpx.post(
            f"{bureau.url}/api/v1/auth/login", json={"username": username, "password": "pw", "device_id": new_id()}
        ).json()
        self.client = httpx.Client(
            base_url=f"{bureau.url}/api/v1", headers={"Authorization": f"Bearer {grant['access_token']}"}
        )

    def sees(self) -> set[tuple[str, str]]:
        seen: set[tuple[str, str]] = set()
        cursor = 0
        while True:
            page = self.client.post("/sync/pull", json={"cursor": cursor, "limit": 50}).json()
            seen.update((c["table"], c["record_id"]) for c in page["changes"])
            cursor = page["cursor"]
            if not page["has_more"]:
                return {ref for ref in seen if ref[0] != "staff_user"}

    def push(self, record: Any, *, base_version: int = 0, changed: list[str] | None = None) -> dict[str, Any]:
        payload = record.model_dump(mode="json")
        mutation = {
            "mutation_id": new_id(),
            "table": record.__tablename__,
            "record_id": payload["id"],
            "op": "UPSERT",
            "base_version": base_version,
            "changed": changed or [],
            "payload": payload,
        }
        answer = self.client.post("/sync/push", json={"mutations": [mutation]})
        assert answer.status_code == 200, answer.text
        return answer.json()["receipts"][0]


@pytest.fixture
def city(bureau) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    people: dict[str, str] = {}
    for username, role, towns, villages in [
        ("dir-a", Role.CHILD_DIRECTOR, [TOWN], []),
        ("dir-b", Role.CHILD_DIRECTOR, [TOWN], []),
        ("sup-town", Role.CHILD_SUPERVISOR, [TOWN], []),
        ("sup-other", Role.CHILD_SUPERVISOR, [OTHER], []),
        ("patrol-town", Role.PATROL_OFFICER, [TOWN], []),
        ("patrol-other", Role.PATROL_OFFICER, [OTHER], []),
        ("worker-village", Role.SOCIAL_WORKER, [TOWN], [VILLAGE]),
        ("worker-town", Role.SOCIAL_WORKER, [TOWN], []),
    ]:
        people[username] = admin.create_user(
            bureau.engine,
            bureau.settings,
            username=username,
            password="pw",
            display_name=username,
            role=role,
            town_codes=towns,
            village_ids=villages,
        )
    child_a = ChildFile(file_no="A-1", name="甲", town_code=TOWN, director_id=people["dir-a"])
    child_b = ChildFile(file_no="B-1", name="乙", town_code=TOWN, director_id=people["dir-b"])
    content = b"photo of child b"
    sha256 = hashlib.sha256(content).hexdigest()
    store = BlobStore(bureau.settings.attachments_dir)
    store.append(sha256, offset=0, size=len(content), data=content)
    photo_b = Attachment(sha256=sha256, owner_table="child_file", owner_id=child_b.id, size_bytes=len(content))
    case_town = GraveCase(case_no="C-1", found_on=date(2026, 11, 1), town_code=TOWN)
    case_other = GraveCase(case_no="C-2", found_on=date(2026, 11, 1), town_code=OTHER)
    house_v1 = HouseholdAssessment(survey_no="H-1", applicant_name="丙", town_code=TOWN, village_id=VILLAGE)
    house_v2 = HouseholdAssessment(survey_no="H-2", applicant_name="丁", town_code=TOWN, village_id=OTHER_VILLAGE)
    admin.save_records(bureau.engine, [child_a, child_b, case_town, case_other, house_v1, house_v2])
    from fieldvisit.bureau.tables import blob

    with bureau.engine.begin() as connection:
        connection.execute(
            blob.insert(),
            [
                {
                    "sha256": sha256,
                    "size": len(content),
                    "complete": True,
                    "uploaded_by": "",
                    "created_at": child_a.created_at,
                }
            ],
        )
    admin.save_records(bureau.engine, [photo_b])
    return {
        "people": people,
        "child_a": child_a,
        "child_b": child_b,
        "photo_b": photo_b,
        "case_town": case_town,
        "case_other": case_other,
        "house_v1": house_v1,
        "house_v2": house_v2,
    }


def _ref(record: Any) -> tuple[str, str]:
    return (record.__tablename__, record.id)


def test_each_role_receives_exactly_its_jurisdiction(bureau, city) -> None:
    expected = {
        "dir-a": {_ref(city["child_a"])},
        "dir-b": {_ref(city["child_b"]), _ref(city["photo_b"])},
        "sup-town": {_ref(city["child_a"]), _ref(city["child_b"]), _ref(city["photo_b"])},
        "sup-other": set(),
        "patrol-town": {_ref(city["case_town"])},
        "patrol-other": {_ref(city["case_other"])},
        "worker-village": {_ref(city["house_v1"])},
        "worker-town": {_ref(city["house_v1"]), _ref(city["house_v2"])},
    }
    for username, refs in expected.items():
        assert Caller(bureau, username).sees() == refs, username


def test_reading_outside_the_jurisdiction_is_refused(bureau, city) -> None:
    director = Caller(bureau, "dir-a")
    child_b = city["child_b"]
    fetched = director.client.post("/sync/fetch", json={"refs": [{"table": "child_file", "record_id": child_b.id}]})
    assert fetched.status_code == 200 and fetched.json()["changes"] == []
    manifest = director.client.post("/sync/manifest", json={}).json()
    assert child_b.id not in {entry["record_id"] for entry in manifest["entries"]}
    download = director.client.get(f"/attachments/{city['photo_b'].sha256}")
    assert download.status_code == 404
    assert Caller(bureau, "dir-b").client.get(f"/attachments/{city['photo_b'].sha256}").content == b"photo of child b"
    patrol = Caller(bureau, "patrol-town")
    fetched = patrol.client.post("/sync/fetch", json={"refs": [{"table": "child_file", "record_id": child_b.id}]})
    assert fetched.json()["changes"] == [], "cases' officers see no child data"


def test_writing_outside_the_jurisdiction_is_refused(bureau, city) -> None:
    people = city["people"]
    director = Caller(bureau, "dir-a")
    child_b = city["child_b"].model_copy(update={"grade": "篡改"})
    edit = director.push(child_b, base_version=1, changed=["grade"])
    assert edit["status"] == "CONFLICT" and edit["code"] == "out_of_scope" and edit["record"] is None
    planted = ChildFile(file_no="X-1", name="塞给别人的", town_code=TOWN, director_id=people["dir-b"])
    assert director.push(planted)["status"] == "REJECTED"
    sneaky_visit = ChildVisit(child_id=city["child_b"].id, notes="越权探访")
    assert director.push(sneaky_visit)["status"] == "CONFLICT"
    stolen = city["child_a"].model_copy(update={"director_id": people["dir-b"]})
    assert director.push(stolen, base_version=1, changed=["director_id"])["status"] == "REJECTED"
    officer = Caller(bureau, "patrol-town")
    foreign_case = GraveCase(case_no="C-9", found_on=date(2026, 11, 2), town_code=OTHER)
    assert officer.push(foreign_case)["status"] == "REJECTED"
    moved = city["case_town"].model_copy(update={"town_code": OTHER})
    assert officer.push(moved, base_version=1, changed=["town_code"])["status"] == "REJECTED"
    account = Caller(bureau, "dir-a")
    from fieldvisit.domain.shared import User

    promoted = User(id=people["dir-a"], username="dir-a", display_name="dir-a", role=Role.BUREAU_ADMIN)
    assert account.push(promoted, base_version=1, changed=["role"])["status"] == "REJECTED"
    for username in ("dir-b", "sup-town"):
        assert _ref(city["child_b"]) in Caller(bureau, username).sees()
    assert Caller(bureau, "sup-town").sees() >= {_ref(city["child_a"])}
    from sqlalchemy import select

    from fieldvisit.bureau.tables import metadata

    table = metadata.tables["child_file"]
    with bureau.engine.connect() as connection:
        rows = {row.id: row for row in connection.execute(select(table))}
    assert rows[city["child_b"].id].grade == "" and rows[city["child_a"].id].director_id == people["dir-a"]
    assert planted.id not in rows
