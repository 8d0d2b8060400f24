"""The safe rule language of form definitions (forms/README.md): parsed with `ast`, checked, never eval'd."""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any, Final

from fieldvisit.formspec.spec import FieldSpec, FieldType

MAX_SOURCE_LENGTH = 2000
_CST = timezone(timedelta(hours=8))
_LITERAL_NAMES: Final = {"true": True, "false": False, "null": None}
_FUNCTIONS: Final = {
    "len": (1, 1),
    "today": (0, 0),
    "age": (1, 1),
    "count": (1, 1),
    "count_where": (2, 2),
    "any_in": (2, 2),
    "is_blank": (1, 1),
    "unique": (2, 2),
}
_COMPARE_OPS: Final[dict[type[ast.cmpop], Callable[[Any, Any], Any]]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
}
_BIN_OPS: Final[dict[type[ast.operator], Callable[[Any, Any], Any]]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}


class _Unknown:
    """The value of a rule that cannot be decided yet (it depends on a blank or unusable answer)."""

    _instance: _Unknown | None = None

    def __new__(cls) -> _Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Final = _Unknown()
"""The value of a rule that depends on a blank or unusable answer; each caller decides what it means."""


class ExprError(ValueError):
    """A rule that is not valid in the rule language (syntax, a forbidden construct)."""


@dataclass(frozen=True, eq=False)
class Expr:
    """A parsed rule: its source text, syntax tree and the row rules of its `count_where` calls."""

    source: str
    tree: ast.Expression
    row_rules: dict[str, Expr] = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"Expr({self.source!r})"


