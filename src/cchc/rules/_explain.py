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
from cchc.expressions import Compare, Logic, Node, Ref, walk
from cchc.findings import Outcome
from cchc.rules._checks import RuleFinding, _Instance
from cchc.rules._policy import Reason, guard

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
        elif isinstance(n, Logic) and n.op == "and":
            for item in n.operands:
                collect(item)

    collect(node)
    for a, op, b in candidates:
        va, vb = values.get(id(a)), values.get(id(b))
        if va is not None and vb is not None and ev.COMPARE[op](va, vb) is False:
            return a, op, b
    return candidates[0] if candidates else None


def _message(instance: _Instance, head: tuple[str, str], body: tuple[str, str]) -> tuple[str, str]:
    check = instance.check
    expr = instance.display
    title_vi = check.title or check.rule
    title_en = check.title_en or check.title or check.rule
    vi = f"{title_vi} ({expr[0]})" if expr[0] else title_vi
    en = f"{title_en} ({expr[1]})" if expr[1] else title_en
    lead_vi = f"{head[0]}: " if head[0] else ""
    lead_en = f"{head[1]}: " if head[1] else ""
    return f"{vi}: {lead_vi}{body[0]}", f"{en}: {lead_en}{body[1]}"


_Factory = Callable[..., RuleFinding]


def evaluate_instance(instance: _Instance, env: ev.Env) -> RuleFinding:
    """Evaluate one check by interpretation, explaining the outcome."""
    check = instance.check
    base: dict[str, Any] = {
        "rule": check.rule,
        "severity": check.severity,
        "indicators": instance.indicators,
        "title": check.title,
        "expression": instance.display[0],
        "missing_policy": check.missing,
    }

    def finding(
        outcome: Outcome, head: tuple[str, str], body: tuple[str, str], **more: Any
    ) -> RuleFinding:
        message, message_en = _message(instance, head, body)
        return RuleFinding(outcome=outcome, message=message, message_en=message_en, **base, **more)

    if check.problem is not None or (instance.test is None and instance.na is None):
        problem = check.problem or "no test"
        return finding(
            Outcome.ERROR, ("không đánh giá được", "cannot be evaluated"), (problem, problem)
        )
    if instance.na is not None:
        return finding(Outcome.NOT_APPLICABLE, ("", ""), instance.na)
    assert instance.test is not None  # noqa: S101 - handled above
    try:
        return _evaluate(instance, env, finding)
    except (ArithmeticError, TypeError, ValueError, CchcError) as exc:
        text = f"{type(exc).__name__}: {exc}"
        return finding(Outcome.ERROR, ("không đánh giá được", "cannot be evaluated"), (text, text))


def _with_condition(finding: _Factory, shown: tuple[str, str]) -> _Factory:
    """Prefix the rendered condition to the body of every finding made with *finding*."""

    def with_condition(
        outcome: Outcome, head: tuple[str, str], body: tuple[str, str], **more: Any
    ) -> RuleFinding:
        joiner = ("; ", "; ") if outcome is not Outcome.FAIL else (" nhưng ", " but ")
        return finding(
            outcome,
            head,
            (shown[0] + joiner[0] + body[0], shown[1] + joiner[1] + body[1]),
            **more,
        )

    return with_condition


# What each gate of the missing-value policy says: (head, body) in Vietnamese and English.
_GATES = {
    Reason.ANY_BLANK: (("bỏ qua", "skipped"), ("thiếu số liệu {}", "{} blank")),
    Reason.NOTHING_REPORTED: (
        ("bỏ qua", "skipped"),
        ("không có số liệu nào ({})", "nothing reported ({})"),
    ),
    Reason.REQUIRED_BLANK: (("thiếu số liệu bắt buộc {}", "required {} blank"), ("", "")),
    Reason.ALL_BLANK: (("bỏ qua", "skipped"), ("thiếu mọi số liệu {}", "all of {} blank")),
}


def _evaluate(instance: _Instance, env: ev.Env, finding: _Factory) -> RuleFinding:
    check = instance.check
    test = instance.test
    assert test is not None  # noqa: S101 - the caller checked
    plan = guard(test, instance.when, check.missing)
    if instance.when is not None:
        missing = ev.blank_codes(plan.condition, env)
        if missing:
            listed = ", ".join(missing)
            return finding(
                Outcome.SKIPPED,
                ("bỏ qua", "skipped"),
                (f"điều kiện thiếu số liệu {listed}", f"the condition's {listed} blank"),
                missing=missing,
            )
        when_eval = ev.Evaluator(env)
        holds = when_eval(instance.when)
        shown = (
            ev.Renderer(when_eval.values, env, "vi").render(instance.when),
            ev.Renderer(when_eval.values, env, "en").render(instance.when),
        )
        if holds is None:
            return finding(
                Outcome.SKIPPED,
                ("bỏ qua", "skipped"),
                (
                    f"điều kiện không tính được ({shown[0]})",
                    f"the condition has no value ({shown[1]})",
                ),
            )
        if not holds:
            return finding(
                Outcome.NOT_APPLICABLE,
                ("không áp dụng", "not applicable"),
                (f"điều kiện không thỏa ({shown[0]})", f"the condition does not hold ({shown[1]})"),
            )
        finding = _with_condition(finding, shown)
    missing = ev.blank_codes(plan.strict, env)
    listed = ", ".join(missing)
    for gate in plan.gates:
        blank = missing if gate.codes == plan.strict else ev.blank_codes(gate.codes, env)
        if not (len(blank) == len(gate.codes) if gate.every else blank):
            continue
        head, body = _GATES[gate.reason]
        head = (head[0].format(listed), head[1].format(listed))
        if gate.outcome is Outcome.FAIL:
            # A required value is blank: show what the rest of the test comes to.
            evaluator = ev.Evaluator(env)
            evaluator(test)
            body = (
                ev.Renderer(evaluator.values, env, "vi").render(test),
                ev.Renderer(evaluator.values, env, "en").render(test),
            )
        else:
            body = (body[0].format(listed), body[1].format(listed))
        return finding(gate.outcome, head, body, missing=missing)
    zeros = plan.zeros
    zenv = attrs.evolve(env, zeros=zeros) if zeros else env
    evaluator = ev.Evaluator(zenv)
    result = evaluator(test)
    rendered = (
        ev.Renderer(evaluator.values, zenv, "vi").render(test),
        ev.Renderer(evaluator.values, zenv, "en").render(test),
    )
    more: dict[str, Any] = {"missing": missing}
    pair = _comparison(test, evaluator.values)
    if pair is not None:
        left, right = evaluator.values.get(id(pair[0])), evaluator.values.get(id(pair[2]))
        more.update(left=_number(left), operator=pair[1], right=_number(right))
        if _number(left) is not None and _number(right) is not None:
            more["imbalance"] = _number(ev.sub(left, right))
    if result is None:
        blank = ev.blank_codes([n.code for n in walk(test) if isinstance(n, Ref)], env)
        more["missing"] = tuple(dict.fromkeys((*missing, *blank)))
        return finding(
            Outcome.SKIPPED,
            ("bỏ qua, không tính được", "skipped, no value"),
            rendered,
            **more,
        )
    if result:
        return finding(Outcome.PASS, ("", ""), rendered, **more)
    return finding(Outcome.FAIL, ("", ""), rendered, **more)
