"""Make the example province of the reporting-round tutorial (src/cchc/examples/round/).

A register of eleven units (one of which ended in 2020) and the files ten of them
sent for the first half of 2021, in every format units send: the Sở Nội vụ's
seed table as exported from Word (.txt), Word and Excel files, JSON and CSV.
The figures are the seed's, multiplied by a whole factor per unit (so that sums
still add up, and the files are the same at every run); rows that do not apply
to a unit's kind are left blank.

Run from the repository root: ``python docs/_tools/make_round_example.py``.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import cchc
from cchc.examples import EXAMPLE_NAME, example_resource
from cchc.io import write_file

ROOT = Path(__file__).resolve().parents[2] / "src" / "cchc" / "examples" / "round"

REGISTER = """\
schema = "cchc.units/1"
province = "Tỉnh Nghệ An"

[[unit]]
id = "snv"
name = "Sở Nội vụ"
kind = "department"

[[unit]]
id = "stp"
name = "Sở Tư pháp"
kind = "department"

[[unit]]
id = "stc"
name = "Sở Tài chính"
kind = "department"

[[unit]]
id = "sxd"
name = "Sở Xây dựng"
kind = "department"

[[unit]]
id = "stnmt"
name = "Sở Tài nguyên và Môi trường"
kind = "department"

[[unit]]
id = "ct"
name = "Cục Thuế tỉnh"
kind = "central"

[[unit]]
id = "h-nam-dan"
name = "UBND huyện Nam Đàn"
kind = "district"

[[unit]]
id = "h-do-luong"
name = "UBND huyện Đô Lương"
kind = "district"

[[unit]]
id = "h-ky-son"
name = "UBND huyện Kỳ Sơn"
kind = "district"

[[unit]]
id = "tx-cua-lo"
name = "UBND thị xã Cửa Lò"
kind = "district"

[[unit]]
id = "h-que-phong-cu"
name = "UBND huyện Quế Phong (cũ)"
kind = "district"
valid_until = "2020-12-31"
"""

# (file, name, kind, submitted, changes)
SENT: list[tuple[str, str, str, date | None, dict[str, object]]] = [
    ("so-tu-phap.docx", "Sở Tư pháp", "department", None, {}),
    ("so-tai-chinh.xlsx", "Sở Tài chính", "department", None, {}),
    ("so-xay-dung.json", "Sở Xây dựng", "department", date(2021, 6, 25), {"4.3.2": -10}),
    ("so-tn-mt.csv", "Sở Tài nguyên và Môi trường", "department", None, {}),
    ("cuc-thue.json", "Cục Thuế tỉnh", "central", date(2021, 6, 15), {}),
    ("nam-dan.json", "UBND huyện Nam Đàn", "district", date(2021, 6, 18), {}),
    ("do-luong.docx", "UBND huyện Đô Lương", "district", None, {}),
    ("cua-lo.xlsx", "UBND thị xã Cửa Lò", "district", None, {}),
    ("ban-dan-toc.json", "Ban Dân tộc", "department", date(2021, 6, 17), {}),
]


def _varied(seed: cchc.Report, name: str, kind: str, changes: dict[str, object]) -> cchc.Report:
    # A whole factor per unit keeps the seed's sums and part-of-whole relations true.
    factor = 1 + sum(name.encode("utf-8")) % 3
    reporter = cchc.Reporter(name, kind=kind)
    entries: dict[str, cchc.Entry] = {}
    for code, entry in seed.entries.items():
        indicator = seed.form[code]
        if indicator.kind.is_header or not indicator.applies_to(reporter.kind, name):
            continue
        value = entry.value
        if isinstance(value, int) and indicator.codes is None:
            value *= factor
        entries[code] = cchc.Entry(value=value, status=entry.status, note=entry.note)
    for code, value in changes.items():
        entries[code] = cchc.Entry(value=value)  # type: ignore[arg-type]
    return cchc.Report(form=seed.form, reporter=reporter, period=seed.period, entries=entries)


def main() -> None:
    """Write the register and the report files."""
    if ROOT.exists():
        shutil.rmtree(ROOT)
    reports = ROOT / "reports"
    reports.mkdir(parents=True)
    (ROOT / "units.toml").write_text(REGISTER, encoding="utf-8")
    shutil.copyfile(str(example_resource(EXAMPLE_NAME)), reports / "so-noi-vu.txt")
    seed = cchc.example_report()
    for file, name, kind, submitted, changes in SENT:
        report = _varied(seed, name, kind, changes).evolve(submitted=submitted)
        write_file(report, reports / file)
    # A correction sent a week later: it replaces the first file of the unit.
    first = cchc.read(reports / "nam-dan.json")
    planned = first["1.1.1"].value
    if not isinstance(planned, int):
        raise TypeError(planned)
    corrected = first.with_value("1.1.1", planned + 3).evolve(submitted=date(2021, 6, 19))
    write_file(corrected, reports / "nam-dan-bo-sung.json")


if __name__ == "__main__":
    main()
