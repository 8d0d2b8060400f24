"""Printing from the store: every document prints from demo records, is logged, and the console writes PDFs."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select, text
from sqlmodel import Session

from fieldvisit.domain.resident_id import mask_id_number
from fieldvisit.domain.shared import AuditEvent, AuditKind
from fieldvisit.print_service import PrintError, PrintService
from fieldvisit.store.demo import generate_demo
from fieldvisit.store.workspace import DEMO_PASSWORD, create_workspace

QUERIES = {
    "household_survey": "SELECT id FROM household_assessment ORDER BY survey_no LIMIT 1",
    "child_info": "SELECT id FROM child_file ORDER BY file_no LIMIT 1",
    "child_visit": "SELECT id FROM child_visit ORDER BY visit_at LIMIT 1",
    "child_dossier": "SELECT child_id FROM child_visit GROUP BY child_id ORDER BY count(*) DESC LIMIT 1",
    "overdue_roster": "SELECT id FROM staff_user WHERE role = 'CHILD_SUPERVISOR' ORDER BY username LIMIT 1",
    "patrol_record": "SELECT id FROM patrol ORDER BY patrol_no LIMIT 1",
    "rectification_notice": "SELECT id FROM rectification_notice ORDER BY notice_no LIMIT 1",
    "reinspection_record": "SELECT id FROM reinspection ORDER BY inspected_on LIMIT 1",
    "grave_ledger": "SELECT town_code FROM grave_case ORDER BY town_code LIMIT 1",
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from fieldvisit.security.keys import FAST_TEST_PARAMS

    ws = create_workspace(tmp_path_factory.mktemp("demo") / "ws", DEMO_PASSWORD, demo=True, kdf_params=FAST_TEST_PARAMS)
    generate_demo(ws.engine, today=date(2026, 11, 28), scale=0.5)
    yield ws
    ws.close()


def _first(ws, document: str) -> str:  # type: ignore[no-untyped-def]
    with ws.engine.connect() as connection:
        return str(connection.execute(text(QUERIES[document])).scalar_one())


@pytest.mark.parametrize("document", sorted(QUERIES))
def test_every_document_prints_from_stored_records_and_is_logged(demo, actor, clock, document: str) -> None:
    service = PrintService(demo.engine, demo.vault, actor, clock)
    record_id = _first(demo, document)
    job = service.render(document, [record_id])
    reader = PdfReader(BytesIO(job.printed.pdf))
    assert len(reader.pages) == job.printed.page_count >= 1
    assert job.printed.records[0].check.record_id

    service.record_print(job, copies=2, target="pdf")
    with Session(demo.engine) as session:
        event = session.exec(select(AuditEvent).order_by(AuditEvent.at.desc())).scalars().first()  # type: ignore[attr-defined]
    assert event is not None and event.kind == AuditKind.EXPORT and event.user_id == actor.user_id
    assert event.detail["copies"] == 2 and event.detail["document"] == document


def test_child_documents_print_masked_ids_unless_full_ids_were_authorised(demo, actor, clock) -> None:
    service = PrintService(demo.engine, demo.vault, actor, clock)
    child_id = _first(demo, "child_info")
    with demo.engine.connect() as connection:
        id_number = connection.execute(text("SELECT id_number FROM child_file WHERE id = :i"), {"i": child_id}).scalar()
    masked_text = "".join(
        p.extract_text() for p in PdfReader(BytesIO(service.render("child_info", [child_id]).printed.pdf)).pages
    )
    assert mask_id_number(id_number) in masked_text and id_number not in masked_text
    assert "内部资料" in masked_text
    full = service.render("child_info", [child_id], full_ids=True).printed.pdf
    assert id_number in "".join(p.extract_text() for p in PdfReader(BytesIO(full)).pages)


def test_blank_visit_forms_for_overdue_children_print_as_one_batch(demo, actor, clock) -> None:
    from fieldvisit.store.repositories.children import ChildRepository

    overdue = ChildRepository(demo.engine).overdue(date(2026, 11, 28))
    village = overdue[0].village_name
    ids = [row.id for row in overdue if row.village_name == village]
    job = PrintService(demo.engine, demo.vault, actor, clock).render_visit_forms(ids)
    assert len(job.printed.records) == len(ids)
    text_ = "".join(p.extract_text() for p in PdfReader(BytesIO(job.printed.pdf)).pages)
    names = [row.name for row in overdue if row.village_name == village]
    assert all(name in text_ for name in names if name.isascii() or all(ord(c) < 0x10000 for c in name))


def test_unknown_records_and_documents_say_so_in_chinese(demo, actor, clock) -> None:
    service = PrintService(demo.engine, demo.vault, actor, clock)
    with pytest.raises(PrintError) as missing:
        service.render("child_info", ["no-such-child"])
    assert "找不到" in missing.value.message_zh
    with pytest.raises(PrintError):
        service.render("no_such_document", ["x"])


def test_console_prints_a_record_and_a_blank_form(demo, tmp_path: Path) -> None:
    fieldvisit = str(Path(sys.executable).parent / "fieldvisit")
    out = tmp_path / "visit.pdf"
    visit_id = _first(demo, "child_visit")
    result = subprocess.run(
        [fieldvisit, "print", "child_visit", visit_id, "--dir", str(demo.path), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert len(PdfReader(out).pages) >= 1
    blank = tmp_path / "blank.pdf"
    result = subprocess.run(
        [fieldvisit, "print", "blank", "household_assessment", "-o", str(blank)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "入户调查表" in "".join(p.extract_text() for p in PdfReader(blank).pages)
