"""The forms the strategy laws run on: the built-in one, a custom one, random ones.

``forms_under_test`` is a strategy of forms, once per kind: the built-in Phụ lục
2B (of 2021, the strategies' default, and of 2025), the dossier form of
``tests/forms/ho-so.toml`` (18 rows: sums, bounds, a
breakdown, an entered rate and a condition), and forms drawn by ``forms()``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import strategies as st

import cchc
from cchc import strategies as cst

HO_SO_PATH = Path(__file__).parent.parent / "forms" / "ho-so.toml"


@pytest.fixture(scope="session")
def ho_so_path() -> Path:
    """The file of the custom dossier form."""
    return HO_SO_PATH


@pytest.fixture(scope="session")
def ho_so() -> cchc.Form:
    """The custom dossier form."""
    return cchc.load_form(HO_SO_PATH)


@pytest.fixture(scope="session", params=["builtin", "builtin-2025", "ho-so", "random"])
def forms_under_test(request: pytest.FixtureRequest) -> st.SearchStrategy[cchc.Form]:
    """Each kind of form the laws run on, as a strategy."""
    which: str = request.param
    if which == "builtin":
        return st.just(cchc.load_form("phu-luc-2b@2021"))
    if which == "builtin-2025":
        return st.just(cchc.load_form("phu-luc-2b@2025"))
    if which == "ho-so":
        return st.just(cchc.load_form(HO_SO_PATH))
    return cst.forms()
