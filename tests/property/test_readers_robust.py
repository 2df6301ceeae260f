"""Readers raise only ``cchc.errors.CchcError``, whatever they are given.

Law: ``cchc.read(data, format=fmt)`` returns a report or raises a ``CchcError``
(which says where and what) for any bytes: random bytes, and files of every
format damaged the ways files get damaged (cut short, a slice lost or doubled,
bytes overwritten, lines shuffled).  Never an IndexError, KeyError,
UnicodeDecodeError, zipfile.BadZipFile or XML error.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cchc
from cchc import strategies as cst
from cchc.errors import CchcError

FORMATS = ["txt", "json", "csv", "docx", "xlsx"]


def read_or_refuse(data: bytes, fmt: str | None) -> None:
    try:
        report = cchc.read(data, format=fmt)
    except CchcError as err:
        message = str(err)  # says where and what
        assert message
    else:
        assert isinstance(report, cchc.Report)


@st.composite
def damaged(draw: st.DrawFn, data: bytes) -> bytes:
    """*data* damaged once: cut, a slice lost, doubled or overwritten, lines shuffled."""
    how = draw(st.sampled_from(["cut", "lose", "double", "overwrite", "shuffle"]))
    size = len(data)
    start = draw(st.integers(0, size))
    end = draw(st.integers(start, min(size, start + 64)))
    if how == "cut":
        return data[:start]
    if how == "lose":
        return data[:start] + data[end:]
    if how == "double":
        return data[:end] + data[start:end] + data[end:]
    if how == "overwrite":
        noise = draw(st.binary(min_size=1, max_size=16))
        return data[:start] + noise + data[start + len(noise) :]
    lines = data.split(b"\n")
    return b"\n".join(draw(st.permutations(lines)))


@st.composite
def damaged_files(draw: st.DrawFn, fmt: str) -> bytes:
    report = draw(cst.reports(max_notes=1, max_statuses=1))
    written = cchc.write(report, fmt)
    data = written.encode("utf-8") if isinstance(written, str) else written
    return draw(damaged(data))


@pytest.mark.parametrize("fmt", [*FORMATS, None])
@given(data=st.binary(max_size=512))
def test_random_bytes_are_refused_cleanly(fmt: str | None, data: bytes) -> None:
    """Random bytes are read or refused with a CchcError, in every format and when sniffed."""
    read_or_refuse(data, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
@given(data=st.data())
def test_damaged_files_are_refused_cleanly(fmt: str, data: st.DataObject) -> None:
    """A damaged file of any format is read or refused with a CchcError."""
    read_or_refuse(data.draw(damaged_files(fmt)), fmt)


@given(
    cst.text_tables(quirks=st.sets(st.sampled_from(cst.Quirk))).flatmap(
        lambda table: damaged(table.data)
    )
)
def test_damaged_text_tables_are_refused_cleanly(data: bytes) -> None:
    """Quirky text tables, damaged, are read or refused with a CchcError (also when sniffed)."""
    read_or_refuse(data, "txt")
    read_or_refuse(data, None)
