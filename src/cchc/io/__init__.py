"""Reading and writing reports in every supported format.

:func:`read` takes a file (by its extension) or content (with ``format=``, or
recognised by its look) and returns a :class:`~cchc.Report`; :func:`write` and
:func:`write_file` go the other way.

========  ==========================================  =======================
format    what                                         module
========  ==========================================  =======================
``txt``   the Word table exported as text (the seed)   :mod:`cchc.io.text`
``json``  the ``cchc.report/1`` interchange format     :mod:`cchc.io.json`
``csv``   the CSV long format                          :mod:`cchc.io.csv`
``docx``  the official table in a Word file            :mod:`cchc.io.docx`
``xlsx``  the official table in an Excel workbook      :mod:`cchc.io.xlsx`
========  ==========================================  =======================

The office formats need the ``office`` extra (``pip install 'cchc[office]'``);
``import cchc`` never imports python-docx or openpyxl.

>>> import cchc
>>> report = cchc.example_report()
>>> report.reporter.name, report.period.id, report["1.1.1"].value
('Sở Nội vụ', '2021S1', 49)
>>> again = cchc.read(write(report, "txt"), format="txt")
>>> again.entries == report.entries
True
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Final

from cchc.errors import LimitError, ReadError, UsageError
from cchc.examples import EXAMPLE_NAME, example_bytes
from cchc.findings import Finding
from cchc.forms import BUILTIN_FORMS, load_form
from cchc.io.table import with_caller_overrides
from cchc.io.text import read_text, write_text
from cchc.limits import DEFAULT_LIMITS, Limits
from cchc.model import Form
from cchc.periods import Period
from cchc.reports import Report, Reporter

__all__ = [
    "BINARY_FORMATS",
    "FORMATS",
    "example_report",
    "format_of",
    "read",
    "write",
    "write_file",
]

FORMATS: Final = ("txt", "json", "csv", "docx", "xlsx")
"""The formats :func:`read` and :func:`write` know."""

BINARY_FORMATS: Final = frozenset({"docx", "xlsx"})
"""Formats written as bytes; the others are text."""

_ALIASES: Final = {"text": "txt", "word": "docx", "excel": "xlsx"}
_EXTENSIONS: Final = {
    ".txt": "txt",
    ".json": "json",
    ".csv": "csv",
    ".docx": "docx",
    ".xlsx": "xlsx",
}
_MAX_PATH: Final = 4096

Source = str | bytes | os.PathLike[str]


def _format_name(name: str) -> str:
    key = str(name).strip().lower().lstrip(".")
    key = _ALIASES.get(key, key)
    if key not in FORMATS:
        msg = f"unknown format {name!r} (one of {', '.join(FORMATS)})"
        raise UsageError(msg)
    return key


def format_of(path: str | os.PathLike[str]) -> str | None:
    """The format a file name's extension says, or ``None``.

    >>> format_of("so-noi-vu.TXT"), format_of("bao-cao.docx"), format_of("notes.md")
    ('txt', 'docx', None)
    """
    return _EXTENSIONS.get(Path(path).suffix.lower())


def _sniff_bytes(data: bytes) -> str | None:
    if data.startswith(b"PK\x03\x04"):
        # An Office Open XML file is a zip; its members say which kind.
        if b"word/" in data:
            return "docx"
        if b"xl/" in data:
            return "xlsx"
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "txt" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else None
    return _sniff_text(text)


def _sniff_text(text: str) -> str | None:
    body = text.lstrip("\ufeff \r\n")
    if body.startswith("{"):
        return "json"
    lines = body.replace("\r\n", "\n").split("\n")
    if any(line.startswith("\t") for line in lines):
        return "txt"
    for delimiter in ",;":  # Excel in a Vietnamese locale separates with semicolons
        fields = [f.strip().strip('"').lower() for f in lines[0].split(delimiter)]
        if "code" in fields and "value" in fields:
            return "csv"
    return None


def _is_file(text: str) -> bool:
    if not text or "\n" in text or len(text) > _MAX_PATH or "\x00" in text:
        return False
    try:
        return os.path.isfile(text)
    except (OSError, ValueError):  # pragma: no cover - odd names on odd platforms
        return False


def _form(form: Form | str | os.PathLike[str] | None) -> Form | str | None:
    """A form, or the id of a built-in form whose version the report's period picks."""
    if form is None or isinstance(form, Form):
        return form
    if isinstance(form, str) and form in BUILTIN_FORMS:
        return form
    return load_form(form if isinstance(form, str) else Path(form))


