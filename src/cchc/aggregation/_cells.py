"""Values that fail their row's cell rule are not summed, and the aggregate says so.

The error halves of the cell rules of ``cchc.check`` (rules.md F1, F2, F3, F10),
as bounds: a percentage outside 0–100 (a reduction rate "so với 2015" may be
negative: that is a warning only), a negative count, a coded answer outside its
code list, a negative score.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import attrs

from cchc.findings import Finding, Outcome, Severity
from cchc.model import Form, Indicator, IndicatorKind, Temporal
from cchc.values import Entry, Value

__all__ = ["CellRule", "Excluded", "cell_rule", "note_excluded"]

Excluded = tuple[str, str, str, Value | None]
"""A value left out: (code, reporter name, rule, value)."""


@attrs.frozen
class CellRule:
    """A row's error-severity cell rule, as bounds or a set of allowed codes."""

    rule: str
    low: int | None = None
    high: int | None = None
    allowed: frozenset[int] | None = None

    def fails(self, value: object) -> bool:
        """Whether *value* breaks the rule (a blank or a text never does)."""
        if not isinstance(value, int | Decimal) or isinstance(value, bool):
            return False
        if self.allowed is not None:
            return value not in self.allowed
        return (self.low is not None and value < self.low) or (
            self.high is not None and value > self.high
        )


def cell_rule(indicator: Indicator) -> CellRule | None:
    """The error-severity cell rule of *indicator*'s row, if it has one."""
    if indicator.is_percent:
        if indicator.temporal is Temporal.CUMULATIVE:
            return CellRule("F1", high=100)  # a reduction rate may be negative: a warning
        return CellRule("F1", low=0, high=100)
    if indicator.is_count:
        return CellRule("F2", low=0)
    if indicator.codes is not None:
        return CellRule("F3", allowed=frozenset(indicator.codes.values))
    if indicator.kind is IndicatorKind.SCORE:
        return CellRule("F10", low=0)
    return None


def note_excluded(
    form: Form, entries: dict[str, Entry], excluded: Sequence[Excluded]
) -> tuple[Finding, ...]:
    """Say on each row, and as ``agg.excluded`` warnings, which values were left out."""
    by_code: dict[str, list[tuple[str, str, Value | None]]] = {}
    for code, name, rule, value in excluded:
        by_code.setdefault(code, []).append((name, rule, value))
    findings: list[Finding] = []
    for code, items in by_code.items():
        listed = "; ".join(f"{name}: {_shown(value)} ({rule})" for name, rule, value in items)
        listed_en = "; ".join(f"{name}: {value} ({rule})" for name, rule, value in items)
        note = f"Không tổng hợp giá trị sai quy tắc ô: {listed}."
        entry = entries[code]
        entries[code] = attrs.evolve(entry, note=f"{entry.note} {note}" if entry.note else note)
        findings.append(
            Finding(
                rule="agg.excluded",
                outcome=Outcome.FAIL,
                severity=Severity.WARNING,
                indicators=(code,),
                message=f"{code} ({form[code].display_name}): không cộng {len(items)} "
                f"giá trị sai: {listed}.",
                message_en=f"{code}: {len(items)} value(s) failing a cell rule "
                f"left out of the total: {listed_en}.",
                location=code,
            )
        )
    return tuple(findings)


def _shown(value: Value | None) -> str:
    from cchc.formatting import format_number  # noqa: PLC0415 - formatting is a peer module

    return format_number(value) if isinstance(value, int | Decimal) else str(value)
