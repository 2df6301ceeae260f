"""Example reports shipped with cchc.

``phu-luc-2b-so-noi-vu-2021-h1.txt`` is the founding document of the project, byte
for byte: the Phụ lục 2B table of one Sở Nội vụ for the first half of 2021, as
text exported from Word.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

__all__ = ["EXAMPLE_NAME", "example_bytes", "example_resource"]

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
