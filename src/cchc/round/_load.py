"""Reading the files of a round: folders expanded, every file read and checked, on every core.

Reading is most of a round's cost (a .docx file takes about 50 ms), so files are
read by a process pool when there are many.  A worker sends back plain data: the
report pickled with its form left behind (the form is the same for every file
and large to pickle), its check findings and its ratios.
"""

from __future__ import annotations

import io
import os
import pickle
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Final, TypeVar

import attrs

from cchc.errors import CchcError, UsageError
from cchc.findings import Finding, Severity
from cchc.model import Form
from cchc.reports import Report

__all__ = ["READABLE", "Loaded", "Unreadable", "expand", "load", "progress"]

T = TypeVar("T")

READABLE: Final = frozenset(
    {".txt", ".json", ".csv", ".docx", ".xlsx", ".doc", ".xls", ".odt", ".ods", ".rtf"}
)
"""The extensions a folder of a round is searched for (PDFs and images too, to refuse them)."""
_REFUSED: Final = frozenset({".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"})
_HEAVY: Final = frozenset({".docx", ".xlsx", ".doc", ".xls", ".odt", ".ods", ".rtf"})
# Below this many files a pool costs more than it saves.
_MIN_FILES_FOR_POOL: Final = 16


@attrs.frozen
class Unreadable:
    """A file of the round that could not be read as a report.

    Attributes:
        file: the file's name as given.
        message: why, on one line.
    """

    file: str
    message: str


@attrs.frozen
class Loaded:
    """One file read and checked.

    Attributes:
        file: the file's name as given.
        report: the report read.
        findings: what ``cchc check`` prints for it (reading diagnostics included).
        summary: the findings counted by severity.
        failed: the ids of the rules with an error- or warning-severity failure,
            in the order ``cchc check`` reports them.
        ratios: the value of each ratio the form declares (``None`` when it has none).
    """

    file: str
    report: Report = attrs.field(repr=lambda r: f"<Report {r.reporter.name} {r.period.id}>")
    findings: tuple[Finding, ...]
    summary: tuple[tuple[str, int], ...]
    failed: tuple[str, ...]
    ratios: tuple[tuple[str, Decimal | None], ...]

    @property
    def has_errors(self) -> bool:
        """Whether an error-severity finding failed."""
        return any(f.severity is Severity.ERROR and f.is_problem for f in self.findings)


class _FormPickler(pickle.Pickler):
    """Pickles a :class:`Loaded`, its form by reference: the form stays behind."""

    def persistent_id(self, obj: object) -> object:
        if isinstance(obj, Form):
            return ("form", obj.id, obj.version)
        return None


class _FormUnpickler(pickle.Unpickler):
    """Unpickles what :class:`_FormPickler` wrote, putting the form back."""

    def __init__(self, data: bytes, form: Form | None) -> None:
        super().__init__(io.BytesIO(data))
        self.form = form

    def persistent_load(self, pid: object) -> object:
        from cchc.forms import load_form  # noqa: PLC0415

        if not (isinstance(pid, tuple) and len(pid) == 3 and pid[0] == "form"):
            raise pickle.UnpicklingError(f"unknown reference {pid!r}")  # pragma: no cover
        form_id: str = pid[1]
        version: object = pid[2]
        if self.form is not None and self.form.id == form_id and self.form.version == version:
            return self.form
        return load_form(f"{form_id}@{version}")  # the version the worker read with


def expand(names: Iterable[str | os.PathLike[str]]) -> list[str]:
    """The files named by *names*: a folder gives every report file under it, sorted.

    Hidden files and folders are skipped; a file named explicitly is kept whatever
    its extension, so that reading it says what is wrong with it.

    Raises:
        UsageError: a name that does not exist, or a folder without a report file.
    """
    files: list[str] = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in READABLE | _REFUSED
                and not any(part.startswith((".", "~$")) for part in p.relative_to(path).parts)
            )
            if not found:
                msg = f"{name}: the folder holds no report file ({', '.join(sorted(READABLE))})"
                raise UsageError(msg)
            files.extend(str(p) for p in found)
        elif path.exists():
            files.append(str(path))
        else:
            msg = f"{name}: no such file or folder"
            raise UsageError(msg)
    return files


def _examine(file: str, report: Report) -> Loaded:
    from cchc.ratio import ratios  # noqa: PLC0415 - the rule engine loads with the first file
    from cchc.rules import check  # noqa: PLC0415

    result = check(report)
    findings = tuple(result.findings)
    failed: list[str] = []
    for finding in findings:
        serious = finding.severity in (Severity.ERROR, Severity.WARNING)
        if serious and finding.is_problem and finding.rule not in failed:
            failed.append(finding.rule)
    values = tuple((ratio.id, ratio.value) for ratio in ratios(report))
    return Loaded(
        file=file,
        report=report,
        findings=findings,
        summary=tuple(result.summary().items()),
        failed=tuple(failed),
        ratios=values,
    )