def dotted_name(node: ast.expr) -> str | None:
    """`a.b.c` for a chain of plain names, None for anything else (a call, a subscript, a literal)."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


def parse_expr(source: str) -> Expr:
    """Parse a rule, refusing anything outside the language. Raises ExprError."""
    if not isinstance(source, str) or not source.strip():
        raise ExprError("a rule must be a non-empty string")
    if len(source) > MAX_SOURCE_LENGTH:
        raise ExprError(f"rule longer than {MAX_SOURCE_LENGTH} characters")
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        raise ExprError(f"not a valid rule: {source!r} ({exc.__class__.__name__})") from None
    row_rules: dict[str, Expr] = {}
    _check_syntax(tree.body, row_rules)
    return Expr(source, tree, row_rules)


def _check_syntax(node: ast.expr, row_rules: dict[str, Expr]) -> None:
    if isinstance(node, ast.Constant):
        if not isinstance(node.value, str | int | float | bool) and node.value is not None:
            raise ExprError(f"literal {node.value!r} is not allowed")
    elif isinstance(node, ast.Name | ast.Attribute):
        name = dotted_name(node)
        if name is None:
            raise ExprError("attribute access is not allowed; only dotted field keys such as father.status")
        if any(part.startswith("_") for part in name.split(".")):
            raise ExprError(f"name {name!r} is not allowed")
    elif isinstance(node, ast.List | ast.Tuple):
        for item in node.elts:
            _check_syntax(item, row_rules)
    elif isinstance(node, ast.BoolOp):
        for value in node.values:
            _check_syntax(value, row_rules)
    elif isinstance(node, ast.UnaryOp):
        if not isinstance(node.op, ast.Not | ast.USub | ast.UAdd):
            raise ExprError(f"operator {node.op.__class__.__name__} is not allowed")
        _check_syntax(node.operand, row_rules)
    elif isinstance(node, ast.BinOp):
        if type(node.op) not in _BIN_OPS:
            raise ExprError(f"operator {node.op.__class__.__name__} is not allowed")
        _check_syntax(node.left, row_rules)
        _check_syntax(node.right, row_rules)
    elif isinstance(node, ast.Compare):
        for op in node.ops:
            if type(op) not in _COMPARE_OPS and not isinstance(op, ast.In | ast.NotIn):
                raise ExprError(f"comparison {op.__class__.__name__} is not allowed")
        _check_syntax(node.left, row_rules)
        for comparator in node.comparators:
            _check_syntax(comparator, row_rules)
    elif isinstance(node, ast.Call):
        _check_call(node, row_rules)
    else:
        raise ExprError(f"{node.__class__.__name__} is not allowed in a rule")


def _check_call(node: ast.Call, row_rules: dict[str, Expr]) -> None:
    if not isinstance(node.func, ast.Name) or node.func.id not in _FUNCTIONS:
        shown = dotted_name(node.func) or node.func.__class__.__name__
        raise ExprError(f"function {shown!r} is not allowed; allowed: {', '.join(sorted(_FUNCTIONS))}")
    name = node.func.id
    if node.keywords:
        raise ExprError(f"{name}() takes no keyword arguments")
    low, high = _FUNCTIONS[name]
    if not low <= len(node.args) <= high:
        raise ExprError(f"{name}() takes {low} argument(s), got {len(node.args)}")
    if name in ("count", "count_where", "unique") and dotted_name(node.args[0]) is None:
        raise ExprError(f"{name}() needs the key of a repeat group as its first argument")
    if name == "unique" and not (isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str)):
        raise ExprError("unique() needs a quoted column key: unique(members, 'id_number')")
    if name == "count_where":
        rule = node.args[1]
        if not isinstance(rule, ast.Constant) or not isinstance(rule.value, str):
            raise ExprError('count_where() needs a quoted row rule: count_where(members, "age >= 60")')
        row_rules[rule.value] = parse_expr(rule.value)
        _check_syntax(node.args[0], row_rules)
        return
    if name == "any_in" and (dotted_name(node.args[0]) is None or not isinstance(node.args[1], ast.List | ast.Tuple)):
        raise ExprError("any_in() needs a field key and a list literal: any_in(safety, ['MISSING'])")
    for arg in node.args:
        _check_syntax(arg, row_rules)


@dataclass(frozen=True)
class Scope:
    """The field keys a rule may name: a repeat row's columns first, then the form's fields."""

    fields: Mapping[str, FieldSpec]
    outer: Scope | None = None

    def lookup(self, key: str) -> FieldSpec | None:
        scope: Scope | None = self
        while scope is not None:
            if key in scope.fields:
                return scope.fields[key]
            scope = scope.outer
        return None


def check_names(expr: Expr, scope: Scope) -> list[str]:
    """Problems with the names in a parsed rule: unknown keys, misused functions, impossible choice values."""
    errors: list[str] = []
    _check_node(expr.tree.body, scope, expr, errors)
    return errors


def _check_node(node: ast.AST, scope: Scope, expr: Expr, errors: list[str]) -> None:
    if isinstance(node, ast.Name | ast.Attribute):
        name = dotted_name(node)  # type: ignore[arg-type]
        if name is not None and name not in _LITERAL_NAMES and scope.lookup(name) is None:
            errors.append(f"rule {expr.source!r} refers to unknown field {name!r}")
        return
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        _check_call_names(node, scope, expr, errors)
        return
    if isinstance(node, ast.Compare):
        _check_compared_choices(node, scope, expr, errors)
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.expr):
            _check_node(child, scope, expr, errors)


def _check_call_names(node: ast.Call, scope: Scope, expr: Expr, errors: list[str]) -> None:
    name = node.func.id  # type: ignore[attr-defined]
    if name in ("count", "count_where", "unique"):
        key = dotted_name(node.args[0]) or ""
        target = scope.lookup(key)
        if target is None or target.type is not FieldType.REPEAT:
            errors.append(f"rule {expr.source!r}: {name}() needs a repeat group, {key!r} is not one")
            return
        column = node.args[1].value if name == "unique" else ""  # type: ignore[attr-defined]
        if column and column not in {f.key for f in target.fields}:
            errors.append(f"rule {expr.source!r}: {key!r} has no column {column!r}")
        if name == "count_where":
            row_source = node.args[1].value  # type: ignore[attr-defined]
            row_scope = Scope({f.key: f for f in target.fields}, scope)
            errors.extend(check_names(expr.row_rules[row_source], row_scope))
        return
    if name == "any_in":
        key = dotted_name(node.args[0]) or ""
        target = scope.lookup(key)
        if target is None:
            errors.append(f"rule {expr.source!r} refers to unknown field {key!r}")
            return
        _check_literals(target, node.args[1].elts, expr, errors)  # type: ignore[attr-defined]
        return
    for arg in node.args:
        _check_node(arg, scope, expr, errors)


def _check_compared_choices(node: ast.Compare, scope: Scope, expr: Expr, errors: list[str]) -> None:
    operands = [node.left, *node.comparators]
    for op, left, right in zip(node.ops, operands, operands[1:], strict=False):
        if isinstance(op, ast.Eq | ast.NotEq):
            for name_side, other in ((left, right), (right, left)):
                target = _choice_field(name_side, scope)
                if target is not None and isinstance(other, ast.Constant):
                    _check_literals(target, [other], expr, errors)
        elif isinstance(op, ast.In | ast.NotIn):
            target = _choice_field(left, scope)
            if target is not None and isinstance(right, ast.List | ast.Tuple):
                _check_literals(target, right.elts, expr, errors)
            target = _choice_field(right, scope)
            if target is not None and isinstance(left, ast.Constant):
                _check_literals(target, [left], expr, errors)


def _choice_field(node: ast.expr, scope: Scope) -> FieldSpec | None:
    name = dotted_name(node)
    target = scope.lookup(name) if name else None
    if target is not None and target.value_type.has_choices and target.choices and not target.lookup:
        return target
    return None


def _check_literals(target: FieldSpec, nodes: Sequence[ast.expr], expr: Expr, errors: list[str]) -> None:
    if not target.choices or target.lookup:
        return
    for item in nodes:
        if isinstance(item, ast.Constant) and item.value is not None and item.value not in target.choice_values:
            errors.append(f"rule {expr.source!r}: {item.value!r} is not a choice of {target.key!r}")


@dataclass(frozen=True)
class Env:
    """What a rule sees while it runs: the form's values, the current repeat row, and today."""

    values: Mapping[str, Any]
    today: date
    row: Mapping[str, Any] | None = None

    def get(self, key: str) -> Any:
        if self.row is not None and key in self.row:
            return self.row[key]
        return self.values.get(key)


