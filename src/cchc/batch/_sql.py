"""Compile a form's checks to SQL: the batch engine's one query over many reports.

Internal to :mod:`cchc.batch`.  The checks are the very instances the per-report
engine compiles to Python (:mod:`cchc.rules._checks`: declared and derived rules,
``applies()`` and ``breakdown()`` expanded for one kind of reporter, options
decided), so both engines read the same declarations.  Each check becomes one SQL
predicate that is true exactly when the per-report engine calls the check failed;
the missing-value policy, the ``when`` condition and three-valued logic are written
out with SQL's own ``NULL`` logic, which is Kleene's, as the expression language's.

Exactness.  Counts are ``BIGINT``, percentages and scores ``DECIMAL(18,4)``,
products are widened to 38 digits before they are taken, and a division is kept as
a fraction (a numerator and a positive denominator), never divided: comparisons
cross-multiply and ``agrees()`` tests ``2·10^k·|e·q − p| ≤ q`` in whole numbers, as
:func:`cchc.rules._interpret.agrees` does.  No floating point is involved.  Values outside
what these types hold exactly (more than 4 decimals, 14 digits or more) are not
given to SQL: :mod:`cchc.batch` checks such reports with the per-report engine.

Safety.  The SQL text is assembled from fixed templates; what comes from the form
is indicator codes (matched against :data:`cchc.expressions.CODE` before they are
written), whole numbers and decimals (written from ``int``/``Decimal`` objects)
and string literals, which are quoted with every ``'`` doubled.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal

import attrs

from cchc.expressions import (
    CODE,
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
    number_text,
)
from cchc.findings import Outcome
from cchc.model import MissingPolicy
from cchc.rules._policy import Gate, guard

__all__ = [
    "Column",
    "SqlStep",
    "Unsupported",
    "column",
    "fail_predicate",
    "split_groups",
    "union_failures",
]

DECIMAL_TYPE = "DECIMAL(18,4)"
"""The SQL type of percentage, score and header values."""
MAX_SCALE = 4
"""The most decimals a value may have to be given to SQL."""
MAX_DIGITS = 14
"""A value given to SQL has fewer whole digits than this."""


class Unsupported(Exception):  # noqa: N818 - internal signal, never shown as is
    """A construct the SQL compiler does not translate."""


@attrs.frozen
class SqlStep:
    """One check to compile: its index among the program's instances, test, condition, policy."""

    index: int
    test: Node
    when: Node | None
    missing: MissingPolicy


@attrs.frozen
class Column:
    """A column of the wide table the predicates read: what it holds for one code."""

    code: str
    what: str  # v: value, s: status text, f: filled, t: 10^decimals of the value

    @property
    def name(self) -> str:
        """The column's SQL name (``v_1_1_2_a``)."""
        return column(self.what, self.code)


def column(what: str, code: str) -> str:
    """The name of the wide-table column of *code*: ``v_1_1_2_a`` for its value."""
    if not CODE.match(code):  # pragma: no cover - the parser refused anything else
        msg = f"refusing to compile malformed code {code!r}"
        raise ValueError(msg)
    return f"{what}_{code.replace('.', '_')}"


@attrs.frozen
class _Sql:
    """A compiled sub-expression: SQL text, kind, and for numbers a denominator."""

    src: str
    kind: str  # int, dec, frac, bool, str
    den: str | None = None  # a fraction's positive denominator (None: 1)
    wide: bool = False  # already a 38-digit type: no widening cast needed


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _number(value: int | Decimal) -> _Sql:
    if isinstance(value, Decimal):
        text = number_text(value)
        scale = len(text.partition(".")[2])
        digits = max(len(text.replace("-", "").replace(".", "")), scale + 1)
        if digits > 38:
            msg = f"the number {text} has more than 38 digits"
            raise Unsupported(msg)
        return _Sql(f"CAST({_quote(text)} AS DECIMAL(38,{scale}))", "dec", wide=True)
    if abs(value) >= 10**37:
        msg = f"the number {value} has more than 37 digits"
        raise Unsupported(msg)
    return _Sql(f"CAST({value} AS HUGEINT)" if abs(value) >= 2**62 else str(value), "int")


def _widened(item: _Sql) -> str:
    if item.wide:
        return item.src
    if item.kind == "int":
        return f"CAST({item.src} AS HUGEINT)"
    return f"CAST({item.src} AS DECIMAL(38,{MAX_SCALE}))"


def _times(a: str | None, b: str | None) -> str | None:
    if a is None:
        return b
    if b is None:
        return a
    return f"({a} * {b})"


