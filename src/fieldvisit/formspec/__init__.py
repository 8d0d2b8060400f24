"""Form definitions: load and check `forms/*.toml`, evaluate required/relevant/constraint rules."""

from fieldvisit.formspec.columns import (
    ANY_ROW,
    Answers,
    answer_choices,
    answers_at,
    column_fields,
    forms_for_table,
    not_offered,
)
from fieldvisit.formspec.expr import UNKNOWN, Env, Expr, ExprError, evaluate, is_blank, parse_expr
from fieldvisit.formspec.loader import (
    FormDefinitionError,
    check_form_file,
    form_files,
    load_all_forms,
    load_form,
    load_form_file,
)
from fieldvisit.formspec.money import MoneyError, format_money, parse_money
from fieldvisit.formspec.registry import COMPUTATIONS, LOOKUPS, Computation
from fieldvisit.formspec.spec import (
    Binding,
    BindingKind,
    Choice,
    FieldSpec,
    FieldType,
    FormSpec,
    PrintHints,
    Rule,
    Section,
)
from fieldvisit.formspec.validate import Issue, field_order, relevant_fields, relevant_row_fields, validate

__all__ = [
    "ANY_ROW",
    "COMPUTATIONS",
    "LOOKUPS",
    "UNKNOWN",
    "Answers",
    "Binding",
    "BindingKind",
    "Choice",
    "Computation",
    "Env",
    "Expr",
    "ExprError",
    "FieldSpec",
    "FieldType",
    "FormDefinitionError",
    "FormSpec",
    "Issue",
    "MoneyError",
    "PrintHints",
    "Rule",
    "Section",
    "answer_choices",
    "answers_at",
    "check_form_file",
    "column_fields",
    "evaluate",
    "field_order",
    "form_files",
    "format_money",
    "forms_for_table",
    "is_blank",
    "load_all_forms",
    "load_form",
    "load_form_file",
    "not_offered",
    "parse_expr",
    "parse_money",
    "relevant_fields",
    "relevant_row_fields",
    "validate",
]
