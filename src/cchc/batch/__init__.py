"""The batch engine: the rules of a form compiled to SQL and run on DuckDB over many reports.

The per-report engine (:func:`cchc.check`) runs compiled Python over one report at
a time; the batch engine compiles the **same** checks — declared and derived, made
concrete per kind of reporter — to one SQL query and runs it on DuckDB over a
table of many reports.  Both give the same findings (rule, reporter, period,
indicators, outcome); a property test holds them to it.  Messages are written
afterwards, by the per-report explainer, for the failures only.

DuckDB and pyarrow are imported only here, when the batch path is used
(``pip install 'cchc[duckdb]'``)::

    >>> import cchc
    >>> found = cchc.check_many([cchc.example_report()], engine="duckdb")
    >>> sorted({f.finding.rule for f in found if not f.finding.is_reading})
    ['R15', 'R24', 'R26', 'R27', 'R31', 'R40', 'R6']

:class:`Batch` keeps the loaded table and the connection, for checking again or
timing the query alone; :meth:`cchc.rules.RuleSet.sql` shows the generated SQL.
"""

from __future__ import annotations

import functools
import itertools
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from cchc.batch._sql import (
    MAX_DIGITS,
    MAX_SCALE,
    Column,
    SqlStep,
    Unsupported,
    fail_predicate,
    split_groups,
    union_failures,
)
from cchc.errors import UsageError
from cchc.findings import Finding, Outcome
from cchc.periods import Period
from cchc.reports import Report, Reporter
from cchc.rules._checks import Policy
from cchc.rules._program import NO_POINTS, _static_types
from cchc.rules._program import Program as _Program
from cchc.rules._program import checked_points as _max_points
from cchc.rules._ruleset import RuleSet
from cchc.rules._ruleset import _resolve as _ruleset

if TYPE_CHECKING:
    from cchc.model import Form, RuleDeclaration

__all__ = [
    "DATABASE",
    "PARALLEL_FROM",
    "Batch",
    "ManyResult",
    "ReportFinding",
    "check_many",
    "results",
    "sql",
]

ENGINES = ("duckdb", "python")
"""The engines :func:`check_many` runs: the batch engine and the per-report one."""

# A rule failure that the reader already reported for the same row is not repeated
# (as cchc.rules.result does for one report).
_READ_ALREADY = {"F4": frozenset({"read.value-on-header"})}
_LIMIT = 10**MAX_DIGITS
DATABASE = "cchc_batch"
"""The in-memory database, attached to the connection, that holds the batches' wide tables."""
PARALLEL_FROM = 20_000
"""From this many reports on, DuckDB's threads share the checks (:meth:`Batch.failure_table`)."""
_tables = itertools.count(1)


def _new_table(connection: Any) -> str:
    # Not a TEMP table: those are seen by their own connection only, and the shares
    # of the query run on cursors of the same database (Batch.failure_table).
    connection.execute(f"ATTACH IF NOT EXISTS ':memory:' AS {DATABASE}")
    return f"{DATABASE}.w{next(_tables)}"


def _release(connection: Any, table: str, cursors: dict[int, list[Any]]) -> None:
    """Close the batch's cursors and drop its table (when the batch is dropped)."""
    try:
        for prepared in cursors.values():
            for cursor in prepared:
                cursor.close()
        connection.execute(f"DROP TABLE IF EXISTS {table}")
    except Exception:  # noqa: S110 - the connection may be closed already; nothing to free
        pass


@attrs.frozen
class ReportFinding:
    """A finding of one report among many.

    Attributes:
        report: the report's position in the input (0-based).
        reporter: who reported.
        period: the period reported on.
        finding: the finding (a reading diagnostic or a rule finding).
        form: the form's id.
    """

    report: int
    reporter: Reporter
    period: Period
    finding: Finding
    form: str = attrs.field(default="", kw_only=True)


def _found(n: int, report: Report, finding: Finding) -> ReportFinding:
    return ReportFinding(n, report.reporter, report.period, finding, form=report.form.id)


# -- the SQL of a rule set ---------------------------------------------------------------------


@attrs.frozen
class _Compiled:
    program: _Program
    predicates: tuple[tuple[int, str], ...]
    columns: tuple[Column, ...]


def _steps(program: _Program) -> list[SqlStep]:
    steps = []
    for index in program.active:
        instance = program.instances[index]
        assert instance.test is not None  # noqa: S101 - active checks have a test
        steps.append(SqlStep(index, instance.test, instance.when, instance.check.missing))
    return steps


