"""Where the bundled files are: inside the installed package, or in a checkout.

A wheel carries ``fonts/`` and ``data/example/`` under ``exporter/_bundled/``
(pyproject's force-include); an editable install or a checkout finds them at
the repository root.  Either way ``exporter build`` works from any folder.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled(name: str, repo_path: str) -> Path:
    """The bundled folder ``name``: the installed copy first, then the checkout's."""
    installed = _PACKAGE / "_bundled" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / repo_path


def example_meeting() -> Path:
    """The example meeting of the seed article: what ``exporter build`` builds by default."""
    return bundled("example", "data/example") / "meeting.yaml"
