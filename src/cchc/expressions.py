"""The small, safe expression language that rules and ratios are written in.

A form file declares its rules and ratios as text over indicator codes in braces::

    {1.3.2} + {1.3.3} <= {1.3.1}
    {3.2.2} <= {3.2.1} <= {3.1.3}
    sum({6.1}, {6.2}, {6.3}, {6.4}) == coalesce({4.1.2}, {4.1.2.a})
    status({1.2}) == "not-yet-done"

The text is parsed here into a tree of immutable nodes, never handed to
:func:`eval`: whatever a form file contains, reading and checking it runs no code
of its author's choosing.  Errors point into the text:

>>> from cchc.expressions import parse
>>> e = parse("{1.3.2} + {1.3.3} <= {1.3.1}")
>>> e.codes, e.kind
(('1.3.2', '1.3.3', '1.3.1'), <Kind.BOOLEAN: 'boolean'>)
>>> e.display()
'1.3.2 + 1.3.3 ≤ 1.3.1'
>>> parse("{1.1.2} <= ")
Traceback (most recent call last):
...
cchc.errors.ExpressionError: col 12: expected a number, a {code}, a function or '('
but the text ends, in '{1.1.2} <= '

The language
------------

* numbers (``100``, ``0.5``), indicator codes in braces (``{3.1.3.a}``), strings in
  double quotes (``"not-yet-done"``), ``true`` and ``false``;
* arithmetic ``+ - * /`` (exact: whole numbers, decimals and fractions, never
  floats; a division by zero gives *no value*);
* comparisons ``< <= == != >= >`` (also ``≤ ≥ ≠``), chained as in
  ``{3.2.2} <= {3.2.1} <= {3.1.3}``; membership ``{1.5} in [0, 1]``;
* ``and``, ``or``, ``not`` and parentheses;
* functions, listed in :data:`FUNCTIONS`.

A blank row has *no value*.  Where a code stands outside a function, the rule's
missing-value policy decides first what a blank means (skip the rule, count it as
zero, fail); inside ``sum``, ``min``, ``max``, ``coalesce``, ``present``,
``blank``, ``filled``, ``status`` and ``applies`` a blank is handled by the
function itself (``sum`` adds the rows that have a value).  Otherwise no value
spreads: ``1 + blank`` has no value, a comparison with no value has none, and
``and``/``or`` follow three-valued logic (``false and ?`` is false).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from itertools import pairwise

import attrs

from cchc._lexer import CODE, KEYWORDS, Lexer, Token, expression_error
from cchc.errors import ExpressionError

__all__ = [
    "CODE",
    "FUNCTIONS",
    "Arith",
    "Call",
    "Compare",
    "Expression",
    "Function",
    "InList",
    "Kind",
    "Literal",
    "Logic",
    "Neg",
    "Node",
    "Not",
    "Ref",
    "parse",
]

MAX_LENGTH = 4000
"""The longest expression accepted: form files come from outside."""
MAX_DEPTH = 60
"""The deepest nesting accepted, far below Python's recursion limit."""


class Kind(enum.Enum):
    """The type of an expression: a number, true/false, or text."""

    NUMBER = "number"
    BOOLEAN = "boolean"
    TEXT = "text"


# -- the tree ----------------------------------------------------------------------


@attrs.frozen
class Literal:
    """A number, a string or true/false written in the text."""

    value: int | Decimal | str | bool
    col: int = attrs.field(default=0, eq=False)


@attrs.frozen
class Ref:
    """An indicator code in braces: the row's value."""

    code: str
    col: int = attrs.field(default=0, eq=False)


@attrs.frozen
class Neg:
    """Unary minus."""

    operand: Node
    col: int = attrs.field(default=0, eq=False)


@attrs.frozen
class Arith:
    """``left op right`` for ``op`` in ``+ - * /``."""

    op: str
    left: Node
    right: Node
    col: int = attrs.field(default=0, eq=False)


