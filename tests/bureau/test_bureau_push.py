"""Push semantics at the bureau: batches across record trees, replays inside one batch, merges of stale edits."""

from __future__ import annotations

import hashlib
import json
import logging

from sqlalchemy import update

from fieldvisit.bureau import admin
from fieldvisit.bureau.mutations import Caller, apply_batch
from fieldvisit.bureau.tables import receipt
from fieldvisit.domain.children import ChildFile, ChildVisit
from fieldvisit.domain.ids import new_id
from fieldvisit.domain.shared import Role
from fieldvisit.sync.protocol import Mutation, MutationOp

TOWN = "330282107"


def _mutation(record, *, base: int = 0, changed: list[str] | None = None, mutation_id: str | None = None) -> Mutation:  # type: ignore[no-untyped-def]
    payload = record.model_dump(mode="json")
    return Mutation(
        mutation_id=mutation_id or new_id(),
        table=record.__tablename__,
        record_id=payload["id"],
        op=MutationOp.UPSERT,
        base_version=base,
        changed=changed or [],
        payload=payload,
    )


def _director(bureau) -> Caller:  # type: ignore[no-untyped-def]
    user_id = admin.create_user(
        bureau.engine,
        bureau.settings,
        username="push-dir",
        password="pw",
        display_name="主任",
        role=Role.CHILD_DIRECTOR,
        town_codes=[TOWN],
    )
    return Caller(user_id=user_id, device_id="push-device", keys=frozenset({f"director:{user_id}"}))


def test_a_batch_across_record_trees_applies_in_one_transaction(bureau, caplog) -> None:
    caller = _director(bureau)
    first = ChildFile(file_no="T-1", name="甲", town_code=TOWN, director_id=caller.user_id)
    assert apply_batch(bureau.engine, caller, [_mutation(first)])[0].status == "APPLIED"
    second = ChildFile(file_no="T-2", name="乙", town_code=TOWN, director_id=caller.user_id)
    batch = [_mutation(ChildVisit(child_id=first.id)), _mutation(second), _mutation(ChildVisit(child_id=second.id))]
    caplog.set_level(logging.WARNING)
    receipts = apply_batch(bureau.engine, caller, batch)
    assert [r.status for r in receipts] == ["APPLIED"] * 3
    assert "one by one" not in caplog.text, "the visit of a new child in the batch went in after its child"


def test_the_same_mutation_twice_in_one_batch_is_applied_once(bureau) -> None:
    caller = _director(bureau)
    record = ChildFile(file_no="T-3", name="丙", town_code=TOWN, director_id=caller.user_id)
    mutation = _mutation(record)
    receipts = apply_batch(bureau.engine, caller, [mutation, mutation])
    assert [(r.status, r.original_status) for r in receipts] == [("APPLIED", None), ("DUPLICATE", "APPLIED")]
    assert receipts[1].version == 1


def test_a_replay_of_a_mutation_stored_under_the_old_digest_is_a_duplicate(bureau) -> None:
    caller = _director(bureau)
    record = ChildFile(file_no="T-5", name="戊𠮷", town_code=TOWN, director_id=caller.user_id)
    mutation = _mutation(record)
    assert apply_batch(bureau.engine, caller, [mutation])[0].status == "APPLIED"
    old_digest = hashlib.sha256(
        json.dumps(
            {"table": "child_file", "record_id": record.id, "op": "UPSERT", "changed": [], "payload": mutation.payload},
            sort_keys=True,
            ensure_ascii=False,
        ).encode()
    ).hexdigest()
    with bureau.engine.begin() as connection:
        connection.execute(update(receipt).values(payload_hash=old_digest))
    [replay] = apply_batch(bureau.engine, caller, [mutation])
    assert (replay.status, replay.original_status) == ("DUPLICATE", "APPLIED")
    other = _mutation(record.model_copy(update={"grade": "一年级"}), mutation_id=mutation.mutation_id)
    assert apply_batch(bureau.engine, caller, [other])[0].code == "mutation_id_reused"


def test_a_stale_edit_of_other_fields_merges_and_returns_the_merged_record(bureau) -> None:
    caller = _director(bureau)
    record = ChildFile(file_no="T-4", name="丁", town_code=TOWN, director_id=caller.user_id)
    apply_batch(bureau.engine, caller, [_mutation(record)])
    theirs = record.model_copy(update={"grade": "三年级"})
    assert apply_batch(bureau.engine, caller, [_mutation(theirs, base=1, changed=["grade"])])[0].version == 2
    mine = record.model_copy(update={"school_name": "乙小学"})
    [receipt] = apply_batch(bureau.engine, caller, [_mutation(mine, base=1, changed=["school_name"])])
    assert receipt.status == "APPLIED" and receipt.version == 3
    assert receipt.record is not None and (receipt.record["grade"], receipt.record["school_name"]) == (
        "三年级",
        "乙小学",
    )
    same_field = record.model_copy(update={"grade": "四年级"})
    [clash] = apply_batch(bureau.engine, caller, [_mutation(same_field, base=1, changed=["grade"])])
    assert (clash.status, clash.conflict_fields, clash.version) == ("CONFLICT", ["grade"], 3)


