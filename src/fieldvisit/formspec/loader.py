"""Loads `forms/<form_id>.toml` into checked FormSpecs, reporting every problem of a definition at once."""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from fieldvisit.assets import forms_dir
from fieldvisit.formspec import registry
from fieldvisit.formspec.expr import Expr, Scope, check_names
from fieldvisit.formspec.fields import FieldBuilder, Place, read_choices
from fieldvisit.formspec.reader import TableReader
from fieldvisit.formspec.spec import Choice, FieldSpec, FieldType, FormSpec, PrintHints, Rule, Section
from fieldvisit.formspec.values import check_value

LISTS_FILE = "_lists.toml"
"""Shared choice lists (`choice_list = "ethnicity"`), beside the forms; files named `_*` are not forms."""

PRINT_CONTEXT = frozenset({"town", "village"})
"""Names a print title or statement may use besides field keys: the printer resolves them from the record."""

_FORM_ID = re.compile(r"[a-z][a-z0-9_]*")
_TOP_KEYS = ("form", "section", "check")
_FORM_KEYS = ("id", "version", "title", "title_zh", "model", "print")
_PRINT_KEYS = ("paper", "orientation", "title", "title_zh", "copies_zh", "confidential_zh", "number_field")
_SECTION_KEYS = (
    "key", "title", "title_zh", "model", "link", "relevant", "statement", "statement_zh",
    "print_break_before", "field",
)  # fmt: skip
_CHECK_KEYS = ("field", "assert", "message", "message_zh", "severity", "on")
_LIST_KEYS = ("title", "title_zh", "choices")