def _compile(ruleset: RuleSet, program: _Program, points: Mapping[str, Decimal]) -> _Compiled:
    cache: dict[Any, _Compiled] = ruleset.__dict__.setdefault("_sql_cache", {})
    key = (id(program), tuple(sorted(points.items())))
    found = cache.get(key)
    if found is not None and found.program is program:
        return found
    type_of = _static_types(ruleset.form)
    columns: dict[tuple[str, str], Column] = {}
    predicates = []
    for step in _steps(program):
        try:
            predicates.append((step.index, fail_predicate(step, type_of, points, columns)))
        except Unsupported as exc:
            rule = program.instances[step.index].check.rule
            msg = f"rule {rule!r} cannot run on the batch engine: {exc} is not supported"
            raise UsageError(msg) from None
    compiled = _Compiled(program, tuple(predicates), tuple(columns.values()))
    cache[key] = compiled
    return compiled


def sql(
    ruleset: RuleSet,
    reporter: Reporter | None = None,
    *,
    max_points: Mapping[str, Decimal | int | str] | None = None,
) -> str:
    """The SQL the batch engine runs for reports of *reporter*'s kind (default: a department).

    It reads the wide table ``w`` (one row per report, a column per value) and
    gives ``(report, check_index)`` for every failed check.
    """
    from cchc.model import ReporterKind  # noqa: PLC0415 - a leaf import for the default

    reporter = reporter or Reporter("?", ReporterKind.DEPARTMENT)
    points = _max_points(ruleset.form, max_points) if max_points else {}
    compiled = _compile(ruleset, ruleset._program(reporter), points)  # noqa: SLF001 - the same programs as check()
    return union_failures({(i, p): [0] for i, p in compiled.predicates}, 1)


# -- loading reports into DuckDB ----------------------------------------------------------------


def _fits(value: object) -> bool:
    """Whether SQL holds *value* exactly (see cchc.batch._sql)."""
    if isinstance(value, int):
        return bool(-_LIMIT < value < _LIMIT)
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        return bool(
            isinstance(exponent, int) and exponent >= -MAX_SCALE and -_LIMIT < value < _LIMIT
        )
    return isinstance(value, str)


def _decimals_scale(value: object) -> int:
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and exponent < 0:
            return int(10 ** (-exponent))
    return 1


def _usable(report: Report, read: frozenset[str]) -> bool:
    """Whether SQL holds exactly every value of *report* that the rules *read*."""
    return all(
        _fits(e.value) for code, e in report.entries.items() if e.value is not None and code in read
    )


class _Unfit(Exception):  # noqa: N818 - internal signal, never shown
    """A value the rules read that SQL does not hold exactly (see :meth:`Batch._load`)."""


def _filled(entry: Any) -> bool:
    return (
        entry.value is not None or entry.status is not None or bool(entry.raw and entry.raw.strip())
    )