@attrs.frozen
class Compare:
    """A comparison, possibly chained: ``operands[0] ops[0] operands[1] ops[1] …``."""

    operands: tuple[Node, ...]
    ops: tuple[str, ...]
    col: int = attrs.field(default=0, eq=False)


@attrs.frozen
class InList:
    """``operand in [v, …]`` (or ``not in``)."""

    operand: Node
    values: tuple[int | Decimal, ...]
    negated: bool = False
    col: int = attrs.field(default=0, eq=False)


@attrs.frozen
class Logic:
    """``a and b and …`` or ``a or b or …``."""

    op: str
    operands: tuple[Node, ...]
    col: int = attrs.field(default=0, eq=False)


@attrs.frozen
class Not:
    """``not operand``."""

    operand: Node
    col: int = attrs.field(default=0, eq=False)


@attrs.frozen
class Call:
    """A function call: ``sum({6.1}, {6.2})``."""

    name: str
    args: tuple[Node, ...]
    col: int = attrs.field(default=0, eq=False)


Node = Literal | Ref | Neg | Arith | Compare | InList | Logic | Not | Call
"""Any node of the expression tree."""


# -- functions -----------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Function:
    """What a function of the language takes and gives.

    Attributes:
        name: its name in the text.
        min_args: the fewest arguments.
        max_args: the most arguments (``None``: any number).
        arg_kind: the kind of every argument (``None``: any).
        result: the kind of the result.
        guard: whether it handles blank arguments itself (its codes are then not
            operands for the missing-value policy).
        ref_only: whether its arguments must be codes in braces.
        doc: one line for the documentation.
    """

    name: str
    min_args: int
    max_args: int | None
    arg_kind: Kind | None
    result: Kind
    guard: bool = False
    ref_only: bool = False
    doc: str = ""


def _functions(*items: Function) -> Mapping[str, Function]:
    return {f.name: f for f in items}


N, B, T = Kind.NUMBER, Kind.BOOLEAN, Kind.TEXT
FUNCTIONS: Mapping[str, Function] = _functions(
    Function(name="sum", min_args=1, max_args=None, arg_kind=N, result=N, guard=True,
             doc="the sum of the arguments that have a value; no value if none has"),
    Function(name="min", min_args=1, max_args=None, arg_kind=N, result=N, guard=True,
             doc="the least argument that has a value"),
    Function(name="max", min_args=1, max_args=None, arg_kind=N, result=N, guard=True,
             doc="the greatest argument that has a value"),
    Function(name="coalesce", min_args=1, max_args=None, arg_kind=N, result=N, guard=True,
             doc="the first argument that has a value"),
    Function(name="abs", min_args=1, max_args=1, arg_kind=N, result=N,
             doc="the absolute value"),
    Function(name="present", min_args=1, max_args=1, arg_kind=None, result=B, guard=True,
             doc="whether the argument has a value (zero is a value)"),
    Function(name="blank", min_args=1, max_args=1, arg_kind=None, result=B, guard=True,
             doc="whether the argument has no value"),
    Function(name="filled", min_args=1, max_args=1, arg_kind=None, result=B, guard=True,
             ref_only=True,
             doc="whether the row's value cell holds anything: a value, a status or text"),
    Function(name="status", min_args=1, max_args=1, arg_kind=None, result=T, guard=True,
             ref_only=True,
             doc='why the row has no value ("not-yet-done", …); "" when it has none'),
    Function(name="applies", min_args=1, max_args=1, arg_kind=None, result=B, guard=True,
             ref_only=True, doc="whether the row applies to the report's reporter"),
    Function(name="whole", min_args=1, max_args=1, arg_kind=N, result=B,
             doc="whether the number is a whole number"),
    Function(name="agrees", min_args=2, max_args=2, arg_kind=N, result=B,
             doc="whether an entered rate (first argument) agrees with a computed one "
             "to within half a unit of its last printed decimal"),
    Function(name="max_points", min_args=1, max_args=1, arg_kind=None, result=N, guard=True,
             ref_only=True,
             doc="the maximum points of a score row, given to check() (no value if not given)"),
    Function(name="period_kind", min_args=0, max_args=0, arg_kind=None, result=T,
             doc='the kind of the report\'s period: "quarter", "half" or "year"'),
    Function(name="own_report", min_args=0, max_args=0, arg_kind=None, result=B,
             doc="whether the period has its own report (Q2, Q4 and S2 do not)"),
    Function(name="breakdown", min_args=1, max_args=1, arg_kind=None, result=B, guard=True,
             ref_only=True,
             doc="the relation between a total and its breakdown rows, derived from the "
             "form (exhaustive, includes, overlapping, or shares ≤ 100)"),
)  # fmt: skip
"""Every function of the language, by name."""