class FormDefinitionError(ValueError):
    """A form definition that does not pass its check; `errors` lists every problem found."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("invalid form definition:\n  " + "\n  ".join(errors))
        self.errors = errors


def form_files(directory: Path | None = None) -> list[Path]:
    """The definition files of a forms directory (the bundled one by default), by name."""
    folder = directory or forms_dir()
    return sorted(p for p in folder.glob("*.toml") if not p.name.startswith("_"))


def check_form_file(path: Path) -> list[str]:
    """Every problem of one definition file (and of the shared lists it uses); empty when it is sound."""
    return _build(Path(path))[1]


def load_form_file(path: Path) -> FormSpec:
    """Load one definition file; raises FormDefinitionError listing all its problems."""
    spec, errors = _build(Path(path))
    if errors or spec is None:
        raise FormDefinitionError(errors)
    return spec


def load_form(form_id: str, directory: Path | None = None) -> FormSpec:
    """Load `forms/<form_id>.toml`; raises FormDefinitionError when it has problems or does not exist."""
    if not _FORM_ID.fullmatch(form_id):
        raise FormDefinitionError([f"{form_id!r} is not a form id"])
    path = (directory or forms_dir()) / f"{form_id}.toml"
    if not path.is_file():
        raise FormDefinitionError([f"no form definition {path.name} in {path.parent}"])
    return load_form_file(path)


def load_all_forms(directory: Path | None = None) -> dict[str, FormSpec]:
    """Every form definition by id; raises FormDefinitionError listing the problems of all files at once."""
    forms: dict[str, FormSpec] = {}
    errors: list[str] = []
    for path in form_files(directory):
        spec, problems = _build(path)
        errors += problems
        if spec is not None:
            forms[spec.id] = spec
    if errors:
        raise FormDefinitionError(errors)
    return forms


def _read_toml(path: Path, errors: list[str]) -> dict[str, Any] | None:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        errors.append(f"{path.name}: cannot read: {exc}")
        return None


def read_lists(path: Path, errors: list[str]) -> dict[str, tuple[Choice, ...]]:
    """The shared choice lists of `_lists.toml` (none when the file does not exist)."""
    if not path.is_file():
        return {}
    raw = _read_toml(path, errors) or {}
    lists: dict[str, tuple[Choice, ...]] = {}
    for name, table in raw.items():
        reader = TableReader(table, f"{path.name} [{name}]", errors, _LIST_KEYS)
        reader.text("title_zh", required=True)
        lists[name] = read_choices(reader.get("choices"), reader.where, errors)
    return lists


def _build(path: Path) -> tuple[FormSpec | None, list[str]]:
    errors: list[str] = []
    raw = _read_toml(path, errors)
    if raw is None:
        return None, errors
    top = TableReader(raw, path.name, errors, _TOP_KEYS)
    form = TableReader(top.get("form", {}), f"{path.name} [form]", errors, _FORM_KEYS)
    form_id = form.text("id", required=True)
    if form_id and form_id != path.stem:
        form.error(f"id {form_id!r} must match the file name {path.stem!r}")
    model = form.text("model", required=True)
    if model and not registry.is_form_record(model):
        form.error(f"model {model!r} is not a table of a form record (known: {', '.join(_form_models())})")
        return None, errors
    builder = FieldBuilder(read_lists(path.parent / LISTS_FILE, errors), errors)
    sections = tuple(
        s for s in (_section(raw_s, model, builder, path.name, errors) for raw_s in top.tables("section")) if s
    )
    if not sections:
        top.error("a form needs at least one [[section]] with fields")
    spec = FormSpec(
        id=form_id,
        version=form.integer("version", 0, minimum=1) or 0,
        title=form.text("title", required=True),
        title_zh=form.text("title_zh", required=True),
        model=model,
        sections=sections,
        checks=tuple(_checks(top, errors)),
        print_hints=_print_hints(form.get("print", {}), f"{path.name} [form.print]", errors),
    )
    if not form.has("version"):
        form.error("'version' is required")
    _check_keys(spec, path.name, errors)
    _check_row_choices(spec, path.name, errors)
    _check_rules(spec, path.name, errors)
    _check_defaults(spec, path.name, errors)
    _check_templates(spec, path.name, errors)
    return spec, errors


def _form_models() -> list[str]:
    return sorted(name for name in registry.models() if registry.is_form_record(name))


def _section(raw: Any, form_model: str, builder: FieldBuilder, file: str, errors: list[str]) -> Section | None:
    key = raw.get("key") if isinstance(raw, Mapping) else None
    reader = TableReader(raw, f"{file} section {key!r}", errors, _SECTION_KEYS)
    key = reader.text("key", required=True)
    model = reader.text("model") or form_model
    link = ""
    if model != form_model:
        if model not in registry.models():
            reader.error(f"unknown model {model!r}")
            return None
        link = reader.text("link") or registry.link_column(model, form_model)
        if not link or registry.column(model, link) is None:
            reader.error(f"{model!r} has no column linking it to {form_model!r}; set 'link'")
    elif reader.has("link"):
        reader.error("'link' is for a section bound to another model")
    raw_fields = reader.tables("field")
    if not raw_fields:
        reader.error("a section needs at least one [[section.field]]")
    built = (builder.build(raw_field, Place(model, reader.where)) for raw_field in raw_fields)
    return Section(
        key=key,
        title=reader.text("title", required=True),
        title_zh=reader.text("title_zh", required=True),
        fields=tuple(f for f in built if f is not None),
        model=model if model != form_model else "",
        link=link,
        relevant=reader.rule("relevant"),
        statement=reader.text("statement"),
        statement_zh=reader.text("statement_zh"),
        print_break_before=reader.flag("print_break_before"),
    )


def _checks(top: TableReader, errors: list[str]) -> Iterable[Rule]:
    for index, raw in enumerate(top.tables("check")):
        reader = TableReader(raw, f"{top.where} check {index + 1}", errors, _CHECK_KEYS)
        expr = reader.rule("assert")
        if expr is None:
            reader.error("'assert' (the rule that must hold) is required")
            continue
        message_zh = reader.text("message_zh", required=True)
        yield Rule(
            field_key=reader.text("field", required=True),
            expr=expr,
            message=reader.text("message", default=message_zh),
            message_zh=message_zh,
            severity=reader.one_of("severity", ("error", "warning"), "error"),  # type: ignore[arg-type]
            final_only=reader.one_of("on", ("always", "final"), "always") == "final",
        )


def _print_hints(raw: Any, where: str, errors: list[str]) -> PrintHints:
    reader = TableReader(raw, where, errors, _PRINT_KEYS)
    return PrintHints(
        paper=reader.one_of("paper", ("A4", "A3", "A5"), "A4"),
        orientation=reader.one_of("orientation", ("portrait", "landscape"), "portrait"),  # type: ignore[arg-type]
        title=reader.text("title"),
        title_zh=reader.text("title_zh"),
        copies_zh=reader.strings("copies_zh"),
        confidential_zh=reader.text("confidential_zh"),
        number_field=reader.text("number_field"),
    )


def _check_keys(spec: FormSpec, file: str, errors: list[str]) -> None:
    section_keys = [s.key for s in spec.sections]
    field_keys = [f.key for s in spec.sections for f in s.fields]
    for kind, keys in (("section", section_keys), ("field", field_keys)):
        for duplicate in sorted({k for k in keys if keys.count(k) > 1}):
            errors.append(f"{file}: duplicate {kind} key {duplicate!r}")
    slots = [f.key for f in _all_fields(spec) if f.type.is_attachment]
    for duplicate in sorted({k for k in slots if slots.count(k) > 1}):
        errors.append(f"{file}: duplicate attachment slot {duplicate!r}")
    if spec.print_hints.number_field and spec.print_hints.number_field not in spec.fields_by_key:
        errors.append(f"{file}: [form.print] number_field {spec.print_hints.number_field!r} is not a field")
    for rule in spec.checks:
        if rule.field_key and rule.field_key not in spec.fields_by_key:
            errors.append(f"{file}: check {rule.expr.source!r} is shown on unknown field {rule.field_key!r}")


def _check_row_choices(spec: FormSpec, file: str, errors: list[str]) -> None:
    """`choices_from` names another repeat group of the form whose columns give the stored value and the label."""
    for section in spec.sections:
        for group in section.fields:
            for f in (group, *group.fields):
                if not f.choices_from:
                    continue
                where = f"{file} field {f.key!r}: 'choices_from'"
                source = spec.fields_by_key.get(f.choices_from)
                if source is None or source.type is not FieldType.REPEAT or source.scalar:
                    errors.append(f"{where} {f.choices_from!r} is not a repeat group of rows in this form")
                    continue
                if source is group:
                    errors.append(f"{where} a row cannot choose among the rows of its own group")
                columns = {sub.key: sub for sub in source.fields}
                for name in (f.choice_value, f.choice_label):
                    if name and name not in columns:
                        errors.append(f"{where} {f.choices_from!r} has no column {name!r}")
                value = columns.get(f.choice_value)
                if value is not None and f.max_length and (value.max_length or 0) > f.max_length:
                    errors.append(f"{where} {f.choice_value!r} values may be longer than {f.key!r} can hold")


def _all_fields(spec: FormSpec) -> Iterable[FieldSpec]:
    for section in spec.sections:
        for f in section.fields:
            yield f
            yield from f.fields


def _check_rules(spec: FormSpec, file: str, errors: list[str]) -> None:
    top = Scope(spec.fields_by_key)
    for section in spec.sections:
        if section.relevant is not None:
            errors += [f"{file} section {section.key!r}: {e}" for e in check_names(section.relevant, top)]
        for f in section.fields:
            _check_field_rules(f, top, f"{file} field {f.key!r}", errors)
            row_scope = Scope({sub.key: sub for sub in f.fields}, top)
            for sub in f.fields:
                _check_field_rules(sub, row_scope, f"{file} field {f.key!r} > {sub.key!r}", errors)
    for rule in spec.checks:
        errors += [f"{file} check: {e}" for e in check_names(rule.expr, top)]


def _check_field_rules(f: FieldSpec, scope: Scope, where: str, errors: list[str]) -> None:
    rules: list[Expr] = [r for r in (f.relevant, f.constraint) if r is not None]
    if isinstance(f.required, Expr):
        rules.append(f.required)
    for rule in rules:
        errors += [f"{where}: {e}" for e in check_names(rule, scope)]
    for name in (*f.args, f.lookup_parent):
        if name and scope.lookup(name) is None:
            errors.append(f"{where}: refers to unknown field {name!r}")


def _check_defaults(spec: FormSpec, file: str, errors: list[str]) -> None:
    for f in _all_fields(spec):
        if f.default is None:
            continue
        default = list(f.default) if isinstance(f.default, tuple) else f.default
        if f.type in (FieldType.REPEAT, FieldType.COMPUTED) or f.type.is_attachment:
            errors.append(f"{file} field {f.key!r}: a {f.type} field takes no default")
            continue
        _, problems = check_value(f, default, today=date(2000, 1, 1))
        for problem in problems:
            errors.append(f"{file} field {f.key!r}: default {f.default!r}: {problem.message}")


def _check_templates(spec: FormSpec, file: str, errors: list[str]) -> None:
    texts = [spec.print_hints.title, spec.print_hints.title_zh]
    texts += [text for s in spec.sections for text in (s.statement, s.statement_zh)]
    allowed = set(spec.fields_by_key) | PRINT_CONTEXT
    for text in texts:
        try:
            names = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
        except ValueError as exc:
            errors.append(f"{file}: bad template {text!r}: {exc}")
            continue
        for name in names:
            if name not in allowed:
                errors.append(f"{file}: template {text!r} uses unknown name {name!r}")
