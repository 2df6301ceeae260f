"""Names of reporting units: the kind a name says, and its spelling from an all-caps title.

Title blocks name the reporting unit (``TẠI SỞ NỘI VỤ``, ``… của UBND đặc khu Phú
Quốc``).  :func:`reporter_kind` tells the :class:`~cchc.model.ReporterKind` from
the name, for the two-level local government too (xã, phường and đặc khu are
communes; the province's named bodies are departments); :func:`tidy_unit_name`
writes an all-caps name the way Vietnamese administrative writing spells it
(Nghị định 30/2020/NĐ-CP, Phụ lục II: capital letters for the kind of body and for
the first word of each field it works in).

>>> reporter_kind("UBND đặc khu Phú Quốc"), tidy_unit_name("SỞ NỘI VỤ")
(<ReporterKind.COMMUNE: 'commune'>, 'Sở Nội vụ')
"""

from __future__ import annotations

import re
from typing import Final

from cchc._text import match_key
from cchc.model import ReporterKind

__all__ = ["reporter_kind", "tidy_unit_name"]

# The cities under the central government: "UBND thành phố Hà Nội" is a province.
_CENTRAL_CITIES: Final = (
    "hà nội", "hồ chí minh", "hải phòng", "đà nẵng", "cần thơ", "huế",
)  # fmt: skip

# Prefixes (on match_key) that tell the kind of a reporting unit, most specific first.
_KIND_PREFIXES: Final[tuple[tuple[str, ReporterKind], ...]] = (
    *((f"ubnd thành phố {city}", ReporterKind.PROVINCE) for city in _CENTRAL_CITIES),
    *((f"ubnd tp {city}", ReporterKind.PROVINCE) for city in _CENTRAL_CITIES),
    *((f"thành phố {city}", ReporterKind.PROVINCE) for city in _CENTRAL_CITIES),
    ("ubnd tỉnh", ReporterKind.PROVINCE),
    ("ủy ban nhân dân tỉnh", ReporterKind.PROVINCE),
    ("uỷ ban nhân dân tỉnh", ReporterKind.PROVINCE),
    ("tỉnh", ReporterKind.PROVINCE),
    ("ubnd huyện", ReporterKind.DISTRICT),
    ("ubnd quận", ReporterKind.DISTRICT),
    ("ubnd thị xã", ReporterKind.DISTRICT),
    ("ubnd thành phố", ReporterKind.DISTRICT),
    ("ubnd tp", ReporterKind.DISTRICT),
    ("ubnd xã", ReporterKind.COMMUNE),
    ("ubnd phường", ReporterKind.COMMUNE),
    ("ubnd đặc khu", ReporterKind.COMMUNE),
    ("ubnd thị trấn", ReporterKind.COMMUNE),
    ("huyện", ReporterKind.DISTRICT),
    ("quận", ReporterKind.DISTRICT),
    ("thị xã", ReporterKind.DISTRICT),
    ("thành phố", ReporterKind.DISTRICT),
    ("xã", ReporterKind.COMMUNE),
    ("phường", ReporterKind.COMMUNE),
    ("đặc khu", ReporterKind.COMMUNE),
    ("thị trấn", ReporterKind.COMMUNE),
    ("sở", ReporterKind.DEPARTMENT),
    ("ban", ReporterKind.DEPARTMENT),
    ("văn phòng", ReporterKind.DEPARTMENT),
    ("thanh tra tỉnh", ReporterKind.DEPARTMENT),
    ("thanh tra thành phố", ReporterKind.DEPARTMENT),
    ("trung tâm phục vụ hành chính công", ReporterKind.DEPARTMENT),
    ("đài phát thanh và truyền hình", ReporterKind.DEPARTMENT),
    ("chi cục", ReporterKind.CENTRAL),
    ("cục", ReporterKind.CENTRAL),
    ("kho bạc", ReporterKind.CENTRAL),
    ("bảo hiểm xã hội", ReporterKind.CENTRAL),
    ("công an", ReporterKind.CENTRAL),
    ("thuế", ReporterKind.CENTRAL),
    ("hải quan", ReporterKind.CENTRAL),
    ("ngân hàng", ReporterKind.CENTRAL),
)
_UBND_LONG: Final = re.compile(
    r"^(?:ủy|uỷ) ban nhân dân (?=huyện|quận|thị|thành|xã|phường|đặc khu|tp )"
)

REPORTER_START: Final = (
    r"(?:ubnd|ủy ban nhân dân|uỷ ban nhân dân|sở|ban|văn phòng|thanh tra|chi cục|cục|"
    r"kho bạc|bảo hiểm xã hội|công an|thuế|hải quan|ngân hàng|trung tâm phục vụ|"
    r"đài phát thanh|tỉnh|huyện|quận|thị xã|thành phố|xã|phường|đặc khu|thị trấn)"
)
"""A regular expression (lower case) for the words a unit's name starts with."""

_LEVEL_WORDS: Final = frozenset(
    {"tỉnh", "huyện", "quận", "thị", "xã", "thành", "phố", "phường", "trấn", "đặc", "khu"}
)
_ACRONYMS: Final = frozenset(
    {"UBND", "HĐND", "TP", "TN&MT", "TNMT", "KH&CN", "GD&ĐT", "LĐTBXH", "ĐBQH", "NN&MT", "NNMT"}
)
# The words naming the kind of body, as spelled: the field words follow them.
_BODY_WORDS: Final = (
    ("bảo", "hiểm", "xã", "hội"),
    ("ủy", "ban", "nhân", "dân"),
    ("uỷ", "ban", "nhân", "dân"),
    ("trung", "tâm"),
    ("văn", "phòng"),
    ("chi", "cục"),
    ("kho", "bạc"),
    ("thanh", "tra"),
    ("công", "an"),
    ("ngân", "hàng"),
    ("hải", "quan"),
    ("đài",),
    ("sở",),
    ("ban",),
    ("cục",),
)
# Names whose spelling breaks the rule of one capital per field.
_SPELLED: Final = {"công thương": "Công Thương", "kho bạc nhà nước": "Kho bạc Nhà nước"}
_PLACE_WORDS: Final = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "đặc khu")