# -- parser ----------------------------------------------------------------------------

_COMPARISONS = ("<", "<=", "==", "!=", ">=", ">")


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = list(Lexer(text).tokens())
        self.pos = 0
        self.depth = 0

    @property
    def tok(self) -> Token:
        return self.tokens[self.pos]

    def error(self, message: str, tok: Token | None = None) -> ExpressionError:
        tok = tok or self.tok
        return expression_error(self.text, tok.col, message)

    def describe(self, tok: Token) -> str:
        return "the text ends" if tok.kind == "end" else f"found {tok.text!r}"

    def advance(self) -> Token:
        tok = self.tok
        self.pos += 1
        return tok

    def at(self, kind: str, text: str | None = None) -> bool:
        tok = self.tok
        return tok.kind == kind and (text is None or tok.text == text)

    def expect(self, kind: str, text: str, what: str) -> Token:
        if not self.at(kind, text):
            raise self.error(f"expected {what} but {self.describe(self.tok)}")
        return self.advance()

    def parse(self) -> Node:
        if self.tok.kind == "end":
            raise self.error("the expression is empty")
        node = self.or_expr()
        if self.tok.kind != "end":
            raise self.error(f"unexpected {self.tok.text!r} after a complete expression")
        return node

    def nested(self, hint: str = "") -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.error(f"the expression nests deeper than {MAX_DEPTH} levels{hint}")

    def or_expr(self) -> Node:
        return self.logic("or", self.and_expr)

    def and_expr(self) -> Node:
        return self.logic("and", self.not_expr)

    def logic(self, op: str, operand: Callable[[], Node]) -> Node:
        col = self.tok.col
        items = [operand()]
        while self.at("name", op):
            self.advance()
            items.append(operand())
        return items[0] if len(items) == 1 else Logic(op, tuple(items), col)

    def not_expr(self) -> Node:
        if self.at("name", "not"):
            tok = self.advance()
            self.nested()
            node = Not(self.not_expr(), tok.col)
            self.depth -= 1
            return node
        return self.comparison()

    def comparison(self) -> Node:
        col = self.tok.col
        first = self.arith()
        if self.at("name", "in") or (
            self.at("name", "not") and self.tokens[self.pos + 1].text == "in"
        ):
            negated = self.advance().text == "not"
            if negated:
                self.advance()
            return InList(first, self.number_list(), negated, col)
        operands, ops = [first], []
        while self.tok.kind == "op" and self.tok.text in _COMPARISONS:
            ops.append(self.advance().text)
            operands.append(self.arith())
        if not ops:
            return first
        return Compare(tuple(operands), tuple(ops), col)

    def number_list(self) -> tuple[int | Decimal, ...]:
        self.expect("op", "[", "'[' to start a list of numbers")
        values: list[int | Decimal] = []
        while True:
            sign = 1
            if self.at("op", "-"):
                self.advance()
                sign = -1
            if self.tok.kind != "num":
                raise self.error(f"expected a number in the list but {self.describe(self.tok)}")
            value = self.advance().value
            assert isinstance(value, int | Decimal)  # noqa: S101 - the lexer makes numbers
            values.append(sign * value)
            if self.at("op", "]"):
                self.advance()
                return tuple(values)
            self.expect("op", ",", "',' or ']' in the list")

    def arith(self) -> Node:
        return self.chain(("+", "-"), self.term)

    def term(self) -> Node:
        return self.chain(("*", "/"), self.unary)

    def chain(self, ops: tuple[str, str], operand: Callable[[], Node]) -> Node:
        # `a + b + c` builds a left-leaning tree one level deeper per operator, and
        # every walk over the tree recurses down it: count operators as nesting.
        node, levels = operand(), 0
        while self.tok.kind == "op" and self.tok.text in ops:
            tok = self.advance()
            self.nested(" (write a long sum as sum(...))")
            levels += 1
            node = Arith(tok.text, node, operand(), _col(node))
        self.depth -= levels
        return node

    def unary(self) -> Node:
        if self.at("op", "-") or self.at("op", "+"):
            tok = self.advance()
            self.nested()
            operand = self.unary()
            self.depth -= 1
            return Neg(operand, tok.col) if tok.text == "-" else operand
        return self.primary()

    def primary(self) -> Node:
        tok = self.tok
        if tok.kind == "num":
            self.advance()
            assert isinstance(tok.value, int | Decimal)  # noqa: S101 - the lexer makes numbers
            return Literal(tok.value, tok.col)
        if tok.kind == "str":
            self.advance()
            return Literal(str(tok.value), tok.col)
        if tok.kind == "ref":
            self.advance()
            return Ref(str(tok.value), tok.col)
        if tok.kind == "op" and tok.text == "(":
            self.advance()
            self.nested()
            node = self.or_expr()
            self.depth -= 1
            if not self.at("op", ")"):
                raise self.error(
                    f"expected ')' to close the '(' at col {tok.col} but {self.describe(self.tok)}"
                )
            self.advance()
            return node
        if tok.kind == "name":
            if tok.text in ("true", "false"):
                self.advance()
                return Literal(tok.text == "true", tok.col)
            if tok.text in KEYWORDS:
                raise self.error(f"expected an operand but found the keyword {tok.text!r}")
            return self.call()
        raise self.error(
            f"expected a number, a {{code}}, a function or '(' but {self.describe(tok)}"
        )

    def call(self) -> Node:
        tok = self.advance()
        if tok.text not in FUNCTIONS:
            known = ", ".join(sorted(FUNCTIONS))
            raise self.error(f"unknown function {tok.text!r} (one of: {known})", tok)
        if not self.at("op", "("):
            raise self.error(f"expected '(' after {tok.text!r}")
        self.advance()
        self.nested()
        args: list[Node] = []
        if not self.at("op", ")"):
            args.append(self.or_expr())
            while self.at("op", ","):
                self.advance()
                args.append(self.or_expr())
        self.depth -= 1
        self.expect("op", ")", f"')' to close the call of {tok.text!r}")
        return Call(tok.text, tuple(args), tok.col)