def read(
    source: Source,
    *,
    form: Form | str | os.PathLike[str] | None = None,
    reporter: Reporter | None = None,
    period: Period | str | None = None,
    format: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    dash: str = "not-applicable",
) -> Report:
    """Read a report from a file or from content.

    Args:
        source: a path (a ``PathLike``, or a ``str`` naming an existing file),
            read by its extension (``.txt``, ``.json``, ``.csv``, ``.docx``,
            ``.xlsx``); or the content itself, as ``str`` or ``bytes``.
        form: the form: a :class:`~cchc.Form`, a built-in id (``"phu-luc-2b"``,
            or one version: ``"phu-luc-2b@2021"``) or a form file; ``None`` takes
            the JSON/CSV document's own form, else the built-in Phụ lục 2B.  A
            built-in id without a version is taken in the version in force for
            the report's period (:func:`~cchc.forms.load_form` with ``period=``).
        reporter: who reports, when the file does not say; it wins over what the
            file says (a disagreement becomes a ``read.reporter-differs``
            diagnostic).
        period: the period (a :class:`~cchc.Period` or an id such as ``2021S1``),
            likewise.
        format: ``txt``, ``json``, ``csv``, ``docx`` or ``xlsx``: forces how the
            input is read.  Content without ``format=`` is recognised by its look
            (JSON, the text export, CSV, an Office file).
        limits: the bounds reading stays within (input size, decompression,
            table size); see :mod:`cchc.limits` and ``docs/limits.md``.
        dash: what a value cell holding only ``-`` means in a table (txt, docx,
            xlsx): ``"not-applicable"`` (the default; many tables use it for
            *không có hiện tượng phát sinh*) or ``"zero"``.  A ``read.dash``
            diagnostic says which reading was taken.

    Returns:
        The report; what reading noticed is in ``report.diagnostics``.

    Raises:
        ReadError: the input cannot be read as a report; the message says where.
        LimitError: the input is beyond one of *limits* (a :class:`ReadError`).
        UsageError: an unknown format, or an office format without the
            ``office`` extra.
        OSError: the file cannot be opened.

    >>> import cchc
    >>> from cchc.examples import example_bytes
    >>> cchc.read(example_bytes())["7.2.5.1"].value
    6460
    >>> cchc.read("no such thing")
    Traceback (most recent call last):
    ...
    cchc.errors.ReadError: <text>: 1 problem:
      neither an existing file nor the content of a report (txt, json, csv); pass format= ...
    """
    fmt = _format_name(format) if format is not None else None
    data: str | bytes
    given: object = source  # checked at run time: callers may pass anything
    if isinstance(given, os.PathLike) or (isinstance(given, str) and _is_file(given)):
        from cchc.io._libreoffice import convert, legacy_format  # noqa: PLC0415 - rarely needed

        path = Path(given)
        legacy = None if fmt is not None else legacy_format(path)
        if legacy is not None:  # .doc, .xls, .odt, .ods: through LibreOffice
            data, name, fmt = convert(path), str(path), legacy
        else:
            data, name = _read_path(path, limits), str(path)
        fmt = fmt or format_of(path) or _sniff_bytes(data)
        if fmt is None:
            msg = (
                f"unknown file type {path.suffix or '(no extension)'}; "
                f"pass format= (one of {', '.join(FORMATS)})"
            )
            raise ReadError.one(msg, source=name)
    elif isinstance(given, bytes | bytearray | memoryview):
        data, name = bytes(given), "<bytes>"
        fmt = fmt or _sniff_bytes(data)
        if fmt is None:
            msg = (
                "not the content of a report (txt, json, csv, docx, xlsx); "
                f"pass format= (one of {', '.join(FORMATS)})"
            )
            raise ReadError.one(msg, source=name)
    elif isinstance(given, str):
        data, name = given, "<text>"
        fmt = fmt or _sniff_text(given)
        if fmt is None:
            if format_of(given) is not None and "\n" not in given and len(given) < _MAX_PATH:
                raise ReadError.one("no such file", source=given)
            msg = (
                "neither an existing file nor the content of a report (txt, json, csv); "
                f"pass format= (one of {', '.join(FORMATS)})"
            )
            raise ReadError.one(msg, source=name)
    else:
        msg = f"read() takes a path, str or bytes, not {type(given).__name__}"
        raise UsageError(msg)
    if len(data) > limits.max_input_bytes:
        raise _too_long(len(data), name, limits)
    return _read(
        data,
        fmt,
        form=_form(form),
        reporter=reporter,
        period=period,
        source=name,
        dash=dash,
        limits=limits,
    )


def _too_long(size: int | None, name: str, limits: Limits) -> LimitError:
    what = f"the input is {size} bytes" if size is not None else "the input does not end"
    return LimitError(
        what, limit="max_input_bytes", value=limits.max_input_bytes, unit="bytes", source=name
    )


