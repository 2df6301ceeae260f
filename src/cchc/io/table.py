"""The official five-column table, independent of the file format.

Every table reader (the Word text export, ``.docx``, ``.xlsx``) turns its file
into a title block (the lines above the table) and a sequence of
:class:`SourceRow` — the five cells *STT | Chỉ tiêu | Đơn vị tính | Số liệu | Ghi
chú* of each body row — and hands them to :func:`report_from_table`, which
matches the rows to the form, reads every cell and says what it noticed.

Nothing is silently dropped: each cell ends up as a value, a status, a note, a
raw cell kept verbatim, or a reading diagnostic (a :class:`~cchc.Finding` whose
rule id starts with ``read.``).  Rows are matched by printed code *and* name,
walking in the form's order, so the seed's misnumbered children of 1.2 (printed
``1.1.1.``–``1.1.4.``) land on 1.2.1–1.2.4 and never overwrite 1.1.1–1.1.3.

>>> import cchc
>>> from cchc.io.table import SourceRow, report_from_table
>>> rows = [
...     SourceRow(("1.1.1. ", "Số nhiệm vụ đề ra trong kế hoạch", "Nhiệm vụ", "49", ""), "row 3"),
...     SourceRow(
...         (
...             "1.1.1. ",
...             "Số phòng, ban, đơn vị trực thuộc đã kiểm tra",
...             "Cơ quan, đơn vị",
...             "02",
...             "",
...         ),
...         "row 4",
...     ),
... ]
>>> report = report_from_table(["TẠI SỞ NỘI VỤ QUÝ I NĂM 2021"], rows, form=cchc.load_form())
>>> report.reporter.name, report.reporter.kind.value, report.period.id
('Sở Nội vụ', 'department', '2021Q1')
>>> report["1.1.1"].value, report["1.2.1"].value, report["1.2.1"].raw
(49, 2, '02')
>>> for f in report.diagnostics:
...     if f.rule != "read.missing-row":
...         print(f.rule, f.indicators, f.location)
read.leading-zero ('1.2.1',) row 4
read.template-numbering ('1.2.1',) row 4
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence
from typing import Final

import attrs

from cchc._text import clean, match_key
from cchc.codes import CodeList
from cchc.errors import CodeListError, Problem, ReadError, UsageError
from cchc.findings import Finding, Outcome, Severity
from cchc.forms import load_form
from cchc.io._submitted import title_date
from cchc.io._title import TitleBlock, parse_title, reporter_kind
from cchc.io.numbers import DASH_READINGS, ParsedCell, cell_text, parse_number, status_text
from cchc.limits import quoted, unwritable
from cchc.model import Form, Indicator, IndicatorKind
from cchc.periods import Period
from cchc.reports import Report, Reporter
from cchc.units import Unit, unit_index
from cchc.values import Entry

__all__ = [
    "COLUMNS",
    "HEADER_ROWS",
    "SourceRow",
    "TitleBlock",
    "official_rows",
    "official_title",
    "parse_title",
    "report_from_table",
    "reporter_kind",
    "with_caller_overrides",
]

COLUMNS: Final = ("STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu", "Ghi chú")
"""The five columns of a body row, in order."""

HEADER_ROWS: Final[tuple[tuple[str, ...], tuple[str, ...]]] = (
    (
        "STT",
        "Chỉ tiêu thống kê\n(Sử dụng trong kỳ báo cáo hàng quý, 6 tháng, năm)",
        "Kết quả thống kê",
        "Ghi chú",
    ),
    ("", "", "Đơn vị tính", "Số liệu", ""),
)
"""The two-row merged header of the official layout: *Kết quả thống kê* spans
*Đơn vị tính* and *Số liệu*, so the first row has 4 cells and the second 5."""

_BREAKDOWN_STT: Final = frozenset({"", "trong đó", "-", "+", "–"})
_NUMBERED: Final = re.compile(r"^[0-9]+(?:\.[0-9]+)*$")
_STT_END: Final = re.compile(r"[.\s]+$")
_SIMILAR_HERE: Final = 0.75  # a typo or two in a long name, at the row's expected place
_SIMILAR_BY_CODE: Final = 0.5  # the printed code agrees too, so a looser name will do


def _to_cells(cells: Sequence[str]) -> tuple[str, ...]:
    return tuple(cells)


@attrs.frozen
class SourceRow:
    """One body row of the official table, as the source has it.

    Attributes:
        cells: the five cells *STT, Chỉ tiêu, Đơn vị tính, Số liệu, Ghi chú*,
            exactly as in the source (line breaks inside a cell kept).
        location: where the row is, for messages: ``"row 12 (line 57)"``.
    """

    cells: tuple[str, ...] = attrs.field(converter=_to_cells)
    location: str = ""


# -- findings --------------------------------------------------------------------------


def _finding(
    rule: str,
    severity: Severity,
    codes: Sequence[str],
    vi: str,
    en: str,
    *,
    location: str | None,
) -> Finding:
    # An info diagnostic reports how a cell was read; nothing about it failed.
    outcome = Outcome.PASS if severity is Severity.INFO else Outcome.FAIL
    return Finding(
        rule=rule,
        outcome=outcome,
        severity=severity,
        indicators=codes,
        message=vi,
        message_en=en,
        location=location or None,
    )


def _show(text: str) -> str:
    return quoted(" ".join(text.split()) if "\n" in text else text)


# -- matching rows to the form ----------------------------------------------------------


def _stt_code(stt: str) -> str:
    return _STT_END.sub("", stt.strip())


def _similar(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _plain(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _is_header_row(cells: Sequence[str]) -> bool:
    keys = [match_key(c) for c in cells]
    if keys[0] in ("stt", "tt", "số tt", "số thứ tự") and keys[1].startswith("chỉ tiêu"):
        return True
    if not keys[0] and not keys[1] and keys[2].startswith("đơn vị") and keys[3] == "số liệu":
        return True
    filled = [c.strip().strip("()") for c in cells]
    return filled in (["1", "2", "3", "4", "5"], ["A", "B", "1", "2", "3"])


@attrs.define
class _Reader:
    """One pass over the body rows of a table, in order."""

    form: Form
    source: str
    units: dict[str, Unit]
    keys: list[tuple[str, str]]
    assigned: dict[int, str] = attrs.Factory(dict)
    cursor: int = 0
    entries: dict[str, Entry] = attrs.Factory(dict)
    findings: list[Finding] = attrs.Factory(list)
    problems: list[Problem] = attrs.Factory(list)
    printed: dict[str, list[str]] = attrs.Factory(dict)
    # Rows printed with the template's own misprinted STT: (code, STT as printed).
    template: list[tuple[str, str, str]] = attrs.Factory(list)
    dash: str = "not-applicable"

    @classmethod
    def for_form(cls, form: Form, source: str) -> _Reader:
        try:
            units = dict(unit_index(form.units))
        except ValueError:  # pragma: no cover - the form loader rejects clashing units
            units = {}
        keys = [(match_key(i.name), match_key(i.display_name)) for i in form.indicators]
        return cls(form=form, source=source, units=units, keys=keys)

    def add(
        self,
        rule: str,
        severity: Severity,
        codes: Sequence[str],
        vi: str,
        en: str,
        *,
        location: str,
    ) -> None:
        self.findings.append(_finding(rule, severity, codes, vi, en, location=location))

    # -- finding the indicator of a row --

    def _free(self, index: int) -> bool:
        return index not in self.assigned

    def _order(self) -> list[int]:
        count = len(self.form.indicators)
        return [*range(self.cursor, count), *range(self.cursor)]

    def match(self, stt: str, name: str) -> tuple[int | None, str]:
        """The index of the row's indicator and how it was found."""
        key = match_key(name)
        here = self.cursor
        indicators = self.form.indicators
        if key and here < len(indicators) and self._free(here) and key in self.keys[here]:
            return here, "name"
        if key:
            for index in self._order():
                if self._free(index) and key in self.keys[index]:
                    return index, "name"
        if here < len(indicators) and self._free(here):
            score = max(_similar(key, k) for k in self.keys[here])
            if score >= _SIMILAR_HERE:
                return here, "similar"
            breakdown_stt = match_key(stt) in _BREAKDOWN_STT
            if breakdown_stt and indicators[here].kind is IndicatorKind.BREAKDOWN:
                return here, "position"
        code = _stt_code(stt)
        if _NUMBERED.match(code):
            for index in self._order():
                indicator = indicators[index]
                if not self._free(index) or indicator.code != code:
                    continue
                if not key or max(_similar(key, k) for k in self.keys[index]) >= _SIMILAR_BY_CODE:
                    return index, "code"
        if key:
            for index in range(len(indicators)):
                if key in self.keys[index]:
                    return index, "duplicate"
        return None, "unknown"

    # -- reading one row --

    def row(self, row: SourceRow) -> None:
        if len(row.cells) != len(COLUMNS):
            message = (
                f"a body row has {len(row.cells)} cells, not {len(COLUMNS)} ({' | '.join(COLUMNS)})"
            )
            self.problems.append(Problem(message, source=self.source, location=row.location))
            return
        for column, cell in zip(COLUMNS, row.cells, strict=True):
            if (problem := unwritable(cell)) is not None:
                message = f"the cell {column} holds {problem}, which no format can write"
                self.problems.append(Problem(message, source=self.source, location=row.location))
                return
        stt, name = row.cells[:2]
        if not any(cell.strip() for cell in row.cells) or _is_header_row(row.cells):
            return
        index, how = self.match(stt, name)
        if index is None:
            self._unknown(row)
            return
        indicator = self.form.indicators[index]
        if how == "duplicate":
            self._duplicate(row, indicator)
            return
        if index < self.cursor:
            self.add(
                "read.out-of-order",
                Severity.WARNING,
                [indicator.code],
                f"{indicator.code}: dòng này đứng sai thứ tự so với mẫu {self.form.id}",
                f"{indicator.code}: the row is out of the order of form {self.form.id}",
                location=row.location,
            )
        self.assigned[index] = row.location
        self.cursor = max(self.cursor, index + 1)
        self._stt(row, indicator)
        self._name(row, indicator, how)
        parsed = self._value(row, indicator)
        self._unit(row, indicator, has_value=not parsed.is_blank)
        kept_note = self._note(row, indicator)
        if not parsed.is_blank or kept_note is not None:
            self.entries[indicator.code] = Entry(
                value=parsed.value, status=parsed.status, raw=parsed.raw, note=kept_note
            )

    def _unknown(self, row: SourceRow) -> None:
        value, note = row.cells[3:]
        has_data = bool(value.strip() or note.strip())
        shown = " | ".join(_show(c) for c in row.cells)
        self.add(
            "read.unknown-row",
            Severity.ERROR if has_data else Severity.WARNING,
            [],
            f"dòng không có trong mẫu {self.form.id}, không đọc được vào báo cáo: {shown}",
            f"a row that form {self.form.id} does not have; not read into the report: {shown}",
            location=row.location,
        )

    def _duplicate(self, row: SourceRow, indicator: Indicator) -> None:
        shown = " | ".join(_show(c) for c in row.cells)
        first = self.assigned.get(self.form.indicators.index(indicator), "")
        self.add(
            "read.duplicate-row",
            Severity.ERROR if row.cells[3].strip() or row.cells[4].strip() else Severity.WARNING,
            [indicator.code],
            f"{indicator.code}: chỉ tiêu này đã có ở {first}; dòng lặp lại không được đọc: {shown}",
            f"{indicator.code}: the indicator already stood at {first}; the repeated row is "
            f"not read: {shown}",
            location=row.location,
        )

    def _stt(self, row: SourceRow, indicator: Indicator) -> None:
        stt = row.cells[0]
        code = _stt_code(stt)
        printed = _stt_code(indicator.printed_code)
        if code and code == printed != indicator.code and _NUMBERED.match(code):
            # The official template itself misprints this STT (1.1.1–1.1.4 under 1.2):
            # the reporter did nothing wrong, so one info line per report says it.
            self.template.append((indicator.code, code, row.location))
            self.printed.setdefault(code, []).append(indicator.code)
            return
        if _NUMBERED.match(code):
            earlier = self.printed.setdefault(code, [])
            if earlier:
                codes = [*earlier, indicator.code]
                self.add(
                    "read.duplicate-code",
                    Severity.WARNING,
                    codes,
                    f"số thứ tự {code} được in nhiều lần (chỉ tiêu {', '.join(codes)}); "
                    f"dòng này được đọc là {indicator.code} theo tên chỉ tiêu",
                    f"STT {code} is printed more than once (indicators {', '.join(codes)}); "
                    f"this row is read as {indicator.code} by its name",
                    location=row.location,
                )
            earlier.append(indicator.code)
        if indicator.kind is IndicatorKind.BREAKDOWN:
            return
        accepted = {indicator.code} | ({printed} if not _NUMBERED.match(printed) else set())
        if code in accepted:
            return
        if not code:
            vi = f"{indicator.code}: dòng không có số thứ tự"
            en = f"{indicator.code}: the row has no STT"
        else:
            vi = (
                f"{indicator.code}: dòng in số thứ tự {code}, nhưng theo tên chỉ tiêu "
                f"và vị trí trong mẫu là {indicator.code}; đã đọc là {indicator.code}"
            )
            en = (
                f"{indicator.code}: the row is printed {code}, but by its name and place in "
                f"the form it is {indicator.code}; read as {indicator.code}"
            )
        self.add(
            "read.misnumbered", Severity.WARNING, [indicator.code], vi, en, location=row.location
        )

    def _name(self, row: SourceRow, indicator: Indicator, how: str) -> None:
        written = _plain(row.cells[1])
        if written in (_plain(indicator.name), _plain(indicator.display_name)):
            return
        expected = _plain(indicator.display_name)
        why_vi = {
            "similar": "; đọc theo vị trí vì tên gần giống",
            "position": "; đọc theo vị trí của dòng Trong đó",
            "code": "; đọc theo số thứ tự",
        }.get(how, "")
        why_en = {
            "similar": "; matched by its place, the names being close",
            "position": "; matched by its place among the breakdown rows",
            "code": "; matched by its STT",
        }.get(how, "")
        severity = Severity.INFO if how == "name" else Severity.WARNING
        self.add(
            "read.name-differs",
            severity,
            [indicator.code],
            f"{indicator.code}: tên chỉ tiêu trong bảng là {quoted(written)}, trong mẫu là "
            f"{quoted(expected)}{why_vi}",
            f"{indicator.code}: the table names the row {quoted(written)}, "
            f"the form {quoted(expected)}{why_en}",
            location=row.location,
        )

    def _value(self, row: SourceRow, indicator: Indicator) -> ParsedCell:
        text = row.cells[3]
        if indicator.kind.is_header:
            parsed = parse_number(text, dash=self.dash)
        else:
            kind = indicator.unit.kind if indicator.unit is not None else None
            parsed = parse_number(text, unit_kind=kind, codes=indicator.codes, dash=self.dash)
        code = indicator.code
        if indicator.kind.is_header and not parsed.is_blank:
            self.add(
                "read.value-on-header",
                Severity.WARNING,
                [code],
                f"{code}: dòng tiêu đề nhóm ({indicator.display_name}) có số liệu {quoted(text)}; "
                "dòng tiêu đề không nhận số liệu (vẫn giữ để đối chiếu)",
                f"{code}: the header row ({indicator.display_name}) "
                f"holds the value {quoted(text)}; "
                "header rows take no value (kept for comparison)",
                location=row.location,
            )
        for issue in parsed.issues:
            self.add(
                issue.rule,
                issue.severity,
                [code],
                f"{code}: {issue.message}",
                f"{code}: {issue.message_en}",
                location=row.location,
            )
        return parsed

    def _unit(self, row: SourceRow, indicator: Indicator, *, has_value: bool) -> None:
        text = row.cells[2]
        code = indicator.code
        if indicator.kind.is_header:
            if text.strip():
                self.add(
                    "read.unit-on-header",
                    Severity.WARNING,
                    [code],
                    f"{code}: dòng tiêu đề nhóm có đơn vị tính {quoted(text.strip())}",
                    f"{code}: the header row has the unit {quoted(text.strip())}",
                    location=row.location,
                )
            return
        expected = indicator.unit_text
        if not text.strip():
            if not expected:
                return
            self.add(
                "read.missing-unit",
                Severity.WARNING if has_value else Severity.INFO,
                [code],
                f"{code}: thiếu đơn vị tính; theo mẫu là {_show(expected)}",
                f"{code}: the unit is missing; the form has {_show(expected)}",
                location=row.location,
            )
            return
        if self._same_unit(text, indicator):
            return
        self.add(
            "read.unit-mismatch",
            Severity.WARNING,
            [code],
            f"{code}: đơn vị tính {_show(text.strip())} khác mẫu ({_show(expected)}); "
            "số liệu được đọc theo đơn vị của mẫu",
            f"{code}: the unit {_show(text.strip())} differs from the form's "
            f"({_show(expected)}); the value is read in the form's unit",
            location=row.location,
        )

    def _same_unit(self, text: str, indicator: Indicator) -> bool:
        key = match_key(text)
        if key == match_key(indicator.unit_text):
            return True
        if indicator.codes is not None:
            try:
                written = CodeList.parse(text)
            except CodeListError:
                return False
            pairs = {(c.value, match_key(c.label)) for c in written.codes}
            return pairs == {(c.value, match_key(c.label)) for c in indicator.codes.codes}
        if indicator.scoring is not None and key == match_key(indicator.scoring):
            return True
        unit = self.units.get(key)
        return unit is not None and indicator.unit is not None and unit.id == indicator.unit.id

    def _note(self, row: SourceRow, indicator: Indicator) -> str | None:
        text = row.cells[4].rstrip()
        if not text.strip():
            return None
        if indicator.note and match_key(text) == match_key(indicator.note):
            return None  # the form's own guidance, printed in every copy of the table
        if indicator.kind.is_header:
            self.add(
                "read.note-on-header",
                Severity.INFO,
                [indicator.code],
                f"{indicator.code}: ghi chú trên dòng tiêu đề nhóm: {_show(text)}",
                f"{indicator.code}: a note on the header row: {_show(text)}",
                location=row.location,
            )
        return text

    def template_numbering(self) -> None:
        """One info line for the rows printed with the template's own misnumbering."""
        if not self.template:
            return
        pairs = ", ".join(f"{printed} → {code}" for code, printed, _ in self.template)
        self.add(
            "read.template-numbering",
            Severity.INFO,
            [code for code, _, _ in self.template],
            f"mẫu biểu in sai số thứ tự ở {len(self.template)} dòng ({pairs}); "
            "đã đọc theo tên chỉ tiêu, không phải lỗi của đơn vị báo cáo",
            f"the official template misprints the STT of {len(self.template)} rows "
            f"({pairs}); read by the indicator names, not the reporter's mistake",
            location=self.template[0][2],
        )

    def missing(self) -> None:
        for index, indicator in enumerate(self.form.indicators):
            if index in self.assigned:
                continue
            self.add(
                "read.missing-row",
                Severity.WARNING,
                [indicator.code],
                f"{indicator.code}: bảng không có dòng {_show(indicator.display_name)} của mẫu",
                f"{indicator.code}: the table lacks the form's row {_show(indicator.display_name)}",
                location="",
            )