def _col(node: Node) -> int:
    return node.col


# -- types ------------------------------------------------------------------------------

RefKind = Callable[[str], Kind | None]
"""Gives the kind of a code's value, or ``None`` for a code the form does not have."""


def _number_refs(_code: str) -> Kind | None:
    return Kind.NUMBER


class _Typer:
    def __init__(self, text: str, ref_kind: RefKind, totals: Callable[[str], bool]) -> None:
        self.text = text
        self.ref_kind = ref_kind
        self.totals = totals

    def error(self, node: Node, message: str) -> ExpressionError:
        return expression_error(self.text, node.col, message)

    def expect(self, node: Node, kind: Kind, what: str) -> None:
        got = self.kind(node)
        if got is not kind:
            raise self.error(node, f"{what} needs {_a(kind)}, not {_a(got)}")

    def kind(self, node: Node) -> Kind:
        match node:
            case Literal(value=value):
                if isinstance(value, bool):
                    return Kind.BOOLEAN
                return Kind.TEXT if isinstance(value, str) else Kind.NUMBER
            case Ref(code=code):
                kind = self.ref_kind(code)
                if kind is None:
                    raise self.error(node, f"unknown indicator code {{{code}}}")
                return kind
            case Neg(operand=operand):
                self.expect(operand, Kind.NUMBER, "'-'")
                return Kind.NUMBER
            case Arith(op=op, left=left, right=right):
                self.expect(left, Kind.NUMBER, f"{op!r}")
                self.expect(right, Kind.NUMBER, f"{op!r}")
                return Kind.NUMBER
            case Compare(operands=operands, ops=ops):
                kinds = [self.kind(o) for o in operands]
                for op, (a, b), (na, nb) in zip(
                    ops, pairwise(kinds), pairwise(operands), strict=True
                ):
                    if op in ("==", "!="):
                        if a is not b:
                            raise self.error(nb, f"{op!r} compares {_a(a)} with {_a(b)}")
                    elif a is not Kind.NUMBER or b is not Kind.NUMBER:
                        bad = na if a is not Kind.NUMBER else nb
                        raise self.error(bad, f"{op!r} orders numbers, not {_a(self.kind(bad))}")
                return Kind.BOOLEAN
            case InList(operand=operand):
                self.expect(operand, Kind.NUMBER, "'in'")
                return Kind.BOOLEAN
            case Logic(op=op, operands=operands):
                for o in operands:
                    self.expect(o, Kind.BOOLEAN, f"{op!r}")
                return Kind.BOOLEAN
            case Not(operand=operand):
                self.expect(operand, Kind.BOOLEAN, "'not'")
                return Kind.BOOLEAN
            case Call():
                return self.call(node)
        raise AssertionError(node)  # pragma: no cover - the match is exhaustive

    def call(self, node: Call) -> Kind:
        spec = FUNCTIONS[node.name]
        count = len(node.args)
        if count < spec.min_args or (spec.max_args is not None and count > spec.max_args):
            if spec.max_args == spec.min_args:
                wanted = f"{spec.min_args} argument{'s' if spec.min_args != 1 else ''}"
            elif spec.max_args is None:
                wanted = f"at least {spec.min_args} argument{'s' if spec.min_args != 1 else ''}"
            else:
                wanted = f"{spec.min_args} to {spec.max_args} arguments"
            raise self.error(node, f"{node.name}() takes {wanted}, not {count}")
        for arg in node.args:
            if spec.ref_only and not isinstance(arg, Ref):
                raise self.error(arg, f"{node.name}() takes a {{code}}")
            kind = self.kind(arg)
            if spec.arg_kind is not None and kind is not spec.arg_kind:
                raise self.error(arg, f"{node.name}() needs {_a(spec.arg_kind)}, not {_a(kind)}")
        if node.name == "agrees" and not isinstance(node.args[0], Ref):
            raise self.error(node.args[0], "agrees() takes the row of the entered rate first")
        if node.name == "breakdown":
            arg = node.args[0]
            assert isinstance(arg, Ref)  # noqa: S101 - ref_only checked above
            if not self.totals(arg.code):
                raise self.error(arg, f"{{{arg.code}}} is not a total with breakdown rows")
        return spec.result


