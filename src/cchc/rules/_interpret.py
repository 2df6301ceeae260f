"""The meaning of expressions: exact arithmetic, blanks, and explanations.

One set of small functions defines what every operation does with numbers and
with *no value* (``None``).  The tree interpreter here uses them to explain a
rule's outcome with the arithmetic written out; the generated fast path of
:mod:`cchc.rules._compile` calls the very same functions wherever it cannot use a plain
Python operator, so both always agree (a property test holds them to it).

Numbers are ``int`` (counts, codes), :class:`~decimal.Decimal` (percentages,
scores, decimal literals) and :class:`~fractions.Fraction` (after a division).
Decimal arithmetic runs in a private context with unlimited precision whose
``Inexact`` trap is set, so it is exact or it raises; there is no float anywhere.
"""

from __future__ import annotations

import decimal
import operator
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise
from typing import Any

import attrs

from cchc._exact import round_half_up
from cchc.expressions import (
    FUNCTIONS,
    Arith,
    Call,
    Compare,
    InList,
    Literal,
    Logic,
    Neg,
    Node,
    Not,
    Ref,
    locale_of,
    number_text,
)
from cchc.periods import Period
from cchc.values import BLANK, Entry

Number = int | Decimal | Fraction
Val = int | Decimal | Fraction | bool | str | None

_EXACT = decimal.Context(
    prec=decimal.MAX_PREC,
    Emax=decimal.MAX_EMAX,
    Emin=decimal.MIN_EMIN,
    traps=[
        decimal.Inexact,
        decimal.Rounded,
        decimal.InvalidOperation,
        decimal.DivisionByZero,
        decimal.Overflow,
    ],
)

COMPARE: Mapping[str, Callable[[Any, Any], Any]] = {
    "<": operator.lt,
    "<=": operator.le,
    "==": operator.eq,
    "!=": operator.ne,
    ">=": operator.ge,
    ">": operator.gt,
}
NEGATED = {"<": ">=", "<=": ">", "==": "!=", "!=": "==", ">=": "<", ">": "<="}


# -- operations (shared with the generated code) --------------------------------------


def _arith(op: str, a: Number, b: Number) -> Number:
    if type(a) is int and type(b) is int:
        return a + b if op == "+" else a - b if op == "-" else a * b
    if isinstance(a, Fraction) or isinstance(b, Fraction):
        # Fraction works with int natively; only a Decimal needs converting.
        fa = Fraction(a) if isinstance(a, Decimal) else a
        fb = Fraction(b) if isinstance(b, Decimal) else b
        return fa + fb if op == "+" else fa - fb if op == "-" else fa * fb
    if op == "+":
        return _EXACT.add(a, b)
    if op == "-":
        return _EXACT.subtract(a, b)
    return _EXACT.multiply(a, b)


def add(a: Val, b: Val) -> Val:
    """``a + b``, exact; no value if either has none."""
    if a is None or b is None:
        return None
    return _arith("+", _num(a), _num(b))


def sub(a: Val, b: Val) -> Val:
    """``a - b``, exact; no value if either has none."""
    if a is None or b is None:
        return None
    return _arith("-", _num(a), _num(b))


def mul(a: Val, b: Val) -> Val:
    """``a × b``, exact; no value if either has none."""
    if a is None or b is None:
        return None
    return _arith("*", _num(a), _num(b))


def div(a: Val, b: Val) -> Val:
    """``a ÷ b`` as a Fraction; no value if either has none or *b* is zero."""
    if a is None or b is None:
        return None
    if type(a) is int and type(b) is int:
        return Fraction(a, b) if b else None
    denominator = Fraction(_num(b))
    if denominator == 0:
        return None
    return Fraction(_num(a)) / denominator


ARITH: Mapping[str, Callable[[Val, Val], Val]] = {"+": add, "-": sub, "*": mul, "/": div}


def _num(value: Val) -> Number:
    if isinstance(value, bool | str) or value is None:
        msg = f"not a number: {value!r}"
        raise TypeError(msg)
    return value


