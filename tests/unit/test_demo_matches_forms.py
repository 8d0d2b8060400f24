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


def test_every_demo_answer_is_one_the_bureau_accepts(demo) -> None:
    """The bureau refuses a choice answer that no form offers (`formspec.column_choices`); every stored answer
    of the demo, in every synced table, passes that check."""
    import json

    from fieldvisit.formspec import column_choices
    from fieldvisit.sync.protocol import SYNCED_MODELS

    checked, refused = 0, []
    with demo.engine.connect() as connection:
        for table in SYNCED_MODELS:
            for column, allowed in column_choices(table).items():
                for (value,) in connection.execute(text(f'SELECT "{column}" FROM "{table}"')):
                    answers = json.loads(value) if isinstance(value, str) and value.startswith("[") else [value]
                    checked += len(answers)
                    refused += [(table, column, a) for a in answers if a not in (None, "") and a not in allowed]
    assert checked > 1000 and not refused, refused[:10]


def test_choice_columns_allow_their_whole_enum_and_free_text_columns_are_not_limited() -> None:
    from fieldvisit.domain.assistance import AssetKind
    from fieldvisit.domain.children import RiskLevel
    from fieldvisit.formspec import column_choices

    assert column_choices("child_file")["risk_level"] == {m.value for m in RiskLevel}
    assert column_choices("asset")["kind"] == {m.value for m in AssetKind}  # vehicles and property: by `where`
    assert "name" not in column_choices("child_file") and "village_id" not in column_choices("child_file")