def _a(kind: Kind) -> str:
    return {Kind.NUMBER: "a number", Kind.BOOLEAN: "true/false", Kind.TEXT: "text"}[kind]


# -- the public object ------------------------------------------------------------------


def walk(node: Node) -> Iterator[Node]:
    """Every node of the tree, depth first, in text order.

    >>> [type(n).__name__ for n in walk(parse("{1} + 2 > 0").root)]
    ['Compare', 'Arith', 'Ref', 'Literal', 'Literal']
    """
    yield node
    match node:
        case Neg(operand=o) | Not(operand=o) | InList(operand=o):
            yield from walk(o)
        case Arith(left=left, right=right):
            yield from walk(left)
            yield from walk(right)
        case Compare(operands=items) | Logic(operands=items) | Call(args=items):
            for item in items:
                yield from walk(item)
        case _:
            pass


def strict_refs(node: Node) -> Iterator[Ref]:
    """The code references outside guard functions: the operands of the missing-value policy.

    >>> [r.code for r in strict_refs(parse("{1} + sum({2}, {3}) > {4}").root)]
    ['1', '4']
    """
    match node:
        case Ref():
            yield node
        case Call(name=name, args=args):
            if not FUNCTIONS[name].guard:
                for arg in args:
                    yield from strict_refs(arg)
        case Neg(operand=o) | Not(operand=o) | InList(operand=o):
            yield from strict_refs(o)
        case Arith(left=left, right=right):
            yield from strict_refs(left)
            yield from strict_refs(right)
        case Compare(operands=items) | Logic(operands=items):
            for item in items:
                yield from strict_refs(item)
        case _:
            pass


