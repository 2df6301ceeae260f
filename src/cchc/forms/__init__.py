"""Built-in forms and the loader that reads any form file.

The built-in Phụ lục 2B is a TOML file shipped in this package and loaded by the
same :func:`load_form` a province uses for its own variant.  A form may have
several versions, each with its validity (:func:`form_versions`,
:func:`version_in_force`).
"""

from cchc.forms.loader import (
    BUILTIN_FORMS,
    builtin_forms,
    form_from_data,
    form_versions,
    load_form,
    version_in_force,
)

__all__ = [
    "BUILTIN_FORMS",
    "builtin_forms",
    "form_from_data",
    "form_versions",
    "load_form",
    "version_in_force",
]