def _settle(
    block: TitleBlock,
    reporter: Reporter | None,
    period: Period | str | None,
    source: str,
) -> tuple[Reporter, Period, list[Finding]]:
    findings: list[Finding] = []
    if isinstance(period, str):
        period = Period.parse(period)
    titled_reporter, titled_period = block.reporter, block.period
    if reporter is not None and titled_reporter is not None:
        same_name = match_key(reporter.name) == match_key(titled_reporter.name)
        if not same_name or reporter.kind is not titled_reporter.kind:
            findings.append(
                _finding(
                    "read.reporter-differs",
                    Severity.WARNING,
                    (),
                    f"tiêu đề bảng ghi đơn vị báo cáo {quoted(titled_reporter.name)} "
                    f"({titled_reporter.kind.label}); dùng {quoted(reporter.name)} "
                    f"({reporter.kind.label}) theo yêu cầu",
                    f"the title block names the reporter {quoted(titled_reporter.name)} "
                    f"({titled_reporter.kind.value}); using {quoted(reporter.name)} "
                    f"({reporter.kind.value}) as given",
                    location="title",
                )
            )
    unplaced = next((n for n in block.notes if n.startswith("the title names the period")), None)
    if period is not None and unplaced is not None:
        findings.append(
            _finding(
                "read.period-unplaced",
                Severity.WARNING,
                (),
                f"tiêu đề bảng ghi một kỳ báo cáo không xác định được; dùng {period.label()} "
                "theo yêu cầu",
                f"{unplaced}; using {period.id} as given",
                location="title",
            )
        )
    if period is not None and titled_period is not None and period != titled_period:
        findings.append(
            _finding(
                "read.period-differs",
                Severity.WARNING,
                (),
                f"tiêu đề bảng ghi kỳ báo cáo {titled_period.label()}; dùng {period.label()} "
                "theo yêu cầu",
                f"the title block gives the period {titled_period.id}; using {period.id} as given",
                location="title",
            )
        )
    final_reporter = reporter if reporter is not None else titled_reporter
    final_period = period if period is not None else titled_period
    problems: list[Problem] = []
    if final_reporter is None:
        why = next((n for n in block.notes if "reporting unit" in n), "no title block")
        problems.append(
            Problem(
                f"cannot tell who reports: {why}; pass reporter=Reporter(name, kind=...) "
                "(cchc: --reporter NAME --kind KIND)",
                source=source,
                location="title",
            )
        )
    if final_period is None:
        why = next((n for n in block.notes if "reporting unit" not in n), "no title block")
        problems.append(
            Problem(
                f"cannot tell the period: {why}; pass period= (e.g. '2021S1'; cchc: --period ID)",
                source=source,
                location="title",
            )
        )
    if problems or final_reporter is None or final_period is None:
        raise ReadError(problems, source=source)
    return final_reporter, final_period, findings


