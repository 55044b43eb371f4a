"""Test-wide settings.

Hypothesis explores new examples on a developer's machine; in CI (CI=true)
it replays a fixed sequence, so a run can only fail on a real change. Timing
deadlines are off everywhere: this 2-core machine is noisy, and performance
is measured by bench/, not by tests.
"""

import os

from hypothesis import settings

settings.register_profile("exporter", deadline=None)
settings.register_profile("exporter-ci", deadline=None, derandomize=True, print_blob=True)
settings.load_profile("exporter-ci" if os.environ.get("CI") else "exporter")
