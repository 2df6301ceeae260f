"""Example reports shipped with cchc.

``phu-luc-2b-so-noi-vu-2021-h1.txt`` is the founding document of the project, byte
for byte: the Phụ lục 2B table of one Sở Nội vụ for the first half of 2021, as
text exported from Word.

``round/`` is a small example province for the reporting round: a register of
units (``units.toml``) and the files ten units sent for the first half of 2021
(``reports/``), made by ``docs/_tools/make_round_example.py``.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

__all__ = ["EXAMPLE_NAME", "example_bytes", "example_resource", "round_folder"]

EXAMPLE_NAME = "phu-luc-2b-so-noi-vu-2021-h1.txt"
"""The file name of the built-in example report."""


def example_resource(name: str = EXAMPLE_NAME) -> Traversable:
    """The packaged example file *name*."""
    return resources.files(__name__).joinpath(name)


def example_bytes(name: str = EXAMPLE_NAME) -> bytes:
    """The bytes of the packaged example file *name*, exactly as shipped.

    >>> example_bytes()[:15].decode("utf-8")
    ' Phụ lục 2B'
    """
    return example_resource(name).read_bytes()


def round_folder() -> Path:
    """The folder of the example province: ``units.toml`` and ``reports/``.

    >>> sorted(p.name for p in round_folder().iterdir())
    ['reports', 'units.toml']
    """
    return Path(str(resources.files(__name__).joinpath("round")))