def neg(a: Val) -> Val:
    """``-a``, exact; no value if *a* has none."""
    if a is None:
        return None
    number = _num(a)
    # Decimal's unary minus rounds to the context's 28 digits; the exact context does not.
    return _EXACT.minus(number) if isinstance(number, Decimal) else -number


def chain(ops: tuple[Callable[[Any, Any], Any], ...], *values: Val) -> bool | None:
    """A chained comparison in three-valued logic: false if any pair is false."""
    result: bool | None = True
    for op, a, b in zip(ops, values, values[1:], strict=False):
        if a is None or b is None:
            result = None
        elif not op(a, b):
            return False
    return result


def in_(value: Val, values: frozenset[object], negated: bool) -> bool | None:
    """``value in values`` (or ``not in``); no value if *value* has none."""
    if value is None:
        return None
    return (value in values) != negated


def and_(*values: Val) -> bool | None:
    """Three-valued ``and``: false if any is false, else no value if any has none."""
    result: bool | None = True
    for value in values:
        if value is False:
            return False
        if value is None:
            result = None
    return result


def or_(*values: Val) -> bool | None:
    """Three-valued ``or``: true if any is true, else no value if any has none."""
    result: bool | None = False
    for value in values:
        if value is True:
            return True
        if value is None:
            result = None
    return result


def not_(value: Val) -> bool | None:
    """Three-valued ``not``."""
    return None if value is None else not value


def sum_(*values: Val) -> Val:
    """The sum of the values that are present; no value if none is."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    if all(type(v) is int for v in present):
        return sum(present)  # type: ignore[arg-type]
    total: Val = present[0]
    for value in present[1:]:
        total = add(total, value)
    return total


def min_(*values: Val) -> Val:
    """The least present value; no value if none is."""
    present = [_num(v) for v in values if v is not None]
    return min(present) if present else None


def max_(*values: Val) -> Val:
    """The greatest present value; no value if none is."""
    present = [_num(v) for v in values if v is not None]
    return max(present) if present else None


def coalesce(*values: Val) -> Val:
    """The first present value; no value if none is."""
    for value in values:
        if value is not None:
            return value
    return None


def abs_(value: Val) -> Val:
    """``|value|``; no value if it has none."""
    if value is None:
        return None
    number = _num(value)
    if isinstance(number, Decimal):
        return _EXACT.abs(number)
    return -number if number < 0 else number


def whole(value: Val) -> bool | None:
    """Whether a number is whole; no value if it has none."""
    if value is None:
        return None
    number = _num(value)
    if isinstance(number, int):
        return True
    if isinstance(number, Fraction):
        return number.denominator == 1
    return number == number.to_integral_value()


def decimals(value: Number) -> int:
    """How many decimals a number was written with (0 for whole numbers)."""
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        return -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return 0


def tolerance(entered: Number) -> Fraction:
    """Half a unit of the last printed decimal of *entered*: ``85.7`` → 0.05."""
    return Fraction(1, 2 * 10 ** decimals(entered))


def agrees(entered: Val, computed: Val) -> bool | None:
    """Whether *entered* is *computed* rounded to the decimals *entered* was written with.

    The check is by intervals (XBRL Calculations 1.1): ``85.7`` agrees with
    6/7 × 100 = 85.714…, since ``|85.7 − 85.714…| ≤ 0.05``.
    """
    if entered is None or computed is None:
        return None
    e = _num(entered)
    # |n/d − p/q| ≤ 1/(2·10^k)  ⇔  2·10^k·|n·q − p·d| ≤ d·q, in whole numbers.
    n, d = e.as_integer_ratio()
    p, q = _num(computed).as_integer_ratio()
    return bool(2 * 10 ** decimals(e) * abs(n * q - p * d) <= d * q)


def filled(entry: Entry) -> bool:
    """Whether the row's value cell holds anything: a value, a status or text."""
    return (
        entry.value is not None or entry.status is not None or bool(entry.raw and entry.raw.strip())
    )


def status(entry: Entry) -> str:
    """The row's status value, ``""`` when it has none."""
    return entry.status.value if entry.status is not None else ""