def report_from_table(
    title: Sequence[str],
    rows: Sequence[SourceRow],
    *,
    form: Form | str,
    reporter: Reporter | None = None,
    period: Period | str | None = None,
    source: str = "<table>",
    dash: str = "not-applicable",
) -> Report:
    """Build a report from the title block and the body rows of an official table.

    Args:
        title: the lines above the table (may be empty).
        rows: the body rows, in order (header rows, a column-numbering row and
            empty rows are skipped wherever they stand).
        form: the form the table fills in, or the id of a built-in form: then
            its version in force for the period (given, else the title's).
        reporter: who reports; wins over the title block (a disagreement is a
            ``read.reporter-differs`` diagnostic).
        period: the period (a :class:`~cchc.Period` or its id); wins over the
            title block likewise.
        source: the name of the input, for messages.
        dash: what a lone ``-`` value cell means: ``"not-applicable"`` (a
            status, the default) or ``"zero"``; a ``read.dash`` diagnostic says
            which reading was taken.

    Returns:
        The report, its ``diagnostics`` holding every ``read.…`` finding.

    Raises:
        ReadError: a row without exactly five cells, a table none of whose rows
            belongs to the form, or no reporter or period from either the
            arguments or the title block.

    See ``docs/reading.md`` for the matching rules and the list of diagnostics.
    """
    if dash not in DASH_READINGS:
        msg = f"dash must be one of {', '.join(map(repr, DASH_READINGS))}, not {dash!r}"
        raise UsageError(msg)
    block = parse_title(title)
    if isinstance(form, str):
        when = Period.parse(period) if isinstance(period, str) else period
        form = load_form(form, period=when or block.period)
    reader = attrs.evolve(_Reader.for_form(form, source), dash=dash)
    for row in rows:
        reader.row(row)
    if reader.problems:
        raise ReadError(reader.problems, source=source)
    if not reader.assigned:
        what = "has no body rows" if not rows else "has no row of the form"
        message = f"the table {what} {form.id} ({form.title})"
        raise ReadError.one(message, source=source)
    reader.template_numbering()
    reader.missing()
    chosen_reporter, chosen_period, title_findings = _settle(block, reporter, period, source)
    diagnostics = (*title_findings, *reader.findings)
    return Report(
        form=form,
        reporter=chosen_reporter,
        period=chosen_period,
        entries=reader.entries,
        diagnostics=diagnostics,
        submitted=title_date(title),
    )


