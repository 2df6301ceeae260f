"""The public strategies of cchc.strategies: their API, argument checks and shrinking."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import cchc
from cchc import strategies as cst

FORM = cchc.load_form("phu-luc-2b@2021")
QUIET = settings(max_examples=10, database=None, deadline=None)

HO_SO = cchc.load_form(Path(__file__).parent / "forms" / "ho-so.toml")


def draw_once(strategy: st.SearchStrategy[object]) -> object:
    """Run one example of *strategy* under @given, returning what was drawn."""
    seen: list[object] = []

    @QUIET
    @given(strategy)
    def run(value: object) -> None:
        seen.append(value)

    run()
    return seen[-1]


@pytest.mark.parametrize(
    "build",
    [
        lambda: cst.values("9.9.9"),
        lambda: cst.values("1.1"),
        lambda: cst.values("1.1.1", max_count=-1),
        lambda: cst.entries("1"),
        lambda: cst.reports(complete="yes"),  # type: ignore[arg-type]
        lambda: cst.reports(form="no-such-form"),
        lambda: cst.reports(reporters=cchc.Reporter("Sở Nội vụ", "department")),  # type: ignore[arg-type]
        lambda: cst.reports(options={"autonomy": "sometimes"}),
        lambda: cst.periods(min_year=1800),
        lambda: cst.periods(min_year=2022, max_year=2021),
        lambda: cst.reporter_sets(min_size=3, max_size=2),
        lambda: cst.reporters(kinds=st.just("department")),  # type: ignore[arg-type]
        lambda: cst.reporters(kinds="department"),  # type: ignore[arg-type]
        lambda: cst.entries("1.1.1", values=5),  # type: ignore[arg-type]
        lambda: cst.violating("R99"),
        lambda: cst.violating("R32.share", options={"online-levels": "separate"}),
        lambda: cst.violating(
            "F7", reporters=cst.reporters(kinds=st.just(cchc.model.ReporterKind.DISTRICT))
        ),
        lambda: cst.text_tables(quirks=["tabs"]),
        lambda: cst.text_tables(quirks="bom"),
        lambda: cst.report_sets(complete=1),  # type: ignore[arg-type]
        lambda: cst.violating("R1", form=HO_SO),
        lambda: cst.violating("H1", form=HO_SO, periods=2021),  # type: ignore[arg-type]
        lambda: cst.violating("H1", form=5),  # type: ignore[arg-type]
        lambda: cst.violating(
            "F7",
            form=HO_SO,
            reporters=cst.reporters(kinds=st.just(cchc.model.ReporterKind.DISTRICT)),
        ),
        lambda: cst.forms(min_sections=0),
        lambda: cst.forms(min_sections=3, max_sections=2),
        lambda: cst.forms(max_sections=10),
        lambda: cst.forms(max_blocks=0),
    ],
)
def test_bad_arguments_raise_invalid_argument_when_drawn(build: object) -> None:
    """A bad argument raises InvalidArgument at draw time, not when the strategy is built."""
    assert callable(build)
    strategy = build()  # building never raises
    with pytest.raises(InvalidArgument):
        draw_once(strategy)


def test_violable_rules_of_a_form_name_every_declared_rule() -> None:
    """``violable_rules(form=...)`` lists a custom form's declared rules and its derived ones."""
    ids = cst.violable_rules(form=HO_SO)
    assert ids[:10] == tuple(f"H{n}" for n in range(1, 11))
    assert "F6" in ids and "F9" in ids
    # Central agencies do not file it (its reporters), so no section is "not for them".
    assert "F7" not in ids
    assert "R1" not in ids


def test_violable_rules_of_the_builtin_form_are_the_same_by_id_or_object() -> None:
    """The built-in form named by id, or given as an object, keeps its hand-made changes."""
    assert cst.violable_rules(form="phu-luc-2b@2021") == cst.violable_rules()
    assert cst.violable_rules(form=cchc.load_form("phu-luc-2b@2021")) == cst.violable_rules()


def test_strategies_resolve_from_types() -> None:
    """The hypothesis entry point registers Report, Reporter, Period and Entry."""
    assert isinstance(draw_once(st.from_type(cchc.Report)), cchc.Report)
    assert isinstance(draw_once(st.from_type(cchc.Reporter)), cchc.Reporter)
    assert isinstance(draw_once(st.from_type(cchc.Period)), cchc.Period)
    assert isinstance(draw_once(st.from_type(cchc.Entry)), cchc.Entry)


def test_import_cchc_does_not_import_hypothesis() -> None:
    """``import cchc`` stays light: hypothesis is imported only by cchc.strategies."""
    code = "import sys, cchc; print('hypothesis' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


Summary = tuple[cchc.Reporter, cchc.Period, dict[str, object]]


def summary(report: cchc.Report) -> Summary:
    # find() prints the example it settles on; a summary keeps that short.
    return report.reporter, report.period, {code: e.value for code, e in report.entries.items()}