# -- the interpreter --------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Env:
    """What an expression is evaluated against: one report's rows and parameters.

    Attributes:
        entries: code → entry (absent codes are blank).
        period: the report's period.
        max_points: the maximum points of score rows.
        zeros: codes that count as zero where they stand outside a function
            (the ``zero`` and ``skip-if-all`` missing-value policies).
    """

    entries: Mapping[str, Entry]
    period: Period | None = None
    max_points: Mapping[str, Decimal] = attrs.field(factory=dict)
    zeros: frozenset[str] = frozenset()

    def entry(self, code: str) -> Entry:
        """The entry of *code*, blank if the report has none."""
        return self.entries.get(code) or BLANK

    def raw(self, code: str) -> Val:
        """The value of *code*, ``None`` when blank."""
        entry = self.entries.get(code)
        return None if entry is None else entry.value


class Evaluator:
    """Evaluates a tree against an :class:`Env`, remembering every node's value."""

    def __init__(self, env: Env) -> None:
        self.env = env
        self.values: dict[int, Val] = {}

    def __call__(self, node: Node, guarded: bool = False) -> Val:
        value = self._eval(node, guarded)
        self.values[id(node)] = value
        return value

    def _eval(self, node: Node, guarded: bool) -> Val:
        match node:
            case Literal(value=literal):
                return literal
            case Ref(code=code):
                found = self.env.raw(code)
                if found is None and not guarded and code in self.env.zeros:
                    return 0
                return found
            case Neg(operand=o):
                return neg(self(o, guarded))
            case Arith(op=op, left=left, right=right):
                return ARITH[op](self(left, guarded), self(right, guarded))
            case Compare(operands=operands, ops=ops):
                values = [self(o, guarded) for o in operands]
                return chain(tuple(COMPARE[op] for op in ops), *values)
            case InList(operand=o, values=items, negated=negated):
                return in_(self(o, guarded), frozenset(items), negated)
            case Logic(op=op, operands=operands):
                values = [self(o, guarded) for o in operands]
                return and_(*values) if op == "and" else or_(*values)
            case Not(operand=o):
                return not_(self(o, guarded))
            case Call():
                return self.call(node, guarded)
        raise AssertionError(node)  # pragma: no cover - the match is exhaustive

    def call(self, node: Call, guarded: bool) -> Val:
        inner = guarded or FUNCTIONS[node.name].guard
        name = node.name
        if name in ("filled", "status", "max_points", "applies", "breakdown"):
            ref = node.args[0]
            assert isinstance(ref, Ref)  # noqa: S101 - the parser allows codes only
            self(ref, True)
            if name == "filled":
                return filled(self.env.entry(ref.code))
            if name == "status":
                return status(self.env.entry(ref.code))
            if name == "max_points":
                return self.env.max_points.get(ref.code)
            msg = f"{name}() must be expanded before evaluation"
            raise TypeError(msg)
        args = [self(a, inner) for a in node.args]
        match name:
            case "sum":
                return sum_(*args)
            case "min":
                return min_(*args)
            case "max":
                return max_(*args)
            case "coalesce":
                return coalesce(*args)
            case "abs":
                return abs_(args[0])
            case "present":
                return args[0] is not None
            case "blank":
                return args[0] is None
            case "whole":
                return whole(args[0])
            case "agrees":
                return agrees(args[0], args[1])
            case "period_kind":
                return self.env.period.kind.value if self.env.period else None
            case "own_report":
                return self.env.period.has_own_report if self.env.period else None
        raise AssertionError(name)  # pragma: no cover - every function is handled


# -- explanations ------------------------------------------------------------------------

_SYMBOL = {"<": "<", "<=": "≤", "==": "=", "!=": "≠", ">=": "≥", ">": ">", "*": "×", "/": "÷"}
_WORD = {
    "vi": {"blank": "trống", "and": "và", "or": "hoặc", "not": "không", "true": "đúng",
           "false": "sai", "none": "không có", "applies": "áp dụng",
           "not applies": "không áp dụng", "no value": "không có giá trị"},
    "en": {"blank": "blank", "and": "and", "or": "or", "not": "not", "true": "true",
           "false": "false", "none": "none", "applies": "applies",
           "not applies": "does not apply", "no value": "no value"},
}  # fmt: skip