# -- writing --------------------------------------------------------------------------------


def official_rows(report: Report) -> list[tuple[str, str, str, str, str]]:
    """The body rows of *report* as the official layout prints them, in form order.

    Each row is *(STT, Chỉ tiêu, Đơn vị tính, Số liệu, Ghi chú)*: the printed
    STT, the (corrected) name, the unit or legend, the value cell — the raw
    cell where the report kept one, else the value written the Vietnamese way
    (:func:`~cchc.io.numbers.cell_text`), else the status
    (:func:`~cchc.io.numbers.status_text`) — and the note,
    or the form's guidance note when the reporter wrote none.

    >>> import cchc
    >>> rows = official_rows(cchc.example_report())
    >>> rows[2]
    ('1.1.1. ', 'Số nhiệm vụ đề ra trong kế hoạch', 'Nhiệm vụ', '49', '')
    >>> rows[5][3:], rows[6][0]
    (('Chưa kiểm tra', 'Theo KH cuối tháng 6'), '1.1.1. ')
    """
    rows: list[tuple[str, str, str, str, str]] = []
    for indicator in report.form:
        entry = report[indicator.code]
        if entry.raw is not None:
            value = entry.raw
        elif entry.value is not None:
            value = cell_text(entry.value)
        elif entry.status is not None:
            value = status_text(entry.status, indicator.codes)
        else:
            value = ""
        note = entry.note if entry.note is not None else indicator.note
        rows.append(
            (indicator.printed_code, indicator.display_name, indicator.unit_text, value, note)
        )
    return rows


