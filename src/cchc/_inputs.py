"""The inputs of a CLI command that takes many files: expansion and a progress bar.

``cchc check`` and ``cchc ratios`` take files, directories (every report file
inside, recursively), glob patterns (quoted, for shells that do not expand them,
``'reports/**/*.xlsx'``) and ``-`` for standard input, in the order given.

The progress bar is drawn by `tqdm <https://tqdm.github.io/>`_, an optional
extra (``pip install 'cchc[progress]'``): a small, pure-Python library with no
dependencies of its own, maintained for a decade, that draws on standard error,
adapts to the terminal width and costs nothing when disabled.  It is shown only
when standard error is a terminal and there is more than one file; without the
extra, there is no bar and nothing else changes.
"""

from __future__ import annotations

import glob
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

import attrs

from cchc.errors import UsageError

__all__ = ["STDIN", "Input", "expand", "progress"]

T = TypeVar("T")

STDIN = "-"
_EXTENSIONS = frozenset({".txt", ".json", ".csv", ".docx", ".xlsx"})
_GLOB_CHARACTERS = frozenset("*?[")
# Below this many files a bar flickers by and says nothing.
_MIN_FILES_FOR_PROGRESS = 2


@attrs.frozen
class Input:
    """One input of a command: its name for messages, and a path or the bytes read from stdin."""

    name: str
    path: Path | None = None
    data: bytes | None = None


def expand(names: Sequence[str], *, stdin: bytes | None = None) -> list[Input]:
    """The inputs named by *names*: files, directories, glob patterns and ``-``.

    A directory gives every report file under it (``.txt .json .csv .docx .xlsx``,
    sorted, hidden files skipped); a pattern gives the files it matches, sorted.
    A file named explicitly is kept whatever its extension, so that reading it
    says what is wrong with it.

    Args:
        names: what the command line gave.
        stdin: the bytes of standard input (read from ``sys.stdin`` when ``None``
            and ``-`` is given).

    Raises:
        UsageError: a pattern matches nothing, a directory holds no report file,
            or ``-`` is given twice.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> for name in ("b.txt", "a.json", "notes.md"):
    ...     _ = (folder / name).write_text("x")
    >>> [i.name for i in expand([str(folder)])] == [str(folder / "a.json"), str(folder / "b.txt")]
    True
    >>> [i.name for i in expand([str(folder / "*.txt"), "-"], stdin=b"{}")][1:]
    ['<stdin>']
    """
    inputs: list[Input] = []
    seen_stdin = False
    for name in names:
        if name == STDIN:
            if seen_stdin:
                raise UsageError("standard input (-) can be read only once")
            seen_stdin = True
            data = stdin if stdin is not None else sys.stdin.buffer.read()
            inputs.append(Input("<stdin>", data=data))
            continue
        path = Path(name)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in _EXTENSIONS
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                raise UsageError(f"{name}: the directory holds no report file ({_LIST})")
            inputs.extend(Input(str(p), path=p) for p in found)
        elif not path.exists() and _GLOB_CHARACTERS & set(name):
            matches = sorted(glob.glob(name, recursive=True))
            files = [Path(m) for m in matches if Path(m).is_file()]
            if not files:
                raise UsageError(f"{name}: no file matches this pattern")
            inputs.extend(Input(str(p), path=p) for p in files)
        else:
            inputs.append(Input(name, path=path))
    return inputs


_LIST = ", ".join(sorted(_EXTENSIONS))


def progress(items: Iterable[T], *, total: int, enabled: bool = True) -> Iterator[T]:
    """*items*, with a progress bar on standard error when it is a terminal.

    The bar needs the ``progress`` extra (tqdm); without it, or when *enabled*
    is false, standard error is not a terminal or there are fewer than two
    items, *items* are given back unchanged.

    >>> list(progress([1, 2, 3], total=3))
    [1, 2, 3]
    """
    if not enabled or total < _MIN_FILES_FOR_PROGRESS or not sys.stderr.isatty():
        yield from items
        return
    try:
        from tqdm import tqdm  # noqa: PLC0415 - an optional extra, imported only when drawn
    except ImportError:
        yield from items
        return
    # leave=False: the bar goes away when done, leaving the output as without it.
    yield from tqdm(items, total=total, unit="file", leave=False, file=sys.stderr)
