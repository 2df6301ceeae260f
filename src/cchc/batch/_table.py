"""A long table of many reports, already in DuckDB, made into the batch engine's wide table.

Internal to :mod:`cchc.batch`.  The table has the columns of
:data:`cchc.tables.TABLE_COLUMNS` (what ``cchc convert … --to csv|parquet``
writes): one row per entry.  Only the report keys (form, reporter, period) come
to Python, to decide each report's applicability profile; the values are pivoted
by DuckDB.  The full reports are rebuilt from their rows only for those whose
failures are to be explained.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from cchc.batch._sql import MAX_DIGITS, MAX_SCALE, Column, _quote
from cchc.errors import CchcError, UsageError
from cchc.forms import load_form
from cchc.reports import Report, Reporter
from cchc.rules._checks import Policy
from cchc.rules._program import _static_types
from cchc.rules._ruleset import RuleSet
from cchc.rules._ruleset import _resolve as _ruleset
from cchc.values import Entry, Status

if TYPE_CHECKING:
    from cchc.batch import Batch
    from cchc.model import Form, RuleDeclaration

__all__ = ["load_table"]

_KEYS = ("form", "reporter_id", "reporter_name", "reporter_kind", "period")


def _source(con: Any, table: Any) -> str:
    """A view ``cchc_long`` over *table*; returns its name."""
    if isinstance(table, str):
        # The caller's own SQL, on the caller's own connection.
        con.execute(f"CREATE OR REPLACE TEMP VIEW cchc_long AS SELECT * FROM {table}")  # noqa: S608
    elif hasattr(table, "to_arrow_table") and not hasattr(table, "schema"):
        con.register("cchc_long", table.to_arrow_table())
    else:
        con.register("cchc_long", table)
    return "cchc_long"


# What each kind of wide-table column takes from a report's cells of one code, and
# what it holds when the report has no cell of that code.
_PIVOTED = {
    "n": ("max(num)", None),  # a number
    "x": ("max(text)", None),  # a text
    "s": ("max(status)", "''"),
    "f": ("bool_or(filled)", "FALSE"),
    "t": ("max(scale)", "1"),
}


def _part(col: Column, kind: str) -> str:
    """Which pivot (see _PIVOTED) gives the wide-table column *col* of a *kind* row."""
    if col.what == "v":
        return "x" if kind == "str" else "n"
    return col.what


def _wide_column(col: Column, kind: str) -> str:
    part = _part(col, kind)
    cell = f'p_{part}."{col.code}"'
    _, default = _PIVOTED[part]
    if col.what == "v" and kind == "int":
        cell = f"CAST({cell} AS BIGINT)"
    if default is not None:
        cell = f"COALESCE({cell}, {default})"
    return f"{cell} AS {col.name}"


def _decimals(name: str) -> str:
    cases = " ".join(f"WHEN {name} = ROUND({name}, {k}) THEN {10**k}" for k in range(MAX_SCALE))
    return f"CASE WHEN {name} IS NULL THEN 1 {cases} ELSE {10**MAX_SCALE} END"


def load_table(
    cls: type[Batch],
    table: Any,
    *,
    form: Form | None,
    options: Mapping[str, str] | Policy | None,
    rules: RuleSet | Iterable[str | RuleDeclaration] | None,
    max_points: Mapping[str, Decimal | int | str] | None,
    connection: Any,
) -> Batch:
    """A :class:`~cchc.batch.Batch` over the long *table* (see :meth:`Batch.from_table`)."""
    import duckdb  # noqa: PLC0415 - the batch extra

    con = connection if connection is not None else duckdb.connect()
    try:
        name = _source(con, table)
        as_text = ", ".join(f"CAST({k} AS VARCHAR) AS {k}" for k in _KEYS)
        keys = con.execute(
            f"SELECT DISTINCT {as_text} FROM {name} ORDER BY ALL"  # noqa: S608
        ).fetchall()
        limit = 10**MAX_DIGITS
        [(bad,)] = con.execute(
            f"SELECT count(*) FROM {name} WHERE value IS NOT NULL AND "  # noqa: S608
            f"(abs(value) >= {limit} OR value <> round(value, {MAX_SCALE}))"
        ).fetchall()
    except duckdb.Error as exc:
        msg = f"cannot read the table of reports: {str(exc).splitlines()[0]}"
        raise UsageError(msg) from None
    if bad:
        msg = (
            f"{bad} value(s) have more than {MAX_SCALE} decimals or {MAX_DIGITS} whole digits: "
            "check those reports with the per-report engine"
        )
        raise UsageError(msg)
    if not keys:
        msg = "check_many needs at least one report"
        raise UsageError(msg)
    if form is None:
        form = _form_of(con, name)
    _refuse_strays(con, name, form)
    # A reporter reports for many periods: one Reporter each; period ids are
    # parsed once each by Report itself.
    reporters: dict[tuple[Any, ...], Reporter] = {}
    try:
        shells = []
        for _, rid, rname, rkind, period in keys:
            reporter = reporters.get((rid, rname, rkind))
            if reporter is None:
                reporter = reporters[rid, rname, rkind] = Reporter(rname, kind=rkind, id=rid)
            shells.append(Report(form=form, reporter=reporter, period=period))
    except CchcError as exc:
        msg = f"a report key of the table is not usable: {exc}"
        raise UsageError(msg) from None
    ruleset = _ruleset(form, options, rules)
    batch = cls(shells, ruleset, max_points=max_points, connection=con, load=False)
    _pivot(batch, name, keys)
    batch._full_reports = lambda wanted: _full(batch, name, keys, wanted)
    return batch


def _form_of(con: Any, name: str) -> Form:
    """The one form (and version) the table's reports are on."""
    version = "CAST(form_version AS VARCHAR)" if "form_version" in _names(con, name) else "NULL"
    forms = con.execute(f"SELECT DISTINCT form, {version} FROM {name}").fetchall()  # noqa: S608
    if len(forms) != 1:
        msg = f"the table holds reports on {len(forms)} forms or versions: give form="
        raise UsageError(msg)
    [(form_id, form_version)] = forms
    try:
        return load_form(f"{form_id}@{form_version}" if form_version else form_id)
    except CchcError as exc:
        msg = f"the table's form is not usable: {exc}"
        raise UsageError(msg) from None


