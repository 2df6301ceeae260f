"""The rows of the official table and other pieces the renderers share.

Private: the public names are re-exported by :mod:`cchc.render`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Final, Protocol

import attrs

from cchc.findings import Finding, Outcome, Severity
from cchc.formatting import (
    Language,
    count_by_severity,
    format_name,
    format_number,
    format_percent,
    format_period,
    format_reporter_kind,
    format_unit,
    format_value,
    normalize_locale,
    outcome_label,
    severity_label,
)
from cchc.model import Indicator, IndicatorKind
from cchc.reports import Report, Reporter
from cchc.values import Entry

__all__ = [
    "MARKERS",
    "NOT_APPLICABLE_MARK",
    "OUTCOME_MARKERS",
    "RATIO_HEADERS",
    "RatioLike",
    "RowState",
    "TableRow",
    "findings_summary",
    "marker",
    "numbered_findings",
    "operand_text",
    "ratio_name",
    "ratio_operands",
    "ratio_value",
    "reason_text",
    "reporter_text",
    "selected",
    "table_rows",
    "title_lines",
]


NOT_APPLICABLE_MARK: Final = "—"
"""What the *Số liệu* cell shows for a blank row that does not apply to the reporter."""

MARKERS: Final = {Severity.ERROR: "✗", Severity.WARNING: "!", Severity.INFO: "i"}
OUTCOME_MARKERS: Final = {Outcome.PASS: "✓", Outcome.SKIPPED: "–", Outcome.NOT_APPLICABLE: "·"}


def marker(finding: Finding) -> str:
    """The one-character mark of a finding: ``✗`` error, ``!`` warning, ``i`` info.

    Findings that are not problems are marked by their outcome: ``✓`` passed,
    ``–`` skipped, ``·`` not applicable.

    >>> from cchc.findings import Finding, Outcome, Severity
    >>> marker(Finding(rule="R1", outcome=Outcome.FAIL, severity=Severity.ERROR))
    '✗'
    >>> marker(Finding(rule="R1", outcome=Outcome.PASS, severity=Severity.ERROR))
    '✓'
    """
    if finding.is_problem:
        return MARKERS[finding.severity]
    return OUTCOME_MARKERS.get(finding.outcome, "?")


def numbered_findings(findings: Iterable[Finding]) -> tuple[tuple[int, Finding], ...]:
    """The problems among *findings*, most serious first, numbered from 1.

    These are the footnotes of a rendered table; findings that passed, were
    skipped or do not apply are left out.  Within a severity the given order is
    kept.

    >>> from cchc.findings import Finding, Outcome, Severity
    >>> w = Finding(rule="F4", outcome=Outcome.FAIL, severity=Severity.WARNING)
    >>> e = Finding(rule="R1", outcome=Outcome.FAIL, severity=Severity.ERROR)
    >>> ok = Finding(rule="R2", outcome=Outcome.PASS, severity=Severity.ERROR)
    >>> [(n, f.rule) for n, f in numbered_findings([w, ok, e])]
    [(1, 'R1'), (2, 'F4')]
    """
    problems = sorted((f for f in findings if f.is_problem), key=lambda f: f.severity.rank)
    return tuple(enumerate(problems, start=1))


# -- the row model ------------------------------------------------------------------


class RowState(enum.Enum):
    """What the *Số liệu* cell of a row holds."""

    HEADER = "header"
    """A section or group heading without a value."""
    VALUE = "value"
    """A value other than zero (a coded answer is a value, whatever its code)."""
    ZERO = "zero"
    """The value zero: reported, and nothing to count."""
    BLANK = "blank"
    """Nothing reported."""
    STATUS = "status"
    """No value, with a reason (*Chưa đến hạn*, *Không áp dụng*, …)."""
    NOT_APPLICABLE = "not-applicable"
    """Blank, and the row does not apply to this reporter."""


@attrs.frozen(kw_only=True)
class TableRow:
    """One row of the official table, formatted for *locale*.

    Attributes:
        code: the stable code (``"1.2.1"``).
        printed_code: the STT as the form prints it (``"1.1.1. "``).
        depth: 1 for sections, 2 below them, and so on.
        kind: the indicator's kind.
        name: the indicator's name: corrected for display, in English for
            ``en`` when the form has an English name.
        unit: the *Đơn vị tính* cell.
        value: the *Số liệu* cell (``""`` blank, ``"0"``, ``"—"`` not applicable, …).
        note: the *Ghi chú* cell: the reporter's note, else the form's guidance.
        state: what the value cell holds.
        findings: the problems that name this row, most serious first.
        footnotes: their numbers in :func:`numbered_findings`.
    """

    code: str
    printed_code: str
    depth: int
    kind: IndicatorKind
    name: str
    unit: str
    value: str
    note: str
    state: RowState
    findings: tuple[Finding, ...] = ()
    footnotes: tuple[int, ...] = ()

    @property
    def severity(self) -> Severity | None:
        """The most serious severity among the row's findings, if any."""
        return self.findings[0].severity if self.findings else None


