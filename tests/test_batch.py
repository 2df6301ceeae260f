"""The batch engine: rules as SQL on DuckDB, the CLI's ``--engine duckdb``, ``--format csv``."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest

import cchc
from cchc.batch import Batch, check_many
from cchc.cli import main
from cchc.errors import UsageError
from cchc.rules import rule

pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")


def _key(found: object) -> list[tuple[int, str, tuple[str, ...], str]]:
    return [
        (f.report, f.finding.rule, f.finding.indicators, f.finding.outcome.value)
        for f in found  # type: ignore[attr-defined]
    ]


def test_sql_is_inspectable() -> None:
    text = cchc.RuleSet.for_form(cchc.load_form()).sql()
    assert "v_1_1_2 <= v_1_1_1" in text and "UNION ALL" in text
    agrees = cchc.RuleSet.for_form(cchc.load_form()).select("R14").sql()
    assert "CASE WHEN" in agrees and "DOUBLE" not in agrees and "/" not in agrees


def test_values_beyond_sql_are_checked_per_report() -> None:
    seed = cchc.example_report()
    huge = seed.with_value("1.1.1", 10**20).with_value("3.3.3", Decimal("12.123456"))
    wide = seed.with_value("1.1.2", 10**15)  # fits BIGINT, not the 14 digits SQL is given
    fine = seed.with_value("3.3.3", Decimal("12.3400"))
    reports = [seed, huge, wide, fine]
    batch = Batch.from_reports(reports)
    assert batch.fallback == [1, 2]
    assert _key(batch.check()) == _key(check_many(reports, engine="python"))
    assert Batch.from_reports([seed, fine]).fallback == []


def test_explain_false_keeps_the_identity() -> None:
    report = cchc.example_report()
    plain = check_many([report], explain=False)
    full = check_many([report])
    assert _key(plain) == _key(full)
    assert all(f.finding.message == "" for f in plain if not f.finding.is_reading)


def test_custom_rules_with_a_division() -> None:
    mine = [
        rule("half", "{1.1.2} / {1.1.1} * 2 >= 1"),
        rule("whole", "whole({7.2.5.1} / 2)", severity="warning"),
        rule("agree", "agrees({3.3.3}, coalesce({7.2.3.2} / {3.1.3}, 0) * 100)"),
    ]
    reports = [cchc.example_report(), cchc.example_report().with_value("1.1.1", 0)]
    assert _key(check_many(reports, rules=mine)) == _key(
        check_many(reports, rules=mine, engine="python")
    )


def test_functions_over_divisions() -> None:
    mine = [
        rule("sum", "sum({1.1.2} / {1.1.1}, 1, {1.3.2} / {1.3.1}) > 3"),
        rule("max", "max({1.1.2} / {1.1.1}, {1.3.2} / {1.3.3}) <= 1 / 2"),
        rule("min", "min({1.1.2} / {1.1.1}, {1.3.1}) < 0"),
    ]
    seed = cchc.example_report()
    # A blank divisor: the division has no value, also inside sum/min/max.
    reports = [seed, seed.with_value("1.3.3", 7), seed.without("1.1.1", "1.3.3")]
    assert _key(check_many(reports, rules=mine)) == _key(
        check_many(reports, rules=mine, engine="python")
    )


def test_engine_errors() -> None:
    with pytest.raises(UsageError, match="unknown engine"):
        check_many([cchc.example_report()], engine="spark")
    assert check_many([]) == ()


def _files(tmp_path: Path) -> list[str]:
    names = []
    seed = cchc.example_report()
    for n, kind in enumerate(("department", "district", "central", "province")):
        report = seed.evolve(reporter=cchc.Reporter(f"Đơn vị {n}", kind=kind))
        path = tmp_path / f"r{n}.json"
        path.write_text(cchc.dumps(report.with_value("1.1.2", 50 + n)), encoding="utf-8")
        names.append(str(path))
    return names


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_cli_engines_agree(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = _files(tmp_path)
    code_py, out_py = _cli(capsys, "check", "--format", "json", *files)
    code_db, out_db = _cli(capsys, "check", "--engine", "duckdb", "--format", "json", *files)
    assert code_py == code_db == 1

    def findings(text: str) -> list[tuple[str, str, tuple[str, ...], str]]:
        return [
            (r["file"], f["rule"], tuple(f["indicators"]), f["outcome"])
            for r in json.loads(text)["results"]
            for f in r["findings"]
        ]

    assert findings(out_py) == findings(out_db)
    assert main(["check", "--engine", "duckdb", "--all", *files]) == 2


def test_cli_check_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = _files(tmp_path)
    _, out = _cli(capsys, "check", "--format", "csv", *files)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["file"] for r in rows} == set(files)
    assert any(r["rule"] == "R1" and r["outcome"] == "fail" for r in rows)
    _, text = _cli(capsys, "check", "--engine", "duckdb", *files)
    assert "R1" in text


def test_a_table_in_duckdb(tmp_path: Path) -> None:
    import duckdb

    from cchc import tables

    seed = cchc.example_report().evolve(diagnostics=())
    reports = [
        seed.evolve(reporter=cchc.Reporter(f"Đơn vị {n}", kind=kind, id=f"u{n}"))
        for n, kind in enumerate(("department", "district", "central"))
    ]
    rows = cchc.records(reports)
    path = tmp_path / "all.csv"
    tables.write_csv(rows, path)
    expected = _key(check_many(reports))
    assert _key(check_many(f"'{path}'")) == expected
    assert _key(check_many(tables.to_arrow(rows))) == expected
    con = duckdb.connect()
    relation = con.sql(f"SELECT * FROM '{path}'")  # noqa: S608 - a temporary path
    batch = Batch.from_table(relation, connection=con)
    assert _key(batch.check()) == expected
    with pytest.raises(UsageError, match="duckdb engine"):
        check_many(f"'{path}'", engine="python")
    with pytest.raises(UsageError, match="cannot read"):
        check_many("no_such_table")


def test_a_table_that_does_not_fit(tmp_path: Path) -> None:
    from cchc import tables

    report = cchc.example_report().with_value("3.3.3", Decimal("12.123456"))
    with pytest.raises(UsageError, match="more than 4 decimals"):
        check_many(tables.to_arrow(cchc.records([report])))
    other = cchc.example_report().evolve(form=cchc.load_form(), diagnostics=())
    rows = [*cchc.records([other]), {**cchc.records([other])[0], "form": "khac"}]
    with pytest.raises(UsageError, match="2 forms or versions"):
        check_many(tables.to_arrow(rows))


def test_shares_of_the_query_find_what_one_query_finds() -> None:
    seed = cchc.example_report()
    reports = [
        seed.evolve(reporter=cchc.Reporter(f"Đơn vị {n}", kind=kind)).with_value("1.1.2", n)
        for n, kind in enumerate(("department", "district", "central", "province") * 3)
    ]
    batch = Batch.from_reports(reports)

    def pairs(table: object) -> list[tuple[int, int]]:
        columns = table.to_pydict()  # type: ignore[attr-defined]
        return sorted(zip(columns["report"], columns["check_index"], strict=True))

    one = pairs(batch.failure_table(parts=1))
    assert one == batch.failures() and one
    for parts in (2, 3, 1_000):
        assert pairs(batch.failure_table(parts=parts)) == one


def test_each_batch_keeps_its_own_table_until_it_is_dropped() -> None:
    import duckdb

    con = duckdb.connect()
    seed = cchc.example_report()
    first = Batch.from_reports([seed], connection=con)
    second = Batch.from_reports([seed, seed.with_value("1.1.2", 99)], connection=con)
    assert first.table != second.table
    assert len({r for r, _ in first.failures()}) == 1
    assert len({r for r, _ in second.failures()}) == 2
    table = first.table
    del first
    import gc

    gc.collect()
    names = {row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert table.rsplit(".", 1)[1] not in names
    assert second.table.rsplit(".", 1)[1] in names


def test_a_table_giving_a_row_twice_is_refused() -> None:
    from cchc import tables

    seed = cchc.example_report().evolve(diagnostics=())
    rows = cchc.records([seed])
    twice = [*rows, {**rows[0], "value": 999}]
    with pytest.raises(UsageError, match=r"row 1\.1\.1 of one report 2 times: Sở Nội vụ"):
        check_many(tables.to_arrow(twice))


def test_a_table_whose_reports_lack_a_row_the_rules_read() -> None:
    from cchc import tables

    seed = cchc.example_report().evolve(diagnostics=())
    short = seed.without("1.1.2", "3.3.3").evolve(reporter=cchc.Reporter("B", kind="district"))
    reports = [seed, short]

    def by_name(found: object) -> list[tuple[str, str, tuple[str, ...]]]:
        # The table numbers its reports in the order of their keys: "B" first.
        return sorted(
            (f.reporter.name, f.finding.rule, f.finding.indicators)
            for f in found  # type: ignore[attr-defined]
        )

    expected = by_name(check_many(reports))
    assert by_name(check_many(tables.to_arrow(cchc.records(reports)))) == expected


def test_a_connection_inside_a_transaction() -> None:
    import duckdb

    con = duckdb.connect()
    con.execute("BEGIN TRANSACTION")
    reports = [cchc.example_report(), cchc.example_report().with_value("1.1.2", 99)]
    batch = Batch.from_reports(reports, connection=con)
    assert _key(batch.check()) == _key(check_many(reports, engine="python"))
    assert batch.failure_table(parts=2).num_rows == batch.failure_table().num_rows
    con.execute("COMMIT")


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"code": "9.9.9"}, r"9\.9\.9 is not a row of the form \(1 row\)"),
        ({"value": "abc"}, r"1\.1\.1 holds a text, but the row takes a number"),
        ({"value": Decimal("12.5")}, r"1\.1\.1 holds a number with decimals"),
    ],
)
def test_a_table_row_the_form_cannot_take_is_refused(change: dict[str, object], said: str) -> None:
    # Left out of the pivot, such a row would be dropped without a word.
    from cchc import tables

    rows = cchc.records([cchc.example_report().evolve(diagnostics=())])
    with pytest.raises(UsageError, match=said):
        check_many(tables.to_arrow([{**rows[0], **change}, *rows[1:]]), explain=False)
