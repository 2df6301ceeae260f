"""Tidy tables out: records, findings records, CSV/Arrow/Parquet, ``cchc convert`` of many files."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest

import cchc
from cchc import tables
from cchc.cli import main

duckdb = pytest.importorskip("duckdb")
pl = pytest.importorskip("polars")
pd = pytest.importorskip("pandas")


def _reports() -> list[cchc.Report]:
    seed = cchc.example_report()
    other = seed.evolve(reporter=cchc.Reporter("UBND huyện A", kind="district", id="h-a"))
    return [seed, other.with_value("3.3.3", Decimal("12.5"))]


def test_records_one_row_per_entry() -> None:
    reports = _reports()
    rows = cchc.records(reports)
    assert len(rows) == sum(len(r.entries) for r in reports)
    assert set(rows[0]) == set(tables.ENTRY_COLUMNS)
    district = [r for r in rows if r["reporter_id"] == "h-a"]
    assert {r["reporter_kind"] for r in district} == {"district"}
    assert next(r["value"] for r in district if r["code"] == "3.3.3") == Decimal("12.5")
    status = next(r for r in rows if r["code"] == "1.2")
    assert (status["value"], status["status"], status["raw"]) == (
        None,
        "not-yet-done",
        "Chưa kiểm tra",
    )


def test_csv_reads_alike_everywhere(tmp_path: Path) -> None:
    path = tmp_path / "all.csv"
    rows = cchc.records(_reports())
    tables.write_csv(rows, path)
    for frame in (pd.read_csv(path), pl.read_csv(path)):
        assert len(frame) == len(rows)
        assert list(frame.columns) == list(tables.TABLE_COLUMNS)
    relation = duckdb.sql(f"SELECT * FROM '{path}'")  # noqa: S608 - a temporary path
    assert relation.columns == list(tables.TABLE_COLUMNS)
    [(count, total)] = duckdb.sql(f"SELECT count(*), sum(value) FROM '{path}'").fetchall()  # noqa: S608 - a temporary path
    expected = sum(r["value"] for r in rows if isinstance(r["value"], int | Decimal))
    assert count == len(rows) and Decimal(str(total)) == expected


def test_arrow_is_exact() -> None:
    rows = cchc.records(_reports())
    table = tables.to_arrow(rows)
    values = table.column("value").to_pylist()
    assert Decimal("12.5") in values and table.num_rows == len(rows)
    assert tables.to_pandas(rows).shape[0] == len(rows)
    assert tables.to_polars(rows).height == len(rows)


def test_findings_records_of_both_engines() -> None:
    reports = _reports()
    single = cchc.findings_records([cchc.check(r) for r in reports])
    batch = cchc.findings_records(cchc.check_many(reports))
    assert single == batch
    assert set(single[0]) == set(tables.FINDING_COLUMNS)
    assert {r["report"] for r in single} == {0, 1}
    buffer = io.StringIO()
    tables.write_csv(single, buffer)
    assert buffer.getvalue().count("\n") == len(single) + 1


def test_convert_many_files_to_one_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = []
    for n, report in enumerate(_reports()):
        path = tmp_path / f"r{n}.json"
        path.write_text(cchc.dumps(report), encoding="utf-8")
        names.append(str(path))
    out = tmp_path / "all.csv"
    assert main(["convert", *names, "--to", "csv", "-o", str(out)]) == 0
    assert len(pl.read_csv(out)) == len(cchc.records(_reports()))
    parquet = tmp_path / "all.parquet"
    assert main(["convert", *names, "-o", str(parquet)]) == 0
    count = duckdb.sql(f"SELECT count(DISTINCT reporter_name) FROM '{parquet}'").fetchall()  # noqa: S608 - a temporary path
    assert count == [(2,)]
    assert main(["convert", *names, "--to", "json"]) == 2
    assert "long table" in capsys.readouterr().err