def to_decimal(value: Number, places: int = 12) -> int | Decimal:
    """An exact int or Decimal for *value*; a non-terminating fraction is rounded half-up."""
    if isinstance(value, int | Decimal):
        return value
    if value.denominator == 1:
        return value.numerator
    denominator = value.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    if denominator == 1:
        return _EXACT.divide(Decimal(value.numerator), Decimal(value.denominator))
    return round_half_up(value, places)


# Messages write the same few numbers over and over (a report's values, the rules'
# constants): each is formatted once per locale.  Keyed by text, so 1.0 and 1.00 differ.
_FORMATTED: dict[tuple[str, str], str] = {}


def format_number(value: Number, locale: str = "vi") -> str:
    """A number for a message: ``6.460`` and ``83,67`` in Vietnamese, ``6,460`` in English.

    A fraction that has no finite decimal form is rounded to four places and
    marked ``≈``.

    >>> format_number(6460), format_number(Decimal("83.67")), format_number(Fraction(6, 7) * 100)
    ('6.460', '83,67', '≈85,7143')
    >>> format_number(Decimal("-1234.5"), "en")
    '-1,234.5'
    """
    kind = type(value)
    if kind is not int and kind is not Decimal:
        return _format_number(value, locale)
    key = (str(value), locale)
    text = _FORMATTED.get(key)
    if text is None:
        if len(_FORMATTED) >= 65_536:
            _FORMATTED.clear()
        text = _FORMATTED[key] = _format_number(value, locale)
    return text


def _format_number(value: Number, locale: str) -> str:
    approximate = ""
    if isinstance(value, Fraction):
        exact = to_decimal(value, places=4)
        if isinstance(exact, Decimal) and Fraction(exact) != value:
            approximate = "≈"
        value = exact
    text = number_text(value)
    sign = "-" if text.startswith("-") else ""
    digits, _, fraction = text.lstrip("-").partition(".")
    group, point = (",", ".") if locale_of(locale) == "en" else (".", ",")
    if len(digits) > 3:
        digits = f"{int(digits):,}".replace(",", group)
    return f"{approximate}{sign}{digits}{point + fraction if fraction else ''}"


