"""``cchc round``: the reporting round from the command line (contract §8)."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from datetime import date
from pathlib import Path
from typing import Any

from cchc.errors import CchcError, UsageError

__all__ = ["add_parser", "run"]

_OUTPUTS = (".xlsx", ".docx", ".json", ".html", ".htm")


def add_parser(sub: Any) -> None:
    """Add the ``round`` command to the subparsers *sub* of the ``cchc`` parser."""
    p = sub.add_parser(
        "round",
        help="a reporting round: who reported, who did not, who failed what, the province's table",
    )
    p.add_argument(
        "files",
        metavar="FILE_OR_DIR",
        nargs="+",
        help="report files, or folders holding them (.txt .docx .xlsx .json .csv; "
        ".doc .xls .odt .ods through LibreOffice)",
    )
    p.add_argument("--units", required=True, metavar="UNITS", help="the register (.toml or .csv)")
    p.add_argument("--period", required=True, metavar="ID", help="the period, e.g. 2021S1")
    p.add_argument("--form", metavar="ID|PATH", help="the form (default: the files', or 2B)")
    p.add_argument(
        "--deadline", metavar="YYYY-MM-DD", help="the units' deadline (default: the period's)"
    )
    p.add_argument(
        "--previous",
        metavar="DIR|ROUND.json",
        help="the previous round: a folder of its files, or the JSON this command wrote",
    )
    p.add_argument("--name", help="the aggregate's name (default: the register's province)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    p.add_argument("--locale", choices=("vi", "en"), default="vi", help="language (default vi)")
    p.add_argument(
        "-o", "--output", metavar="OUT", help="also write OUT.xlsx, .docx, .json or .html"
    )
    p.add_argument("--jobs", type=int, metavar="N", help="processes reading files (default: all)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar, even on a terminal")
    p.set_defaults(run=run)


def _previous(text: str, register: Any, form: Any, jobs: int | None) -> Any:
    from cchc.io.json import from_dict  # noqa: PLC0415
    from cchc.round import Round  # noqa: PLC0415

    path = Path(text)
    if path.is_dir():
        return Round.build(register, files=[path], form=form, workers=jobs)
    if not path.is_file():
        msg = f"{text}: no such file or folder"
        raise UsageError(msg)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        msg = f"{text}: not a round's JSON ({exc})"
        raise UsageError(msg) from None
    if not isinstance(data, dict) or data.get("schema") != "cchc.round/1":
        msg = f"{text}: not a round's JSON (schema cchc.round/1): give the folder or that file"
        raise UsageError(msg)
    return from_dict(data.get("aggregate"), form=form, source=f"{text}: aggregate")


def run(args: argparse.Namespace) -> int:
    """Run ``cchc round`` with the parsed *args*; the exit code as ``cchc check``'s."""
    from cchc.forms import load_form  # noqa: PLC0415
    from cchc.periods import Period  # noqa: PLC0415
    from cchc.register import load_register  # noqa: PLC0415
    from cchc.round import Round  # noqa: PLC0415

    output = args.output
    if output and Path(output).suffix.lower() not in _OUTPUTS:
        msg = f"{output}: -o writes .xlsx, .docx, .json or .html"
        raise UsageError(msg)
    register = load_register(args.units)
    period = Period.parse(args.period)
    form = load_form(args.form) if args.form else None
    deadline = None
    if args.deadline:
        try:
            deadline = date.fromisoformat(args.deadline)
        except ValueError:
            msg = f"--deadline takes a date as YYYY-MM-DD, not {args.deadline!r}"
            raise UsageError(msg) from None
    previous = _previous(args.previous, register, form, args.jobs) if args.previous else None
    round_ = Round.build(
        register,
        period,
        files=args.files,
        form=form,
        deadline=deadline,
        previous=previous,
        name=args.name,
        workers=args.jobs,
        show_progress=not args.no_progress,
    )
    for item in round_.unreadable:
        sys.stderr.write(f"cchc: {item.message}\n")
    if args.format == "json":
        text = json.dumps(round_.as_data(), ensure_ascii=False, indent=2) + "\n"
    else:
        from cchc.render import MIN_WIDTH  # noqa: PLC0415
        from cchc.round._text import round_text  # noqa: PLC0415

        width = max(shutil.get_terminal_size().columns, MIN_WIDTH)
        text = round_text(round_, locale=args.locale, width=width)
    sys.stdout.write(text)
    if output:
        try:
            round_.write(output)
        except CchcError:
            raise
    if round_.unreadable:
        return 2
    return 1 if round_.has_errors else 0
