"""The words of the ``cchc`` command: its errors in the locale of the findings.

Internal to :mod:`cchc.cli`.  A command-line error (unusable input, a bad
option) speaks Vietnamese by default, like the findings, or English with
``--locale en``, and names the command's flags, never Python arguments
(``--allow-different-reporters``, not ``allow_different_reporters=True``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cchc.errors import ReadError
from cchc.findings import Finding
from cchc.rules import RuleFinding

__all__ = [
    "MESSAGES",
    "CliError",
    "argv_locale",
    "error_text",
    "one_line",
    "os_error",
    "usage_text",
    "verbose_text",
]


class CliError(Exception):
    """An error of the command line itself, in both languages; `main` prints one."""

    def __init__(self, vi: str, en: str) -> None:
        super().__init__(en)
        self.vi, self.en = vi, en

    @classmethod
    def say(cls, key: str, **words: object) -> CliError:
        """The error *key* of :data:`MESSAGES`, filled with *words*."""
        vi, en = MESSAGES[key]
        return cls(vi.format(**words), en.format(**words))


MESSAGES: dict[str, tuple[str, str]] = {
    "excel": (
        "--excel chỉ dùng khi xuất CSV (--to csv)",
        "--excel applies to CSV output (--to csv)",
    ),
    "kind": (
        "không nhận ra loại đơn vị của {name!r} theo tên: thêm --kind",
        "cannot tell the kind of {name!r} from its name: give --kind",
    ),
    "show-input": (
        "cchc show: cần một FILE hoặc --example (chỉ một trong hai)",
        "cchc show: give a FILE or --example, not both and not neither",
    ),
    "reporter-per-file": (
        "cần --reporter cho mỗi FILE ({files} lần), không phải {given} lần",
        "give --reporter once per FILE ({files}), not {given} times",
    ),
    "rate": (
        "--rate cần dạng MÃ=CÁCH (ví dụ 3.4.1=median), không phải {item!r}",
        "--rate takes CODE=METHOD (e.g. 3.4.1=median), not {item!r}",
    ),
    "reporters": (
        "cchc compare: hai báo cáo của hai đơn vị khác nhau ({names}); "
        "thêm --allow-different-reporters để vẫn so sánh",
        "cchc compare: the reports are from different reporters ({names}); "
        "add --allow-different-reporters to compare them",
    ),
    "pairs": (
        "{what} cần dạng TÊN=GIÁ_TRỊ, không phải {item!r}",
        "{what} takes NAME=VALUE, not {item!r}",
    ),
    "inputs": (
        "cchc {command}: cần FILE... hoặc --example (chỉ một trong hai)",
        "cchc {command}: give FILE... or --example, not both and not neither",
    ),
    "summary": (
        "--summary chỉ dùng cho văn bản; --format json đã có phần tổng hợp của từng tệp",
        "--summary is text; --format json gives each file's summary already",
    ),
}
"""The command line's own errors: key → (Vietnamese, English) templates."""


# argparse's own usage errors, in Vietnamese (the default locale of the findings).
_ARGPARSE_VI: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"unrecognized arguments: (.*)"), "không nhận ra tham số: {0}"),
    (re.compile(r"the following arguments are required: (.*)"), "thiếu tham số: {0}"),
    (
        re.compile(r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)"),
        "tham số {0}: giá trị {1} không hợp lệ (chọn một trong {2})",
    ),
    (re.compile(r"argument (\S+): expected one argument"), "tham số {0} cần một giá trị"),
    (
        re.compile(r"argument (\S+): invalid (\w+) value: (.*)"),
        "tham số {0}: giá trị {2} không hợp lệ",
    ),
    (re.compile(r"argument (\S+): (.*)"), "tham số {0}: {1}"),
)

# What the library says in Python terms, said with the command's flags.
_FLAGS: tuple[tuple[str, str], ...] = (
    ("allow_different_reporters=True", "--allow-different-reporters"),
    ("pass format=", "give a file with a known extension"),
    ("dash=", "--dash "),
)


def argv_locale(argv: Sequence[str]) -> str:
    """The ``--locale`` given on the command line, read before parsing (errors need it)."""
    for i, item in enumerate(argv):
        if item == "--locale" and i + 1 < len(argv):
            return "en" if argv[i + 1] == "en" else "vi"
        if item.startswith("--locale="):
            return "en" if item.partition("=")[2] == "en" else "vi"
    return "vi"


def usage_text(message: str, locale: str) -> str:
    """An argparse message (``cchc check: argument …``) in *locale*."""
    if locale == "en":
        return message
    prog, sep, rest = message.partition(": ")
    if not sep:
        return message
    for pattern, vi in _ARGPARSE_VI:
        found = pattern.fullmatch(rest)
        if found:
            return f"{prog}: {vi.format(*found.groups())}"
    return f"{prog}: lỗi tham số: {rest}"


def _flags(text: str) -> str:
    """*text* with Python argument names replaced by the command's flags."""
    for python, flag in _FLAGS:
        text = text.replace(python, flag)
    return re.sub(r"max_points\['([^']*)'\]", r"--max-points \1=…", text)


def os_error(error: OSError, locale: str) -> str:
    """Why a file cannot be opened, in *locale*."""
    why = str(error.strerror or error)
    if locale == "en":
        return why
    if isinstance(error, FileNotFoundError):
        return "không có tệp này"
    if isinstance(error, PermissionError):
        return "không có quyền đọc hoặc ghi tệp này"
    return f"không mở được tệp ({why})"


def error_text(error: BaseException, locale: str) -> str:
    """An error on one line, framed in *locale*, naming flags, not arguments."""
    if isinstance(error, CliError):
        text = error.vi if locale == "vi" else error.en
        return text if text.startswith("cchc ") else f"cchc: {text}"
    if isinstance(error, OSError):
        where = f"{error.filename}: " if error.filename else ""
        return f"cchc: {where}{os_error(error, locale)}"
    detail = _flags(one_line(error))
    if locale == "en":
        return f"cchc: {detail}"
    if isinstance(error, ReadError):
        source = error.source or ""
        if source and detail.startswith(f"{source}: "):
            return f"cchc: {source}: không đọc được: {detail.removeprefix(f'{source}: ')}"
        return f"cchc: không đọc được: {detail}"
    return f"cchc: không dùng được: {detail}"


def verbose_text(findings: Sequence[Finding], *, problems_only: bool) -> str:
    """``--verbose``: each rule finding's expression, and its arithmetic."""
    lines = []
    for finding in findings:
        if not isinstance(finding, RuleFinding) or not finding.expression:
            continue
        if problems_only and not finding.is_problem:
            continue
        where = ", ".join(finding.indicators)
        lines.append(f"  {finding.rule} ({where}): {finding.expression}")
        if finding.working:
            lines.append(f"      → {finding.working}")
    return "\n".join(lines) + "\n" if lines else ""


def one_line(error: BaseException) -> str:
    """The error on one line: a list of problems is joined with semicolons."""
    first, *rest = (line.strip() for line in str(error).splitlines() or [""])
    return f"{first} {'; '.join(rest)}" if rest else first
