"""Form definitions: the shipped forms pass their check, broken ones are caught, the rule language is safe."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest

from fieldvisit.assets import forms_dir
from fieldvisit.domain.base import FormRecord
from fieldvisit.formspec import (
    COMPUTATIONS,
    UNKNOWN,
    BindingKind,
    Env,
    ExprError,
    FieldType,
    FormDefinitionError,
    MoneyError,
    check_form_file,
    evaluate,
    field_order,
    form_files,
    format_money,
    load_all_forms,
    load_form,
    parse_expr,
    parse_money,
    registry,
)
from fieldvisit.formspec.loader import LISTS_FILE, read_lists

FORM_IDS = {
    "household_assessment",
    "child_file",
    "child_visit",
    "patrol",
    "grave_case",
    "reinspection",
    "rectification_notice",
}

HEADER = """
[form]
id = "broken"
version = 1
title = "Broken"
title_zh = "测试"
model = "child_visit"

[[section]]
key = "main"
title = "Main"
title_zh = "主要"
"""

VISITOR = """
[[section.field]]
key = "visitor"
type = "text"
label = "Visitor"
label_zh = "探访人"
"""


def check(tmp_path: Path, body: str, header: str = HEADER) -> list[str]:
    path = tmp_path / "broken.toml"
    path.write_text(textwrap.dedent(header) + textwrap.dedent(body), encoding="utf-8")
    return check_form_file(path)


def assert_error(errors: list[str], *fragments: str) -> None:
    assert any(all(fragment in error for fragment in fragments) for error in errors), errors


@pytest.mark.parametrize("path", form_files(), ids=lambda p: p.name)
def test_every_shipped_form_passes_its_check(path: Path) -> None:
    assert check_form_file(path) == []


def test_the_shared_lists_are_sound() -> None:
    errors: list[str] = []
    lists = read_lists(forms_dir() / LISTS_FILE, errors)
    assert errors == []
    assert len(lists["ethnicity"]) >= 56
    assert lists["ethnicity"][0].label_zh == "汉族"


def test_all_forms_load_and_bind_to_form_records() -> None:
    forms = load_all_forms()
    assert set(forms) == FORM_IDS
    for form_id, spec in forms.items():
        assert spec.id == form_id
        assert spec.version >= 1
        assert issubclass(registry.models()[spec.model], FormRecord)


def test_household_form_follows_the_paper_order() -> None:
    spec = load_form("household_assessment")
    sections = [s.key for s in spec.sections]
    assert sections.index("header") < sections.index("family") < sections.index("members")
    assert sections.index("members") < sections.index("obligors") < sections.index("income")
    assert sections.index("income") < sections.index("assets") < sections.index("rigid") < sections.index("living")
    assert sections[-1] == "photos"
    order = [f.key for f in field_order(spec)]
    assert order[:3] == ["survey_no", "assistance_type", "survey_kind"]
    assert order.index("applicant_name") < order.index("members") < order.index("investigator_opinion")
    assert spec.print_hints.title_zh == "慈溪市 {town} 社会救助家庭经济状况入户调查表"


def test_repeat_groups_bind_to_child_tables_and_json_lists() -> None:
    spec = load_form("household_assessment")
    members = spec.field("members")
    assert members.binding.kind is BindingKind.CHILD_ROWS
    assert (members.repeat_model, members.link, members.print_blank_rows) == ("household_member", "assessment_id", 6)
    assert members.field("id_number").max_length == 18
    assert members.field("self_care.eat").binding.kind is BindingKind.NESTED
    assert spec.field("investigators").repeat_model == "json"
    assert spec.field("investigators").field("name").binding.kind is BindingKind.ROW_KEY
    assert dict(spec.field("vehicles").where) == {"kind": "VEHICLE"}
    assert spec.field("extra.calculation_trace").binding.kind is BindingKind.EXTRA
    assert spec.field("photo_exterior").binding.kind is BindingKind.ATTACHMENT
    notice = load_form("rectification_notice")
    receipt = notice.sections[-1]
    assert (receipt.model, receipt.link) == ("service_receipt", "notice_id")
    assert notice.field("servers").scalar


def test_id_numbers_print_masked_unless_the_document_needs_them() -> None:
    assert load_form("child_file").field("id_number").print_mask
    assert load_form("household_assessment").field("members").field("id_number").print_mask
    assert not load_form("rectification_notice").field("party.id_number").print_mask


def test_enum_choices_carry_the_official_chinese_terms() -> None:
    spec = load_form("child_file")
    category = spec.field("primary_category")
    assert category.choice_label_zh("DE_FACTO_UNSUPPORTED") == "事实无人抚养儿童"
    visit = load_form("child_visit")
    assert {c.label_zh for c in visit.field("safety").choices} >= {"无异常", "疑似家暴"}


def test_every_computation_used_is_known_and_every_known_one_is_used() -> None:
    used = {
        f.compute
        for spec in load_all_forms().values()
        for section in spec.sections
        for top in section.fields
        for f in (top, *top.fields)
        if f.type is FieldType.COMPUTED
    }
    assert used == set(COMPUTATIONS)


# ---------------------------------------------------------------- broken definitions


def test_one_broken_file_reports_each_kind_of_problem(tmp_path: Path) -> None:
    body = (
        VISITOR
        + 'requird = true\nrelevant = "saw_kid"\nconstraint = "__import__(\'os\').system(\'x\')"\nmessage_zh = "不对"\n'
        + VISITOR.replace('"visitor"', '"visitor_name"')
    )
    errors = check(tmp_path, body)
    assert_error(errors, "unknown key 'requird'")
    assert_error(errors, "unknown field 'saw_kid'")
    assert_error(errors, "is not allowed")
    assert_error(errors, "has no attribute 'visitor_name'")


def test_unknown_key_is_reported_with_a_suggestion(tmp_path: Path) -> None:
    assert_error(check(tmp_path, VISITOR + "requird = true\n"), "unknown key 'requird'", "did you mean 'required'")


def test_binding_to_a_missing_attribute(tmp_path: Path) -> None:
    errors = check(tmp_path, VISITOR.replace('"visitor"', '"visiter"'))
    assert_error(errors, "'child_visit' has no attribute 'visiter'")


def test_binding_inside_a_non_object_column(tmp_path: Path) -> None:
    errors = check(tmp_path, VISITOR.replace('"visitor"', '"visitor.name"'))
    assert_error(errors, "not a JSON-object column")


def test_binding_with_the_wrong_type(tmp_path: Path) -> None:
    errors = check(tmp_path, VISITOR.replace('"visitor"', '"visit_at"'))
    assert_error(errors, "a text field cannot bind to child_visit.visit_at")


def test_extra_on_a_child_table_without_extra(tmp_path: Path) -> None:
    body = """
    [[section.field]]
    key = "referrals"
    type = "repeat"
    model = "referral"
    link = "visit_id"
    label = "Referrals"
    label_zh = "转介"

    [[section.field.field]]
    key = "extra.note"
    type = "text"
    label = "Note"
    label_zh = "备注"
    """
    assert_error(check(tmp_path, body), "'referral' has no `extra`")


def test_rule_naming_an_unknown_field(tmp_path: Path) -> None:
    errors = check(tmp_path, VISITOR + 'relevant = "saw_kid == true"\n')
    assert_error(errors, "unknown field 'saw_kid'")


def test_row_rule_naming_an_unknown_column(tmp_path: Path) -> None:
    body = """
    [[section.field]]
    key = "companions"
    type = "repeat"
    model = "json"
    scalar = true
    label = "Companions"
    label_zh = "陪同人"
    constraint = "count_where(companions, \\"nmae == 'x'\\") == 0"
    message_zh = "不可以"

    [[section.field.field]]
    key = "name"
    type = "text"
    label = "Name"
    label_zh = "姓名"
    """
    assert_error(check(tmp_path, body), "unknown field 'nmae'")


@pytest.mark.parametrize(
    ("rule", "fragment"),
    [
        ("__import__('os')", "function '__import__' is not allowed"),
        ("visitor.upper() == 'X'", "function 'visitor.upper' is not allowed"),
        ("visitor.__class__ == 1", "is not allowed"),
        ("(1).real == 1", "attribute access is not allowed"),
        ("safety[0] == 'NONE'", "Subscript is not allowed"),
        ("[s for s in safety]", "ListComp is not allowed"),
        ("(lambda: 1)()", "is not allowed"),
        ("eval('1')", "function 'eval' is not allowed"),
        ("open('/etc/passwd')", "function 'open' is not allowed"),
        ("len(visitor, key=1)", "takes no keyword arguments"),
        ("count(visitor) > 1", "needs a repeat group"),
        ("visitor if saw_child else 1", "IfExp is not allowed"),
        ("2 ** 64", "operator Pow is not allowed"),
        ("unique(visitor, 1)", "unique() needs a quoted column key"),
        ("visitor ==", "not a valid rule"),
    ],
)
def test_unsafe_or_invalid_rules_are_refused(tmp_path: Path, rule: str, fragment: str) -> None:
    errors = check(tmp_path, VISITOR + f'constraint = """{rule}"""\nmessage_zh = "不对"\n')
    assert_error(errors, fragment)


def test_choice_literal_that_is_not_a_choice(tmp_path: Path) -> None:
    body = (
        VISITOR
        + "relevant = \"any_in(safety, ['MISING'])\"\n"
        + VISITOR.replace('"visitor"', '"safety"').replace(
            'type = "text"', 'type = "multichoice"\nenum = "SafetyFinding"'
        )
    )
    assert_error(check(tmp_path, body), "'MISING' is not a choice of 'safety'")


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        (VISITOR.replace('type = "text"', 'type = "choice"').replace('"visitor"', '"mode"'), "needs exactly one of"),
        (VISITOR.replace('type = "text"', 'type = "choice"\nenum = "Mode"').replace('"visitor"', '"mode"'), "enum"),
        (VISITOR.replace('type = "text"', 'type = "computed"\ncompute = "magic"'), "unknown computation 'magic'"),
        (VISITOR.replace('type = "text"', 'type = "repeat"').replace('"visitor"', '"refs"'), "'model' is required"),
        (VISITOR + VISITOR, "duplicate field key 'visitor'"),
        (VISITOR.replace('type = "text"', 'type = "textt"'), "'type' must be one of"),
        (VISITOR + 'constraint = "len(visitor) < 5"\n', "a constraint needs 'message_zh'"),
        (VISITOR.replace('type = "text"', 'type = "money"'), "a money field cannot bind"),
        (VISITOR + "max_length = 500\n", "exceeds the column's 64"),
        (VISITOR + "print_width = 1.5\n", "'print_width'"),
        (VISITOR + "default = 5\n", "default 5"),
    ],
)
def test_definition_errors(tmp_path: Path, body: str, fragment: str) -> None:
    assert_error(check(tmp_path, body), fragment)


def test_choice_values_must_fit_the_column(tmp_path: Path) -> None:
    body = """
    [[section.field]]
    key = "school"
    type = "choice"
    label = "School"
    label_zh = "就学"
    choices = [{ value = "A_VERY_LONG_VALUE_THAT_DOES_NOT_FIT_IN_FORTY_CHARACTERS", label_zh = "长" }]
    """
    assert_error(check(tmp_path, body), "is longer than school's 40")


def test_form_level_problems(tmp_path: Path) -> None:
    header = HEADER.replace('id = "broken"', 'id = "other"').replace('model = "child_visit"', 'model = "referral"')
    errors = check(tmp_path, VISITOR, header)
    assert_error(errors, "must match the file name")
    assert_error(errors, "'referral' is not a table of a form record")


def test_unreadable_toml_is_an_error_not_an_exception(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text("[form\nid = 1", encoding="utf-8")
    assert_error(check_form_file(path), "cannot read")
    path.write_bytes(b"\xff\xfe\x00")
    assert_error(check_form_file(path), "cannot read")


def test_loading_a_broken_form_raises_with_every_problem(tmp_path: Path) -> None:
    (tmp_path / "broken.toml").write_text(
        textwrap.dedent(HEADER) + textwrap.dedent(VISITOR) + 'requird = true\nrelevant = "nope"\n', encoding="utf-8"
    )
    with pytest.raises(FormDefinitionError) as caught:
        load_form("broken", tmp_path)
    assert len(caught.value.errors) == 2
    with pytest.raises(FormDefinitionError):
        load_all_forms(tmp_path)
    with pytest.raises(FormDefinitionError):
        load_form("../etc/passwd")


# ---------------------------------------------------------------- the rule language


def run(source: str, **values: object) -> object:
    return evaluate(parse_expr(source), Env(values, date(2025, 6, 1)))


def test_expressions_evaluate_with_three_valued_logic() -> None:
    assert run("a == 'X' and b > 1", a="X", b=2) is True
    assert run("a > 1") is UNKNOWN
    assert run("a > 1 or b", b=True) is True
    assert run("a > 1 and b", b=False) is False
    assert run("not a") is UNKNOWN
    assert run("is_blank(a) and is_blank(b)", a="  ", b=[]) is True
    assert run("'NONE' in safety", safety=None) is False
    assert run("any_in(safety, ['MISSING', 'ALONE_UNCARED'])", safety=["NONE", "MISSING"]) is True
    assert run("count(rows) + len(name)", rows=[{}, {}], name="陈思䶮") == 5
    assert run('count_where(rows, "age >= 60")', rows=[{"age": 61}, {"age": 30}, {"age": None}]) == 1
    assert run("age(born)", born=date(2007, 6, 2)) == 17
    assert run("today() - d", d=date(2025, 5, 1)) == 31
    assert run("a / b", a=1, b=0) is UNKNOWN
    assert run("a + 1", a="text") is UNKNOWN
    assert run("father.status == 'DECEASED'", **{"father.status": "DECEASED"}) is True
    assert run("x == true and y == null", x=True, y=None) is True
    assert run("unique(rows, 'id')", rows=[{"id": "1"}, {"id": ""}, {"id": ""}, {"id": "2"}]) is True
    assert run("unique(rows, 'id')", rows=[{"id": "1"}, {"id": "1"}]) is False


def test_parse_rejects_overlong_and_empty_rules() -> None:
    with pytest.raises(ExprError):
        parse_expr("")
    with pytest.raises(ExprError):
        parse_expr("a or " * 1000 + "b")
    with pytest.raises(ExprError):
        parse_expr("(" * 500 + "1" + ")" * 500)


# ---------------------------------------------------------------- money


@pytest.mark.parametrize(
    ("text", "fen"),
    [("1005", 100500), ("1,005.00", 100500), ("1005.5", 100550), (" ￥1005元 ", 100500), ("１００５", 100500),
     ("0", 0), (".5", 50), ("12,345,678.90", 1234567890)],
)  # fmt: skip
def test_parse_money(text: str, fen: int) -> None:
    assert parse_money(text) == fen


@pytest.mark.parametrize("text", ["abc", "-5", "1.005", "1,00.00", "1e3", "", "NaN", "一千", "1 005", "9" * 20])
def test_parse_money_refuses_with_a_chinese_message(text: str) -> None:
    with pytest.raises(MoneyError) as caught:
        parse_money(text)
    assert caught.value.message_zh.startswith("金额")


def test_format_money() -> None:
    assert format_money(100500) == "1,005.00"
    assert format_money(5) == "0.05"
    assert format_money(123456789) == "1,234,567.89"
    assert format_money(-100) == "-1.00"
    with pytest.raises(TypeError):
        format_money(1.5)  # type: ignore[arg-type]
