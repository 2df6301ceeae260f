"""The public names are a decision: adding or removing one changes this file.

The front door (``cchc.__all__``) keeps what a notebook user types; the rest stays
public in its topic module, each with its own ``__all__`` (kept sorted by ruff).
"""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import cchc

FRONT_DOOR = [
    "CheckResult",
    "Comparison",
    "Entry",
    "Finding",
    "Form",
    "Formatter",
    "Indicator",
    "Outcome",
    "Period",
    "Ratios",
    "Report",
    "Reporter",
    "Round",
    "RuleSet",
    "Severity",
    "Status",
    "__version__",
    "aggregate",
    "check",
    "check_many",
    "compare",
    "dumps",
    "example_report",
    "findings_records",
    "load_form",
    "loads",
    "ratios",
    "read",
    "records",
    "write",
]


def _public_modules() -> list[str]:
    found = []
    for info in pkgutil.walk_packages(cchc.__path__, prefix="cchc."):
        if not any(part.startswith("_") for part in info.name.split(".")):
            found.append(info.name)
    return sorted(found)


def test_the_front_door_is_pinned() -> None:
    assert cchc.__all__ == FRONT_DOOR
    assert len(cchc.__all__) <= 30
    assert sorted(dir(cchc)) == sorted(FRONT_DOOR)


def test_every_front_door_name_resolves() -> None:
    for name in cchc.__all__:
        assert getattr(cchc, name) is not None, name


@pytest.mark.parametrize("name", _public_modules())
def test_topic_modules_declare_an_all_of_real_names(name: str) -> None:
    # Its order is ruff's (RUF022: constants, classes, then functions, each sorted).
    module = importlib.import_module(name)
    declared = getattr(module, "__all__", None)
    assert declared is not None, f"{name} has no __all__"
    missing = [n for n in declared if not hasattr(module, n)]
    assert missing == [], f"{name}.__all__ names what it does not define"


def test_front_door_names_live_in_topic_modules() -> None:
    homes = {
        name: getattr(cchc, name).__module__
        for name in cchc.__all__
        if hasattr(getattr(cchc, name), "__module__")
    }
    assert all(module.startswith("cchc.") for module in homes.values()), homes


def test_a_name_that_left_the_front_door_still_resolves_with_a_warning() -> None:
    from cchc.aggregation import Median

    with pytest.warns(DeprecationWarning, match=r"cchc\.Median moved to cchc\.aggregation"):
        moved = cchc.Median
    assert moved is Median


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        _ = cchc.nothing_here