def _read_path(path: Path, limits: Limits) -> bytes:
    """The bytes of *path*, read no further than the input limit (``/dev/zero`` never ends)."""
    limit = limits.max_input_bytes
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > limit:
            raise _too_long(size, str(path), limits)
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise _too_long(None, str(path), limits)
    return data


def _read(
    data: str | bytes,
    fmt: str,
    *,
    form: Form | str | None,
    reporter: Reporter | None,
    period: Period | str | None,
    source: str,
    limits: Limits,
    dash: str = "not-applicable",
) -> Report:
    if isinstance(period, str):
        period = Period.parse(period)
    if fmt == "json":
        from cchc.io.json import loads  # noqa: PLC0415 - each format loads on first use

        report = loads(data, form=form, source=source)
        return with_caller_overrides(report, reporter, period)
    if fmt == "csv":
        from cchc.io.csv import read_csv  # noqa: PLC0415

        return read_csv(data, form=form, reporter=reporter, period=period, source=source)

    # A built-in form's id: the table's reader takes the version in force for the
    # period given, else for the one the table's title names.
    return _read_table(
        data,
        fmt,
        form=form or "phu-luc-2b",
        reporter=reporter,
        period=period,
        source=source,
        limits=limits,
        dash=dash,
    )


def _read_table(
    data: str | bytes,
    fmt: str,
    *,
    form: Form | str,
    reporter: Reporter | None,
    period: Period | None,
    source: str,
    limits: Limits,
    dash: str = "not-applicable",
) -> Report:
    if fmt == "txt":
        return read_text(
            data, form=form, reporter=reporter, period=period, source=source, dash=dash
        )
    binary = data.encode("utf-8") if isinstance(data, str) else data
    if fmt == "docx":
        from cchc.io.docx import read_docx as read_office  # noqa: PLC0415 - python-docx on use
    else:
        from cchc.io.xlsx import read_xlsx as read_office  # noqa: PLC0415 - openpyxl on use
    return read_office(
        binary,
        form=form,
        reporter=reporter,
        period=period,
        source=source,
        dash=dash,
        limits=limits,
    )


def write(report: Report, format: str, *, findings: tuple[Finding, ...] = ()) -> str | bytes:
    """Write *report* in *format*: text for txt, json and csv; bytes for docx and xlsx.

    *findings* are shown in the office formats (highlighted rows and a list of
    problems); the text formats do not carry them.

    >>> import cchc
    >>> write(cchc.example_report(), "json").splitlines()[1]
    '  "schema": "cchc.report/1",'
    >>> write(cchc.example_report(), "pdf")
    Traceback (most recent call last):
    ...
    cchc.errors.UsageError: unknown format 'pdf' (one of txt, json, csv, docx, xlsx)
    """
    fmt = _format_name(format)
    if fmt == "txt":
        return write_text(report)
    if fmt == "json":
        from cchc.io.json import dumps  # noqa: PLC0415

        return dumps(report)
    if fmt == "csv":
        from cchc.io.csv import write_csv  # noqa: PLC0415

        return write_csv(report)
    if fmt == "docx":
        from cchc.io.docx import write_docx  # noqa: PLC0415 - python-docx loads only when used

        return write_docx(report, findings=findings)
    from cchc.io.xlsx import write_xlsx  # noqa: PLC0415 - openpyxl loads only when used

    return write_xlsx(report, findings=findings)


def write_file(
    report: Report,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    findings: tuple[Finding, ...] = (),
) -> Path:
    """Write *report* to *path*, in the format its extension says (or *format*).

    Text is written as UTF-8 with the line ends the format uses. Returns the path.

    Raises:
        UsageError: the format is unknown or cannot be told from the extension.
        OSError: the file cannot be written.
    """
    target = Path(path)
    fmt = _format_name(format) if format is not None else format_of(target)
    if fmt is None:
        msg = (
            f"cannot tell the format of {str(target)!r} from its extension; "
            f"pass format= (one of {', '.join(FORMATS)})"
        )
        raise UsageError(msg)
    content = write(report, fmt, findings=findings)
    target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return target


@functools.cache
def example_report() -> Report:
    """The built-in example report: the seed table of one Sở Nội vụ, 6 tháng đầu năm 2021.

    Read once from the packaged text export and cached (reports are immutable).

    >>> import cchc
    >>> report = cchc.example_report()
    >>> report["1.1.2"].value, report["2.1"].raw, report["1.2"].note
    (41, '02', 'Theo KH cuối tháng 6')
    >>> sum(1 for f in report.diagnostics if f.severity is cchc.Severity.WARNING) > 0
    True
    """
    return read_text(example_bytes(), form=load_form(period="2021S1"), source=EXAMPLE_NAME)
