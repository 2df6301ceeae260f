"""The built-in Phụ lục 2B, pinned row by row against the seed table it comes from."""

from __future__ import annotations

import pickle
from collections import Counter

import attrs
import pytest

import cchc
from cchc._text import clean, match_key
from cchc.examples import example_bytes
from cchc.units import find_unit

FORM = cchc.load_form("phu-luc-2b@2021")

# code, kind, unit id (or the legend's codes), who reports it (C central, D department,
# H district, P province), then breakdown kind, temporal nature, province-wide.
PINNED = """
    1          section   -               CDHP
    1.1        group     -               CDHP
    1.1.1      value     nhiem-vu        CDHP plan
    1.1.2      value     nhiem-vu        CDHP flow
    1.1.3      value     van-ban         CDHP flow
    1.2        group     -               CDHP
    1.2.1      value     co-quan-don-vi  CDHP flow
    1.2.2      value     co-quan-don-vi  HP   flow
    1.2.3      value     van-de          CDHP flow
    1.2.4      value     van-de          CDHP flow
    1.3        group     -               CDHP
    1.3.1      value     nhiem-vu        CDHP flow
    1.3.2      value     nhiem-vu        CDHP flow
    1.3.3      value     nhiem-vu        CDHP flow
    1.4        group     -               CDHP
    1.4.1      value     so-luong        CDHP flow
    1.4.2      coded     codes:0,1,2     CDHP flow
    1.5        coded     codes:0,1       CDHP flow
    2          section   -               CDHP
    2.1        value     van-ban         CDHP flow
    2.2        value     van-ban         CDHP flow
    2.3        value     van-ban         CDHP flow
    2.4        value     van-ban         CDHP flow
    2.5        value     van-ban         CDHP flow
    3          section   -               CDHP
    3.1        group     -               CDHP
    3.1.1      value     thu-tuc         CDHP flow
    3.1.2      value     thu-tuc         CDHP flow
    3.1.3      value     thu-tuc         CDHP exhaustive stock
    3.1.3.a    breakdown thu-tuc         CDP  stock
    3.1.3.b    breakdown thu-tuc         HP   stock
    3.1.3.c    breakdown thu-tuc         HP   stock
    3.2        group     -               CDHP
    3.2.1      value     thu-tuc         CDHP stock
    3.2.2      value     thu-tuc         CDHP stock
    3.2.3      value     thu-tuc         CDHP stock
    3.3        group     -               CDHP
    3.3.1      value     thu-tuc         CDHP stock
    3.3.2      value     thu-tuc         CDHP stock
    3.3.3      value     percent         CDHP stock
    3.3.4      value     percent         CDHP stock
    3.4        group     -               CDHP
    3.4.1      value     percent         CDP  flow
    3.4.2      value     percent         HP   flow
    3.4.3      value     percent         HP   flow
    3.4.4      value     percent         HP   flow
    3.4.5      value     percent         HP   flow
    4          section   -               DHP
    4.1        group     -               DHP
    4.1.1      value     co-quan-don-vi  DP   stock
    4.1.2      value     co-quan-don-vi  DHP  exhaustive stock
    4.1.2.a    breakdown co-quan-don-vi  DP   stock
    4.1.2.b    breakdown co-quan-don-vi  HP   stock
    4.1.2.c    breakdown percent         DHP  cumulative
    4.2        group     -               DHP
    4.2.1      value     nguoi           DHP  stock
    4.2.2      value     nguoi           DHP  stock
    4.2.3      value     nguoi           DHP  stock
    4.2.4      value     nguoi           DHP  flow
    4.2.5      value     percent         DHP  cumulative
    4.3        group     -               DHP
    4.3.1      value     nguoi           DHP  stock
    4.3.2      value     nguoi           DHP  stock
    4.3.3      value     nguoi           DHP  flow
    4.3.4      value     percent         DHP  cumulative
    5          section   -               DHP
    5.1        group     -               DHP
    5.1.1      value     co-quan-don-vi  DHP  stock
    5.1.2      value     co-quan-don-vi  DHP  stock
    5.1.3      value     co-quan-don-vi  DHP  flow
    5.2        group     -               DHP
    5.2.1      value     nguoi           DHP  flow
    5.2.2      value     nguoi           DHP  flow
    5.2.3      value     nguoi           HP   flow
    5.2.4      value     nguoi           DHP  flow
    5.2.5      value     nguoi           DHP  flow
    5.3        group     -               DHP
    5.3.1      coded     codes:1,0       DHP  flow
    5.3.2      value     nguoi           DP   flow
    5.3.3      value     nguoi           DP   flow
    5.3.4      value     nguoi           HP   flow
    5.4        group     -               DHP
    5.4.1      value     nguoi           DHP  flow
    5.4.2      value     nguoi           DHP  flow
    5.4.3      value     nguoi           DHP  flow
    6          section   -               CDHP
    6.1        value     co-quan-don-vi  CDHP cumulative
    6.2        value     co-quan-don-vi  CDHP cumulative
    6.3        value     co-quan-don-vi  CDHP cumulative
    6.4        value     co-quan-don-vi  CDHP cumulative
    6.5        value     co-quan-don-vi  CDHP cumulative
    7          section   -               CDHP
    7.1        group     -               CDHP
    7.1.1      score     diem            CDHP stock
    7.1.2      coded     codes:0,1,2     CDHP stock province-wide
    7.1.3      coded     codes:0,1,2     CDHP stock
    7.1.4      value     percent         CDHP stock province-wide
    7.1.5      score     diem            CDHP stock
    7.1.6      group     -               CDHP
    7.1.6.1    group     -               CDHP
    7.1.6.1.a  breakdown percent         DP   stock
    7.1.6.1.b  breakdown percent         HP   stock
    7.1.6.1.c  breakdown percent         HP   stock
    7.1.6.2    value     van-ban         CDHP includes flow province-wide
    7.1.6.2.a  breakdown percent         CDHP flow province-wide
    7.1.6.2.b  breakdown percent         CDHP flow province-wide
    7.1.7      group     -               CDHP
    7.1.7.1    value     percent         CDHP stock province-wide
    7.1.7.2    value     percent         CDHP stock province-wide
    7.1.7.3    value     percent         CDHP stock province-wide
    7.1.8      group     -               CDHP
    7.1.8.1    value     thu-tuc         CDHP stock
    7.1.8.2    value     thu-tuc         CDHP stock
    7.1.8.3    value     percent         CDHP flow
    7.1.8.4    value     percent         CDHP flow
    7.1.9      group     -               CDHP
    7.1.9.1    value     percent         CDHP flow
    7.1.9.2    value     percent         CDHP flow
    7.1.9.3    value     percent         CDHP flow
    7.2        group     -               CDHP
    7.2.1      value     van-ban         CDHP flow
    7.2.2      group     -               CDHP
    7.2.2.1    value     co-quan-don-vi  CDHP stock
    7.2.2.2    value     co-quan-don-vi  CDHP flow
    7.2.3      group     -               CDHP
    7.2.3.1    value     quyet-dinh      CDHP flow
    7.2.3.2    value     quy-trinh       CDHP stock
    7.2.3.3    value     lan             CDHP flow
    7.2.3.4    value     quy-trinh       CDHP stock
    7.2.3.5    value     quy-trinh       CDHP flow
    7.2.4      group     -               CDHP
    7.2.4.1    value     chi-tieu        CDHP plan
    7.2.4.2    value     percent         CDHP flow
    7.2.5      group     -               CDHP
    7.2.5.1    value     ho-so           CDHP flow
    7.2.5.2    value     ho-so           CDHP flow
    7.2.5.3    value     percent         CDHP flow
    7.2.6      group     -               CDHP
    7.2.6.1    value     cap-file        CDHP flow
    7.2.6.2    value     percent         CDHP stock
    7.2.7      group     -               CDHP
    7.2.7.1    value     percent         CDHP flow
    7.2.7.2    value     percent         CDHP flow
"""