class Batch:
    """Many reports of one form loaded into DuckDB, ready to be checked.

    Build one with :meth:`from_reports`; :meth:`check` runs the rules' SQL.  The
    wide table (one row per report, named by :attr:`table`) stays in
    :attr:`connection` for inspection, until the batch is dropped.

    Reports holding a value the rules read that SQL cannot hold exactly (more
    than 4 decimals, 14 whole digits or more) are checked by the per-report
    engine instead, so the findings are the same either way.
    """

    def __init__(
        self,
        reports: Sequence[Report],
        ruleset: RuleSet,
        *,
        max_points: Mapping[str, Decimal | int | str] | None = None,
        connection: Any = None,
        load: bool = True,
    ) -> None:
        import duckdb  # noqa: PLC0415 - the batch extra, imported only when used

        self.reports = tuple(reports)
        self.ruleset = ruleset
        self.points: Mapping[str, Decimal] = (
            _max_points(ruleset.form, max_points) if max_points else NO_POINTS
        )
        self.connection = connection if connection is not None else duckdb.connect()
        self.table = _new_table(self.connection)
        """The wide table's name (``cchc_batch.w1``): a row per report, a column per value read."""
        # Per number of parts: a cursor per part with its query prepared on it.
        self._prepared: dict[int, list[Any]] = {}
        self._plain_findings: dict[tuple[int, int], Finding] = {}
        self._cursors_blind = False
        weakref.finalize(self, _release, self.connection, self.table, self._prepared)
        form = ruleset.form
        for report in self.reports:
            if report.form is not form and report.form != form:
                msg = f"the report is on form {report.form.id!r}, the rules on {form.id!r}"
                raise UsageError(msg)
        # One program per kind of applicability; reporters share them.
        programs: dict[int, _Program] = {}
        self.profiles: list[int] = []
        for report in self.reports:
            program = ruleset._program(report.reporter)  # noqa: SLF001 - the same programs as check()
            programs.setdefault(id(program), program)
            self.profiles.append(id(program))
        self.programs = programs
        self.compiled = {p: _compile(ruleset, prog, self.points) for p, prog in programs.items()}
        self.fallback: list[int] = []
        self.profile_ids: dict[int, int] = {p: n for n, p in enumerate(self.compiled)}
        # Set for a batch read from a table: builds the full reports whose
        # failures are to be explained (see cchc.batch._table).
        self._full_reports: Callable[[Sequence[int]], Mapping[int, Report]] | None = None
        if load:
            self._load()

    @classmethod
    def from_table(
        cls,
        table: Any,
        *,
        form: Form | None = None,
        options: Mapping[str, str] | Policy | None = None,
        rules: RuleSet | Iterable[str | RuleDeclaration] | None = None,
        max_points: Mapping[str, Decimal | int | str] | None = None,
        connection: Any = None,
    ) -> Batch:
        """Load a long table of many reports (the columns of :data:`cchc.tables.TABLE_COLUMNS`).

        *table* is a DuckDB relation, a ``pyarrow.Table``, or SQL naming a table
        of *connection* (``"entries"``, ``"read_parquet('all/*.parquet')"``,
        ``"'all.csv'"``); the rows stay in DuckDB, which pivots them into the wide table.
        Reports are told apart by form, reporter id, name and kind, and period.
        """
        from cchc.batch._table import load_table  # noqa: PLC0415

        return load_table(
            cls,
            table,
            form=form,
            options=options,
            rules=rules,
            max_points=max_points,
            connection=connection,
        )

    @classmethod
    def from_reports(
        cls,
        reports: Iterable[Report],
        *,
        options: Mapping[str, str] | Policy | None = None,
        rules: RuleSet | Iterable[str | RuleDeclaration] | None = None,
        max_points: Mapping[str, Decimal | int | str] | None = None,
        connection: Any = None,
    ) -> Batch:
        """Load *reports* (all on one form) into DuckDB; rules as :func:`cchc.check` picks them."""
        items = list(reports)
        if not items:
            msg = "check_many needs at least one report"
            raise UsageError(msg)
        ruleset = _ruleset(items[0].form, options, rules)
        return cls(items, ruleset, max_points=max_points, connection=connection)

    def _load(self) -> None:
        wanted: dict[str, Column] = {}
        for compiled in self.compiled.values():
            for col in compiled.columns:
                wanted.setdefault(col.name, col)
        everyone = list(range(len(self.reports)))
        try:
            # Most batches hold only values SQL holds exactly: the table is made at
            # once, and Arrow tells (a lossy cast fails, a column's bounds are read).
            table = self._wide(everyone, wanted, strict=True)
            self.fallback = []
        except _Unfit:
            read = frozenset(col.code for col in wanted.values())
            usable = [n for n in everyone if _usable(self.reports[n], read)]
            self.fallback = sorted(set(everyone) - set(usable))
            table = self._wide(usable, wanted, strict=False)
        con = self.connection
        con.register("cchc_wide_input", table)
        con.execute(f"CREATE TABLE {self.table} AS SELECT * FROM cchc_wide_input")  # noqa: S608 - our own name
        con.unregister("cchc_wide_input")

    def _wide(self, usable: list[int], wanted: Mapping[str, Column], *, strict: bool) -> Any:
        """The wide table of the reports *usable*, as a ``pyarrow.Table``.

        Raises:
            _Unfit: with *strict*, a value read does not fit SQL's types exactly.
        """
        import pyarrow as pa  # noqa: PLC0415 - the batch extra
        import pyarrow.compute as pc  # noqa: PLC0415

        type_of = _static_types(self.ruleset.form)
        size = len(usable)
        defaults = {"v": None, "s": "", "f": False, "t": 1}
        # Columns made whole at their default, then only the entries a report has are
        # written: a report holds fewer entries than the rules read columns.
        data: dict[str, list[Any]] = {name: [defaults[c.what]] * size for name, c in wanted.items()}
        by_code: dict[str, list[tuple[str, list[Any]]]] = {}
        for name, col in wanted.items():
            by_code.setdefault(col.code, []).append((col.what, data[name]))
        profile_ids = self.profile_ids
        rows = usable
        profiles = [profile_ids[self.profiles[n]] for n in usable]
        kinds = [self.reports[n].period.kind.value for n in usable]
        owns = [self.reports[n].period.has_own_report for n in usable]
        targets_of = by_code.get
        for row, n in enumerate(usable):
            for code, entry in self.reports[n].entries.items():
                targets = targets_of(code)
                if targets is None:
                    continue
                for what, target in targets:
                    if what == "v":
                        target[row] = entry.value
                    elif what == "s":
                        target[row] = entry.status.value if entry.status is not None else ""
                    elif what == "f":
                        target[row] = _filled(entry)
                    else:
                        target[row] = _decimals_scale(entry.value)
        arrays: dict[str, Any] = {
            "report": pa.array(rows, pa.int32()),
            "profile": pa.array(profiles, pa.int32()),
            "period_kind": pa.array(kinds, pa.string()),
            "own_report": pa.array(owns, pa.bool_()),
        }
        for name, col in wanted.items():
            values = data[name]
            try:
                if col.what == "v":
                    kind = type_of(col.code)
                    if kind == "int":
                        arrays[name] = pa.array(values, pa.int64())
                        low, high = pc.min_max(arrays[name]).as_py().values()
                        if strict and low is not None and not -_LIMIT < low <= high < _LIMIT:
                            raise _Unfit
                    elif kind == "str":
                        arrays[name] = pa.array(values, pa.string())
                    else:
                        # Through text, which Arrow's cast reads exactly, far quicker than
                        # a Python Decimal each; it fails on a lost decimal or an overflow.
                        text = [None if v is None else str(v) for v in values]
                        decimal = pa.decimal128(18, MAX_SCALE)
                        arrays[name] = pa.array(text, pa.string()).cast(decimal)
                elif col.what == "s":
                    arrays[name] = pa.array(values, pa.string())
                elif col.what == "f":
                    arrays[name] = pa.array(values, pa.bool_())
                else:
                    arrays[name] = pa.array(values, pa.int64())
            except (OverflowError, pa.ArrowException):
                raise _Unfit from None
        return pa.table(arrays)

    def _groups(self) -> dict[tuple[int, str], list[int]]:
        groups: dict[tuple[int, str], list[int]] = {}
        for profile, n in self.profile_ids.items():
            for index, predicate in self.compiled[profile].predicates:
                groups.setdefault((index, predicate), []).append(n)
        return groups

    def query(self) -> str:
        """The SQL run over the wide table (:attr:`table`): one filter per check, in one query.

        A check made alike for several kinds of reporter is scanned once, for
        all of them (``profile IN (…)``); a filter per check lets DuckDB skip
        whole vectors of clean rows, which a row-wise list of outcomes could not.
        """
        return union_failures(self._groups(), len(self.profile_ids), self.table)

    def failure_table(self, *, parts: int | None = None) -> Any:
        """Every failed check as a ``pyarrow.Table`` of ``report`` and ``check_index``.

        The rows come grouped by check, in no promised order.  The queries are
        prepared once per batch: checking again costs the scans only.

        Args:
            parts: how many queries share the checks and run at once, each on
                its own cursor of :attr:`connection` (DuckDB runs one scan of a
                small table on one thread).  By default, DuckDB's ``threads``
                setting from :data:`PARALLEL_FROM` reports on, else one.
        """
        import duckdb  # noqa: PLC0415 - the batch extra
        import pyarrow as pa  # noqa: PLC0415 - the batch extra

        if self._cursors_blind:
            return self.connection.sql(self.query()).to_arrow_table()
        if parts is None:
            parts = self._threads() if len(self.reports) >= PARALLEL_FROM else 1
        cursors = self._prepared.get(parts)
        queries: list[str | None]
        if cursors is None:
            shares = split_groups(self._groups(), parts) or [{}]
            queries = [union_failures(s, len(self.profile_ids), self.table) for s in shares]
            cursors = [self.connection.cursor() for _ in queries]
        else:
            queries = [None] * len(cursors)  # prepared already
        try:
            if len(cursors) == 1:
                tables = [_run(cursors[0], queries[0])]
            else:
                from concurrent.futures import ThreadPoolExecutor  # noqa: PLC0415 - large only

                with ThreadPoolExecutor(len(cursors)) as pool:
                    tables = list(pool.map(_run, cursors, queries))
        except duckdb.CatalogException:
            # The caller's connection is inside a transaction: the table it made is not
            # yet seen by other cursors.  The query runs there, whole, from now on.
            for cursor in cursors:
                cursor.close()
            self._cursors_blind = True
            return self.connection.sql(self.query()).to_arrow_table()
        self._prepared[parts] = cursors
        return tables[0] if len(tables) == 1 else pa.concat_tables(tables)

    def _threads(self) -> int:
        [(threads,)] = self.connection.execute("SELECT current_setting('threads')").fetchall()
        return max(int(threads), 1)

    def failures(self) -> list[tuple[int, int]]:
        """``(report, check_index)`` of every failed check found by SQL, in that order."""
        rows, checks = self._columns()
        return sorted(zip(rows, checks, strict=True))

    def _columns(self) -> tuple[list[int], list[int]]:
        # Through Arrow: two columns of ints cost less than a Python tuple per row.
        table = self.failure_table()
        return table.column(0).to_pylist(), table.column(1).to_pylist()

    def check(self, *, explain: bool = True) -> tuple[ReportFinding, ...]:
        """Run the rules; every finding that asks for attention, report by report.

        Args:
            explain: write each failure's message (values on each side, in
                Vietnamese and English) as :func:`cchc.check` does; without it,
                findings carry the rule, outcome, severity and indicators only.
        """
        failed: dict[int, list[int]] = {}
        for row, index in zip(*self._columns(), strict=True):
            failed.setdefault(row, []).append(index)
        out: list[ReportFinding] = []
        fallback = set(self.fallback)
        full: Mapping[int, Report] = {}
        if explain and self._full_reports is not None:
            full = self._full_reports(sorted(failed))
        for n, report in enumerate(self.reports):
            report = full.get(n, report)  # noqa: PLW2901 - the full report, where one was read
            if n in fallback:
                found = self.ruleset.check(report, max_points=self.points or None).findings
                out.extend(_found(n, report, f) for f in found)
                continue
            program = self.programs[self.profiles[n]]
            wanted = sorted((*failed.get(n, ()), *program.static_errors))
            out.extend(self._findings(n, report, program, wanted, explain))
        return tuple(out)

    def _findings(
        self, n: int, report: Report, program: _Program, wanted: list[int], explain: bool
    ) -> list[ReportFinding]:
        made = [_found(n, report, d) for d in report.diagnostics]
        if not wanted:
            return made
        if report.diagnostics:
            read = {(d.rule, code) for d in report.diagnostics for code in d.indicators}
            wanted = [
                index
                for index in wanted
                if not any(
                    (r, c) in read
                    for r in _READ_ALREADY.get(program.instances[index].check.rule, ())
                    for c in program.instances[index].indicators
                )
            ]
        if explain:
            found: Sequence[Finding] = program.explain(report, self.points, wanted)
        else:
            found = [self._plain(program, index) for index in wanted]
        made.extend(_found(n, report, finding) for finding in found)
        return made

    def _plain(self, program: _Program, index: int) -> Finding:
        """The finding of check *index* without its message: alike for every report."""
        key = (id(program), index)
        finding = self._plain_findings.get(key)
        if finding is None:
            instance = program.instances[index]
            finding = self._plain_findings[key] = Finding(
                rule=instance.check.rule,
                outcome=Outcome.ERROR if index in program.static_errors else Outcome.FAIL,
                severity=instance.check.severity,
                indicators=instance.indicators,
            )
        return finding


