"""Compile a form's checks into one Python function, for speed.

Interpreting the expression tree of ~250 checks per report costs milliseconds;
a generated function with the comparisons written out costs microseconds.  The
function is built **only from the validated tree**, so a form file cannot make it
run code of its author's choosing:

* the source text is assembled here from fixed templates; the only things taken
  from the form are indicator codes, which the parser has matched against
  ``^[0-9]+(\\.[0-9]+)*(\\.[a-z])?$`` (checked again below before they are written,
  with :func:`repr`), and whole numbers, written with :func:`repr` of an ``int``;
* every other literal (decimals, strings, lists) is passed in a constants tuple
  ``K`` and referenced by index, never written into the source;
* variable and helper names are generated here;
* the source is compiled with :func:`compile` and the function is taken from the
  resulting code object with :class:`types.FunctionType`, whose globals hold only
  the helpers of :mod:`cchc.rules._interpret`: nothing is imported, no builtins beyond
  ``min``, ``max``, ``abs`` are reachable, and :func:`eval`/:func:`exec` are not used.

Where the generated code cannot use a plain operator (decimals, fractions, blank
operands inside functions, three-valued logic) it calls the same helpers the
interpreter uses, so both give the same outcome.

The function's signature is ``run(g, B, F, E, P, M)``: ``g`` the entries'
``dict.get``, ``B`` a blank entry, ``F``/``E`` append the index of a failed /
erroring check, ``P`` the period, ``M`` the maximum points; it returns the numbers
of skipped and not-applicable checks.  A check that may raise (decimal arithmetic
can overflow) sits in its own ``try`` and reports an error; the plain comparisons
that make up most checks cannot raise and run without one (a ``try`` costs time
even when nothing is raised).  Should anything unforeseen raise anyway, the
function returns ``None`` and the caller explains every check by interpretation.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Sequence
from typing import Any

import attrs

import cchc.rules._interpret as ev
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
)
from cchc.findings import Outcome
from cchc.model import MissingPolicy
from cchc.rules._policy import guard

__all__ = ["Step", "compile_steps"]

Runner = Callable[..., tuple[int, int] | None]


@attrs.frozen
class Step:
    """One check to compile: its index in the program, its test, condition and policy."""

    index: int
    test: Node
    when: Node | None
    missing: MissingPolicy


_HELPERS: dict[str, Any] = {
    "_add": ev.add,
    "_sub": ev.sub,
    "_mul": ev.mul,
    "_div": ev.div,
    "_neg": ev.neg,
    "_chain": ev.chain,
    "_in": ev.in_,
    "_and": ev.and_,
    "_or": ev.or_,
    "_not": ev.not_,
    "_sum": ev.sum_,
    "_min": ev.min_,
    "_max": ev.max_,
    "_coalesce": ev.coalesce,
    "_abs": ev.abs_,
    "_whole": ev.whole,
    "_agrees": ev.agrees,
    "_filled": ev.filled,
    "_status": ev.status,
}
_ARITH_HELPER = {"+": "_add", "-": "_sub", "*": "_mul", "/": "_div"}


@attrs.define
class _Code:
    src: str
    type: str  # int, dec, num (int or Decimal), frac (any number), bool, str
    nullable: bool


class _Generator:
    def __init__(self, type_of: Callable[[str], str]) -> None:
        self.type_of = type_of
        self.consts: list[object] = []
        self.const_index: dict[tuple[type, object], int] = {}
        self.values: dict[str, str] = {}
        self.entries: dict[str, str] = {}
        self.uses_period_kind = False
        self.uses_own_report = False
        self.temps = 0
        self.risky = False  # whether the code being generated may raise

    def temp(self) -> str:
        self.temps += 1
        return f"t{self.temps}"

    # -- names and constants

    def const(self, value: object) -> str:
        key = (type(value), value)
        if key not in self.const_index:
            self.const_index[key] = len(self.consts)
            self.consts.append(value)
        return f"c{self.const_index[key]}"

    def value(self, code: str) -> str:
        if code not in self.values:
            self.values[code] = f"v{len(self.values)}"
        return self.values[code]

    def entry(self, code: str) -> str:
        if code not in self.entries:
            self.entries[code] = f"e{len(self.entries)}"
        return self.entries[code]

    # -- expressions

    def expr(self, node: Node, zeros: frozenset[str], guarded: bool = False) -> _Code:
        match node:
            case Literal(value=value):
                if isinstance(value, bool):
                    return _Code("True" if value else "False", "bool", False)
                if type(value) is int:
                    return _Code(repr(value), "int", False)
                kind = "str" if isinstance(value, str) else "dec"
                return _Code(self.const(value), kind, False)
            case Ref(code=code):
                var, kind = self.value(code), self.type_of(code)
                if guarded:
                    return _Code(var, kind, True)
                if code in zeros:
                    zero_kind = "int" if kind == "int" else "num"
                    return _Code(f"({var} if {var} is not None else 0)", zero_kind, False)
                return _Code(var, kind, False)
            case Neg(operand=o):
                inner = self.expr(o, zeros, guarded)
                if inner.nullable or inner.type != "int":
                    # Only ints negate exactly with `-`: a Decimal would round to 28 digits.
                    self.risky = True
                    return _Code(f"_neg({inner.src})", inner.type, inner.nullable)
                return _Code(f"(-{inner.src})", inner.type, False)
            case Arith(op=op, left=left, right=right):
                a, b = self.expr(left, zeros, guarded), self.expr(right, zeros, guarded)
                if op != "/" and a.type == b.type == "int" and not (a.nullable or b.nullable):
                    return _Code(f"({a.src} {op} {b.src})", "int", False)
                kind = _number_type(op, a.type, b.type)
                nullable = a.nullable or b.nullable or op == "/"
                self.risky = True
                return _Code(f"{_ARITH_HELPER[op]}({a.src}, {b.src})", kind, nullable)
            case Compare(operands=operands, ops=ops):
                items = [self.expr(o, zeros, guarded) for o in operands]
                if not any(i.nullable for i in items):
                    parts = [items[0].src]
                    for op, item in zip(ops, items[1:], strict=True):
                        parts += [op, item.src]
                    return _Code(f"({' '.join(parts)})", "bool", False)
                if len(items) == 2:
                    # Inline with walrus temporaries: no call for the common case.
                    names, guards = [], []
                    for item in items:
                        if item.src.isidentifier():
                            names.append(item.src)
                            if item.nullable:
                                guards.append(f"{item.src} is None")
                        else:
                            name = self.temp()
                            names.append(name)
                            guards.append(f"({name} := {item.src}) is None")
                    src = f"(None if {' or '.join(guards)} else ({names[0]} {ops[0]} {names[1]}))"
                    return _Code(src, "bool", True)
                funcs = self.const(tuple(ev.COMPARE[op] for op in ops))
                args = ", ".join(i.src for i in items)
                return _Code(f"_chain({funcs}, {args})", "bool", True)
            case InList(operand=o, values=values, negated=negated):
                inner = self.expr(o, zeros, guarded)
                members = self.const(frozenset(values))
                if inner.nullable:
                    return _Code(f"_in({inner.src}, {members}, {negated})", "bool", True)
                word = "not in" if negated else "in"
                return _Code(f"({inner.src} {word} {members})", "bool", False)
            case Logic(op=op, operands=operands):
                items = [self.expr(o, zeros, guarded) for o in operands]
                if not any(i.nullable for i in items):
                    return _Code(f"({f' {op} '.join(i.src for i in items)})", "bool", False)
                return _Code(f"_{op}({', '.join(i.src for i in items)})", "bool", True)
            case Not(operand=o):
                inner = self.expr(o, zeros, guarded)
                if inner.nullable:
                    return _Code(f"_not({inner.src})", "bool", True)
                return _Code(f"(not {inner.src})", "bool", False)
            case Call():
                return self.call(node, zeros, guarded)
        raise AssertionError(node)  # pragma: no cover - the match is exhaustive

    def call(self, node: Call, zeros: frozenset[str], guarded: bool) -> _Code:
        name = node.name
        if name in ("filled", "status", "max_points"):
            ref = node.args[0]
            assert isinstance(ref, Ref)  # noqa: S101 - the parser allows codes only
            code = _checked(ref.code)
            if name == "max_points":
                return _Code(f"M.get({code!r})", "dec", True)
            entry = self.entry(code)
            # Most rows are absent: B is the shared blank entry, so skip the call.
            if name == "filled":
                return _Code(f"({entry} is not B and _filled({entry}))", "bool", False)
            return _Code(f"(_status({entry}) if {entry} is not B else '')", "str", False)
        if name == "period_kind":
            self.uses_period_kind = True
            return _Code("PK", "str", False)
        if name == "own_report":
            self.uses_own_report = True
            return _Code("OR", "bool", False)
        if name in ("applies", "breakdown"):
            msg = f"{name}() must be expanded before compiling"
            raise TypeError(msg)
        inner_guard = guarded or name in ("sum", "min", "max", "coalesce", "present", "blank")
        args = [self.expr(a, zeros, inner_guard) for a in node.args]
        srcs = ", ".join(a.src for a in args)
        any_null = any(a.nullable for a in args)
        all_null = all(a.nullable for a in args)
        match name:
            case "present" | "blank":
                word = "is not" if name == "present" else "is"
                return _Code(f"({args[0].src} {word} None)", "bool", False)
            case "sum":
                if len(args) == 1:
                    return args[0]
                ints = all(a.type == "int" for a in args)
                if ints and not any_null:
                    return _Code(f"({' + '.join(a.src for a in args)})", "int", False)
                if ints and all(a.src.isidentifier() or not a.nullable for a in args):
                    # Whole numbers add exactly; a blank adds nothing (x or 0).
                    terms = " + ".join(f"({a.src} or 0)" if a.nullable else a.src for a in args)
                    if not all_null:
                        return _Code(f"({terms})", "int", False)
                    blank = " and ".join(f"{a.src} is None" for a in args)
                    return _Code(f"(None if {blank} else {terms})", "int", True)
                self.risky = True
                return _Code(f"_sum({srcs})", "int" if ints else "frac", all_null)
            case "min" | "max":
                kind = "int" if all(a.type == "int" for a in args) else "frac"
                if not any_null:
                    return _Code(f"{name}({srcs})", kind, False)
                return _Code(f"_{name}({srcs})", kind, all_null)
            case "coalesce":
                kind = "int" if all(a.type == "int" for a in args) else "frac"
                if not args[0].nullable:
                    return _Code(args[0].src, args[0].type, False)
                return _Code(f"_coalesce({srcs})", kind, all_null)
            case "abs":
                self.risky = True
                if any_null or args[0].type != "int":
                    return _Code(f"_abs({srcs})", args[0].type, any_null)
                return _Code(f"abs({srcs})", args[0].type, False)
            case "whole":
                if args[0].type == "int" and not any_null:
                    return _Code("True", "bool", False)
                self.risky = True
                return _Code(f"_whole({srcs})", "bool", any_null)
            case "agrees":
                self.risky = True
                return _Code(f"_agrees({srcs})", "bool", any_null)
        raise AssertionError(name)  # pragma: no cover - every function is handled


def _number_type(op: str, a: str, b: str) -> str:
    if op == "/" or "frac" in (a, b):
        return "frac"
    if a == b == "int":
        return "int"
    return "num"


def _checked(code: str) -> str:
    # The parser already refused anything else; a code is written into source code
    # only after this second look.
    if not CODE.match(code):  # pragma: no cover - defence in depth
        msg = f"refusing to compile malformed code {code!r}"
        raise ValueError(msg)
    return code


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.level = 1

    def __call__(self, line: str) -> None:
        self.lines.append("    " * self.level + line)

    def indent(self) -> None:
        self.level += 1

    def dedent(self) -> None:
        self.level -= 1


def _any_none(gen: _Generator, codes: Sequence[str]) -> str:
    return " or ".join(f"{gen.value(c)} is None" for c in codes)


def _all_none(gen: _Generator, codes: Sequence[str]) -> str:
    return " and ".join(f"{gen.value(c)} is None" for c in codes)


def _step(gen: _Generator, target: _Writer, step: Step) -> None:
    """Write one check; checks that may raise get their own ``try`` (an error finding)."""
    i = step.index
    gen.risky = False
    out = _Writer()
    out.level = target.level + 1
    plan = guard(step.test, step.when, step.missing)
    if step.when is not None:
        if plan.condition:
            out(f"if {_any_none(gen, plan.condition)}:")
            out("    s += 1")
            out("else:")
            out.indent()
        cond = gen.expr(step.when, frozenset())
        out(f"w = {cond.src}")
        if cond.nullable:
            out("if w is None:")
            out("    s += 1")
            out("elif not w:")
        else:
            out("if not w:")
        out("    n += 1")
        out("else:")
        out.indent()
    for n, gate in enumerate(plan.gates):
        blank = _all_none(gen, gate.codes) if gate.every else _any_none(gen, gate.codes)
        out(f"{'elif' if n else 'if'} {blank}:")
        out("    s += 1" if gate.outcome is Outcome.SKIPPED else f"    F({i})")
    if plan.gates:
        out("else:")
        out.indent()
    test = gen.expr(step.test, plan.zeros)
    if test.nullable:
        out(f"r = {test.src}")
        out("if r is None:")
        out("    s += 1")
        out("elif not r:")
        out(f"    F({i})")
    else:
        out(f"if not {test.src}:")
        out(f"    F({i})")
    if gen.risky:
        target("try:")
        target.lines.extend(out.lines)
        target("except Exception:")
        target(f"    E({i})")
    else:
        target.lines.extend(line[4:] for line in out.lines)


def _interpret_only(*_args: object) -> None:
    """A runner that leaves every check to the interpreter (see :func:`compile_steps`)."""
    return


def _own_report(period: object) -> bool:
    return bool(getattr(period, "has_own_report", False))


def compile_steps(
    steps: Sequence[Step],
    type_of: Callable[[str], str],
    *,
    name: str = "rules",
    order: Callable[[str], int] | None = None,
) -> tuple[Runner, str]:
    """Compile *steps* into one function; returns it and its source (for inspection).

    Args:
        steps: the checks to evaluate, each with its index.
        type_of: the static type of a code's value: ``"int"`` (counts, codes),
            ``"dec"`` (percentages, scores), ``"num"`` (either: header rows) or
            ``"str"`` (text rows).
        name: a label for tracebacks (``<cchc rules: NAME>``).
        order: the position of a code in the form; rows are read in this order,
            which is the order a report's entries lie in memory (fewer cache misses).
    """
    gen = _Generator(type_of)
    body = _Writer()
    body.level = 2
    for step in steps:
        _step(gen, body, step)
    head = _Writer()
    head.level = 2
    for index in range(len(gen.consts)):
        head(f"c{index} = K[{index}]")
    position = order or (lambda _code: 0)
    for code in sorted({*gen.values, *gen.entries}, key=position):
        literal = repr(_checked(code))
        if code in gen.entries:
            head(f"{gen.entries[code]} = g({literal}, B)")
            if code in gen.values:
                head(f"{gen.values[code]} = {gen.entries[code]}.value")
        else:
            head(f"{gen.values[code]} = g({literal}, B).value")
    if gen.uses_period_kind:
        head("PK = P.kind.value if P is not None else None")
    if gen.uses_own_report:
        head("OR = _own_report(P)")
    lines = ["def run(g, B, F, E, P, M):", "    s = 0", "    n = 0", "    try:"]
    lines += [*head.lines, *body.lines, "        pass"]
    # Anything unforeseen: the caller explains every check by interpretation instead.
    lines += ["    except Exception:", "        return None", "    return s, n"]
    source = "\n".join(lines) + "\n"
    try:
        module = compile(source, f"<cchc rules: {name}>", "exec")
    except (SyntaxError, RecursionError, MemoryError, ValueError):
        # Python's own limits (200 nested parentheses, the compiler's recursion)
        # are tighter than the expression parser's on some shapes: such a form is
        # checked by interpretation, never refused at check time.
        return _interpret_only, source
    function = next(c for c in module.co_consts if isinstance(c, types.CodeType))
    namespace: dict[str, Any] = {
        "__builtins__": {"min": min, "max": max, "abs": abs, "Exception": Exception},
        "K": tuple(gen.consts),
        "_own_report": _own_report,
        **_HELPERS,
    }
    return types.FunctionType(function, namespace, "run"), source
