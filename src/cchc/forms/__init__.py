"""Built-in forms and the loader that reads any form file.

The built-in Phụ lục 2B is a TOML file shipped in this package and loaded by the
same :func:`load_form` a province uses for its own variant.
"""

from cchc.forms.loader import BUILTIN_FORMS, builtin_forms, form_from_data, load_form

__all__ = ["BUILTIN_FORMS", "builtin_forms", "form_from_data", "load_form"]
