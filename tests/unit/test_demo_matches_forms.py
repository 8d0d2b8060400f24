"""Demo records are what the forms would capture: every stored answer is valid for its form definition."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from fieldvisit.store.demo import generate_demo
from fieldvisit.store.services.drafts import DraftService

FORMS = (
    "household_assessment",
    "child_file",
    "child_visit",
    "patrol",
    "grave_case",
    "reinspection",
    "rectification_notice",
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from fieldvisit.security.keys import FAST_TEST_PARAMS
    from fieldvisit.store.workspace import create_workspace

    ws = create_workspace(tmp_path_factory.mktemp("demo") / "ws", "pw", demo=True, kdf_params=FAST_TEST_PARAMS)
    generate_demo(ws.engine, today=date(2026, 11, 28), scale=0.3)
    yield ws
    ws.close()


@pytest.mark.parametrize("form_id", FORMS)
def test_demo_records_have_no_form_errors(demo, actor, clock, form_id: str) -> None:
    drafts = DraftService(demo.engine, actor, clock)
    with demo.engine.connect() as connection:
        ids = connection.execute(text(f"SELECT id FROM {form_id} ORDER BY id LIMIT 8")).scalars().all()
    assert ids
    problems = []
    for record_id in ids:
        draft = drafts.load(form_id, record_id)
        for issue in drafts.issues(draft, final=False):
            if issue.severity == "error":
                problems.append(f"{issue.field_key}[{issue.row_index}].{issue.row_field}: {issue.message_zh}")
    assert not problems, "\n".join(sorted(set(problems)))
