"""Every document rendered from realistic snapshots and read back: pages, text, fonts, numbering, QR, masking."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from tests.printing import burial_factories as b
from tests.printing import factories as f
from tests.printing.conftest import CASES
from tests.printing.pdfcheck import embedded_file, fonts, page_texts, qr_expected, qr_modules, reader, squeeze

from fieldvisit.domain.resident_id import mask_id_number
from fieldvisit.printing.api import BLANK_FORMS, DOCUMENTS, render_batch, render_blank, render_pdf
from fieldvisit.printing.check_code import CheckCode
from fieldvisit.printing.document import PrintedDocument
from fieldvisit.printing.formatting import CST
from fieldvisit.printing.snapshots import ChildVisitSnapshot

Printed = Callable[[str], tuple[PrintedDocument, Any]]


def test_every_document_and_blank_form_has_a_case(printed: Printed) -> None:
    covered = {printed(name)[0].document for name in CASES if "blank" not in name or "for_child" in name}
    assert set(DOCUMENTS) <= covered
    assert {"household_assessment", "child_file", "child_visit", "patrol", "reinspection"} == set(BLANK_FORMS)


@pytest.mark.parametrize("name", sorted(CASES))
def test_page_count_and_text(printed: Printed, name: str) -> None:
    result, _ = printed(name)
    pages = page_texts(result.pdf)
    assert result.page_count == len(pages) == CASES[name].pages
    text = "".join(pages)
    for expected in CASES[name].texts:
        assert squeeze(expected) in text, f"{expected!r} is not extractable from {name}"
    assert result.missing_glyphs == frozenset()


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_font_is_embedded_as_a_subset(printed: Printed, name: str) -> None:
    used = fonts(printed(name)[0].pdf)
    assert used, "no fonts at all"
    for base_font, font in used.items():
        assert embedded_file(font) is not None, f"{base_font} is not embedded in {name}"
        assert re.fullmatch(r"/[A-Z]{6}\+.+", base_font), f"{base_font} is not a subset"


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_page_is_numbered_within_its_part(printed: Printed, name: str) -> None:
    pages = page_texts(printed(name)[0].pdf)
    numbers = [re.search(r"第(\d+)页共(\d+)页", text) for text in pages]
    assert all(numbers), f"a page of {name} has no page number"
    if name == "rectification_notice":  # 当事人联, 存档联 and 送达回证 are numbered on their own
        assert [m.groups() for m in numbers if m] == [("1", "1")] * 3
    else:
        assert [m.groups() for m in numbers if m] == [(str(i), str(len(pages))) for i in range(1, len(pages) + 1)]


@pytest.mark.parametrize("name", sorted(CASES))
def test_qr_code_carries_record_id_form_version_and_hash_of_the_printed_text(printed: Printed, name: str) -> None:
    result, snapshot = printed(name)
    record = result.records[0]
    check = record.check
    canonical = json.dumps(
        {
            "content": list(record.content),
            "document": check.document,
            "form": check.form_id,
            "record": check.record_id,
            "version": check.form_version,
        },
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    assert check.sha256 == hashlib.sha256(canonical.encode()).hexdigest()
    if snapshot is not None and hasattr(snapshot, "record"):
        assert check.record_id == snapshot.record.id
    payload = f"FV1|{check.document}|{check.record_id or 'BLANK'}|{check.form_id}@{check.form_version}|{check.sha256}"
    assert check.payload == payload
    expected = qr_expected(payload)
    for page in range(result.page_count):  # the same code on every page of the record
        assert qr_modules(result.pdf, page) == expected
    # the hashed strings are what the PDF shows (rare characters included, thanks to the ToUnicode fix)
    text = "".join(page_texts(result.pdf))
    for line in record.content:
        assert squeeze(line) in text, f"hashed but not printed: {line!r}"


def test_form_version_in_the_check_code_is_the_records_version() -> None:
    snapshot = f.household(4, photos=0)
    assert render_pdf("household_survey", snapshot).check.form_version == snapshot.assessment.form_version == 1
    assert CheckCode.parse(render_blank("patrol").check.payload).record_id == ""


def test_hash_is_stable_and_follows_the_content() -> None:
    snapshot = f.child_visit()
    first = render_pdf("child_visit", snapshot)
    assert render_pdf("child_visit", snapshot).check.sha256 == first.check.sha256
    assert snapshot.visit is not None
    edited = snapshot.visit.model_copy(update={"notes": "复核：监护人已整改用电隐患。"})
    changed = render_pdf("child_visit", dataclasses.replace(snapshot, visit=edited))
    assert changed.check.record_id == first.check.record_id
    assert changed.check.sha256 != first.check.sha256


def test_id_numbers_are_masked_unless_full_numbers_were_authorised() -> None:
    snapshot = f.household(4, photos=0)
    full = snapshot.assessment.applicant_id_number
    masked = mask_id_number(full)
    assert masked.startswith(full[:6]) and masked.endswith(full[-4:]) and "*" * 8 in masked
    text = "".join(page_texts(render_pdf("household_survey", snapshot).pdf))
    assert masked in text and full not in text
    for member in snapshot.members:
        assert member.id_number not in text
    account = str(snapshot.assessment.bank["account"])
    assert account not in text and account[-4:] in text

    authorised = "".join(page_texts(render_pdf("household_survey", f.household(4, photos=0, full_ids=True)).pdf))
    assert full in authorised


@pytest.mark.parametrize("document", ["child_info", "child_visit", "rectification_notice"])
def test_other_documents_mask_id_numbers_too(document: str) -> None:
    snapshot = {"child_info": f.child_file, "child_visit": f.child_visit, "rectification_notice": b.notice}[document]()
    full = {
        "child_info": lambda s: s.child.id_number,
        "child_visit": lambda s: s.child.father.get("id_number") or s.child.id_number,
        "rectification_notice": lambda s: s.notice.party["id_number"],
    }[document](snapshot)
    text = "".join(page_texts(render_pdf(document, snapshot).pdf))
    assert full not in text
    if document != "child_visit":  # the visit record prints no ID number at all
        assert mask_id_number(full) in text


def test_child_documents_are_marked_confidential_on_every_page(printed: Printed) -> None:
    for name in ("child_info", "child_visit", "child_dossier", "overdue_roster", "child_info_blank"):
        for text in page_texts(printed(name)[0].pdf):
            assert "内部资料注意保密" in text, name
    for name in ("household_survey", "patrol_record", "grave_ledger"):
        assert "内部资料注意保密" not in "".join(page_texts(printed(name)[0].pdf)), name


def test_member_table_overflows_to_a_sheet_whose_header_repeats_on_every_page() -> None:
    result = render_pdf("household_survey", f.household(60, photos=0))
    pages = page_texts(result.pdf)
    overflow = [text for text in pages if "共同生活家庭成员续表" in text or "与申请人关系" in text]
    assert len(overflow) >= 3  # the main table plus at least two overflow pages
    assert all("公民身份号码" in text and "劳动能力" in text for text in overflow)
    assert "共60人，第7—60人见附表" in "".join(pages)


def test_dossier_prints_every_visit_once_in_date_order(printed: Printed) -> None:
    result, snapshot = printed("child_dossier")
    text = "".join(page_texts(result.pdf))
    visits = sorted(snapshot.visits, key=lambda v: v.visit_at)
    positions = []
    for number, visit in enumerate(visits, start=1):
        local = visit.visit_at.astimezone(CST)
        heading = f"第{number}次探访{local.year}年{local.month}月{local.day}日{local:%H:%M}"
        assert text.count(heading) == 1, heading
        positions.append(text.index(heading))
    assert positions == sorted(positions)


def test_notice_prints_both_copies_and_a_separate_receipt(printed: Printed) -> None:
    pages = page_texts(printed("rectification_notice")[0].pdf)
    assert ["当事人联" in p for p in pages] == [True, False, False]
    assert ["存档联" in p for p in pages] == [False, True, False]
    assert "送达回证" in pages[2] and "责令限期整改通知书" in pages[2]
    assert "当事人签收" in pages[1] and "当事人签收" not in pages[0]
    assert all("你的上述行为违反了《殡葬管理条例》第十条" in p for p in pages[:2])


def test_notice_cites_the_legal_basis_in_force_on_its_date() -> None:
    before = b.legal_basis_text(date(2026, 1, 12))
    after = b.legal_basis_text(date(2026, 4, 1))
    assert "第二十条" in before and before != after


def test_batch_prints_each_record_with_its_own_numbering_and_check_code() -> None:
    file = f.child_file()
    children = [file.child.model_copy(update={"id": f"child-{i}", "name": n}) for i, n in enumerate(f.RARE_NAMES[:3])]
    snapshots = [ChildVisitSnapshot(child=c, town_name=f.TOWN, village_name="卫东村") for c in children]
    result = render_batch("child_visit", snapshots)
    assert result.page_count == 3
    assert [r.check.record_id for r in result.records] == ["child-0", "child-1", "child-2"]
    assert all(re.search(r"第1页共1页", t) for t in page_texts(result.pdf))
    for page, record in enumerate(result.records):
        assert qr_modules(result.pdf, page) == qr_expected(record.check.payload)


def test_blank_forms_print_in_copies_with_the_current_form_version() -> None:
    result = render_blank("child_visit", copies=3)
    assert result.page_count == 3 and len(result.records) == 3
    assert {r.check.form_version for r in result.records} == {1}
    assert "☑" not in "".join(page_texts(result.pdf))


def test_rare_names_extract_from_the_pdf() -> None:
    """ReportLab 5.1 writes a malformed ToUnicode for supplementary-plane glyphs; fonts.py rewrites it."""
    result = render_pdf("child_info", f.child_file(name="王𠮷"))
    assert "王𠮷" in "".join(page_texts(result.pdf))
    assert any("HanaMinB" in name for name in fonts(result.pdf))


def test_pdf_metadata_names_the_document() -> None:
    meta = reader(render_blank("patrol").pdf).metadata
    assert meta is not None and meta.title == "殡葬管理巡查记录"


def test_audit_detail_names_what_was_printed() -> None:
    result = render_pdf("patrol_record", b.patrol())
    detail = result.audit_detail(copies=2)
    assert detail["document"] == "patrol_record" and detail["copies"] == 2 and detail["pages"] == 1
    assert detail["records"] == [{"id": result.check.record_id, "form": "patrol", "version": 1,
                                  "sha256": result.check.sha256}]  # fmt: skip
    assert detail["pdf_sha256"] == hashlib.sha256(result.pdf).hexdigest()
    json.dumps(detail)  # it fits in AuditEvent.detail (a JSON column)
