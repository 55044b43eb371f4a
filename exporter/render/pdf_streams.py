"""ASCII85 for ReportLab's page streams, the same characters three times faster.

Part of the PDF renderer (imports ReportLab).  ReportLab writes every
compressed page stream through ASCII85, and without its optional C
accelerator (``rl_accel``, not a dependency here) it encodes in a Python
loop of ``divmod`` per 4 bytes: ~0.3 s of a 10,000-row summary, 3 s of a
100,000-row one.  The standard library's ``base64.a85encode`` produces
exactly the same characters (``z`` for a zero group, the short last group,
no line breaks) faster; ReportLab only adds the ``~>`` end mark.

:func:`fast_ascii85` swaps it in while one document is written and puts
ReportLab's function back afterwards, so nothing else in the process sees a
change; with the C accelerator installed it does nothing.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from contextlib import contextmanager

from reportlab.pdfbase import pdfdoc

__all__ = ["ascii85", "fast_ascii85"]


_original = pdfdoc.asciiBase85Encode


def ascii85(data) -> str:
    """ReportLab's ``asciiBase85Encode`` of *data*: ASCII85 with its ``~>`` end mark."""
    if not isinstance(data, (bytes, bytearray)):      # ReportLab also takes str; leave that to it
        return _original(data)
    return base64.a85encode(data).decode("ascii") + "~>"


def _is_pure_python(encoder) -> bool:
    """Whether ReportLab runs its Python fallback (no C accelerator installed)."""
    return getattr(encoder, "__module__", "") == "reportlab.lib.rl_accel"


@contextmanager
def fast_ascii85() -> Iterator[None]:
    """ReportLab encodes with :func:`ascii85` inside the block (only if it would use Python anyway)."""
    before = pdfdoc.asciiBase85Encode
    if not _is_pure_python(before):
        yield
        return
    pdfdoc.asciiBase85Encode = ascii85
    try:
        yield
    finally:
        pdfdoc.asciiBase85Encode = before