class _Compiler:
    def __init__(
        self,
        type_of: Callable[[str], str],
        max_points: Mapping[str, Decimal],
        columns: dict[tuple[str, str], Column],
    ) -> None:
        self.type_of = type_of
        self.max_points = max_points
        self.columns = columns

    def col(self, what: str, code: str) -> str:
        key = (what, code)
        if key not in self.columns:
            self.columns[key] = Column(code, what)
        return self.columns[key].name

    # -- values

    def ref(self, code: str, zeros: frozenset[str], guarded: bool) -> _Sql:
        name = self.col("v", code)
        kind = {"int": "int", "dec": "dec", "num": "dec", "str": "str"}[self.type_of(code)]
        if not guarded and code in zeros:
            return _Sql(f"COALESCE({name}, 0)", kind)
        return _Sql(name, kind)

    def expr(self, node: Node, zeros: frozenset[str], guarded: bool = False) -> _Sql:
        match node:
            case Literal(value=value):
                if isinstance(value, bool):
                    return _Sql("TRUE" if value else "FALSE", "bool")
                if isinstance(value, str):
                    return _Sql(_quote(value), "str")
                return _number(value)
            case Ref(code=code):
                return self.ref(code, zeros, guarded)
            case Neg(operand=o):
                inner = self.expr(o, zeros, guarded)
                return attrs.evolve(inner, src=f"(-{inner.src})")
            case Arith(op=op, left=left, right=right):
                return self.arith(
                    op, self.expr(left, zeros, guarded), self.expr(right, zeros, guarded)
                )
            case Compare(operands=operands, ops=ops):
                items = [self.expr(o, zeros, guarded) for o in operands]
                parts = [
                    self.compare(a, op, b) for op, a, b in zip(ops, items, items[1:], strict=False)
                ]
                return _Sql(parts[0] if len(parts) == 1 else f"({' AND '.join(parts)})", "bool")
            case InList(operand=o, values=values, negated=negated):
                inner = self.expr(o, zeros, guarded)
                members = [_number(v) for v in values]
                listed = ", ".join(_widened(m) if inner.den else m.src for m in members)
                if inner.den is not None:
                    listed = ", ".join(f"({_widened(m)} * {inner.den})" for m in members)
                word = "NOT IN" if negated else "IN"
                return _Sql(f"({inner.src} {word} ({listed}))", "bool")
            case Logic(op=op, operands=operands):
                items = [self.expr(o, zeros, guarded) for o in operands]
                joiner = f" {op.upper()} "
                return _Sql(f"({joiner.join(i.src for i in items)})", "bool")
            case Not(operand=o):
                return _Sql(f"(NOT {self.expr(o, zeros, guarded).src})", "bool")
            case Call():
                return self.call(node, zeros, guarded)
        raise AssertionError(node)  # pragma: no cover - the match is exhaustive

    def arith(self, op: str, a: _Sql, b: _Sql) -> _Sql:
        if op == "/":
            # a/b = (na·db)/(da·nb), sign moved to the numerator; b = 0 gives no value.
            num = _times(_widened(a), b.den)
            den = _times(a.den, f"ABS({_widened(b)})")
            # A blank divisor gives no value, as a zero one does (not the ELSE branch).
            nothing = f"{b.src} IS NULL OR {b.src} = 0"
            src = f"(CASE WHEN {nothing} THEN NULL WHEN {b.src} < 0 THEN -{num} ELSE {num} END)"
            return _Sql(src, "frac", den=den, wide=True)
        if op == "*":
            num = f"({_widened(a)} * {_widened(b)})"
            kind = (
                "int"
                if a.kind == b.kind == "int"
                else "frac"
                if "frac" in (a.kind, b.kind)
                else "dec"
            )
            return _Sql(num, kind, den=_times(a.den, b.den), wide=True)
        if a.den is None and b.den is None:
            kind = "int" if a.kind == b.kind == "int" else "dec"
            return _Sql(f"({a.src} {op} {b.src})", kind, wide=a.wide or b.wide)
        left = _times(_widened(a), b.den)
        right = _times(_widened(b), a.den)
        return _Sql(f"({left} {op} {right})", "frac", den=_times(a.den, b.den), wide=True)

    def compare(self, a: _Sql, op: str, b: _Sql) -> str:
        sql_op = "<>" if op == "!=" else "=" if op == "==" else op
        if a.den is None and b.den is None:
            return f"({a.src} {sql_op} {b.src})"
        left = _times(_widened(a), b.den)
        right = _times(_widened(b), a.den)
        return f"({left} {sql_op} {right})"

    def call(self, node: Call, zeros: frozenset[str], guarded: bool) -> _Sql:
        name = node.name
        if name in ("filled", "status", "max_points"):
            ref = node.args[0]
            assert isinstance(ref, Ref)  # noqa: S101 - the parser allows codes only
            if name == "filled":
                return _Sql(self.col("f", ref.code), "bool")
            if name == "status":
                return _Sql(self.col("s", ref.code), "str")
            points = self.max_points.get(ref.code)
            if points is None:
                return _Sql(f"CAST(NULL AS {DECIMAL_TYPE})", "dec")
            return _number(points)
        if name == "period_kind":
            return _Sql("period_kind", "str")
        if name == "own_report":
            return _Sql("own_report", "bool")
        if name in ("applies", "breakdown"):  # pragma: no cover - expanded by _instantiate
            msg = f"{name}() must be expanded before compiling"
            raise TypeError(msg)
        inner_guard = guarded or name in ("sum", "min", "max", "coalesce", "present", "blank")
        args = [self.expr(a, zeros, inner_guard) for a in node.args]
        fractions = any(a.den is not None for a in args)
        match name:
            case "present" | "blank":
                word = "IS NOT NULL" if name == "present" else "IS NULL"
                return _Sql(f"({args[0].src} {word})", "bool")
            case "sum" | "min" | "max" | "coalesce" if len(args) == 1:
                return args[0]
            case "sum" | "min" | "max" if fractions:
                return _common_denominator(name, args)
            case "sum":
                kind = "int" if all(a.kind == "int" for a in args) else "dec"
                blank = " AND ".join(f"{a.src} IS NULL" for a in args)
                terms = " + ".join(f"COALESCE({a.src}, 0)" for a in args)
                src = f"(CASE WHEN {blank} THEN NULL ELSE {terms} END)"
                return _Sql(src, kind, wide=any(a.wide for a in args))
            case "min" | "max":
                # LEAST and GREATEST pass over NULLs, as min() and max() do.  DuckDB
                # gives them a decimal type wide enough for every argument (BIGINT and
                # DECIMAL(18,4) meet in DECIMAL(23,4)): no cast, no wider arithmetic.
                kind = "int" if all(a.kind == "int" for a in args) else "dec"
                word = "LEAST" if name == "min" else "GREATEST"
                srcs = ", ".join(a.src for a in args)
                return _Sql(f"{word}({srcs})", kind, wide=any(a.wide for a in args))
            case "coalesce":
                kind = "int" if all(a.kind == "int" for a in args) else "dec"
                if not fractions:
                    srcs = ", ".join(a.src for a in args)
                    return _Sql(f"COALESCE({srcs})", kind, wide=any(a.wide for a in args))
                num = ", ".join(_widened(a) for a in args)
                whens = " ".join(f"WHEN {a.src} IS NOT NULL THEN {a.den or 1}" for a in args)
                return _Sql(f"COALESCE({num})", "frac", den=f"(CASE {whens} END)", wide=True)
            case "abs":
                return attrs.evolve(args[0], src=f"ABS({args[0].src})")
            case "whole":
                a = args[0]
                if a.kind == "int" and a.den is None:
                    return _Sql(f"(CASE WHEN {a.src} IS NULL THEN NULL ELSE TRUE END)", "bool")
                if a.den is None:
                    # In the decimal's own type (exact, DECIMAL(18,4) % 1 is one):
                    # widened to 38 digits, the modulo costs some ten times more.
                    return _Sql(f"(({a.src} % 1) = 0)", "bool")
                return _Sql(f"(({_widened(a)} % {a.den}) = 0)", "bool")
            case "agrees":
                entered, computed = node.args[0], args[1]
                assert isinstance(entered, Ref)  # noqa: S101 - the parser checks it
                e = _widened(args[0])
                scale = self.col("t", entered.code)
                q = computed.den or "1"
                diff = f"ABS(({e} * {q}) - {_widened(computed)})"
                return _Sql(f"((2 * {scale} * {diff}) <= {q})", "bool")
        raise AssertionError(name)  # pragma: no cover - every function is handled


