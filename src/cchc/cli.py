"""The ``cchc`` command line: thin argument parsing over the public API.

Exit codes (contract §4): 0 success and no error-severity finding; 1 at least
one error-severity finding (``check``); 2 unusable input or usage, with one line
on stderr naming the file and the problem, never a traceback; 3 an unexpected
internal error (a bug in cchc), one line on stderr, the traceback with ``--debug``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path

import cchc
import cchc._cli_many as many
from cchc._cli_json import finding_json, problems_json, reporter_json
from cchc._cli_words import (
    CliError,
    argv_locale,
    error_text,
    os_error,
    usage_text,
    verbose_text,
)
from cchc._version import __version__
from cchc.errors import CchcError
from cchc.forms import builtin_forms, form_versions, load_form
from cchc.model import Form, Indicator, ReporterKind

__all__ = ["main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_UNUSABLE = 2
EXIT_BUG = 3

Command = Callable[[argparse.Namespace], int]


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _ArgumentError(f"{self.prog}: {message}")


class _ArgumentError(Exception):
    pass


def _validity(form: Form) -> str:
    if form.valid_from and form.valid_until:
        return f"{form.valid_from.isoformat()} to {form.valid_until.isoformat()}"
    if form.valid_from:
        return f"from {form.valid_from.isoformat()}"
    if form.valid_until:
        return f"until {form.valid_until.isoformat()}"
    return "always"


def _cmd_forms(args: argparse.Namespace) -> int:
    for form_id in builtin_forms():
        for form in form_versions(form_id):
            kinds = ", ".join(k.value for k in ReporterKind if k in form.reporter_kinds)
            print(
                f"{form.id}@{form.version}\t{form.title}\t({len(form)} rows)"
                f"\t{_validity(form)}\t{kinds}"
            )
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
    form = load_form(args.form, period=args.period)
    print(f"{form.id}: {form.title} (version {form.version}, {_validity(form)}, {len(form)} rows)")
    for row in _form_rows(form):
        print("\t".join(row))
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    from cchc.schemas import schema_text  # noqa: PLC0415 - only `schema` reads them

    sys.stdout.write(schema_text(args.name))
    return EXIT_OK


def _cmd_convert(args: argparse.Namespace) -> int:
    # Imported here so that `cchc forms` does not pay for the readers.
    from cchc.io import BINARY_FORMATS, format_of, write, write_file  # noqa: PLC0415

    if len(args.files) > 1 or args.to == "parquet" or args.long:
        return many.convert_long(args, _read_file)
    args.file = args.files[0]
    target = args.to or (format_of(args.output) if args.output else None)
    if target is None:
        msg = "convert needs --to FORMAT (or -o OUT with a known extension)"
        raise CchcError(msg, source=args.file)
    if target in BINARY_FORMATS and not args.output:
        msg = f"{target} output is binary: give -o OUT"
        raise CchcError(msg, source=args.file)
    if args.excel and target != "csv":
        raise CliError.say("excel")
    report = _read_file(
        args.file, args.form, reporter=args.reporter, kind=args.reporter_kind, period=args.period
    )
    # --check marks the findings in .xlsx/.docx (highlighted cells and a findings list).
    findings = tuple(cchc.check(report).findings) if args.check else ()
    if args.excel:
        # A byte-order mark makes Excel read the file as UTF-8 instead of the
        # locale's code page (mojibake otherwise).
        from cchc.io.csv import write_csv  # noqa: PLC0415

        text = write_csv(report, bom=True)
        if args.output:
            Path(args.output).write_bytes(text.encode("utf-8"))
        else:
            sys.stdout.buffer.write(text.encode("utf-8"))
        return EXIT_OK
    if args.output:
        write_file(report, args.output, format=target, findings=findings)
        return EXIT_OK
    content = write(report, target, findings=findings)
    if isinstance(content, str):
        sys.stdout.write(content)
    return EXIT_OK


def _given_reporter(name: str | None, kind: str | None) -> cchc.Reporter | None:
    """``--reporter NAME [--kind KIND]``: the kind told by the name when not given."""
    if name is None:
        return None
    if kind is None:
        from cchc.reporter_names import reporter_kind  # noqa: PLC0415

        told = reporter_kind(name)
        if told is None:
            raise CliError.say("kind", name=name)
        return cchc.Reporter(name, kind=told)
    return cchc.Reporter(name, kind=kind)


def _read_as_given(
    source: Path | bytes,
    *,
    form: cchc.Form | str | None,
    reporter: str | None,
    kind: str | None,
    period: str | None,
    fmt: str | None = None,
    dash: str = "not-applicable",
) -> cchc.Report:
    """Read a report with the ``--reporter``, ``--kind`` and ``--period`` of the command line.

    ``--kind`` alone keeps the name the file gives and changes its kind.
    """
    given = _given_reporter(reporter, kind)
    report = cchc.read(source, form=form, reporter=given, period=period, format=fmt, dash=dash)
    if kind is not None and given is None and report.reporter.kind.value != kind:
        from cchc.io.table import with_caller_overrides  # noqa: PLC0415
        from cchc.reports import Reporter  # noqa: PLC0415

        old = report.reporter
        new = Reporter(old.name, kind=kind, id=old.id, parent=old.parent)
        report = with_caller_overrides(report, new, None)
    return report


def _read_file(
    name: str,
    form: str | None,
    *,
    reporter: str | None = None,
    kind: str | None = None,
    period: str | None = None,
) -> cchc.Report:
    """Read the file *name* (a path, never content), saying on stderr if reading found problems."""
    report = _read_as_given(Path(name), form=form, reporter=reporter, kind=kind, period=period)
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
        raise CliError.say("show-input")
    report = (
        cchc.example_report()
        if args.example
        else _read_file(
            args.file, None, reporter=args.reporter, kind=args.reporter_kind, period=args.period
        )
    )
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

    names = args.reporter or []
    if names and len(names) != len(args.files):
        raise CliError.say("reporter-per-file", files=len(args.files), given=len(names))
    reports = [
        _read_file(
            name,
            args.form,
            reporter=names[index] if names else None,
            kind=args.reporter_kind,
            period=args.period,
        )
        for index, name in enumerate(args.files)
    ]
    rates = {}
    for item in args.rate:
        code, sep, method = item.partition("=")
        if not sep:
            raise CliError.say("rate", item=item)
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
    if earlier.reporter.key != later.reporter.key and not args.allow_different_reporters:
        names = f"{earlier.reporter.name!r}, {later.reporter.name!r}"
        raise CliError.say("reporters", names=names)
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
            raise CliError.say("pairs", what=what, item=item)
        pairs[name.strip()] = value.strip()
    return pairs


def _check_inputs(
    args: argparse.Namespace, unreadable: dict[str, CchcError] | None = None
) -> Iterator[tuple[str, cchc.Report | None]]:
    """The reports named on the command line, read one by one; ``None`` for an unreadable one.

    The error of each unreadable file goes into *unreadable*, by file name.

    FILE may be a file, a directory, a glob pattern or ``-`` (standard input); a
    progress bar runs on a terminal while the files are read and checked.
    """
    from cchc._inputs import expand, progress  # noqa: PLC0415 - only check/ratios take many

    if args.example == bool(args.files):
        raise CliError.say("inputs", command=args.command)
    form = load_form(args.form) if args.form else None
    if args.example:
        from cchc.examples import EXAMPLE_NAME, example_bytes  # noqa: PLC0415

        given = (args.reporter, args.reporter_kind, args.period)
        if form is None and given == (None, None, None):
            yield EXAMPLE_NAME, cchc.example_report()
            return
        yield (
            EXAMPLE_NAME,
            _read_as_given(
                example_bytes(),
                form=form,
                reporter=args.reporter,
                kind=args.reporter_kind,
                period=args.period,
                fmt="txt",
            ),
        )
        return
    inputs = expand(args.files)
    for item in progress(inputs, total=len(inputs), enabled=not args.quiet):
        name = item.name
        try:
            source = item.path if item.path is not None else (item.data or b"")
            yield (
                name,
                _read_as_given(
                    source,
                    form=form,
                    reporter=args.reporter,
                    kind=args.reporter_kind,
                    period=args.period,
                    dash=getattr(args, "dash", "not-applicable"),
                ),
            )
        except CchcError as exc:
            where = "" if exc.source and item.path else f"{name}: "  # read errors name files
            text = error_text(exc, args.locale).removeprefix("cchc: ")
            print(f"cchc: {where}{text}", file=sys.stderr)
            if unreadable is not None:
                unreadable[name] = exc
            yield name, None
        except OSError as exc:
            print(f"cchc: {name}: {os_error(exc, args.locale)}", file=sys.stderr)
            yield name, None


def _cmd_check(args: argparse.Namespace) -> int:
    import json  # noqa: PLC0415 - only --format json needs it

    if args.summary and args.format == "json":
        raise CliError.say("summary")
    options = _pairs(args.option, "--option")
    points = _pairs(args.max_points, "--max-points")
    unreadable: dict[str, CchcError] = {}
    inputs = list(_check_inputs(args, unreadable))
    results, unusable = many.checked(args, inputs, options, points)
    status = EXIT_FINDINGS if any(r.has_errors for _, _, r in results) else EXIT_OK
    if args.quiet:
        pass
    elif args.summary:
        from cchc._cli_summary import print_summary  # noqa: PLC0415

        unread = sum(1 for _, report in inputs if report is None)
        print_summary(results, unreadable=unread, locale=args.locale)
    elif args.format == "csv":
        many.write_findings_csv(results)
    elif args.format == "json":
        payload = {
            "results": [
                {
                    "file": name,
                    "form": report.form.id,
                    "form_version": report.form.version,
                    "reporter": reporter_json(report.reporter),
                    "period": report.period.id,
                    "findings": [
                        finding_json(f) for f in (result.all if args.all else result.findings)
                    ],
                    "summary": dict(result.summary()),
                    "counts": {o.value: n for o, n in result.counts.items()},
                }
                for name, report, result in results
            ]
        }
        if unreadable:  # every problem, where stderr shows the first few
            payload["unreadable"] = [
                {"file": name, "problems": problems_json(error)}
                for name, error in unreadable.items()
            ]
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
            if args.verbose:
                sys.stdout.write(verbose_text(findings, problems_only=not args.all))
    return EXIT_UNUSABLE if unusable else status


def _cmd_ratios(args: argparse.Namespace) -> int:
    import json  # noqa: PLC0415 - only --format json needs it

    points = _pairs(args.max_points, "--max-points")
    read = list(_check_inputs(args))
    tables = [
        (name, report, cchc.ratios(report, max_points=points, decimals=args.decimals))
        for name, report in read
        if report is not None
    ]
    unusable = len(tables) < len(read)
    if args.quiet:
        pass
    elif args.format == "json":
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


def _given_arguments(p: argparse.ArgumentParser, *, kind: bool = True) -> None:
    """``--reporter``, ``--kind``, ``--period``: for files whose title does not say."""
    p.add_argument("--reporter", metavar="NAME", help="who reports, when the file does not say")
    if kind:
        p.add_argument(
            "--kind",
            dest="reporter_kind",
            choices=[k.value for k in ReporterKind],
            help="the reporter's kind (default: told by --reporter's name)",
        )
    p.add_argument("--period", metavar="ID", help="the period (2021S1, 2021M09, …), likewise")


def _check_arguments(p: argparse.ArgumentParser, *, all_flag: bool) -> None:
    p.add_argument(
        "files",
        metavar="FILE",
        nargs="*",
        help="report files (.txt .docx .xlsx .json .csv), directories (every report file "
        "inside), glob patterns ('reports/**/*.xlsx'), or - for standard input",
    )
    p.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print nothing on standard output and draw no progress bar; the exit code says",
    )
    p.add_argument("--example", action="store_true", help="use the built-in example report")
    formats = ("text", "json", "csv") if all_flag else ("text", "json")
    p.add_argument("--format", choices=formats, default="text", help="output format")
    p.add_argument("--form", metavar="ID|PATH", help="the form (default: the files', or 2B)")
    _given_arguments(p)
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
    dash = ("not-applicable", "zero")
    p.add_argument("--dash", choices=dash, default=dash[0], help="a lone '-' cell (default n/a)")
    if all_flag:
        p.add_argument("--verbose", action="store_true", help="show each rule and its arithmetic")
        p.add_argument(
            "--summary",
            action="store_true",
            help="one line per file (its findings counted by severity) and a grand total",
        )
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
        many.add_engine_argument(p)


def _build_parser() -> _Parser:
    parser = _Parser(
        prog="cchc",
        description="Vietnamese administrative-reform (CCHC) statistics: forms, reports, checks.",
    )
    parser.add_argument("--version", action="version", version=f"cchc {__version__}")
    parser.add_argument("--debug", action="store_true", help="show an internal error's traceback")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    p = sub.add_parser("forms", help="list the built-in forms: every version with its validity")
    p.set_defaults(run=_cmd_forms)

    p = sub.add_parser(
        "convert", help="convert a report between formats (txt, json, csv, docx, xlsx)"
    )
    many.add_convert_arguments(p)
    p.add_argument("-o", "--output", metavar="OUT", help="write here (default: standard output)")
    p.add_argument("--form", metavar="ID|PATH", help="the form (default: the file's, or 2B)")
    _given_arguments(p)
    p.add_argument(
        "--check",
        action="store_true",
        help="check the report and mark its findings (xlsx: filled cells, comments and a "
        "findings sheet; docx: shaded cells and a findings section)",
    )
    p.add_argument(
        "--excel",
        action="store_true",
        help="CSV for Excel: start with a byte-order mark so that Excel reads UTF-8",
    )
    p.set_defaults(run=_cmd_convert)

    p = sub.add_parser("form", help="print a form's rows: code, name, unit, kind, who reports it")
    p.add_argument(
        "form", metavar="ID|PATH", help="a built-in form id (ID@VERSION for one version) or a file"
    )
    p.add_argument("--period", metavar="ID", help="the version in force for this period")
    p.set_defaults(run=_cmd_form)

    p = sub.add_parser(
        "schema", help="print the JSON Schema of a file format: report, form, units or round"
    )
    p.add_argument(
        "name",
        metavar="NAME",
        choices=("report", "form", "units", "round"),
        help="report (cchc.report/1), form (cchc.form/1), units (cchc.units/1) "
        "or round (cchc.round/1)",
    )
    p.set_defaults(run=_cmd_schema)

    p = sub.add_parser("show", help="render a report as the official table in the terminal")
    p.add_argument(
        "file", metavar="FILE", nargs="?", help="a report file (.txt .docx .xlsx .json .csv)"
    )
    p.add_argument("--example", action="store_true", help="show the built-in example report")
    p.add_argument("--locale", choices=("vi", "en"), default="vi", help="language (default vi)")
    p.add_argument("--width", type=int, metavar="N", help="line width (default: the terminal's)")
    _given_arguments(p)
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
        "--reporter",
        metavar="NAME",
        action="append",
        help="who reports each FILE, once per FILE in order, when the files do not say",
    )
    p.add_argument(
        "--reporter-kind",
        choices=[k.value for k in ReporterKind],
        help="the kind of the --reporter units (default: told by each name)",
    )
    p.add_argument("--period", metavar="ID", help="the period of the files, when they do not say")
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
    p.add_argument(
        "--decimals",
        type=int,
        choices=range(7),
        metavar="N",
        help="round every ratio to N decimals (default: each ratio's own, else 2)",
    )
    p.set_defaults(run=_cmd_ratios)

    from cchc.round._cli import add_parser as add_round  # noqa: PLC0415 - its own module

    add_round(sub)

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``cchc`` command with *argv* (default: the process arguments).

    Returns the exit code instead of exiting, so that it can be called from code.
    """
    parser = _build_parser()
    arguments = list(sys.argv[1:] if argv is None else argv)
    locale = argv_locale(arguments)
    try:
        return _run(parser, argv, locale)
    except Exception as exc:  # anything else is a bug in cchc: say so, in one line
        if "--debug" in arguments:
            traceback.print_exc()
        text = " ".join(str(exc).split())[:200]
        print(
            f"cchc: internal error (a bug in cchc; please report it): "
            f"{type(exc).__name__}: {text} (run with --debug for the traceback)",
            file=sys.stderr,
        )
        return EXIT_BUG


def _run(parser: _Parser, argv: Sequence[str] | None, locale: str) -> int:
    try:
        args = parser.parse_args(argv)
        run: Command = args.run
        return run(args)
    except _ArgumentError as exc:
        print(usage_text(str(exc), locale), file=sys.stderr)
        return EXIT_UNUSABLE
    except BrokenPipeError:  # pragma: no cover - `cchc form … | head`
        return EXIT_OK
    except (CliError, CchcError, OSError) as exc:
        print(error_text(exc, locale), file=sys.stderr)
        return EXIT_UNUSABLE
