"""The round's workbook as it prints: repeated headers, readable rule ids, shared ranks."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest

from cchc.examples import round_folder
from cchc.register import load_register
from cchc.round import Round
from cchc.round._outputs import round_xlsx, shared_places

FOLDER = round_folder()


@pytest.fixture(scope="module")
def book() -> openpyxl.Workbook:
    register = load_register(FOLDER / "units.toml")
    round_ = Round.build(register, "2021S1", files=[FOLDER / "reports"], workers=1)
    return openpyxl.load_workbook(io.BytesIO(round_xlsx(round_)))


@pytest.mark.parametrize(
    ("sheet", "titles"),
    [
        ("Biểu tổng hợp", "$4:$4"),
        ("Đơn vị × quy tắc", "$1:$1"),
        ("Chưa báo cáo", "$1:$1"),
        ("Giá trị loại trừ", "$1:$1"),
        ("Xếp hạng tỷ lệ", "$1:$1"),
    ],
)
def test_every_long_table_repeats_its_header_on_printed_pages(
    book: openpyxl.Workbook, sheet: str, titles: str
) -> None:
    assert book[sheet].print_title_rows == titles


def test_rule_ids_stand_rotated_in_a_row_tall_enough(book: openpyxl.Workbook) -> None:
    sheet = book["Đơn vị × quy tắc"]
    header = next(iter(sheet.iter_rows(min_row=1, max_row=1)))[1:]
    assert header
    assert all(cell.alignment.text_rotation == 90 for cell in header)
    longest = max(len(str(cell.value)) for cell in header)
    # About 6.5 points a character of 12 pt bold type: no rule id is cut or broken.
    assert sheet.row_dimensions[1].height >= 6.5 * longest


def test_equal_ratios_share_a_place_in_the_ranking(book: openpyxl.Workbook) -> None:
    rows = list(book["Xếp hạng tỷ lệ"].iter_rows(min_row=2, values_only=True))
    for (_, place, _, value), (_, before, _, earlier) in zip(rows[1:], rows, strict=False):
        if value is not None and value == earlier:
            assert place == before


def test_wrapped_cells_get_rows_tall_enough(book: openpyxl.Workbook) -> None:
    sheet = book["Biểu tổng hợp"]
    width = sheet.column_dimensions["E"].width
    for row in sheet.iter_rows(min_row=5):
        note = row[4].value
        if isinstance(note, str) and len(note) > 2 * width:
            assert (sheet.row_dimensions[row[0].row].height or 0) >= 3 * 15.75


def test_places_skip_after_a_tie() -> None:
    values = [Decimal(9), Decimal(9), Decimal(9), Decimal(2), None, None]
    assert shared_places([(i, v) for i, v in enumerate(values)]) == [1, 1, 1, 4, None, None]


def test_the_terminal_summary_wraps_at_words_within_the_width(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from cchc.cli import main
    from cchc.render import display_width

    monkeypatch.setenv("COLUMNS", "80")
    main(
        ["round", str(FOLDER / "reports"), "--units", str(FOLDER / "units.toml"),
         "--period", "2021S1", "--jobs", "1", "--no-progress"]
    )  # fmt: skip
    lines = capsys.readouterr().out.splitlines()
    too_long = [line for line in lines if display_width(line) > 80]
    # Only a path longer than the line may overflow, never a line of words.
    assert all(len(line.split()) <= 2 for line in too_long)
    continued = [line for line in lines if line.startswith("    ")]
    assert continued  # the per-unit lines are long: they wrap, under their text
    assert any("Sở Nội vụ" in line for line in lines)


def test_a_long_list_of_missing_units_is_not_cut_off_in_the_summary() -> None:
    import cchc
    from cchc.register import Register, ReportingUnit

    units = [ReportingUnit(f"x{i}", f"UBND xã Mới Số {i}", "commune") for i in range(80)]
    reporter = cchc.Reporter("UBND xã Mới Số 0", kind="commune")
    round_ = Round.build(
        Register(units, province="Tỉnh X"),
        "2021S1",
        reports=[cchc.example_report().evolve(reporter=reporter)],
    )
    sheet = openpyxl.load_workbook(io.BytesIO(round_xlsx(round_)))["Tổng quan"]
    paragraph = str(sheet["A16"].value)
    assert "UBND xã Mới Số 79" in paragraph
    (block,) = [r for r in sheet.merged_cells.ranges if r.coord.startswith("A16")]
    height = sum(
        sheet.row_dimensions[r].height or 15 for r in range(block.min_row, block.max_row + 1)
    )
    width = sum(sheet.column_dimensions[c].width for c in "ABCDEF")
    # Generously 1.3 characters a width unit: the block holds every line of the paragraph.
    assert height >= 15 * len(paragraph) / (1.3 * width)


def test_the_page_keeps_the_lines_of_a_coded_rows_unit() -> None:
    register = load_register(FOLDER / "units.toml")
    round_ = Round.build(register, "2021S1", files=[FOLDER / "reports"], workers=1)
    page = round_.html()
    # "Trực tuyến = 0 / Phát phiếu = 1 / Kết hợp = 2" stays a list, not one run-on line.
    assert "Trực tuyến = 0<br/>Phát phiếu = 1" in page
    assert "svg{max-width:100%" in page  # charts shrink to a narrow window