def _common_denominator(name: str, args: list[_Sql]) -> _Sql:
    """``sum``, ``min`` or ``max`` of fractions, over their common denominator.

    Each argument's numerator is scaled by the other arguments' denominators, so
    that all share their product, which is positive; an argument with no value
    counts 1 there (it is passed over anyway).
    """
    safe = [f"COALESCE(NULLIF({a.den}, 0), 1)" if a.den is not None else None for a in args]
    scaled = []
    for n, a in enumerate(args):
        factor = None
        for m, den in enumerate(safe):
            if m != n:
                factor = _times(factor, den)
        scaled.append(_times(_widened(a), factor) or _widened(a))
    common = None
    for den in safe:
        common = _times(common, den)
    if name == "sum":
        blank = " AND ".join(f"{a.src} IS NULL" for a in args)
        terms = " + ".join(f"COALESCE({t}, 0)" for t in scaled)
        src = f"(CASE WHEN {blank} THEN NULL ELSE {terms} END)"
    else:
        # LEAST and GREATEST pass over NULLs, as min() and max() do.
        src = f"{'LEAST' if name == 'min' else 'GREATEST'}({', '.join(scaled)})"
    return _Sql(src, "frac", den=common, wide=True)


def _gate_open(compiler: _Compiler, gate: Gate) -> str:
    """SQL for "the gate opens": every code blank, or any code blank."""
    cols = [compiler.col("v", c) for c in gate.codes]
    if gate.every:
        return "(" + " AND ".join(f"{c} IS NULL" for c in cols) + ")"
    return "(" + " OR ".join(f"{c} IS NULL" for c in cols) + ")"


