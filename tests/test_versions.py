"""Form versions (contract §7): validity, the version in force, F11–F13, and the
two-level Phụ lục 2B adaptation in force from 1 July 2025."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cchc
from cchc.cli import main
from cchc.errors import FormError, UnknownFormError
from cchc.forms import form_from_data, form_versions, version_in_force
from cchc.io.text import write_text
from cchc.model import ReporterKind
from cchc.periods import PeriodKind
from cchc.strategies import periods, reporters, reports
from cchc.values import Coverage
from cchc.versions import version_findings

OLD = cchc.load_form("phu-luc-2b@2021")
NEW = cchc.load_form("phu-luc-2b@2025")
K = ReporterKind
COMMUNES = ("UBND xã Nam Đàn", "UBND phường Vinh Phú", "UBND đặc khu Phú Quốc")


def _report(form: cchc.Form, name: str, kind: str, period: str, **entries: object) -> cchc.Report:
    values = {code.replace("_", "."): value for code, value in entries.items()}
    return cchc.Report(
        form=form,
        reporter=cchc.Reporter(name, kind=kind),
        period=period,
        entries=values,  # type: ignore[arg-type]
    )


# -- the version in force ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "version"),
    [
        ("2019", "2021"),
        ("2021S1", "2021"),
        ("2025S1", "2021"),  # window ends 14/6/2025
        ("2025M06", "2021"),
        ("2025M07", "2025"),  # window 15/6–14/7/2025 ends after 30/6
        ("2025Q3", "2025"),
        ("2025", "2025"),
        ("2026S1", "2025"),
        ("2025-06-01..2025-06-30", "2021"),
        ("2025-06-01..2025-07-01", "2025"),
    ],
)
def test_load_form_returns_the_version_in_force_at_the_end_of_the_period(
    period: str, version: str
) -> None:
    assert cchc.load_form("phu-luc-2b", period=period).version == version
    assert cchc.load_form("phu-luc-2b", period=cchc.Period.parse(period)).version == version


def test_load_form_without_a_period_is_the_latest_and_versions_are_cached() -> None:
    assert cchc.load_form() is cchc.load_form("phu-luc-2b") is NEW
    assert cchc.load_form(period="2026S1") is NEW
    assert form_versions("phu-luc-2b") == (OLD, NEW)
    assert (OLD.valid_from, OLD.valid_until) == (None, date(2025, 6, 30))
    assert (NEW.valid_from, NEW.valid_until) == (date(2025, 7, 1), None)
    assert (OLD.validity, NEW.validity) == ("..2025-06-30", "2025-07-01..")


def test_versions_declare_their_reporter_and_period_kinds() -> None:
    assert OLD.reporter_kinds == {K.DEPARTMENT, K.DISTRICT, K.CENTRAL, K.PROVINCE}
    assert NEW.reporter_kinds == {K.DEPARTMENT, K.COMMUNE, K.CENTRAL, K.PROVINCE}
    for form in (OLD, NEW):
        assert form.period_kinds == {PeriodKind.QUARTER, PeriodKind.HALF, PeriodKind.YEAR}


def test_unknown_versions_and_forms_are_usage_errors() -> None:
    with pytest.raises(UnknownFormError, match=r"no version '2030' \(versions: 2021, 2025\)"):
        cchc.load_form("phu-luc-2b@2030")
    with pytest.raises(UnknownFormError, match="unknown form 'nope'"):
        form_versions("nope")


def _tiny(
    valid_from: str | None = None, valid_until: str | None = None, **more: object
) -> dict[str, object]:
    data: dict[str, object] = {
        "id": "tiny",
        "title": "Tiny",
        "reporters": ["department", "commune"],
        "indicator": [
            {"code": "1", "name": "Mục", "kind": "section"},
            {"code": "1.1", "name": "Số hồ sơ", "kind": "value", "unit": "Hồ sơ"},
        ],
        **more,
    }
    if valid_from is not None:
        data["valid_from"] = valid_from
    if valid_until is not None:
        data["valid_until"] = valid_until
    return data


def test_version_in_force_among_a_provinces_own_forms() -> None:
    first = form_from_data(_tiny(valid_until="2022-12-31", version="1"))
    second = form_from_data(_tiny(valid_from="2023-01-01", valid_until="2023-12-31", version="2"))
    assert version_in_force([first, second], "2022S1") is first
    assert version_in_force([first, second], "2023M12") is second
    with pytest.raises(UnknownFormError, match=r"no version is in force on 2024-06-14"):
        version_in_force([first, second], "2024S1")
    with pytest.raises(UnknownFormError, match="versions: none"):
        version_in_force([], "2024S1")


def test_form_files_check_validity_periods_and_decimals() -> None:
    form = form_from_data(
        _tiny(
            valid_from=date(2024, 1, 1),  # type: ignore[arg-type]  # TOML gives a date
            periods=["month", "range"],
            ratio=[{"id": "x", "name": "x", "numerator": "{1.1}", "denominator": "{1.1}"}],
        )
    )
    assert form.valid_from == date(2024, 1, 1)
    assert form.period_kinds == {PeriodKind.MONTH, PeriodKind.RANGE}
    with pytest.raises(FormError) as info:
        form_from_data(
            _tiny(
                valid_from="2025-07-01",
                valid_until="2025-06-30",
                periods=["week"],
                ratio=[
                    {
                        "id": "x",
                        "name": "x",
                        "numerator": "{1.1}",
                        "denominator": "{1.1}",
                        "decimals": 9,
                    }
                ],
            )
        )
    text = str(info.value)
    assert "'valid_until' comes before 'valid_from'" in text
    assert "unknown period kind 'week'" in text
    assert "'decimals' must be a whole number from 0 to 6" in text
    with pytest.raises(FormError, match="must be an ISO date"):
        form_from_data(_tiny(valid_from="1/7/2025"))
    with pytest.raises(FormError, match="non-empty list of period kinds"):
        form_from_data(_tiny(periods=[]))


@given(periods(min_year=2019, max_year=2030))
def test_the_version_picked_for_a_period_is_in_force_for_it(period: cchc.Period) -> None:
    form = cchc.load_form(period=period)
    assert form.in_force(period)
    assert not version_findings(_report(form, "Sở Nội vụ", "department", period.id))


# -- F11, F12, F13 -------------------------------------------------------------------------


def test_a_district_after_june_2025_gets_f11_and_no_f7_noise() -> None:
    report = _report(NEW, "UBND huyện Nam Đàn", "district", "2026S1", **{"1_1_1": 10})
    result = cchc.check(report)
    assert [f.rule for f in result.findings if f.is_problem] == ["F11"]
    (f11,) = result.get("F11")
    assert f11.severity is cchc.Severity.ERROR and result.has_errors
    assert "district" in f11.message_en and "UBND cấp huyện" in f11.message
    assert "F11" in {f.rule for f in result.all}


def test_a_commune_on_the_2021_form_gets_f11() -> None:
    report = _report(OLD, "UBND xã A", "commune", "2021S1")
    assert [f.rule for f in version_findings(report)] == ["F11"]


def test_a_period_outside_the_validity_is_f12() -> None:
    late = _report(OLD, "Sở Nội vụ", "department", "2026S1")
    early = _report(NEW, "Sở Nội vụ", "department", "2021S1")
    for report, words in ((late, "..2025-06-30"), (early, "2025-07-01..")):
        (finding,) = version_findings(report)
        assert finding.rule == "F12" and finding.severity is cchc.Severity.ERROR
        assert words in finding.message_en
    assert cchc.check(late).has_errors


def test_a_period_kind_the_form_does_not_take_is_f13() -> None:
    report = _report(NEW, "Sở Nội vụ", "department", "2026M03")
    (finding,) = version_findings(report)
    assert finding.rule == "F13" and finding.severity is cchc.Severity.WARNING
    assert "month" in finding.message_en and "tháng" in finding.message


def test_cli_check_of_a_district_report_for_2026s1_exits_1_with_f11(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "huyen.json"
    report = _report(NEW, "UBND huyện Nam Đàn", "district", "2026S1", **{"1_1_1": 10})
    path.write_text(cchc.dumps(report), encoding="utf-8")
    assert main(["check", str(path), "--format", "json"]) == 1
    (result,) = json.loads(capsys.readouterr().out)["results"]
    assert [f["rule"] for f in result["findings"]] == ["F11"]
    assert (result["form"], result["form_version"]) == ("phu-luc-2b", "2025")


def test_a_district_table_of_the_2021_layout_for_2026_is_read_on_the_new_version(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = _report(OLD, "UBND huyện Nam Đàn", "district", "2025S1", **{"3_1_3_b": 4})
    text = write_text(old).replace("NĂM 2025", "NĂM 2026").replace("năm 2025", "năm 2026")
    report = cchc.read(text, format="txt")
    assert report.form is NEW and report.period.id == "2026S1"
    assert "F11" in {f.rule for f in cchc.check(report)}
    path = tmp_path / "huyen.txt"
    path.write_text(text, encoding="utf-8")
    assert main(["check", str(path)]) == 1
    assert "F11" in capsys.readouterr().out


# -- communes on the two-level version --------------------------------------------------------


def _commune_reports() -> list[cchc.Report]:
    return [
        _report(
            NEW,
            name,
            "commune",
            "2026S1",
            **{"1_1_1": 10 + n, "1_1_2": 5 + n, "3_1_3": 120, "3_1_3_c": 120, "4_1_2": 2},
            **{"4_1_2_b": 2, "3_4_3": Decimal(95)},
        )
        for n, name in enumerate(COMMUNES)
    ]


def test_commune_reports_have_no_f7_and_aggregate_with_full_coverage(tmp_path: Path) -> None:
    communes = _commune_reports()
    for report in communes:
        assert not {"F6", "F7", "F11", "F12"} & {f.rule for f in cchc.check(report)}
    total = cchc.aggregate(communes, reporter=cchc.Reporter("Tỉnh Nghệ An", kind="province"))
    for code in ("1.1.1", "3.1.3.c", "3.4.3", "4.1.2.b"):
        coverage = total[code].coverage
        assert coverage is not None
        assert (coverage.reported, coverage.expected) == (3, 3), code
    assert total["1.1.1"].value == 33 and total["3.1.3.c"].value == 360
    assert not {"F6", "F7", "F11"} & {f.rule for f in cchc.check(total)}
    paths = []
    for n, report in enumerate(communes):
        path = tmp_path / f"xa-{n}.txt"
        path.write_text(write_text(report), encoding="utf-8")
        paths.append(str(path))
    assert main(["aggregate", *paths, "-o", str(tmp_path / "tinh.json")]) == 0
    again = cchc.loads((tmp_path / "tinh.json").read_text(encoding="utf-8"))
    assert again.form is NEW
    assert again["3.1.3.c"].coverage == Coverage(reported=3, expected=3)


@given(reports(form="phu-luc-2b@2025", reporters=reporters(kinds=st.just(K.COMMUNE))))
def test_any_commune_report_of_the_new_version_fits_it(report: cchc.Report) -> None:
    assert report.form is NEW and report.form.in_force(report.period)
    assert not version_findings(report)
    assert not {"F6", "F7"} & {f.rule for f in cchc.check(report)}


# -- the rows of the adaptation (docs/versions.md) ------------------------------------------------

RETIRED = ("3.1.3.b", "3.4.2", "5.2.3", "7.1.6.1.b", "7.1.7.2")

# code -> (2021 reporters, two-level reporters): the rows whose reporters change.
REPORTERS_CHANGED = {
    "1.2.2": ({"district", "province"}, {"department", "province"}),
    "3.1.3.c": ({"district", "province"}, {"commune", "province"}),
    "3.4.3": ({"district", "province"}, {"commune", "province"}),
    "3.4.4": ({"district", "province"}, {"commune", "province"}),
    "3.4.5": ({"district", "province"}, {"commune", "province"}),
    "4": ({"department", "district", "province"}, {"department", "commune", "province"}),
    "5": ({"department", "district", "province"}, {"department", "commune", "province"}),
    "4.1.2.b": ({"district", "province"}, {"commune", "province"}),
    "5.3.4": ({"district", "province"}, {"commune", "province"}),
    "7.1.6.1.c": ({"district", "province"}, {"commune", "province"}),
}

RENAMED = {
    "3.4.4": "(ở cả 2 cấp)",
    "3.4.5": "(ở cả 2 cấp)",
    "4.1.2.b": "Số ĐVSNCL thuộc UBND cấp xã",
    "5.3.4": "Số lãnh đạo cấp phòng thuộc UBND cấp xã được bổ nhiệm mới",
    "5.4.1": "Số lãnh đạo cấp sở, ngành hoặc UBND cấp xã bị kỷ luật.",
    "5.4.2": "Số lãnh đạo cấp phòng thuộc sở, ngành hoặc thuộc UBND cấp xã bị kỷ luật.",
    "7.1.2": "Liên thông 2 cấp: Từ UBND tỉnh đến 100% UBND cấp xã.",
    "7.1.4": "Tỷ lệ cơ quan chuyên môn cấp tỉnh, UBND cấp xã được cấp chứng thư số.",
    "7.1.6.1.c": "Tỷ lệ UBND cấp xã đã kết nối, liên thông với UBND tỉnh",
}


def _kinds(form: cchc.Form, code: str) -> set[str]:
    return {k.value for k in form[code].reporters.kinds}


def test_retired_rows_are_gone_and_no_code_changes_meaning() -> None:
    for code in RETIRED:
        assert code in OLD and code not in NEW
    assert set(NEW.codes) == set(OLD.codes) - set(RETIRED)
    assert [c for c in OLD.codes if c not in RETIRED] == list(NEW.codes)  # printed order kept


def test_reporters_change_as_documented_and_nowhere_else() -> None:
    for code, (before, after) in REPORTERS_CHANGED.items():
        assert (_kinds(OLD, code), _kinds(NEW, code)) == (before, after), code
    swap = {"district": "commune"}
    for code in NEW.codes:
        if code in REPORTERS_CHANGED:
            continue
        assert {swap.get(k, k) for k in _kinds(OLD, code)} == _kinds(NEW, code), code
    assert NEW["3.4.4"].reporters.departments[0] == "Sở Nông nghiệp và Môi trường"
    assert NEW["3.4.4"].applies_to(K.DEPARTMENT, "Sở Nông nghiệp và Môi trường")
    assert NEW["1.2.2"].applies_to(K.DEPARTMENT, "Sở Nội vụ")


def test_names_say_cap_xa_and_nothing_says_cap_huyen() -> None:
    for code, words in RENAMED.items():
        assert words in NEW[code].name, code
    for indicator in NEW:
        assert "huyện" not in indicator.name.lower(), indicator.code
        assert "huyện" not in indicator.note.lower(), indicator.code
    assert [c.label for c in NEW["7.1.2"].codes or ()] == ["Chưa có", "2 cấp"]
    unchanged = set(NEW.codes) - set(RENAMED)
    assert all(NEW[c].name == OLD[c].name for c in unchanged)


def test_rules_of_the_new_version_name_no_retired_row_and_keep_their_ids() -> None:
    assert [r.id for r in NEW.rules] == [r.id for r in OLD.rules]
    assert [r.id for r in NEW.ratios] == [r.id for r in OLD.ratios]
    for rule in NEW.rules:
        assert not any("{" + code + "}" in rule.test for code in RETIRED), rule.id
    r28 = next(r for r in NEW.rules if r.id == "R28")
    assert "7.1.6.1.c" in r28.test
    assert "cấp xã" in next(r for r in NEW.rules if r.id == "R15").title


def test_the_adaptation_says_it_is_not_an_official_template() -> None:
    assert "không phải biểu mẫu chính thức" in NEW.description
    assert NEW.version == "2025" and OLD.version == "2021"


# -- reading picks the version --------------------------------------------------------------------


def test_every_format_reads_a_2026_report_on_the_new_version() -> None:
    report = _commune_reports()[2]
    for fmt in ("txt", "json", "csv"):
        again = cchc.read(cchc.write(report, fmt), format=fmt)
        assert again.form is NEW, fmt
        assert again.reporter == report.reporter and again.entries == report.entries
    seed = cchc.example_report()
    assert seed.form is OLD
    assert cchc.loads(cchc.dumps(seed)).form is OLD


def test_a_form_given_as_a_version_wins_and_its_validity_is_checked() -> None:
    report = _report(NEW, "Sở Nội vụ", "department", "2026S1", **{"1_1_1": 3})
    forced = cchc.read(cchc.write(report, "json"), format="json", form="phu-luc-2b@2021")
    assert forced.form is OLD
    assert [f.rule for f in version_findings(forced)] == ["F12"]
    by_id = cchc.read(write_text(report), format="txt", form="phu-luc-2b")
    assert by_id.form is NEW


def test_json_keeps_a_forced_version_and_only_then() -> None:
    forced = _report(OLD, "Sở Nội vụ", "department", "2026S1", **{"1_1_1": 3})
    text = cchc.dumps(forced)
    assert json.loads(text)["form_version"] == "2021"
    assert cchc.loads(text) == forced and cchc.loads(text).form is OLD
    assert "form_version" not in cchc.dumps(cchc.example_report())
    bad = text.replace('"form_version": "2021"', '"form_version": "1999"')
    with pytest.raises(cchc.errors.ReadError, match=r"\$\.form_version: .*no version '1999'"):
        cchc.loads(bad)


def test_cli_forms_lists_every_version_with_its_validity(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["forms"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[0] for line in lines] == ["phu-luc-2b@2021", "phu-luc-2b@2025"]
    assert "until 2025-06-30" in lines[0] and "district" in lines[0]
    assert "from 2025-07-01" in lines[1] and "commune" in lines[1]
    assert main(["form", "phu-luc-2b", "--period", "2026S1"]) == 0
    out = capsys.readouterr().out
    assert "version 2025, from 2025-07-01, 138 rows" in out
    assert "3.1.3.b" not in out