@attrs.frozen
class Expression:
    """A parsed expression: its text and its tree.

    Build one with :func:`parse`.  ``str(expression)`` is the text as written;
    :meth:`display` writes it for people (``1.3.2 + 1.3.3 ≤ 1.3.1``).

    Attributes:
        text: the text as written.
        root: the tree.
        kind: number, true/false or text.
    """

    text: str
    root: Node = attrs.field(eq=False)
    kind: Kind = attrs.field(eq=False)

    @property
    def codes(self) -> tuple[str, ...]:
        """Every code the expression names, in text order, once each."""
        return tuple(dict.fromkeys(n.code for n in walk(self.root) if isinstance(n, Ref)))

    @property
    def operands(self) -> tuple[str, ...]:
        """The codes outside guard functions: those the missing-value policy looks at."""
        return tuple(dict.fromkeys(r.code for r in strict_refs(self.root)))

    def display(self, locale: str = "vi") -> str:
        """The expression for people: codes without braces, ``≤ ≥ ≠`` for the operators.

        >>> parse("sum({6.1},{6.2}) != 2*{4.1.2} and not blank({1.2})").display()
        'sum(6.1, 6.2) ≠ 2 × 4.1.2 và không blank(1.2)'
        >>> parse("{1} >= 0 or {2} in [0, 1]").display("en")
        '1 ≥ 0 or 2 ∈ {0, 1}'
        """
        return unparse(self.root, pretty=True, locale=locale)

    def __str__(self) -> str:
        return self.text


def locale_of(locale: str) -> str:
    """``"en"`` for any English locale, else ``"vi"``."""
    return "en" if locale.startswith("en") else "vi"


def parse(
    text: str,
    *,
    ref_kind: RefKind | None = None,
    totals: Callable[[str], bool] | None = None,
    expect: Kind | None = None,
) -> Expression:
    """Parse *text* into an :class:`Expression`, checking its types.

    Args:
        text: the expression.
        ref_kind: the kind of each code's value, ``None`` for a code the form does
            not have (default: every code is a number).
        totals: whether a code is a total with breakdown rows, for
            ``breakdown()`` (default: any code).
        expect: the kind the whole expression must have.

    Raises:
        ExpressionError: a syntax or type error; ``location`` is ``"col N"``.

    >>> parse("{1.1.2} + 1").kind
    <Kind.NUMBER: 'number'>
    >>> parse("{1.1.2} + 1", expect=Kind.BOOLEAN)
    Traceback (most recent call last):
    ...
    cchc.errors.ExpressionError: col 1: the expression must be true/false, not a number,
    in '{1.1.2} + 1'
    >>> parse("sum({1}) and {2} > 1")
    Traceback (most recent call last):
    ...
    cchc.errors.ExpressionError: col 1: 'and' needs true/false, not a number,
    in 'sum({1}) and {2} > 1'
    """
    if len(text) > MAX_LENGTH:
        msg = f"the expression is longer than {MAX_LENGTH} characters"
        raise ExpressionError(msg, location="col 1")
    root = _Parser(text).parse()
    typer = _Typer(text, ref_kind or _number_refs, totals or (lambda _code: True))
    kind = typer.kind(root)
    if expect is not None and kind is not expect:
        raise expression_error(text, 1, f"the expression must be {_a(expect)}, not {_a(kind)}")
    return Expression(text, root, kind)