def _gate_shut(compiler: _Compiler, gate: Gate) -> str:
    cols = [compiler.col("v", c) for c in gate.codes]
    if gate.every:
        return f"(NOT {_gate_open(compiler, gate)})"
    return " AND ".join(f"{c} IS NOT NULL" for c in cols)


def fail_predicate(
    step: SqlStep,
    type_of: Callable[[str], str],
    max_points: Mapping[str, Decimal],
    columns: dict[tuple[str, str], Column],
) -> str:
    """A SQL ``WHERE`` predicate that holds exactly when the per-report engine fails *step*.

    As a ``WHERE`` clause keeps only rows where it is true, a ``NULL`` (no value)
    anywhere in it counts as "not failed", which is what the per-report engine
    does with a condition or a test that has no value (the check is skipped).

    The blank handling is the per-report engine's own (:func:`cchc.rules._policy.guard`):
    a blank strict operand of the condition skips, the condition must be true, then
    the gates are tried in order (the first that opens decides) and, when none
    opens, the test must be false.  *columns* collects the wide-table columns read.

    Raises:
        Unsupported: the check uses a construct the SQL compiler does not translate.
    """
    compiler = _Compiler(type_of, max_points, columns)
    policy = guard(step.test, step.when, step.missing)
    head: list[str] = []
    if step.when is not None:
        if policy.condition:
            head.append(
                " AND ".join(f"{compiler.col('v', c)} IS NOT NULL" for c in policy.condition)
            )
        head.append(compiler.expr(step.when, frozenset()).src)
    # Fails when a failing gate opens with none before it open, or no gate opens
    # and the test is false.
    shut: list[str] = []
    ways: list[str] = []
    for gate in policy.gates:
        if gate.outcome is Outcome.FAIL:
            ways.append(" AND ".join([*shut, _gate_open(compiler, gate)]))
        shut.append(_gate_shut(compiler, gate))
    test = compiler.expr(step.test, policy.zeros).src
    ways.append(" AND ".join([*shut, f"(NOT {test})"]))
    verdict = ways[0] if len(ways) == 1 else "(" + " OR ".join(f"({w})" for w in ways) + ")"
    return " AND ".join([*head, verdict])


def union_failures(
    groups: Mapping[tuple[int, str], Sequence[int]], profiles: int, table: str = "w"
) -> str:
    """``(report, check_index)`` of every failed check: a filtered scan of *table* per check.

    *groups* maps ``(check index, predicate)`` to the profiles it is compiled
    for; a check of every profile needs no profile filter.
    """
    parts = []
    for (index, predicate), owners in groups.items():
        where = predicate
        if len(owners) < profiles:
            where = f"profile IN ({', '.join(map(str, owners))}) AND {predicate}"
        # Templates, validated codes and quoted literals only (see the module's docstring).
        parts.append(f"SELECT report, {index} AS check_index FROM {table} WHERE {where}")  # noqa: S608
    if not parts:
        return f"SELECT report, NULL::INTEGER AS check_index FROM {table} WHERE FALSE"  # noqa: S608
    return "\nUNION ALL\n".join(parts)


def split_groups(
    groups: Mapping[tuple[int, str], Sequence[int]], parts: int
) -> list[dict[tuple[int, str], Sequence[int]]]:
    """*groups* dealt into at most *parts* shares of about equal cost, none empty.

    DuckDB scans a table of fewer than 122,880 rows (one row group) on one thread,
    and runs the branches of a ``UNION ALL`` one after another: the shares are run
    as separate queries at once.  A predicate's length stands for its cost; the
    longest are dealt first, each to the lightest share (a greedy balance).
    """
    shares: list[dict[tuple[int, str], Sequence[int]]] = [{} for _ in range(max(parts, 1))]
    loads = [0] * len(shares)
    for key in sorted(groups, key=lambda k: -len(k[1])):
        lightest = loads.index(min(loads))
        shares[lightest][key] = groups[key]
        loads[lightest] += len(key[1]) + 100  # a scan costs even when its test is short
    return [share for share in shares if share]