def _refuse_strays(con: Any, name: str, form: Form) -> None:
    """Refuse rows the form cannot take, rather than leave them out of the pivot unsaid:
    a code the form lacks, a text in a number's row, a number in a text's row, a
    count with decimals."""
    import pyarrow as pa  # noqa: PLC0415 - the batch extra

    type_of = _static_types(form)
    codes = [i.code for i in form]
    con.register(
        "cchc_rows",
        pa.table({"code": codes, "kind": [type_of(code) for code in codes]}),
    )
    try:
        found = con.execute(
            "SELECT CAST(e.code AS VARCHAR), CASE WHEN f.code IS NULL THEN 'unknown' "  # noqa: S608
            "WHEN e.text IS NOT NULL AND f.kind <> 'str' THEN 'text' "
            "WHEN e.value IS NOT NULL AND f.kind = 'str' THEN 'number' ELSE 'decimals' END, "
            f"count(*) FROM {name} AS e LEFT JOIN cchc_rows AS f "
            "ON CAST(e.code AS VARCHAR) = f.code WHERE f.code IS NULL "
            "OR (e.text IS NOT NULL AND f.kind <> 'str') "
            "OR (e.value IS NOT NULL AND f.kind = 'str') "
            "OR (e.value IS NOT NULL AND f.kind = 'int' AND e.value <> round(e.value)) "
            "GROUP BY ALL ORDER BY ALL LIMIT 5"
        ).fetchall()
    except Exception as exc:
        msg = f"cannot read the table of reports: {str(exc).splitlines()[0]}"
        raise UsageError(msg) from None
    finally:
        con.unregister("cchc_rows")
    if found:
        why = {
            "unknown": "is not a row of the form",
            "text": "holds a text, but the row takes a number",
            "number": "holds a number, but the row takes a text",
            "decimals": "holds a number with decimals, but the row takes a whole number",
        }
        listed = "; ".join(
            f"{code} {why[problem]} ({n} row{'s' if n > 1 else ''})" for code, problem, n in found
        )
        msg = f"the table holds rows form {form.id!r} cannot take: {listed}"
        raise UsageError(msg)


def _names(con: Any, name: str) -> list[str]:
    return [row[0] for row in con.execute(f"DESCRIBE {name}").fetchall()]


