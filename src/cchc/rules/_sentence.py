"""Findings in plain words: what is wrong, with the codes and the numbers.

Internal to :mod:`cchc.rules`.  :mod:`cchc.rules._explain` evaluates a check's
tree; this module turns the evaluated tree into a sentence an officer would
write — ``6.1 + 6.2 + 6.3 + 6.4 là 2 (1 + 1 + trống + 0), khác 4.1.2.a (1)`` —
without a word of the expression language (no ``coalesce(``, ``present(`` …):
those stay in :attr:`~cchc.rules.RuleFinding.expression`.

A rule may carry a message template (``message.vi`` / ``message.en`` in a form
file) with named placeholders, filled by :func:`fill`:

* ``{left}``, ``{right}``: the two sides of the comparison that failed (for
  ``agrees``: the rate entered and the rate computed);
* ``{relation}``: how they actually compare (``lớn hơn`` / ``more than``);
* ``{difference}``: ``left − right`` without its sign;
* ``{row}``, ``{value}``: the first row the check names and its value;
* ``{1.4.1}`` (any code): that row's value, or ``trống`` / ``blank``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

from cchc.expressions import Arith, Call, Compare, InList, Literal, Logic, Neg, Node, Not, Ref
from cchc.rules import _interpret as ev
from cchc.values import Status

__all__ = ["PLACEHOLDERS", "Sentence", "fill", "placeholders"]

PLACEHOLDERS = frozenset({"left", "right", "relation", "difference", "row", "value"})
"""The named placeholders of a message template (besides indicator codes)."""

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")

# "a OP b" as it stands, in words.
_RELATION = {
    "vi": {
        "<": "nhỏ hơn",
        "<=": "không lớn hơn",
        "==": "bằng",
        "!=": "khác",
        ">=": "không nhỏ hơn",
        ">": "lớn hơn",
    },
    "en": {
        "<": "less than",
        "<=": "at most",
        "==": "equal to",
        "!=": "different from",
        ">=": "at least",
        ">": "more than",
    },
}
_FLIP = {"<": ">", "<=": ">=", "==": "==", "!=": "!=", ">=": "<=", ">": "<"}
_SYMBOL = {"+": "+", "-": "−", "*": "×", "/": "÷"}
_PERIOD_KINDS = {
    "vi": {"quarter": "báo cáo quý", "half": "báo cáo 6 tháng", "year": "báo cáo năm"},
    "en": {
        "quarter": "a quarterly report",
        "half": "a half-year report",
        "year": "an annual report",
    },
}
_W = {
    "vi": {
        "is": "là",
        "blank": "trống",
        "left blank": "để trống",
        "filled": "có số liệu",
        "and": "; ",
        "or": " và ",
        "in": "thuộc danh mục",
        "not in": "không thuộc danh mục",
        "agrees": "khớp với",
        "disagrees": "không khớp với",
        "least": "giá trị nhỏ nhất trong",
        "greatest": "giá trị lớn nhất trong",
        "max points": "điểm tối đa của",
        "status": "tình trạng ghi ở",
        "period kind": "loại kỳ báo cáo",
        "says": "ghi",
        "says not": "không ghi",
        "own report": "kỳ {period} có báo cáo riêng",
        "no own report": "kỳ {period} không có báo cáo riêng",
        "whole": "là số nguyên",
        "not whole": "không phải số nguyên",
        "no value": "không tính được vì thiếu số liệu",
        "is kind": "đây là {kind}",
        "is not kind": "đây không phải {kind}",
    },
    "en": {
        "is": "is",
        "blank": "blank",
        "left blank": "is blank",
        "filled": "is filled in",
        "and": "; ",
        "or": " and ",
        "in": "one of",
        "not in": "not one of",
        "agrees": "agrees with",
        "disagrees": "does not agree with",
        "least": "the least of",
        "greatest": "the greatest of",
        "max points": "the maximum points of",
        "status": "the status given in",
        "period kind": "the kind of report",
        "says": "says",
        "says not": "does not say",
        "own report": "the period {period} has a report of its own",
        "no own report": "the period {period} has no report of its own",
        "whole": "is a whole number",
        "not whole": "is not a whole number",
        "no value": "cannot be worked out, for want of",
        "is kind": "this is {kind}",
        "is not kind": "this is not {kind}",
    },
}

_QUOTE_LIMIT = 60


class Sentence:
    """Plain words for an evaluated tree, in ``"vi"`` or ``"en"``.

    Args:
        values: the value of every node, as :class:`~cchc.rules._interpret.Evaluator`
            left them.
        env: the report's rows.
        locale: ``"vi"`` or ``"en"``.
    """

    def __init__(self, values: Mapping[int, ev.Val], env: ev.Env, locale: str) -> None:
        self.values = values
        self.env = env
        self.locale = "en" if locale == "en" else "vi"
        self.w = _W[self.locale]

    # -- values and names ----------------------------------------------------------------

    def value(self, node: Node) -> ev.Val:
        """The value *node* evaluated to."""
        if isinstance(node, Literal):
            return node.value
        if isinstance(node, Ref) and self.env.raw(node.code) is None:
            return None  # a blank counted as zero still reads as blank
        return self.values.get(id(node))

    def amount(self, value: ev.Val) -> str:
        """A value written for people: ``6.460``, ``trống``, ``“Chưa thực hiện”``."""
        if value is None:
            return self.w["blank"]
        if isinstance(value, bool):
            return "đúng" if value and self.locale == "vi" else str(value).lower()
        if isinstance(value, str):
            return f"“{_status_label(value, self.locale)}”"
        return ev.format_number(value, self.locale)

    def name(self, node: Node) -> str:
        """What *node* stands for: codes and arithmetic, never a function name."""
        match node:
            case Ref(code=code):
                return str(code)
            case Literal():
                return self.amount(self.value(node))
            case Neg(operand=o):
                return f"−{self._inner(o)}"
            case Arith(op=op, left=left, right=right):
                return f"{self._inner(left)} {_SYMBOL.get(op, op)} {self._inner(right)}"
            case Call(name="sum", args=args):
                return " + ".join(self._inner(a) for a in args)
            case Call(name="coalesce", args=args):
                return self.name(self._chosen(args))
            case Call(name="min" | "max" as fn, args=args):
                listed = ", ".join(self.name(a) for a in args)
                return f"{self.w['least' if fn == 'min' else 'greatest']} {listed}"
            case Call(name="abs", args=(arg,)):
                return f"|{self.name(arg)}|"
            case Call(name="max_points", args=(arg,)):
                return f"{self.w['max points']} {self.name(arg)}"
            case Call(name="status", args=(arg,)):
                return f"{self.w['status']} {self.name(arg)}"
            case Call(name="period_kind"):
                return self.w["period kind"]
            case Call(args=args):
                return ", ".join(self.name(a) for a in args)
        return "?"  # pragma: no cover - every node kind is matched

    def _chosen(self, args: Sequence[Node]) -> Node:
        """The argument of ``coalesce`` whose value was taken (a literal fallback aside)."""
        for arg in args:
            if self.value(arg) is not None:
                return arg if not isinstance(arg, Literal) or arg is args[0] else args[0]
        return args[0]

    def _inner(self, node: Node) -> str:
        if isinstance(node, Call) and node.name == "coalesce":
            return self._inner(self._chosen(node.args))
        text = self.name(node)
        compound = isinstance(node, Arith) or (
            isinstance(node, Call) and node.name == "sum" and len(node.args) > 1
        )
        return f"({text})" if compound else text

    def _parts(self, node: Node) -> str | None:
        """The values that make up a computed side: ``1 + 1 + trống + 0``."""
        if isinstance(node, Call) and node.name == "coalesce":
            return self._parts(self._chosen(node.args))
        if isinstance(node, Call) and node.name == "sum" and len(node.args) > 1:
            return " + ".join(self.amount(self.value(a)) for a in node.args)
        if isinstance(node, Arith):
            left, right = self.value(node.left), self.value(node.right)
            return f"{self.amount(left)} {_SYMBOL.get(node.op, node.op)} {self.amount(right)}"
        return None

    def subject(self, node: Node) -> str:
        """*node* as the subject of a sentence: ``6.1 + 6.2 là 2 (1 + 1)``."""
        if isinstance(node, Literal):
            return self.amount(self.value(node))
        parts = self._parts(node)
        text = f"{self.name(node)} {self.w['is']} {self.amount(self.value(node))}"
        return f"{text} ({parts})" if parts else text

    def object(self, node: Node) -> str:
        """*node* after a relation word: ``100`` or ``4.1.2.a (1)``."""
        if isinstance(node, Literal):
            return self.amount(self.value(node))
        parts = self._parts(node)
        shown = self.amount(self.value(node))
        return f"{self.name(node)} ({parts} = {shown})" if parts else f"{self.name(node)} ({shown})"

    # -- truth ---------------------------------------------------------------------------

    def truth(self, node: Node) -> str:
        """Why *node* has the truth value it has, in words."""
        value = self.values.get(id(node))
        match node:
            case Compare(operands=operands, ops=ops):
                pairs = list(zip(operands, ops, operands[1:], strict=False))
                shown = pairs
                if value is False:
                    shown = [p for p in pairs if self._fails(*p)][:1] or pairs
                return self.w["and"].join(self.pair(a, op, b) for a, op, b in shown)
            case Logic(op=op, operands=operands):
                picked = [o for o in operands if self.values.get(id(o)) is value]
                if value is None:
                    picked = [o for o in operands if self.values.get(id(o)) is None][:1]
                elif (op == "and") is bool(value):
                    picked = list(operands)
                else:
                    picked = picked[:1]
                joiner = self.w["and"] if op == "and" else self.w["or"]
                return joiner.join(self.truth(o) for o in picked)
            case Not(operand=o):
                return self.truth(o)
            case InList(operand=o, values=items):
                member = self.value(o) in set(items)
                listed = ", ".join(self.amount(v) for v in items)
                word = self.w["in" if member else "not in"]
                return f"{self.subject(o)}, {word} {listed}"
            case Call(name="present" | "blank" | "filled", args=(arg,)):
                return self.presence(arg)
            case Call(name="agrees", args=(entered, computed)):
                word = self.w["agrees" if value else "disagrees"]
                return f"{self.subject(entered)}, {word} {self.object(computed)}"
            case Call(name="own_report"):
                period = self.env.period.label(self.locale) if self.env.period else ""
                return self.w["own report" if value else "no own report"].format(period=period)
            case Call(name="whole", args=(arg,)):
                return f"{self.subject(arg)}, {self.w['whole' if value else 'not whole']}"
            case Literal():
                return ""
        if value is None:
            return self.w["no value"]
        return self.name(node)

    def _fails(self, a: Node, op: str, b: Node) -> bool:
        va, vb = self.value(a), self.value(b)
        return va is not None and vb is not None and ev.COMPARE[op](va, vb) is False

    def pair(self, a: Node, op: str, b: Node) -> str:
        """``a op b`` as it stands: ``4.2.2 là 40, lớn hơn 4.2.1 (39)``."""
        if isinstance(a, Literal) and not isinstance(b, Literal):
            a, op, b = b, _FLIP[op], a
        special = self._special(a, b) or self._special(b, a)
        if special is not None:
            return special
        va, vb = self.value(a), self.value(b)
        if va is None or vb is None:
            missing = [self.name(n) for n in (a, b) if self.value(n) is None]
            return f"{self.w['no value']} {', '.join(missing)}"
        shown = _actual(op, va, vb)
        return f"{self.subject(a)}, {_RELATION[self.locale][shown]} {self.object(b)}"

    def _special(self, a: Node, b: Node) -> str | None:
        """Status and period-kind comparisons with a text literal read as statements."""
        if not isinstance(b, Literal) or not isinstance(b.value, str):
            return None
        if isinstance(a, Call) and a.name == "status" and isinstance(a.args[0], Ref):
            said = self.value(a) == b.value
            label = _status_label(b.value, self.locale)
            return f"{a.args[0].code} {self.w['says' if said else 'says not']} “{label}”"
        if isinstance(a, Call) and a.name == "period_kind":
            kind = _PERIOD_KINDS[self.locale].get(b.value, b.value)
            key = "is kind" if self.value(a) == b.value else "is not kind"
            return self.w[key].format(kind=kind)
        return None

    def presence(self, arg: Node) -> str:
        """Whether a row holds anything: ``1.4.2 có số liệu (0)``, ``7.1.6.2 để trống``."""
        if not isinstance(arg, Ref):
            return self.subject(arg)
        entry = self.env.entry(arg.code)
        if entry.value is not None:
            shown = self.amount(entry.value)
        elif entry.status is not None:
            shown = f"“{_status_label(entry.status.value, self.locale)}”"
        elif entry.raw and entry.raw.strip():
            raw = entry.raw.strip()
            raw = raw if len(raw) <= _QUOTE_LIMIT else raw[: _QUOTE_LIMIT - 1] + "…"
            shown = f"“{raw}”"
        else:
            return f"{arg.code} {self.w['left blank']}"
        return f"{arg.code} {self.w['filled']} ({shown})"


def _actual(op: str, a: ev.Val, b: ev.Val) -> str:
    """How *a* and *b* compare, as the operator that holds: a failed ``==`` is ``<`` or ``>``."""
    if ev.COMPARE[op](a, b):
        return op
    if op in ("==", ">=", "<=") and not isinstance(a, str | bool) and not isinstance(b, str | bool):
        return "<" if a < b else ">"  # type: ignore[operator]
    return ev.NEGATED[op]


def _status_label(value: str, locale: str) -> str:
    try:
        status = Status(value)
    except ValueError:
        return value
    return status.label if locale == "vi" else status.value.replace("-", " ")


def placeholders(template: str) -> tuple[str, ...]:
    """The placeholders of a message template, in order."""
    return tuple(m.group(1) for m in _PLACEHOLDER.finditer(template))


def _number(value: ev.Val) -> int | Decimal | Fraction | None:
    if value is None or isinstance(value, bool | str):
        return None
    return value


def fill(
    template: str,
    sentence: Sentence,
    *,
    pair: tuple[Node, str, Node] | None,
    row: str | None,
) -> str:
    """*template* with its placeholders replaced by values written for people."""
    words: dict[str, str] = {}
    if pair is not None:
        a, op, b = pair
        va, vb = sentence.value(a), sentence.value(b)
        words["left"], words["right"] = sentence.amount(va), sentence.amount(vb)
        na, nb = _number(va), _number(vb)
        if na is not None and nb is not None:
            words["relation"] = _RELATION[sentence.locale][_actual(op, na, nb)]
            words["difference"] = sentence.amount(abs(ev.sub(na, nb)))  # type: ignore[arg-type]
    if row is not None:
        words["row"] = row
        words["value"] = sentence.amount(sentence.env.raw(row))

    def replace(match: re.Match[str]) -> str:
        key = match.group(1)
        if key in words:
            return words[key]
        if key in PLACEHOLDERS:
            return sentence.w["blank"]
        return sentence.amount(sentence.env.raw(key))

    return _PLACEHOLDER.sub(replace, template)