def _read_one(file: str, form: Form | str | None) -> Loaded | Unreadable:
    from cchc.io import read  # noqa: PLC0415

    try:
        report = read(Path(file), form=form)
    except CchcError as exc:
        return Unreadable(file, _one_line(exc, file))
    except OSError as exc:
        return Unreadable(file, f"{file}: {exc.strerror or exc}")
    return _examine(file, report)


def _one_line(error: CchcError, file: str) -> str:
    first, *rest = (line.strip() for line in str(error).splitlines() or [""])
    text = f"{first} {'; '.join(rest)}" if rest else first
    return text if error.source else f"{file}: {text}"


def _work(task: tuple[str, Form | str | None]) -> bytes | Unreadable:
    file, form = task
    loaded = _read_one(file, form)
    if isinstance(loaded, Unreadable):
        return loaded
    # Pickled here, with the form left out: sending the form with every report
    # would cost more than reading the file.
    out = io.BytesIO()
    _FormPickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(loaded)
    return out.getvalue()


def _unship(data: bytes, form: Form | None) -> Loaded:
    loaded = _FormUnpickler(data, form).load()
    assert isinstance(loaded, Loaded)  # noqa: S101 - _work sends nothing else
    return loaded


def load(
    files: Sequence[str],
    *,
    form: Form | None = None,
    workers: int | None = None,
    show_progress: bool = False,
) -> list[Loaded | Unreadable]:
    """Read and check every file of *files*, in order.

    Args:
        files: file names (see :func:`expand` for folders).
        form: the form to read them on (``None``: each file's own, else Phụ lục 2B).
        workers: processes to read with; ``1`` reads here; ``None`` uses every core
            when there are many office files (.docx, .xlsx …), else reads here.
        show_progress: draw a progress bar on standard error (when it is a terminal).
    """
    if workers is None:
        # Text formats read in a millisecond or two: a pool's overhead would eat
        # the gain.  Office files take 20-50 ms: they are read on every core.
        heavy = sum(1 for file in files if Path(file).suffix.lower() in _HEAVY)
        count = (os.cpu_count() or 1) if heavy >= _MIN_FILES_FOR_POOL else 1
    else:
        count = workers
    if count <= 1 or len(files) < _MIN_FILES_FOR_POOL:
        return list(
            progress(
                (_read_one(file, form) for file in files),
                total=len(files),
                enabled=show_progress,
            )
        )
    # A form made by the caller travels by value; a built-in one is found again by id.
    sent: Form | str | None = form
    if form is not None and _is_builtin(form):
        sent = f"{form.id}@{form.version}"
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415 - only for many files

    tasks = [(file, sent) for file in files]
    results: list[Loaded | Unreadable] = []
    chunk = max(1, min(64, len(files) // (count * 8)))
    with ProcessPoolExecutor(max_workers=count) as pool:
        for item in progress(
            pool.map(_work, tasks, chunksize=chunk), total=len(files), enabled=show_progress
        ):
            if isinstance(item, Unreadable):
                results.append(item)
            else:
                results.append(_unship(item, form))
    return results


def _is_builtin(form: Form) -> bool:
    from cchc.forms import builtin_forms, load_form  # noqa: PLC0415

    if form.id not in builtin_forms():
        return False
    try:
        return load_form(f"{form.id}@{form.version}") == form
    except CchcError:  # a form file reusing a built-in id with a version of its own
        return False


def progress(
    items: Iterable[T], *, total: int, enabled: bool = True, stream: object = None
) -> Iterator[T]:
    """*items*, with a progress bar on standard error when it is a terminal.

    The bar is drawn by tqdm (the ``progress`` extra), imported only when drawn;
    without it, or when not *enabled* or standard error is not a terminal, the
    items are given back unchanged.

    >>> list(progress([1, 2, 3], total=3))
    [1, 2, 3]
    """
    out = stream if stream is not None else sys.stderr
    isatty: Callable[[], bool] | None = getattr(out, "isatty", None)
    if not enabled or total < 2 or isatty is None or not isatty():
        yield from items
        return
    try:
        from tqdm import tqdm  # noqa: PLC0415 - an optional extra, imported only when drawn
    except ImportError:
        yield from items
        return
    yield from tqdm(items, total=total, unit="tệp", leave=False, file=out)