@functools.cache
def _duckdb_1() -> bool:
    """Whether the installed DuckDB is a 1.x release (see :func:`_run`)."""
    import duckdb  # noqa: PLC0415 - the batch extra, already imported by then

    head = duckdb.__version__.split(".", 1)[0]
    return head.isdigit() and int(head) < 2


def _run(cursor: Any, query: str | None) -> Any:
    """Run the failures query prepared on *cursor* (preparing *query* first, if given)."""
    if query is not None:
        cursor.execute(f"PREPARE cchc_failures AS {query}")
    if _duckdb_1():
        # DuckDB 1.x: its relation over EXECUTE copies a large result row by row
        # (some 6 times slower); the statement's own result goes to Arrow directly.
        return cursor.execute("EXECUTE cchc_failures").to_arrow_table()
    return cursor.sql("EXECUTE cchc_failures").to_arrow_table()


def _is_table(value: object) -> bool:
    # SQL text, a DuckDB relation or a pyarrow table, rather than Report objects.
    return isinstance(value, str) or hasattr(value, "to_arrow_table") or hasattr(value, "schema")


def check_many(
    reports: Iterable[Report] | Any,
    *,
    engine: str = "duckdb",
    options: Mapping[str, str] | Policy | None = None,
    rules: RuleSet | Iterable[str | RuleDeclaration] | None = None,
    max_points: Mapping[str, Decimal | int | str] | None = None,
    explain: bool = True,
) -> tuple[ReportFinding, ...]:
    """Check many reports of one form at once: the findings that ask for attention.

    Args:
        reports: the reports (all on one form), or a long table of them in
            DuckDB (see :meth:`Batch.from_table`: SQL naming it, a DuckDB
            relation or a ``pyarrow.Table``), checked without building them.
        engine: ``"duckdb"`` (the batch engine: the rules compiled to SQL; needs
            ``cchc[duckdb]``) or ``"python"`` (:func:`cchc.check` on each report).
        options, rules, max_points: as for :func:`cchc.check`.
        explain: write the messages of the failures (see :meth:`Batch.check`).

    Returns:
        One :class:`ReportFinding` per finding, report by report, in the order
        :func:`cchc.check` lists them (reading diagnostics first).

    Raises:
        UsageError: an unknown engine, option or rule id, reports on different
            forms, or a rule the batch engine cannot translate.
    """
    if engine not in ENGINES:
        msg = f"unknown engine {engine!r} (one of: {', '.join(ENGINES)})"
        raise UsageError(msg)
    if _is_table(reports):
        if engine != "duckdb":
            msg = "a table of reports is checked by the duckdb engine"
            raise UsageError(msg)
        table = Batch.from_table(reports, options=options, rules=rules, max_points=max_points)
        return table.check(explain=explain)
    items = list(reports)
    if not items:
        return ()
    if engine == "python":
        ruleset = _ruleset(items[0].form, options, rules)
        out: list[ReportFinding] = []
        for n, report in enumerate(items):
            found = ruleset.check(report, max_points=max_points).findings
            out.extend(_found(n, report, f) for f in found)
        return tuple(out)
    try:
        import duckdb  # noqa: F401, PLC0415
        import pyarrow  # noqa: F401, PLC0415
    except ImportError:
        msg = "the duckdb engine needs the extra: pip install 'cchc[duckdb]'"
        raise UsageError(msg) from None
    batch = Batch.from_reports(items, options=options, rules=rules, max_points=max_points)
    return batch.check(explain=explain)


