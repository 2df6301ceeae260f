"""Explanations: a check evaluated by interpreting its tree, with the arithmetic written out.

Internal to :mod:`cchc.rules`.  The compiled fast path only says which checks
failed; this module makes the :class:`~cchc.rules.RuleFinding` of a check —
outcome, values on each side, blank operands, and the message in Vietnamese and
English — when a finding is asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

import attrs

import cchc.rules._interpret as ev
from cchc.errors import CchcError
from cchc.expressions import Call, Compare, Logic, Node, Ref, walk
from cchc.findings import Outcome
from cchc.rules._checks import RuleFinding, _Instance
from cchc.rules._policy import Reason, guard
from cchc.rules._sentence import Sentence, fill

__all__ = ["evaluate_instance"]


def _number(value: ev.Val) -> int | Decimal | None:
    if isinstance(value, bool | str) or value is None:
        return None
    return ev.to_decimal(value)


def _comparison(node: Node, values: Mapping[int, ev.Val]) -> tuple[Node, str, Node] | None:
    """The comparison to report as left/operator/right: the first that fails, else the first."""
    candidates: list[tuple[Node, str, Node]] = []

    def collect(n: Node) -> None:
        if isinstance(n, Compare):
            candidates.extend(
                (a, op, b) for op, a, b in zip(n.ops, n.operands, n.operands[1:], strict=False)
            )
        elif isinstance(n, Call) and n.name == "agrees":
            candidates.append((n.args[0], "==", n.args[1]))
        elif isinstance(n, Logic) and n.op == "and":
            for item in n.operands:
                collect(item)

    collect(node)
    for a, op, b in candidates:
        va, vb = values.get(id(a)), values.get(id(b))
        if va is not None and vb is not None and ev.COMPARE[op](va, vb) is False:
            return a, op, b
    return candidates[0] if candidates else None


def _titles(instance: _Instance) -> tuple[str, str]:
    check = instance.check
    return check.title or check.rule, check.title_en or check.title or check.rule


def _say(instance: _Instance, vi: str, en: str) -> tuple[str, str]:
    """The rule's title, then what was found: ``Title: facts``."""
    title_vi, title_en = _titles(instance)
    return f"{title_vi}: {vi}", f"{title_en}: {en}"


def _sentences(values: Mapping[int, ev.Val], env: ev.Env) -> tuple[Sentence, Sentence]:
    return Sentence(values, env, "vi"), Sentence(values, env, "en")


def _listing(codes: tuple[str, ...]) -> str:
    return ", ".join(codes)


_Factory = Callable[..., RuleFinding]


def evaluate_instance(instance: _Instance, env: ev.Env) -> RuleFinding:
    """Evaluate one check by interpretation, explaining the outcome in plain words."""
    check = instance.check
    base: dict[str, Any] = {
        "rule": check.rule,
        "severity": check.severity,
        "indicators": instance.indicators,
        "title": check.title,
        "expression": instance.display[0],
        "missing_policy": check.missing,
    }

    def finding(outcome: Outcome, text: tuple[str, str], **more: Any) -> RuleFinding:
        return RuleFinding(outcome=outcome, message=text[0], message_en=text[1], **base, **more)

    if check.problem is not None or (instance.test is None and instance.na is None):
        problem = check.problem or "no test"
        return finding(
            Outcome.ERROR,
            _say(
                instance,
                f"không đánh giá được ({problem})",
                f"cannot be evaluated ({problem})",
            ),
        )
    if instance.na is not None:
        return finding(Outcome.NOT_APPLICABLE, _say(instance, *instance.na))
    assert instance.test is not None  # noqa: S101 - handled above
    try:
        return _evaluate(instance, env, finding)
    except (ArithmeticError, TypeError, ValueError, CchcError) as exc:
        text = f"{type(exc).__name__}: {exc}"
        return finding(
            Outcome.ERROR,
            _say(instance, f"không đánh giá được ({text})", f"cannot be evaluated ({text})"),
        )


# What each skipping gate of the missing-value policy says, in Vietnamese and English.
_GATES = {
    Reason.ANY_BLANK: ("bỏ qua, thiếu số liệu {}", "skipped: {} blank"),
    Reason.NOTHING_REPORTED: (
        "bỏ qua, không có số liệu nào ({})",
        "skipped: nothing reported ({})",
    ),
    Reason.ALL_BLANK: ("bỏ qua, thiếu mọi số liệu {}", "skipped: all of {} blank"),
}


