"""The ``cchc`` command line: thin argument parsing over the public API.

Exit codes (contract §4): 0 success and no error-severity finding; 1 at least
one error-severity finding (``check``); 2 unusable input or usage, with one line
on stderr naming the file and the problem, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import cchc
from cchc._version import __version__
from cchc.errors import CchcError, UsageError
from cchc.forms import builtin_forms, load_form
from cchc.model import Form, Indicator

__all__ = ["main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_UNUSABLE = 2

Command = Callable[[argparse.Namespace], int]


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _ArgumentError(f"{self.prog}: {message}")


class _ArgumentError(Exception):
    pass


def _cmd_forms(args: argparse.Namespace) -> int:
    for form_id in builtin_forms():
        form = load_form(form_id)
        print(f"{form.id}\t{form.title}\t({len(form)} rows)")
    return EXIT_OK


def _who(indicator: Indicator) -> str:
    kinds = sorted(k.value for k in indicator.reporters.kinds)
    named = [f"{d}" for d in indicator.reporters.departments]
    return ", ".join([*kinds, *named])


def _form_rows(form: Form) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = [("code", "name", "unit", "kind", "reported by")]
    for indicator in form:
        indent = "  " * (indicator.depth - 1)
        name = indicator.display_name.replace("\n", " / ")
        unit = indicator.unit_text.replace("\n", "; ")
        rows.append((indicator.code, indent + name, unit, indicator.kind.value, _who(indicator)))
    return rows


def _cmd_form(args: argparse.Namespace) -> int:
    form = load_form(args.form)
    print(f"{form.id}: {form.title} (version {form.version}, {len(form)} rows)")
    for row in _form_rows(form):
        print("\t".join(row))
    return EXIT_OK


def _cmd_convert(args: argparse.Namespace) -> int:
    # Imported here so that `cchc forms` does not pay for the readers.
    from cchc.io import BINARY_FORMATS, format_of, write, write_file  # noqa: PLC0415

    if len(args.files) > 1 or args.to == "parquet" or args.long:
        return _convert_long(args)
    args.file = args.files[0]
    target = args.to or (format_of(args.output) if args.output else None)
    if target is None:
        msg = "convert needs --to FORMAT (or -o OUT with a known extension)"
        raise CchcError(msg, source=args.file)
    if target in BINARY_FORMATS and not args.output:
        msg = f"{target} output is binary: give -o OUT"
        raise CchcError(msg, source=args.file)
    report = _read_file(args.file, args.form)
    if args.output:
        write_file(report, args.output, format=target)
        return EXIT_OK
    content = write(report, target)
    if isinstance(content, str):
        sys.stdout.write(content)
    return EXIT_OK


def _convert_long(args: argparse.Namespace) -> int:
    """Many reports as one long table: a row per entry (``cchc.records``), CSV or Parquet."""
    from cchc import tables  # noqa: PLC0415 - only convert needs the table writers

    target = args.to or (Path(args.output).suffix.lstrip(".").lower() if args.output else "csv")
    if target not in ("csv", "parquet"):
        msg = f"several reports convert to one long table: --to csv or parquet, not {target}"
        raise UsageError(msg)
    if target == "parquet" and not args.output:
        raise UsageError("parquet output is binary: give -o OUT")
    reports = [_read_file(name, args.form) for name in args.files]
    rows = tables.records(reports)
    if target == "parquet":
        tables.write_parquet(rows, args.output)
    elif args.output:
        tables.write_csv(rows, args.output)
    else:
        tables.write_csv(rows, sys.stdout)
    return EXIT_OK


def _read_file(name: str, form: str | None) -> cchc.Report:
    """Read the file *name* (a path, never content), saying on stderr if reading found problems."""
    report = cchc.read(Path(name), form=form)
    problems = [d for d in report.diagnostics if d.is_problem]
    if problems:
        print(
            f"cchc: {name}: {len(problems)} reading warning(s) or error(s); "
            f"see `cchc check {name}`",
            file=sys.stderr,
        )
    return report


def _use_color(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def _cmd_show(args: argparse.Namespace) -> int:
    from cchc import render  # noqa: PLC0415 - only `show` needs the renderers

    if args.example == (args.file is not None):
        raise UsageError("cchc show: give a FILE or --example, not both and not neither")
    report = cchc.example_report() if args.example else cchc.read(Path(args.file))
    findings = tuple(cchc.check(report))
    width = args.width
    if width is None:
        width = max(shutil.get_terminal_size().columns, render.MIN_WIDTH)
    text = render.report_text(
        report, locale=args.locale, width=width, findings=findings, color=_use_color(args.color)
    )
    sys.stdout.write(text)
    return EXIT_OK


def _expected_list(text: str) -> list[str]:
    """``--expected``: names or ids separated by ``;`` or new lines, or ``@FILE``, one a line.

    Commas do not separate: unit names hold them ("Sở Văn hóa, Thể thao và Du lịch").
    """
    if text.startswith("@"):
        text = Path(text[1:]).read_text(encoding="utf-8-sig")
    items = (item.strip() for line in text.splitlines() for item in line.split(";"))
    return [item for item in items if item]


def _cmd_aggregate(args: argparse.Namespace) -> int:
    from cchc.io import write_file  # noqa: PLC0415 - only `aggregate -o` writes files

    reports = [_read_file(name, args.form) for name in args.files]
    rates = {}
    for item in args.rate:
        code, sep, method = item.partition("=")
        if not sep:
            raise UsageError(f"--rate takes CODE=METHOD (e.g. 3.4.1=median), not {item!r}")
        rates[code.strip()] = method
    total = cchc.aggregate(
        reports,
        reporter=cchc.Reporter(args.name, kind=args.kind, id=args.id),
        expected=_expected_list(args.expected) if args.expected is not None else None,
        duplicates="keep-last" if args.keep_last else "error",
        rates=rates,
        rate_method=args.rate_method,
        sources=args.files,
    )
    if args.output:
        write_file(total, args.output)
    else:
        sys.stdout.write(cchc.dumps(total))
    return EXIT_OK


def _cmd_compare(args: argparse.Namespace) -> int:
    import json  # noqa: PLC0415 - only `compare --format json` needs it

    from cchc.formatting import format_finding, format_number  # noqa: PLC0415

    earlier, later = (cchc.read(Path(name), form=args.form) for name in (args.earlier, args.later))
    comparison = cchc.compare(
        earlier, later, allow_different_reporters=args.allow_different_reporters
    )
    if args.format == "json":
        data = comparison.as_data()
        for side, name in (("earlier", args.earlier), ("later", args.later)):
            part = data[side]
            if isinstance(part, dict):
                data[side] = {"file": name, **part}
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    locale = args.locale
    arrows = {"up": "↑", "down": "↓", "same": "=", "changed": "≠", "new": "+", "gone": "−"}

    def shown(value: object) -> str:
        if isinstance(value, int | Decimal):
            return format_number(value, locale=locale)
        return "" if value is None else str(value)

    reporter = later.reporter.name
    print(f"{reporter}: {earlier.period.label(locale)} → {later.period.label(locale)}")
    unchanged = 0
    for change in comparison:
        if change.direction is cchc.comparison.Direction.SAME and not args.all:
            unchanged += 1
            continue
        relative = "" if change.relative is None else f" ({shown(change.relative)}%)"
        absolute = ""
        if change.absolute is not None:
            absolute = f" {'+' if change.absolute > 0 else ''}{shown(change.absolute)}"
        print(
            f"{change.code}\t{shown(change.earlier.value)} → {shown(change.later.value)}"
            f"\t{arrows[change.direction.value]}{absolute}{relative}"
        )
    if unchanged:
        print(f"({unchanged} không đổi)" if locale == "vi" else f"({unchanged} unchanged)")
    for finding in comparison.findings:
        print(format_finding(finding, locale=locale))
    return EXIT_OK


def _pairs(items: Sequence[str], what: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise UsageError(f"{what} takes NAME=VALUE, not {item!r}")
        pairs[name.strip()] = value.strip()
    return pairs


def _check_inputs(args: argparse.Namespace) -> list[tuple[str, cchc.Report | None]]:
    """The reports named on the command line; ``None`` for a file that cannot be read."""
    if args.example == bool(args.files):
        raise UsageError(
            f"cchc {args.command}: give FILE... or --example, not both and not neither"
        )
    form = load_form(args.form) if args.form else None
    if args.example:
        from cchc.examples import EXAMPLE_NAME, example_bytes  # noqa: PLC0415

        if form is None:
            return [(EXAMPLE_NAME, cchc.example_report())]
        return [(EXAMPLE_NAME, cchc.read(example_bytes(), format="txt", form=form))]
    inputs: list[tuple[str, cchc.Report | None]] = []
    for name in args.files:
        try:
            inputs.append((name, cchc.read(Path(name), form=form)))
        except CchcError as exc:
            where = "" if exc.source else f"{name}: "  # most read errors name the file
            print(f"cchc: {where}{_one_line(exc)}", file=sys.stderr)
            inputs.append((name, None))
        except OSError as exc:
            print(f"cchc: {name}: {exc.strerror or exc}", file=sys.stderr)
            inputs.append((name, None))
    return inputs


def _json_value(value: object) -> object:
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, cchc.Severity | cchc.Outcome | cchc.model.MissingPolicy):
        return value.value
    if isinstance(value, tuple):
        return [_json_value(v) for v in value]
    return value


def _finding_json(finding: cchc.Finding) -> dict[str, object]:
    data: dict[str, object] = {
        "rule": finding.rule,
        "severity": finding.severity.value,
        "outcome": finding.outcome.value,
        "indicators": list(finding.indicators),
        "message": finding.message,
        "message_en": finding.message_en,
    }
    for key in ("left", "operator", "right", "imbalance", "location"):
        value = getattr(finding, key)
        if value is not None:
            data[key] = _json_value(value)
    if finding.missing:
        data["missing"] = list(finding.missing)
    if isinstance(finding, cchc.rules.RuleFinding):
        data["title"] = finding.title
        data["expression"] = finding.expression
        if finding.missing_policy is not None:
            data["missing_policy"] = finding.missing_policy.value
    return data


def _reporter_json(reporter: cchc.Reporter) -> dict[str, str]:
    data = {"name": reporter.name, "kind": reporter.kind.value}
    if reporter.id is not None:
        data["id"] = reporter.id
    if reporter.parent is not None:
        data["parent"] = reporter.parent
    return data


def _cmd_check(args: argparse.Namespace) -> int:
    import json  # noqa: PLC0415 - only --format json needs it

    options = _pairs(args.option, "--option")
    points = _pairs(args.max_points, "--max-points")
    results: list[tuple[str, cchc.Report, Any]] = []
    status = EXIT_OK
    inputs = _check_inputs(args)
    unusable = any(report is None for _, report in inputs)
    read = [(name, report) for name, report in inputs if report is not None]
    if args.engine == "duckdb":
        from cchc.batch import results as batch_results  # noqa: PLC0415 - the batch extra

        if args.all:
            raise UsageError("cchc check: --all needs the default engine (python)")
        found = batch_results([r for _, r in read], options=options, max_points=points)
        checked: list[Any] = list(found)
    else:
        checked = [cchc.check(r, options=options, max_points=points) for _, r in read]
    for (name, report), result in zip(read, checked, strict=True):
        if result.has_errors:
            status = EXIT_FINDINGS
        results.append((name, report, result))
    if args.format == "csv":
        _write_findings_csv(results)
    elif args.format == "json":
        payload = {
            "results": [
                {
                    "file": name,
                    "form": report.form.id,
                    "reporter": _reporter_json(report.reporter),
                    "period": report.period.id,
                    "findings": [
                        _finding_json(f) for f in (result.all if args.all else result.findings)
                    ],
                    "summary": dict(result.summary()),
                }
                | _counts_json(result)
                for name, report, result in results
            ]
        }
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    else:
        from cchc import render  # noqa: PLC0415 - only text output needs the renderers

        width = max(shutil.get_terminal_size().columns, render.MIN_WIDTH)
        for name, report, result in results:
            period = report.period.label(args.locale)
            sys.stdout.write(f"{name}: {report.reporter.name}, {period}\n")
            findings = result.all if args.all else result.findings
            sys.stdout.write(
                render.findings_text(
                    findings,
                    locale=args.locale,
                    width=width,
                    problems_only=not args.all,
                    color=_use_color(args.color),
                )
            )
    return EXIT_UNUSABLE if unusable else status


def _counts_json(result: Any) -> dict[str, object]:
    # The batch engine finds failures only: it has no counts of passes and skips.
    counts = getattr(result, "counts", None)
    return {} if counts is None else {"counts": {o.value: n for o, n in counts.items()}}


def _write_findings_csv(results: Sequence[tuple[str, cchc.Report, Any]]) -> None:
    """One finding per line: the file, then the columns of ``cchc.findings_records``."""
    import csv  # noqa: PLC0415 - only --format csv needs it

    from cchc.tables import FINDING_COLUMNS, _finding_row  # noqa: PLC0415

    writer = csv.writer(sys.stdout, lineterminator="\n")
    columns = [c for c in FINDING_COLUMNS if c != "report"]
    writer.writerow(["file", *columns])
    for name, report, result in results:
        for f in result.findings:
            row = _finding_row(0, report.form.id, report.reporter, report.period, f)
            writer.writerow([name, *("" if row[c] is None else row[c] for c in columns)])


def _cmd_ratios(args: argparse.Namespace) -> int:
    import json  # noqa: PLC0415 - only --format json needs it

    points = _pairs(args.max_points, "--max-points")
    tables = [
        (name, report, cchc.ratios(report, max_points=points))
        for name, report in _check_inputs(args)
        if report is not None
    ]
    unusable = len(tables) < (1 if args.example else len(args.files))
    if args.format == "json":
        payload = {
            "results": [
                {"file": name, "period": report.period.id, "ratios": table.as_dicts()}
                for name, report, table in tables
            ]
        }
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    else:
        from cchc import render  # noqa: PLC0415 - only text output needs the renderers

        width = max(shutil.get_terminal_size().columns, render.MIN_WIDTH)
        for name, report, table in tables:
            period = report.period.label(args.locale)
            sys.stdout.write(f"{name}: {report.reporter.name}, {period}\n")
            sys.stdout.write(
                render.ratios_text(
                    table, locale=args.locale, width=width, color=_use_color(args.color)
                )
            )
    return EXIT_UNUSABLE if unusable else EXIT_OK


def _check_arguments(p: argparse.ArgumentParser, *, all_flag: bool) -> None:
    p.add_argument(
        "files", metavar="FILE", nargs="*", help="report files (.txt .docx .xlsx .json .csv)"
    )
    p.add_argument("--example", action="store_true", help="use the built-in example report")
    formats = ("text", "json", "csv") if all_flag else ("text", "json")
    p.add_argument("--format", choices=formats, default="text", help="output format")
    p.add_argument("--form", metavar="ID|PATH", help="the form (default: the files', or 2B)")
    p.add_argument("--locale", choices=("vi", "en"), default="vi", help="language (default vi)")
    p.add_argument(
        "--max-points",
        metavar="CODE=N",
        action="append",
        default=[],
        help="the maximum points of a score row (repeatable), e.g. 7.1.5=10",
    )
    p.add_argument(
        "--color", choices=("auto", "always", "never"), default="auto", help="ANSI colours"
    )
    if all_flag:
        p.add_argument(
            "--all", action="store_true", help="list every check's outcome, passes and skips too"
        )
        p.add_argument(
            "--option",
            metavar="NAME=VALUE",
            action="append",
            default=[],
            help="a reading of an ambiguous rule (repeatable): autonomy=exclusive|cumulative, "
            "online-levels=inside|separate",
        )
        p.add_argument(
            "--engine",
            choices=("python", "duckdb"),
            default="python",
            help="python: report by report (default); duckdb: the rules as SQL over all "
            "reports at once (needs cchc[duckdb])",
        )


def _build_parser() -> _Parser:
    parser = _Parser(
        prog="cchc",
        description="Vietnamese administrative-reform (CCHC) statistics: forms, reports, checks.",
    )
    parser.add_argument("--version", action="version", version=f"cchc {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    p = sub.add_parser("forms", help="list the built-in forms")
    p.set_defaults(run=_cmd_forms)

    p = sub.add_parser(
        "convert", help="convert a report between formats (txt, json, csv, docx, xlsx)"
    )
    p.add_argument(
        "files",
        metavar="FILE",
        nargs="+",
        help="the report: .txt, .json, .csv, .docx, .xlsx; several make one long table",
    )
    p.add_argument(
        "--to", choices=("json", "csv", "txt", "xlsx", "docx", "parquet"), help="the output format"
    )
    p.add_argument(
        "--long",
        action="store_true",
        help="write one long table (a row per entry, as cchc.records) even for one report",
    )
    p.add_argument("-o", "--output", metavar="OUT", help="write here (default: standard output)")
    p.add_argument("--form", metavar="ID|PATH", help="the form (default: the file's, or 2B)")
    p.set_defaults(run=_cmd_convert)

    p = sub.add_parser("form", help="print a form's rows: code, name, unit, kind, who reports it")
    p.add_argument("form", metavar="ID|PATH", help="a built-in form id or a form file")
    p.set_defaults(run=_cmd_form)

    p = sub.add_parser("show", help="render a report as the official table in the terminal")
    p.add_argument(
        "file", metavar="FILE", nargs="?", help="a report file (.txt .docx .xlsx .json .csv)"
    )
    p.add_argument("--example", action="store_true", help="show the built-in example report")
    p.add_argument("--locale", choices=("vi", "en"), default="vi", help="language (default vi)")
    p.add_argument("--width", type=int, metavar="N", help="line width (default: the terminal's)")
    p.add_argument(
        "--color", choices=("auto", "always", "never"), default="auto", help="ANSI colours"
    )
    p.set_defaults(run=_cmd_show)

    p = sub.add_parser(
        "aggregate", help="roll reports of one form and period up into one report (JSON)"
    )
    p.add_argument("files", metavar="FILE", nargs="+", help="the reports to roll up")
    p.add_argument("--name", default="Tổng hợp", help="the aggregate's reporter name")
    p.add_argument(
        "--kind",
        default="province",
        choices=[k.value for k in cchc.model.ReporterKind],
        help="the aggregate's reporter kind (default province)",
    )
    p.add_argument("--id", help="the aggregate's reporter id")
    p.add_argument(
        "--expected",
        metavar="LIST",
        help="who should have reported: names or ids separated by ';', or @FILE (one a line)",
    )
    p.add_argument(
        "--keep-last", action="store_true", help="keep the last of two reports of one reporter"
    )
    p.add_argument(
        "--rate-method",
        metavar="METHOD",
        help="combine every rate and score: min, max, median, mean, weighted-mean:CODE "
        "(default: leave them without a value)",
    )
    p.add_argument(
        "--rate",
        metavar="CODE=METHOD",
        action="append",
        default=[],
        help="a method for one rate row (repeatable), e.g. 3.4.1=weighted-mean:7.2.5.1",
    )
    p.add_argument("--form", metavar="ID|PATH", help="the form (default: the files', or 2B)")
    p.add_argument("-o", "--output", metavar="OUT", help="write here (default: JSON on stdout)")
    p.set_defaults(run=_cmd_aggregate)

    p = sub.add_parser(
        "compare", help="change per indicator between two periods, with drift warnings"
    )
    p.add_argument("earlier", metavar="EARLIER", help="the earlier report")
    p.add_argument("later", metavar="LATER", help="the later report")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    p.add_argument("--locale", choices=("vi", "en"), default="vi", help="language (default vi)")
    p.add_argument("--all", action="store_true", help="list unchanged rows too (text format)")
    p.add_argument(
        "--allow-different-reporters",
        action="store_true",
        help="compare reports of two different reporters",
    )
    p.add_argument("--form", metavar="ID|PATH", help="the form (default: the files', or 2B)")
    p.set_defaults(run=_cmd_compare)

    p = sub.add_parser("check", help="check reports: reading diagnostics and every rule")
    _check_arguments(p, all_flag=True)
    p.set_defaults(run=_cmd_check)

    p = sub.add_parser("ratios", help="the computed ratios of reports")
    _check_arguments(p, all_flag=False)
    p.set_defaults(run=_cmd_ratios)

    return parser


def _one_line(error: BaseException) -> str:
    """The error on one line: a list of problems is joined with semicolons."""
    first, *rest = (line.strip() for line in str(error).splitlines() or [""])
    return f"{first} {'; '.join(rest)}" if rest else first


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``cchc`` command with *argv* (default: the process arguments).

    Returns the exit code instead of exiting, so that it can be called from code.
    """
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
        run: Command = args.run
        return run(args)
    except _ArgumentError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_UNUSABLE
    except CchcError as exc:
        print(f"cchc: {_one_line(exc)}", file=sys.stderr)
        return EXIT_UNUSABLE
    except BrokenPipeError:  # pragma: no cover - `cchc form … | head`
        return EXIT_OK
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"cchc: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_UNUSABLE
