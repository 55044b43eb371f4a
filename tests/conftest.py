"""Test-wide settings.

Hypothesis explores new examples on a developer's machine; in CI (CI=true)
it replays a fixed sequence, so a run can only fail on a real change. Timing
deadlines are off everywhere: this 2-core machine is noisy, and performance
is measured by bench/, not by tests.
"""

import os

import pytest
from hypothesis import settings

settings.register_profile("exporter", deadline=None)
settings.register_profile("exporter-ci", deadline=None, derandomize=True, print_blob=True)
settings.load_profile("exporter-ci" if os.environ.get("CI") else "exporter")


@pytest.fixture
def pdf_fails_half_written(monkeypatch):
    """The PDF renderer writes the start of a file, then fails as a full disk would; returns the message."""
    from exporter import build as build_module
    from exporter.errors import OutputError

    real = build_module.renderer
    message = "磁盘已满（测试）"

    def renderer(fmt):
        if fmt.key != "pdf":
            return real(fmt)

        def render(meeting, fonts, fh):
            fh.write(b"%PDF-1.4 half")
            raise OutputError(message)
        return render

    monkeypatch.setattr(build_module, "renderer", renderer)
    return message
