"""The ``cchc`` command line: thin argument parsing over the public API.

Exit codes (contract §4): 0 success and no error-severity finding; 1 at least
one error-severity finding (``check``); 2 unusable input or usage, with one line
on stderr naming the file and the problem, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from cchc._version import __version__
from cchc.errors import CchcError
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
    rows = [("code", "name", "unit", "kind", "reported by")]
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

    p = sub.add_parser("form", help="print a form's rows: code, name, unit, kind, who reports it")
    p.add_argument("form", metavar="ID|PATH", help="a built-in form id or a form file")
    p.set_defaults(run=_cmd_form)

    return parser


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split("\n")).replace("  ", " ")


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