WHO = {"C": "central", "D": "department", "H": "district", "P": "province"}


def _pinned_rows() -> list[list[str]]:
    return [line.split() for line in PINNED.strip().splitlines()]


def _seed_rows() -> list[tuple[str, ...]]:
    """Split the seed independently of cchc's reader: cells start with a TAB."""
    lines = example_bytes().decode("utf-8").split("\n")
    cells: list[str] = []
    for line in lines[4:]:
        if line.startswith("\t"):
            cells.append(line[1:])
        elif cells:
            cells[-1] += "\n" + line
    body = [cell.rstrip("\n") for cell in cells[9:]]
    assert len(body) == 715, "143 rows × 5 cells"
    return [tuple(body[i : i + 5]) for i in range(0, 715, 5)]


def test_every_seed_row_is_in_the_form_in_printed_order() -> None:
    seed = _seed_rows()
    assert len(FORM) == len(seed) == 143
    for indicator, (stt, name, _unit, _value, _note) in zip(FORM, seed, strict=True):
        assert indicator.printed_code == stt
        assert indicator.name == clean(name)


def test_the_pinned_table_matches_the_form() -> None:
    pinned = _pinned_rows()
    assert [row[0] for row in pinned] == list(FORM.codes)
    for code, kind, unit, who, *extra in pinned:
        indicator = FORM[code]
        assert indicator.kind.value == kind, code
        if unit.startswith("codes:"):
            assert indicator.codes is not None
            assert indicator.codes.values == tuple(int(v) for v in unit[6:].split(",")), code
        elif unit == "-":
            assert indicator.unit is None and indicator.codes is None, code
        else:
            assert indicator.unit is not None and indicator.unit.id == unit, code
        assert indicator.reporters.kinds == {cchc.model.ReporterKind(WHO[w]) for w in who}, code
        breakdown = next(
            (e for e in extra if e in {b.value for b in cchc.model.BreakdownKind}), None
        )
        assert (indicator.breakdown.value if indicator.breakdown else None) == breakdown, code
        temporal = next((e for e in extra if e in {t.value for t in cchc.model.Temporal}), None)
        assert (indicator.temporal.value if indicator.temporal else None) == temporal, code
        assert indicator.province_wide == ("province-wide" in extra), code


