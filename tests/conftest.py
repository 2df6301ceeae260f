"""Hypothesis profiles for the test suite (loaded here, at the root of the tests,
so that ``--hypothesis-profile`` given on the command line still wins).

``dev`` (the default) explores more; ``ci`` (chosen when the ``CI`` environment
variable is set, or with ``--hypothesis-profile=ci``) keeps the whole suite within
a few minutes on two cores: fewer examples, no deadline (shared runners stall),
no example database, and a derandomised run so a red build is reproducible.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "dev",
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "ci",
    max_examples=30,
    deadline=None,
    database=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("ci" if os.environ.get("CI") else "dev")