def _state(indicator: Indicator, entry: Entry, applies: bool) -> RowState:
    value = entry.value
    if value is not None:
        zero = (
            not isinstance(value, str) and value == 0 and indicator.codes is None
        )  # code 0 is an answer ("Không", "Trực tuyến"), not nothing
        return RowState.ZERO if zero else RowState.VALUE
    if entry.status is not None:
        return RowState.STATUS
    if indicator.kind.is_header:
        return RowState.HEADER
    return RowState.BLANK if applies else RowState.NOT_APPLICABLE


def _note(indicator: Indicator, entry: Entry, language: Language) -> str:
    note = (entry.note or "").strip() or indicator.note
    if entry.coverage is not None:
        c = entry.coverage
        covered = (
            f"{c.reported}/{c.expected} đơn vị báo cáo"
            if language == "vi"
            else f"{c.reported} of {c.expected} reporters"
        )
        note = f"{note} ({covered})" if note else covered
    return note


def table_rows(
    report: Report, *, locale: str = "vi", findings: Iterable[Finding] = ()
) -> tuple[TableRow, ...]:
    """Every row of *report*'s form, in printed order, formatted for *locale*.

    The text and HTML renderers draw these; other writers (``.docx``, ``.xlsx``)
    may too.  *findings* are matched to rows by their indicator codes.

    >>> import cchc
    >>> report = cchc.Report(
    ...     form=cchc.load_form(period="2021S1"),
    ...     reporter=cchc.Reporter("Sở Nội vụ", kind="department"),
    ...     period="2021S1",
    ...     entries={"1.1.1": 6460, "1.4.1": 0},
    ... )
    >>> rows = {r.code: r for r in table_rows(report)}
    >>> rows["1.1.1"].value, rows["1.4.1"].state, rows["1.1.2"].state
    ('6.460', <RowState.ZERO: 'zero'>, <RowState.BLANK: 'blank'>)
    >>> rows["1.2.2"].value, rows["1.2.2"].state.value
    ('—', 'not-applicable')
    """
    language = normalize_locale(locale)
    numbered = numbered_findings(findings)
    by_code: dict[str, list[tuple[int, Finding]]] = {}
    for number, finding in numbered:
        for code in dict.fromkeys(finding.indicators):
            by_code.setdefault(code, []).append((number, finding))
    rows: list[TableRow] = []
    for indicator in report.form:
        entry = report[indicator.code]
        state = _state(indicator, entry, report.applies(indicator.code))
        if state is RowState.NOT_APPLICABLE:
            value = NOT_APPLICABLE_MARK
        elif state is RowState.STATUS and entry.raw and language == "vi":
            # The reporter's own words (*Chưa kiểm tra*) say more than the status label.
            value = entry.raw.strip()
        else:
            value = format_value(entry, indicator, locale=language)
        marks = by_code.get(indicator.code, [])
        rows.append(
            TableRow(
                code=indicator.code,
                printed_code=indicator.printed_code,
                depth=indicator.depth,
                kind=indicator.kind,
                name=format_name(indicator, locale=language),
                unit=format_unit(indicator, locale=language),
                value=value,
                note=_note(indicator, entry, language),
                state=state,
                findings=tuple(f for _, f in marks),
                footnotes=tuple(n for n, _ in marks),
            )
        )
    return tuple(rows)


def reporter_text(reporter: Reporter, language: Language) -> str:
    """The reporter as the title block names it: name and kind."""
    return f"{reporter.name} ({format_reporter_kind(reporter.kind, locale=language)})"


def title_lines(report: Report, language: Language) -> tuple[str, str, str]:
    """The title block: the form's title, the reporter, the period."""
    reporter = reporter_text(report.reporter, language)
    period = format_period(report.period, locale=language)
    if language == "vi":
        return report.form.title, f"Đơn vị báo cáo: {reporter}", f"Kỳ báo cáo: {period}"
    return report.form.title, f"Reporter: {reporter}", f"Period: {period}"


def selected(findings: Iterable[Finding], problems_only: bool) -> list[Finding]:
    """The findings to list, most serious first, problems before other outcomes."""
    chosen = [f for f in findings if f.is_problem or not problems_only]
    return sorted(chosen, key=lambda f: (f.severity.rank, not f.is_problem))


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 or word == "info" else f"{count} {word}s"