def test_units_agree_with_the_seed_unit_column() -> None:
    """Every printed unit is the form's unit, a synonym of it, or a known defect."""
    missing_in_seed = {"7.1.4": "%", "7.2.3.2": "Quy trình"}  # form-2b.md §6.19
    for indicator, (_stt, _name, unit_cell, _value, _note) in zip(FORM, _seed_rows(), strict=True):
        printed = clean(unit_cell)
        if indicator.code in missing_in_seed:
            assert printed == ""
            assert indicator.unit == find_unit(missing_in_seed[indicator.code])
        elif indicator.codes is not None:
            assert cchc.codes.CodeList.parse(printed) == indicator.codes
            assert indicator.unit_text == printed
        elif indicator.scoring is not None:
            assert match_key(printed) == match_key(indicator.scoring)
        elif indicator.unit is not None:
            assert find_unit(printed) == indicator.unit, indicator.code
        elif indicator.code == "1.3":
            assert printed == "Nhiệm vụ"  # a unit typed on a header row (§6.8)
        else:
            assert printed == "", indicator.code


def test_kind_counts_match_the_seed_analysis() -> None:
    counts = Counter(i.kind for i in FORM)
    assert counts == {
        cchc.model.IndicatorKind.SECTION: 7,
        cchc.model.IndicatorKind.GROUP: 28,
        cchc.model.IndicatorKind.VALUE: 90,
        cchc.model.IndicatorKind.SCORE: 2,
        cchc.model.IndicatorKind.CODED: 5,
        cchc.model.IndicatorKind.BREAKDOWN: 11,
    }
    assert len(FORM.value_indicators) == 108


@pytest.mark.parametrize(
    ("code", "legend"),
    [
        ("1.4.2", ((0, "Trực tuyến"), (1, "Phát phiếu"), (2, "Kết hợp"))),
        ("1.5", ((0, "Không"), (1, "Có"))),
        ("5.3.1", ((1, "Đã thực hiện"), (0, "Chưa thực hiện"))),
        ("7.1.2", ((0, "Chưa có"), (1, "2 cấp"), (2, "3 cấp"))),
        ("7.1.3", ((0, "Chưa"), (1, "Đang làm"), (2, "Hoàn thành"))),
    ],
)
def test_code_lists_keep_their_printed_order(
    code: str, legend: tuple[tuple[int, str], ...]
) -> None:
    codes = FORM[code].codes
    assert codes is not None
    assert tuple((c.value, c.label) for c in codes) == legend


def test_codes_follow_the_contract() -> None:
    assert [FORM[c].printed_code for c in ("1.2.1", "1.2.2", "1.2.3", "1.2.4")] == [
        "1.1.1. ",
        "1.1.2. ",
        "1.1.3. ",
        "1.1.4. ",
    ]
    assert FORM["3.1.3.a"].printed_code == "Trong đó"
    assert FORM["3.1.3.b"].printed_code == ""
    assert FORM.children("3.1.3") == tuple(FORM[c] for c in ("3.1.3.a", "3.1.3.b", "3.1.3.c"))
    assert [i.code for i in FORM.children("7.1.6.1")] == ["7.1.6.1.a", "7.1.6.1.b", "7.1.6.1.c"]
    assert [i.code for i in FORM.children("7.1.6.2")] == ["7.1.6.2.a", "7.1.6.2.b"]
    assert [i.code for i in FORM.children("4.1.2")] == ["4.1.2.a", "4.1.2.b", "4.1.2.c"]


