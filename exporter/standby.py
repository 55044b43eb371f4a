"""The PDF renderer made ready on the second core while this process reads the meeting.

A PDF build does three things one after another: start the CLI (~0.1 s),
load the meeting (~0.1 s), import ReportLab and the renderer (~0.12 s), then
render.  The import needs nothing from the other two, so a *standby* child
(:class:`exporter.forked.Standby`) does it beside them: forked as early as
possible, it imports the renderer and reads the faces' coverage, then waits;
the build hands it the loaded model and the open staged file, and it renders.
The example's PDF build went from 0.61 s to 0.47 s (alternating runs;
bench/RESULTS.md has the full runs).

Two moments to fork:

- :func:`start_for` — ``python -m exporter``/``exporter`` before the CLI is
  even imported, when the command line is ``build`` with a PDF among its
  formats.  Reading the command line before Typer does is a guess, and a
  safe one: a wrong guess leaves the standby unused, and :func:`dismiss`
  stops it before the process exits.
- :func:`pdf_standby` — a build that finds no early standby forks one before
  it loads: each further meeting of one ``build``, ``exporter mail``, the
  library.  The scheduled job (``exporter run``) does not: its meetings are
  mostly unchanged, so the standby's ~0.15 s of CPU would be spent for
  nothing on every run.

The model crosses as a pickle, ~19 µs a row there and back, so a meeting
with more than :data:`MAX_ROWS` list rows is not handed over: past a few
thousand rows the pickle costs more than the import it hides.  Such a meeting
is rendered as before (in a child forked after the load, which inherits the
model, or in this process), and the standby is stopped.  So is a standby
whose meeting turns out to be current (nothing to rebuild): it cost the
second core its import, not this process's time.  A standby found dead
when the meeting is handed over (the OOM killer, a signal, a failed import)
is replaced by the usual render; one that dies after it took the meeting
fails the build, as the child forked after the load does.

None of this happens where :func:`exporter.forked.parallel_available` says
no (one CPU, ``EXPORTER_JOBS=1``, SIGCHLD ignored), or when this process has
already imported the renderer (a library caller that rendered a PDF before).  The documents are the same bytes either way.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:     # imported when a standby is wanted: every command reads argv here first
    from .forked import Standby

__all__ = ["MAX_ROWS", "dismiss", "hand_over", "pdf_standby", "start_for", "worth_handing"]

PDF_MODULE = "exporter.render.pdf"

MAX_ROWS = 4_000
"""Most list rows (awardees + targets) a meeting may have to be handed to the standby.

At 3,000 rows the pickle costs ~56 ms there and back against the ~120 ms
import it hides; at 12,000 rows it costs 270 ms.
"""

_early: Standby | None = None


def start_for(argv: Sequence[str]) -> None:
    """Fork the standby now if *argv* looks like ``build`` with a PDF among its formats."""
    global _early
    if _early is None and _builds_pdf(argv) and _helps():
        _early = _fork()


def _builds_pdf(argv: Sequence[str]) -> bool:
    """``build`` is the command and ``--format`` is absent or names the PDF; no ``--help``."""
    args = list(argv)
    command = next((a for a in args if not a.startswith("-")), None)
    if command != "build" or "--help" in args:
        return False
    formats = None
    for i, arg in enumerate(args):
        if arg in ("--format", "-f") and i + 1 < len(args):
            formats = args[i + 1]
        elif arg.startswith("--format="):
            formats = arg.split("=", 1)[1]
        elif arg.startswith("-f") and len(arg) > 2:
            formats = arg[2:]
    return formats is None or "pdf" in formats.lower()


def _helps() -> bool:
    from importlib.util import find_spec

    from .forked import parallel_available

    return PDF_MODULE not in sys.modules and parallel_available() and find_spec(PDF_MODULE) is not None


def _fork() -> Standby | None:
    from .forked import Standby

    try:
        return Standby(prepare=_prepare, work=_render)
    except OSError:              # cannot fork now: the build goes on without it
        return None


def _prepare() -> None:
    """What the PDF needs before there is a meeting: the renderer, and which characters each face has.

    The coverage read here is of the faces the environment names; the build
    sends its own font set, whose files are then found in the per-process
    cache (or read again, if the build was given other fonts).
    """
    from .build import FORMATS, renderer
    from .fonts import FontConfigError, resolve_fonts

    renderer(FORMATS["pdf"])
    try:
        resolve_fonts().read_coverage()
    except (FontConfigError, OSError):   # the build reports its own font problems
        pass


def _render(meeting, faces, fh) -> None:
    from .build import render_one
    from .fonts import FontSet

    render_one("pdf", meeting, FontSet(faces), fh, sync=True)


@contextmanager
def pdf_standby(formats: Sequence[str], wanted: bool = True) -> Iterator[Standby | None]:
    """The standby for this build: the early one, else one forked now, else None (also when not *wanted*).

    A standby the build did not hand anything to is stopped on the way out.
    """
    global _early
    standby = None
    if wanted and "pdf" in formats:
        standby, _early = _early, None
        if standby is None and _helps():
            standby = _fork()
    try:
        yield standby
    finally:
        if standby is not None:
            standby.stop()


def worth_handing(meeting) -> bool:
    """Whether *meeting* is small enough to cross to the standby (see :data:`MAX_ROWS`)."""
    rows = sum(len(part.rows) for part in (meeting.awards, meeting.targets) if part is not None)
    return rows <= MAX_ROWS


def hand_over(standby: Standby, meeting, fonts, fd: int) -> None:
    """Give the standby the meeting, the font set and the staged PDF's open descriptor."""
    standby.hand((meeting, dict(fonts.faces)), fd)


def dismiss() -> None:
    """Stop an early standby no build took: the command never got that far (a usage error, a wrong guess).

    A build that took it stops it itself when it has no use for it (a bad
    meeting, nothing to rebuild, a long list): :func:`pdf_standby`.
    """
    global _early
    standby, _early = _early, None
    if standby is not None:
        standby.stop()
