"""What a blank operand means: the missing-value policy and ``when``, decided once.

Internal to :mod:`cchc.rules`.  Before a test is evaluated, its blank operands
may decide the outcome (skipped, or failed for a required value) or turn into
zeros.  :func:`guard` writes that decision down as data, a :class:`Guard`; the
compiler (:mod:`cchc.rules._compile`) turns it into code and the explanations
(:mod:`cchc.rules._explain`) follow it step by step, so the fast path and the
explaining path cannot disagree on what a policy means.
"""

from __future__ import annotations

import enum

import attrs

from cchc.expressions import Node, Ref, strict_refs, walk
from cchc.findings import Outcome
from cchc.model import MissingPolicy

__all__ = ["Gate", "Guard", "Reason", "guard"]


class Reason(enum.Enum):
    """Why a gate decided the outcome (each explanation words one)."""

    ANY_BLANK = "any-blank"  # skip-if-any: some operand is blank
    NOTHING_REPORTED = "nothing-reported"  # fail: every operand is blank
    REQUIRED_BLANK = "required-blank"  # fail: a required operand is blank
    ALL_BLANK = "all-blank"  # skip-if-all: every operand is blank


@attrs.frozen
class Gate:
    """A test on blank operands that decides the outcome before the test is evaluated.

    Attributes:
        codes: the operands looked at.
        every: whether the gate opens when every code is blank (else: when any is).
        outcome: skipped or failed.
        reason: which policy rule it is, for the explanation.
    """

    codes: tuple[str, ...]
    every: bool
    outcome: Outcome
    reason: Reason


@attrs.frozen
class Guard:
    """How blanks are handled for one check, in the order they are tried.

    Attributes:
        condition: the strict operands of the ``when`` condition: one blank skips
            the check (then the condition is evaluated: no value skips, false
            does not apply).
        strict: the strict operands of the test (outside functions that take blanks).
        gates: tried in order; the first that opens decides the outcome.
        zeros: operands that count as zero when the test is evaluated.
    """

    condition: tuple[str, ...]
    strict: tuple[str, ...]
    gates: tuple[Gate, ...]
    zeros: frozenset[str]


def _strict(node: Node) -> tuple[str, ...]:
    return tuple(dict.fromkeys(r.code for r in strict_refs(node)))


def guard(test: Node, when: Node | None, policy: MissingPolicy) -> Guard:
    """The blank handling of a check with *test*, condition *when*, under *policy*."""
    condition = _strict(when) if when is not None else ()
    strict = _strict(test)
    gates: tuple[Gate, ...] = ()
    zeros: frozenset[str] = frozenset()
    if policy is MissingPolicy.SKIP_IF_ANY and strict:
        gates = (Gate(strict, False, Outcome.SKIPPED, Reason.ANY_BLANK),)
    elif policy is MissingPolicy.FAIL and strict:
        refs = tuple(dict.fromkeys(n.code for n in walk(test) if isinstance(n, Ref)))
        gates = (
            Gate(refs, True, Outcome.SKIPPED, Reason.NOTHING_REPORTED),
            Gate(strict, False, Outcome.FAIL, Reason.REQUIRED_BLANK),
        )
    elif policy is MissingPolicy.SKIP_IF_ALL and strict:
        gates = (Gate(strict, True, Outcome.SKIPPED, Reason.ALL_BLANK),)
        zeros = frozenset(strict)
    elif policy is MissingPolicy.ZERO:
        zeros = frozenset(strict)
    return Guard(condition, strict, gates, zeros)
