"""Round trips: a report written in a format and read back is the same report.

Laws: for every format (JSON, CSV, the Word text export, xlsx, docx),
``read(write(report, fmt), format=fmt)`` has the report's reporter, period and
entries (values, statuses, notes and raw cells); JSON is exact, whole report
included.  Text tables with the seed's real-world quirks read back as the
report they were written from.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cchc
from cchc import strategies as cst

FORMATS = ("json", "csv", "txt", "xlsx", "docx")


def same_report(back: cchc.Report, report: cchc.Report) -> None:
    assert back.form == report.form
    assert back.reporter == report.reporter
    assert back.period == report.period
    assert dict(back.entries) == dict(report.entries)


@given(cst.reports())
def test_json_round_trip_is_exact(report: cchc.Report) -> None:
    """``loads(dumps(report)) == report``: JSON keeps everything, exactly."""
    assert cchc.loads(cchc.dumps(report)) == report


@pytest.mark.parametrize("fmt", FORMATS)
@given(report=cst.reports())
def test_every_format_round_trips(fmt: str, report: cchc.Report) -> None:
    """Writing a report in *fmt* and reading it back gives the same reporter, period and entries."""
    written = cchc.write(report, fmt)
    same_report(cchc.read(written, format=fmt, form=report.form), report)


@pytest.mark.parametrize("fmt", ["txt", "xlsx", "docx"])
@given(report=cst.reports(complete=True))
def test_complete_reports_round_trip(fmt: str, report: cchc.Report) -> None:
    """A report with every row filled survives the table formats too."""
    written = cchc.write(report, fmt)
    same_report(cchc.read(written, format=fmt, form=report.form), report)


@given(cst.text_tables(quirks=st.sets(st.sampled_from(cst.Quirk))))
def test_text_tables_with_quirks_read_back(table: cst.TextTable) -> None:
    """A text table with any mix of the seed's quirks reads back as the report written."""
    same_report(cchc.read(table.data, format="txt", form=table.report.form), table.report)


@given(cst.text_tables(quirks=list(cst.Quirk)))
def test_reading_says_what_the_quirks_were(table: cst.TextTable) -> None:
    """Reading diagnostics name the cell quirks applied: leading zeros and values on header rows."""
    back = cchc.read(table.data, format="txt", form=table.report.form)
    rules = {f.rule for f in back.diagnostics}
    if cst.Quirk.LEADING_ZEROS in table.quirks:
        assert "read.leading-zero" in rules
    if cst.Quirk.HEADER_VALUES in table.quirks:
        assert "read.value-on-header" in rules
