"""How a CSV file was saved: its encoding and its delimiter, told from its bytes.

Excel in a Vietnamese locale saves "CSV" with semicolons (the comma is the
decimal mark there), and, depending on the choice in its Save As list, as UTF-8
with a byte-order mark or in the Windows Vietnamese code page (Windows-1258).
Reading accepts all three and says what it did in a ``read.…`` diagnostic:

* a byte-order mark is dropped (nothing to say: it is how Excel marks UTF-8);
* bytes that are not UTF-8 are read as Windows-1258 only when every non-ASCII
  character they give is a Vietnamese letter or common punctuation, which
  text in another code page, or bytes that are not text, practically never
  satisfy; otherwise reading stops with a message saying how to save the file;
* the delimiter is the semicolon when the header row holds ``code`` once split
  at semicolons and not once split at commas.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from typing import Final

import attrs

from cchc.errors import ReadError

__all__ = ["Dialect", "sniff"]

_BASES: Final = "aăâeêioôơuưy"
_TONES: Final = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
_VIETNAMESE: Final = frozenset(
    unicodedata.normalize("NFC", base + tone) for base in _BASES for tone in _TONES
) | frozenset("đ")
_LETTERS: Final = _VIETNAMESE | frozenset(c.upper() for c in _VIETNAMESE)
# Punctuation that Windows-1258 holds and Vietnamese documents use.
_PUNCTUATION: Final = frozenset("\u00a0–—…“”‘’•°±×÷§«»·")


@attrs.frozen
class Dialect:
    """The text of a CSV file and how it was saved.

    Attributes:
        text: the decoded text, without a byte-order mark.
        delimiter: ``","`` or ``";"``.
        encoding: ``"utf-8"`` or ``"cp1258"``.
    """

    text: str
    delimiter: str = ","
    encoding: str = "utf-8"


def sniff(data: str | bytes, *, source: str) -> Dialect:
    """Decode *data* and tell its delimiter.

    Raises:
        ReadError: the bytes are neither UTF-8 nor Vietnamese Windows-1258 text.

    >>> sniff(b"\\xef\\xbb\\xbfcode;value\\r\\n1.1.1;49\\r\\n", source="x.csv").delimiter
    ';'
    >>> d = sniff("code,value\\n1.1.1,49\\n".encode("cp1258"), source="x.csv")
    >>> d.delimiter, d.encoding
    (',', 'utf-8')
    >>> d = sniff(b"code;note\\n1.1.1;Ch\\xfda ki\\xeam tra\\n", source="x.csv")
    >>> d.encoding, d.text.splitlines()[1]
    ('cp1258', '1.1.1;Chưa kiêm tra')
    >>> sniff("code,note\\n1.1.1,Größe\\n".encode("cp1252"), source="x.csv")
    Traceback (most recent call last):
    ...
    cchc.errors.ReadError: x.csv: 1 problem:
      byte 18: not UTF-8 text, nor Vietnamese Windows-1258 (bytes f6 df 65 0a …): save ...
    """
    encoding = "utf-8"
    if isinstance(data, str):
        text = data
    else:
        raw = bytes(data)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            vietnamese = _windows_1258(raw)
            if vietnamese is None:
                bad = raw[error.start : error.start + 4].hex(" ")
                msg = (
                    f"not UTF-8 text, nor Vietnamese Windows-1258 (bytes {bad} …): "
                    'save the file as "CSV UTF-8"'
                )
                raise ReadError.one(msg, source=source, location=f"byte {error.start}") from None
            text, encoding = vietnamese, "cp1258"
    text = text.removeprefix("\ufeff")
    return Dialect(text=text, delimiter=_delimiter(text), encoding=encoding)


def _windows_1258(raw: bytes) -> str | None:
    """*raw* read as Windows-1258, when it reads as Vietnamese; else ``None``."""
    try:
        # Windows-1258 writes tones as combining marks after the letter: compose them.
        text = unicodedata.normalize("NFC", raw.decode("cp1258"))
    except UnicodeDecodeError:
        return None
    strange = {c for c in text if ord(c) > 127 and c not in _LETTERS and c not in _PUNCTUATION}
    if strange or not any(c in _LETTERS for c in text):
        return None
    return text


def _header_names(line: str, delimiter: str) -> list[str]:
    try:
        record = next(csv.reader(io.StringIO(line), delimiter=delimiter), [])
    except csv.Error:
        return []
    return [cell.strip().lower() for cell in record]


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    if "code" in _header_names(first, ","):
        return ","
    return ";" if "code" in _header_names(first, ";") else ","
