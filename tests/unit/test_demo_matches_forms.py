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
    """The bureau refuses a choice answer that no form offers (`formspec.answer_choices`), in a column, inside a
    JSON object or in the rows of a JSON list; every stored answer of the demo, in every synced table, passes."""
    import json

    from fieldvisit.formspec import answer_choices, answers_at, not_offered
    from fieldvisit.sync.protocol import SYNCED_MODELS

    checked: dict[tuple[str, ...], int] = {}
    refused = []
    with demo.engine.connect() as connection:
        for table in SYNCED_MODELS:
            for place, answers in answer_choices(table).items():
                for (value,) in connection.execute(text(f'SELECT "{place[0]}" FROM "{table}"')):
                    stored = json.loads(value) if isinstance(value, str) and value.startswith(("[", "{")) else value
                    found = [v for v in answers_at({place[0]: stored}, place) if v not in (None, "", [])]
                    checked[(table, *place)] = checked.get((table, *place), 0) + len(found)
                    refused += [(table, place, v) for v in found if not_offered(v, answers) is not None]
    assert not refused, refused[:10]
    assert sum(checked.values()) > 1000
    nested = {"father", "mother", "guardian", "benefits", "living", "housing", "details"}
    assert {place[1] for place, count in checked.items() if count and len(place) > 2} >= nested


def test_choice_answers_allow_their_whole_enum_and_free_text_is_not_limited() -> None:
    from fieldvisit.domain.assistance import AssetKind
    from fieldvisit.domain.children import RiskLevel
    from fieldvisit.formspec import ANY_ROW, answer_choices

    child = answer_choices("child_file")
    assert child[("risk_level",)].allowed == {m.value for m in RiskLevel}
    assert answer_choices("asset")[("kind",)].allowed == {m.value for m in AssetKind}  # vehicles, property: `where`
    assert ("name",) not in child and ("village_id",) not in child
    assert child[("guardian", "health")].label_zh == "监护人健康状况"
    assert "MINIMUM_LIVING" in child[("benefits", ANY_ROW, "type")].allowed
    assert ("guardian", "name") not in child and ("benefits", ANY_ROW, "monthly_amount_fen") not in child