def _required(instance: _Instance, env: ev.Env, missing: tuple[str, ...]) -> tuple[str, str]:
    """A required row is blank while others of the rule are filled in."""
    sentence = Sentence({}, env, "vi"), Sentence({}, env, "en")
    given = [c for c in instance.indicators if c not in missing and env.raw(c) is not None]
    listed = _listing(missing)
    if not given:
        return _say(instance, f"thiếu số liệu bắt buộc {listed}", f"required {listed} blank")
    shown = [", ".join(f"{c} ({s.amount(env.raw(c))})" for c in given) for s in sentence]
    return _say(
        instance,
        f"{listed} để trống, nhưng là số liệu bắt buộc khi đã ghi {shown[0]}",
        f"{listed} is blank, but it is required once {shown[1]} is filled in",
    )


def _evaluate(instance: _Instance, env: ev.Env, finding: _Factory) -> RuleFinding:
    check = instance.check
    test = instance.test
    assert test is not None  # noqa: S101 - the caller checked
    plan = guard(test, instance.when, check.missing)
    condition: tuple[str, str] | None = None
    if instance.when is not None:
        missing = ev.blank_codes(plan.condition, env)
        if missing:
            listed = _listing(missing)
            return finding(
                Outcome.SKIPPED,
                _say(
                    instance,
                    f"bỏ qua, điều kiện thiếu số liệu {listed}",
                    f"skipped: the condition's {listed} blank",
                ),
                missing=missing,
            )
        when_eval = ev.Evaluator(env)
        holds = when_eval(instance.when)
        said = tuple(s.truth(instance.when) for s in _sentences(when_eval.values, env))
        if holds is None:
            return finding(
                Outcome.SKIPPED,
                _say(
                    instance,
                    f"bỏ qua, không xét được điều kiện ({said[0]})",
                    f"skipped: the condition has no value ({said[1]})",
                ),
            )
        if not holds:
            return finding(
                Outcome.NOT_APPLICABLE,
                _say(instance, f"không áp dụng vì {said[0]}", f"not applicable: {said[1]}"),
            )
        # "when present(x)" before a test on x says nothing the test does not.
        plain = isinstance(instance.when, Call) and instance.when.name == "present"
        condition = None if plain else (said[0], said[1])
    missing = ev.blank_codes(plan.strict, env)
    listed = _listing(missing)
    for gate in plan.gates:
        blank = missing if gate.codes == plan.strict else ev.blank_codes(gate.codes, env)
        if not (len(blank) == len(gate.codes) if gate.every else blank):
            continue
        if gate.outcome is Outcome.FAIL:
            return finding(gate.outcome, _required(instance, env, missing), missing=missing)
        vi, en = _GATES[gate.reason]
        return finding(
            gate.outcome, _say(instance, vi.format(listed), en.format(listed)), missing=missing
        )
    zeros = plan.zeros
    zenv = attrs.evolve(env, zeros=zeros) if zeros else env
    evaluator = ev.Evaluator(zenv)
    result = evaluator(test)
    more: dict[str, Any] = {
        "missing": missing,
        "working": ev.Renderer(evaluator.values, zenv, "vi").render(test),
    }
    pair = _comparison(test, evaluator.values)
    if pair is not None:
        left, right = evaluator.values.get(id(pair[0])), evaluator.values.get(id(pair[2]))
        more.update(left=_number(left), operator=pair[1], right=_number(right))
        if _number(left) is not None and _number(right) is not None:
            more["imbalance"] = _number(ev.sub(left, right))
    if result is None:
        blank = ev.blank_codes([n.code for n in walk(test) if isinstance(n, Ref)], env)
        more["missing"] = tuple(dict.fromkeys((*missing, *blank)))
        shown = _listing(more["missing"])
        return finding(
            Outcome.SKIPPED,
            _say(
                instance,
                f"bỏ qua, không tính được vì thiếu số liệu {shown}",
                f"skipped: no value, for want of {shown}",
            ),
            **more,
        )
    sentences = _sentences(evaluator.values, zenv)
    said = tuple(s.truth(test) for s in sentences)
    if result:
        return finding(
            Outcome.PASS, _say(instance, f"đạt ({said[0]})", f"passed ({said[1]})"), **more
        )
    template = check.message
    if template is not None and all(template):
        row = instance.indicators[0] if instance.indicators else None
        text = tuple(
            fill(t, s, pair=pair, row=row) for t, s in zip(template, sentences, strict=True)
        )
        return finding(Outcome.FAIL, (text[0], text[1]), **more)
    if condition is not None:
        said = (f"{condition[0]}, nhưng {said[0]}", f"{condition[1]}, but {said[1]}")
    return finding(Outcome.FAIL, _say(instance, said[0], said[1]), **more)