def evaluate(expr: Expr, env: Env) -> Any:
    """The value of a rule, or UNKNOWN when it depends on a blank or unusable answer. Never raises."""
    try:
        return _eval(expr.tree.body, env, expr)
    except (TypeError, ValueError, ArithmeticError, AttributeError, RecursionError):
        return UNKNOWN


def truth(value: Any) -> bool | _Unknown:
    """Three-valued truth: a blank (None) or UNKNOWN is unknown, anything else is Python truth."""
    if value is None or value is UNKNOWN:
        return UNKNOWN
    return bool(value)


def _eval(node: ast.expr, env: Env, expr: Expr) -> Any:
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name | ast.Attribute):
        name = dotted_name(node) or ""
        return _LITERAL_NAMES[name] if name in _LITERAL_NAMES else env.get(name)
    if isinstance(node, ast.List | ast.Tuple):
        return [_eval(item, env, expr) for item in node.elts]
    if isinstance(node, ast.BoolOp):
        return _eval_boolop(node, env, expr)
    if isinstance(node, ast.UnaryOp):
        operand = _eval(node.operand, env, expr)
        if isinstance(node.op, ast.Not):
            known = truth(operand)
            return UNKNOWN if known is UNKNOWN else not known
        if not _is_number(operand):
            return UNKNOWN
        return -operand if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.BinOp):
        return _eval_binop(node, env, expr)
    if isinstance(node, ast.Compare):
        return _eval_compare(node, env, expr)
    if isinstance(node, ast.Call):
        return _eval_call(node, env, expr)
    return UNKNOWN


