"""Text normalisation shared by the form loader and the table readers.

Vietnamese text arrives in either Unicode normalisation form (Windows exports are
often NFD), with non-breaking spaces, doubled spaces and Word artefacts such as
``[bookmark: _GoBack]``.  Matching a table against a form must see through all of
that, while the text kept for people stays as it was written.
"""

from __future__ import annotations

import re
import unicodedata

_WORD_ARTEFACT = re.compile(r"\[bookmark:[^\]]*\]")
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")


def clean(text: str) -> str:
    """Return *text* in NFC without Word artefacts and stray whitespace.

    Each line is stripped and inner runs of spaces become one space; blank lines
    are dropped, so a paragraph break left at the end of a cell disappears.

    >>> clean("[bookmark: _GoBack]Số  nhiệm vụ\\u00a0đã hoàn thành ")
    'Số nhiệm vụ đã hoàn thành'
    >>> clean("Xây dựng\\n\\n Liên thông 2 cấp ")
    'Xây dựng\\nLiên thông 2 cấp'
    """
    text = unicodedata.normalize("NFC", _WORD_ARTEFACT.sub("", text))
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def match_key(text: str) -> str:
    """Return a key under which two spellings of the same label compare equal.

    Case, normalisation form, dashes, spacing, line breaks and trailing
    punctuation (``.``, ``:``) do not matter; diacritics do, because in Vietnamese
    they change the word.

    >>> match_key("Số TTHC cấp tỉnh:") == match_key("số tthc  cấp tỉnh")
    True
    >>> match_key("Tài nguyên – Môi trường") == match_key("Tài nguyên - Môi trường")
    True
    """
    text = _DASHES.sub("-", clean(text)).replace("\n", " ")
    return _SPACES.sub(" ", text).strip().rstrip(".:;, ").casefold()


def short_name(name: str, limit: int = 60) -> str:
    """*name* on one line, cut to *limit* characters with an ellipsis: for reprs.

    >>> short_name("Sở Nội vụ"), short_name("x" * 70, limit=10)
    ('Sở Nội vụ', 'xxxxxxxxx…')
    """
    flat = " ".join(name.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