def smallest(strategy: st.SearchStrategy[cchc.Report], condition: object) -> Summary:
    assert callable(condition)
    return find(
        strategy.map(summary), lambda s: bool(condition(s[2])), settings=settings(database=None)
    )


def test_a_report_shrinks_to_the_rows_it_needs() -> None:
    """The smallest report with 1.1.2 filled holds only 1.1.1 = 1.1.2 = 0: no notes, no statuses."""
    _, _, values = smallest(cst.reports(), lambda v: v.get("1.1.2") is not None)
    assert values == {"1.1.1": 0, "1.1.2": 0}


def test_totals_are_the_sum_of_the_levels_that_apply() -> None:
    """3.1.3 is drawn as the sum of 3.1.3.a–c over the levels that apply to the reporter."""
    _, _, values = smallest(
        cst.reports(reporters=cst.reporters(kinds=st.just(cchc.model.ReporterKind.DISTRICT))),
        lambda v: (v.get("3.1.3.b") or 0) > 0 and (v.get("3.1.3.c") or 0) > 0,
    )
    assert "3.1.3.a" not in values
    assert values["3.1.3"] == values["3.1.3.b"] + values["3.1.3.c"]  # type: ignore[operator]
    assert values["3.1.3.b"] == values["3.1.3.c"] == 1


@given(cst.values("3.3.3"), cst.values("1.5"), cst.values("7.1.5", max_score=2))
def test_values_of_named_rows(percent: object, code: object, score: object) -> None:
    """Values looked up by code have the row's type: a percent, a code, a bounded score."""
    assert isinstance(percent, Decimal)
    assert 0 <= percent <= 100
    assert code in (0, 1)
    assert isinstance(score, Decimal)
    assert 0 <= score <= 2


@given(cst.entries("1.1.1", statuses=st.nothing(), notes=st.none()))
def test_entries_can_be_limited_to_values(entry: cchc.Entry) -> None:
    """``statuses=st.nothing()`` draws entries with a value only."""
    assert isinstance(entry.value, int)
    assert entry.note is None


@given(cst.periods(kinds=st.just(cchc.periods.PeriodKind.QUARTER), min_year=2021, max_year=2021))
def test_periods_follow_their_options(period: cchc.Period) -> None:
    """``periods`` keeps to its years and kinds."""
    assert period.year == 2021
    assert period.kind is cchc.periods.PeriodKind.QUARTER


def _small_form() -> cchc.Form:
    from cchc.forms import form_from_data

    return form_from_data(
        {
            "id": "nho",
            "title": "Biểu nhỏ",
            "indicator": [
                {"code": "1", "name": "Mục", "kind": "section"},
                {
                    "code": "1.1",
                    "name": "Tổng số",
                    "kind": "value",
                    "unit": "Người",
                    "breakdown": "exhaustive",
                },
                {"code": "1.1.a", "name": "Nam", "kind": "breakdown", "unit": "Người"},
                {"code": "1.1.b", "name": "Nữ", "kind": "breakdown", "unit": "Người"},
                {"code": "1.2", "name": "Tỷ lệ", "kind": "value", "unit": "%"},
            ],
        }
    )


@given(cst.reports(form=_small_form(), complete=True))
def test_a_form_of_ones_own_gets_its_breakdown_sums(report: cchc.Report) -> None:
    """On any form, an exhaustive breakdown's total is drawn as the sum of its parts."""
    assert report.form.id == "nho"
    assert report.value("1.1") == report.value("1.1.a") + report.value("1.1.b")  # type: ignore[operator]
    assert 0 <= report.value("1.2") <= 100  # type: ignore[operator]


@given(cst.violating("F7"))
def test_a_violation_says_what_changed(violation: cst.Violation) -> None:
    """A central agency reporting section 4: the changed row is named, the original is valid."""
    assert violation.report.reporter.kind is cchc.model.ReporterKind.CENTRAL
    assert violation.changed == ("4.2.1",)
    assert "4.2.1" not in violation.original
    assert violation.report.value("4.2.1") is not None


@given(cst.text_tables(quirks=[cst.Quirk.BOM, cst.Quirk.CRLF, cst.Quirk.NFD]))
def test_text_tables_apply_file_quirks(table: cst.TextTable) -> None:
    """File quirks always apply: a BOM first, CRLF line ends, decomposed accents."""
    assert table.text.startswith("\ufeff")
    assert "\r\n" in table.text
    assert "\n" not in table.text.replace("\r\n", "")
    assert table.data.startswith(b"\xef\xbb\xbf")
    assert unicodedata.is_normalized("NFD", table.text)
    assert not unicodedata.is_normalized("NFC", table.text)
    assert table.quirks == {cst.Quirk.BOM, cst.Quirk.CRLF, cst.Quirk.NFD}


def test_violable_rules_follow_the_options() -> None:
    """Rules evaluated under one reading only are violable under that reading only."""
    assert "R29" in cst.violable_rules()
    assert "R29" not in cst.violable_rules(options={"online-levels": "separate"})
    assert "R29.total" in cst.violable_rules(options={"online-levels": "separate"})