def test_names_are_cleaned_and_typos_corrected_for_display() -> None:
    assert FORM["1.1.2"].name == "Số nhiệm vụ đã hoàn thành"  # [bookmark: _GoBack] removed
    assert FORM["2.2"].name.endswith("thẩm quyển")
    assert FORM["2.2"].display_name.endswith("thẩm quyền")
    assert "tỉnh tỉnh" not in FORM["4.1.1"].display_name
    assert "đơn vị trực thuộc" in FORM["7.2.2.1"].display_name
    assert FORM["3.4.5"].name.endswith("(ở cả 3 cấp).")  # the blank line in the cell is gone
    assert FORM["7.1.2"].name.splitlines()[0] == "Xây dựng và vận hành Hệ thống họp trực tuyến"


def test_the_tree_of_sections() -> None:
    assert [i.code for i in FORM.roots] == ["1", "2", "3", "4", "5", "6", "7"]
    assert [i.code for i in FORM.ancestors("7.1.6.1.b")] == ["7.1.6.1", "7.1.6", "7.1", "7"]
    assert FORM["7.1.6.1.b"].depth == 5
    assert all(FORM[c].parent == "1.2" for c in ("1.2.1", "1.2.2", "1.2.3", "1.2.4"))
    assert sum(1 for _ in FORM.descendants("1")) == 17


def test_applicability_by_reporter() -> None:
    dept, district, central = (
        cchc.model.ReporterKind.DEPARTMENT,
        cchc.model.ReporterKind.DISTRICT,
        cchc.model.ReporterKind.CENTRAL,
    )
    department_only = ["3.4.1", "4.1.1", "4.1.2.a", "5.3.2", "5.3.3", "7.1.6.1.a"]
    district_only = ["1.2.2", "3.4.2", "3.4.3", "3.1.3.b", "3.1.3.c", "4.1.2.b", "5.2.3"]
    district_only += ["5.3.4", "7.1.6.1.b", "7.1.6.1.c"]
    assert all(
        FORM[c].applies_to(dept) and not FORM[c].applies_to(district) for c in department_only
    )
    assert all(FORM[c].applies_to(district) and not FORM[c].applies_to(dept) for c in district_only)
    sections_4_5 = [i for i in FORM if i.code.split(".")[0] in {"4", "5"}]
    assert sections_4_5 and not any(i.applies_to(central) for i in sections_4_5)
    assert FORM["6.1"].applies_to(central) and FORM["3.4.1"].applies_to(central)
    # Named departments: 3.4.4 for Sở Tài nguyên và Môi trường, 3.4.5 for Sở Xây dựng.
    assert FORM["3.4.4"].applies_to(dept, "Sở Tài nguyên – Môi trường")
    assert FORM["3.4.4"].applies_to(dept, "Sở Tài nguyên và Môi trường")
    assert not FORM["3.4.4"].applies_to(dept, "Sở Nội vụ")
    assert FORM["3.4.5"].applies_to(dept, "Sở Xây dựng") and FORM["3.4.5"].applies_to(district)
    assert FORM["3.4.2"].note == "UBND cấp huyện báo cáo"


def test_model_objects_are_immutable_and_hashable() -> None:
    indicator = FORM["1.1.2"]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        indicator.name = "x"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        FORM.id = "x"  # type: ignore[misc]
    assert {indicator, FORM["1.1.2"]} == {indicator}
    assert hash(FORM) == hash(cchc.load_form("phu-luc-2b@2021"))
    assert len(set(FORM)) == 143
    assert pickle.loads(pickle.dumps(indicator)) == indicator
    changed = attrs.evolve(indicator, display_name="Số nhiệm vụ hoàn thành")
    assert changed != indicator and indicator.display_name == "Số nhiệm vụ đã hoàn thành"


def test_lookup() -> None:
    assert "1.1.2" in FORM and "9.9" not in FORM and 1 not in FORM
    assert FORM.get("9.9") is None
    with pytest.raises(cchc.errors.UnknownIndicatorError) as caught:
        FORM["9.9"]
    assert isinstance(caught.value, KeyError)
    assert caught.value.code == "9.9"
    assert "unknown indicator code '9.9'" in str(caught.value)
