"""Registers cchc's strategies with hypothesis (the ``hypothesis`` entry point).

Hypothesis calls :func:`_hypothesis_setup_hook` when it is imported, so that
``st.from_type(cchc.Report)`` (and ``Reporter``, ``Period``, ``Entry``) draw
from :mod:`cchc.strategies` in any project that has cchc installed.  The hook
registers functions, not strategies, and imports :mod:`cchc.strategies` only
when a type is first resolved: importing hypothesis stays cheap, and importing
``cchc.strategies`` first (which imports hypothesis, which runs this hook)
cannot go round in a circle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

    from cchc.periods import Period
    from cchc.reports import Report, Reporter
    from cchc.values import Entry


def _reports(_type: type[Report]) -> SearchStrategy[Report]:
    from cchc.strategies import reports  # noqa: PLC0415 - only when a test asks

    return reports()


def _reporters(_type: type[Reporter]) -> SearchStrategy[Reporter]:
    from cchc.strategies import reporters  # noqa: PLC0415 - only when a test asks

    return reporters()


def _periods(_type: type[Period]) -> SearchStrategy[Period]:
    from cchc.strategies import periods  # noqa: PLC0415 - only when a test asks

    return periods()


def _entries(_type: type[Entry]) -> SearchStrategy[Entry]:
    from cchc.strategies import entries  # noqa: PLC0415 - only when a test asks

    return entries()


def _hypothesis_setup_hook() -> None:
    """Register ``Report``, ``Reporter``, ``Period`` and ``Entry`` with ``st.from_type``."""
    # Imported here, not at the top: hypothesis runs this hook while it imports itself.
    from hypothesis import strategies as st  # noqa: PLC0415

    from cchc.periods import Period  # noqa: PLC0415
    from cchc.reports import Report, Reporter  # noqa: PLC0415
    from cchc.values import Entry  # noqa: PLC0415

    st.register_type_strategy(Report, _reports)
    st.register_type_strategy(Reporter, _reporters)
    st.register_type_strategy(Period, _periods)
    st.register_type_strategy(Entry, _entries)
