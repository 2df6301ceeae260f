"""The cell rules (rules.md F1, F2, F3, F10), written once.

``cchc.check`` turns each :class:`CellRule` into its checks (:meth:`CellRule.tests`),
and ``cchc.aggregate`` leaves out of its sums a value that breaks the error half
(:meth:`CellRule.fails`): the two cannot disagree about which values are wrong.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import attrs

from cchc.findings import Severity
from cchc.model import Indicator, IndicatorKind, Temporal

__all__ = ["CellRule", "cell_rule"]


@attrs.frozen
class CellRule:
    """A row's cell rule: bounds or a set of allowed codes, with its warning halves.

    Attributes:
        rule: the rule id (``"F1"``).
        low: the least value allowed (error), if any.
        high: the greatest value allowed (error), if any.
        allowed: the codes allowed (error), for a coded answer, in printed order.
        warn_low: the least value expected (warning ``F1.reduction``): a reduction
            rate "so với 2015" may be negative, but seldom is.
        max_points: whether a score is also checked against the scoring scheme's
            maximum (``max_points``, known only to ``check``).
    """

    rule: str
    low: int | None = None
    high: int | None = None
    allowed: tuple[int, ...] | None = None
    warn_low: int | None = None
    max_points: bool = False

    def fails(self, value: object) -> bool:
        """Whether *value* breaks the error half of the rule (a blank or a text never does).

        The maximum points of a score are not known here (they come with ``check``'s
        ``max_points``), so only its lower bound is tested.
        """
        if not isinstance(value, int | Decimal) or isinstance(value, bool):
            return False
        if self.allowed is not None:
            return value not in self.allowed
        return (self.low is not None and value < self.low) or (
            self.high is not None and value > self.high
        )

    def tests(self, ref: str) -> Iterator[tuple[str, str, Severity]]:
        """The checks of the rule on *ref* (``"{1.1.1}"``): rule id, test, severity."""
        error = Severity.ERROR
        if self.allowed is not None:
            yield self.rule, f"{ref} in [{', '.join(str(v) for v in self.allowed)}]", error
        elif self.low is not None and self.high is not None:
            yield self.rule, f"{self.low} <= {ref} <= {self.high}", error
        elif self.high is not None:
            yield self.rule, f"{ref} <= {self.high}", error
        elif self.low is not None:
            yield self.rule, f"{ref} >= {self.low}", error
        if self.warn_low is not None:
            yield f"{self.rule}.reduction", f"{ref} >= {self.warn_low}", Severity.WARNING
        if self.max_points:
            yield self.rule, f"{ref} <= max_points({ref})", error


def cell_rule(indicator: Indicator) -> CellRule | None:
    """The cell rule of *indicator*'s row, if it has one."""
    if indicator.is_percent:
        if indicator.temporal is Temporal.CUMULATIVE:
            return CellRule("F1", high=100, warn_low=0)
        return CellRule("F1", low=0, high=100)
    if indicator.is_count:
        return CellRule("F2", low=0)
    if indicator.codes is not None:
        return CellRule("F3", allowed=indicator.codes.values)
    if indicator.kind is IndicatorKind.SCORE:
        return CellRule("F10", low=0, max_points=True)
    return None