def _pivot(batch: Batch, name: str, keys: Sequence[tuple[Any, ...]]) -> None:
    """Make the batch's wide table from the long table *name*, all in DuckDB.

    Each cell is given its report's number by a join with the report keys (no
    sort); then one ``PIVOT`` per kind of column (numbers, texts, statuses,
    "filled", decimals), each over the codes whose columns the rules read,
    joined on the report.
    """
    import pyarrow as pa  # noqa: PLC0415 - the batch extra

    con = batch.connection
    meta = pa.table(
        {
            "report": pa.array(range(len(keys)), pa.int32()),
            **{k: pa.array([row[n] for row in keys], pa.string()) for n, k in enumerate(_KEYS)},
            "profile": pa.array([batch.profile_ids[p] for p in batch.profiles], pa.int32()),
            "period_kind": pa.array([r.period.kind.value for r in batch.reports], pa.string()),
            "own_report": pa.array([r.period.has_own_report for r in batch.reports], pa.bool_()),
        }
    )
    con.register("cchc_meta", meta)
    wanted: dict[str, Column] = {}
    for compiled in batch.compiled.values():
        for col in compiled.columns:
            wanted.setdefault(col.name, col)
    type_of = _static_types(batch.ruleset.form)
    by_part: dict[str, list[str]] = {}
    for col in wanted.values():
        by_part.setdefault(_part(col, type_of(col.code)), []).append(col.code)
    # The decimals a value was written with: the table's own column, or else those
    # of the number (85.70 then reads as 85.7).
    if "decimals" in _names(con, name):
        scale = "COALESCE(CAST(pow(10, e.decimals) AS BIGINT), 1)"
    else:
        scale = _decimals("CAST(e.value AS DECIMAL(18,4))")
    same = " AND ".join(f"CAST(e.{k} AS VARCHAR) IS NOT DISTINCT FROM m.{k}" for k in _KEYS)
    filled = (
        "e.value IS NOT NULL OR e.text IS NOT NULL OR e.status IS NOT NULL OR trim(e.raw) <> ''"
    )
    joins = "".join(
        f"\nLEFT JOIN (PIVOT cchc_cells ON code IN ({', '.join(map(_quote, codes))}) "
        f"USING {_PIVOTED[part][0]} GROUP BY report) AS p_{part} USING (report)"
        for part, codes in by_part.items()
    )
    columns = "".join(f",\n    {_wide_column(c, type_of(c.code))}" for c in wanted.values())
    present = set(_names(con, name))
    read = ("code", "value", "decimals", "text", "status", "note", "raw")
    kept = ", ".join(f"e.{c}" for c in read if c in present)
    try:
        con.execute(
            # The cells without their report's keys (five texts repeated on every row):
            # what the pivot and the explanations (_full) read.
            f"CREATE OR REPLACE TEMP TABLE cchc_cells AS SELECT m.report, {kept}, "  # noqa: S608
            f"CAST(e.value AS DECIMAL(18,{MAX_SCALE})) AS num, "
            f"COALESCE({filled}, FALSE) AS filled, {scale} AS scale "
            f"FROM {name} AS e JOIN cchc_meta AS m ON {same}"
        )
        _refuse_twice(con, keys)
        con.execute(
            f"CREATE TABLE {batch.table} AS "
            f"SELECT report, m.profile, m.period_kind, m.own_report{columns}\n"
            f"FROM cchc_meta AS m{joins}"
        )
    except UsageError:
        raise
    except Exception as exc:
        msg = f"cannot pivot the table of reports: {str(exc).splitlines()[0]}"
        raise UsageError(msg) from None
    finally:
        con.unregister("cchc_meta")


def _refuse_twice(con: Any, keys: Sequence[tuple[Any, ...]]) -> None:
    """Refuse a table that gives one report's row twice: which one would count?"""
    found = con.execute(
        "SELECT report, code, count(*) FROM cchc_cells GROUP BY report, code "
        "HAVING count(*) > 1 ORDER BY report, code LIMIT 1"
    ).fetchall()
    if found:
        [(report, code, times)] = found
        _, rid, rname, rkind, period = keys[report]
        who = f"{rname} ({rkind}{', ' + rid if rid else ''}), {period}"
        msg = f"the table gives row {code} of one report {times} times: {who}"
        raise UsageError(msg)


def _value(report_form: Form, code: str, value: Any, text: Any, places: Any) -> Any:
    if text is not None:
        return text
    if value is None:
        return None
    number = Decimal(str(value))
    if places is not None:
        return number.quantize(Decimal(1).scaleb(-int(places)))
    indicator = report_form.get(code)
    whole = number == number.to_integral_value()
    if indicator is not None and (indicator.is_count or indicator.codes is not None):
        return int(number) if whole else number
    if whole and indicator is not None and indicator.kind.is_header:
        return int(number)
    return Decimal(int(number)) if whole else number


def _full(
    batch: Batch, name: str, keys: Sequence[tuple[Any, ...]], wanted: Sequence[int]
) -> dict[int, Report]:
    """The reports *wanted*, rebuilt from their rows, for their explanations."""
    if not wanted:
        return {}
    import pyarrow as pa  # noqa: PLC0415 - the batch extra

    con = batch.connection
    picked = pa.table({"report": pa.array(wanted, pa.int32())})
    con.register("cchc_wanted", picked)
    decimals = "l.decimals" if "decimals" in _names(con, name) else "NULL"
    rows = con.execute(
        f"SELECT l.report, l.code, l.value, {decimals}, l.text, l.status, l.note, l.raw "  # noqa: S608
        "FROM cchc_cells AS l JOIN cchc_wanted AS m ON l.report = m.report"
    ).fetchall()
    con.unregister("cchc_wanted")
    entries: dict[int, dict[str, Entry]] = {n: {} for n in wanted}
    form = batch.ruleset.form
    for n, code, value, places, text, status, note, raw in rows:
        entries[n][code] = Entry(
            value=_value(form, code, value, text, places),
            status=Status(status) if status else None,
            note=note,
            raw=raw,
        )
    return {n: batch.reports[n].evolve(entries=entries[n]) for n in wanted}