def findings_summary(findings: Iterable[Finding], *, locale: str = "vi") -> str:
    """One line counting the problems by severity, and the other outcomes.

    >>> from cchc.findings import Finding, Outcome, Severity
    >>> fs = [
    ...     Finding(rule="F4", outcome=Outcome.FAIL, severity=Severity.WARNING),
    ...     Finding(rule="R1", outcome=Outcome.PASS, severity=Severity.ERROR),
    ...     Finding(rule="R4", outcome=Outcome.SKIPPED, severity=Severity.ERROR),
    ... ]
    >>> findings_summary(fs)
    'Tổng cộng: 0 lỗi, 1 cảnh báo, 0 thông tin (1 đạt, 1 bỏ qua).'
    >>> findings_summary(fs, locale="en")
    'Total: 0 errors, 1 warning, 0 info (1 passed, 1 skipped).'
    """
    language = normalize_locale(locale)
    every = list(findings)
    # One vocabulary with CheckResult.summary(): an info finding (how a cell was read)
    # counts as info whatever its outcome; "passed" counts the rule checks that held.
    counted = [f.is_problem or f.severity is Severity.INFO for f in every]
    counts = count_by_severity(f for f, c in zip(every, counted, strict=True) if c)
    others: dict[Outcome, int] = {o: 0 for o in Outcome if o not in (Outcome.FAIL, Outcome.ERROR)}
    for finding, c in zip(every, counted, strict=True):
        if not c:
            others[finding.outcome] += 1
    if language == "vi":
        head = ", ".join(f"{n} {severity_label(s).lower()}" for s, n in counts.items())
        line = f"Tổng cộng: {head}"
    else:
        words = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}
        line = "Total: " + ", ".join(_plural(n, words[s]) for s, n in counts.items())
    tail = [f"{n} {outcome_label(o, locale=language)}" for o, n in others.items() if n]
    if tail:
        line += f" ({', '.join(tail)})"
    return line + "."


class RatioLike(Protocol):
    """What the ratio renderers read from a ratio result (duck-typed).

    ``numerator`` and ``denominator`` may be the codes (a string or a sequence
    of strings) or the computed numbers; ``value`` is the ratio as a percentage
    (``None`` when it cannot be computed, with a ``reason``).  An optional
    ``name_en`` is used for English.
    """

    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def numerator(self) -> object: ...

    @property
    def denominator(self) -> object: ...

    @property
    def value(self) -> Decimal | None: ...

    @property
    def reason(self) -> object: ...


def ratio_operands(ratio: RatioLike, language: Language) -> tuple[str, str]:
    """A ratio's numerator and denominator for people.

    The expressions as declared (``coalesce(4.1.2, sum(4.1.2.a, 4.1.2.b))``) when the
    ratio carries them; otherwise its operands, codes joined with ``+``.
    """
    numerator = getattr(ratio, "numerator_expression", "") or ratio.numerator
    denominator = getattr(ratio, "denominator_expression", "") or ratio.denominator
    return operand_text(numerator, language), operand_text(denominator, language)


def operand_text(value: object, language: Language) -> str:
    """A ratio's numerator or denominator: codes as written, numbers formatted."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int | Decimal | Fraction) and not isinstance(value, bool):
        return format_number(value, locale=language)
    if isinstance(value, Iterable):
        return " + ".join(operand_text(v, language) for v in value)
    return str(value)


def reason_text(ratio: RatioLike, language: Language) -> str:
    """Why a ratio has no value, in *language* (``reason_vi`` where the ratio has it)."""
    value = getattr(ratio, "reason_vi", None) if language == "vi" else None
    value = value or ratio.reason
    if value is None:
        return ""
    if isinstance(value, enum.Enum):
        return str(value.value)
    return str(value)


def ratio_name(ratio: RatioLike, language: Language) -> str:
    """The ratio's name, in English when it has one and *language* is ``en``."""
    if language == "en":
        name_en = getattr(ratio, "name_en", "")
        if isinstance(name_en, str) and name_en:
            return name_en
    return ratio.name


def ratio_value(ratio: RatioLike, language: Language) -> str:
    """The ratio as a percentage, ``""`` when it has no value."""
    value = ratio.value
    return "" if value is None else format_percent(value, locale=language)


RATIO_HEADERS: Final = {
    "vi": ("Mã", "Tỷ lệ", "Tử số", "Mẫu số", "Giá trị", "Lý do"),
    "en": ("Id", "Ratio", "Numerator", "Denominator", "Value", "Reason"),
}
