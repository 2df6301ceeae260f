"""``python -m cchc``: the same program as the ``cchc`` command."""

from cchc.cli import main

raise SystemExit(main())
