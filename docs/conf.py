"""Sphinx configuration for the cchc documentation.

Build with ``sphinx-build -W --keep-going -b html docs docs/_build/html``.
No extension here needs the network (no intersphinx), so CI builds offline.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

# Document the source tree even when the package is not installed.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from cchc import __version__

project = "cchc"
author = "cchc developers"
copyright = "cchc developers"
release = __version__
version = ".".join(__version__.split(".")[:2])
language = "en"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
]

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store", "**/.pytest_cache"]

# MyST: ``:::`` fences and definition lists for prose pages, and anchors on
# headings so pages can link to sections of each other (``page.md#heading``).
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# autodoc: members in source order, type hints in the description rather than in
# long signatures. Options are given per directive in api.md, so that the
# re-exports of ``cchc`` are documented once, in their own modules.
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_typehints_format = "short"
# Without this, every attrs class would list its fields twice: once as the
# documented attributes, once as bare constructor parameters.
autodoc_typehints_description_target = "documented_params"
autodoc_default_options: dict[str, object] = {}

napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = True
napoleon_attr_annotations = True

# Napoleon turns type names in docstrings into cross-references; several of
# them (``Decimal``, ``Path``, attrs internals) have no target without
# intersphinx, which needs the network. Missing targets are not errors.
nitpicky = False

html_theme = "furo"
html_title = f"cchc {release}"
html_static_path: list[str] = []


# Napoleon reads the first line of an attribute or property docstring as
# "type: description", so "Logically impossible data: the report must be
# corrected." would render as a type named "Logically impossible data". cchc
# never writes types inline (they come from the annotations), so attribute,
# data and property docstrings are shown exactly as written: the text is saved
# before napoleon runs (priority 500) and put back after it.
_AS_WRITTEN = frozenset({"attribute", "data", "property"})
_saved: dict[str, list[str]] = {}


# Both handlers take the positional arguments of Sphinx's event API.
def _save_docstring(  # noqa: PLR0917
    app: Sphinx, what: str, name: str, obj: object, options: object, lines: list[str]
) -> None:
    if what in _AS_WRITTEN:
        _saved[name] = list(lines)


def _restore_docstring(  # noqa: PLR0917
    app: Sphinx, what: str, name: str, obj: object, options: object, lines: list[str]
) -> None:
    original = _saved.pop(name, None)
    if what in _AS_WRITTEN and original is not None:
        lines[:] = original


# attrs gives a field with a factory the default ``NOTHING`` in ``__init__``; the
# reader wants to know there is a default built per instance, as dataclasses say it.
def _attrs_defaults(  # noqa: PLR0917
    app: Sphinx,
    what: str,
    name: str,
    obj: object,
    options: object,
    signature: str | None,
    return_annotation: str | None,
) -> tuple[str | None, str | None] | None:
    if signature is None or "NOTHING" not in signature:
        return None
    return re.sub(r"=\s*NOTHING\b", "=<factory>", signature), return_annotation


def setup(app: Sphinx) -> dict[str, bool]:
    app.connect("autodoc-process-signature", _attrs_defaults)
    app.connect("autodoc-process-docstring", _save_docstring, priority=400)
    app.connect("autodoc-process-docstring", _restore_docstring, priority=600)
    return {"parallel_read_safe": True}