def official_title(report: Report) -> list[str]:
    """The title block above the table of *report*, as :func:`parse_title` reads it back.

    >>> import cchc
    >>> for line in official_title(cchc.example_report()):
    ...     print(line)
    Phụ lục 2B
    THỐNG KÊ KẾT QUẢ THỰC HIỆN CẢI CÁCH HÀNH CHÍNH
    TẠI SỞ NỘI VỤ 6 THÁNG ĐẦU NĂM 2021
    (Kèm theo báo cáo 6 tháng đầu năm 2021 của Sở Nội vụ)
    """
    form_name, _, subject = report.form.title.partition(" — ")
    name = clean(report.reporter.name).replace("\n", " ")
    lines = [form_name.strip()]
    if subject.strip():
        lines.append(subject.strip().upper())
    lines.append(f"TẠI {name.upper()} {report.period.label().upper()}")
    lines.append(f"(Kèm theo báo cáo {report.period.label()} của {name})")
    return lines


def with_caller_overrides(
    report: Report, reporter: Reporter | None, period: Period | None
) -> Report:
    """*report* with the caller's reporter and period, noting where they differ.

    For formats that carry their own reporter and period (JSON, CSV): the caller
    wins, and a ``read.reporter-differs`` / ``read.period-differs`` warning says so.
    """
    findings: list[Finding] = []
    changes: dict[str, object] = {}
    if reporter is not None and reporter != report.reporter:
        findings.append(
            _finding(
                "read.reporter-differs",
                Severity.WARNING,
                (),
                f"tệp ghi đơn vị báo cáo {quoted(report.reporter.name)}; "
                f"dùng {quoted(reporter.name)} theo yêu cầu",
                f"the file names the reporter {quoted(report.reporter.name)}; "
                f"using {quoted(reporter.name)} as given",
                location="reporter",
            )
        )
        changes["reporter"] = reporter
    if period is not None and period != report.period:
        findings.append(
            _finding(
                "read.period-differs",
                Severity.WARNING,
                (),
                f"tệp ghi kỳ báo cáo {report.period.label()}; dùng {period.label()} theo yêu cầu",
                f"the file gives the period {report.period.id}; using {period.id} as given",
                location="period",
            )
        )
        changes["period"] = period
    if not changes:
        return report
    return report.evolve(diagnostics=(*findings, *report.diagnostics), **changes)