class Renderer:
    """Writes a tree with its evaluated values: ``6 + 0 = 6 ≤ 10``."""

    def __init__(self, values: Mapping[int, Val], env: Env, locale: str = "vi") -> None:
        self.values = values
        self.env = env
        self.locale = locale_of(locale)
        self.words = _WORD[self.locale]

    def value(self, node: Node) -> Val:
        return self.values.get(id(node))

    def text(self, value: Val) -> str:
        if value is None:
            return "–"
        if isinstance(value, bool):
            return self.words["true" if value else "false"]
        if isinstance(value, str):
            return f'"{value}"'
        return format_number(value, self.locale)

    def render(self, node: Node) -> str:
        match node:
            case Literal():
                return self.text(self.value(node))
            case Ref(code=code):
                # A blank counted as zero under the missing-value policy still shows as blank.
                return "–" if self.env.raw(code) is None else self.text(self.value(node))
            case Neg(operand=o):
                return f"-{self.wrapped(o)}"
            case Arith(op=op, left=left, right=right):
                limit = 6 if op in ("*", "/") else 5
                symbol = _SYMBOL.get(op, op)
                return f"{self.operand(left, limit)} {symbol} {self.operand(right, limit + 1)}"
            case Compare(operands=operands, ops=ops):
                parts = [self.side(operands[0])]
                for op, (a, b) in zip(ops, pairwise(operands), strict=True):
                    va, vb = self.value(a), self.value(b)
                    holds = None if va is None or vb is None else COMPARE[op](va, vb)
                    shown = op if holds is not False else NEGATED[op]
                    parts += [_SYMBOL[shown], self.side(b)]
                return " ".join(parts)
            case InList(operand=o, values=items, negated=negated):
                result = self.value(node)
                member = (not negated) if result is not False else negated
                listed = ", ".join(format_number(v, self.locale) for v in items)
                return f"{self.side(o)} {'∈' if member else '∉'} {{{listed}}}"
            case Logic(op=op, operands=operands):
                return f" {self.words[op]} ".join(self.wrapped(o, logic=True) for o in operands)
            case Not(operand=o):
                if isinstance(o, Call) and o.name in ("present", "blank", "filled"):
                    return self.render(o)
                return f"{self.words['not']} ({self.render(o)})"
            case Call():
                return self.call(node)
        raise AssertionError(node)  # pragma: no cover - the match is exhaustive

    def operand(self, node: Node, limit: int) -> str:
        """An operand of arithmetic, in parentheses only where precedence needs them."""
        text = self.render(node)
        if isinstance(node, Arith) and (5 if node.op in ("+", "-") else 6) < limit:
            return f"({text})"
        if isinstance(node, Compare | Logic):
            return f"({text})"
        return text

    def wrapped(self, node: Node, *, logic: bool = False) -> str:
        text = self.render(node)
        compound = isinstance(node, Logic) if logic else isinstance(node, Arith | Compare | Logic)
        return f"({text})" if compound else text

    def side(self, node: Node) -> str:
        """An operand of a comparison, with its value when it is computed."""
        if isinstance(node, Call) and node.name == "status":
            shown = self.value(node)
            return f'"{shown}"' if shown else self.words["none"]
        text = self.render(node)
        if isinstance(node, Literal | Ref) or (
            isinstance(node, Call) and node.name in ("coalesce", "max_points")
        ):
            return text
        if isinstance(node, Call) and node.name in ("sum", "min", "max", "abs"):
            return text
        return f"{text} = {self.text(self.value(node))}"

    def call(self, node: Call) -> str:
        name, args = node.name, node.args
        result = self.text(self.value(node))
        match name:
            case "sum":
                if len(args) == 1:
                    # sum of one operation keeps its brackets: 2 × (1 + 2), not 2 × 1 + 2.
                    atomic = isinstance(args[0], Ref | Literal | Call)
                    return self.render(args[0]) if atomic else f"({self.render(args[0])})"
                return " + ".join(self.wrapped(a) for a in args) + f" = {result}"
            case "coalesce" if self.value(args[0]) is not None:
                return self.render(args[0])
            case "min" | "max" | "abs" | "coalesce":
                inner = ", ".join(self.render(a) for a in args)
                return f"{name}({inner}) = {result}"
            case "present" | "blank" | "filled":
                return self.presence(args[0], name)
            case "status":
                return f"status({_code(args[0])}) = {result}"
            case "max_points":
                shown = result if self.value(node) is not None else self.words["none"]
                return f"max_points({_code(args[0])}) = {shown}"
            case "agrees":
                entered = self.value(args[0])
                sign = "≉" if self.value(node) is False else "≈"
                margin = ""
                if entered is not None:
                    margin = f" (±{format_number(tolerance(_num(entered)), self.locale)})"
                return f"{self.text(entered)} {sign} {self.side(args[1])}{margin}"
            case _:
                inner = ", ".join(self.render(a) for a in args)
                return f"{name}({inner}) = {result}"

    def presence(self, arg: Node, name: str) -> str:
        if not isinstance(arg, Ref):
            return f"{name}({self.render(arg)}) = {self.text(self.value(arg))}"
        entry = self.env.entry(arg.code)
        if entry.value is not None:
            return f"{arg.code} = {self.text(entry.value)}"
        if entry.status is not None:
            label = entry.status.label if self.locale == "vi" else entry.status.value
            return f"{arg.code}: {label}"
        if entry.raw and entry.raw.strip():
            return f"{arg.code}: {entry.raw.strip()!r}"
        return f"{arg.code} {self.words['blank']}"


def _code(node: Node) -> str:
    return node.code if isinstance(node, Ref) else "?"


def blank_codes(codes: Iterable[str], env: Env) -> tuple[str, ...]:
    """The codes among *codes* that have no value in *env*."""
    return tuple(c for c in codes if env.raw(c) is None)
