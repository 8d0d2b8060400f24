"""Every printed document of the tests, rendered once per session from the realistic factories."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from tests.printing import burial_factories as b
from tests.printing import factories as f

from fieldvisit.printing.api import render_blank, render_pdf
from fieldvisit.printing.document import PrintedDocument
from fieldvisit.printing.snapshots import ChildVisitSnapshot


@dataclass(frozen=True)
class Case:
    """One document to print: how to get it, how many pages it must have, what its text must contain."""

    render: Callable[[], tuple[PrintedDocument, Any]]
    pages: int
    texts: tuple[str, ...]


def _doc(document: str, make: Callable[[], Any]) -> Callable[[], tuple[PrintedDocument, Any]]:
    def render() -> tuple[PrintedDocument, Any]:
        snapshot = make()
        return render_pdf(document, snapshot), snapshot

    return render


def _blank(form_id: str) -> Callable[[], tuple[PrintedDocument, Any]]:
    return lambda: (render_blank(form_id), None)


def _blank_visit_for_child() -> ChildVisitSnapshot:
    file = f.child_file()
    return ChildVisitSnapshot(child=file.child, town_name=f.TOWN, village_name=file.village_name)


CASES: dict[str, Case] = {
    # 3 pages of form, 1 overflow sheet for members 7–12, 2 pages of photos (two to a page)
    "household_survey": Case(
        _doc("household_survey", lambda: f.household(12, photos=3)),
        6,
        ("社会救助家庭经济状况入户调查表", "申请人(户主)", "王建华", "卫东路18号", "家庭月人均收入", "712.50元",
         "共同生活家庭成员续表", "王雨桐", "符合最低生活保障条件", "以上情况经调查核实属实", "住房外观(含门牌)",
         "尿毒症"),
    ),
    "household_survey_small": Case(
        _doc("household_survey", lambda: f.household(4, photos=0)), 3, ("王丽娟", "慈溪农村商业银行观海卫支行")
    ),
    "household_blank": Case(_blank("household_assessment"), 4, ("慈溪市________镇(街道)", "调查人员1", "均不符合")),
    "child_info": Case(
        _doc("child_info", lambda: f.child_file(photo_seed=3)),
        1,
        ("困境儿童/留守儿童信息登记表", "内部资料注意保密", "事实无人抚养儿童", "陈秀英", "服刑在押", "卫东小学"),
    ),
    "child_info_blank": Case(_blank("child_file"), 1, ("档案编号", "父亲状况", "儿童督导员（签名）")),
    "child_visit": Case(
        _doc("child_visit", f.child_visit),
        1,
        ("儿童探访记录表", "内部资料注意保密", "孙丽萍", "安排课后辅导", "社工机构", "强制报告"),
    ),
    "child_visit_blank": Case(_blank("child_visit"), 1, ("探访日期/时间", "监护人签名")),
    "child_visit_blank_for_child": Case(
        _doc("child_visit", _blank_visit_for_child), 1, ("ET-330282107-0007", "卫东村", "探访人签名")
    ),
    # cover sheet, 40 visits two to a page after the first page of visits, then the history page
    "child_dossier": Case(
        _doc("child_dossier", lambda: f.dossier(40)),
        23,
        ("探访记录（共40次）", "第40次探访", "档案变更、服务与转介记录", "伯父外出务工，改由祖母照料", "心理疏导"),
    ),
    "overdue_roster": Case(
        _doc("overdue_roster", lambda: f.roster(14)),
        1,
        ("探访逾期名单", "儿童督导员：周建国", "儿童主任：孙丽萍", "ET-330282107-0001", "逾期天数"),
    ),
    "patrol_record": Case(
        _doc("patrol_record", b.patrol),
        1,
        ("殡葬管理巡查记录", "XC-330282107-20260106-01", "FM-330282107-2026-001", "硬化大墓", "联合巡查"),
    ),
    "patrol_blank": Case(_blank("patrol"), 1, ("巡查人员", "现场处置")),
    # 当事人联, 存档联, 送达回证: three separately numbered parts of one page each
    "rectification_notice": Case(
        _doc("rectification_notice", b.notice),
        3,
        ("责令限期整改通知书", "当事人联", "存档联", "送达回证", "慈民殡〔2026〕第007号", "第二十条",
         "六十日内向慈溪市人民政府申请行政复议", "拆除硬化物/附属设施", "直接送达", "2026年1月27日"),
    ),
    "reinspection_record": Case(
        _doc("reinspection_record", b.reinspection),
        3,
        ("违建坟墓整改复查记录", "同意销号", "已缩小面积/拆除硬化物", "整改前后对比照片", "3.8平方米"),
    ),
    "reinspection_blank": Case(_blank("reinspection"), 1, ("整改结果", "复查人员签名")),
    "grave_ledger": Case(
        _doc("grave_ledger", lambda: b.ledger(24)),
        2,
        ("违建坟墓台账", "新发现（8处）", "整改中（8处）", "已销号（4处）", "强制拆除（4处）", "五里村"),
    ),
}  # fmt: skip


@pytest.fixture(scope="session")
def printed() -> Callable[[str], tuple[PrintedDocument, Any]]:
    """`printed(name)`: the document `name` of CASES, rendered once per test session."""
    cache: dict[str, tuple[PrintedDocument, Any]] = {}

    def get(name: str) -> tuple[PrintedDocument, Any]:
        if name not in cache:
            cache[name] = CASES[name].render()
        return cache[name]

    return get
