"""Text tables in the layout of the Word text export, with real-world quirks."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from decimal import Decimal

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from cchc.io.text import write_text
from cchc.model import Form, IndicatorKind
from cchc.reports import Report
from cchc.strategies._common import (
    BOOLEANS,
    check_strategy,
    lazy,
)
from cchc.strategies._quirks import (
    FILE_QUIRKS,
    Quirk,
    apply_file_quirks,
    grouped,
    misnumber,
    percent_text,
)
from cchc.strategies._reports import reports
from cchc.values import Entry, Value


@attrs.frozen(kw_only=True)
class TextTable:
    """A table in the layout of the Word text export, and the report it must read back as.

    Attributes:
        text: the text, as a file holds it once decoded (a BOM stays as ``\\ufeff``).
        report: what reading *text* must give: the same form, reporter, period
            and entries (raw cells included); reading adds diagnostics.
        quirks: the quirks applied to this table.
    """

    text: str
    report: Report
    quirks: frozenset[Quirk]

    @property
    def data(self) -> bytes:
        """The text encoded as UTF-8, as a file on disk holds it."""
        return self.text.encode("utf-8")


def text_tables(
    *,
    reports: st.SearchStrategy[Report] | None = None,
    quirks: st.SearchStrategy[Collection[Quirk]] | Iterable[Quirk | str] = (),
) -> st.SearchStrategy[TextTable]:
    """Tables in the seed's layout (:func:`cchc.io.text.write_text`), quirks and all.

    Args:
        reports: the reports to write (default: :func:`reports`).
        quirks: the :class:`Quirk` s to apply to every table (names or members),
            or a strategy drawing them per table, such as
            ``st.sets(st.sampled_from(Quirk))``.  A quirk with nothing to act on
            (leading zeros in a report without a count below 10) is left out of
            :attr:`TextTable.quirks`.

    >>> from hypothesis import given, settings
    >>> from cchc.io.text import read_text
    >>> @settings(max_examples=10, database=None)
    ... @given(text_tables(quirks=["bom", "crlf", "leading-zeros"]))
    ... def test_reads_back(table):
    ...     report = read_text(table.data, form=table.report.form)
    ...     assert report.entries == table.report.entries
    >>> test_reads_back()
    """
    report_strategy = reports

    def build() -> st.SearchStrategy[TextTable]:
        source = report_strategy if report_strategy is not None else _default_reports()
        check_strategy("reports", source)
        chosen = _quirk_strategy(quirks)

        @st.composite
        def one(draw: st.DrawFn) -> TextTable:
            report = draw(source)
            wanted = frozenset(draw(chosen))
            report, applied = _cell_quirks(draw, report, wanted)
            text = write_text(report)
            if Quirk.MISNUMBERED in wanted:
                repeats = _misnumbered(draw, report.form)
                if repeats:
                    text = misnumber(text, report.form, repeats)
                    applied.add(Quirk.MISNUMBERED)
            file_quirks = wanted & FILE_QUIRKS
            text = apply_file_quirks(text, file_quirks)
            return TextTable(text=text, report=report, quirks=frozenset(applied | file_quirks))

        return one()

    return lazy(build)


def _default_reports() -> st.SearchStrategy[Report]:
    return reports()


def _quirk_strategy(
    quirks: st.SearchStrategy[Collection[Quirk]] | Iterable[Quirk | str],
) -> st.SearchStrategy[Collection[Quirk]]:
    if isinstance(quirks, st.SearchStrategy):
        return quirks.map(lambda drawn: frozenset(_to_quirk(q) for q in drawn))
    if isinstance(quirks, str):
        msg = f"quirks must be a collection of quirks, not the string {quirks!r}"
        raise InvalidArgument(msg)
    return st.just(frozenset(_to_quirk(q) for q in quirks))


def _to_quirk(value: object) -> Quirk:
    if isinstance(value, Quirk):
        return value
    try:
        return Quirk(value)
    except ValueError:
        known = ", ".join(q.value for q in Quirk)
        msg = f"unknown quirk {value!r} (one of {known})"
        raise InvalidArgument(msg) from None


def _cell_quirks(
    draw: st.DrawFn, report: Report, wanted: frozenset[Quirk]
) -> tuple[Report, set[Quirk]]:
    """Apply the quirks that change cells; return the report to write and the quirks applied."""
    form = report.form
    changed: dict[str, Entry] = {}
    applied: set[Quirk] = set()

    def pick(codes: list[str], quirk: Quirk) -> list[str]:
        if quirk not in wanted or not codes:
            return []
        applied.add(quirk)
        return sorted(draw(st.sets(st.sampled_from(codes), min_size=1, max_size=3)))

    plain = {c: e for c, e in report.entries.items() if e.raw is None and e.value is not None}
    small = [c for c, e in plain.items() if form[c].is_count and 0 < _int(e.value) < 10]
    for code in pick(small, Quirk.LEADING_ZEROS):
        changed[code] = attrs.evolve(plain[code], raw=f"0{plain[code].value}")
    large = [c for c, e in plain.items() if form[c].is_count and _int(e.value) >= 1000]
    for code in pick(large, Quirk.THOUSANDS_DOTS):
        changed[code] = attrs.evolve(plain[code], raw=grouped(_int(plain[code].value)))
    rates = [c for c, e in plain.items() if form[c].is_percent]
    for code in pick(rates, Quirk.PERCENT_SIGNS):
        value = plain[code].value
        if isinstance(value, Decimal):
            changed[code] = attrs.evolve(plain[code], raw=percent_text(value, space=draw(BOOLEANS)))
    headers = [
        i.code
        for i in form
        if i.kind is IndicatorKind.GROUP
        and report.applies(i.code)
        and i.code not in report.entries
        and any(c.is_count for c in form.children(i.code))
    ]
    for code in pick(headers, Quirk.HEADER_VALUES):
        # The value a careful typist would put there: the sum of the counts below.
        counts = [report.value(c.code) for c in form.children(code) if c.is_count]
        changed[code] = Entry(value=sum(v for v in counts if isinstance(v, int)))
    if not changed:
        return report, applied
    return report.evolve(entries={**report.entries, **changed}), applied


def _int(value: Value | None) -> int:
    return value if isinstance(value, int) else -1


def _misnumbered(draw: st.DrawFn, form: Form) -> dict[str, str]:
    """A few value rows that repeat the STT of the value row above them."""
    rows = form.indicators
    candidates = [
        (rows[n].code, rows[n - 1].printed_code)
        for n in range(1, len(rows))
        if rows[n].takes_value
        and rows[n - 1].takes_value
        and rows[n].printed_code.strip()
        and rows[n - 1].printed_code.strip()
        and rows[n].printed_code != rows[n - 1].printed_code
    ]
    if not candidates:
        return {}
    return dict(draw(st.sets(st.sampled_from(candidates), min_size=1, max_size=3)))