# -- writing the tree back ----------------------------------------------------------------

_PRECEDENCE = {"or": 1, "and": 2, "not": 3, "compare": 4, "+": 5, "-": 5, "*": 6, "/": 6, "neg": 7}
_PRETTY_OPS = {"<=": "≤", ">=": "≥", "!=": "≠", "==": "=", "*": "×", "/": "÷"}
_WORDS = {
    "vi": {"and": "và", "or": "hoặc", "not": "không", "in": "∈", "not in": "∉"},
    "en": {"and": "and", "or": "or", "not": "not", "in": "∈", "not in": "∉"},
}


def _precedence(node: Node) -> int:
    match node:
        case Logic(op=op):
            return _PRECEDENCE[op]
        case Not():
            return _PRECEDENCE["not"]
        case Compare() | InList():
            return _PRECEDENCE["compare"]
        case Arith(op=op):
            return _PRECEDENCE[op]
        case Neg():
            return _PRECEDENCE["neg"]
        case _:
            return 9


def number_text(value: int | Decimal) -> str:
    """A literal number as the language writes it (no exponent).

    >>> number_text(Decimal("1E+2")), number_text(Decimal("0.50"))
    ('100', '0.50')
    """
    if isinstance(value, Decimal):
        return f"{value:f}"
    return str(value)


def unparse(node: Node, *, pretty: bool = False, locale: str = "vi") -> str:
    """Write a tree back as text (``pretty``: for people, as :meth:`Expression.display`)."""
    words = _WORDS[locale_of(locale)]

    def wrap(child: Node, limit: int) -> str:
        text = unparse(child, pretty=pretty, locale=locale)
        return f"({text})" if _precedence(child) < limit else text

    def op_text(op: str) -> str:
        return _PRETTY_OPS.get(op, op) if pretty else op

    match node:
        case Literal(value=value):
            if isinstance(value, bool):
                return "true" if value else "false"
            if isinstance(value, str):
                return f'"{value}"'
            return number_text(value)
        case Ref(code=code):
            return code if pretty else f"{{{code}}}"
        case Neg(operand=o):
            return "-" + wrap(o, _PRECEDENCE["neg"])
        case Arith(op=op, left=left, right=right):
            p = _PRECEDENCE[op]
            return f"{wrap(left, p)} {op_text(op)} {wrap(right, p + 1)}"
        case Compare(operands=operands, ops=ops):
            p = _PRECEDENCE["compare"] + 1
            parts = [wrap(operands[0], p)]
            for op, operand in zip(ops, operands[1:], strict=True):
                parts += [op_text(op), wrap(operand, p)]
            return " ".join(parts)
        case InList(operand=o, values=values, negated=negated):
            items = ", ".join(number_text(v) for v in values)
            if pretty:
                return f"{wrap(o, 5)} {words['not in' if negated else 'in']} {{{items}}}"
            return f"{wrap(o, 5)} {'not in' if negated else 'in'} [{items}]"
        case Logic(op=op, operands=operands):
            joiner = f" {words[op] if pretty else op} "
            return joiner.join(wrap(o, _PRECEDENCE[op] + 1) for o in operands)
        case Not(operand=o):
            return f"{words['not'] if pretty else 'not'} {wrap(o, _PRECEDENCE['not'])}"
        case Call(name=name, args=args):
            # sum(x) of one plain operand reads as x; of an operation it keeps its brackets.
            if (
                pretty
                and name == "sum"
                and len(args) == 1
                and isinstance(args[0], Ref | Literal | Call)
            ):
                return unparse(args[0], pretty=pretty, locale=locale)
            return f"{name}({', '.join(unparse(a, pretty=pretty, locale=locale) for a in args)})"
    raise AssertionError(node)  # pragma: no cover - the match is exhaustive