def test_an_invalid_record_is_refused_with_a_chinese_reason_naming_the_form_field(bureau) -> None:
    caller = _director(bureau)
    good = ChildFile(file_no="T-9", name="𠮷䶮", town_code=TOWN, director_id=caller.user_id)
    bad = [_mutation(good) for _ in range(4)]
    bad[0].payload["name"] = "王" * 65
    del bad[1].payload["file_no"]
    bad[2].payload.update(version="二", birth_date="去年")
    bad[3].payload["extra"] = {"score": float("inf")}
    receipts = apply_batch(bureau.engine, caller, bad)
    assert [r.status for r in receipts] == ["REJECTED"] * 4
    assert [r.reason for r in receipts] == [
        "数据无效：“姓名”过长（最多 64 个字符）",
        "数据无效：缺少“档案编号”",
        "数据无效：“version”应为整数；“出生日期”应为日期",
        "数据无效：“extra”含有非有限数值（NaN 或无穷大）",
    ]


def test_an_answer_that_is_not_one_of_the_forms_choices_is_refused(bureau) -> None:
    """Every device shows and computes with these values (a risk colour, a case's next steps): one that no form
    offers must not reach the bureau and from there every other device."""
    caller = _director(bureau)
    child = ChildFile(file_no="T-10", name="辛", town_code=TOWN, director_id=caller.user_id)
    bad = [_mutation(child) for _ in range(4)]
    bad[0].payload["risk_level"] = "PURPLE"
    bad[1].payload["flags"] = ["MIGRANT", "紫色" * 20]
    bad[2].payload["flags"] = [{"code": "X"}]
    bad[3].payload["primary_category"] = 3
    receipts = apply_batch(bureau.engine, caller, bad)
    assert [r.reason for r in receipts] == [
        "数据无效：“风险等级”的答案“PURPLE”不是可选项",
        f"数据无效：“{_label('flags')}”的答案“{'紫色' * 10}…”不是可选项",
        f"数据无效：“{_label('flags')}（0）”应为文字",
        f"数据无效：“{_label('primary_category')}”应为文字",
    ]
    blank = child.model_copy(update={"risk_level": "", "closure_reason": "", "flags": ["MIGRANT", "DISABLED"]})
    visit = ChildVisit(child_id=child.id, safety=["NONE"], risk_level="RED", mode="HOME")
    assert [r.status for r in apply_batch(bureau.engine, caller, [_mutation(blank), _mutation(visit)])] == [
        "APPLIED",
        "APPLIED",
    ]


def test_an_answer_inside_a_json_value_that_no_form_offers_is_refused(bureau) -> None:
    """The same for answers kept inside a record's JSON values: a guardian's health, a visit's living
    conditions, the rows of a child's benefits, a grave notice's violations; their other keys stay free."""
    caller = _director(bureau)
    child = ChildFile(file_no="T-11", name="辛", town_code=TOWN, director_id=caller.user_id)
    bad = [_mutation(child) for _ in range(3)]
    bad[0].payload["guardian"] = {"name": "辛𠮷", "health": "ZOMBIE"}
    bad[1].payload["benefits"] = [{"type": "MINIMUM_LIVING"}, {"type": "LOTTERY", "monthly_amount_fen": 100}]
    bad[2].payload["mother"] = {"status": ["DECEASED"]}
    visit = ChildVisit(child_id=child.id, mode="HOME", living={"food": "GOOD", "hygiene": "SPOTLESS"})
    receipts = apply_batch(bureau.engine, caller, [*bad, _mutation(visit)])
    assert [r.reason for r in receipts] == [
        "数据无效：“监护人健康状况”的答案“ZOMBIE”不是可选项",
        "数据无效：“享受保障：保障类型”的答案“LOTTERY”不是可选项",
        '数据无效：“母亲状况”的答案“["DECEASED"]”不是可选项',  # one answer is asked for, not a list
        "数据无效：“卫生”的答案“SPOTLESS”不是可选项",
    ]
    good = child.model_copy(
        update={
            "guardian": {"name": "辛𠮷", "health": "CHRONIC", "phone": "13800000000"},
            "benefits": [{"type": "MINIMUM_LIVING", "monthly_amount_fen": 100, "note": "自由文字"}],
        }
    )
    visit = visit.model_copy(update={"living": {"food": "GOOD", "hygiene": "FAIR", "remark": "任意"}})
    assert [r.status for r in apply_batch(bureau.engine, caller, [_mutation(good), _mutation(visit)])] == [
        "APPLIED",
        "APPLIED",
    ]


def _label(column: str) -> str:
    from fieldvisit.formspec import column_fields

    return column_fields("child_file")[column].label_zh
