"""``python -m exporter`` is the same as the ``exporter`` command."""

from .cli import main

main()