def _eval_boolop(node: ast.BoolOp, env: Env, expr: Expr) -> bool | _Unknown:
    decisive = isinstance(node.op, ast.Or)  # the value that settles the whole expression
    unknown = False
    for value_node in node.values:
        value = truth(_eval(value_node, env, expr))
        if value is UNKNOWN:
            unknown = True
        elif value is decisive:
            return decisive
    return UNKNOWN if unknown else not decisive


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _as_local_date(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(_CST).date() if value.tzinfo else value.date()
    return value


def _eval_binop(node: ast.BinOp, env: Env, expr: Expr) -> Any:
    left, right = _eval(node.left, env, expr), _eval(node.right, env, expr)
    if _is_number(left) and _is_number(right):
        if isinstance(node.op, ast.Div) and right == 0:
            return UNKNOWN
        return _BIN_OPS[type(node.op)](left, right)
    left, right = _as_local_date(left), _as_local_date(right)
    if isinstance(node.op, ast.Sub) and isinstance(left, date) and isinstance(right, date):
        return (left - right).days
    return UNKNOWN


def _comparable(left: Any, right: Any) -> tuple[Any, Any] | None:
    if _is_number(left) and _is_number(right):
        return left, right
    if isinstance(left, date) and isinstance(right, date):
        both_datetimes = isinstance(left, datetime) and isinstance(right, datetime)
        if both_datetimes and (left.tzinfo is None) == (right.tzinfo is None):
            return left, right
        return _as_local_date(left), _as_local_date(right)
    if isinstance(left, str) and isinstance(right, str):
        return left, right
    return None


def _eval_compare(node: ast.Compare, env: Env, expr: Expr) -> bool | _Unknown:
    left = _eval(node.left, env, expr)
    unknown = False
    for op, right_node in zip(node.ops, node.comparators, strict=True):
        right = _eval(right_node, env, expr)
        if left is UNKNOWN or right is UNKNOWN:
            result: bool | _Unknown = UNKNOWN
        elif isinstance(op, ast.In | ast.NotIn):
            container = [] if right is None else right
            usable = isinstance(container, list | tuple | dict) or (
                isinstance(container, str) and isinstance(left, str)
            )
            result = (left in container) == isinstance(op, ast.In) if usable else UNKNOWN
        elif isinstance(op, ast.Eq | ast.NotEq):
            pair = _comparable(left, right)
            a, b = pair if pair is not None else (left, right)
            result = _COMPARE_OPS[type(op)](a, b)
        else:
            pair = _comparable(left, right)
            result = UNKNOWN if pair is None else _COMPARE_OPS[type(op)](*pair)
        if result is False:
            return False
        unknown = unknown or result is UNKNOWN
        left = right
    return UNKNOWN if unknown else True


def _eval_call(node: ast.Call, env: Env, expr: Expr) -> Any:
    name = node.func.id  # type: ignore[attr-defined]
    if name == "today":
        return env.today
    if name == "count_where":
        rows = env.get(dotted_name(node.args[0]) or "")
        rule = expr.row_rules[node.args[1].value]  # type: ignore[attr-defined]
        if not isinstance(rows, list | tuple):
            return 0
        return sum(
            1
            for row in rows
            if isinstance(row, Mapping) and truth(evaluate(rule, Env(env.values, env.today, row))) is True
        )
    args = [_eval(arg, env, expr) for arg in node.args]
    if any(arg is UNKNOWN for arg in args):
        return UNKNOWN
    if name == "is_blank":
        return is_blank(args[0])
    if name == "unique":
        rows, column = args
        if not isinstance(rows, list | tuple):
            return True
        seen = [row.get(column) for row in rows if isinstance(row, Mapping) and not is_blank(row.get(column))]
        try:
            return len(set(seen)) == len(seen)
        except TypeError:
            return UNKNOWN
    if name in ("len", "count"):
        value = args[0]
        if value is None:
            return 0
        return len(value) if isinstance(value, str | list | tuple | dict) else UNKNOWN
    if name == "any_in":
        chosen, wanted = args
        if chosen is None:
            return False
        if not isinstance(chosen, list | tuple):
            chosen = [chosen]
        return any(item in wanted for item in chosen)
    if name == "age":
        born = _as_local_date(args[0])
        if not isinstance(born, date):
            return UNKNOWN
        today = env.today
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return UNKNOWN


def is_blank(value: Any) -> bool:
    """True for an unanswered value: None, an empty or all-whitespace string, an empty list or dict."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple | dict):
        return len(value) == 0
    return False