@attrs.frozen(eq=False)
class ManyResult:
    """The findings of one report checked by the batch engine, shaped as a check result.

    What :func:`results` gives per report: :attr:`findings`, :meth:`summary` and
    :attr:`has_errors` as on :class:`~cchc.rules.CheckResult`; the counts of
    passes and skips are not kept (the batch engine finds failures only).
    """

    report: Report
    findings: tuple[Finding, ...]
    counts: Mapping[Outcome, int] = attrs.field(factory=dict)
    """Empty: the batch engine finds failures only (no passes or skips to count)."""

    def summary(self) -> Mapping[str, int]:
        """The findings counted by severity."""
        from cchc.findings import Severity  # noqa: PLC0415

        return {s.value: sum(1 for f in self.findings if f.severity is s) for s in Severity}

    @property
    def has_errors(self) -> bool:
        """Whether a finding of error severity failed."""
        from cchc.findings import Severity  # noqa: PLC0415

        return any(
            f.severity is Severity.ERROR and f.outcome is Outcome.FAIL for f in self.findings
        )


def results(
    reports: Sequence[Report],
    *,
    options: Mapping[str, str] | Policy | None = None,
    max_points: Mapping[str, Decimal | int | str] | None = None,
) -> list[ManyResult]:
    """Check *reports* (on any forms) with the batch engine: one result per report, in order."""
    by_form: dict[int, list[int]] = {}
    forms: dict[int, Any] = {}
    for n, report in enumerate(reports):
        key = id(report.form)
        forms.setdefault(key, report.form)
        by_form.setdefault(key, []).append(n)
    found: dict[int, list[Finding]] = {n: [] for n in range(len(reports))}
    for positions in by_form.values():
        group = [reports[n] for n in positions]
        for item in check_many(group, options=options, max_points=max_points):
            found[positions[item.report]].append(item.finding)
    return [ManyResult(report, tuple(found[n])) for n, report in enumerate(reports)]