def reporter_kind(name: str) -> ReporterKind | None:
    """The kind of reporting unit a name says it is, or ``None``.

    >>> reporter_kind("Sở Nội vụ"), reporter_kind("UBND huyện Hải Hậu")
    (<ReporterKind.DEPARTMENT: 'department'>, <ReporterKind.DISTRICT: 'district'>)
    >>> reporter_kind("Kho bạc Nhà nước tỉnh"), reporter_kind("UBND tỉnh Nam Định")
    (<ReporterKind.CENTRAL: 'central'>, <ReporterKind.PROVINCE: 'province'>)
    >>> reporter_kind("Trung tâm Phục vụ hành chính công tỉnh Nghệ An")
    <ReporterKind.DEPARTMENT: 'department'>
    >>> reporter_kind("UBND phường Ba Đình"), reporter_kind("UBND thành phố Hà Nội")
    (<ReporterKind.COMMUNE: 'commune'>, <ReporterKind.PROVINCE: 'province'>)
    >>> reporter_kind("Trung tâm Y tế") is None
    True
    """
    key = _UBND_LONG.sub("ubnd ", match_key(name))
    for prefix, kind in _KIND_PREFIXES:
        if key == prefix or key.startswith(prefix + " "):
            return kind
    return None


def _capital(word: str) -> str:
    return word[:1].upper() + word[1:]


def _place(words: list[str]) -> list[str]:
    """An administrative place: level words in lower case, the place's name capitalised."""
    return [
        w if w in _ACRONYMS else w.lower() if w.lower() in _LEVEL_WORDS else w.capitalize()
        for w in words
    ]


def _body(words: list[str]) -> list[str] | None:
    """A body's name: its kind, then fields each with one capital, then a place."""
    lower = [w.lower() for w in words]
    kind = next((k for k in _BODY_WORDS if tuple(lower[: len(k)]) == k), None)
    if kind is None:
        return None
    out = [_capital(lower[0]), *lower[1 : len(kind)]]
    rest = words[len(kind) :]
    # The place at the end ("… tỉnh Nghệ An") is spelled as a place.
    place_at = next(
        (
            i
            for i in range(len(rest))
            for p in _PLACE_WORDS
            if " ".join(w.lower() for w in rest[i : i + len(p.split())]) == p
            # "xã hội" is a field (Lao động - Thương binh và Xã hội), not a commune.
            and " ".join(w.lower() for w in rest[i : i + 2]) != "xã hội"
        ),
        len(rest),
    )
    fields, place = rest[:place_at], rest[place_at:]
    start = True
    for word in fields:
        low = word.lower()
        if word in _ACRONYMS:
            out.append(word)
        elif low in ("và", "-", "–", "&"):
            out.append(low)
            start = True
            continue
        else:
            bare = low.rstrip(",")
            out.append(_capital(low) if start else low)
            if bare != low:  # a comma ends a field too
                start = True
                continue
        start = False
    text = " ".join(out)
    for wrong, right in _SPELLED.items():
        text = re.sub(wrong, right, text, flags=re.IGNORECASE)
    return [*text.split(), *_place(place)]


def tidy_unit_name(name: str) -> str:
    """A unit's name with its spaces tidied and, if all in capitals, spelled as in prose.

    Mixed-case names are kept as written.  An all-caps name gets the capitals of
    Vietnamese administrative writing: the kind of body and the first word of each
    field it works in (``Sở Văn hóa, Thể thao và Du lịch``); an administrative
    place keeps its level word in lower case (``UBND huyện Hải Hậu``).

    >>> tidy_unit_name("SỞ GIÁO DỤC VÀ ĐÀO TẠO"), tidy_unit_name("UBND ĐẶC KHU PHÚ QUỐC")
    ('Sở Giáo dục và Đào tạo', 'UBND đặc khu Phú Quốc')
    >>> tidy_unit_name("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH NGHỆ AN")
    'Trung tâm Phục vụ hành chính công tỉnh Nghệ An'
    >>> tidy_unit_name("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"), tidy_unit_name("Sở Nội Vụ")
    ('Sở Văn hóa, Thể thao và Du lịch', 'Sở Nội Vụ')
    """
    name = " ".join(name.split()).strip(" .,;:()")
    if name != name.upper() or not name:
        return name
    words = name.split()
    first = words[0].lower()
    spelled = None if first in ("ubnd", "ủy", "uỷ") and _is_place_after(words) else _body(words)
    if spelled is None:
        long_form = first in ("ủy", "uỷ") and len(words) > 4
        spelled = (
            [*(w.lower() for w in words[:4]), *_place(words[4:])] if long_form else _place(words)
        )
    spelled[0] = _capital(spelled[0])
    return " ".join(spelled)


def _is_place_after(words: list[str]) -> bool:
    """Whether a UBND name goes on with an administrative level ("UBND HUYỆN …")."""
    start = 4 if words[0].lower() in ("ủy", "uỷ") else 1
    following = " ".join(w.lower() for w in words[start : start + 2])
    return any(following == p or following.startswith(p + " ") for p in _PLACE_WORDS) or (
        following.startswith("tp")
    )
