"""Findings: the result records of reading diagnostics and rule checks.

A finding is a record, not a boolean (see the design notes, "Results"): which
rule, with what outcome and severity, over which indicators, with the values on
each side, what was missing, and a message a person can act on.

Reading diagnostics (``read.…`` rules: duplicate printed codes, text in a number
cell, values on header rows) and rule findings share this one type, so a tool can
report them together.

>>> from cchc.findings import Finding, Outcome, Severity
>>> f = Finding(
...     rule="R1",
...     outcome=Outcome.FAIL,
...     severity=Severity.ERROR,
...     indicators=("1.1.1", "1.1.2"),
...     message="50 ≤ 49 không đúng",
... )
>>> f.is_problem
True
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from decimal import Decimal

import attrs

__all__ = ["Finding", "Outcome", "Severity"]


class Severity(enum.Enum):
    """How serious a finding is (*Lỗi / Cảnh báo / Thông tin*)."""

    ERROR = "error"
    """Logically impossible data: the report must be corrected."""
    WARNING = "warning"
    """Suspicious or policy-dependent: a person should look."""
    INFO = "info"
    """Worth knowing; nothing to correct."""

    @property
    def rank(self) -> int:
        """0 for error, 1 for warning, 2 for info: sort by this, most serious first."""
        return list(Severity).index(self)


class Outcome(enum.Enum):
    """What happened when a rule met a report.

    ``skipped`` is never folded into ``pass``: a rule whose operands were blank did
    not show the data to be right.
    """

    PASS = "pass"  # noqa: S105  (an outcome, not a password)
    FAIL = "fail"
    SKIPPED = "skipped"
    """Not evaluated: an operand was missing, under the rule's missing-value policy."""
    NOT_APPLICABLE = "not-applicable"
    """The rule does not apply to this reporter kind or policy."""
    ERROR = "error"
    """The rule could not be evaluated (a bad declaration, an unexpected value)."""


Number = int | Decimal


def _codes(codes: Iterable[str]) -> tuple[str, ...]:
    return tuple(codes)


@attrs.frozen(kw_only=True)
class Finding:
    """One result of a reading diagnostic or a rule.

    Attributes:
        rule: stable rule id (``"R1"``, ``"F2"``, ``"read.duplicate-code"``).
        outcome: pass, fail, skipped, not-applicable or error.
        severity: error, warning or info.
        indicators: the indicator codes involved.
        message: the explanation in Vietnamese, showing the arithmetic.
        message_en: the same in English.
        left: the value of the left-hand side, where the rule compares.
        operator: the comparison (``"<="``, ``"=="``, …).
        right: the value of the right-hand side.
        imbalance: ``left - right`` where both are numbers.
        missing: the operands that were blank.
        location: where in the source (``"row 12"``), for reading diagnostics.
    """

    rule: str
    outcome: Outcome
    severity: Severity
    indicators: tuple[str, ...] = attrs.field(default=(), converter=_codes)
    message: str = ""
    message_en: str = ""
    left: Number | None = None
    operator: str | None = None
    right: Number | None = None
    imbalance: Number | None = None
    missing: tuple[str, ...] = attrs.field(default=(), converter=_codes)
    location: str | None = None

    @property
    def is_problem(self) -> bool:
        """Whether the finding asks a person to act (a failure or an error)."""
        return self.outcome in (Outcome.FAIL, Outcome.ERROR)

    @property
    def is_reading(self) -> bool:
        """Whether the finding comes from reading the source table."""
        return self.rule.startswith("read.")

    def __repr__(self) -> str:
        """One short line: rule, severity, outcome, rows and the start of the message.

        >>> Finding(
        ...     rule="R1",
        ...     outcome=Outcome.FAIL,
        ...     severity=Severity.ERROR,
        ...     indicators=["1.1.2", "1.1.1"],
        ...     message="1.1.2 ≤ 1.1.1: 50 > 49",
        ... )
        <Finding R1 error fail [1.1.2, 1.1.1]: '1.1.2 ≤ 1.1.1: 50 > 49'>
        """
        codes = ", ".join(self.indicators[:4]) + (", …" if len(self.indicators) > 4 else "")
        message = self.message if len(self.message) <= 80 else self.message[:79] + "…"
        return (
            f"<{type(self).__name__} {self.rule} {self.severity.value} {self.outcome.value}"
            f" [{codes}]: {message!r}>"
        )

    def text(self, locale: str = "vi") -> str:
        """The message in *locale* (``"vi"`` or ``"en"``), falling back to Vietnamese."""
        if locale.startswith("en") and self.message_en:
            return self.message_en
        return self.message
