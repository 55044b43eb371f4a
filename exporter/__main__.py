"""``python -m exporter`` and the ``exporter`` command.

Before the CLI (and Typer) is imported, a build that wants a PDF forks the
standby that readies the PDF renderer (:mod:`exporter.standby`); whatever
happens after, an unused standby is stopped before the process exits.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    from . import standby

    standby.start_for(sys.argv[1:] if argv is None else argv)
    try:
        from .cli import main as run_cli

        run_cli(argv)
    finally:
        standby.dismiss()


if __name__ == "__main__":
    main()
